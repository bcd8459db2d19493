"""Pandera schemas for every tidy table in the processed store.

These are the contract between adapters (which produce the tables), the measures code and the
app. `validate(table_name, frame, source)` turns pandera's failure report into one SourceError
naming the file or table, the column and example rows.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from dashboard.errors import SourceError

PHASES = ["nursery", "primary", "middle", "secondary", "all_through", "post16", "not_applicable"]
POPULATIONS = ["mainstream", "special", "ap", "nursery", "independent", "other"]
MEASURE_POPULATIONS = ["all", "mainstream", "primary", "secondary", "special", "ap", "nursery"]
PUPIL_GROUPS = [
    "all",
    "disadvantaged",
    "not_disadvantaged",
    "fsm",
    "not_fsm",
    "sen_ehcp",
    "sen_support",
    "sen_any",
    "no_sen",
    "boys",
    "girls",
    "eal",
    "not_eal",
]
FRAMEWORKS = ["graded", "ungraded", "report_card"]
OVERALL_LABELS = ["Outstanding", "Good", "Satisfactory", "Requires improvement", "Inadequate"]
# Ofsted report cards (from November 2025): five-point scale per evaluation area, kept as words.
REPORT_CARD_GRADES = ["exceptional", "strong", "expected", "needs_attention", "urgent_improvement"]
REPORT_CARD_AREAS = [
    "rc_inclusion",
    "rc_curriculum_and_teaching",
    "rc_achievement",
    "rc_attendance_and_behaviour",
    "rc_personal_development",
    "rc_early_years",
    "rc_post16",
    "rc_leadership",
]
SUB_JUDGEMENTS = [
    "quality_of_education",
    "behaviour_and_attitudes",
    "personal_development",
    "leadership_and_management",
    "early_years",
    "sixth_form",
]
AREA_TYPES = ["school", "district", "county", "region", "england", "la"]
STATUSES = ["official", "computed", "estimated", "published"]
UNITS = ["percent", "count", "score", "rate", "pupils", "days"]
SUPPRESSION = ["c", "x", "z", "u", "low", "supp", "ne", "np"]
ACADEMIC_YEAR = r"^\d{4}/\d{2}$"

_grade = pa.Column("Int64", pa.Check.isin([1, 2, 3, 4]), nullable=True)
_text = pa.Column("string", nullable=True)
_suppression = pa.Column("string", pa.Check.isin(SUPPRESSION), nullable=True)
_date = pa.Column("datetime64[us]", nullable=True)
_urn = pa.Column("Int64", pa.Check.gt(0))

SCHOOL_RECORDS = pa.DataFrameSchema(
    {
        # One row per school per source that describes it; build_schools merges them.
        "urn": _urn,
        "name": _text,  # the census lists schools by URN only
        "phase": pa.Column("string", pa.Check.isin(PHASES), nullable=True),
        "school_type": _text,
        "population": pa.Column("string", pa.Check.isin(POPULATIONS), nullable=True),
        "is_open": pa.Column("boolean", nullable=True),
        "open_date": _date,
        "close_date": _date,
        "street": _text,
        "town": _text,
        "postcode": _text,
        "la_number": pa.Column("Int64", nullable=True),
        "lat": pa.Column("float64", pa.Check.in_range(49.0, 61.0), nullable=True),
        "lon": pa.Column("float64", pa.Check.in_range(-9.0, 2.5), nullable=True),
        "age_low": pa.Column("Int64", pa.Check.in_range(0, 25), nullable=True),
        "age_high": pa.Column("Int64", pa.Check.in_range(0, 25), nullable=True),
        "pupils": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "source_id": pa.Column("string"),
    },
    unique=["urn", "source_id"],
    strict=True,
    coerce=True,
)

SCHOOLS = pa.DataFrameSchema(
    {
        **{k: v for k, v in SCHOOL_RECORDS.columns.items() if k != "source_id"},
        "name": pa.Column("string"),  # every school in the store has a name from some source
        "easting": pa.Column("float64", pa.Check.in_range(0, 700_000), nullable=True),
        "northing": pa.Column("float64", pa.Check.in_range(0, 1_300_000), nullable=True),
        "district_code": _text,
        "district_name": _text,
        "ward_code": _text,
        "ward_name": _text,
        "predecessor_urns": pa.Column("string"),  # ";"-separated, "" when none
        "successor_urns": pa.Column("string"),
        "lineage_urn": pa.Column("Int64", pa.Check.gt(0)),  # latest school in its URN chain
        "source_ids": pa.Column("string"),
    },
    unique=["urn"],
    strict=True,
    coerce=True,
)

SCHOOL_LINKS = pa.DataFrameSchema(
    {
        "urn": _urn,
        "linked_urn": _urn,
        "link_type": pa.Column("string", pa.Check.isin(["predecessor", "successor"])),
        "link_reason": _text,
        "link_date": _date,
        "source_id": pa.Column("string"),
    },
    unique=["urn", "linked_urn", "link_type"],
    strict=True,
    coerce=True,
)

INSPECTIONS = pa.DataFrameSchema(
    {
        "urn": _urn,
        "inspection_date": pa.Column("datetime64[us]"),
        "framework": pa.Column("string", pa.Check.isin(FRAMEWORKS)),
        "overall_grade": _grade,
        "overall_label": pa.Column("string", pa.Check.isin(OVERALL_LABELS), nullable=True),
        **{name: _grade for name in SUB_JUDGEMENTS},
        "safeguarding_effective": pa.Column("boolean", nullable=True),
        "category_of_concern": _text,
        "ungraded_outcome": _text,
        **{
            name: pa.Column("string", pa.Check.isin(REPORT_CARD_GRADES), nullable=True)
            for name in REPORT_CARD_AREAS
        },
        "rc_safeguarding_met": pa.Column("boolean", nullable=True),
        "source_id": pa.Column("string"),
    },
    checks=[
        pa.Check(
            lambda df: df["overall_grade"].isna() | (df["framework"] == "graded"),
            error="only graded inspections carry an overall grade",
        ),
    ],
    unique=["urn", "inspection_date", "framework"],
    strict=True,
    coerce=True,
)

SCHOOL_RESULTS = pa.DataFrameSchema(
    {
        "urn": _urn,
        "period": pa.Column("string", pa.Check.str_matches(ACADEMIC_YEAR)),
        "measure_id": pa.Column("string", pa.Check.str_matches(r"^ks[24]_[a-z0-9_]+$")),
        "pupil_group": pa.Column("string", pa.Check.isin(PUPIL_GROUPS)),
        # Percentages, progress (about -30 to 30), Attainment 8 (0-90), scaled scores (80-120).
        "value": pa.Column("float64", pa.Check.in_range(-100, 120), nullable=True),
        "suppression": _suppression,
        "cohort": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "source_id": pa.Column("string"),
    },
    checks=[
        pa.Check(
            lambda df: df["value"].notna() | df["suppression"].notna(),
            error="a missing value must carry a suppression code",
        )
    ],
    unique=["urn", "period", "measure_id", "pupil_group"],
    strict=True,
    coerce=True,
)

_pct = pa.Column("float64", pa.Check.in_range(0, 100), nullable=True)
SCHOOL_CONTEXT = pa.DataFrameSchema(
    {
        "urn": _urn,
        "period": pa.Column("string", pa.Check.str_matches(ACADEMIC_YEAR)),
        "pupils": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "pct_girls": _pct,
        "pct_fsm_current": _pct,
        "pct_fsm_ever6": _pct,
        "pct_eal": _pct,
        "pct_sen_ehcp": _pct,
        "pct_sen_support": _pct,
        "pct_overall_absence": _pct,
        "pct_persistent_absence": _pct,
        "source_id": pa.Column("string"),
    },
    unique=["urn", "period"],
    strict=True,
    coerce=True,
)

LA_INDICATORS = pa.DataFrameSchema(
    {
        "source_id": pa.Column("string"),
        "indicator_id": pa.Column("string"),  # the publisher's own code, e.g. LAIT Short Desc
        "indicator_name": pa.Column("string"),
        "measure_id": _text,  # the dashboard measure this series feeds, if any
        "population": pa.Column("string", pa.Check.isin(MEASURE_POPULATIONS)),
        "pupil_group": pa.Column("string", pa.Check.isin(PUPIL_GROUPS)),
        "area_type": pa.Column("string", pa.Check.isin(["la", "region", "england"])),
        "area_code": _text,  # ONS code where known
        "la_number": pa.Column("Int64", nullable=True),
        "area_name": pa.Column("string"),
        "period": pa.Column("string"),  # normalised: "2023/24", "2025", or ISO date "2023-08-31"
        "period_label": pa.Column("string"),  # as published
        "value": pa.Column("float64", nullable=True),
        "suppression": _suppression,
        "numerator": pa.Column("float64", nullable=True),
        "denominator": pa.Column("float64", nullable=True),
        "unit": pa.Column("string", pa.Check.isin(UNITS)),
        "note": _text,
    },
    checks=[
        pa.Check(
            lambda df: df["value"].notna() | df["suppression"].notna(),
            error="a missing value must carry a suppression code",
        )
    ],
    unique=[
        "source_id",
        "indicator_id",
        "population",
        "pupil_group",
        "area_type",
        "area_name",
        "period",
    ],
    strict=True,
    coerce=True,
)

LA_CODES = pa.DataFrameSchema(
    {
        "la_number": pa.Column("Int64", pa.Check.gt(0), unique=True),
        "ons_code": pa.Column("string", pa.Check.str_matches(r"^E\d{8}$"), nullable=True),
        "la_name": pa.Column("string"),
        "region_name": _text,
    },
    strict=True,
    coerce=True,
)

NEIGHBOURS = pa.DataFrameSchema(
    {
        "list_year": pa.Column("string"),
        "la_number": pa.Column("Int64"),
        "neighbour_la_number": pa.Column("Int64"),
        "rank": pa.Column("Int64", pa.Check.in_range(1, 10)),
        "closeness": _text,
    },
    unique=["list_year", "la_number", "rank"],
    strict=True,
    coerce=True,
)

POSTCODES = pa.DataFrameSchema(
    {
        "postcode": pa.Column("string", unique=True),  # normalised: upper case, one space
        "easting": pa.Column("float64", pa.Check.in_range(0, 700_000)),
        "northing": pa.Column("float64", pa.Check.in_range(0, 1_300_000)),
        "district_code": _text,
        "ward_code": _text,
    },
    strict=True,
    coerce=True,
)

AREA_NAMES = pa.DataFrameSchema(
    {
        "area_type": pa.Column("string", pa.Check.isin(["district", "ward"])),
        "code": pa.Column("string", unique=True),
        "name": pa.Column("string"),
    },
    strict=True,
    coerce=True,
)

MEASURES = pa.DataFrameSchema(
    {
        "measure_id": pa.Column("string"),
        "area_type": pa.Column("string", pa.Check.isin(AREA_TYPES)),
        "area_code": pa.Column("string"),
        "area_name": pa.Column("string"),
        "population": pa.Column("string", pa.Check.isin(MEASURE_POPULATIONS)),
        "pupil_group": pa.Column("string", pa.Check.isin(PUPIL_GROUPS)),
        "period": pa.Column("string"),
        "value": pa.Column("float64", nullable=True),
        "numerator": pa.Column("float64", nullable=True),
        "denominator": pa.Column("float64", nullable=True),
        "unit": pa.Column("string", pa.Check.isin(UNITS)),
        "source_id": pa.Column("string"),
        "status": pa.Column("string", pa.Check.isin(STATUSES)),
        "note": pa.Column("string", nullable=True),
    },
    checks=[
        # A value that is not there says why: its note starts with the suppression code, "[c] ...".
        pa.Check(
            lambda df: df["value"].notna() | df["note"].fillna("").str.match(r"^\[[a-z]+\]"),
            error="a missing value must say why in its note ('[c] ...')",
        ),
    ],
    unique=[
        "measure_id",
        "area_type",
        "area_code",
        "population",
        "pupil_group",
        "period",
        "status",
    ],
    strict=True,
    coerce=True,
)

TABLES: dict[str, pa.DataFrameSchema] = {
    "school_records": SCHOOL_RECORDS,
    "schools": SCHOOLS,
    "school_links": SCHOOL_LINKS,
    "inspections": INSPECTIONS,
    "ks2_results": SCHOOL_RESULTS,
    "ks4_results": SCHOOL_RESULTS,
    "school_context": SCHOOL_CONTEXT,
    "la_indicators": LA_INDICATORS,
    "la_codes": LA_CODES,
    "neighbours": NEIGHBOURS,
    "postcodes": POSTCODES,
    "area_names": AREA_NAMES,
    "measures": MEASURES,
}


def validate(
    table: str, frame: pd.DataFrame, source: str, *, label: str = "Source file"
) -> pd.DataFrame:
    """Validate `frame` against the schema of `table`; one clear SourceError on failure."""
    schema = TABLES[table]
    try:
        return schema.validate(frame, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        column = first.get("column") if isinstance(first.get("column"), str) else None
        same = cases[cases["column"] == first["column"]] if column else cases.head(5)
        rows = []
        for _, case in same.head(5).iterrows():
            index = case.get("index")
            detail = f"value {case['failure_case']!r}"
            if index is not None and not pd.isna(index) and int(index) in frame.index:
                urn = frame.loc[int(index)].get("urn") if "urn" in frame.columns else None
                detail = f"row {int(index)}{f' (URN {urn})' if urn is not None else ''}: {detail}"
            rows.append(detail)
        raise SourceError(
            source,
            f"failed check {first['check']!r} for table '{table}' ({len(cases)} failure(s) in all)",
            column=column,
            rows=rows,
            label=label,
        ) from None
    except SchemaError as exc:  # raised for whole-frame problems even with lazy=True
        raise SourceError(source, f"does not fit table '{table}': {exc}", label=label) from None


GEO_TABLES = {
    "district_boundaries": "districts.geojson",
    "county_boundary": "county.geojson",
    "ward_boundaries": "wards.geojson",
}

MANIFEST = "manifest.json"


def empty_table(table: str) -> pd.DataFrame:
    """A frame with no rows and the columns and dtypes of `table`."""
    return pd.DataFrame({name: pd.Series(dtype=str(column.dtype))
                         for name, column in TABLES[table].columns.items()})
