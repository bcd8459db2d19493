"""District, county and ward boundaries from small synthetic GeoJSON / GeoPackage files."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon, box

from dashboard.build.adapters import boundaries
from dashboard.config import Area
from dashboard.errors import SourceError

SIDE = 10_000.0  # metres
ORIGIN = (380_000.0, 300_000.0)


def square(column: int, row: int, points_per_side: int = 2) -> Polygon:
    """A 10 km square in British National Grid; with more points per side, each side zig-zags
    by 5 m (detail that simplification removes), the same way for the squares either side."""
    x0, y0 = ORIGIN[0] + column * SIDE, ORIGIN[1] + row * SIDE
    if points_per_side == 2:
        return box(x0, y0, x0 + SIDE, y0 + SIDE)
    step = SIDE / (points_per_side - 1)

    def wobble(along: float) -> float:  # by absolute position, so shared sides coincide
        return 5.0 * (round(along / step) % 2)

    ticks = [i * step for i in range(points_per_side - 1)]
    ring = ([(x0 + t, y0 + wobble(x0 + t)) for t in ticks]
            + [(x0 + SIDE + wobble(y0 + t), y0 + t) for t in ticks]
            + [(x0 + SIDE - t, y0 + SIDE + wobble(x0 + SIDE - t)) for t in ticks]
            + [(x0 + wobble(y0 + SIDE - t), y0 + SIDE - t) for t in ticks])
    return Polygon(ring)


def districts_frame(area: Area, *, extra: bool = True) -> gpd.GeoDataFrame:
    """The area's districts as a 4 x 2 grid of squares, plus a district of another council."""
    codes = list(area.district_codes)
    names = [d.name for d in area.districts]
    shapes = [square(i % 4, i // 4) for i in range(len(codes))]
    if extra:
        codes.append("E06000021")
        names.append("Stoke-on-Trent")
        shapes.append(square(5, 0))
    return gpd.GeoDataFrame({"LAD24CD": codes, "LAD24NM": names, "LAD24NMW": " "},
                            geometry=shapes, crs=boundaries.BRITISH_NATIONAL_GRID)


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> Path:
    frame.to_crs(boundaries.WGS84).to_file(path, driver="GeoJSON")
    return path


def assert_published(frame: gpd.GeoDataFrame) -> None:
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any()
    coordinates = shapely.get_coordinates(frame.geometry.values)
    assert (abs(coordinates / boundaries.COORDINATE_GRID
                - (coordinates / boundaries.COORDINATE_GRID).round()) < 1e-6).all()


def test_districts_from_geojson_are_the_area_districts_in_wgs84(tmp_path: Path,
                                                                 area: Area) -> None:
    path = write_geojson(districts_frame(area), tmp_path / "districts.geojson")
    frame = boundaries.load_districts([path])
    assert list(frame.columns) == ["code", "name", "geometry"]
    assert frame["code"].tolist() == list(area.district_codes)
    assert_published(frame)
    assert len(frame.to_json(drop_id=True)) < 150_000


def test_districts_load_from_the_national_geopackage_in_british_national_grid(
        tmp_path: Path, area: Area) -> None:
    path = tmp_path / "LAD_MAY_2024_UK_BUC.gpkg"
    districts_frame(area).to_file(path, driver="GPKG")
    frame = boundaries.load_districts([path])
    assert len(frame) == len(area.districts) and frame.crs.to_epsg() == 4326
    first = frame.to_crs(boundaries.BRITISH_NATIONAL_GRID).geometry.iloc[0]
    assert first.area == pytest.approx(SIDE * SIDE, rel=1e-3)


def test_simplification_keeps_neighbouring_districts_meeting(tmp_path: Path,
                                                            area: Area) -> None:
    wobbly = districts_frame(area, extra=False)
    wobbly["geometry"] = [square(i % 4, i // 4, points_per_side=200)
                          for i in range(len(wobbly))]
    path = write_geojson(wobbly, tmp_path / "detailed.geojson")
    frame = boundaries.load_districts([path])
    before = len(shapely.get_coordinates(wobbly.geometry.values))
    assert len(shapely.get_coordinates(frame.geometry.values)) < before / 10
    metric = frame.to_crs(boundaries.BRITISH_NATIONAL_GRID)
    overlaps = metric.geometry.iloc[0].intersection(metric.geometry.iloc[1]).area
    assert overlaps < 1.0  # square metres: shared edges simplified once for both sides


def test_a_missing_district_stops_the_build(tmp_path: Path, area: Area) -> None:
    frame = districts_frame(area)
    path = write_geojson(frame[frame["LAD24CD"] != area.district_codes[0]], tmp_path / "d.json")
    with pytest.raises(SourceError) as caught:
        boundaries.load_districts([path])
    assert area.district_codes[0] in str(caught.value)


def test_a_file_without_code_columns_or_crs_is_refused(tmp_path: Path, area: Area) -> None:
    renamed = districts_frame(area).rename(columns={"LAD24CD": "CODE"})
    with pytest.raises(SourceError, match="district code"):
        boundaries.load_districts([write_geojson(renamed, tmp_path / "renamed.geojson")])
    no_crs = tmp_path / "no_crs.geojson"
    no_crs.write_text('{"type": "FeatureCollection", "crs": null, "features": []}')
    with pytest.raises(SourceError):
        boundaries.load_districts([no_crs])


def test_county_is_the_dissolve_of_its_districts(tmp_path: Path, area: Area) -> None:
    path = write_geojson(districts_frame(area), tmp_path / "districts.geojson")
    county = boundaries.load_county([path])
    assert county["code"].tolist() == [area.ons_code]
    assert county["name"].tolist() == [area.name]
    assert_published(county)
    outline = county.to_crs(boundaries.BRITISH_NATIONAL_GRID).geometry.iloc[0]
    assert outline.geom_type == "Polygon"
    assert outline.area == pytest.approx(len(area.districts) * SIDE * SIDE, rel=1e-3)


def write_ward_files(folder: Path, area: Area) -> list[Path]:
    """Two wards per district (its square cut in half), one UK-GeoJSON file per district."""
    folder.mkdir()
    paths = []
    for i, code in enumerate(area.district_codes):
        whole = square(i % 4, i // 4)
        x0, y0, x1, y1 = whole.bounds
        halves = [box(x0, y0, (x0 + x1) / 2, y1), box((x0 + x1) / 2, y0, x1, y1)]
        wards = gpd.GeoDataFrame(
            {"WD13CD": [f"E0500{i}00{k}" for k in range(2)],
             "WD13NM": [f"Ward {i}-{k}" for k in range(2)], "WD13NMW": None},
            geometry=halves, crs=boundaries.BRITISH_NATIONAL_GRID)
        paths.append(write_geojson(wards, folder / f"wards_{code}.json"))
    return paths


def test_wards_take_their_district_from_the_file_name(tmp_path: Path, area: Area) -> None:
    frame = boundaries.load_wards(write_ward_files(tmp_path / "wards", area))
    assert list(frame.columns) == ["code", "name", "district_code", "geometry"]
    assert len(frame) == 2 * len(area.districts)
    assert set(frame["district_code"]) == set(area.district_codes)
    assert_published(frame)


def test_wards_from_an_official_file_use_its_district_column(tmp_path: Path,
                                                            area: Area) -> None:
    national = gpd.GeoDataFrame(
        {"WD23CD": ["E05000001", "E05000002", "E05000003"],
         "WD23NM": ["Alpha", "Beta", "Elsewhere"],
         "LAD23CD": [area.district_codes[0], area.district_codes[1], "E06000021"]},
        geometry=[square(0, 0), square(1, 0), square(5, 0)],
        crs=boundaries.BRITISH_NATIONAL_GRID)
    path = tmp_path / "wards_2023.gpkg"
    national.to_file(path, driver="GPKG")
    with pytest.raises(SourceError, match="no wards"):  # six of the districts have none
        boundaries.load_wards([path])
