"""Outcome measures (/measures): built by a later issue; until then a note of what it will show."""

from __future__ import annotations

from dash.development.base_component import Component

from layouts.components import coming_soon


def layout() -> list[Component]:
    return coming_soon("Outcome measures",
                       "The partnership framework's measures in one table.", [
                           "each outcome measure for the county, England and the statistical "
                           "neighbours, with the lowest and highest district",
                           "the year and source of every figure, and which measures the data "
                           "cannot support",
                       ])
