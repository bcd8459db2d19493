"""The SEND / AP inclusion dashboard's figures by SEN status -> `la_indicators`.

Key stage 2 reading, writing and maths, key stage 4 Attainment 8 and Progress 8, overall
absence and the early years good level of development, each by SEN status (any SEN, EHC plan,
SEN support, none), and the shares of pupils with an EHC plan or SEN support. Most come as an
LA file and an England-and-regions companion, combined so each area appears once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.ees import (
    EES,
    SEND_REHOST,
    ValueColumn,
    area_columns,
    ees_frame,
    finish,
    melt,
    own_files_and_geography,
    send_file,
)
from dashboard.build.adapters.la_geography import GEOGRAPHY_FILES, Geography
from dashboard.build.adapters.la_indicators import SeriesMap
from dashboard.build.sources import Source, read_csv, resolve_columns
from dashboard.errors import SourceError

# Pupil groups by the SEN wording of the files (lower case).
_SEN_GROUPS = {
    "all sen": "sen_any",
    "any sen": "sen_any",
    "sen": "sen_any",
    "ehc plan": "sen_ehcp",
    "ehcp": "sen_ehcp",
    "ehcp or statement": "sen_ehcp",
    "statement or ehc plan": "sen_ehcp",
    "sen support": "sen_support",
    "no sen": "no_sen",
    "no identified sen": "no_sen",
    "total": "all",
    "all pupils": "all",
}
_UNGROUPED = frozenset({"unclassified", "sen unclassified"})  # not a dashboard pupil group


def _sen_groups(raw: pd.Series, path: Path, column: str) -> pd.Series:
    """Pupil group for each row's SEN status; <NA> for 'Unclassified'; others stop the build."""
    lowered = raw.astype("string").str.strip().str.lower()
    groups = lowered.map(_SEN_GROUPS).astype("string")
    bad = groups.isna() & ~lowered.isin(_UNGROUPED)
    if bad.any():
        raise SourceError(
            path.name,
            "unknown SEN status",
            column=column,
            rows=[repr(v) for v in raw[bad].unique()[:5]],
        )
    return groups


def _combine(parts: Sequence[pd.DataFrame], source_id: str) -> pd.DataFrame:
    """Rows of an LA file and its England-and-regions companion: areas in both appear once.

    The companion only adds areas missing from the LA file (London); a figure the two files
    give differently stops the build.
    """
    rows = pd.concat(parts, ignore_index=True)
    key = ["indicator_id", "population", "pupil_group", "area_type", "area_name", "period"]
    repeated = rows[rows.duplicated(key, keep=False)]
    differing = repeated.groupby(key, dropna=False)["value"].nunique(dropna=False) > 1
    if differing.any():
        raise SourceError(
            source_id,
            "the LA file and the England and regions file disagree",
            column="value",
            rows=[str(k) for k in differing[differing].index[:5]],
        )
    return rows.drop_duplicates(key).reset_index(drop=True)


def _sen_status_file(
    path: Path,
    geography: Geography,
    *,
    status: Sequence[str],
    columns: Mapping[str, ValueColumn],
    read: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows of a file with one SEN status (`status` column spellings) per row."""
    needed = {
        name: [name]
        for spec in columns.values()
        for name in (spec.numerator, spec.denominator)
        if name
    }
    frame = ees_frame(path, {"status": status, **needed, **{c: [c] for c in columns}}, read=read)
    groups = _sen_groups(frame["status"], path, status[0])
    frame = frame[groups.notna()].reset_index(drop=True)
    place = area_columns(frame, geography, path, frame["period"])
    return melt(frame, place, columns, path, pupil_groups=groups.dropna().reset_index(drop=True))


def _combined_loader(
    source_id: str, own: int, read_file: Callable[[Path, Geography], pd.DataFrame]
) -> Callable[[list[Path]], pd.DataFrame]:
    """A loader of a source's `own` files (an LA file and its England-and-regions companion, or
    one file), then the geography's: each read by `read_file`, areas in both kept once."""

    def load(paths: list[Path]) -> pd.DataFrame:
        files, geography = own_files_and_geography(paths, own)
        return finish(_combine([read_file(p, geography) for p in files], source_id), source_id)

    return load


