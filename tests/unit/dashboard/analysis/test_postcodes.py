"""Postcodes: found however they are typed, outward codes as the mean of their postcodes,
clear messages for postcodes that cannot be placed, and straight-line distances on the
national grid in km and miles."""

from __future__ import annotations

import pytest

from dashboard.analysis.postcodes import (
    Gazetteer,
    distance_km,
    distance_text,
    distances_from,
    km_to_miles,
    looks_like_postcode,
)
from dashboard.analysis.school_index import SchoolIndex
from tests.unit.dashboard.analysis.test_school_index import synthetic_index, synthetic_tables


@pytest.fixture(scope="module")
def index() -> SchoolIndex:
    return synthetic_index()


def test_distance_is_euclidean_on_the_national_grid_in_km_and_miles() -> None:
    assert distance_km(393000.0, 324000.0, 390000.0, 320000.0) == pytest.approx(5.0)
    assert km_to_miles(1.609344) == pytest.approx(1.0)
    assert distance_text(5.0) == "5.0 km (3.1 miles)"
    assert distance_text(1.609344) == "1.6 km (1.0 mile)"


def test_postcodes_are_found_however_they_are_typed(index: SchoolIndex) -> None:
    gazetteer = index.gazetteer
    for typed in ("ST16 2DH", "st162dh", "  st16   2dh "):
        location, message = gazetteer.find(typed)
        assert message is None and location is not None
        assert (location.label, location.easting, location.northing) == (
            "ST16 2DH", 392322.0, 323196.0)


def test_an_outward_code_is_the_mean_of_its_postcodes(index: SchoolIndex) -> None:
    location, message = index.gazetteer.find("st16")
    assert message is None and location is not None
    assert location.postcodes == 3
    assert location.easting == pytest.approx((391000 + 392322 + 391600) / 3)
    assert location.northing == pytest.approx((324000 + 323196 + 324900) / 3)
    assert "3 Staffordshire postcodes" in location.description


def test_a_postcode_not_in_code_point_gets_a_clear_message(index: SchoolIndex) -> None:
    location, message = index.gazetteer.find("wv3 8dz")
    assert location is None
    assert message is not None and message.startswith(
        "WV3 8DZ is not a Staffordshire postcode in Code-Point Open")
    _, message = index.gazetteer.find("ST16 9ZZ")
    assert "search with its first half, ST16" in (message or "")
    _, message = index.gazetteer.find("XX9")
    assert "XX9 is not a Staffordshire postcode district" in (message or "")


def test_gazetteer_reads_the_postcodes_table() -> None:
    frame = synthetic_tables()["postcodes"]
    gazetteer = Gazetteer.from_postcodes(frame, "Testshire")
    assert gazetteer.outward["ST16"][2] == 3
    assert gazetteer.find("B77 1AA")[0] is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("ST16 2D", True), ("st16 2dhh", True), ("B7", True), ("Leek", False),
    ("St Austins", False), ("12345", False), ("Year 7 centre", False)])
def test_postcode_shaped_text_is_recognised(text: str, expected: bool) -> None:
    assert looks_like_postcode(text) is expected


def test_distances_from_a_location_skip_schools_without_a_grid_reference(
        index: SchoolIndex) -> None:
    location, _ = index.gazetteer.find("ST16 1AA")
    assert location is not None
    found = distances_from([index.summaries[u] for u in (140001, 100002, 100007)], location)
    assert found[140001] == pytest.approx(0.0)
    assert found[100002] == pytest.approx(distance_km(398000.0, 356000.0, 391000.0, 324000.0))
    assert 100007 not in found
