"""Finding schools: by name (partial and typo-tolerant), town or postcode, nearest first from a
postcode. No Dash here.

- Names are matched after light normalisation ("St Austin's" and "st austins" are the same;
  "Saint" is "St", "Church of England", "C of E" and "CE" are "CofE"); exact, starting,
  whole-word and partial matches rank above typo-tolerant ones (rapidfuzz).
- Towns are matched against the school's town, its ward and district, and, where a school's
  record has no town, the town most schools with the same outward code give.
- A postcode is looked up in OS Code-Point Open (the store's `postcodes` table); an outward
  code ("ST16") stands for the mean position of its postcodes. Distances are straight-line,
  Euclidean on the British National Grid (metres), given in km and miles.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.analysis.school import SchoolSummary, SchoolTables, summarise_schools
from dashboard.config import Area
from dashboard.rules import normalise_outward_code, normalise_postcode

METRES_PER_MILE = 1609.344

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

_SYNONYMS = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r"\bchurch of england\b", "cofe"), (r"\bc of e\b", "cofe"), (r"\bc e\b", "cofe"),
    (r"\bce\b", "cofe"), (r"\bsaint\b", "st"), (r"\broman catholic\b", "catholic"),
    (r"\brc\b", "catholic"),
)]
# Text that starts like a postcode (letters, a digit, then a few more characters).
_POSTCODE_LIKE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9 ]{0,6}$")


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


def distance_km(easting: float, northing: float, from_easting: float,
                from_northing: float) -> float:
    """Straight-line distance on the British National Grid, in kilometres."""
    return float(np.hypot(easting - from_easting, northing - from_northing)) / 1000.0


def km_to_miles(km: float) -> float:
    return km * 1000.0 / METRES_PER_MILE


def distance_text(km: float) -> str:
    """"1.2 km (0.8 miles)"."""
    miles = f"{km_to_miles(km):.1f}"
    return f"{km:.1f} km ({miles} {'mile' if miles == '1.0' else 'miles'})"


# --- where a postcode is -------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """A point searched from: a postcode, or an outward code's mean position."""

    label: str  # "ST16 2DH" or "ST16"
    easting: float
    northing: float
    postcodes: int  # postcodes averaged (1 for a full postcode)

    @property
    def description(self) -> str:
        if self.postcodes == 1:
            return self.label
        return f"{self.label} (the middle of its {self.postcodes:,} Staffordshire postcodes)"


@dataclass(frozen=True)
class Gazetteer:
    """Postcode -> point, and outward code -> the mean point of its postcodes."""

    points: Mapping[str, tuple[float, float]]
    outward: Mapping[str, tuple[float, float, int]]
    area_name: str

    @classmethod
    def from_postcodes(cls, postcodes: pd.DataFrame, area_name: str) -> Gazetteer:
        points = dict(zip(postcodes["postcode"].astype(str),
                          zip(postcodes["easting"].astype(float),
                              postcodes["northing"].astype(float), strict=True), strict=True))
        outward_codes = postcodes["postcode"].astype(str).str.split(" ").str[0]
        means = postcodes.groupby(outward_codes).agg(
            easting=("easting", "mean"), northing=("northing", "mean"), n=("postcode", "size"))
        outward = {code: (float(row.easting), float(row.northing), int(row.n))
                   for code, row in means.iterrows()}
        return cls(points=points, outward=outward, area_name=area_name)

    def find(self, text: str) -> tuple[Location | None, str | None]:
        """The location of a postcode or outward code, or None and a message saying why not
        (None and None when the text is neither)."""
        postcode = normalise_postcode(text)
        if postcode:
            if postcode in self.points:
                easting, northing = self.points[postcode]
                return Location(postcode, easting, northing, 1), None
            outward = postcode.split(" ")[0]
            instead = (f" You can search with its first half, {outward}, to see schools near "
                       f"the middle of its {self.area_name} postcodes."
                       if outward in self.outward else "")
            return None, (f"{postcode} is not a {self.area_name} postcode in Code-Point Open "
                          "(Ordnance Survey), so we cannot work out distances from it. Check the "
                          f"postcode, or search by school name or town.{instead}")
        outward = normalise_outward_code(text)
        if outward:
            if outward in self.outward:
                return self._outward(outward), None
            return None, (f"{outward} is not a {self.area_name} postcode district in Code-Point "
                          "Open (Ordnance Survey). Try a full postcode, a school name or a town.")
        return None, None

    def _outward(self, code: str) -> Location:
        easting, northing, count = self.outward[code]
        return Location(code, easting, northing, count)


def looks_like_postcode(text: str) -> bool:
    """Text typed as a postcode (letters then a digit, short), valid or not."""
    compact = re.sub(r"\s+", " ", text.strip().upper())
    return bool(_POSTCODE_LIKE.match(compact)) and len(compact.replace(" ", "")) <= 8


# --- the index of schools -----------------------------------------------------------------------


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
    summary and the postcode gazetteer. Built once per store build and process."""

    build_id: str
    frame: pd.DataFrame
    summaries: Mapping[int, SchoolSummary]
    gazetteer: Gazetteer
    tables: SchoolTables

    def summary(self, urn: int) -> SchoolSummary | None:
        return self.summaries.get(urn)


INDEX_COLUMNS = ["urn", "name", "name_key", "town_key", "ward_key", "district_key", "phase",
                 "population", "is_open", "district_code", "outcome", "easting", "northing"]


def build_index(tables: SchoolTables, area_name: str, build_id: str) -> SchoolIndex:
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
    return SchoolIndex(build_id=build_id, frame=frame, summaries=summaries,
                       gazetteer=Gazetteer.from_postcodes(tables.postcodes, area_name),
                       tables=tables)


_lock = threading.Lock()
_indexes: dict[str, SchoolIndex] = {}


def school_index(tables: Mapping[str, object], area: Area, build_id: str) -> SchoolIndex:
    """The index for a store build, built once per process (the latest build only)."""
    with _lock:
        found = _indexes.get(build_id)
        if found is None:
            found = build_index(SchoolTables.from_tables(tables, area), area.name, build_id)
            _indexes.clear()
            _indexes[build_id] = found
        return found


# --- matching ------------------------------------------------------------------------------------


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


# --- a search ------------------------------------------------------------------------------------


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


def distances_from(summaries: Sequence[SchoolSummary], location: Location) -> dict[int, float]:
    """Straight-line km from `location` to each school that has a grid reference."""
    return {s.urn: distance_km(s.easting, s.northing, location.easting, location.northing)
            for s in summaries if s.easting is not None and s.northing is not None}
