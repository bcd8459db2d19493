"""The scraped Ofsted inspection history 2005-2020."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters.inspections import HISTORY_ID
from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_inspections import load


def test_scraped_history_keeps_the_word_and_drops_repeated_rows(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text(
        "URN,Rating,Inspection Date\n"
        "100000,Outstanding,20130418\n"
        "100000,Satisfactory,20080926\n"
        "100000,Good,20050921\n"
        "131288,Requires Improvement,20180306\n"
        "131288,Requires Improvement,20180306\n"
        "137699,Requires Improvement,20131204\n"
        "137699,Satisfactory,20131204\n", encoding="utf-8")
    frame = load(HISTORY_ID, path)
    assert len(frame) == 5
    assert set(frame["framework"]) == {"graded"}
    old = frame[(frame["urn"] == 100000) & (frame["inspection_date"] == pd.Timestamp("2008-09-26"))]
    assert old["overall_label"].iloc[0] == "Satisfactory" and old["overall_grade"].iloc[0] == 3
    # Conflicting copies: the word in use in December 2013 wins.
    assert frame.loc[frame["urn"] == 137699, "overall_label"].tolist() == ["Requires improvement"]

    path.write_text("URN,Rating,Inspection Date\n100000,Excellent,20130418\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"history\.csv, column 'Rating'.*Excellent"):
        load(HISTORY_ID, path)
