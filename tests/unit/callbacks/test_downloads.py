"""Download addresses (/download/<figure_id>.<ext>), the chart component's download menu, the
Overview's registered charts and the page tools, on the synthetic store."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from dash import Dash
from flask.testing import FlaskClient
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks import downloads
from dashboard import export
from dashboard.charts.overview import TARGET_CHART
from dashboard.charts.registry import UnknownChart
from dashboard.charts.registry import build_chart as build_with_store
from dashboard.config import load_area
from dashboard.store import current_store
from layouts.components.charts import chart_block
from layouts.shell import COPY_LINK_ID, PRINT_ID
from tests.conftest import drawn

FAKE_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def no_browser(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-browser"))


@pytest.fixture
def fake_renderer(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Images "drawn" without a browser: records (format, width, height)."""
    calls: list[tuple[str, int, int]] = []

    def render(_figure: Any, fmt: str, width: int, height: int) -> bytes:
        calls.append((fmt, width, height))
        return FAKE_PNG if fmt == "png" else b"<svg/>"

    monkeypatch.setattr(export.RENDERER, "render", render)
    return calls


def as_json(component: Any) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


def build_chart(chart_id: str, params: dict) -> Any:
    """The chart as the download route builds it, from the app's store."""
    return build_with_store(chart_id, params, current_store())


def target_figure_id(number: int) -> str:
    return f"{TARGET_CHART}--{number}"


# --- the Overview's charts come from the registry ----------------------------------------------


def test_overview_charts_are_built_by_figure_id(app: Dash) -> None:
    with app.server.app_context():
        chart = build_chart(target_figure_id(4), {})
        assert chart.figure_id == target_figure_id(4)
        assert chart.headline and chart.summary and chart.as_at
        for bad in (target_figure_id(99), TARGET_CHART, "no-such-chart--1"):
            with pytest.raises(UnknownChart):
                build_chart(bad, {})


def test_target_chart_data_is_exactly_the_plotted_points(app: Dash) -> None:
    with app.server.app_context():
        charts = [build_chart(target_figure_id(t.number), {}) for t in load_area().targets]
    for chart in charts:
        for trace in chart.figure.data:
            rows = chart.data[chart.data["Series"] == trace.name]
            if trace.name == "Trajectory to target":
                assert list(trace.y[:2]) == rows["value"].tolist()  # then held at the target
            elif not rows.empty:
                plotted = [None if v is None else float(v) for v in trace.y]
                assert plotted == [None if pd.isna(v) else v for v in rows["value"]], trace.name
        plotted_series = {t.name for t in chart.figure.data}
        assert set(chart.data["Series"]) <= plotted_series


def test_overview_draws_every_target_chart_with_its_downloads(app: Dash,
                                                             client: FlaskClient) -> None:
    body = json.dumps(json.loads(drawn(app, client, "/?neighbours=2021")), separators=(",", ":"))
    for target in load_area().targets:
        assert f'"id":"{target_figure_id(target.number)}"' in body
        assert f"/download/{target_figure_id(target.number)}.csv?neighbours=2021&from=/" in body


# --- downloads ----------------------------------------------------------------------------------


