"""Pupil groups (/groups): built by a later issue; until then a note of what it will show."""

from __future__ import annotations

from dash.development.base_component import Component

from layouts.components import coming_soon


def layout() -> list[Component]:
    return coming_soon("Pupil groups", "How outcomes differ between groups of pupils.", [
        "gaps for disadvantaged pupils and pupils eligible for free school meals",
        "pupils with special educational needs (education, health and care plans and SEN "
        "support), boys and girls, and pupils with English as an additional language",
        "each gap against England's, and by district where the data allows",
    ])
