"""Exclusions by LA and phase 2006/07 to 2016/17."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import exclusions
from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_ees import checked, write
from tests.unit.dashboard.build.adapters.test_la_indicators import one

EXCLUSIONS_HEADER = ('"year","level","la_name","school_type","num_schools","headcount",'
                     '"perm_excl","perm_excl_rate","fixed_excl","fixed_excl_rate",'
                     '"one_plus_fixed","one_or_more_fixed_excl_rate"')


def test_exclusions_map_phases_rates_and_names(tmp_path: Path,
                                               geography_files: list[Path]) -> None:
    path = write(tmp_path / "exclusions.csv", [
        EXCLUSIONS_HEADER,
        '"201617","National","England","Total","21319","8025075","7720","0.1","381865",'
        '"4.76","183475","2.29"',
        '"201617","Region","West Midlands","Total","2200","900000","900","0.1","40000",'
        '"4.44","20000","2.22"',
        '"201617","Region","Inner London","Total","800","300000","300","0.1","9000","3",'
        '"5000","1.67"',
        '"201617","Local authority","Staffordshire","Total","390","121006","196","0.16",'
        '"5534","4.57","2827","2.34"',
        '"201617","Local authority","Staffordshire","Special","23","2339","x","x","111",'
        '"4.75","63","2.69"',
        '"201617","Local authority","Dorset","Total","190","60000","30","0.05","2000","3.33",'
        '"900","1.5"',
        '"201617","Local authority","Poole","Total","50","20000","10","0.05","700","3.5",'
        '"300","1.5"',
        '"200809","Local authority","Bedford","Total","32","0","29",".","787",".","478","."',
        '"200607","Local authority","NULL","Total","1","0","20",".","0",".","0","."',
    ])
    frame = checked(exclusions.load_exclusions([path, *geography_files]))
    staffs = frame[frame["la_number"] == 860]
    perm = one(staffs, measure_id="permanent_exclusion_rate", population="all")
    assert perm["value"] == 0.16 and perm["numerator"] == 196 and perm["denominator"] == 121006
    assert perm["period"] == "2016/17" and perm["unit"] == "rate"
    assert perm["note"] == "Permanent exclusions per 100 pupils"
    special = one(staffs, measure_id="permanent_exclusion_rate", population="special")
    assert pd.isna(special["value"]) and special["suppression"] == "x"
    assert one(staffs, measure_id="pct_pupils_one_or_more_suspensions",
               population="all")["unit"] == "percent"
    assert set(frame.loc[frame["area_name"] == "Dorset", "la_number"]) == {835}  # pre-2019
    bedford = one(frame, area_name="Bedford", measure_id="suspension_rate")
    assert bedford["suppression"] == "x" and bedford["numerator"] == 787  # '.': no pupils
    assert not frame["area_name"].isin(["Inner London", "NULL"]).any()


def test_exclusions_unknown_school_type_stops_the_build(tmp_path: Path,
                                                         geography_files: list[Path]) -> None:
    path = write(tmp_path / "exclusions.csv", [
        EXCLUSIONS_HEADER,
        '"201617","National","England","Nursery","1","1","0","0","0","0","0","0"'])
    with pytest.raises(SourceError, match="school_type"):
        exclusions.load_exclusions([path, *geography_files])
