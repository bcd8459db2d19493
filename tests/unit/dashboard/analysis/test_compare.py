"""Compare: up to four schools, unknown URNs named, the same rows for every school, the best
marked only where years match, removable columns, distances from a postcode."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.analysis.compare import CompareModel, Row, compare_model, kept_urns
from dashboard.settings import params_from_search
from dashboard.store import Store
from tests.unit.dashboard.analysis.test_school_index import synthetic_store


@pytest.fixture(scope="module")
def store() -> Store:
    return synthetic_store()


def model(store: Store, query: str) -> CompareModel:
    return compare_model(store, params_from_search(query))


def rows(found: CompareModel) -> dict[str, Row]:
    return {row.key: row for section in found.sections for row in section.rows}


# --- which schools ----------


def test_more_than_four_keeps_the_first_four_with_a_message(store: Store) -> None:
    found = model(store, "?urn=140001&urn=100002&urn=100003&urn=100004&urn=100005")
    assert [s.urn for s in found.schools] == [140001, 100002, 100003, 100004]
    assert any("up to 4 schools" in m for m in found.messages)
    assert found.add_href is None  # full: no "add another school"


def test_unknown_urns_are_named_and_duplicates_dropped(store: Store) -> None:
    found = model(store, "?urn=999999999&urn=abc&urn=100002&urn=100002")
    assert [s.urn for s in found.schools] == [100002]
    assert found.messages == ("No schools have the references (URNs) 999999999, abc, so they "
                              "were left out of the comparison.",)


def test_no_schools_is_not_an_error(store: Store) -> None:
    found = model(store, "")
    assert found.schools == () and found.messages == ()


# --- the rows ----------


def test_every_school_has_the_same_rows(store: Store) -> None:
    found = model(store, "?urn=140001&urn=100005&urn=100002")
    for row in rows(found).values():
        assert len(row.cells) == 3
    table = rows(found)
    assert [c.text for c in table["phase"].cells] == ["Primary", "Primary", "Secondary"]
    assert table["inspection"].cells[2].judgements is not None  # report card areas listed
    # A figure a school does not have says so; a suppressed one shows its code, never 0.
    higher = table["ks2_rwm_higher_pct"].cells
    assert (higher[0].text, higher[0].suppression) == ("[supp]", "supp")
    assert higher[2].text == "no figure"


def test_the_best_is_marked_only_when_the_years_match(store: Store) -> None:
    table = rows(model(store, "?urn=140001&urn=100005"))
    marks = [c.mark for c in table["ks2_rwm_expected_pct"].cells]
    assert marks == ["Highest of these", None]  # 65.0% against 41.0%, both 2022/23
    table = rows(model(store, "?urn=100001&urn=100005"))  # 2016/17 against 2022/23
    assert [c.mark for c in table["ks2_rwm_expected_pct"].cells] == [None, None]


def test_distances_from_a_postcode(store: Store) -> None:
    found = model(store, "?urn=140001&urn=100002&urn=100007&postcode=st16 2dh")
    distance = rows(found)["distance"].cells
    assert distance[0].text == "1.5 km (1.0 mile)" and distance[0].mark == "Nearest"
    assert distance[2].text == "not known"  # no grid reference for this school
    assert found.postcode == "ST16 2DH"
    assert all("postcode=ST16+2DH" in href for href in found.remove_hrefs)


def test_a_postcode_that_cannot_be_placed_says_so(store: Store) -> None:
    found = model(store, "?urn=140001&postcode=WV3 8DZ")
    assert "distance" not in rows(found)
    assert any(m.startswith("WV3 8DZ is not a Staffordshire postcode") for m in found.messages)
    found = model(store, "?urn=140001&postcode=nonsense")
    assert any("not a valid postcode" in m for m in found.messages)


def test_each_column_removes_itself_from_the_address(store: Store) -> None:
    found = model(store, "?urn=140001&urn=100002&urn=100004")
    kept = [parse_qs(urlsplit(href).query)["urn"] for href in found.remove_hrefs]
    assert kept == [["100002", "100004"], ["140001", "100004"], ["140001", "100002"]]
    assert found.add_href == "/schools?compare=140001&compare=100002&compare=100004"


def test_unknown_settings_are_named() -> None:
    found = model(synthetic_store(), "?urn=140001&zoom=3")
    assert found.messages == ("This page has no setting 'zoom'; it was ignored.",)


def test_the_next_address_keeps_every_urn_as_written() -> None:
    assert kept_urns(["140001", " 424242 ", "abc", ""]) == ["140001", "424242"]