KS2_SEN_SERIES = {
    "pt_rwm_met_expected_standard": ValueColumn(
        SeriesMap("ks2_rwm_expected_pct"),
        "Pupils meeting the expected standard in reading, writing and maths (%)",
        "t_rwm_met_expected_standard",
        "t_rwm_eligible_pupils",
    ),
}
KS4_SEN_SERIES = {
    "avg_att8": ValueColumn(
        SeriesMap("ks4_attainment8", unit="score"),
        "Average Attainment 8 score",
        denominator="t_pupils",
    ),
    "avg_p8score": ValueColumn(
        SeriesMap("ks4_progress8", unit="score"), "Average Progress 8 score", denominator="t_pupils"
    ),
}
EYFS_SEN_SERIES = {
    "gld_percentage": ValueColumn(
        SeriesMap("eyfs_gld_pct"),
        "Children with a good level of development (%)",
        "gld_number",
        "children_number",
    ),
}


# Key stage 2 reading, writing and maths expected standard by SEN status.
load_ks2_sen = _combined_loader(
    "send_ks2_sen",
    2,
    partial(_sen_status_file, status=["characteristic", "sen_status"], columns=KS2_SEN_SERIES),
)
# Key stage 4 Attainment 8 and Progress 8 by SEN status.
load_ks4_sen = _combined_loader(
    "send_ks4_sen",
    2,
    partial(
        _sen_status_file,
        status=["characteristic_sen_description", "sen_description", "SEN provision"],
        columns=KS4_SEN_SERIES,
    ),
)
# Early years foundation stage profile: good level of development by SEN status.
load_eyfs_sen = _combined_loader(
    "send_eyfs_gld_sen",
    1,
    partial(_sen_status_file, status=["characteristic_type", "characteristic"],
            columns=EYFS_SEN_SERIES),
)


_ABSENCE_OVERALL = ValueColumn(
    SeriesMap("pct_overall_absence"), "Overall absence (% of sessions missed)"
)


def _absence_file(path: Path, geography: Geography) -> pd.DataFrame:
    """Overall absence by SEN status: the dashboard's long layout ('Absence measure',
    'Percentage') or the EES wide layout (sess_overall_percent)."""
    raw = read_csv(path)
    if "sess_overall_percent" not in raw.columns:
        measure = resolve_columns(raw, path, {"measure": ["Absence measure"]})["measure"]
        raw = raw[measure.str.strip().str.lower() == "overall"].rename(
            columns={"Percentage": "sess_overall_percent"}
        )
    return _sen_status_file(
        path,
        geography,
        status=["characteristic", "sen_status"],
        columns={"sess_overall_percent": _ABSENCE_OVERALL},
        read=raw,
    )


# Overall absence of pupils by SEN status.
load_absence_sen = _combined_loader("send_absence_sen", 2, _absence_file)


# 'SEN provision' -> the measure "% of pupils who have it", and its name.
_SEN_SHARES = {
    "sen_ehcp": ("pct_pupils_sen_ehcp", "Pupils with an EHC plan"),
    "sen_support": ("pct_pupils_sen_support", "Pupils with SEN support"),
    "sen_any": ("pct_pupils_sen_any", "Pupils with any SEN"),
}


def _sen_share_file(path: Path, geography: Geography) -> pd.DataFrame:
    frame = ees_frame(
        path,
        {"provision": ["SEN provision"], "percent": ["% of pupils"]},
        optional={"total_pupils": ["total_pupils"]},
    )
    provision = _sen_groups(frame["provision"], path, "SEN provision")
    # The dashboard's mainstream-schools file says so in its name; the other covers all schools.
    population = "mainstream" if "mainstream" in path.name.lower() else "all"
    place = area_columns(frame, geography, path, frame["period"])
    parts = []
    for group, (measure_id, name) in _SEN_SHARES.items():
        chosen = (provision == group).fillna(False).to_numpy()
        spec = ValueColumn(
            SeriesMap(measure_id, population=population),
            f"{name} (% of pupils, {population} schools)",
            denominator="total_pupils" if "total_pupils" in frame else None,
        )
        part = melt(
            frame[chosen].reset_index(drop=True),
            place[chosen].reset_index(drop=True),
            {"percent": spec},
            path,
        )
        parts.append(part.assign(indicator_id=f"SEN provision: {group}"))
    return pd.concat(parts, ignore_index=True)


