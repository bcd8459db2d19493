"""DfE Local Authority Interactive Tool (LAIT): LA indicators, LA codes, statistical neighbours.

Also home of what every LA-level adapter shares (la_series.py imports it): the LA geography
(DfE LA number -> ONS code, region codes, LA names -> LA numbers), academic-year labels, the
series -> measure mapping type and the la_indicators frame layout.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.build.sources import (
    Source,
    parse_numbers,
    read_csv,
    read_excel,
    read_parquet,
    resolve_columns,
)
from dashboard.errors import SourceError

LAIT_FOLDER = "dfe_lait"
NEET_FILES = tuple(f"dfe_nccis_neet/neet_notknown_la_{year}.csv" for year in range(2021, 2026))
LA_CODE_LIST = f"{LAIT_FOLDER}/la_code_list.xlsx"
# The files the LA geography is read from: ONS codes from the NCCIS NEET files (every LA,
# region and England, with DfE and ONS codes), names from the LAIT code list.
GEOGRAPHY_FILES = (*NEET_FILES, LA_CODE_LIST)
LAIT_URL = "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait"
NEET_URL = "https://www.gov.uk/government/publications/neet-and-participation-local-authority-figures"

# Measures counted over a calendar (NCCIS: December-February average) year: their period stays
# as published ("2025"); every other measure is for an academic year ("2024/25").
CALENDAR_YEAR_MEASURES = frozenset(
    {"neet_or_not_known_pct", "neet_pct", "not_known_pct", "participation_pct"}
)
COVID_YEARS = ("2019/20", "2020/21")
# Why a value is missing in a COVID year, by measure id prefix (default: _COVID_NOTE).
_COVID_NOTES = {
    "ks2_": "No assessments in 2020 and 2021 (COVID-19)",
    "eyfs_": "No assessments in 2020 and 2021 (COVID-19)",
    "ks4_": "Not calculated for 2020 and 2021, when exams were cancelled (COVID-19)",
}
_COVID_NOTE = "Not published for this year (COVID-19)"


class SeriesMap(NamedTuple):
    """Which dashboard measure a publisher series feeds."""

    measure_id: str
    population: str = "all"
    pupil_group: str = "all"
    unit: str = "percent"


LA_INDICATOR_COLUMNS: dict[str, str] = {
    "source_id": "string",
    "indicator_id": "string",
    "indicator_name": "string",
    "measure_id": "string",
    "population": "string",
    "pupil_group": "string",
    "area_type": "string",
    "area_code": "string",
    "la_number": "Int64",
    "area_name": "string",
    "period": "string",
    "period_label": "string",
    "value": "float64",
    "suppression": "string",
    "numerator": "float64",
    "denominator": "float64",
    "unit": "string",
    "note": "string",
}
_MEASURE_KEY = ["measure_id", "population", "pupil_group", "area_type", "area_name", "period"]


def attach_series(frame: pd.DataFrame, keys: pd.Series,
                  table: Mapping[str, SeriesMap]) -> pd.DataFrame:
    """Keep the rows whose series key is in `table`; add its measure, population, group, unit."""
    mapped = keys.isin(list(table))
    rows = frame[mapped].copy()
    for field in SeriesMap._fields:
        rows[field] = keys[mapped].map({key: getattr(s, field) for key, s in table.items()})
    return rows


def indicator_frame(rows: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """Complete `rows` to the la_indicators layout: every column, in order, with its dtype.

    Two series of one source feeding the same measure, population and pupil group for the same
    area and period is a mapping mistake: it stops the build.
    """
    frame = rows.reset_index(drop=True).assign(source_id=source_id)
    for column, dtype in LA_INDICATOR_COLUMNS.items():
        frame[column] = (frame[column].astype(dtype) if column in frame
                         else pd.Series(index=frame.index, dtype=dtype))
    frame = frame[list(LA_INDICATOR_COLUMNS)]
    clash = frame["measure_id"].notna() & frame.duplicated(_MEASURE_KEY, keep=False)
    if clash.any():
        examples = frame[clash].drop_duplicates("indicator_id").head(5)
        raise SourceError(
            source_id, "two publisher series map to the same measure, population and pupil group",
            column="measure_id",
            rows=[f"{r.indicator_id} -> {r.measure_id}/{r.population}/{r.pupil_group}"
                  for r in examples.itertuples()],
        )
    return frame


def covid_notes(rows: pd.DataFrame) -> pd.Series:
    """The note for values missing because of COVID-19, else <NA>.

    A value counts as missing for COVID-19 when it is missing in 2019/20 or 2020/21 and the same
    series has no England figure for that year either (an LA's own gap gets no such note).
    """
    missing = rows["value"].isna() & rows["period"].isin(COVID_YEARS)
    national_gap = rows[missing & (rows["area_type"] == "england")]
    gap_keys = set(zip(national_gap["indicator_id"], national_gap["period"], strict=True))
    keys = pd.Series(list(zip(rows["indicator_id"], rows["period"], strict=True)),
                     index=rows.index)
    applies = missing & keys.isin(gap_keys)
    notes = pd.Series(pd.NA, index=rows.index, dtype="string")
    notes[applies] = _COVID_NOTE
    for prefix, note in _COVID_NOTES.items():
        notes[applies & rows["measure_id"].str.startswith(prefix)] = note
    return notes


# --- periods ---------------------------------------------------------------------------------

_STATUS = re.compile(r"\s*\((?P<status>[^)]*)\)\s*$")
# Provisional figures give way to final and revised ones for the same year.
_STATUS_RANK = {"prov": 0, "provisional": 0, "": 1, "final": 2, "rev": 2, "revised": 2}


def label_status_rank(label: str) -> int:
    """How authoritative a year label's status is: 0 provisional, 1 plain, 2 final or revised."""
    match = _STATUS.search(label)
    return _STATUS_RANK.get(match.group("status").strip().lower(), 1) if match else 1


def academic_year(label: str) -> str | None:
    """Normalise a year label to an academic year "2023/24"; None when it is not one year.

    "2024" (the year the academic year ends, as LAIT labels results), "2023/24", "2023-24",
    "202324", "202324.0" and "2024 (Rev)" all give "2023/24"; multi-year spans such as
    "2014-16" or "2013/14-15/16" give None.
    """
    text = _STATUS.sub("", str(label)).strip().removesuffix(".0")
    if re.fullmatch(r"\d{4}", text):
        end = int(text)
        return f"{end - 1}/{end % 100:02d}"
    match = re.fullmatch(r"(\d{4})[/-]?(\d{2})", text)
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return f"{match.group(1)}/{match.group(2)}"
    return None


def academic_years(labels: pd.Series, path: Path, column: str) -> pd.Series:
    """Academic years for a column of year labels; a label that is not one year stops the build."""
    years = labels.map(academic_year).astype("string")
    bad = years.isna()
    if bad.any():
        raise SourceError(path.name, f"{int(bad.sum())} label(s) are not an academic year",
                          column=column, rows=[repr(v) for v in labels[bad].unique()[:5]])
    return years


# --- LA geography ----------------------------------------------------------------------------

# Placeholder rows the NCCIS dashboard files carry for their demo screens.
_NEET_PLACEHOLDERS = frozenset({"la demo", "region demo"})
# DfE marks LAs abolished in a reorganisation "Dorset (Pre LG)" / "Cheshire (Pre LGR 2009)".
_PRE_REORGANISATION = re.compile(r"\s*\(pre lg[a-z]*(?:\s+\d{4})?\)\s*$", re.IGNORECASE)
_GEOGRAPHIC_LEVELS = {
    "national": "england", "england": "england", "country": "england",
    "regional": "region", "region": "region",
    "local authority": "la", "la": "la",
}


def name_key(name: str) -> str:
    """Compare LA and region names loosely: case, '&', punctuation and spacing ignored."""
    text = _PRE_REORGANISATION.sub("", str(name)).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def as_la_numbers(raw: pd.Series, path: Path, column: str) -> pd.Series:
    """DfE LA numbers ('860', '860.0'); blanks stay missing, other text stops the build."""
    values, _ = parse_numbers(raw, path, column)
    return values.round().astype("Int64")


def _blank_to_na(column: pd.Series) -> pd.Series:
    return column.astype("string").str.strip().replace("", pd.NA)


@dataclass(frozen=True)
class Geography:
    """DfE LA numbers, ONS codes and names of LAs, regions and England."""

    codes: pd.DataFrame  # the la_codes table
    la_by_ons_code: dict[str, int]  # every ONS code an LA has had (latest and earlier)
    region_codes: dict[str, str]  # name_key(region name) -> ONS region code
    england_code: str
    england_name: str
    current_names: dict[str, int]  # name_key -> LA number
    abolished_names: dict[str, int]  # name_key of "X (Pre LG)" LAs -> LA number

    def ons_codes(self, la_numbers: pd.Series) -> pd.Series:
        lookup = dict(zip(self.codes["la_number"], self.codes["ons_code"], strict=True))
        return la_numbers.map(lookup).astype("string")

    def la_numbers_by_name(self, names: pd.Series, periods: pd.Series) -> pd.Series:
        """LA numbers for LA names; <NA> for names of no known LA.

        A name used both by an abolished LA and its successor ("Dorset" before and after the
        2019 reorganisation) is read as the abolished LA in the periods where the file still
        lists another LA that exists only in the pre-reorganisation list ("Poole").
        """
        keys = names.map(name_key)
        marked_old = names.str.contains(_PRE_REORGANISATION, na=False)
        only_old = keys.isin(list(self.abolished_names)) & ~keys.isin(list(self.current_names))
        old_periods = set(periods[only_old | marked_old])
        use_old = marked_old | only_old | (
            periods.isin(old_periods) & keys.isin(list(self.abolished_names)))
        numbers = keys.map(self.current_names).where(~use_old, keys.map(self.abolished_names))
        return numbers.astype("Int64")

    def locate(self, levels: pd.Series, names: pd.Series, *, la_numbers: pd.Series | None = None,
               ons_codes: pd.Series | None = None, periods: pd.Series | None = None,
               path: Path, column: str = "geographic_level") -> pd.DataFrame:
        """area_type, area_code, la_number and area_name for publisher rows.

        `levels` holds the publisher's geographic level ("National", "Regional", "Local
        authority"); LA rows are identified by `la_numbers`, else `ons_codes`, else `names` (read
        with `periods`). Region rows without an ONS region code (inner and outer London) get
        area_type <NA>: callers drop them.
        """
        area_type = levels.astype("string").str.strip().str.lower().map(_GEOGRAPHIC_LEVELS)
        bad = area_type.isna()
        if bad.any():
            raise SourceError(path.name, "unknown geographic level", column=column,
                              rows=[repr(v) for v in levels[bad].unique()[:5]])
        is_la = area_type == "la"
        numbers = la_numbers.astype("Int64") if la_numbers is not None else pd.Series(
            pd.NA, index=names.index, dtype="Int64")
        if ons_codes is not None:
            numbers = numbers.fillna(ons_codes.map(self.la_by_ons_code).astype("Int64"))
        if periods is not None:
            numbers = numbers.fillna(self.la_numbers_by_name(names, periods))
        numbers = numbers.where(is_la, pd.NA)
        area_code = self.ons_codes(numbers)
        if ons_codes is not None:
            area_code = _blank_to_na(ons_codes).where(is_la).fillna(area_code)
        region_code = names.map(name_key).map(self.region_codes).astype("string")
        area_code = area_code.where(area_type != "region", region_code)
        area_code = area_code.mask(area_type == "england", self.england_code)
        area_type = area_type.mask((area_type == "region") & region_code.isna(), pd.NA)
        return pd.DataFrame({
            "area_type": area_type.astype("string"),
            "area_code": area_code.astype("string"),
            "la_number": numbers,
            "area_name": names.astype("string").str.strip(),
        })


NEET_GEOGRAPHY_COLUMNS = {
    "time_period": ["time_period"],
    "geographic_level": ["geographic_level"],
    "country_code": ["country_code"],
    "country_name": ["country_name"],
    "region_code": ["region_code"],
    "region_name": ["region_name"],
    "old_la_code": ["old_la_code"],
    "new_la_code": ["new_la_code"],
    "la_name": ["la_name"],
}


def read_neet_file(path: Path) -> pd.DataFrame:
    """One NCCIS NEET / participation file, without its demo placeholder rows."""
    frame = read_csv(path)
    resolve_columns(frame, path, NEET_GEOGRAPHY_COLUMNS)  # stops the build if a code is missing
    names = frame["la_name"].where(frame["la_name"].str.strip() != "", frame["region_name"])
    return frame[~names.map(name_key).isin(_NEET_PLACEHOLDERS)].reset_index(drop=True)


def _neet_places(frames: Sequence[tuple[Path, pd.DataFrame]]) -> pd.DataFrame:
    parts = []
    for path, frame in frames:
        part = resolve_columns(frame, path, NEET_GEOGRAPHY_COLUMNS).apply(_blank_to_na)
        part["la_number"] = as_la_numbers(part["old_la_code"], path, "old_la_code")
        level = part["geographic_level"].str.lower().map(_GEOGRAPHIC_LEVELS)
        for kind, needed in (("la", "new_la_code"), ("region", "region_code")):
            missing = (level == kind) & part[needed].isna()
            if missing.any():
                raise SourceError(path.name, f"{int(missing.sum())} row(s) without a code",
                                  column=needed,
                                  rows=[f"row {i + 2}" for i in part.index[missing][:5]])
        parts.append(part.assign(level=level))
    return pd.concat(parts, ignore_index=True).sort_values("time_period", kind="stable")


def _read_code_list(path: Path) -> pd.DataFrame:
    frame = resolve_columns(read_excel(path), path, {
        "la_number": ["LA Number", "LA_Number", "la_code"],
        "la_name": ["LA Name", "LA_Name", "la_name"],
        "region_name": ["Region", "region_name", "GOReg"],
    }).apply(_blank_to_na)
    frame["la_number"] = as_la_numbers(frame["la_number"], path, "LA Number")
    # Rows without a region ("NA", as R writes missing) are England, regions and London's
    # inner/outer aggregates.
    frame["region_name"] = frame["region_name"].replace("NA", pd.NA)
    return frame[frame["la_number"].notna() & frame["region_name"].notna()]


def read_geography(paths: Sequence[Path]) -> Geography:
    """The LA geography from NCCIS NEET CSVs and the LAIT LA code list (xlsx), in any order."""
    neet = _neet_places([(p, read_neet_file(p)) for p in paths if p.suffix.lower() == ".csv"])
    code_lists = [_read_code_list(p) for p in paths if p.suffix.lower() in (".xlsx", ".xls")]
    listed = pd.concat(code_lists, ignore_index=True) if code_lists else pd.DataFrame(
        {"la_number": pd.Series(dtype="Int64"), "la_name": pd.Series(dtype="string"),
         "region_name": pd.Series(dtype="string")})
    neet_las = neet[neet["level"] == "la"].drop_duplicates("la_number", keep="last")
    codes = pd.DataFrame({"la_number": pd.concat([listed["la_number"], neet_las["la_number"]])})
    codes = codes.drop_duplicates().sort_values("la_number").reset_index(drop=True)
    by_number = neet_las.set_index("la_number")
    listed_by_number = listed.drop_duplicates("la_number").set_index("la_number")
    # DfE's list splits London into inner and outer; ONS regions do not.
    listed_region = listed_by_number["region_name"].str.replace(
        r"^(Inner|Outer) London$|^London \((Inner|Outer)\)$", "London", regex=True)
    def lookup(values: pd.Series) -> pd.Series:
        return codes["la_number"].map(values).astype("string")

    codes["ons_code"] = lookup(by_number["new_la_code"])
    codes["la_name"] = lookup(listed_by_number["la_name"]).fillna(lookup(by_number["la_name"]))
    codes["region_name"] = lookup(by_number["region_name"]).fillna(lookup(listed_region))

    current: dict[str, int] = {}
    abolished: dict[str, int] = {}
    for name, number in zip(listed["la_name"], listed["la_number"], strict=True):
        target = abolished if _PRE_REORGANISATION.search(name) else current
        target[name_key(name)] = int(number)
    every_la_code = neet[neet["level"] == "la"].dropna(subset=["new_la_code"])
    for name, number in zip(every_la_code["la_name"], every_la_code["la_number"], strict=True):
        current.setdefault(name_key(name), int(number))
    regions = neet.dropna(subset=["region_code", "region_name"])
    england = neet.dropna(subset=["country_code", "country_name"])
    if england.empty:
        raise SourceError(", ".join(p.name for p in paths), "no country code for England",
                          column="country_code")
    return Geography(
        codes=codes[["la_number", "ons_code", "la_name", "region_name"]],
        la_by_ons_code=dict(zip(every_la_code["new_la_code"],
                                every_la_code["la_number"].astype(int), strict=True)),
        region_codes=dict(zip(regions["region_name"].map(name_key), regions["region_code"],
                              strict=True)),
        england_code=str(england["country_code"].iloc[-1]),
        england_name=str(england["country_name"].iloc[-1]),
        current_names=current,
        abolished_names=abolished,
    )


def load_la_codes(paths: list[Path]) -> pd.DataFrame:
    """DfE LA number -> ONS code (latest NCCIS file wins), name (LAIT code list) and region."""
    return read_geography(paths).codes


# --- LAIT indicators -------------------------------------------------------------------------

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
# Measures whose note says what the rate counts.
_RATE_NOTES = {
    "suspension_rate": "Suspensions per 100 pupils",
    "permanent_exclusion_rate": "Permanent exclusions per 100 pupils",
}

LAIT_COLUMNS = {
    "short_desc": ["Short Desc"],
    "data_item": ["Data item"],
    "year": ["Years"],
    "area_name": ["LA and Regions"],
    "value": ["Values"],
    "la_number": ["LA Number"],
}


def rate_notes(measure_ids: pd.Series) -> pd.Series:
    """"Suspensions per 100 pupils" and the like for rate measures, else <NA>."""
    return measure_ids.map(_RATE_NOTES).astype("string")


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
    periods[calendar] = labels[calendar].str.replace(_STATUS, "", regex=True).str.strip()
    periods[~calendar] = academic_years(labels[~calendar], path, "Years")
    return periods


def load_lait(paths: list[Path]) -> pd.DataFrame:
    """LAIT series that feed a dashboard measure, for every LA, region and England."""
    table_path, dictionary, *geography_paths = paths
    geography = read_geography(geography_paths)
    table = _read_lait_table(table_path)
    table["indicator_name"] = _indicator_names(dictionary, table)
    table["la_number"] = as_la_numbers(table["la_number"].astype("string"), table_path,
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


# --- statistical neighbours ------------------------------------------------------------------

def _header_key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def read_any_table(path: Path, **kwargs: object) -> pd.DataFrame:
    """A CSV or the first sheet of an Excel workbook, as text."""
    if path.suffix.lower() in (".xlsx", ".xls"):
        return read_excel(path, **kwargs)
    return read_csv(path, **kwargs)


def _neighbour_rows(path: Path) -> pd.DataFrame:
    raw = read_any_table(path, header=None)
    keys = raw.map(_header_key)
    header_rows = keys.index[(keys == "sn1").any(axis=1)]
    if header_rows.empty:
        raise SourceError(path.name, "no header row with columns SN1..SN10", column="SN1")
    header = keys.loc[header_rows[0]].tolist()
    body = raw.loc[header_rows[0] + 1:].reset_index(drop=True)
    if "lanum" not in header:
        raise SourceError(path.name, "required column missing", column="LA_num")
    la_numbers = as_la_numbers(body.iloc[:, header.index("lanum")], path, "LA_num")
    listed = la_numbers.notna()  # below the table: blank rows and headings such as "Old SNs:"
    year = re.search(r"(20\d{2})", path.name)
    if not year:
        raise SourceError(path.name, "the file name does not say the year of the neighbour list")
    parts = []
    for rank in range(1, 11):
        if f"sn{rank}" not in header:
            raise SourceError(path.name, "required column missing", column=f"SN{rank}")
        at = header.index(f"sn{rank}")
        # Each SNk column is followed by its closeness (SNP_k in the CSV, SNP in the workbook).
        closeness = body.iloc[:, at + 1].astype("string").str.strip().str.capitalize()
        parts.append(pd.DataFrame({
            "list_year": year.group(1),
            "la_number": la_numbers[listed],
            "neighbour_la_number": as_la_numbers(body.iloc[:, at], path, f"SN{rank}")[listed],
            "rank": rank,
            "closeness": closeness[listed].replace("", pd.NA),
        }))
    return pd.concat(parts, ignore_index=True)


def load_neighbours(paths: list[Path]) -> pd.DataFrame:
    """DfE children's services statistical neighbours: ten per LA, nearest first, per list year."""
    frame = pd.concat([_neighbour_rows(p) for p in paths], ignore_index=True)
    frame = frame.dropna(subset=["neighbour_la_number"]).astype({
        "list_year": "string", "rank": "Int64", "closeness": "string"})
    return frame.sort_values(["list_year", "la_number", "rank"]).reset_index(drop=True)


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
    Source(
        id="la_codes",
        title="DfE LA numbers, ONS codes, names and regions",
        publisher="Department for Education",
        paths=GEOGRAPHY_FILES,
        data_date="2025",
        table="la_codes",
        load=load_la_codes,
        covers=("Every English LA in the NCCIS NEET files 2021-2025 and the LAIT code list, "
                "including LAs abolished since 2019 (for older series)."),
        lacks=("No ONS code for City of London, Isles of Scilly and the pre-2019 Dorset, Poole "
               "and Bournemouth (not in the NEET files)."),
        official_url=LAIT_URL,
        rehost_note=("NCCIS NEET dashboard CSVs (old_la_code, new_la_code, la_name, "
                     "region_name) and LAIT's la_code_list.xlsx, unchanged."),
    ),
    Source(
        id="statistical_neighbours",
        title="DfE children's services statistical neighbours (2021 and 2025 models)",
        publisher="Department for Education",
        paths=(f"{LAIT_FOLDER}/statistical_neighbours_may2025.csv",
               f"{LAIT_FOLDER}/statistical_neighbours_april2021.csv"),
        data_date="May 2025",
        table="neighbours",
        load=load_neighbours,
        covers="Ten statistical neighbours of every English LA, with closeness, May 2025 and "
               "April 2021 models.",
        lacks="Older neighbour models.",
        official_url=LAIT_URL,
        rehost_note=("Tidy CSV copies of DfE's sn_may_2025.xlsx / sn_april_2021.xlsx (header "
                     "row only, SNP columns numbered SNP_1..SNP_10); the workbooks load too."),
    ),
]
