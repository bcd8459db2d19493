"""DfE Local Authority Interactive Tool (LAIT) big data set -> `la_indicators`.

LAIT's long table (`bds_long_0.parquet`, or a CSV extract with the same columns) holds 434
indicators for every LA, region and England; the series in `LAIT_SERIES` (key stage 2 and 4
results with their pupil groups, absence, exclusions, early years, qualified at 19,
destinations, NEET and pupils with SEN) feed dashboard measures, named from LAIT's data
dictionary. A year published provisionally and then revised keeps only the revised figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.la_geography import (
    GEOGRAPHY_FILES,
    LAIT_FOLDER,
    LAIT_URL,
    name_key,
    read_geography,
)
from dashboard.build.adapters.la_indicators import (
    YEAR_STATUS,
    SeriesMap,
    academic_years,
    covid_notes,
    indicator_frame,
    label_status_rank,
    rate_notes,
)
from dashboard.build.sources import (
    Source,
    parse_numbers,
    read_csv,
    read_parquet,
    resolve_columns,
    whole_numbers,
)

# Measures counted over a calendar (NCCIS: December-February average) year: their period stays
# as published ("2025"); every other measure is for an academic year ("2024/25").
CALENDAR_YEAR_MEASURES = frozenset(
    {"neet_or_not_known_pct", "neet_pct", "not_known_pct", "participation_pct"}
)


def attach_series(frame: pd.DataFrame, keys: pd.Series,
                  table: Mapping[str, SeriesMap]) -> pd.DataFrame:
    """Keep the rows whose series key is in `table`; add its measure, population, group, unit."""
    mapped = keys.isin(list(table))
    rows = frame[mapped].copy()
    for field in SeriesMap._fields:
        rows[field] = keys[mapped].map({key: getattr(s, field) for key, s in table.items()})
    return rows


# LAIT Short Desc -> dashboard measure. Only series that feed a measure are read.
_KS2_PROGRESS_GROUPS = {
    "DAP": "disadvantaged", "NonDAP": "not_disadvantaged", "FSM": "fsm", "nonFSM": "not_fsm",
    "SEN": "sen_ehcp", "SENSupport": "sen_support", "NonSEN": "no_sen",  # LAIT: SEN = EHCP
}
_KS2_SUBJECTS = {"Reading": "R", "Writing": "W", "Maths": "M"}
LAIT_SERIES: dict[str, SeriesMap] = {
    # Key stage 2: reading, writing and maths, state-funded schools.
    "KS2RWM_Expected_STD": SeriesMap("ks2_rwm_expected_pct"),
    "DAP_NEW_KS2_RWM": SeriesMap("ks2_rwm_expected_pct", pupil_group="disadvantaged"),
    "NonDAP_NEW_KS2_RWM": SeriesMap("ks2_rwm_expected_pct", pupil_group="not_disadvantaged"),
    "FSM_NEW_KS2_RWM": SeriesMap("ks2_rwm_expected_pct", pupil_group="fsm"),
    "NonFSM_NEW_KS2_RWM": SeriesMap("ks2_rwm_expected_pct", pupil_group="not_fsm"),
    "NEW_KS2_RWM_Sen_Withsta": SeriesMap("ks2_rwm_expected_pct", pupil_group="sen_ehcp"),
    "NEW_KS2_RWM_Sen_W/Osta": SeriesMap("ks2_rwm_expected_pct", pupil_group="sen_support"),
    "NoID_SEN_NEW_KS2_RWM": SeriesMap("ks2_rwm_expected_pct", pupil_group="no_sen"),
    "KS2RWM_Higher_STD": SeriesMap("ks2_rwm_higher_pct"),
    **{f"KS2{letter}_Prog_VA": SeriesMap(f"ks2_{subject.lower()}_progress", unit="score")
       for subject, letter in _KS2_SUBJECTS.items()},
    **{f"KS2_{code}_{subject}_Progress": SeriesMap(f"ks2_{subject.lower()}_progress",
                                                    pupil_group=group, unit="score")
       for subject in _KS2_SUBJECTS for code, group in _KS2_PROGRESS_GROUPS.items()},
    # Key stage 4, state-funded schools.
    "AVG_Attain8_Score": SeriesMap("ks4_attainment8", unit="score"),
    "DAP_KS4_ATT8": SeriesMap("ks4_attainment8", pupil_group="disadvantaged", unit="score"),
    "NonDAP_KS4_ATT8": SeriesMap("ks4_attainment8", pupil_group="not_disadvantaged", unit="score"),
    "FSM_AVG_Attain8_Score": SeriesMap("ks4_attainment8", pupil_group="fsm", unit="score"),
    "NonFSM_AVG_Attain8_Score": SeriesMap("ks4_attainment8", pupil_group="not_fsm", unit="score"),
    "SEN_Stat_AVG_Attain8_Score": SeriesMap("ks4_attainment8", pupil_group="sen_ehcp",
                                            unit="score"),
    "SEN_WoStat_AVG_Attain8_Score": SeriesMap("ks4_attainment8", pupil_group="sen_support",
                                              unit="score"),
    "SEN_NoID_AVG_Attain8_Score": SeriesMap("ks4_attainment8", pupil_group="no_sen", unit="score"),
    "AVG_Prog8_Score": SeriesMap("ks4_progress8", unit="score"),
    "DAP_KS4_Prog8": SeriesMap("ks4_progress8", pupil_group="disadvantaged", unit="score"),
    "NonDAP_KS4_Prog8": SeriesMap("ks4_progress8", pupil_group="not_disadvantaged", unit="score"),
    "FSM_AVG_Prog8_Score": SeriesMap("ks4_progress8", pupil_group="fsm", unit="score"),
    "NonFSM_AVG_Prog8_Score": SeriesMap("ks4_progress8", pupil_group="not_fsm", unit="score"),
    "SEN_Stat_AVG_Prog8_Score": SeriesMap("ks4_progress8", pupil_group="sen_ehcp", unit="score"),
    "SEN_WoStat_AVG_Prog8_Score": SeriesMap("ks4_progress8", pupil_group="sen_support",
                                            unit="score"),
    "SEN_NoID_AVG_Prog8_Score": SeriesMap("ks4_progress8", pupil_group="no_sen", unit="score"),
    "EngMaths9-4": SeriesMap("ks4_english_maths_grade4_pct"),
    "EngMaths9-5": SeriesMap("ks4_english_maths_grade5_pct"),
    "EngBacEntries": SeriesMap("ks4_ebacc_entry_pct"),
    "EngBacEntriesSEN": SeriesMap("ks4_ebacc_entry_pct", pupil_group="sen_ehcp"),
    "EngBacEntriesSENSupport": SeriesMap("ks4_ebacc_entry_pct", pupil_group="sen_support"),
    "EngBacEntriesNonSEN": SeriesMap("ks4_ebacc_entry_pct", pupil_group="no_sen"),
    # Destinations after key stage 4 (the all-pupil series covers mainstream schools only).
    "SusEdOverall_All": SeriesMap("ks4_sustained_destination_pct", population="mainstream"),
    "KS4_SEN_Des_incSpec": SeriesMap("ks4_sustained_destination_pct", pupil_group="sen_any"),
    "SusEdOverall_SEN_Stat_incSpec": SeriesMap("ks4_sustained_destination_pct",
                                               pupil_group="sen_ehcp"),
    "SusEdOverall_SEN_NoStat_incSpec": SeriesMap("ks4_sustained_destination_pct",
                                                 pupil_group="sen_support"),
    "SusEdOverall_NoSEN_incSpec": SeriesMap("ks4_sustained_destination_pct", pupil_group="no_sen"),
    "KS4_DES_NotSus": SeriesMap("ks4_destination_not_sustained_pct", population="mainstream"),
    # Absence, state-funded schools.
    "TotAbs": SeriesMap("pct_overall_absence"),
    "PriTotAbs": SeriesMap("pct_overall_absence", population="primary"),
    "SecTotAbs": SeriesMap("pct_overall_absence", population="secondary"),
    "total_absence_special": SeriesMap("pct_overall_absence", population="special"),
    "TotPerAbNew": SeriesMap("pct_persistent_absence"),
    "SFPriPerAbNew": SeriesMap("pct_persistent_absence", population="primary"),
    "SFSecPerAbNew": SeriesMap("pct_persistent_absence", population="secondary"),
    "SpecPerAbNew": SeriesMap("pct_persistent_absence", population="special"),
    # Suspensions (fixed-period exclusions) and permanent exclusions per 100 pupils.
    "TotFixedEx": SeriesMap("suspension_rate", unit="rate"),
    "PriFixedEx": SeriesMap("suspension_rate", population="primary", unit="rate"),
    "SecFixedEx": SeriesMap("suspension_rate", population="secondary", unit="rate"),
    "SpecFixedEx": SeriesMap("suspension_rate", population="special", unit="rate"),
    "TotPermEx": SeriesMap("permanent_exclusion_rate", unit="rate"),
    "PriPermEx": SeriesMap("permanent_exclusion_rate", population="primary", unit="rate"),
    "SecPermEx": SeriesMap("permanent_exclusion_rate", population="secondary", unit="rate"),
    "SpecPermEx": SeriesMap("permanent_exclusion_rate", population="special", unit="rate"),
    "Total_ Pup_FixedEx": SeriesMap("pct_pupils_one_or_more_suspensions"),
    "Pri_ Pup_FixedEx": SeriesMap("pct_pupils_one_or_more_suspensions", population="primary"),
    "Sec_ Pup_FixedEx": SeriesMap("pct_pupils_one_or_more_suspensions", population="secondary"),
    "Spec_ Pup_FixedEx": SeriesMap("pct_pupils_one_or_more_suspensions", population="special"),
    # Early years foundation stage profile: good level of development.
    "FSP_NEW_GOODDEV": SeriesMap("eyfs_gld_pct"),
    "FSP_Gooddev_FSM": SeriesMap("eyfs_gld_pct", pupil_group="fsm"),
    "FSP_Gooddev_FSM_Other": SeriesMap("eyfs_gld_pct", pupil_group="not_fsm"),
    "FSP_Gooddev_With_SENSTATE": SeriesMap("eyfs_gld_pct", pupil_group="sen_ehcp"),
    "FSP_Gooddev_Without_SENSTATE": SeriesMap("eyfs_gld_pct", pupil_group="sen_support"),
    # Qualified at 19 (pupils who were in the LA's schools at 15; SEN status in year 11).
    "Level2Age19": SeriesMap("level2_at_19_pct"),
    "Level2_FMS_Attain": SeriesMap("level2_at_19_pct", pupil_group="fsm"),
    "Level2Age19_NON_FSM": SeriesMap("level2_at_19_pct", pupil_group="not_fsm"),
    "Age19_SEN-S": SeriesMap("level2_at_19_pct", pupil_group="sen_ehcp"),
    "Age19_SENwoS": SeriesMap("level2_at_19_pct", pupil_group="sen_support"),
    "Age19_NoNSEN": SeriesMap("level2_at_19_pct", pupil_group="no_sen"),
    "Level2Age19_E&M": SeriesMap("level2_english_maths_at_19_pct"),
    "Level2Age19_E&M_FSM": SeriesMap("level2_english_maths_at_19_pct", pupil_group="fsm"),
    "Level2Age19_E&M_NON_FSM": SeriesMap("level2_english_maths_at_19_pct", pupil_group="not_fsm"),
    "Age19_SEN-S_L2EM": SeriesMap("level2_english_maths_at_19_pct", pupil_group="sen_ehcp"),
    "Age19_SENwoS_L2EM": SeriesMap("level2_english_maths_at_19_pct", pupil_group="sen_support"),
    "Age19_NoNSEN_L2EM": SeriesMap("level2_english_maths_at_19_pct", pupil_group="no_sen"),
    "Level3Age19": SeriesMap("level3_at_19_pct"),
    "Level3_FMS_Attain": SeriesMap("level3_at_19_pct", pupil_group="fsm"),
    "NonFSM_L3_aged19": SeriesMap("level3_at_19_pct", pupil_group="not_fsm"),
    "Age19_SEN-S_L3": SeriesMap("level3_at_19_pct", pupil_group="sen_ehcp"),
    "Age19_SENwoS_L3": SeriesMap("level3_at_19_pct", pupil_group="sen_support"),
    "Age19_NoNSEN_L3": SeriesMap("level3_at_19_pct", pupil_group="no_sen"),
    # 16 and 17 year olds (NCCIS; calendar-year periods).
    "16-17_not known_NEET": SeriesMap("neet_or_not_known_pct"),
    "16-17 NEET": SeriesMap("neet_pct"),
    "16-17_not known": SeriesMap("not_known_pct"),
    "16-17Ed&Training": SeriesMap("participation_pct"),
    "16-17YroldSEN_ET": SeriesMap("participation_pct", pupil_group="sen_any"),
    # Pupils with special educational needs (January census), as % of all pupils.
    "SEN_TotStat": SeriesMap("pct_pupils_sen_ehcp"),
    "PrimStatements": SeriesMap("pct_pupils_sen_ehcp", population="primary"),
    "SecStatements": SeriesMap("pct_pupils_sen_ehcp", population="secondary"),
    "SEN_TotSENSuP": SeriesMap("pct_pupils_sen_support"),
    "PrimNoStatements": SeriesMap("pct_pupils_sen_support", population="primary"),
    "SecNoStatements": SeriesMap("pct_pupils_sen_support", population="secondary"),
}

LAIT_COLUMNS = {
    "short_desc": ["Short Desc"],
    "data_item": ["Data item"],
    "year": ["Years"],
    "area_name": ["LA and Regions"],
    "value": ["Values"],
    "la_number": ["LA Number"],
}


def _read_lait_table(path: Path) -> pd.DataFrame:
    """The LAIT long table: the DfE parquet, or a CSV extract of it with the same columns."""
    if path.suffix.lower() == ".parquet":
        frame = read_parquet(path, columns=[n for names in LAIT_COLUMNS.values() for n in names])
    else:
        frame = read_csv(path)
    frame = resolve_columns(frame, path, LAIT_COLUMNS)
    # Filter before any per-row work: only a fifth of LAIT's 434 indicators feed a measure.
    return frame[frame["short_desc"].isin(list(LAIT_SERIES))].reset_index(drop=True)


def _indicator_names(dictionary: Path, table: pd.DataFrame) -> pd.Series:
    """Indicator names: the data dictionary's, else the first filled `Data item` in the table."""
    entries = resolve_columns(read_csv(dictionary), dictionary, {
        "short_desc": ["Measure_short"], "name": ["Measure"]})
    entries = entries.apply(lambda c: c.str.strip()).replace("", pd.NA).dropna()
    named = entries.drop_duplicates("short_desc").set_index("short_desc")["name"]
    first_item = table.dropna(subset=["data_item"]).drop_duplicates("short_desc").set_index(
        "short_desc")["data_item"]
    codes = table["short_desc"].astype("string")
    return (codes.map(named).astype("string")
            .fillna(codes.map(first_item).astype("string")).fillna(codes))


