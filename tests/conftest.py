"""Shared fixtures: a small synthetic processed store in the store's own format.

The store is written by the test code (never copied from the raw files): measures for the five
targets, their successor evidence and the headline figures, with England, region and ten
statistical neighbours, plus an LA code table and a manifest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash import Dash
from flask.testing import FlaskClient
from plotly.utils import PlotlyJSONEncoder

from app import create_app
from callbacks.addresses import find_page
from dashboard.config import Area, load_area
from dashboard.settings import params_from_search
from dashboard.store import clear_loaded
from dashboard.tables import validate
from layouts.shell import PAGES_LOCATION_ID

SOURCES = [
    {"id": "test_ofsted", "title": "Ofsted school inspections (synthetic)", "publisher": "Ofsted",
     "data_date": "2026-06-30", "table": "inspections"},
    {"id": "test_lait", "title": "LA interactive tool (synthetic)",
     "publisher": "Department for Education", "data_date": "2025", "table": "la_indicators"},
    {"id": "test_ks2", "title": "Key stage 2 school results (synthetic)",
     "publisher": "Department for Education", "data_date": "2015/16 to 2017/18",
     "table": "ks2_results"},
    {"id": "strategy", "title": "Learning and skills strategy", "publisher": "Staffordshire "
     "County Council", "data_date": "2012", "table": "measures"},
]

# (measure_id, population, unit, source, {period: county value}, {period: England value})
SERIES: list[tuple[str, str, str, str, dict[str, float | None], dict[str, float | None]]] = [
    ("pct_pupils_good_or_outstanding", "all", "percent", "test_ofsted",
     {"2023-08-31": 84.2, "2026-06": 86.5}, {}),
    ("pct_schools_inadequate", "all", "percent", "test_ofsted",
     {"2023-08-31": 1.4, "2026-06": 1.1}, {}),
    ("pct_schools_good_or_outstanding", "all", "percent", "test_ofsted",
     {"2023-08-31": 87.9, "2026-06": 88.4}, {}),
    ("pct_schools_good_or_outstanding", "mainstream", "percent", "test_ofsted",
     {"2022-08-31": 86.0, "2023-08-31": 88.3}, {"2022-08-31": 88.0, "2023-08-31": 89.5}),
    ("ks4_progress8", "all", "score", "test_lait",
     {"2018/19": -0.08, "2019/20": None, "2022/23": -0.15, "2023/24": -0.12},
     {"2018/19": -0.03, "2019/20": None, "2022/23": -0.03, "2023/24": -0.03}),
    ("ks2_reading_progress", "all", "score", "test_lait", {"2022/23": -0.4}, {"2022/23": 0.0}),
    ("ks2_writing_progress", "all", "score", "test_lait", {"2022/23": 0.3}, {"2022/23": 0.0}),
    ("ks2_maths_progress", "all", "score", "test_lait", {"2022/23": -0.9}, {"2022/23": 0.0}),
    ("n_schools_below_ks2_floor", "mainstream", "count", "test_ks2",
     {"2015/16": 9, "2016/17": 11, "2017/18": 8}, {}),
    ("pct_schools_no_overall_grade", "all", "percent", "test_ofsted", {"2026-06": 31.5}, {}),
    ("n_schools_with_report_card", "all", "count", "test_ofsted", {"2026-06": 42}, {}),
    ("pct_report_card_grades_expected_or_above", "all", "percent", "test_ofsted",
     {"2026-06": 91.2}, {}),
    ("pct_report_card_schools_any_needs_attention", "all", "percent", "test_ofsted",
     {"2026-06": 14.3}, {}),
    ("ks2_rwm_expected_pct", "all", "percent", "test_lait",
     {"2022/23": 56.0, "2023/24": 57.0}, {"2022/23": 60.0, "2023/24": 61.0}),
    ("ks4_attainment8", "all", "score", "test_lait", {"2023/24": 45.1}, {"2023/24": 45.9}),
    ("ks4_english_maths_grade5_pct", "all", "percent", "test_lait",
     {"2023/24": None}, {"2023/24": 45.9}),
    ("pct_persistent_absence", "all", "percent", "test_lait", {"2023/24": 21.0},
     {"2023/24": 20.0}),
    ("neet_or_not_known_pct", "all", "percent", "test_lait", {"2025": 5.1}, {"2025": 5.4}),
    ("eyfs_gld_pct", "all", "percent", "test_lait", {"2023/24": 66.0}, {"2023/24": 67.7}),
]

# Estimates and published reference points on the target measures.
EXTRA_ROWS = [
    ("pct_schools_inadequate", "all", "percent", "test_ofsted", "2016-08-31", 3.0, "estimated"),
]

# Neighbour values are the county value plus these offsets; None is a suppressed figure.
NEIGHBOUR_OFFSETS = [1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 0.0, None]


def neighbour_ons_code(la_number: int) -> str:
    """A made-up ONS-style code for a neighbour in the synthetic store."""
    return f"E99{la_number:06d}"


def _row(area: Area, measure_id: str, area_type: str, code: str, name: str, population: str,
         period: str, value: float | None, unit: str, source: str, status: str) -> dict:
    note = None if value is not None else "[c] suppressed in the synthetic store"
    if value is None and period.startswith("2019"):
        note = "[x] No assessments in 2020 and 2021 (COVID-19)"
    return {"measure_id": measure_id, "area_type": area_type, "area_code": code,
            "area_name": name, "population": population, "pupil_group": "all",
            "period": period, "value": value, "numerator": None, "denominator": None,
            "unit": unit, "source_id": source, "status": status, "note": note}


def make_measures(area: Area) -> pd.DataFrame:
    rows = []
    for measure_id, population, unit, source, county, england in SERIES:
        status = "computed" if source in ("test_ofsted", "test_ks2") else "official"
        for period, value in county.items():
            rows.append(_row(area, measure_id, "county", area.ons_code, area.name, population,
                             period, value, unit, source, status))
            if england:
                for year in sorted(area.neighbour_lists):
                    for number, offset in zip(area.neighbour_lists[year], NEIGHBOUR_OFFSETS,
                                              strict=True):
                        missing = value is None or offset is None
                        rows.append(_row(area, measure_id, "la", neighbour_ons_code(number),
                                         f"LA {number}", population, period,
                                         None if missing else value + offset, unit, source,
                                         status))
        for period, value in england.items():
            rows.append(_row(area, measure_id, "england", area.england_code, area.england_name,
                             population, period, value, unit, source, status))
    for measure_id, population, unit, source, period, value, status in EXTRA_ROWS:
        rows.append(_row(area, measure_id, "county", area.ons_code, area.name, population,
                         period, value, unit, source, status))
    for figure in area.published:
        code, name, area_type = ((area.england_code, area.england_name, "england")
                                 if figure.area == "england"
                                 else (area.ons_code, area.name, "county"))
        row = _row(area, figure.measure_id, area_type, code, name, figure.population,
                   figure.period, figure.value, figure.unit, "strategy", "published")
        rows.append({**row, "pupil_group": figure.pupil_group, "note": figure.note})
    frame = pd.DataFrame(rows).drop_duplicates(
        ["measure_id", "area_type", "area_code", "population", "pupil_group", "period", "status"])
    return validate("measures", frame.reset_index(drop=True), "synthetic measures")


def make_la_codes(area: Area) -> pd.DataFrame:
    numbers = sorted({n for numbers in area.neighbour_lists.values() for n in numbers})
    rows = [{"la_number": area.la_number, "ons_code": area.ons_code, "la_name": area.name,
             "region_name": area.region_name}]
    rows += [{"la_number": n, "ons_code": neighbour_ons_code(n), "la_name": f"LA {n}",
              "region_name": None} for n in numbers]
    return validate("la_codes", pd.DataFrame(rows), "synthetic LA codes")


def write_synthetic_store(folder: Path, area: Area | None = None) -> Path:
    """Write a processed store (parquet tables + manifest.json) into `folder`."""
    area = area or load_area()
    folder.mkdir(parents=True, exist_ok=True)
    tables = {"measures": make_measures(area), "la_codes": make_la_codes(area)}
    for name, frame in tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    manifest = {
        "build_id": "20260701T000000000000Z",
        "build_time": "2026-07-01T00:00:00+00:00",
        "build_seconds": 0.1,
        "code_version": "test",
        "raw_dir": "synthetic",
        "sources": [{**s, "licence": "Open Government Licence v3.0", "rows_out": 1, "files": [],
                     "covers": "", "lacks": "", "official_url": "", "rehost_note": ""}
                    for s in SOURCES],
        "tables": {name: len(frame) for name, frame in tables.items()},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="session")
def synthetic_measures(area: Area) -> pd.DataFrame:
    """The synthetic measures table (validated against the schema)."""
    return make_measures(area)


@pytest.fixture(scope="session")
def synthetic_la_codes(area: Area) -> pd.DataFrame:
    return make_la_codes(area)


@pytest.fixture(scope="session")
def neighbour_code() -> Callable[[int], str]:
    """The synthetic store's ONS-style code for a neighbour's DfE LA number."""
    return neighbour_ons_code


@pytest.fixture(scope="session")
def synthetic_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_synthetic_store(tmp_path_factory.mktemp("processed"))


@pytest.fixture
def synthetic_store(synthetic_store_dir: Path, tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at the synthetic store, with a private cache folder."""
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(synthetic_store_dir))
    monkeypatch.setenv("EDU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    clear_loaded()
    yield synthetic_store_dir
    clear_loaded()


@pytest.fixture
def missing_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app at an empty folder: no store has been built."""
    empty = tmp_path / "no-store"
    empty.mkdir()
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(empty))
    monkeypatch.setenv("EDU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    clear_loaded()
    yield empty
    clear_loaded()


@pytest.fixture
def app(synthetic_store: Path) -> Dash:
    """The app, reading the synthetic store."""
    return create_app({"TESTING": True})


@pytest.fixture
def client(app: Dash) -> FlaskClient:
    return app.server.test_client()


def draw(app: Dash, address: str) -> str:
    """The page Dash Pages draws for an address ("/district/E07000199?measure=x"), as the JSON
    text sent to the browser, drawn inside the app as a request would be."""
    path, _, search = address.partition("?")
    page, variables = find_page(path)
    assert page is not None, f"no page at {path}"
    query = {k: v[0] if len(v) == 1 else v for k, v in params_from_search(search).items()}
    with app.server.test_request_context(address):
        return json.dumps(page["layout"](**variables, **query), cls=PlotlyJSONEncoder)


PAGES_CONTENT_ID = "_pages_content"  # Dash Pages' page region, inside dash.page_container


def fire(app: Dash, client: FlaskClient, output: str, values: dict[str, object]) -> Any:
    """Post the callback whose outputs include `output` ("id.property") as the browser would,
    with `values` for its inputs and state ("id.property" -> value); the response."""
    client.get("/")  # Dash sets up Dash Pages' callback at the first request
    key = next(k for k in app.callback_map
               if output in [o.split("@")[0] for o in k.strip(".").split("...")])
    spec = app.callback_map[key]

    def props(items: list[dict]) -> list[dict]:
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    outputs = [dict(zip(("id", "property"), o.split("@")[0].rsplit(".", 1), strict=True))
               for o in key.strip(".").split("...")]
    inputs = props(spec["inputs"])
    return client.post("/_dash-update-component", json={
        "output": key, "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": inputs, "state": props(spec["state"]),
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs[:1]]})


def drawn(app: Dash, client: FlaskClient, address: str) -> bytes:
    """The page for an address as Dash Pages sends it to the browser (its callback's answer)."""
    path, _, search = address.partition("?")
    response = fire(app, client, f"{PAGES_CONTENT_ID}.children", {
        f"{PAGES_LOCATION_ID}.pathname": path,
        f"{PAGES_LOCATION_ID}.search": f"?{search}" if search else ""})
    assert response.status_code == 200
    return response.get_data()
