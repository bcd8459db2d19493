"""The Outcome measures page's callback and download: the neighbour list redraws the tables and
goes into the address, and the table downloads as CSV for the same list."""

from __future__ import annotations

import io
import json

import pandas as pd
from flask.testing import FlaskClient

from dashboard.config import Area
from layouts.pages import measures as page
from layouts.shell import QUERY_ID
from tests.unit.callbacks.callback_support import run_callback

CHOICE = f"{page.NEIGHBOUR_CHOICE_ID}.value"


def choose(client: FlaskClient, neighbour_list: str) -> dict:
    return run_callback(client, f"{page.TABLES_ID}.children", {CHOICE: neighbour_list}, CHOICE)


def test_choosing_a_list_redraws_the_tables_and_the_address(client: FlaskClient,
                                                           area: Area) -> None:
    written = choose(client, "2021")
    assert written[QUERY_ID]["data"] == {"neighbours": "2021"}
    tables = json.dumps(written[page.TABLES_ID])
    assert "Statistical neighbours (2021 list, Department for Education)" in tables
    assert "/download/outcome-measures.csv?neighbours=2021" in tables
    assert written[page.SHOWN_ID]["data"] == {"neighbours": "2021"}
    assert choose(client, area.current_neighbours)[QUERY_ID]["data"] == {"neighbours": None}
    assert choose(client, "nonsense")[QUERY_ID]["data"] == {"neighbours": None}


def test_the_choice_reporting_the_page_as_drawn_changes_nothing(client: FlaskClient) -> None:
    shown = {CHOICE: "2021", f"{page.SHOWN_ID}.data": {"neighbours": "2021"}}
    assert run_callback(client, f"{page.TABLES_ID}.children", shown, CHOICE) == {}


def test_the_table_downloads_as_csv_for_the_chosen_list(client: FlaskClient, area: Area) -> None:
    response = client.get("/download/outcome-measures.csv?neighbours=2021")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="staffordshire-outcome-measures-2021-neighbours.csv"')
    text = response.get_data(as_text=True)
    assert "Statistical neighbours (2021 list, average)" in text
    assert "persistently absent" in text and "NEET" in text
    table = pd.read_csv(io.StringIO(text))
    assert list(table.columns[:6]) == ["Theme", "Measure", "Measure id", "Population",
                                       "Pupil group", "Year"]
    fallback = client.get("/download/outcome-measures.csv?neighbours=1999")
    assert fallback.status_code == 200  # a bad list falls back to the current one
    assert f"{area.current_neighbours}-neighbours.csv" in fallback.headers["Content-Disposition"]
