"""Page layouts: one module per page, returning Dash components; shared pieces in components.

`PAGES` lists every page in the order of the navigation. The router (callbacks.router) maps
each path to the function that renders it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.config import load_area


def product_name() -> str:
    """"<area> Education Insight", the area's name from the area file."""
    return f"{load_area().name} Education Insight"


@dataclass(frozen=True)
class PageInfo:
    path: str
    label: str  # navigation text
    title: str  # browser tab title (the product name is added after it)


PAGES: tuple[PageInfo, ...] = (
    PageInfo("/", "Overview", "Targets and headline figures"),
    PageInfo("/map", "Map", "Map of districts and schools"),
    PageInfo("/schools", "Schools", "Find and compare schools"),
    PageInfo("/trends", "Trends", "Trends and benchmarks"),
    PageInfo("/groups", "Pupil groups", "Pupil groups"),
    PageInfo("/hotspots", "Hotspots", "Hotspots"),
    PageInfo("/measures", "Outcome measures", "Outcome measures"),
    PageInfo("/about", "About the data", "About the data"),
)


def page_info(path: str) -> PageInfo | None:
    return next((p for p in PAGES if p.path == path), None)


def document_title(title: str) -> str:
    return f"{title} - {product_name()}"
