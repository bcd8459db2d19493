"""Exports of a chart: CSV, the press image's layout, the press pack, and drawing images when
there is (or is not) a browser."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import export
from dashboard.charts import Chart
from dashboard.export.press_figure import press_figure

PRODUCT = "Testshire Education Insight"
URL = "http://example.test/trends?measure=ks2"


def sample_chart(value: float | None = 61.0, figure: go.Figure | None = None) -> Chart:
    data = pd.DataFrame({
        "Area": ["Testshire", "England", "Neighbours"],
        "value": [value, 62.0, 1234.0],
        "suppression": ["c" if value is None else "", "", ""],
        "unit": ["percent", "percent", "count"], "period": "2023/24",
        "source": "DfE LAIT (Department for Education)", "status": "official"})
    return Chart(figure_id="trends-ks2", title="Testshire was below England in 2023/24",
                 summary="Testshire 61% against England 62% in 2023/24.",
                 figure=figure or go.Figure(go.Bar(x=data["Area"], y=data["value"],
                                                   name="2023/24")),
                 data=data, source="Source: DfE LAIT (Department for Education)",
                 as_at="2024/25", headline="Testshire 61% vs England 62%, 2023/24",
                 notes=("No results in 2020 and 2021.",))


# --- names, sizes, addresses ---------------------------------------------------------------------


def test_sizes_default_to_1200_by_675_and_reject_others() -> None:
    assert export.parse_size(None) == (1200, 675)
    assert export.parse_size("1080x1080") == (1080, 1080)
    assert export.parse_size("1600×900") == (1600, 900)
    with pytest.raises(export.BadSize, match="1200x675, 1080x1080, 1600x900"):
        export.parse_size("10x10")


def test_download_path_carries_the_page_settings_page_and_size() -> None:
    path = export.download_path("trends-ks2", "png", "/trends", "?measure=ks2&from=/x&size=1",
                                "1080x1080")
    parts = urlsplit(path)
    assert parts.path == "/download/trends-ks2.png"
    assert parse_qs(parts.query) == {"measure": ["ks2"], "from": ["/trends"],
                                     "size": ["1080x1080"]}
    assert export.download_path("a", "csv") == "/download/a.csv"


def test_file_names_are_branded() -> None:
    assert export.file_stem("trends-ks2", PRODUCT) == "testshire-education-insight-trends-ks2"


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_holds_exactly_the_plotted_data_with_provenance_and_codes_not_zero() -> None:
    chart = sample_chart(value=None)
    frame = pd.read_csv(io.BytesIO(export.csv_bytes(chart)), keep_default_na=False)
    assert list(frame.columns) == list(chart.data.columns)
    assert {"unit", "period", "source", "status"} <= set(frame.columns)
    assert len(frame) == len(chart.data)
    suppressed = frame.iloc[0]
    assert suppressed["value"] == "" and suppressed["suppression"] == "c"
    assert frame["value"].iloc[1:].astype(float).tolist() == [62.0, 1234.0]


# --- the press image's layout ------------------------------------------------------------------


def footer_text(fig: go.Figure) -> str:
    return fig.layout.annotations[-1].text


@pytest.mark.parametrize("size", list(export.SIZES))
def test_press_image_has_title_source_date_and_address_drawn_in(size: str) -> None:
    width, height = export.SIZES[size]
    fig = press_figure(sample_chart(), width, height, URL, PRODUCT)
    assert (fig.layout.width, fig.layout.height) == (width, height)
    title = fig.layout.title.text.replace("<br>", " ")
    assert title == "Testshire was below England in 2023/24"
    footer = footer_text(fig).replace("<br>", " ")
    assert "Source: DfE LAIT (Department for Education)." in footer
    assert "Data as at 2024/25." in footer and "Open Government Licence v3.0" in footer
    assert f"{PRODUCT}: {URL}" in footer
    low, high = fig.layout.yaxis.domain
    assert 0 < low < high < 1  # room for the footer below and the title above
    assert fig.layout.legend.yref == "paper" and low < fig.layout.legend.y <= 1


def test_press_image_escapes_markup_and_keeps_the_page_figure_unchanged() -> None:
    chart = sample_chart()
    chart = Chart(**{**chart.__dict__, "title": "Fewer than <5 pupils & more"})
    fig = press_figure(chart, 1200, 675, URL, PRODUCT)
    assert "&lt;5 pupils &amp; more" in fig.layout.title.text
    assert chart.figure.layout.width is None and chart.figure.layout.title.text is None


def test_press_image_fits_maps_colour_bars_and_paper_notes_between_header_and_footer() -> None:
    figure = go.Figure(go.Choropleth(locations=["a"], z=[1], geojson={}, colorbar={"y": 0.5}))
    figure.add_annotation(text="note", x=0.5, y=1, xref="paper", yref="paper")
    fig = press_figure(sample_chart(figure=figure), 1080, 1080, URL, PRODUCT)
    low, high = fig.layout.geo.domain.y
    assert 0 < low < high < 1
    assert low < fig.data[0].colorbar.y < high
    assert fig.data[0].colorbar.len == pytest.approx(high - low)
    assert fig.layout.annotations[0].y == pytest.approx(high)


def test_long_titles_and_sources_wrap() -> None:
    chart = sample_chart()
    chart = Chart(**{**chart.__dict__, "title": "word " * 60, "source": "source " * 80})
    fig = press_figure(chart, 1200, 675, URL, PRODUCT)
    assert fig.layout.title.text.count("<br>") >= 1
    assert footer_text(fig).count("<br>") >= 3


# --- drawing images ------------------------------------------------------------------------------


def test_without_a_browser_images_say_why_and_nothing_is_started(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-browser"))
    assert not export.images_available()
    renderer = export.ImageRenderer()
    with pytest.raises(export.ImagesUnavailable, match="no browser"):
        export.chart_image(sample_chart(), "png", None, URL, PRODUCT, renderer)
    assert renderer._kaleido is None


def test_png_size_reads_the_header() -> None:
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (1200).to_bytes(4, "big") + (
        675).to_bytes(4, "big")
    assert export.png_size(header) == (1200, 675)
    with pytest.raises(ValueError):
        export.png_size(b"GIF89a")


# --- the press pack ------------------------------------------------------------------------------


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_press_pack_has_images_data_headline_and_alt_text() -> None:
    chart = sample_chart()
    files = unzip(export.press_pack(chart, URL, PRODUCT, {"png": b"png", "svg": b"<svg/>"}))
    stem = "testshire-education-insight-trends-ks2"
    assert set(files) == {f"{stem}.png", f"{stem}.svg", f"{stem}.csv",
                          f"{stem}-headline-and-alt-text.txt"}
    assert files[f"{stem}.csv"] == export.csv_bytes(chart)
    text = files[f"{stem}-headline-and-alt-text.txt"].decode()
    assert "Headline:\nTestshire 61% vs England 62%, 2023/24" in text
    assert "Alt text:\nChart: Testshire was below England in 2023/24. Testshire 61%" in text
    assert "Source:\nDfE LAIT (Department for Education)." in text
    assert URL in text and "No results in 2020 and 2021." in text
    assert f"- {stem}.svg" in text


def test_press_pack_without_images_keeps_the_data_and_says_why() -> None:
    files = unzip(export.press_pack(sample_chart(), URL, PRODUCT, {}, "no browser here"))
    assert sorted(name.rsplit(".", 1)[1] for name in files) == ["csv", "txt"]
    text = next(v for k, v in files.items() if k.endswith(".txt")).decode()
    assert "Images:\nno browser here" in text


def test_headline_falls_back_to_the_title() -> None:
    chart = Chart(**{**sample_chart().__dict__, "headline": ""})
    assert export.headline(chart) == chart.title
