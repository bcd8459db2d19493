"""Key stage 4 2018/19 by LA and pupil characteristic."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters import ks4_characteristics
from tests.unit.dashboard.build.adapters.test_ees import checked
from tests.unit.dashboard.build.adapters.test_la_indicators import one


def test_ks4_characteristics_read_one_group_per_row(tmp_path: Path,
                                                    geography_files: list[Path]) -> None:
    columns = ["time_period", "geographic_level", "country_code", "region_code", "region_name",
               "old_la_code", "new_la_code", "la_name", "gender", "ethnic_major",
               "free_school_meals", "sen_status", "sen_description", "disadvantage",
               "first_language", "t_pupils", "avg_att8", "t_l2basics_94", "pt_l2basics_94",
               "t_l2basics_95", "pt_l2basics_95", "t_ebacc_e_ptq_ee", "pt_ebacc_e_ptq_ee",
               "t_inp8calc", "avg_p8score"]
    place = ["201819", "Local authority", "E92000001", "E12000005", "West Midlands", "860",
             "E10000028", "Staffordshire"]
    total = ["Total"] * 7
    values = ["100", "44.5", "61", "61.0", "37", "37.0", "34", "34.0", "98", "-0.17"]

    def row(**splits: str) -> list[str]:
        names = ["gender", "ethnic_major", "free_school_meals", "sen_status", "sen_description",
                 "disadvantage", "first_language"]
        return place + [splits.get(n, t) for n, t in zip(names, total, strict=True)] + values

    rows = [row(), row(gender="Boys"), row(disadvantage="Disadvantaged"),
            row(sen_status="SEN State EHC"), row(sen_description="Any SEN"),
            row(sen_description="No identified SEN"), row(first_language="Other than English"),
            row(gender="Boys", disadvantage="Disadvantaged"), row(ethnic_major="White")]
    path = tmp_path / "201819_LA_characteristics.csv"
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    frame = checked(ks4_characteristics.load_ks4_characteristics([path, *geography_files]))
    groups = set(frame["pupil_group"])
    assert groups == {"all", "boys", "disadvantaged", "sen_ehcp", "sen_any", "eal"}
    grade4 = one(frame, pupil_group="eal", measure_id="ks4_english_maths_grade4_pct")
    assert (grade4["value"], grade4["numerator"], grade4["denominator"]) == (61, 61, 100)
    assert grade4["period"] == "2018/19" and grade4["area_code"] == "E10000028"
