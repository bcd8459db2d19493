"""School-list helpers: the phase and population vocabulary, loaders by file extension and
the described sources; helpers for the school-list adapter tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import (
    all_sources,
    census_schools,
    gias,
    gias_links,
    ofsted_schools,
    spine,
)
from dashboard.build.adapters.school_records import classify_phase, classify_population
from dashboard.build.sources import Source
from dashboard.errors import SourceError
from dashboard.tables import validate

SCHOOL_LIST_MODULES = (spine, gias, ofsted_schools, census_schools, gias_links)


def by_source(source_id: str) -> Source:
    return next(source for source in all_sources() if source.id == source_id)


def load(source_id: str, paths: list[Path]) -> pd.DataFrame:
    source = by_source(source_id)
    return validate(source.table, source.load(paths), "test").set_index("urn")


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8") -> Path:
    pd.DataFrame(rows).to_csv(path, index=False, encoding=encoding)
    return path


@pytest.mark.parametrize(("words", "low", "high", "phase"), [
    ("Primary", 3, 11, "primary"),
    ("Primary", 9, 13, "middle"),  # Ofsted calls middle schools primary or secondary
    ("Secondary", 13, 18, "secondary"),  # high school in a three-tier area
    (None, 5, 9, "primary"),  # first school
    (None, 7, 11, "primary"),  # junior school
    ("Special", 2, 19, "all_through"),
    ("Special", 11, 19, "secondary"),
    ("PRU", 11, 16, "secondary"),
    ("Nursery", 2, 5, "nursery"),
    (None, 16, None, "post16"),  # college without a top age
    ("All-through", 4, 18, "all_through"),
    ("Middle deemed secondary", None, None, "middle"),
    ("State-funded primary", None, None, "primary"),
    ("State-funded secondary", None, None, "secondary"),
    ("16 plus", None, None, "post16"),
    ("Sixth form", None, None, "post16"),
    ("College", None, None, "post16"),
    ("Not applicable", None, None, "not_applicable"),
    ("Special", None, None, None),
    ("State-funded special school", None, None, None),
    (None, None, None, None),
])
def test_classify_phase(words: str | None, low: int | None, high: int | None,
                        phase: str | None) -> None:
    assert classify_phase(words, low, high) == phase


@pytest.mark.parametrize(("words", "population"), [
    ("Community school", "mainstream"),
    ("Academy - Converter mainstream", "mainstream"),
    ("Academy Sponsor Led", "mainstream"),
    ("Free School", "mainstream"),
    ("University Technical College", "mainstream"),
    ("City technology college", "mainstream"),
    ("State-funded primary", "mainstream"),
    ("Primary", "mainstream"),
    ("Community special school", "special"),
    ("Academy Special Converter", "special"),
    ("Non-maintained special school", "special"),
    ("State-funded special school", "special"),
    ("Pupil Referral Unit", "ap"),
    ("Pupil referral unit", "ap"),
    ("Academy Alternative Provision Sponsor Led", "ap"),
    ("Free School - Alternative Provision", "ap"),
    ("LA Nursery School", "nursery"),
    ("State-funded nursery", "nursery"),
    ("Nursery", "nursery"),
    ("Other independent school", "independent"),
    ("Other independent special school", "independent"),
    ("Independent school", "independent"),
    ("General further education college", "other"),
    ("Sixth form centre/consortia", "other"),
    ("Academy 16-19 sponsor led", "other"),
    ("Free schools 16 to 19", "other"),
    ("College", "other"),
    ("Special post 16 institution", "other"),
    ("Welsh establishment", "other"),
    ("Something new", None),
    ("", None),
    (None, None),
])
def test_classify_population(words: str | None, population: str | None) -> None:
    assert classify_population(words) == population


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spine.txt"
    path.write_text("URN\n1\n", encoding="utf-8")
    with pytest.raises(SourceError, match="expected a"):
        by_source("spine_2017_18").load([path])


def test_sources_are_described() -> None:
    sources = [source for module in SCHOOL_LIST_MODULES for source in module.SOURCES]
    tables = {source.id: source.table for source in sources}
    assert tables == {
        "spine_2017_18": "school_records", "gias_open_2026_06": "school_records",
        "ofsted_schools_2023_08_31": "school_records", "census_2019_schools": "school_records",
        "gias_links_2025_04": "school_links", "gias_link_names_2025_04": "school_records"}
    for source in sources:
        assert source.official_url.startswith("https://")
        assert source.covers and source.lacks
