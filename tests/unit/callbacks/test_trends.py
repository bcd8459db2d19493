"""The Trends page's callback: a change to a control redraws the chart, puts the settings into
the address and offers the populations and pupil groups the measure has."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

from layouts.pages import trends as page
from layouts.shell import QUERY_ID
from tests.unit.callbacks.callback_support import run_callback

RESULT = f"{page.RESULT_ID}.children"
MEASURE, POPULATION, GROUP, COMPARE, NEIGHBOURS = (
    f"{component}.value" for component in (page.MEASURE_ID, page.POPULATION_ID, page.GROUP_ID,
                                           page.COMPARE_ID, page.NEIGHBOURS_ID))
SHOWN = {MEASURE: "ks2_rwm_expected_pct", POPULATION: "all", GROUP: "all",
         COMPARE: ["england", "region", "neighbours"], NEIGHBOURS: "2025"}


def change(client: FlaskClient, control: str, value: Any,
           shown: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
    """What the callback writes when the reader sets `control` to `value` (the controls are
    otherwise as `shown`, the default page unless given)."""
    return run_callback(client, RESULT, {**SHOWN, **(shown or {}), control: value}, control)


def test_a_new_measure_starts_from_its_own_defaults(client: FlaskClient) -> None:
    # The population shown before is one the new measure has too, but it is not its default.
    written = change(client, MEASURE, "pct_schools_good_or_outstanding",
                     {POPULATION: "mainstream"})
    assert written[QUERY_ID]["data"] == {"measure": "pct_schools_good_or_outstanding",
                                         "population": None, "group": None, "compare": None,
                                         "neighbours": None}
    assert written[page.POPULATION_ID]["value"] == "all"
    assert written[page.POPULATION_ID]["options"] == [
        {"label": "All state-funded schools", "value": "all"},
        {"label": "Mainstream schools", "value": "mainstream"}]
    assert written[page.GROUP_ID] == {"options": [{"label": "All pupils", "value": "all"}],
                                      "value": "all"}
    assert "Schools judged good or outstanding" in json.dumps(written[page.RESULT_ID])


def test_a_population_the_measure_has_is_kept(client: FlaskClient) -> None:
    written = change(client, POPULATION, "mainstream",
                     {MEASURE: "pct_schools_good_or_outstanding"})
    assert written[page.POPULATION_ID]["value"] == "mainstream"
    assert written[QUERY_ID]["data"]["population"] == "mainstream"
    assert "mainstream schools" in json.dumps(written[page.RESULT_ID])


def test_the_comparators_go_into_the_address_in_the_pages_order(client: FlaskClient) -> None:
    written = change(client, COMPARE, ["districts", "england", "region", "neighbours"])
    assert written[QUERY_ID]["data"]["compare"] == "england,region,neighbours,districts"
    assert change(client, COMPARE, ["england", "region", "neighbours"])[QUERY_ID]["data"][
        "compare"] is None
    nothing = change(client, COMPARE, [])
    assert nothing[QUERY_ID]["data"]["compare"] == ""  # none compared stays none
    assert "Each statistical neighbour" not in json.dumps(nothing[page.RESULT_ID])


def test_a_value_no_control_offers_falls_back_to_the_default(client: FlaskClient) -> None:
    written = change(client, GROUP, "martians")
    assert written[page.GROUP_ID]["value"] == "all"
    assert written[QUERY_ID]["data"]["group"] is None


def test_the_controls_reporting_the_page_as_drawn_change_nothing(client: FlaskClient) -> None:
    """As the page is put in place its controls report their values: a bookmarked population
    stays, and the address and the result are left as they are."""
    shown = {"measure": "pct_schools_good_or_outstanding", "population": "mainstream",
             "group": "all", "compare": "england,districts", "neighbours": "2021"}
    controls = {MEASURE: "pct_schools_good_or_outstanding", POPULATION: "mainstream",
                GROUP: "all", COMPARE: ["england", "districts"], NEIGHBOURS: "2021"}
    assert run_callback(client, RESULT, {**controls, f"{page.SHOWN_ID}.data": shown},
                        list(controls)) == {}
    written = run_callback(client, RESULT, {**controls, f"{page.SHOWN_ID}.data": shown,
                                            NEIGHBOURS: "2025"}, NEIGHBOURS)
    assert written[page.SHOWN_ID]["data"] == {**shown, "neighbours": "2025"}
    assert written[QUERY_ID]["data"]["population"] == "mainstream"
