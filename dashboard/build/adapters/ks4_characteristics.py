"""Key stage 4 2018/19 (revised) by LA and pupil characteristic -> `la_indicators`.

DfE's own EES workbook (`201819_LA_characteristics_data_including_sen_description.xlsx`, or a
CSV with the same columns) gives Attainment 8, Progress 8, English and maths grade 4+ and 5+
and EBacc entry for every LA, region and England, split by gender, disadvantage, FSM, first
language and SEN. A row describes one pupil group when exactly one characteristic is split;
crossed groups and ethnic groups are not read.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.ees import (
    EES,
    ValueColumn,
    area_columns,
    ees_frame,
    finish,
    melt,
    own_files_and_geography,
    send_file,
)
from dashboard.build.adapters.la_geography import GEOGRAPHY_FILES
from dashboard.build.adapters.la_indicators import SeriesMap
from dashboard.build.sources import Source, read_any_table

KS4_CHARACTERISTIC_SERIES = {
    "avg_att8": ValueColumn(
        SeriesMap("ks4_attainment8", unit="score"),
        "Average Attainment 8 score",
        denominator="t_pupils",
    ),
    "avg_p8score": ValueColumn(
        SeriesMap("ks4_progress8", unit="score"),
        "Average Progress 8 score",
        denominator="t_inp8calc",
    ),
    "pt_l2basics_94": ValueColumn(
        SeriesMap("ks4_english_maths_grade4_pct"),
        "Grade 4 or above in English and maths (%)",
        "t_l2basics_94",
        "t_pupils",
    ),
    "pt_l2basics_95": ValueColumn(
        SeriesMap("ks4_english_maths_grade5_pct"),
        "Grade 5 or above in English and maths (%)",
        "t_l2basics_95",
        "t_pupils",
    ),
    "pt_ebacc_e_ptq_ee": ValueColumn(
        SeriesMap("ks4_ebacc_entry_pct"),
        "Entered for the English Baccalaureate (%)",
        "t_ebacc_e_ptq_ee",
        "t_pupils",
    ),
}
# Characteristic column -> its values that are a dashboard pupil group. A row describes one
# group when exactly one characteristic column is not 'Total'; rows crossing two (boys with
# SEN) and ethnic groups are not read; 'No identified SEN' repeats sen_status 'No SEN'.
KS4_CHARACTERISTICS: dict[str, dict[str, str]] = {
    "gender": {"Boys": "boys", "Girls": "girls"},
    "disadvantage": {
        "Disadvantaged": "disadvantaged",
        "Disadvantaged all other": "not_disadvantaged",
    },
    "free_school_meals": {"FSM": "fsm", "FSM all other": "not_fsm"},
    "first_language": {"Other than English": "eal", "English": "not_eal"},
    "sen_status": {"SEN State EHC": "sen_ehcp", "SEN Supp": "sen_support", "No SEN": "no_sen"},
    "sen_description": {"Any SEN": "sen_any"},
    "ethnic_major": {},
}


def _characteristic_groups(frame: pd.DataFrame) -> pd.Series:
    groups = pd.Series("all", index=frame.index, dtype="string")
    described = pd.Series(0, index=frame.index)
    for column, values in KS4_CHARACTERISTICS.items():
        text = frame[column].astype("string").str.strip()
        is_split = text.str.lower() != "total"
        described += is_split.astype(int)
        groups = groups.mask(is_split, text.map(values).astype("string"))
    return groups.where(described <= 1)


def load_ks4_characteristics(paths: list[Path]) -> pd.DataFrame:
    """Key stage 4 2018/19 (revised) by LA and pupil characteristic."""
    (path,), geography = own_files_and_geography(paths, 1)
    counts = {
        name: [name]
        for spec in KS4_CHARACTERISTIC_SERIES.values()
        for name in (spec.numerator, spec.denominator)
        if name
    }
    frame = ees_frame(
        path,
        {
            **{c: [c] for c in KS4_CHARACTERISTICS},
            **counts,
            **{c: [c] for c in KS4_CHARACTERISTIC_SERIES},
        },
        read=read_any_table(path),
    )
    groups = _characteristic_groups(frame)
    frame = frame[groups.notna()].reset_index(drop=True)
    place = area_columns(frame, geography, path, frame["period"])
    rows = melt(
        frame,
        place,
        KS4_CHARACTERISTIC_SERIES,
        path,
        pupil_groups=groups.dropna().reset_index(drop=True),
    )
    return finish(rows, "dfe_ks4_characteristics_2019")


SOURCES: list[Source] = [
    Source(
        id="dfe_ks4_characteristics_2019",
        title="Key stage 4 2018/19 (revised) by LA and pupil characteristic",
        publisher="Department for Education",
        paths=(
            send_file("201819_LA_characteristics_data_including_sen_description.xlsx"),
            *GEOGRAPHY_FILES,
        ),
        data_date="2018/19",
        table="la_indicators",
        load=load_ks4_characteristics,
        covers=(
            "Attainment 8, Progress 8, English and maths grade 4+ and 5+, EBacc entry for "
            "boys, girls, disadvantaged, FSM, EAL and SEN groups, every LA, region and "
            "England."
        ),
        lacks="2018/19 only; ethnic groups and crossed groups (e.g. disadvantaged boys) not read.",
        official_url=f"{EES}/key-stage-4-performance",
        rehost_note="DfE's own file (EES layout), unchanged.",
    ),
]
