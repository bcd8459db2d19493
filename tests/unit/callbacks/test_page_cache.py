"""Finished pages are kept as sent and served again from the shared cache."""

from __future__ import annotations

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.analysis import overview


def drawing_request(client: FlaskClient, app: Dash, pathname: str, search: str = "") -> bytes:
    """What the browser posts for Dash Pages to draw the page at an address."""
    output = next(key for key in app.callback_map if "_pages_content.children" in key)
    spec = app.callback_map[output]
    values = {"pathname": pathname, "search": search}
    inputs = [{**i, "value": values[i["property"]]} for i in spec["inputs"]]
    state = [{**s, "value": values.get(s["property"])} for s in spec["state"]]
    response = client.post("/_dash-update-component", json={
        "output": output, "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                                      for o in output.strip(".").split("...")],
        "inputs": inputs, "state": state, "changedPropIds": [f"{inputs[0]['id']}.pathname"]})
    assert response.status_code == 200
    return response.get_data()


def test_a_page_is_drawn_once_and_then_sent_as_it_was(
        app: Dash, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    client.get("/")  # Dash sets up its routing callback at the first request
    first = drawing_request(client, app, "/", "?neighbours=2021")
    assert b"How Staffordshire is doing" in first

    def unavailable(*_args: object) -> None:
        raise AssertionError("drawn again instead of sent from the cache")

    monkeypatch.setattr(overview, "build_model", unavailable)
    assert drawing_request(client, app, "/", "?neighbours=2021") == first
    # Another address is another page.
    other = drawing_request(client, app, "/", "?colour=red")
    assert other != first and b"no setting 'colour'" in other


def test_a_page_that_could_not_be_drawn_is_not_kept(
        app: Dash, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    client.get("/")
    real = overview.build_model

    def broken(*_args: object) -> None:
        raise RuntimeError("passing fault")

    monkeypatch.setattr(overview, "build_model", broken)
    assert b"Sorry, there is a problem" in drawing_request(client, app, "/", "?neighbours=2021")
    monkeypatch.setattr(overview, "build_model", real)
    assert b"How Staffordshire is doing" in drawing_request(client, app, "/",
                                                            "?neighbours=2021")
