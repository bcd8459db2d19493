"""Ofsted overall effectiveness by LA and school type (SEND dashboard)."""

from __future__ import annotations

from pathlib import Path

from dashboard.build.adapters import ofsted_la_outcomes
from tests.unit.dashboard.build.adapters.test_ees import checked, write
from tests.unit.dashboard.build.adapters.test_la_indicators import one

OFSTED_HEADER = ("Year,school_type,Overall effectiveness,grand_total_schools,geographic_level,"
                 "Region,la_name,Measure,Value")


def ofsted_lines(year: str, school_type: str, total: int, counts: dict[str, int], level: str,
                 region: str, la: str = "") -> list[str]:
    lines = []
    for grade, count in counts.items():
        for measure, value in (("% of schools", round(100 * count / total, 2)),
                               ("number of schools", float(count))):
            lines.append(f"{year},{school_type},{grade},{total},{level},{region},{la},"
                         f"Overall effectiveness ({measure}),{value}")
    return lines


def test_ofsted_outcomes_give_percentages_with_counts(tmp_path: Path,
                                                      geography_files: list[Path]) -> None:
    mainstream = {"Outstanding": 40, "Good": 286, "Requires improvement": 39, "Inadequate": 4}
    path = write(tmp_path / "ofsted.csv", [
        OFSTED_HEADER,
        *ofsted_lines("2023", "State-funded mainstream school", 369, mainstream,
                      "Local authority", "West Midlands", "Staffordshire"),
        *ofsted_lines("2023", "State-funded special school", 23,
                      {"Outstanding": 5, "Good": 17, "Inadequate": 1},
                      "Local authority", "West Midlands", "Staffordshire"),
        *ofsted_lines("2023", "Non-maintained special school", 2, {"Good": 2},
                      "Local authority", "West Midlands", "Staffordshire"),
        *ofsted_lines("2023", "State-funded mainstream school", 20441,
                      {"Outstanding": 3085, "Good": 15085, "Requires improvement": 1778,
                       "Inadequate": 493}, "National", "England"),
    ])
    frame = checked(ofsted_la_outcomes.load_ofsted_outcomes([path, *geography_files]))
    staffs = frame[frame["la_number"] == 860]
    good = one(staffs, measure_id="pct_schools_good_or_outstanding", population="mainstream")
    assert good["value"] == 88.35 and good["numerator"] == 326 and good["denominator"] == 369
    assert good["period"] == "2023-08-31" and good["period_label"] == "31 August 2023"
    assert one(staffs, measure_id="pct_schools_inadequate",
               population="mainstream")["value"] == 1.08
    no_ri = one(staffs, measure_id="pct_schools_requires_improvement", population="special")
    assert no_ri["value"] == 0 and no_ri["numerator"] == 0  # no row: no such schools
    assert set(frame["population"]) == {"mainstream", "special"}  # non-maintained left out
    assert one(frame, area_type="england", measure_id="pct_schools_outstanding")["value"] == (
        15.09)
