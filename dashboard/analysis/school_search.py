"""Finding schools: by name (partial and typo-tolerant), town, ward or district, or nearest
first from a postcode, with the finder's filters. No Dash here.

Exact, starting, whole-word and partial name matches rank above typo-tolerant ones
(rapidfuzz); a postcode lists every school by straight-line distance (dashboard.analysis.
postcodes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.analysis.postcodes import Location, looks_like_postcode
from dashboard.analysis.school_index import SchoolIndex, normalise_text

# Match tiers: the score a school gets for each kind of match (higher ranks first). Whole
# words beat parts of words, so "Stafford" finds schools in Stafford before "Staffordshire ...".
EXACT, STARTS_WITH_WORDS, WHOLE_WORDS, TOWN, STARTS_WITH = 100, 96, 92, 90, 89
PART_OF_NAME, WORD_STARTS, WARD_OR_DISTRICT, IN_PLACE_NAME, PLACE_TYPO = 88, 86, 84, 82, 72
# A typo-tolerant name match counts from this rapidfuzz score (0-100), scaled below the tiers.
FUZZY_FROM, FUZZY_WEIGHT, FUZZY_MIN_LENGTH = 80, 0.8, 4
PLACE_TYPO_FROM = 85

PHASE_FILTERS = {
    "any": "Any phase",
    "nursery": "Nursery",
    "primary": "Primary (including infant, junior and first schools)",
    "middle": "Middle",
    "secondary": "Secondary",
    "all_through": "All-through",
    "post16": "Sixth form or college",
    "special": "Special schools",
    "ap": "Alternative provision (pupil referral units)",
}


def name_scores(names: pd.Series, query: str) -> np.ndarray:
    """A score per name for the normalised query (0: no match); see the tiers above."""
    padded = " " + names + " "
    tiers = [
        (names == query, EXACT),
        (padded.str.startswith(f" {query} "), STARTS_WITH_WORDS),
        (padded.str.contains(f" {query} ", regex=False), WHOLE_WORDS),
        (names.str.startswith(query), STARTS_WITH),
        (names.str.contains(query, regex=False), PART_OF_NAME),
    ]
    scores = np.zeros(len(names))
    for hit, score in reversed(tiers):
        scores = np.where(hit.to_numpy(dtype=bool), score, scores)
    words = query.split()
    if len(words) > 1:
        starts = np.array([all(any(token.startswith(w) for token in name.split()) for w in words)
                           for name in names])
        scores = np.where((scores == 0) & starts, WORD_STARTS, scores)
    if len(query) >= FUZZY_MIN_LENGTH:
        choices = names.tolist()
        partial = process.cdist([query], choices, scorer=fuzz.partial_ratio, workers=1)[0]
        tokens = process.cdist([query], choices, scorer=fuzz.token_set_ratio, workers=1)[0]
        fuzzy = np.maximum(partial, tokens)
        scores = np.where((scores == 0) & (fuzzy >= FUZZY_FROM), fuzzy * FUZZY_WEIGHT, scores)
    return scores


def place_scores(frame: pd.DataFrame, query: str) -> np.ndarray:
    """A score per school for the query as a town, ward or district name."""
    scores = np.zeros(len(frame))
    words = set(query.split())
    for column, exact in (("town_key", TOWN), ("ward_key", WARD_OR_DISTRICT),
                          ("district_key", WARD_OR_DISTRICT)):
        places = frame[column]
        same = (places == query).to_numpy(dtype=bool)
        within = np.array([bool(place) and words <= set(place.split()) for place in places])
        typo = np.zeros(len(frame), dtype=bool)
        if len(query) >= FUZZY_MIN_LENGTH:
            typo = process.cdist([query], places.tolist(), scorer=fuzz.ratio,
                                 workers=1)[0] >= PLACE_TYPO_FROM
        column_scores = np.select([same, within, typo], [exact, IN_PLACE_NAME, PLACE_TYPO], 0)
        scores = np.maximum(scores, column_scores)
    return scores


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    phase: str = "any"
    outcome: str = "any"
    district_code: str | None = None
    include_closed: bool = False


@dataclass(frozen=True)
class SearchResult:
    request: SearchRequest
    kind: str  # "all" (no text), "name", "location", "not_found" (a postcode we cannot place)
    urns: tuple[int, ...]  # best first (nearest first for a location)
    location: Location | None = None
    distances_km: Mapping[int, float] | None = None
    message: str | None = None

    @property
    def total(self) -> int:
        return len(self.urns)


def filtered(frame: pd.DataFrame, request: SearchRequest) -> pd.DataFrame:
    keep = pd.Series(True, index=frame.index)
    if not request.include_closed:
        keep &= frame["is_open"]
    if request.phase in ("special", "ap"):
        keep &= frame["population"] == request.phase
    elif request.phase != "any":
        keep &= frame["phase"] == request.phase
    if request.outcome != "any":
        keep &= frame["outcome"] == request.outcome
    if request.district_code:
        keep &= frame["district_code"] == request.district_code
    return frame[keep]


def search(index: SchoolIndex, request: SearchRequest) -> SearchResult:
    """The schools matching a request: by name or town (best match first, then by name), or
    nearest first from a postcode; filters applied in every case."""
    schools = filtered(index.frame, request)
    text = request.text.strip()
    if not text:
        return SearchResult(request, "all", tuple(schools["urn"].astype(int)))
    location, message = index.gazetteer.find(text)
    if location is not None:
        return _nearest(schools, request, location)
    if message is not None:
        return SearchResult(request, "not_found", (), message=message)
    query = normalise_text(text)
    if not query:
        return SearchResult(request, "name", ())
    if looks_like_postcode(text):
        return SearchResult(request, "not_found", (), message=(
            f"'{text[:40]}' is not a valid postcode. A full postcode looks like ST16 2DH; you "
            "can also search with its first half, like ST16, or by school name or town."))
    if query.isdigit():
        by_urn = schools[schools["urn"] == int(query)]
        if len(by_urn):
            return SearchResult(request, "name", tuple(by_urn["urn"].astype(int)))
    scores = np.maximum(name_scores(schools["name_key"], query), place_scores(schools, query))
    ranked = schools.assign(_score=scores)
    ranked = ranked[ranked["_score"] > 0].sort_values(["_score", "name_key"],
                                                      ascending=[False, True], kind="stable")
    return SearchResult(request, "name", tuple(ranked["urn"].astype(int)))


def _nearest(schools: pd.DataFrame, request: SearchRequest, location: Location) -> SearchResult:
    east, north = schools["easting"] - location.easting, schools["northing"] - location.northing
    km = np.hypot(east, north) / 1000.0
    # Schools without a grid reference (postcode not in Code-Point) go last, by name.
    ordered = schools.assign(km=km).sort_values(["km", "name_key"], na_position="last",
                                                kind="stable")
    distances = {int(urn): float(value) for urn, value in ordered["km"].dropna().items()}
    return SearchResult(request, "location", tuple(ordered["urn"].astype(int)), location=location,
                        distances_km=distances)

