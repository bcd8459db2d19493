"""Every page in headless Chromium: clean loads, the Overview's numbers against the measures
table, navigation, page settings, the not-found page, /health and the phone layout."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Locator, Page, expect

from dashboard.config import load_area
from tests.browser.browser_support import Problems, navigation_pages

pytestmark = pytest.mark.browser
NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?%?$")


@pytest.mark.parametrize("path", [p["path"] for p in navigation_pages()])
def test_every_page_loads_with_no_errors(open_page: Callable[[str], Page], problems: Problems,
                                         path: str) -> None:
    page = open_page(path)
    info = next(p for p in navigation_pages() if p["path"] == path)
    expect(page).to_have_title(info["title"])
    expect(page.locator("header nav a", has_text=info["nav_label"])).to_have_attribute(
        "aria-current", "page")
    expect(page.locator("footer #data-as-at")).not_to_be_empty()
    assert problems.items == []


def shown_matches(text: str, value: float | None, note: str | None) -> bool:
    """A figure on screen equals the table's value at the precision shown (or its code)."""
    if value is None or pd.isna(value):
        return note is not None and note.startswith(text)
    if not NUMBER.match(text):
        return False
    digits = text.rstrip("%").replace(",", "")
    places = len(digits.split(".")[1]) if "." in digits else 0
    return abs(float(digits) - value) <= 0.5 * 10 ** -places + 1e-9


def table_row(measures: pd.DataFrame, span: dict[str, str]) -> pd.Series:
    rows = measures[(measures["measure_id"] == span["data-measure"])
                    & (measures["area_code"] == span["data-area"])
                    & (measures["population"] == span["data-population"])
                    & (measures["pupil_group"] == span["data-pupil-group"])
                    & (measures["period"] == span["data-period"])
                    & (measures["status"] == span["data-status"])]
    assert len(rows) == 1, f"no single measures row for {span}"
    return rows.iloc[0]


def figures_on(within: Page | Locator, selector: str) -> list[dict[str, str]]:
    """Text and attributes of the figures matching `selector` (hidden ones included)."""
    return within.locator(selector).evaluate_all("""els => els.map(e => Object.assign(
        {text: e.textContent.trim()},
        ...Array.from(e.attributes).map(a => ({[a.name]: a.value}))))""")


def test_overview_shows_five_targets_with_numbers_from_the_measures_table(
        open_page: Callable[[str], Page], problems: Problems, served_store: Path) -> None:
    page = open_page("/")
    area = load_area()
    measures = pd.read_parquet(served_store / "measures.parquet")
    cards = page.locator("article.target-card")
    expect(cards).to_have_count(len(area.targets))
    for target in area.targets:
        card = page.locator(f"#target-{target.number}")
        expect(card.locator("h3")).to_have_text(target.name)
        status = card.locator(".status-tag").inner_text()
        assert re.search(r"Met|On track|Off track|Measure discontinued|No data", status)
        expect(card.locator(".target-baseline")).to_contain_text(target.baseline_period)
        expect(card.locator(".target-goal")).to_contain_text(target.target_period)
        latest = card.locator(".target-latest")
        if latest.locator("[data-measure]").count():
            expect(latest.locator(".target-latest-date").first).not_to_be_empty()
        if target.discontinued_note:
            expect(card).to_contain_text("Measure discontinued")
    shown = figures_on(page, "#page-content [data-measure][data-area]")
    assert len(shown) >= len(area.targets)
    for span in shown:
        row = table_row(measures, span)
        assert shown_matches(span["text"], row["value"], row["note"]), (span, row.to_dict())
    assert problems.items == []


