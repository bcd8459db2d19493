"""Compare and the finder's address: up to four schools, unknown URNs named, the same rows for
every school, the best marked only where years match, removable columns, distances; the
finder's query, filters and comparison list read from and written to the address."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from dash.exceptions import PreventUpdate
from test_search import synthetic_index

from callbacks import compare, schools
from callbacks.params import parse_query
from dashboard.analysis.schools import SchoolIndex
from dashboard.config import Area, load_area

STORE = SimpleNamespace(manifest={"sources": [
    {"id": "ofsted_latest_2026_06", "title": "Ofsted latest inspections", "data_date": "2026-06"},
]})


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def index(area: Area) -> SchoolIndex:
    return synthetic_index(area)


def model(index: SchoolIndex, query: str) -> compare.page.CompareModel:
    return compare.compare_model(index, parse_query(query), STORE)  # type: ignore[arg-type]


def rows(found: compare.page.CompareModel) -> dict[str, compare.page.Row]:
    return {row.key: row for section in found.sections for row in section.rows}


# --- which schools ----------


def test_more_than_four_keeps_the_first_four_with_a_message(index: SchoolIndex) -> None:
    found = model(index, "?urn=140001&urn=100002&urn=100003&urn=100004&urn=100005")
    assert [s.urn for s in found.schools] == [140001, 100002, 100003, 100004]
    assert any("up to 4 schools" in m for m in found.messages)
    assert found.add_href is None  # full: no "add another school"


def test_unknown_urns_are_named_and_duplicates_dropped(index: SchoolIndex) -> None:
    found = model(index, "?urn=999999999&urn=abc&urn=100002&urn=100002")
    assert [s.urn for s in found.schools] == [100002]
    assert found.messages == ["No schools have the references (URNs) 999999999, abc, so they "
                              "were left out of the comparison."]


def test_no_schools_is_not_an_error(index: SchoolIndex) -> None:
    found = model(index, "")
    assert found.schools == [] and found.messages == []


# --- the rows ----------


def test_every_school_has_the_same_rows(index: SchoolIndex) -> None:
    found = model(index, "?urn=140001&urn=100005&urn=100002")
    for row in rows(found).values():
        assert len(row.cells) == 3
    table = rows(found)
    assert [c.text for c in table["phase"].cells] == ["Primary", "Primary", "Secondary"]
    assert table["inspection"].cells[2].judgements is not None  # report card areas listed
    # A figure a school does not have says so; a suppressed one shows its code, never 0.
    higher = table["ks2_rwm_higher_pct"].cells
    assert (higher[0].text, higher[0].suppression) == ("[supp]", "supp")
    assert higher[2].text == "no figure"


def test_the_best_is_marked_only_when_the_years_match(index: SchoolIndex) -> None:
    table = rows(model(index, "?urn=140001&urn=100005"))
    marks = [c.mark for c in table["ks2_rwm_expected_pct"].cells]
    assert marks == ["Highest of these", None]  # 65.0% against 41.0%, both 2022/23
    table = rows(model(index, "?urn=100001&urn=100005"))  # 2016/17 against 2022/23
    assert [c.mark for c in table["ks2_rwm_expected_pct"].cells] == [None, None]


def test_distances_from_a_postcode(index: SchoolIndex) -> None:
    found = model(index, "?urn=140001&urn=100002&urn=100007&postcode=st16 2dh")
    distance = rows(found)["distance"].cells
    assert distance[0].text == "1.5 km (1.0 mile)" and distance[0].mark == "Nearest"
    assert distance[2].text == "not known"  # no grid reference for this school
    assert found.postcode == "ST16 2DH"
    assert all("postcode=ST16+2DH" in href for href in found.remove_hrefs)


def test_a_postcode_that_cannot_be_placed_says_so(index: SchoolIndex) -> None:
    found = model(index, "?urn=140001&postcode=WV3 8DZ")
    assert "distance" not in rows(found)
    assert any(m.startswith("WV3 8DZ is not a Staffordshire postcode") for m in found.messages)
    found = model(index, "?urn=140001&postcode=nonsense")
    assert any("not a valid postcode" in m for m in found.messages)


def test_each_column_removes_itself_from_the_address(index: SchoolIndex) -> None:
    found = model(index, "?urn=140001&urn=100002&urn=100004")
    kept = [parse_qs(urlsplit(href).query)["urn"] for href in found.remove_hrefs]
    assert kept == [["100002", "100004"], ["140001", "100004"], ["140001", "100002"]]
    assert found.add_href == "/schools?compare=140001&compare=100002&compare=100004"


def test_the_postcode_form_keeps_the_schools() -> None:
    query = compare.with_postcode(1, None, " ST16 2DH ", "?urn=140001&urn=100002&postcode=x")
    assert parse_qs(query.lstrip("?")) == {"urn": ["140001", "100002"], "postcode": ["ST16 2DH"]}


# --- the finder's address ----------


def test_finder_reads_its_address(index: SchoolIndex, area: Area) -> None:
    state, messages = schools.read_state(parse_query(
        "?q=leek&phase=secondary&district=staffordshire-moorlands&status=all&compare=100002"
        "&compare=424242&show=40"), area, index)
    assert (state.text, state.phase, state.district, state.include_closed, state.show) == (
        "leek", "secondary", "staffordshire-moorlands", True, 40)
    assert state.compare == (100002,)
    assert messages == ["No school has the reference (URN) 424242, so it was left out of the "
                        "comparison."]


def test_malformed_finder_settings_fall_back_with_messages(index: SchoolIndex,
                                                           area: Area) -> None:
    state, messages = schools.read_state(parse_query(
        "?phase=castle&outcome=great&district=atlantis&status=maybe&show=-3&zoom=2"),
        area, index)
    assert (state.phase, state.outcome, state.district, state.include_closed, state.show) == (
        "any", "any", "any", False, schools.PAGE_SIZE)
    assert len(messages) == 6


def test_finder_state_round_trips_through_the_address(index: SchoolIndex, area: Area) -> None:
    state = schools.FinderState(text="ST16 2DH", phase="primary", outcome="good",
                                compare=(140001, 100002))
    again, messages = schools.read_state(parse_query(state.query()), area, index)
    assert again == state and messages == []
    assert schools.FinderState().query() == ""


def test_a_new_search_keeps_the_comparison_list_and_skips_no_change() -> None:
    query = schools.new_search(1, None, "secondary", "any", "any", True, " leek ",
                               "?q=leek&compare=100002&show=60")
    assert parse_qs(query.lstrip("?")) == {"q": ["leek"], "phase": ["secondary"],
                                           "compare": ["100002"]}
    with pytest.raises(PreventUpdate):
        schools.new_search(None, 1, "any", "any", "any", True, "leek", "?q=leek&compare=1")


def test_results_list_adds_and_removes_compare_choices(index: SchoolIndex, area: Area) -> None:
    state = schools.FinderState(text="ST16 2DH", compare=(100002,))
    results = schools.finder_results(index, state, area, STORE)  # type: ignore[arg-type]
    assert results.heading.endswith("nearest to ST16 2DH first")
    first = results.cards[0]
    assert first.distance is not None and first.distance_metres is not None
    added = parse_qs(urlsplit(first.compare_href).query)["compare"]
    assert added == ["100002", str(first.summary.urn)]
    chosen = next(c for c in results.cards if c.summary.urn == 100002)
    assert chosen.in_compare and "compare" not in parse_qs(urlsplit(chosen.compare_href).query)
    assert results.basket.compare_href == "/compare?urn=100002&postcode=ST16+2DH"
