"""Boundaries for the map: ONS districts, the county (their dissolve) and 2013 electoral wards.

Each loader returns a GeoDataFrame in WGS84 (EPSG:4326) with columns code, name (and
district_code for wards), simplified along shared edges so neighbouring areas still meet, and
with coordinates rounded, so the GeoJSON the pipeline writes stays small. The areas come from
the area file (data/area.toml): its districts, its county code and name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd

from dashboard.build import sources
from dashboard.build.sources import Source
from dashboard.config import load_area
from dashboard.errors import SourceError

ONS_FOLDER = "ons_boundaries"
WARDS_FOLDER = "martinjc_uk_geojson_wards2013"
WGS84 = "EPSG:4326"
BRITISH_NATIONAL_GRID = "EPSG:27700"  # metres, for simplifying
# Simplification tolerances in metres: districts are drawn at county scale; wards are only
# shaded within districts. Coordinates are rounded to 0.00001 degrees (about 1 m).
DISTRICT_TOLERANCE_M = 50.0
WARD_TOLERANCE_M = 100.0
COORDINATE_GRID = 1e-5

ONS_LICENCE = ("Open Government Licence v3.0. Source: Office for National Statistics licensed "
               "under the Open Government Licence v.3.0. Contains OS data © Crown copyright and "
               "database right 2024")
WARDS_LICENCE = ("CC BY 4.0, Martin Chorley (UK-GeoJSON), over Ordnance Survey OpenData: "
                 "Contains OS data © Crown copyright and database right")
ONS_URL = "https://geoportal.statistics.gov.uk/"
WARDS_URL = "https://github.com/martinjc/UK-GeoJSON"

# ONS names code and name columns by vintage: LAD24CD / LAD24NM, WD13CD / WD13NM.
_DISTRICT_CODE = re.compile(r"^lad\d{2}cd$", re.IGNORECASE)
_DISTRICT_NAME = re.compile(r"^lad\d{2}nm$", re.IGNORECASE)
_WARD_CODE = re.compile(r"^wd\d{2}cd$", re.IGNORECASE)
_WARD_NAME = re.compile(r"^wd\d{2}nm$", re.IGNORECASE)
_DISTRICT_IN_FILE_NAME = re.compile(r"(E0[6-9]\d{6})")


def _read_geodata(path: Path) -> gpd.GeoDataFrame:
    """A GeoJSON or GeoPackage file (first layer), recorded for the build manifest."""
    try:
        frame = gpd.read_file(path)
    except FileNotFoundError as exc:
        raise SourceError(path.name, "file not found") from exc
    except Exception as exc:  # pyogrio raises DataSourceError and friends
        raise SourceError(path.name, f"not a readable GeoJSON / GeoPackage file ({exc})") from exc
    if frame.crs is None:
        raise SourceError(path.name, "the file has no coordinate reference system")
    sources.record_read(path, len(frame))
    return frame


def _column(frame: pd.DataFrame, path: Path, pattern: re.Pattern[str], label: str) -> str:
    found = next((c for c in frame.columns if pattern.match(str(c))), None)
    if found is None:
        raise SourceError(path.name, f"required column missing (looked for {pattern.pattern})",
                          column=label)
    return found


def _areas(frame: gpd.GeoDataFrame, path: Path, code: re.Pattern[str], name: re.Pattern[str],
           label: str) -> gpd.GeoDataFrame:
    """code, name, geometry from a boundary file, in British National Grid."""
    code_column = _column(frame, path, code, f"{label} code")
    name_column = _column(frame, path, name, f"{label} name")
    return gpd.GeoDataFrame({
        "code": frame[code_column].astype("string").str.strip(),
        "name": frame[name_column].astype("string").str.strip(),
    }, geometry=frame.geometry.values, crs=frame.crs).to_crs(BRITISH_NATIONAL_GRID)


def _simplified(areas: gpd.GeoDataFrame, tolerance: float) -> gpd.GeoDataFrame:
    """Simplify along shared edges (so neighbours still meet), in metres."""
    geometry = areas.geometry.make_valid()
    if geometry.is_valid_coverage():
        simplified = geometry.simplify_coverage(tolerance)
    else:  # overlapping areas: simplify each on its own, keeping it valid
        simplified = geometry.simplify(tolerance, preserve_topology=True)
    return areas.set_geometry(simplified)


def _published(areas: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """WGS84 with rounded coordinates, checked: non-empty, valid geometries."""
    out = areas.to_crs(WGS84)
    out = out.set_geometry(out.geometry.set_precision(COORDINATE_GRID)).reset_index(drop=True)
    if out.empty:
        raise SourceError(source, "no boundaries left after filtering to the area")
    broken = out.geometry.isna() | out.geometry.is_empty | ~out.geometry.is_valid
    if broken.any():
        raise SourceError(source, f"{int(broken.sum())} empty or invalid geometries",
                          column="geometry", rows=list(out.loc[broken, "code"][:5]))
    if out.crs is None or out.crs.to_epsg() != 4326:
        raise SourceError(source, f"boundaries are not in EPSG:4326 ({out.crs})")
    return out


def _area_districts(paths: Sequence[Path]) -> gpd.GeoDataFrame:
    """The area's districts (British National Grid, simplified), from district boundary files."""
    wanted = load_area().district_codes
    names = ", ".join(p.name for p in paths)
    frames = [_areas(_read_geodata(p), p, _DISTRICT_CODE, _DISTRICT_NAME, "district")
              for p in paths]
    districts = pd.concat(frames, ignore_index=True)
    districts = districts[districts["code"].isin(wanted)].drop_duplicates("code")
    missing = sorted(set(wanted) - set(districts["code"]))
    if missing:
        raise SourceError(names, "districts of the area file are missing", column="code",
                          rows=missing)
    districts = gpd.GeoDataFrame(districts, geometry="geometry", crs=BRITISH_NATIONAL_GRID)
    order = {code: i for i, code in enumerate(wanted)}
    return _simplified(districts.sort_values("code", key=lambda c: c.map(order)),
                       DISTRICT_TOLERANCE_M)


