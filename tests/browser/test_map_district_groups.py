"""The map, district profiles and pupil groups in headless Chromium: the map draws all eight
districts and opens a profile (by its names on the map and by the picker), a profile shows its
figures, schools and gaps, a slug redirects, an unknown district is not found, and the groups
page shows the disadvantaged gap with suppressed years as codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.analysis.district_schools import open_schools
from dashboard.config import load_area
from tests.browser.browser_support import Problems

pytestmark = pytest.mark.browser
AREA = load_area()
TAMWORTH = next(d for d in AREA.districts if d.slug == "tamworth")


@pytest.fixture
def real_store(served_store: Path) -> Path:
    """These pages need the school tables and boundaries of a real build."""
    if not (served_store / "schools.parquet").exists():
        pytest.skip("needs the processed store built from the official data (make data)")
    return served_store


def test_the_map_names_every_district_and_opens_a_profile(
        real_store: Path, open_page: Callable[[str], Page], problems: Problems) -> None:
    page = open_page("/map")
    labels = page.locator("#map .map-label")
    expect(labels).to_have_count(len(AREA.districts))
    assert sorted(labels.all_inner_texts()) == sorted(d.name for d in AREA.districts)
    expect(page.locator("#map canvas.maplibregl-canvas")).to_be_visible()
    expect(page.locator("#map-district-table tbody tr")).to_have_count(len(AREA.districts))
    # Every setting goes in the address, and the table can be sorted from the keyboard.
    page.get_by_label("Measure").select_option("ks2_rwm_expected_pct")
    expect(page).to_have_url(re.compile(r"/map\?measure=ks2_rwm_expected_pct$"))
    expect(page.locator("#map-title")).to_contain_text("reading, writing and maths")
    page.get_by_role("button", name=re.compile("^District")).press("Enter")
    expect(page).to_have_url(re.compile("&sort=name$"))
    expect(page.locator("#map-district-table tbody th").first).to_have_text(
        sorted(d.name for d in AREA.districts)[0])
    expect(labels).to_have_count(len(AREA.districts))
    page.locator("#map .map-label", has_text=TAMWORTH.name).click()
    expect(page).to_have_url(re.compile(f"/district/{TAMWORTH.code}"
                                        r"\?measure=ks2_rwm_expected_pct$"))
    expect(page.locator("#page-content h1")).to_have_text(TAMWORTH.name)
    assert problems.items == []


def test_the_district_picker_opens_a_profile_without_a_mouse(
        real_store: Path, open_page: Callable[[str], Page], problems: Problems) -> None:
    lichfield = next(d for d in AREA.districts if d.slug == "lichfield")
    page = open_page("/map?measure=ks2_rwm_expected_pct")
    picker = page.get_by_label("District", exact=True)
    picker.focus()
    picker.select_option(label=lichfield.name)  # a native select: arrow keys choose
    expect(picker).to_have_value(lichfield.code)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Open profile")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/district/{lichfield.code}\\?measure="
                                        "ks2_rwm_expected_pct$"))
    expect(page.locator("#page-content h1")).to_have_text(lichfield.name)
    expect(page.locator("#district-ranking--E07000194-title")).to_contain_text(
        "reading, writing")
    assert problems.items == []


def test_tamworth_shows_its_figures_schools_and_gaps(
        real_store: Path, open_page: Callable[[str], Page], problems: Problems) -> None:
    page = open_page(f"/district/{TAMWORTH.code}")
    expect(page.locator("#page-content h1")).to_have_text(TAMWORTH.name)
    measures = pd.read_parquet(real_store / "measures.parquet")
    row = page.locator(".district-measures tr[data-measure='pct_schools_good_or_outstanding']"
                       "[data-population='all']")
    shown = row.locator("td").nth(1).locator("[data-measure]")
    expected = measures[(measures["measure_id"] == "pct_schools_good_or_outstanding")
                        & (measures["area_code"] == TAMWORTH.code)
                        & (measures["population"] == "all")
                        & (measures["period"] == shown.get_attribute("data-period"))
                        & (measures["status"] == shown.get_attribute("data-status"))]["value"]
    assert shown.inner_text() == f"{expected.iloc[0]:.1f}%"
    schools = open_schools(pd.read_parquet(real_store / "schools.parquet"), AREA)
    count = int((schools["district_code"] == TAMWORTH.code).sum())
    expect(page.locator(".schools-table tbody tr")).to_have_count(count)
    for gap in ("district-gender", "district-disadvantaged"):
        expect(page.locator(f"#{gap}--{TAMWORTH.code}-title")).to_contain_text(TAMWORTH.name)
    page.get_by_label("Mainstream secondary (and all-through)").check()
    expect(page).to_have_url(re.compile(r"\?phase=secondary$"))
    expect(page.locator(".schools-table caption")).to_contain_text("secondary")
    assert problems.items == []


def test_a_slug_redirects_and_an_unknown_district_is_not_found(
        open_page: Callable[[str], Page], problems: Problems, base_url: str) -> None:
    page = open_page("/district/tamworth")
    expect(page).to_have_url(re.compile(f"/district/{TAMWORTH.code}$"))
    expect(page.locator("#page-content h1")).to_have_text(TAMWORTH.name)
    problems.allow(r"/district/nowhere")  # the page itself answers 404, as it should
    problems.allow(r"status of 404")
    assert page.request.get(f"{base_url}/district/nowhere").status == 404
    page = open_page("/district/nowhere")
    expect(page.locator("#page-content h1")).to_have_text("District not found")
    expect(page.locator("#page-content")).to_contain_text("nowhere")
    assert problems.items == []


def test_groups_show_the_disadvantaged_gap_with_suppressed_years_as_codes(
        real_store: Path, open_page: Callable[[str], Page], problems: Problems) -> None:
    page = open_page("/groups")
    title = page.locator("#groups-gap-title")
    expect(title).to_contain_text(f"Disadvantaged pupils in {AREA.name}")
    page.locator("#groups-gap-figure .chart-data summary").click()
    data = page.locator("#groups-gap-figure .chart-data table")
    for area_name in (AREA.name, AREA.england_name):
        expect(data.locator("td", has_text=re.compile(f"^{area_name}$")).first).to_be_attached()
    expect(data.locator("abbr", has_text="[x]").first).to_be_attached()  # 2019/20, never 0
    expect(page.locator("#groups-gap .annotation-text", has_text="[x]").first).to_be_visible()
    page.get_by_label("Pupils eligible for free school meals").check()
    expect(page).to_have_url(re.compile(r"\?group=fsm$"))
    expect(title).to_contain_text("free school meals")
    assert problems.items == []
