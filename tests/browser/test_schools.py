"""Schools for parents in headless Chromium: a postcode search lists nearest first, a profile
shows its inspection timeline across academy conversion, three schools compared from the
finder, filters and a compare postcode that keep the chosen schools, and clear messages for an
unknown URN and a bad postcode."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.browser.browser_support import Problems

pytestmark = pytest.mark.browser
POSTCODE = "ST16 2DH"


@pytest.fixture(scope="module")
def store_tables(served_store: Path) -> dict[str, pd.DataFrame]:
    """The school tables of the served store (these tests need the real, built store)."""
    if not (served_store / "schools.parquet").exists():
        pytest.skip("the served store has no school tables (run make data)")
    return {name: pd.read_parquet(served_store / f"{name}.parquet")
            for name in ("schools", "postcodes", "inspections")}


def test_postcode_search_lists_nearest_first(open_page: Callable[[str], Page],
                                             problems: Problems,
                                             store_tables: dict[str, pd.DataFrame]) -> None:
    page = open_page("/schools")
    page.get_by_label("School name, town or postcode").fill(POSTCODE)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/schools\?q=ST16\+2DH$"))
    expect(page.locator("#school-results-heading")).to_contain_text(f"nearest to {POSTCODE}")
    shown = page.locator(".school-results > li").evaluate_all(
        """items => items.map(li => [Number(li.dataset.urn),
            Number(li.querySelector('[data-distance-m]')?.dataset.distanceM)])""")
    metres = [m for _, m in shown]
    assert len(shown) >= 10 and metres == sorted(metres)
    # The same straight line, worked out from the Code-Point grid references.
    postcodes, schools = store_tables["postcodes"], store_tables["schools"].set_index("urn")
    origin = postcodes.set_index("postcode").loc[POSTCODE]
    for urn, shown_metres in shown[:5]:
        school = schools.loc[urn]
        expected = math.hypot(school["easting"] - origin["easting"],
                              school["northing"] - origin["northing"])
        assert abs(shown_metres - expected) <= 1
    open_schools = schools[schools["is_open"].fillna(False).astype(bool)].dropna(
        subset=["easting"])
    nearest = ((open_schools["easting"] - origin["easting"]) ** 2
               + (open_schools["northing"] - origin["northing"]) ** 2).idxmin()
    assert shown[0][0] == nearest
    assert problems.items == []


def converted_academy(tables: dict[str, pd.DataFrame]) -> tuple[int, int]:
    """An open school whose predecessor (before conversion) has an inspection on record."""
    schools, inspections = tables["schools"], tables["inspections"]
    inspected = set(inspections["urn"])
    for row in schools[schools["is_open"].fillna(False).astype(bool)].itertuples():
        predecessors = [int(u) for u in str(row.predecessor_urns or "").split(";") if u]
        found = [u for u in predecessors if u in inspected]
        if found and row.urn in inspected:
            return int(row.urn), found[0]
    pytest.skip("no converted academy with inspections on both sides in the store")


def test_profile_shows_the_timeline_across_conversion(open_page: Callable[[str], Page],
                                                      problems: Problems,
                                                      store_tables: dict[str, pd.DataFrame]
                                                      ) -> None:
    urn, predecessor = converted_academy(store_tables)
    page = open_page(f"/school/{urn}")
    name = store_tables["schools"].set_index("urn").loc[urn, "name"]
    expect(page.locator("h1")).to_have_text(name)
    timeline = page.locator("#inspection-timeline")
    expect(timeline.locator("li[data-kind=conversion]")).to_have_count(1)
    expect(timeline.locator(f"li[data-urn='{predecessor}']").first).to_contain_text(
        f"URN {predecessor}")
    expect(timeline.locator(f"li[data-urn='{urn}']").first).to_be_visible()
    expect(page.locator("#results-heading")).to_be_visible()
    expect(page.locator(".school-map img")).to_have_attribute("alt", re.compile(name))
    assert problems.items == []


def test_compare_three_schools_from_the_finder(open_page: Callable[[str], Page],
                                               problems: Problems,
                                               store_tables: dict[str, pd.DataFrame]) -> None:
    page = open_page(f"/schools?q={POSTCODE}")
    results = page.locator(".school-results > li")
    chosen = []
    for i in range(3):
        item = results.nth(i)
        chosen.append(item.get_attribute("data-urn"))
        item.get_by_role("link", name=re.compile("^Add .* to compare$")).click()
        expect(page.locator("#basket-heading")).to_have_text(f"Schools to compare ({i + 1} of 4)")
    page.get_by_role("link", name="Compare these 3 schools").click()
    expect(page).to_have_url(re.compile(r"/compare\?urn=\d+&urn=\d+&urn=\d+&postcode=ST16"))
    headers = page.locator(".compare-table thead th[data-urn]")
    expect(headers).to_have_count(3)
    assert headers.evaluate_all("ths => ths.map(th => th.dataset.urn)") == chosen
    expect(page.locator("tr[data-row=distance] td")).to_have_count(3)
    expect(page.locator("tr[data-row=inspection] td")).to_have_count(3)
    headers.nth(1).get_by_role("link", name=re.compile("^Remove")).click()
    expect(headers).to_have_count(2)
    expect(page).to_have_url(re.compile(f"urn={chosen[0]}&urn={chosen[2]}&postcode="))
    page.set_viewport_size({"width": 390, "height": 800})
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems.items == []


def test_unknown_urns_and_bad_postcodes_get_clear_messages(page: Page, base_url: str,
                                                           open_page: Callable[[str], Page],
                                                           problems: Problems,
                                                           store_tables: dict[str, pd.DataFrame]
                                                           ) -> None:
    problems.allow(r"/school/(999999999|abc)")  # the pages themselves answer 404, as they should
    problems.allow(r"status of 404")
    for reference in ("999999999", "abc"):
        response = page.goto(f"{base_url}/school/{reference}")
        assert response is not None and response.status == 404
        expect(page.locator("#page-content h1")).to_have_text("School not found")
        expect(page.locator("#page-content")).to_contain_text(reference)
        assert "Traceback" not in page.content()
    page = open_page("/schools")
    box = page.get_by_label("School name, town or postcode")
    for typed, message in (("WV3 8DZ", "WV3 8DZ is not a Staffordshire postcode in Code-Point "
                                       "Open"),
                           ("ST16 2D", "'ST16 2D' is not a valid postcode")):
        box.fill(typed)
        page.get_by_role("button", name="Search").click()
        expect(page.locator(".search-message")).to_contain_text(message)
        expect(page.locator(".school-results")).to_have_count(0)
    assert problems.items == []


def test_filters_and_postcodes_keep_the_chosen_schools(open_page: Callable[[str], Page],
                                                       problems: Problems,
                                                       store_tables: dict[str, pd.DataFrame]
                                                       ) -> None:
    schools = store_tables["schools"]
    first, second = (str(u) for u in schools[schools["is_open"].fillna(False).astype(bool)]
                     ["urn"].head(2))
    page = open_page(f"/schools?q=leek&compare={first}")
    page.locator("summary", has_text="Filter the list").click()
    page.get_by_label("Phase or type of school").select_option("secondary")
    expect(page).to_have_url(re.compile(f"/schools\\?q=leek&phase=secondary&compare={first}$"))
    expect(page.locator("#school-results-heading")).to_contain_text("secondary schools")
    expect(page.locator("#basket-heading")).to_have_text("Schools to compare (1 of 4)")
    page = open_page(f"/compare?urn={first}&urn={second}")
    page.get_by_label("Distance from a postcode (optional)").fill(POSTCODE.lower())
    page.get_by_role("button", name="Show distances").click()
    expect(page.locator("tr[data-row=distance] td")).to_have_count(2)
    expect(page).to_have_url(re.compile(f"urn={first}&urn={second}&postcode=st16\\+2dh$"))
    assert problems.items == []