def test_csv_download_is_the_charts_data(app: Dash, client: FlaskClient) -> None:
    response = client.get(f"/download/{target_figure_id(4)}.csv?from=/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="staffordshire-education-insight-{target_figure_id(4)}.csv"')
    with app.server.app_context():
        chart = build_chart(target_figure_id(4), {})
    frame = pd.read_csv(io.BytesIO(response.data), keep_default_na=False, dtype=str)
    assert len(frame) == len(chart.data)
    assert frame["period"].tolist() == chart.data["period"].tolist()
    suppressed = frame[frame["suppression"] != ""]
    assert not suppressed.empty and (suppressed["value"] == "").all()  # a code, never 0


@pytest.mark.parametrize(("address", "status", "says"), [
    ("/download/no-such-chart.csv", 404, "There is no chart called 'no-such-chart'"),
    (f"/download/{TARGET_CHART}--9.png", 404, "There is no chart"),
    (f"/download/{TARGET_CHART}--1.pdf", 404, "Downloads end in .csv, .png, .svg, .zip"),
    (f"/download/{TARGET_CHART}--1.png?size=10x10", 400, "size must be one of"),
])
def test_bad_download_addresses_get_a_plain_message(client: FlaskClient, address: str,
                                                    status: int, says: str) -> None:
    response = client.get(address)
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("text/plain")
    assert says in response.get_data(as_text=True)


def test_downloads_without_a_store_say_so(missing_store: Path) -> None:
    client = create_app({"TESTING": True}).server.test_client()
    response = client.get(f"/download/{TARGET_CHART}--1.csv")
    assert response.status_code == 503
    assert "not been built" in response.get_data(as_text=True)


def test_images_are_drawn_at_the_size_asked_for(client: FlaskClient,
                                                fake_renderer: list) -> None:
    response = client.get(f"/download/{target_figure_id(1)}.png?size=1080x1080&from=/")
    assert response.status_code == 200 and response.data == FAKE_PNG
    assert response.headers["Content-Type"] == "image/png"
    assert 'overview-target--1-1080x1080.png"' in response.headers["Content-Disposition"]
    assert fake_renderer == [("png", 1080, 1080)]
    svg = client.get(f"/download/{target_figure_id(1)}.svg")
    assert svg.headers["Content-Type"] == "image/svg+xml" and fake_renderer[-1][0] == "svg"


def test_without_a_browser_images_say_so_and_data_still_downloads(
        client: FlaskClient, no_browser: None) -> None:
    image = client.get(f"/download/{target_figure_id(1)}.png")
    assert image.status_code == 503
    assert "no browser" in image.get_data(as_text=True)
    assert client.get(f"/download/{target_figure_id(1)}.csv").status_code == 200
    pack = client.get(f"/download/{target_figure_id(1)}.zip")
    assert pack.status_code == 200
    with zipfile.ZipFile(io.BytesIO(pack.data)) as archive:
        names = archive.namelist()
        text = archive.read(next(n for n in names if n.endswith(".txt"))).decode()
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["csv", "txt"]
    assert "Headline:" in text and "Alt text:" in text and "no browser" in text


def test_press_pack_has_png_svg_csv_and_text(client: FlaskClient, fake_renderer: list) -> None:
    pack = client.get(f"/download/{target_figure_id(3)}.zip?neighbours=2021&from=/")
    with zipfile.ZipFile(io.BytesIO(pack.data)) as archive:
        names = archive.namelist()
        text = archive.read(next(n for n in names if n.endswith(".txt"))).decode()
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["csv", "png", "svg", "txt"]
    assert "Page:\nhttp://localhost/?neighbours=2021" in text


def test_page_address_in_images_is_a_known_page_with_its_settings(app: Dash) -> None:
    with app.server.app_context():
        assert downloads.page_url("http://h/", "/", {"neighbours": ["2021"]}) == (
            "http://h/?neighbours=2021")
        assert downloads.page_url("http://h/", "/no-such-page", {}) == "http://h/"
        assert downloads.page_url("http://h/", "https://evil.test/", {}) == "http://h/"


def test_download_settings_are_split_from_the_page_settings() -> None:
    wanted = downloads.parse_download("trends--E1.png",
                                      "measure=ks2&from=/trends&size=1600x900")
    assert (wanted.figure_id, wanted.ext, wanted.size, wanted.page_path) == (
        "trends--E1", "png", "1600x900", "/trends")
    assert wanted.params == {"measure": ["ks2"]}


# --- the chart component ----------------------------------------------------------------------


def test_chart_block_links_every_download_and_names_modebar_images(app: Dash) -> None:
    with app.server.app_context():
        chart = build_chart(target_figure_id(2), {})
    block = chart_block(chart)
    hrefs = re.findall(r'"href": "([^"]+)"', as_json(block))
    exts = sorted(urlsplit(h).path.rsplit(".", 1)[1] for h in hrefs)
    assert exts == ["csv", "png", "png", "png", "svg", "zip"]
    sizes = [parse_qs(urlsplit(h).query).get("size") for h in hrefs]
    assert ["1080x1080"] in sizes and ["1600x900"] in sizes
    assert '"filename": "staffordshire-education-insight-overview-target--2"' in as_json(block)
    assert "Show the data" in as_json(block) and "Data as at" in as_json(block)


def test_chart_block_without_a_browser_says_images_are_not_available(
        app: Dash, no_browser: None) -> None:
    with app.server.app_context():
        chart = build_chart(target_figure_id(2), {})
    rendered = as_json(chart_block(chart))
    assert rendered.count("not available: this server has no browser") == 4
    assert ".csv" in rendered and ".zip" in rendered and ".png" not in rendered


def test_shell_has_copy_link_and_print_buttons(client: FlaskClient) -> None:
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert COPY_LINK_ID in layout and "Copy link to this page" in layout
    assert PRINT_ID in layout