def _lait_periods(table: pd.DataFrame, path: Path) -> pd.Series:
    calendar = table["measure_id"].isin(CALENDAR_YEAR_MEASURES)
    labels = table["period_label"]
    periods = pd.Series(pd.NA, index=table.index, dtype="string")
    periods[calendar] = labels[calendar].str.replace(YEAR_STATUS, "", regex=True).str.strip()
    periods[~calendar] = academic_years(labels[~calendar], path, "Years")
    return periods


def load_lait(paths: list[Path]) -> pd.DataFrame:
    """LAIT series that feed a dashboard measure, for every LA, region and England."""
    table_path, dictionary, *geography_paths = paths
    geography = read_geography(geography_paths)
    table = _read_lait_table(table_path)
    table["indicator_name"] = _indicator_names(dictionary, table)
    table["la_number"] = whole_numbers(table["la_number"].astype("string"), table_path,
                                       "LA Number")
    known_la = table["la_number"].isin(list(geography.codes["la_number"]))
    level = pd.Series("la", index=table.index, dtype="string").mask(~known_la, "region")
    level = level.mask(table["area_name"].map(name_key) == "england", "england")
    rows = attach_series(table, table["short_desc"], LAIT_SERIES)
    place = geography.locate(level[rows.index], rows["area_name"],
                             la_numbers=rows["la_number"], path=table_path, column="LA Number")
    rows = pd.concat([rows.drop(columns=["la_number", "area_name"]), place], axis=1)
    rows = rows[rows["area_type"].notna()].rename(columns={"short_desc": "indicator_id",
                                                           "year": "period_label"})
    rows["period"] = _lait_periods(rows, table_path)
    # A year published provisionally and then revised keeps only the revised figure.
    rows["rank"] = rows["period_label"].map(label_status_rank)
    rows = rows.sort_values("rank").drop_duplicates(
        ["indicator_id", "area_type", "area_name", "period"], keep="last")
    rows["value"], rows["suppression"] = parse_numbers(rows["value"], table_path, "Values")
    rows["note"] = covid_notes(rows).fillna(rate_notes(rows["measure_id"]))
    return indicator_frame(rows.sort_index(), "lait")


SOURCES: list[Source] = [
    Source(
        id="lait",
        title="DfE Local Authority Interactive Tool (LAIT) indicators",
        publisher="Department for Education",
        paths=(f"{LAIT_FOLDER}/bds_long_0.parquet", f"{LAIT_FOLDER}/lait_data_dictionary.csv",
               *GEOGRAPHY_FILES),
        data_date="2015/16 to 2024/25",
        table="la_indicators",
        load=load_lait,
        covers=("Every English LA, region and England, about 2016 to 2025: key stage 2 and 4 "
                "results with disadvantaged, FSM and SEN splits, absence, suspensions and "
                "exclusions, early years, qualified at 19, key stage 4 destinations, NEET and "
                "participation at 16-17, pupils with SEN."),
        lacks=("No key stage 2 or 4 assessments in 2020 and 2021 (COVID-19); no key stage 2 "
               "progress after 2022/23; no gender or EAL splits; LAIT's other indicators "
               "(children's social care, finance, health) are not read."),
        official_url=LAIT_URL,
        rehost_note=("DfE's LAIT 'big data set' parquet and data dictionary from the LAIT "
                     "repository, unchanged. ONS area codes come from the NCCIS NEET files."),
    ),
]