def load_districts(paths: list[Path]) -> gpd.GeoDataFrame:
    """District boundaries (code, name, geometry) for the area file's districts."""
    return _published(_area_districts(paths), ", ".join(p.name for p in paths))


def load_county(paths: list[Path]) -> gpd.GeoDataFrame:
    """The county outline: the dissolve of its districts (code and name from the area file)."""
    area = load_area()
    districts = _area_districts(paths)
    county = gpd.GeoDataFrame({"code": [area.ons_code], "name": [area.name]},
                              geometry=[districts.geometry.union_all(method="coverage")],
                              crs=districts.crs)
    return _published(county, ", ".join(p.name for p in paths))


def _ward_file(path: Path) -> gpd.GeoDataFrame:
    frame = _read_geodata(path)
    wards = _areas(frame, path, _WARD_CODE, _WARD_NAME, "ward")
    district_column = next((c for c in frame.columns if _DISTRICT_CODE.match(str(c))), None)
    if district_column is not None:
        wards["district_code"] = frame[district_column].astype("string").str.strip().to_numpy()
    else:  # UK-GeoJSON has one file per district, named by its code
        in_name = _DISTRICT_IN_FILE_NAME.search(path.name)
        if not in_name:
            raise SourceError(path.name, "no district code column and none in the file name",
                              column="district code")
        wards["district_code"] = in_name.group(1)
    return wards


def load_wards(paths: list[Path]) -> gpd.GeoDataFrame:
    """Electoral ward boundaries (code, name, district_code) in the area file's districts."""
    wanted = load_area().district_codes
    names = ", ".join(p.name for p in paths)
    wards = pd.concat([_ward_file(p) for p in paths], ignore_index=True)
    wards = wards[wards["district_code"].isin(wanted)].drop_duplicates("code")
    without_wards = sorted(set(wanted) - set(wards["district_code"]))
    if without_wards:
        raise SourceError(names, "districts of the area file have no wards",
                          column="district_code", rows=without_wards)
    wards = gpd.GeoDataFrame(wards, geometry="geometry", crs=BRITISH_NATIONAL_GRID)
    simplified = _simplified(wards.sort_values(["district_code", "code"]), WARD_TOLERANCE_M)
    return _published(simplified[["code", "name", "district_code", "geometry"]], names)


# The national file, so another council needs only its own area file.
_DISTRICTS_FILE = f"{ONS_FOLDER}/Local_Authority_Districts_May_2024_Boundaries_UK_BUC.gpkg"

SOURCES: list[Source] = [
    Source(
        id="ons_districts",
        title="ONS Local Authority Districts (May 2024) boundaries, generalised (BUC)",
        publisher="Office for National Statistics",
        paths=(_DISTRICTS_FILE,),
        data_date="May 2024",
        table="district_boundaries",
        load=load_districts,
        licence=ONS_LICENCE,
        covers="The area's districts, generalised to 500 m (BUC) and simplified for the web.",
        lacks="Not for measuring areas or exact boundaries (ultra-generalised).",
        official_url=ONS_URL,
        rehost_note=("The ONS LAD May 2024 BUC GeoPackage for the UK, as published; the "
                     "area's districts are cut from it here."),
    ),
    Source(
        id="ons_county",
        title="County outline (dissolve of the ONS May 2024 districts)",
        publisher="Office for National Statistics",
        paths=(_DISTRICTS_FILE,),
        data_date="May 2024",
        table="county_boundary",
        load=load_county,
        licence=ONS_LICENCE,
        covers="The county outline, made here by dissolving its districts.",
        lacks="Not for measuring areas or exact boundaries (ultra-generalised).",
        official_url=ONS_URL,
        rehost_note="As ons_districts.",
    ),
    Source(
        id="wards_2013",
        title="Electoral wards (2013) by district",
        publisher="Martin Chorley (UK-GeoJSON), from Ordnance Survey Boundary-Line",
        # UK-GeoJSON's one file per district, for the area file's districts.
        paths=tuple(f"{WARDS_FOLDER}/wards_{code}.json" for code in load_area().district_codes),
        data_date="2013",
        table="ward_boundaries",
        load=load_wards,
        licence=WARDS_LICENCE,
        covers="The 174 electoral wards of 2013 in the area's districts, simplified to 100 m.",
        lacks=("2013 wards: most were redrawn in the 2015 and 2023 reviews, so they do not "
               "match today's 151 wards or the ward codes of current postcodes."),
        official_url=WARDS_URL,
        rehost_note=("UK-GeoJSON json/electoral/eng/wards_by_lad/<district>.json, unchanged "
                     "(WD13CD, WD13NM); official ONS ward files (WDyyCD, WDyyNM, LADyyCD) load "
                     "too."),
    ),
]
