"""Assemble the area's school tables from the per-source frames.

`assemble_school_tables` is called by `dashboard.build.pipeline.assemble`. It decides which schools
belong to the area, merges each school's records from the school lists into one row (placed in
a district and ward through its postcode, with its predecessor/successor history), and keeps
only the area's schools in every school-level table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import pandas as pd
from pyproj import Transformer

from dashboard.build.adapters.census_schools import CENSUS_2019_SCHOOLS
from dashboard.build.adapters.gias import GIAS_OPEN_2026_06
from dashboard.build.adapters.gias_links import GIAS_LINK_NAMES_2025_04
from dashboard.build.adapters.inspections import combine_inspections
from dashboard.build.adapters.ofsted_schools import OFSTED_SCHOOLS_2023_08_31
from dashboard.build.adapters.school_records import classify_phase
from dashboard.build.adapters.spine import SPINE_2017_18
from dashboard.config import Area
from dashboard.tables import TABLES, empty_table

# Newest first: a school's fields come from the first of these sources that has them. The
# link names say nothing but a name, so they come last.
SOURCE_PRIORITY = [GIAS_OPEN_2026_06, OFSTED_SCHOOLS_2023_08_31, CENSUS_2019_SCHOOLS,
                   SPINE_2017_18, GIAS_LINK_NAMES_2025_04]

# How far predecessor/successor links are followed from the area's schools.
MAX_LINK_STEPS = 3
# Populations the GIAS June 2026 list of open schools covers (it leaves out special schools,
# PRUs and alternative provision, and independent schools).
GIAS_LIST_POPULATIONS = {"mainstream", "nursery", "other"}
RESTRICTED_TABLES = ["ks2_results", "ks4_results", "school_context"]
SCHOOL_COLUMNS = list(TABLES["schools"].columns)

_TO_LAT_LON = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


# --- links -------------------------------------------------------------------------------------


def successor_edges(links: pd.DataFrame) -> pd.DataFrame:
    """Directed (urn -> successor_urn) pairs, read from both kinds of GIAS link row."""
    successors = links.loc[links["link_type"] == "successor", ["urn", "linked_urn"]]
    predecessors = links.loc[links["link_type"] == "predecessor", ["linked_urn", "urn"]]
    edges = pd.concat([
        successors.set_axis(["urn", "successor_urn"], axis=1),
        predecessors.set_axis(["urn", "successor_urn"], axis=1),
    ], ignore_index=True).astype("int64")
    return edges[edges["urn"] != edges["successor_urn"]].drop_duplicates()


def _neighbours(edges: pd.DataFrame) -> dict[int, set[int]]:
    graph: dict[int, set[int]] = defaultdict(set)
    for urn, successor in zip(edges["urn"], edges["successor_urn"], strict=True):
        graph[urn].add(successor)
        graph[successor].add(urn)
    return graph


def linked_within(seeds: Iterable[int], edges: pd.DataFrame, steps: int) -> set[int]:
    """The seeds and every URN reachable from them in up to `steps` links, either direction."""
    graph = _neighbours(edges)
    reached = set(seeds)
    frontier = set(reached)
    for _ in range(steps):
        frontier = {other for urn in frontier for other in graph.get(urn, ())} - reached
        reached |= frontier
    return reached


# --- which schools are the area's --------------------------------------------------------------


def area_urns(records: pd.DataFrame, postcodes: pd.DataFrame, edges: pd.DataFrame,
              area: Area, described: set[int]) -> set[int]:
    """URNs of the area's schools, open or closed.

    A URN is the area's when any record gives it the area's LA number or a postcode in one of
    the area's districts. URNs linked to those by up to MAX_LINK_STEPS predecessor/successor
    links (the same school's history) join them when they are `described` (a school list,
    inspection, result or census row has them) and some record names them.
    """
    districts = records["postcode"].map(postcodes.set_index("postcode")["district_code"])
    in_area = (records["la_number"] == area.la_number).fillna(False) | districts.isin(
        area.district_codes)
    seeds = set(records.loc[in_area, "urn"].astype(int))
    named = set(records.loc[records["name"].notna(), "urn"].astype(int))
    return seeds | (linked_within(seeds, edges, MAX_LINK_STEPS) & described & named)


def described_urns(records: pd.DataFrame, data_tables: Iterable[pd.DataFrame]) -> set[int]:
    """URNs that a school list (not just a link name) or a school-level data table holds."""
    listed = records.loc[records["source_id"] != GIAS_LINK_NAMES_2025_04, "urn"]
    return set(listed.astype(int)).union(*(set(t["urn"].astype(int)) for t in data_tables))


# --- one row per school ------------------------------------------------------------------------


def _ranked(records: pd.DataFrame) -> pd.DataFrame:
    """Records ordered by URN, then newest source first (unknown sources last)."""
    rank = {source_id: position for position, source_id in enumerate(SOURCE_PRIORITY)}
    ranked = records.assign(_rank=records["source_id"].map(rank).fillna(len(rank)))
    return ranked.sort_values(["urn", "_rank"], kind="stable").drop(columns="_rank")


def _located(ranked: pd.DataFrame, postcodes: pd.DataFrame) -> pd.DataFrame:
    """Easting, northing, district and ward from the newest of a school's postcodes that
    Code-Point knows (a postcode too new for Code-Point falls back to an older record's)."""
    points = ranked[["urn", "postcode"]].merge(postcodes, on="postcode", how="inner",
                                               sort=False)
    points = points.drop_duplicates("urn").set_index("urn")
    return points[["easting", "northing", "district_code", "ward_code"]]


def _link_dates(links: pd.DataFrame, link_type: str) -> pd.Series:
    """Earliest link date per URN among its links of one type."""
    rows = links[(links["link_type"] == link_type) & links["link_date"].notna()]
    return rows.groupby("urn")["link_date"].min()


def _open_now(merged: pd.DataFrame, gias_open: pd.Series, edges: pd.DataFrame) -> pd.Series:
    """is_open, by these rules in turn:

    1. a school in the GIAS June 2026 list takes its status there (every school in the re-host
       list is open);
    2. a close date or a successor URN -> False;
    3. a school open on 31 August 2023 (in the Ofsted file, or the successor of a school in it)
       -> True when it is a special school or PRU / alternative provision, which the GIAS list
       does not cover; False for the populations the list covers (absent from it means closed
       or reorganised since 2023);
    4. otherwise missing (nothing says whether it is open, e.g. independent schools).
    """
    in_ofsted_2023 = merged["source_ids"].str.contains(OFSTED_SCHOOLS_2023_08_31, regex=False)
    successors_of_open = edges.loc[edges["urn"].isin(merged.index[in_ofsted_2023]),
                                   "successor_urn"]
    open_in_2023 = in_ofsted_2023 | merged.index.isin(successors_of_open)
    closed = merged["close_date"].notna() | merged.index.isin(edges["urn"])
    is_open = pd.Series(pd.NA, index=merged.index, dtype="boolean")
    is_open[open_in_2023] = ~merged["population"].isin(GIAS_LIST_POPULATIONS)
    is_open[closed] = False
    listed = gias_open.reindex(merged.index)
    return listed.where(listed.notna(), is_open).astype("boolean")


def _chain_columns(urns: pd.Index, edges: pd.DataFrame) -> pd.DataFrame:
    """predecessor_urns, successor_urns (direct links, ";"-joined) and lineage_urn."""
    inside = edges[edges["urn"].isin(urns) & edges["successor_urn"].isin(urns)]
    successors = inside.groupby("urn")["successor_urn"].agg(sorted)
    predecessors = inside.groupby("successor_urn")["urn"].agg(sorted)
    joined = {
        "predecessor_urns": predecessors.reindex(urns),
        "successor_urns": successors.reindex(urns),
    }
    chain = pd.DataFrame({
        name: [";".join(map(str, value)) if isinstance(value, list) else "" for value in column]
        for name, column in joined.items()
    }, index=urns)
    successor_map = {urn: values for urn, values in successors.items()}
    chain["lineage_urn"] = [latest_urn(urn, successor_map) for urn in urns]
    return chain


def latest_urn(urn: int, successors: Mapping[int, list[int]]) -> int:
    """Follow successor links to the latest URN; of several successors (a split school) the
    newest URN; a cycle stops at the last URN not yet seen."""
    seen = {urn}
    current = urn
    while successors.get(current):
        following = max(successors[current])
        if following in seen:
            break
        seen.add(following)
        current = following
    return current


def _lat_lon(merged: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """GIAS coordinates where given, else converted from the postcode's grid reference."""
    needs = merged["lat"].isna() & merged["easting"].notna()
    lat, lon = merged["lat"].copy(), merged["lon"].copy()
    if needs.any():
        longitudes, latitudes = _TO_LAT_LON.transform(merged.loc[needs, "easting"].to_numpy(),
                                                      merged.loc[needs, "northing"].to_numpy())
        lat[needs] = latitudes.round(5)
        lon[needs] = longitudes.round(5)
    return lat, lon


def build_schools(records: pd.DataFrame, postcodes: pd.DataFrame, area_names: pd.DataFrame,
                  links: pd.DataFrame, area: Area) -> pd.DataFrame:
    """One row per URN in `records`, fields merged newest source first (SOURCE_PRIORITY).

    - phase: from the merged age range where known (see gias.classify_phase), else the newest
      source's phase;
    - open_date / close_date: from the school lists, else the date GIAS gives for the link to a
      predecessor (the school opened) / successor (the school closed);
    - is_open: see `_open_now`;
    - easting, northing, district and ward: from the postcode (Code-Point); lat/lon from GIAS,
      else converted from easting/northing; district names from the area file, ward names from
      `area_names`;
    - predecessor_urns / successor_urns: direct links to other schools in `records`;
      lineage_urn: the latest school in the chain; source_ids: every source, newest first;
    - a school no school list describes takes population and district from its chain (see
      `_inherit_from_chain`).
    """
    if records.empty:
        return empty_table("schools")
    ranked = _ranked(records)
    merged = ranked.groupby("urn", sort=True).first()
    merged["source_ids"] = ranked.groupby("urn", sort=True)["source_id"].agg(";".join)
    edges = successor_edges(links)

    by_age = pd.Series([classify_phase(None, low, high)
                        for low, high in zip(merged["age_low"], merged["age_high"], strict=True)],
                       index=merged.index, dtype="string")
    merged["phase"] = by_age.fillna(merged["phase"])
    merged["open_date"] = merged["open_date"].fillna(_link_dates(links, "predecessor"))
    merged["close_date"] = merged["close_date"].fillna(_link_dates(links, "successor"))

    merged = merged.join(_located(ranked, postcodes))
    merged["lat"], merged["lon"] = _lat_lon(merged)
    district_names = {district.code: district.name for district in area.districts}
    merged["district_name"] = merged["district_code"].map(district_names)
    ward_names = area_names[area_names["area_type"] == "ward"].set_index("code")["name"]
    merged["ward_name"] = merged["ward_code"].map(ward_names)
    merged = _inherit_from_chain(merged.join(_chain_columns(merged.index, edges)))

    gias_rows = ranked[ranked["source_id"] == GIAS_OPEN_2026_06].set_index("urn")
    merged["is_open"] = _open_now(merged, gias_rows["is_open"], edges)
    return merged.reset_index()[SCHOOL_COLUMNS]


def _inherit_from_chain(merged: pd.DataFrame) -> pd.DataFrame:
    """Give a school that only GIAS links name the population and district of the same school
    under another URN - the latest school in its chain, else its newest predecessor - so its
    old inspections count where they belong. Its phase, postcode and ward stay unknown."""
    newest_predecessor = merged["predecessor_urns"].str.split(";").str[-1].replace("", "-1")
    no_postcode = merged["postcode"].isna()
    for relative in (merged["lineage_urn"], newest_predecessor.astype(int)):
        donor = merged.reindex(relative.to_numpy())
        donor.index = merged.index
        merged["population"] = merged["population"].fillna(donor["population"])
        for column in ["district_code", "district_name"]:
            merged.loc[no_postcode, column] = merged.loc[no_postcode, column].fillna(
                donor.loc[no_postcode, column])
    return merged


# --- the area's tables -------------------------------------------------------------------------


def _table(tables: Mapping[str, object], name: str) -> pd.DataFrame:
    table = tables.get(name)
    return table if isinstance(table, pd.DataFrame) else empty_table(name)


def _no_nursery_fsm_ever6(context: pd.DataFrame, schools: pd.DataFrame) -> pd.DataFrame:
    """FSM in the last six years is not published for nursery schools; the 2022/23 re-host
    writes 0 for them, which must not read as 'no disadvantaged pupils'."""
    nursery = schools.loc[schools["population"] == "nursery", "urn"]
    context = context.copy()
    context.loc[context["urn"].isin(nursery), "pct_fsm_ever6"] = float("nan")
    return context


INFERRED_LINK_SOURCE = "inferred_same_site"


def inferred_conversions(records: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Predecessor/successor links the GIAS links file is too old to hold.

    Schools that became academies after the links extract (April 2025) appear as a new URN in
    the June 2026 school list with no link to the URN they replaced. A link is inferred only
    when all of these hold: the old URN was open in 2023 (Ofsted's statistics or the 2019
    census list it) and is not in the June 2026 list; the new URN is in the June 2026 list, is
    in neither earlier list and has no known predecessor; the old URN has no known successor
    and is a kind of school the June 2026 list covers; and both have the same postcode and
    population (mainstream, nursery ...). The links say they are inferred.
    """
    sources = records.groupby("urn")["source_id"].apply(set)
    open_2026 = {int(u) for u, ids in sources.items() if GIAS_OPEN_2026_06 in ids}
    open_before = {int(u) for u, ids in sources.items()
                   if ids & {OFSTED_SCHOOLS_2023_08_31, CENSUS_2019_SCHOOLS}}
    edges = successor_edges(links)
    has_successor, has_predecessor = set(edges["urn"]), set(edges["successor_urn"])
    ranked = _ranked(records)
    site = pd.DataFrame({
        "postcode": ranked.dropna(subset=["postcode"]).drop_duplicates("urn")
        .set_index("urn")["postcode"].str.replace(" ", ""),
        "population": ranked.dropna(subset=["population"]).drop_duplicates("urn")
        .set_index("urn")["population"],
    }).dropna()
    # Absence from the 2026 list means closure only for the kinds of school it lists.
    listed_kind = site["population"].isin(GIAS_LIST_POPULATIONS)
    old = site[listed_kind & site.index.isin(open_before - open_2026 - has_successor)]
    new = site[site.index.isin(open_2026 - open_before - has_predecessor)]
    pairs = (old.rename_axis("old").reset_index()
             .merge(new.rename_axis("new").reset_index(), on=["postcode", "population"]))
    pairs = pairs[pairs["old"] < pairs["new"]]
    reason = "inferred: same site, new URN after the April 2025 GIAS links extract"
    rows = [{"urn": new_urn, "linked_urn": old_urn, "link_type": "predecessor"}
            for old_urn, new_urn in zip(pairs["old"], pairs["new"], strict=True)]
    rows += [{"urn": r["linked_urn"], "linked_urn": r["urn"], "link_type": "successor"}
             for r in list(rows)]
    inferred = pd.DataFrame(rows, columns=["urn", "linked_urn", "link_type"])
    return inferred.assign(link_reason=reason, link_date=pd.NaT,
                           source_id=INFERRED_LINK_SOURCE).astype(links.dtypes.to_dict())


def assemble_school_tables(frames: dict[str, list[pd.DataFrame]], tables: dict[str, object],
                           area: Area) -> dict[str, pd.DataFrame]:
    """The area's school tables: postcodes, area_names, schools, school_links, inspections,
    ks2_results, ks4_results and school_context, each restricted to the area."""
    record_frames = frames.get("school_records", [])
    records = (pd.concat(record_frames, ignore_index=True) if record_frames
               else empty_table("school_records"))
    postcodes = _table(tables, "postcodes")
    postcodes = postcodes[postcodes["district_code"].isin(area.district_codes)]
    area_names = _table(tables, "area_names")
    links = _table(tables, "school_links")

    inspection_frames = frames.get("inspections", [])
    described = described_urns(records, [*inspection_frames,
                                         *(_table(tables, name) for name in RESTRICTED_TABLES)])
    urns = area_urns(records, postcodes, successor_edges(links), area, described)
    links = pd.concat([links, inferred_conversions(records[records["urn"].isin(urns)], links)],
                      ignore_index=True)
    schools = build_schools(records[records["urn"].isin(urns)], postcodes, area_names, links,
                            area)
    in_area = schools["urn"]
    lineage = dict(zip(schools["urn"].astype(int), schools["lineage_urn"].astype(int),
                       strict=True))
    inspections = combine_inspections(inspection_frames, lineage)

    result = {
        "postcodes": postcodes.reset_index(drop=True),
        "area_names": area_names[
            area_names["code"].isin([*area.district_codes, *postcodes["ward_code"].dropna()])
        ].reset_index(drop=True),
        "schools": schools,
        "school_links": links[links["urn"].isin(in_area)].reset_index(drop=True),
        "inspections": inspections[inspections["urn"].isin(in_area)].reset_index(drop=True),
    }
    for name in RESTRICTED_TABLES:
        table = _table(tables, name)
        result[name] = table[table["urn"].isin(in_area)].reset_index(drop=True)
    result["school_context"] = _no_nursery_fsm_ever6(result["school_context"], schools)
    return result
