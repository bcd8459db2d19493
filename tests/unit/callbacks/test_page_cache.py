"""Finished pages are kept as sent and served again from the shared cache."""

from __future__ import annotations

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.analysis import overview
from tests.conftest import drawn


def test_a_page_is_drawn_once_and_then_sent_as_it_was(
        app: Dash, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    first = drawn(app, client, "/?neighbours=2021")
    assert b"How Staffordshire is doing" in first

    def unavailable(*_args: object) -> None:
        raise AssertionError("drawn again instead of sent from the cache")

    monkeypatch.setattr(overview, "build_model", unavailable)
    assert drawn(app, client, "/?neighbours=2021") == first
    # Another address is another page.
    other = drawn(app, client, "/?colour=red")
    assert other != first and b"no setting 'colour'" in other


def test_a_page_that_could_not_be_drawn_is_not_kept(
        app: Dash, client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    real = overview.build_model

    def broken(*_args: object) -> None:
        raise RuntimeError("passing fault")

    monkeypatch.setattr(overview, "build_model", broken)
    assert b"Sorry, there is a problem" in drawn(app, client, "/?neighbours=2021")
    monkeypatch.setattr(overview, "build_model", real)
    assert b"How Staffordshire is doing" in drawn(app, client, "/?neighbours=2021")
