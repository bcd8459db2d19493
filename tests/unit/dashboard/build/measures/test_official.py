"""Official measures from la_indicators rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.build.measures.official import official_measures
from dashboard.tables import validate
from tests.unit.dashboard.build.measures.test_rows import AREA, pick


def la_indicator(**fields: object) -> dict:
    return {
        "source_id": "lait",
        "indicator_id": "KS2RWM",
        "indicator_name": "KS2 RWM",
        "measure_id": "ks2_rwm_expected_pct",
        "population": "all",
        "pupil_group": "all",
        "area_type": "la",
        "area_code": pd.NA,
        "la_number": np.nan,
        "area_name": "x",
        "period": "2022/23",
        "period_label": "2023",
        "value": 60.0,
        "suppression": pd.NA,
        "numerator": np.nan,
        "denominator": np.nan,
        "unit": "percent",
        "note": pd.NA,
        **fields,
    }


def test_official_measures_name_the_county_england_and_suppression() -> None:
    la_codes = pd.DataFrame(
        {
            "la_number": [860, 330],
            "ons_code": ["E10000028", "E08000025"],
            "la_name": ["Staffordshire", "Birmingham"],
            "region_name": ["West Midlands"] * 2,
        }
    )
    indicators = pd.DataFrame(
        [
            la_indicator(la_number=860, area_name="Staffordshire", value=61.0),
            la_indicator(la_number=860, area_name="Staffordshire", value=99.0, source_id="other"),
            la_indicator(area_type="england", area_name="ENGLAND", value=60.0),
            la_indicator(area_name="Birmingham", value=np.nan, suppression="c"),
            la_indicator(area_name="Old council (pre-2009)", value=50.0),
            la_indicator(area_name="Birmingham", measure_id=pd.NA, indicator_id="UNUSED"),
        ]
    )
    indicators = validate("la_indicators", indicators, "test")
    result = official_measures(indicators, la_codes, AREA)
    county = pick(result, area_type="county")
    assert list(county["value"]) == [61.0]  # LAIT preferred over another source
    assert county.iloc[0]["area_code"] == AREA.ons_code and county.iloc[0]["status"] == "official"
    england = pick(result, area_type="england").iloc[0]
    assert (england["area_code"], england["area_name"]) == ("E92000001", "England")
    birmingham = pick(result, area_code="E08000025").iloc[0]
    assert pd.isna(birmingham["value"]) and birmingham["note"].startswith("[c] ")
    assert len(result) == 3  # the council without an ONS code and the unmapped series are out
