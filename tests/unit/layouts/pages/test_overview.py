"""The Overview page: its settings in the address, and the neighbour choice."""

from __future__ import annotations

from typing import Any

import pytest
from dash import Dash
from flask.testing import FlaskClient

import callbacks.overview as overview_callbacks
from tests.conftest import draw, fire


def text_of(component: Any) -> str:
    """All the text in a Dash component tree."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    return "" if component is None else text_of(getattr(component, "children", None))


def test_the_overview_reads_the_neighbour_list_from_the_address(app: Dash) -> None:
    text = draw(app, "/?neighbours=2021")
    assert '"value": "2021"' in text
    assert "2021 list, Department for Education" in text


def test_malformed_settings_fall_back_to_defaults_with_a_message(app: Dash) -> None:
    text = draw(app, "/?neighbours=%3Cscript%3E&colour=red")
    assert "'<script>' is not a valid choice for 'neighbours'" in text
    assert "no setting 'colour'" in text
    assert "2025 list, Department for Education" in text


def test_choosing_neighbours_updates_the_table_and_the_address(app: Dash) -> None:
    with app.server.test_request_context("/"):
        table, changes = overview_callbacks.update_headlines("2021")
        assert changes == {"neighbours": "2021"}
        assert "2021 list" in text_of(table)
        assert overview_callbacks.update_headlines("2025")[1] == {"neighbours": None}
        assert overview_callbacks.update_headlines("nonsense")[1] == {"neighbours": None}


def test_callback_errors_show_a_short_message_and_no_traceback(
        app: Dash, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(overview_callbacks, "overview", broken)
    response = fire(app, client, "headline-figures.children",
                    {"headline-neighbours.value": "2021"})
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 204)
    assert "could not be updated" in body
    assert "secret internals" not in body and "Traceback" not in body
