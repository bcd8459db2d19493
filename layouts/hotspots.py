"""Hotspots (/hotspots): built by a later issue; until then a note of what it will show."""

from __future__ import annotations

from dash.development.base_component import Component

from layouts.components import coming_soon


def layout() -> list[Component]:
    return coming_soon("Hotspots", "Where attention is needed, with the reasons.", [
        "districts and schools ranked by flags, each with its reason: latest inspection "
        "requires improvement or inadequate, below the floor standard, falling results, wide "
        "gaps, high absence",
        "a grid of districts by measures showing how wide the variation is",
    ])
