"""Paths, environment settings and the area file (data/area.toml)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


def raw_dir() -> Path:
    """Folder holding the official source files (EDU_RAW_DIR, default ../shared/data/raw)."""
    configured = os.environ.get("EDU_RAW_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return (REPO_ROOT.parent / "shared" / "data" / "raw").resolve()


def processed_dir() -> Path:
    """Folder holding the processed store (EDU_PROCESSED_DIR, default data/processed)."""
    configured = os.environ.get("EDU_PROCESSED_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    return REPO_ROOT / "data" / "processed"


def area_file() -> Path:
    """The area and targets file (EDU_AREA_FILE, default data/area.toml)."""
    configured = os.environ.get("EDU_AREA_FILE")
    return (
        Path(configured).expanduser().resolve() if configured else REPO_ROOT / "data" / "area.toml"
    )


@dataclass(frozen=True)
class District:
    code: str
    name: str
    slug: str


@dataclass(frozen=True)
class Target:
    number: int
    id: str
    name: str
    measure_id: str
    population: str
    statement: str
    unit: str
    direction: str
    baseline_period: str
    target_period: str
    baseline: float | None = None
    target: float | None = None
    baseline_text: str | None = None
    target_text: str | None = None
    discontinued_from: str | None = None
    discontinued_note: str | None = None
    supporting_measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class PublishedFigure:
    measure_id: str
    population: str
    period: str
    value: float
    unit: str
    note: str
    area: str = "county"
    pupil_group: str = "all"


@dataclass(frozen=True)
class Area:
    name: str
    la_number: int
    ons_code: str
    region_code: str
    region_name: str
    england_code: str
    england_name: str
    districts: tuple[District, ...]
    neighbour_lists: dict[str, tuple[int, ...]]
    current_neighbours: str
    targets: tuple[Target, ...]
    published_citation: str
    published: tuple[PublishedFigure, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def district_codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.districts)

    @property
    def neighbours(self) -> tuple[int, ...]:
        """DfE LA numbers of the current statistical neighbours."""
        return self.neighbour_lists[self.current_neighbours]

    def district(self, code_or_slug: str) -> District | None:
        key = code_or_slug.strip().lower()
        for d in self.districts:
            if key in (d.code.lower(), d.slug, d.name.lower()):
                return d
        return None


class AreaFileError(ValueError):
    """The area file is missing or malformed."""


def parse_area(data: dict[str, Any], source: str = "area file") -> Area:
    """Turn a parsed area file into an Area; a missing key gives a clear error."""
    try:
        area = data["area"]
        neighbours = data["neighbours"]
        published = data.get("published", {})
        return Area(
            name=area["name"],
            la_number=int(area["la_number"]),
            ons_code=area["ons_code"],
            region_code=area["region_code"],
            region_name=area["region_name"],
            england_code=area["england_code"],
            england_name=area.get("england_name", "England"),
            districts=tuple(District(**d) for d in data["districts"]),
            neighbour_lists={k: tuple(int(v) for v in vs) for k, vs in neighbours["lists"].items()},
            current_neighbours=str(neighbours["current"]),
            targets=tuple(
                Target(**{**t, "supporting_measures": tuple(t.get("supporting_measures", ()))})
                for t in data.get("targets", [])
            ),
            published_citation=published.get("citation", ""),
            published=tuple(PublishedFigure(**f) for f in published.get("figures", [])),
            extra={
                k: v
                for k, v in data.items()
                if k not in {"area", "districts", "neighbours", "targets", "published"}
            },
        )
    except (KeyError, TypeError) as exc:
        raise AreaFileError(f"{source}: missing or unexpected key {exc}") from exc


@lru_cache(maxsize=4)
def load_area(path: Path | None = None) -> Area:
    """Read the area file once per process."""
    path = path or area_file()
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise AreaFileError(f"area file not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise AreaFileError(f"{path}: not valid TOML ({exc})") from exc
    return parse_area(data, str(path))
