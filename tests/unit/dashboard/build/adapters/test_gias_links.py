"""GIAS links between establishments, and the linked schools' names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters.gias_links import link_direction
from dashboard.errors import SourceError
from dashboard.tables import validate
from tests.unit.dashboard.build.adapters.test_school_records import by_source, load, write_csv


@pytest.mark.parametrize(("link_type", "expected"), [
    ("Successor", ("successor", None)),
    ("Predecessor", ("predecessor", None)),
    ("Predecessor - merged", ("predecessor", "merged")),
    ("Successor - Split School", ("successor", "split school")),
    ("Result of Amalgamation", ("successor", "amalgamated")),
    ("Sixth Form Centre Link", None),
    ("Merged - change in age range", None),
    ("Other", None),
])
def test_link_direction(link_type: str, expected: tuple | None) -> None:
    assert link_direction(link_type) == expected


LINK_ROWS = [
    {"URN": "124157", "LinkURN": "147570", "LinkName": "Wilnecote Junior Academy",
     "LinkType": "Successor", "LinkEstablishedDate": "31-10-2019"},
    {"URN": "147570", "LinkURN": "124157", "LinkName": "Wilnecote Junior School",
     "LinkType": "Predecessor", "LinkEstablishedDate": "01-11-2019"},
    {"URN": "100012", "LinkURN": "100021", "LinkName": "Rhyl Community Primary School",
     "LinkType": "Successor - merged", "LinkEstablishedDate": ""},
    {"URN": "100013", "LinkURN": "100014", "LinkName": "Sixth form centre",
     "LinkType": "Sixth Form Centre Link", "LinkEstablishedDate": ""},
    {"URN": "100015", "LinkURN": "100016", "LinkName": "Amalgamated School",
     "LinkType": "Result of Amalgamation", "LinkEstablishedDate": "01-09-2015"},
]


def test_links(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", LINK_ROWS, encoding="cp1252")
    source = by_source("gias_links_2025_04")
    frame = validate(source.table, source.load([path]), "test")
    assert len(frame) == 4  # the sixth-form centre link is not a URN history link
    first = frame.iloc[0]
    assert (first["urn"], first["linked_urn"], first["link_type"]) == (124157, 147570,
                                                                       "successor")
    assert first["link_date"] == pd.Timestamp("2019-10-31")
    merged = frame[frame["urn"] == 100012].iloc[0]
    assert (merged["link_type"], merged["link_reason"]) == ("successor", "merged")
    assert pd.isna(merged["link_date"])
    amalgamated = frame[frame["urn"] == 100015].iloc[0]
    assert (amalgamated["link_type"], amalgamated["link_reason"]) == ("successor",
                                                                      "amalgamated")


def test_link_names_are_school_records(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", LINK_ROWS)
    frame = load("gias_link_names_2025_04", [path])
    assert frame["name"].to_dict() == {
        147570: "Wilnecote Junior Academy", 124157: "Wilnecote Junior School",
        100021: "Rhyl Community Primary School", 100016: "Amalgamated School"}
    assert frame[["phase", "population", "postcode"]].isna().all().all()


def test_links_with_bad_date_name_the_column(tmp_path: Path) -> None:
    rows = [{**LINK_ROWS[0], "LinkEstablishedDate": "soon"}]
    with pytest.raises(SourceError) as error:
        by_source("gias_links_2025_04").load([write_csv(tmp_path / "links.csv", rows)])
    assert error.value.column == "LinkEstablishedDate"