def test_neighbour_averages_match_the_measures_table(open_page: Callable[[str], Page],
                                                     served_store: Path) -> None:
    page = open_page("/")
    area = load_area()
    measures = pd.read_parquet(served_store / "measures.parquet")
    la_codes = pd.read_parquet(served_store / "la_codes.parquet")
    codes = la_codes[la_codes["la_number"].isin(area.neighbours)]["ons_code"].dropna()
    rows = page.locator(".headline-table tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        row = rows.nth(i)
        county = figures_on(row, "td:first-of-type [data-measure]")[0]
        mean = row.locator(".neighbour-mean")
        text = mean.inner_text()
        values = measures[(measures["measure_id"] == county["data-measure"])
                          & measures["area_code"].isin(codes)
                          & (measures["population"] == county["data-population"])
                          & (measures["pupil_group"] == county["data-pupil-group"])
                          & (measures["period"] == county["data-period"])
                          & measures["status"].isin(["official", "computed"])]["value"].dropna()
        assert mean.get_attribute("data-count") == str(len(values))
        if len(values):
            assert shown_matches(text, values.mean(), None), (county, text)
        else:
            assert text == "no data"


def test_navigation_stays_in_the_page_and_moves_focus(open_page: Callable[[str], Page],
                                                      problems: Problems) -> None:
    page = open_page("/")
    page.evaluate("window.stillTheSamePage = true")
    page.locator("header nav a", has_text="Trends").click()
    expect(page).to_have_url(re.compile(r"/trends$"))
    expect(page).to_have_title(re.compile("^Trends and benchmarks - "))
    expect(page.locator("#page-content h1")).to_be_focused()
    assert page.evaluate("window.stillTheSamePage") is True
    page.go_back()
    expect(page.locator("article.target-card")).to_have_count(5)
    assert problems.items == []


def test_neighbour_choice_is_kept_in_the_address(open_page: Callable[[str], Page],
                                                 problems: Problems) -> None:
    area = load_area()
    older = next(year for year in area.neighbour_lists if year != area.current_neighbours)
    page = open_page("/")
    page.get_by_label(re.compile(f"^{older} list")).check()
    expect(page).to_have_url(re.compile(f"\\?neighbours={older}$"))
    expect(page.locator("#headline-figures")).to_contain_text(f"{older} list")
    # Reloading cancels whatever is still loading (the favicon, at times): not a fault.
    problems.allow(r"net::ERR_ABORTED")
    page.reload()
    page.locator("#page-content h1").wait_for()
    expect(page.get_by_label(re.compile(f"^{older} list"))).to_be_checked()
    assert problems.items == []


def test_malformed_settings_show_a_message_not_an_error(open_page: Callable[[str], Page],
                                                        problems: Problems) -> None:
    page = open_page("/?neighbours=1066&zoom=%%%")
    expect(page.locator("#page-content [role=status]")).to_contain_text(
        "'1066' is not a valid choice for 'neighbours'")
    expect(page.locator("article.target-card")).to_have_count(5)
    assert problems.items == []


def test_unknown_address_shows_a_friendly_not_found_page(open_page: Callable[[str], Page],
                                                         problems: Problems) -> None:
    problems.allow(r"/no-such-page")  # the page itself answers 404, as it should
    problems.allow(r"status of 404")
    page = open_page("/no-such-page")
    expect(page.locator("h1")).to_have_text("Page not found")
    expect(page.locator("#page-content")).to_contain_text("/no-such-page")
    expect(page).to_have_title(re.compile("^Page not found - "))
    assert "Traceback" not in page.content()
    assert problems.items == []


def test_health_answers(page: Page, base_url: str) -> None:
    response = page.request.get(f"{base_url}/health")
    assert response.status == 200
    body = response.json()
    assert body["status"] == "ok" and body["data_as_at"]


def test_phone_layout_fits_and_menu_opens(open_page: Callable[[str], Page],
                                          problems: Problems) -> None:
    page = open_page("/")
    page.set_viewport_size({"width": 360, "height": 740})
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    nav_link = page.locator("header nav a", has_text="Hotspots")
    expect(nav_link).to_be_hidden()
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    menu.click()
    expect(nav_link).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "true")
    nav_link.click()
    expect(page).to_have_url(re.compile(r"/hotspots$"))
    expect(nav_link).to_be_hidden()
    assert problems.items == []


def test_skip_link_jumps_to_the_main_content(open_page: Callable[[str], Page]) -> None:
    page = open_page("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))
