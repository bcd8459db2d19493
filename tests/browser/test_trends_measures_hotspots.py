"""Trends, Outcome measures and Hotspots in headless Chromium: each page renders with no
errors, the Trends chart follows its controls into the address and a bookmarked view opens as
it was, the KPI table has its columns and rows, and the Hotspots page ranks every district."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.config import load_area
from tests.browser.browser_support import Problems

pytestmark = pytest.mark.browser


def neighbour_names(store: Path) -> list[str]:
    area = load_area()
    codes = pd.read_parquet(store / "la_codes.parquet").set_index("la_number")
    return [str(codes.loc[n, "la_name"]) for n in area.neighbours if n in codes.index]


def test_trends_shows_england_and_the_neighbours_with_ranks(
        open_page: Callable[[str], Page], problems: Problems, served_store: Path) -> None:
    page = open_page("/trends?measure=ks2_rwm_expected_pct")
    area = load_area()
    chart = page.locator("figure.chart").first
    expect(chart.locator(".chart-title")).to_contain_text(
        re.compile(f"^{area.name}: .* in \\d{{4}}/\\d{{2}}, .*{area.england_name}"))
    legend = chart.locator("g.legend").text_content() or ""
    assert area.england_name in legend and "Statistical neighbours" in legend
    chart.locator(".chart-data summary").click()
    data = chart.locator(".chart-data table").text_content() or ""
    for name in neighbour_names(served_store):
        assert name in data, f"{name} is not in the chart's data"
    ranks = page.locator("#trends-ranks tbody tr")
    assert ranks.count() >= 2
    latest = ranks.first.locator("td[data-label=Rank]").inner_text()
    assert re.fullmatch(r"(joint )?\d+(st|nd|rd|th) of (10|11)( with a figure)?", latest)
    expect(page.locator(".trends-ranks .chart-summary")).to_contain_text("similar councils")
    assert problems.items == []


def test_changing_the_measure_updates_the_chart_and_the_address(
        open_page: Callable[[str], Page], problems: Problems) -> None:
    page = open_page("/trends")
    title = page.locator("figure.chart .chart-title").first
    expect(title).to_contain_text("KS2 expected standard")
    page.get_by_label("Measure").select_option("pct_persistent_absence")
    expect(page).to_have_url(re.compile(r"/trends\?measure=pct_persistent_absence$"))
    expect(title).to_contain_text("persistently absent")
    page.get_by_label("Districts").check()
    expect(page).to_have_url(re.compile(r"compare=england,region,neighbours,districts"))
    problems.allow(r"ERR_ABORTED")  # requests still in flight when the page reloads
    page.reload()
    page.locator("#page-content h1").wait_for()
    expect(page.get_by_label("Measure")).to_have_value("pct_persistent_absence")
    expect(page.get_by_label("Districts")).to_be_checked()
    assert problems.items == []


def test_a_bookmarked_view_opens_as_it_was(open_page: Callable[[str], Page],
                                           problems: Problems) -> None:
    address = "/trends?measure=pct_schools_good_or_outstanding&population=mainstream"
    page = open_page(address)
    expect(page.get_by_label("Schools", exact=True)).to_have_value("mainstream")
    expect(page.locator("figure.chart .chart-title").first).to_contain_text(
        "of schools good or outstanding")
    assert page.url.endswith(address)  # opening the page does not change its address
    page.get_by_label("Region", exact=True).uncheck()
    expect(page).to_have_url(re.compile(r"population=mainstream&compare=england,neighbours$"))
    assert problems.items == []


def test_outcome_measures_table(open_page: Callable[[str], Page], problems: Problems,
                                base_url: str) -> None:
    page = open_page("/measures")
    headers = page.locator(".outcome-table").first.locator("thead th").all_inner_texts()
    for column in ("Measure", "Year", "Statistical neighbours (average)", "District minimum",
                   "District maximum", "Direction of travel", "Compared with national"):
        assert column in headers
    text = page.locator("#measures-tables").inner_text()
    for row in ("NEET", "absence", "Suspensions", "Permanent exclusions", "Disadvantaged gap",
                "Not available"):
        assert row in text, f"no row about {row}"
    filled = page.locator(".outcome-table tbody tr:not(.row-not-available)")
    links = page.locator(".outcome-table tbody tr a[href^='/trends?measure=']")
    assert filled.count() > 0 and links.count() == filled.count()  # each row links to its trend
    download = page.locator("#measures-download")
    response = page.request.get(base_url + download.get_attribute("href"))
    assert response.status == 200 and "text/csv" in response.headers["content-type"]
    page.get_by_label(re.compile("^2021 list")).check()
    expect(page).to_have_url(re.compile(r"/measures\?neighbours=2021$"))
    expect(download).to_have_attribute("href", re.compile("neighbours=2021"))
    assert problems.items == []


def test_hotspots_ranks_every_district_and_lists_flagged_schools(
        open_page: Callable[[str], Page], problems: Problems, served_store: Path) -> None:
    page = open_page("/hotspots")
    area = load_area()
    rows = page.locator("#hotspot-district-table tbody tr")
    expect(rows).to_have_count(len(area.districts))
    ranked = rows.locator("th").all_inner_texts()
    assert sorted(ranked) == sorted(d.name for d in area.districts)
    expect(page.locator(".hotspot-rules dt")).to_have_count(6)
    if (served_store / "schools.parquet").exists():
        schools = page.locator("#hotspot-school-table tbody tr")
        assert schools.count() > 0
        first = schools.first
        expect(first.locator("td[data-label=Reasons] li").first).not_to_be_empty()
        expect(page.locator("#hotspot-grid")).to_be_visible()
    page.get_by_label("Secondary").check()
    expect(page).to_have_url(re.compile(r"/hotspots\?phase=secondary$"))
    expect(rows).to_have_count(len(area.districts))
    assert problems.items == []
