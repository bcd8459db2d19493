"""Trends (/trends): built by a later issue; until then an honest note of what it will show."""

from __future__ import annotations

from dash.development.base_component import Component

from layouts.components import coming_soon


def layout() -> list[Component]:
    return coming_soon("Trends and benchmarks", "How figures have changed over time.", [
        "any measure over time for the county, England, the region and the statistical "
        "neighbours, with the county's rank among them",
        "the districts, where school-level data allows",
    ])
