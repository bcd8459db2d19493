"""Compare (/compare): a postcode given redraws the comparison with the distances and puts it
into the address, keeping the schools. Removing a school, adding another and the schools' own
pages are plain links."""

from __future__ import annotations

from dash import Dash, Input, Output, State
from dash.development.base_component import Component

from dashboard.analysis.compare import MAX_POSTCODE_LENGTH, POSTCODE, URN, compare_model
from dashboard.store import current_store
from layouts.pages import compare as page
from layouts.shell import QUERY_ID


def with_postcode(_clicks: int | None, _submits: int | None, postcode: str | None,
                  urns: list[str] | None) -> tuple[list[Component], dict]:
    """The comparison with distances from the typed postcode, and the settings for the
    address."""
    typed = (postcode or "").strip()[:MAX_POSTCODE_LENGTH]
    params = {URN: list(urns or []), POSTCODE: [typed]}
    return (page.body(compare_model(current_store(), params)),
            {URN: params[URN], POSTCODE: typed or None})


def register(app: Dash) -> None:
    app.callback(
        Output(page.BODY_ID, "children"),
        Output(QUERY_ID, "data"),
        Input(page.POSTCODE_BUTTON_ID, "n_clicks"),
        Input(page.POSTCODE_ID, "n_submit"),
        State(page.POSTCODE_ID, "value"),
        State(page.URNS_ID, "data"),
        prevent_initial_call=True,
    )(with_postcode)