def load_sen_shares(paths: list[Path]) -> pd.DataFrame:
    """% of pupils with an EHC plan / SEN support, all schools and mainstream schools."""
    own, geography = own_files_and_geography(paths, 2)
    rows = pd.concat([_sen_share_file(p, geography) for p in own], ignore_index=True)
    return finish(rows, "send_pct_pupils_sen")


def _send_source(files: Sequence[str], page: str, renamed: str, **fields: object) -> Source:
    """A DfE source of the dashboard re-host: its files, then the LA geography's; `page` is its
    EES publication and `renamed` the columns the dashboard renamed."""
    return Source(
        publisher="Department for Education",
        paths=(*(send_file(name) for name in files), *GEOGRAPHY_FILES),
        table="la_indicators",
        official_url=f"{EES}/{page}",
        rehost_note=SEND_REHOST.format(renamed=renamed),
        **fields,  # type: ignore[arg-type]
    )


SOURCES: list[Source] = [
    _send_source(
        ("ks2_rwm_by_la_sen_status.csv", "ks2_rwm_by_sen_status_england_regions.csv"),
        "key-stage-2-attainment",
        "characteristic",
        id="send_ks2_sen",
        title="Key stage 2 reading, writing and maths by SEN status",
        data_date="2018/19, 2021/22, 2022/23",
        load=load_ks2_sen,
        covers="% meeting the expected standard by SEN status (any, EHC plan, SEN support, none).",
        lacks="Only three years; LAIT has the longer series.",
    ),
    _send_source(
        ("ks4_att8_p8_by_la_sen_status.csv", "ks4_att8_p8_by_sen_status_england_regions.csv"),
        "key-stage-4-performance",
        "SEN provision, time_period written as 202223.0",
        id="send_ks4_sen",
        title="Key stage 4 Attainment 8 and Progress 8 by SEN status",
        data_date="2018/19 to 2022/23",
        load=load_ks4_sen,
        covers="Attainment 8 and Progress 8 for pupils with any SEN and with no identified SEN.",
        lacks="No Progress 8 for 2019/20 and 2020/21 (COVID-19); no EHC plan / SEN support split.",
    ),
    _send_source(
        ("absence_by_la_sen_status.csv", "absence_by_sen_status_england_regions.csv"),
        "pupil-absence-in-schools-in-england",
        "long layout: 'Absence measure' and 'Percentage' for sess_overall_percent",
        id="send_absence_sen",
        title="Overall absence by SEN status",
        data_date="2016/17 to 2022/23",
        load=load_absence_sen,
        covers="Overall absence rate by SEN status (any, EHC plan, SEN support, none).",
        lacks="No persistent absence by SEN status; no 2019/20.",
    ),
    _send_source(
        ("eyfsp_gld_by_la.csv",),
        "early-years-foundation-stage-profile-results",
        "characteristic_type",
        id="send_eyfs_gld_sen",
        title="Early years foundation stage profile: good level of development by SEN status",
        data_date="2021/22",
        load=load_eyfs_sen,
        covers="% of children with a good level of development by SEN status, 2021/22.",
        lacks="One year only; children with unclassified SEN are left out.",
    ),
    _send_source(
        ("pct_pupils_ehcp_by_la.csv", "pct_pupils_in_mainstream_with_sen_by_la.csv"),
        "special-educational-needs-in-england",
        "SEN provision, % of pupils",
        id="send_pct_pupils_sen",
        title="Pupils with an EHC plan or SEN support (% of pupils)",
        data_date="2017/18 to 2022/23 (January census)",
        load=load_sen_shares,
        covers=(
            "% of pupils with an EHC plan and with SEN support in all schools, and in "
            "state-funded mainstream schools (with any SEN)."
        ),
        lacks="Context only: not a target measure.",
    ),
]
