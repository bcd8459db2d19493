"""School search: ranking (exact, partial, typo, town, ward or district, postcode), nearest
first from a postcode with distances, and the finder's filters. On the small synthetic school
tables of test_school_index."""

from __future__ import annotations

import math

import pytest

from dashboard.analysis.school_index import SchoolIndex
from dashboard.analysis.school_search import SearchRequest, search
from tests.unit.dashboard.analysis.test_school_index import STAFFORD, synthetic_index


@pytest.fixture(scope="module")
def index() -> SchoolIndex:
    return synthetic_index()


def names(index: SchoolIndex, urns: tuple[int, ...]) -> list[str]:
    return [index.summaries[u].name for u in urns]


# --- ranking ----------


def test_exact_name_first(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("Leek High School"))
    assert names(index, found.urns)[0] == "Leek High School"


def test_partial_name_finds_the_school(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("oakf"))
    assert names(index, found.urns) == ["Oakfield School"]


@pytest.mark.parametrize("typed", ["st austins", "St Austin's", "saint austins", "st austns",
                                   "austin"])
def test_typo_and_apostrophe_tolerant(index: SchoolIndex, typed: str) -> None:
    found = search(index, SearchRequest(typed))
    assert found.urns[0] == 140001  # the open school, not its closed predecessor


def test_town_lists_the_schools_in_it_and_names_rank_above(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("stafford"))
    # "Stafford Road Primary" is closed (open only by default); the special school and the
    # academy are in the town.
    assert set(found.urns) == {140001, 100004}
    found = search(index, SearchRequest("stafford", include_closed=True))
    assert found.urns[0] == 100006  # the name starts with the word, above the town matches
    assert set(found.urns[1:]) == {100001, 140001, 100004}


def test_a_school_without_a_town_is_found_by_ward_or_district(index: SchoolIndex) -> None:
    assert 100003 in search(index, SearchRequest("tamworth")).urns
    assert 140001 in search(index, SearchRequest("forebridge")).urns


def test_postcode_lists_nearest_first_with_distances(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("ST16 2DH"))
    assert found.kind == "location" and found.location is not None
    distances = [found.distances_km[u] for u in found.urns if u in found.distances_km]
    assert distances == sorted(distances)
    expected = math.hypot(391000 - 392322, 324000 - 323196) / 1000
    assert found.distances_km[140001] == pytest.approx(expected)
    assert found.urns[-1] == 100007  # no grid reference: listed last, no distance
    assert 100007 not in found.distances_km


def test_an_unknown_or_invalid_postcode_lists_nothing_and_says_why(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("WV3 8DZ"))
    assert found.urns == () and found.kind == "not_found"
    assert "WV3 8DZ is not a Staffordshire postcode" in (found.message or "")
    found = search(index, SearchRequest("ST16 2D"))
    assert found.urns == () and "is not a valid postcode" in (found.message or "")


def test_no_match_and_nonsense(index: SchoolIndex) -> None:
    assert search(index, SearchRequest("zzzzqqqq")).urns == ()
    assert search(index, SearchRequest("!!!")).urns == ()


def test_a_urn_finds_its_school(index: SchoolIndex) -> None:
    assert search(index, SearchRequest("100002")).urns == (100002,)


# --- filters ----------


def test_filters(index: SchoolIndex) -> None:
    def urns(**request: object) -> set[int]:
        return set(search(index, SearchRequest(**request)).urns)

    assert urns() == {140001, 100002, 100003, 100004, 100005, 100007}
    assert 100001 in urns(include_closed=True)
    assert urns(phase="secondary") == {100002, 100007}
    assert urns(phase="special") == {100004}
    assert urns(phase="nursery") == {100003}
    assert urns(district_code=STAFFORD) == {140001, 100004}
    assert urns(outcome="report_card") == {100002}
    assert urns(outcome="no_overall_grade") == {100004}
    assert urns(outcome="good") == {140001, 100007}
    assert urns(outcome="inadequate") == {100005}
    assert urns(outcome="not_inspected") == {100003}
    assert urns(text="ST16 2DH", phase="special") == {100004}
