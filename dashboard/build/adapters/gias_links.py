"""GIAS links between establishments -> `school_links`, and the linked schools' names.

The official `links_edubasealldata*.csv` lists, for each URN, its predecessor and successor
URNs (academy conversion, merger, amalgamation, split) and the linked school's name. The links
give `school_links`; the names give `school_records` holding only a name, the only name on
record for some closed schools.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.gias import GIAS_DOWNLOADS
from dashboard.build.adapters.school_records import DATE_FORMATS, read_publisher_csv, records
from dashboard.build.sources import Source, as_urn, blank_to_na, parse_dates, resolve_columns

GIAS_LINKS_2025_04 = "gias_links_2025_04"
GIAS_LINK_NAMES_2025_04 = "gias_link_names_2025_04"

LINK_COLUMNS = {"URN": ["URN"], "LinkURN": ["LinkURN"], "LinkType": ["LinkType"],
                "LinkEstablishedDate": ["LinkEstablishedDate"]}


def link_direction(link_type: str | None) -> tuple[str, str | None] | None:
    """(link_type, link_reason) for a GIAS LinkType, or None when it is not a URN history link.

    "Successor - merged" -> ("successor", "merged"); "Predecessor" -> ("predecessor", None);
    "Result of Amalgamation" (the linked school is the amalgamated successor) -> ("successor",
    "amalgamated"). Sixth-form centre, expansion, closure and "Other" links return None.
    """
    if not isinstance(link_type, str):
        return None
    words = link_type.strip().lower()
    if words == "result of amalgamation":
        return "successor", "amalgamated"
    direction, _, reason = words.partition(" - ")
    if direction not in ("predecessor", "successor"):
        return None
    return direction, reason.strip() or None


def _history_links(path: Path, columns: dict[str, list[str]]) -> tuple[pd.DataFrame, list]:
    """The rows of a GIAS links file that are predecessor/successor links, with their
    (link_type, link_reason)."""
    links = resolve_columns(read_publisher_csv(path), path, columns)
    directions = [link_direction(t) for t in links["LinkType"]]
    keep = pd.Series([d is not None for d in directions], index=links.index, dtype=bool)
    return links[keep], [d for d in directions if d is not None]


def load_links(paths: list[Path]) -> pd.DataFrame:
    """Predecessor/successor links between URNs: each row says what `linked_urn` is to `urn`."""
    frames = []
    for path in paths:
        links, kept = _history_links(path, LINK_COLUMNS)
        frames.append(pd.DataFrame({
            "urn": as_urn(links["URN"], path),
            "linked_urn": as_urn(links["LinkURN"], path, "LinkURN"),
            "link_type": pd.Series([d[0] for d in kept], index=links.index, dtype="string"),
            "link_reason": pd.Series([d[1] for d in kept], index=links.index, dtype="string"),
            "link_date": parse_dates(links["LinkEstablishedDate"], path, "LinkEstablishedDate",
                                     formats=DATE_FORMATS),
            "source_id": GIAS_LINKS_2025_04,
        }))
    links = pd.concat(frames, ignore_index=True)
    return links.drop_duplicates(["urn", "linked_urn", "link_type"]).reset_index(drop=True)


def load_link_names(paths: list[Path]) -> pd.DataFrame:
    """The name GIAS gives each linked school (LinkName): the only name on record for some
    closed schools (e.g. PRUs that became academies before 2023) that otherwise appear only in
    the census, inspections or results."""
    frames = []
    for path in paths:
        links, _ = _history_links(path, {**LINK_COLUMNS, "LinkName": ["LinkName"]})
        frames.append(records(pd.DataFrame({
            "urn": as_urn(links["LinkURN"], path, "LinkURN"),
            "name": blank_to_na(links["LinkName"]),
        }).dropna(subset=["name"]), GIAS_LINK_NAMES_2025_04))
    return pd.concat(frames, ignore_index=True).drop_duplicates("urn").reset_index(drop=True)


SOURCES: list[Source] = [
    Source(
        id=GIAS_LINKS_2025_04,
        title="Get Information About Schools: links between establishments, 22 April 2025",
        publisher="Department for Education",
        paths=("gias_links/links_edubasealldata20250422.csv",),
        data_date="2025-04-22",
        table="school_links",
        load=load_links,
        covers="Predecessor and successor URNs (academy conversion, merger, amalgamation, split).",
        lacks="Links made after 22 April 2025; sixth-form centre and other non-history links.",
        official_url=GIAS_DOWNLOADS,
        rehost_note="Official links_edubasealldata20250422.csv, unchanged.",
    ),
    Source(
        id=GIAS_LINK_NAMES_2025_04,
        title="Get Information About Schools: names of linked establishments, 22 April 2025",
        publisher="Department for Education",
        paths=("gias_links/links_edubasealldata20250422.csv",),
        data_date="2025-04-22",
        table="school_records",
        load=load_link_names,
        covers="The name of every school that is a predecessor or successor of another.",
        lacks="Everything but the name.",
        official_url=GIAS_DOWNLOADS,
        rehost_note="Official links_edubasealldata20250422.csv, unchanged.",
    ),
]
