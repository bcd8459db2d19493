"""About the data: sources from the store's manifest, definitions, limitations, the
accessibility statement and contact."""

from __future__ import annotations

from dash import Dash

from dashboard.store import current_store
from tests.conftest import draw


def test_about_lists_every_source_with_licence_date_and_next_release(app: Dash) -> None:
    text = draw(app, "/about")
    with app.server.app_context():
        manifest = current_store().manifest
    for source in manifest["sources"]:
        assert source["title"] in text
    assert "Open Government Licence v3.0" in text and "30 June 2026" in text
    for heading in ("Definitions", "Known limitations", "Accessibility statement",
                    "Enforcement procedure", "Compliance status", "Contact us"):
        assert heading in text
    assert "floor standard" in text.lower() and "September 2024" in text
