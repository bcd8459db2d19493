"""Settings controls pages share: labelled selects and the outcome markers of the map legend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html

from dashboard.analysis.district import Outcome


@dataclass(frozen=True)
class Option:
    value: str
    label: str


def option_list(options: Sequence[Option]) -> list[dict[str, str]]:
    """Options as Dash controls (and callbacks that change them) take them."""
    return [{"label": o.label, "value": o.value} for o in options]


def select(component_id: str, options: Sequence[Option], chosen: str | None,
           **extra: str) -> dbc.Select:
    """A native select: keyboard and screen-reader friendly everywhere."""
    return dbc.Select(id=component_id, value=chosen, options=option_list(options), **extra)


def marker(outcome: Outcome) -> html.Span:
    """The outcome's map marker drawn in CSS: the same colour and shape as on the map."""
    return html.Span(className=f"map-marker map-marker-{outcome.marker}",
                     style={"--marker-colour": outcome.colour}, **{"aria-hidden": "true"})
