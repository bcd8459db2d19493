"""The Overview's answers: the headline figures against England, in words."""

from __future__ import annotations

from dash import Dash

from dashboard.analysis.overview import overview
from dashboard.store import current_store


def test_verdicts_follow_each_measures_direction(app: Dash) -> None:
    with app.server.test_request_context("/"):
        model = overview(current_store(), "2025", "2026-12-02")
    verdicts = {row.comparison.measure_id: row.verdict for row in model.headlines.rows}
    assert verdicts["ks2_rwm_expected_pct"] == "Below England (worse)"
    assert verdicts["pct_persistent_absence"] == "Above England (worse)"
    assert verdicts["neet_or_not_known_pct"] == "Below England (better)"
    assert verdicts["ks4_english_maths_grade5_pct"] == "Not comparable"
    assert model.headlines.title.startswith("Staffordshire is better than England on 1 and "
                                            "worse on 6")
