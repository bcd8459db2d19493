"""What the server says about an address: 404 for no page or an unknown item, 308 from an
item's other name to its own address."""

from __future__ import annotations

from collections.abc import Iterator

import dash
import pytest
from dash import Dash, html
from flask.testing import FlaskClient

from callbacks.addresses import canonical_address, normalise_path, page_exists

WIDGETS = {"blue": "W1", "red": "W2"}
MODULE = "tests.widget"


@pytest.fixture
def widget_page(app: Dash) -> Iterator[None]:
    """A page about one item, registered as a page module would register it."""
    dash.register_page(
        MODULE, path_template="/widget/<code>", title="Widget",
        item_exists=lambda code: code in WIDGETS.values(),
        item_address=lambda code: f"/widget/{WIDGETS[code]}" if code in WIDGETS else None,
        layout=lambda code=None, **_query: html.P(f"Widget {code}"))
    yield
    dash.page_registry.pop(MODULE)


@pytest.mark.parametrize(("path", "expected"), [
    ("/map/", "/map"), ("", "/"), (None, "/"), ("/", "/"), ("/about?x=1", "/about")])
def test_paths_are_normalised(path: str | None, expected: str) -> None:
    assert normalise_path(path) == expected


def test_pages_and_items_exist_or_answer_404(widget_page: None, client: FlaskClient) -> None:
    assert page_exists("/widget/W1") and not page_exists("/widget/W9")
    assert not page_exists("/widget/") and not page_exists("/nowhere")
    assert client.get("/widget/W1").status_code == 200
    assert client.get("/widget/W9").status_code == 404
    assert client.get("/nowhere").status_code == 404
    assert client.get("/404").status_code == 404


def test_an_items_other_name_redirects_permanently_keeping_the_query(
        widget_page: None, client: FlaskClient) -> None:
    assert canonical_address("/widget/blue") == "/widget/W1"
    assert canonical_address("/widget/W1") is None
    response = client.get("/widget/blue?measure=x")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/widget/W1?measure=x")
