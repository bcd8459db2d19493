"""The index of schools every school page reads: one row per school with its search keys, each
school's summary and the postcode gazetteer, made once per loaded store (`school_index`); a
school found by the URN in an address; the schools chosen to compare; and the dated sources
behind a list of schools. No Dash here.

Names are matched after light normalisation ("St Austin's" and "st austins" are the same;
"Saint" is "St", "Church of England", "C of E" and "CE" are "CofE"). Towns are the school's own,
or, where its record has none, the town most schools with the same outward code give.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.postcodes import Gazetteer
from dashboard.analysis.school_summary import SchoolSummary, SchoolTables, summarise_schools
from dashboard.config import load_area
from dashboard.store import Store
from dashboard.wording import period_label

MAX_COMPARE = 4
# The longest URN an address may give (GIAS URNs are six digits; a few more are allowed).
MAX_URN_DIGITS = 9
# The sources whose dates a list of schools states.
SUMMARY_SOURCES = ("gias_open_2026_06", "ofsted_latest_2026_06", "ks2_by_urn_2022_23",
                   "ks4_by_urn_2022_23", "codepoint_postcodes")

_SYNONYMS = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"\bchurch of england\b", "cofe"), (r"\bc of e\b", "cofe"), (r"\bc e\b", "cofe"),
    (r"\bce\b", "cofe"), (r"\bsaint\b", "st"), (r"\broman catholic\b", "catholic"),
    (r"\brc\b", "catholic"),
)]

def normalise_text(text: str | None) -> str:
    """Lower case, no accents, apostrophes or punctuation, common school-name variants made
    the same: "St. Austin's C of E" -> "st austins cofe"."""
    if not text:
        return ""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    plain = re.sub(r"['’`]", "", plain.lower().replace("&", " and "))
    plain = re.sub(r"[^a-z0-9]+", " ", plain).strip()
    for pattern, replacement in _SYNONYMS:
        plain = pattern.sub(replacement, plain)
    return plain



def outward_towns(schools: pd.DataFrame) -> dict[str, str]:
    """Outward code -> the town most schools with that outward code give."""
    known = schools.dropna(subset=["postcode", "town"])
    if known.empty:
        return {}
    pairs = pd.DataFrame({"outward": known["postcode"].astype(str).str.split(" ").str[0],
                          "town": known["town"].astype(str).str.strip()})
    commonest = pairs.value_counts().reset_index().drop_duplicates("outward")
    return dict(zip(commonest["outward"], commonest["town"], strict=True))


@dataclass(frozen=True)
class SchoolIndex:
    """Everything the finder searches, one row per school (index: URN), with each school's
    summary and the postcode gazetteer."""

    frame: pd.DataFrame
    summaries: Mapping[int, SchoolSummary]
    gazetteer: Gazetteer
    tables: SchoolTables

    def summary(self, urn: int) -> SchoolSummary | None:
        return self.summaries.get(urn)


INDEX_COLUMNS = ["urn", "name", "name_key", "town_key", "ward_key", "district_key", "phase",
                 "population", "is_open", "district_code", "outcome", "easting", "northing"]


def build_index(tables: SchoolTables, area_name: str) -> SchoolIndex:
    """The index of every school in `tables`, sorted by name."""
    schools = tables.schools
    summaries = summarise_schools(tables)
    towns_by_outward = outward_towns(schools)
    rows = []
    for summary in summaries.values():
        outward = summary.postcode.split(" ")[0] if summary.postcode else None
        town = summary.town or towns_by_outward.get(outward or "")
        rows.append({
            "urn": summary.urn,
            "name": summary.name,
            "name_key": normalise_text(summary.name),
            "town_key": normalise_text(town),
            "ward_key": normalise_text(summary.ward_name),
            "district_key": normalise_text(summary.district_name),
            "phase": summary.phase or "",
            "population": summary.population or "",
            "is_open": bool(summary.is_open),
            "district_code": summary.district_code or "",
            "outcome": summary.inspection.category,
            "easting": summary.easting if summary.easting is not None else np.nan,
            "northing": summary.northing if summary.northing is not None else np.nan,
        })
    frame = pd.DataFrame(rows, columns=INDEX_COLUMNS).set_index("urn", drop=False)
    frame = frame.sort_values("name_key")
    return SchoolIndex(frame=frame, summaries=summaries,
                       gazetteer=Gazetteer.from_postcodes(tables.postcodes, area_name),
                       tables=tables)


def _index_of(store: Store) -> SchoolIndex:
    area = load_area()
    return build_index(SchoolTables.from_tables(store.tables, area), area.name)


def school_index(store: Store) -> SchoolIndex:
    """The index of the store's schools, made once per loaded store (a few tenths of a second
    of summarising that every school page needs)."""
    return store.derived("school_index", _index_of)


def read_urn(text: str | None) -> int | None:
    """The URN an address gives ("136323"), or None when it cannot be one."""
    cleaned = (text or "").strip().strip("/")
    return int(cleaned) if cleaned.isdigit() and len(cleaned) <= MAX_URN_DIGITS else None


def find_school(store: Store, urn: str | None) -> SchoolSummary | None:
    """The school with the URN an address gives; None when there is none."""
    number = read_urn(urn)
    return school_index(store).summary(number) if number is not None else None


def read_compare_list(values: Sequence[str],
                      known: Mapping[int, object]) -> tuple[tuple[int, ...], list[str]]:
    """The URNs to compare: known schools, each once, at most four; messages for the rest."""
    chosen: list[int] = []
    unknown: list[str] = []
    for value in values:
        text = value.strip()
        urn = int(text) if text.isdigit() else None
        if urn is None or urn not in known:
            unknown.append(text[:20])
        elif urn not in chosen:
            chosen.append(urn)
    messages = []
    if len(unknown) == 1:
        messages.append(f"No school has the reference (URN) {unknown[0]}, so it was left out "
                        "of the comparison.")
    elif unknown:
        messages.append(f"No schools have the references (URNs) {', '.join(unknown)}, so they "
                        "were left out of the comparison.")
    if len(chosen) > MAX_COMPARE:
        messages.append(f"You can compare up to {MAX_COMPARE} schools, so only the first "
                        f"{MAX_COMPARE} are kept.")
    return tuple(chosen[:MAX_COMPARE]), messages


def summary_sources(store: Store) -> str:
    """"Sources: <title> (<date>); ...": the dated sources of the schools' summaries."""
    dated = store.sources_by_id()
    parts = [f"{dated[i]['title']} ({period_label(str(dated[i]['data_date']))})"
             for i in SUMMARY_SOURCES if i in dated]
    return "Sources: " + "; ".join(parts) + "." if parts else ""
