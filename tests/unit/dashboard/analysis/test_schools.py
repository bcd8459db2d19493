"""The finder: its settings read from and written to the address, the search a new search
asks for (keeping the comparison list), and the list with its links that add and remove
schools from the comparison."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.analysis.school_index import SchoolIndex, school_index
from dashboard.analysis.schools import (
    PAGE_SIZE,
    FinderState,
    address_changes,
    finder_results,
    read_finder,
    search_params,
    searched_for,
)
from dashboard.config import Area, load_area
from dashboard.settings import params_from_search
from dashboard.store import Store
from tests.unit.dashboard.analysis.test_school_index import synthetic_store


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def store() -> Store:
    return synthetic_store()


@pytest.fixture(scope="module")
def index(store: Store) -> SchoolIndex:
    return school_index(store)


def test_finder_reads_its_address(index: SchoolIndex, area: Area) -> None:
    state, messages = read_finder(params_from_search(
        "?q=leek&phase=secondary&district=staffordshire-moorlands&status=all&compare=100002"
        "&compare=424242&show=40"), area, index)
    assert (state.text, state.phase, state.district, state.include_closed, state.show) == (
        "leek", "secondary", "staffordshire-moorlands", True, 40)
    assert state.compare == (100002,)
    assert messages == ["No school has the reference (URN) 424242, so it was left out of the "
                        "comparison."]


def test_malformed_finder_settings_fall_back_with_messages(index: SchoolIndex,
                                                           area: Area) -> None:
    state, messages = read_finder(params_from_search(
        "?phase=castle&outcome=great&district=atlantis&status=maybe&show=-3&zoom=2"),
        area, index)
    assert (state.phase, state.outcome, state.district, state.include_closed, state.show) == (
        "any", "any", "any", False, PAGE_SIZE)
    assert len(messages) == 6
    assert "'castle' is not a valid choice for 'phase'" in messages[0]
    assert "'-3' is not a number of schools to show, so 20 are shown." in messages
    assert "This page has no setting 'zoom'; it was ignored." in messages


def test_finder_state_round_trips_through_the_address(index: SchoolIndex, area: Area) -> None:
    state = FinderState(text="ST16 2DH", phase="primary", outcome="good",
                        compare=(140001, 100002))
    assert state.query() == ("?q=ST16+2DH&phase=primary&outcome=good&compare=140001"
                             "&compare=100002")
    again, messages = read_finder(params_from_search(state.query()), area, index)
    assert again == state and messages == []
    assert FinderState().query() == ""
    assert FinderState(include_closed=True, show=40).href() == "/schools?status=all&show=40"


def test_a_new_search_keeps_the_comparison_list_and_starts_the_list_again() -> None:
    params = search_params(" leek ", "secondary", "any", "any", True, ["100002", "424242"])
    assert address_changes(params) == {"q": "leek", "phase": "secondary", "outcome": None,
                                       "district": None, "status": None,
                                       "compare": ["100002", "424242"], "show": None}
    assert address_changes(search_params("", None, None, None, False, []))["status"] == "all"


def test_a_search_runs_again_only_when_the_search_or_filters_change() -> None:
    shown = searched_for(params_from_search("?q=leek&compare=1&show=60"))
    assert searched_for(search_params("leek ", "any", "any", "any", True, ["1"])) == shown
    assert searched_for(search_params("leek", "any", "any", "any", False, ["1"])) != shown
    assert searched_for(search_params("leek", "primary", "any", "any", True, [])) != shown


def test_results_list_adds_and_removes_compare_choices(store: Store, area: Area) -> None:
    state = FinderState(text="ST16 2DH", compare=(100002,))
    results = finder_results(store, state, area)
    assert results.heading.endswith("nearest to ST16 2DH first")
    first = results.cards[0]
    assert first.distance is not None and first.distance_metres is not None
    added = parse_qs(urlsplit(first.compare_href).query)["compare"]
    assert added == ["100002", str(first.summary.urn)]
    chosen = next(c for c in results.cards if c.summary.urn == 100002)
    assert chosen.in_compare and "compare" not in parse_qs(urlsplit(chosen.compare_href).query)
    assert results.basket.compare_href == "/compare?urn=100002&postcode=ST16+2DH"
    assert results.basket.remove_hrefs == ("/schools?q=ST16+2DH",)


def test_a_long_list_is_cut_with_a_link_to_more(store: Store, area: Area) -> None:
    results = finder_results(store, FinderState(show=2), area)
    assert (results.shown, results.total) == (2, 6)
    assert results.more_href == "/schools?show=22"
    assert results.heading == "6 open schools" and results.lead.startswith("Listed by name")
    assert finder_results(store, FinderState(), area).more_href is None


def test_headings_say_what_was_found(store: Store, area: Area) -> None:
    def heading(**state: object) -> str:
        return finder_results(store, FinderState(**state), area).heading  # type: ignore[arg-type]

    assert heading(text="leek") == "1 open school match ‘leek’"
    assert heading(text="zzzzqqqq") == "No open schools match ‘zzzzqqqq’"
    assert heading(text="WV3 8DZ") == "No schools listed"
    assert heading(phase="secondary", district="staffordshire-moorlands", outcome="report_card",
                   include_closed=True) == ("1 secondary school in Staffordshire Moorlands "
                                            "district, latest inspection: report card (since "
                                            "November 2025)")
    messages = finder_results(store, FinderState(text="WV3 8DZ"), area, ["first"]).messages
    assert messages[0] == "first" and "not a Staffordshire postcode" in messages[1]
