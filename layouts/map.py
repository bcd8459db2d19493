"""Map (/map): built by a later issue; until then an honest note of what it will show."""

from __future__ import annotations

from dash.development.base_component import Component

from layouts.components import coming_soon


def layout() -> list[Component]:
    return coming_soon("Map of districts and schools",
                       "Where schools and outcomes differ across the county.", [
                           "a map of the districts shaded by a measure you choose",
                           "every school as a point, marked by its latest inspection outcome",
                           "a profile of each district: its measures against the county and "
                           "England, its schools, pupil-group gaps and trends",
                       ])
