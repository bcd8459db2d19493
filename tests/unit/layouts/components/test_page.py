"""A page that cannot be drawn says so in plain words and never shows a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from app import create_app
from dashboard.store import StoreMissing
from layouts.components.page import page_layout
from tests.conftest import draw


def test_missing_store_shows_how_to_build_it(missing_store: Path) -> None:
    assert "make data" in draw(create_app({"TESTING": True}), "/")


def test_a_failing_page_shows_a_friendly_message(caplog: pytest.LogCaptureFixture) -> None:
    @page_layout
    def broken(**_query: object) -> list:
        raise ZeroDivisionError("secret internals")

    text = str(broken(colour="red"))
    assert "Sorry, there is a problem with this page" in text
    assert "secret internals" not in text and "Traceback" not in text
    assert "secret internals" in caplog.text  # logged for whoever runs the service


def test_no_store_is_a_page_not_an_error() -> None:
    @page_layout
    def waiting(**_query: object) -> list:
        raise StoreMissing("none")

    assert "The data has not been built yet" in str(waiting())
