"""Exports, sharing and accessibility in headless Chromium: every chart's CSV matches its data
table and its image, SVG and press-pack links answer; the PNG has the size asked for; a copied
link restores its view; axe-core finds no serious or critical violations on any page; a
keyboard alone reaches every control on the Overview with a visible focus; the print layout."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from dashboard import export
from dashboard.config import load_area
from tests.browser.browser_support import navigation_pages, registered_pages

pytestmark = pytest.mark.browser
SERIOUS = ("serious", "critical")
AXE = Axe()


@contextmanager
def store_folder(folder: Path) -> Iterator[None]:
    """Point this test process at the served store (route checks read it)."""
    before = os.environ.get("EDU_PROCESSED_DIR")
    os.environ["EDU_PROCESSED_DIR"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("EDU_PROCESSED_DIR")
        else:
            os.environ["EDU_PROCESSED_DIR"] = before


def other_paths(served_store: Path) -> list[str]:
    """Addresses beyond the navigation: other registered pages (e.g. compare) and one example
    of each page about an item (a district, a school), whatever exists now."""
    pages = registered_pages()
    paths = sorted(p["path"] for p in pages if not p.get("nav_label") and not p["path_template"])
    area = load_area()
    candidates = [d.slug for d in area.districts] + [d.code for d in area.districts]
    schools = served_store / "schools.parquet"
    if schools.exists():
        frame = pd.read_parquet(schools)
        candidates += [str(urn) for urn in frame["urn"].head(20)]
    with store_folder(served_store):
        for page in pages:
            template, exists = page["path_template"], page.get("item_exists")
            if not template or not exists:
                continue
            name = re.findall(r"<([a-z_]+)>", template)[0]
            found = next((c for c in candidates if exists(**{name: c})), None)
            if found:
                paths.append(re.sub(r"<[a-z_]+>", found, template))
    return paths


def open_all_details(page: Page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def serious_violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{v['impact']} {v['id']} ({v['help']}): "
            + ", ".join(str(n["target"]) for n in v["nodes"][:5])
            for v in results.response["violations"] if v["impact"] in SERIOUS]


def chart_ids(page: Page) -> list[str]:
    return page.locator("figure.chart").evaluate_all(
        "figs => figs.map(f => f.dataset.figure)")


def table_of(page: Page, figure_id: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """A chart's data table as shown once opened: its rows (column -> text) and the 'every row'
    values."""
    return page.evaluate("""id => {
        const fig = document.querySelector(`figure[data-figure="${id}"]`);
        fig.querySelectorAll('[data-table]').forEach(window.insightDataTable);
        const rows = Array.from(fig.querySelectorAll('.chart-data-table tbody tr')).map(tr =>
            Object.fromEntries(Array.from(tr.cells).map(td =>
                [td.dataset.column, td.textContent.trim()])));
        const same = Object.fromEntries(Array.from(fig.querySelectorAll('.data-constant')).map(
            span => [span.dataset.column, span.textContent.replace(/^[^:]*:\\s*/, '').trim()]));
        return [rows, same];
    }""", figure_id)


def shown(record: dict[str, str], column: str) -> str:
    """How the page shows a CSV cell: a number as held (thousands separated), a missing value
    as its code."""
    text = record[column]
    if column == "value":
        return f"{float(text):,.12g}" if text else f"[{record['suppression'] or 'x'}]"
    return text


def link(page: Page, figure_id: str, ext: str, size: str = "") -> str:
    return page.locator(f'figure[data-figure="{figure_id}"] a.download-link'
                        f'[data-ext="{ext}"][data-size="{size}"]').get_attribute("href")


def check_chart_downloads(page: Page, base_url: str, figure_id: str) -> None:
    rows, same = table_of(page, figure_id)
    response = page.request.get(base_url + link(page, figure_id, "csv"))
    assert response.status == 200, figure_id
    csv = pd.read_csv(io.BytesIO(response.body()), dtype=str, keep_default_na=False)
    assert len(csv) == len(rows), figure_id
    for record, row in zip(csv.to_dict("records"), rows, strict=True):
        for column in csv.columns:
            if column == "suppression":
                continue
            expected = same.get(column) if column in same else row.get(column)
            assert shown(record, column) == expected, (figure_id, column, record, row)
    for ext, media in (("png", "image/png"), ("svg", "image/svg+xml"),
                       ("zip", "application/zip")):
        answer = page.request.get(base_url + link(page, figure_id, ext))
        assert answer.status == 200, (figure_id, ext, answer.text()[:200])
        assert answer.headers["content-type"] == media


def every_address(served_store: Path) -> list[str]:
    return [p["path"] for p in navigation_pages()] + other_paths(served_store)


# --- downloads ---------------------------------------------------------------------------------


def test_every_chart_has_a_caption_data_table_and_working_downloads(
        open_page: Callable[[str], Page], base_url: str, served_store: Path) -> None:
    seen = 0
    for path in every_address(served_store):
        page = open_page(path)
        open_all_details(page)
        for figure_id in chart_ids(page):
            figure = page.locator(f'figure[data-figure="{figure_id}"]')
            expect(figure.locator("figcaption .chart-summary")).not_to_be_empty()
            expect(figure.locator("figcaption .chart-source")).to_contain_text("Data as at")
            check_chart_downloads(page, base_url, figure_id)
            seen += 1
    assert seen >= len(load_area().targets)


def test_png_is_drawn_at_the_size_asked_for_with_title_source_and_date(
        open_page: Callable[[str], Page], base_url: str) -> None:
    page = open_page("/")
    figure_id = chart_ids(page)[0]
    for size, expected in (("", (1200, 675)), ("1080x1080", (1080, 1080)),
                           ("1600x900", (1600, 900))):
        response = page.request.get(base_url + link(page, figure_id, "png", size))
        assert response.status == 200
        assert export.png_size(response.body()) == expected
    svg = page.request.get(base_url + link(page, figure_id, "svg")).text()
    title = page.locator(f'figure[data-figure="{figure_id}"] .chart-title').inner_text()
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert " ".join(title.split()[:4]) in words  # the title's first line
    assert "Source:" in words and "Data as at" in words and base_url in words
    pack = page.request.get(base_url + link(page, figure_id, "zip")).body()
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        assert sorted(n.rsplit(".", 1)[1] for n in archive.namelist()) == [
            "csv", "png", "svg", "txt"]


# --- permalinks --------------------------------------------------------------------------------


def test_a_copied_link_restores_the_view(open_page: Callable[[str], Page],
                                         base_url: str) -> None:
    area = load_area()
    older = next(year for year in area.neighbour_lists if year != area.current_neighbours)
    page = open_page("/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.get_by_label(re.compile(f"^{older} list")).check()
    expect(page).to_have_url(re.compile(f"\\?neighbours={older}$"))
    page.get_by_role("button", name="Copy link to this page").click()
    expect(page.locator("#copy-link-status")).to_contain_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url
    # The download links follow the view too.
    assert f"neighbours={older}" in page.evaluate("""() => {
        const a = document.querySelector('a.download-link');
        a.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
        return a.href; }""")
    fresh = page.context.new_page()
    fresh.goto(copied)
    fresh.locator("#page-content h1").wait_for()
    expect(fresh.get_by_label(re.compile(f"^{older} list"))).to_be_checked()
    expect(fresh.locator("#headline-figures")).to_contain_text(f"{older} list")
    fresh.close()


# --- accessibility -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [p["path"] for p in navigation_pages()])
def test_no_serious_accessibility_violations(open_page: Callable[[str], Page],
                                             path: str) -> None:
    page = open_page(path)
    open_all_details(page)  # data tables and download menus too
    assert serious_violations(page) == []


def test_no_serious_accessibility_violations_on_other_pages(
        open_page: Callable[[str], Page], served_store: Path) -> None:
    """District and school profiles, compare: whichever the page modules declare now."""
    found: dict[str, list[str]] = {}
    for path in other_paths(served_store):
        page = open_page(path)
        open_all_details(page)
        if problems := serious_violations(page):
            found[path] = problems
    assert found == {}


FOCUSABLE = ("a[href], button:not([disabled]), input:not([disabled]), select, textarea, summary,"
             " [tabindex]:not([tabindex='-1'])")


def test_keyboard_alone_reaches_every_overview_control_with_visible_focus(
        open_page: Callable[[str], Page]) -> None:
    page = open_page("/")
    controls: list[dict[str, Any]] = page.evaluate("""selector => {
        // Not in a closed <details>, not display: none or visibility: hidden.
        const visible = el => el.checkVisibility({visibilityProperty: true});
        return Array.from(document.querySelectorAll(selector)).filter(visible).map((el, i) => {
            el.dataset.kb = i;
            return {index: i, group: el.type === 'radio' ? el.name : null,
                    text: (el.textContent || el.value || el.id).trim().slice(0, 40)};
        });
    }""", FOCUSABLE)
    wanted = {c["group"] or c["index"] for c in controls}
    reached: list[int] = []
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el.dataset.kb === undefined) return null;
            const s = getComputedStyle(el);
            const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                || s.boxShadow !== 'none' || s.backgroundColor === 'rgb(255, 221, 0)';
            return {index: Number(el.dataset.kb), visible: visible};
        }""")
        if state is None or (reached and state["index"] == reached[0]):
            if reached:
                break
            continue
        assert state["visible"], f"no visible focus on {controls[state['index']]}"
        reached.append(state["index"])
    assert reached == sorted(reached), "focus order does not follow the page"
    got = {controls[i]["group"] or i for i in reached}
    missed = [c for c in controls if (c["group"] or c["index"]) in wanted - got]
    assert missed == []


# --- print ---------------------------------------------------------------------------------------


def test_print_layout_hides_navigation_and_fits_charts_to_a4(
        open_page: Callable[[str], Page]) -> None:
    page = open_page("/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(500)
    for chrome in ("header nav", ".page-tools", ".skip-link", ".chart-downloads"):
        expect(page.locator(chrome).first).to_be_hidden()
    widths = page.locator(".chart-graph .main-svg").evaluate_all(
        "svgs => svgs.map(s => s.getBoundingClientRect().width)")
    assert widths and max(widths) <= 681
    avoid = page.locator("figure.chart").first.evaluate("f => getComputedStyle(f).breakInside")
    assert avoid == "avoid"
    assert page.pdf(format="A4")[:4] == b"%PDF"
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
