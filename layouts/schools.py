"""Schools (/schools): built by a later issue; until then an honest note of what it will show."""

from __future__ import annotations

from dash.development.base_component import Component

from layouts.components import coming_soon


def layout() -> list[Component]:
    return coming_soon("Find and compare schools",
                       "Look up any state-funded school in the county.", [
                           "a finder by name, town or postcode, with phase and inspection "
                           "outcome filters and distance from a postcode",
                           "a profile of each school: inspection history across academy "
                           "conversions, results and context, in plain English",
                           "a side-by-side comparison of up to four schools",
                       ])
