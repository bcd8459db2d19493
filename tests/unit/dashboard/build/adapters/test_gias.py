"""School lists -> school_records, GIAS links -> school_links; phase and population words."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import gias
from dashboard.build.adapters.gias import classify_phase, classify_population, link_direction
from dashboard.errors import SourceError
from dashboard.tables import validate


def by_source(source_id: str):
    return next(source for source in gias.SOURCES if source.id == source_id)


def load(source_id: str, paths: list[Path]) -> pd.DataFrame:
    source = by_source(source_id)
    return validate(source.table, source.load(paths), "test").set_index("urn")


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8") -> Path:
    pd.DataFrame(rows).to_csv(path, index=False, encoding=encoding)
    return path


# --- vocabularies ------------------------------------------------------------------------------


@pytest.mark.parametrize(("words", "low", "high", "phase"), [
    ("Primary", 3, 11, "primary"),
    ("Primary", 9, 13, "middle"),  # Ofsted calls middle schools primary or secondary
    ("Secondary", 13, 18, "secondary"),  # high school in a three-tier area
    (None, 5, 9, "primary"),  # first school
    (None, 7, 11, "primary"),  # junior school
    ("Special", 2, 19, "all_through"),
    ("Special", 11, 19, "secondary"),
    ("PRU", 11, 16, "secondary"),
    ("Nursery", 2, 5, "nursery"),
    (None, 16, None, "post16"),  # college without a top age
    ("All-through", 4, 18, "all_through"),
    ("Middle deemed secondary", None, None, "middle"),
    ("State-funded primary", None, None, "primary"),
    ("State-funded secondary", None, None, "secondary"),
    ("16 plus", None, None, "post16"),
    ("Sixth form", None, None, "post16"),
    ("College", None, None, "post16"),
    ("Not applicable", None, None, "not_applicable"),
    ("Special", None, None, None),
    ("State-funded special school", None, None, None),
    (None, None, None, None),
])
def test_classify_phase(words: str | None, low: int | None, high: int | None,
                        phase: str | None) -> None:
    assert classify_phase(words, low, high) == phase


@pytest.mark.parametrize(("words", "population"), [
    ("Community school", "mainstream"),
    ("Academy - Converter mainstream", "mainstream"),
    ("Academy Sponsor Led", "mainstream"),
    ("Free School", "mainstream"),
    ("University Technical College", "mainstream"),
    ("City technology college", "mainstream"),
    ("State-funded primary", "mainstream"),
    ("Primary", "mainstream"),
    ("Community special school", "special"),
    ("Academy Special Converter", "special"),
    ("Non-maintained special school", "special"),
    ("State-funded special school", "special"),
    ("Pupil Referral Unit", "ap"),
    ("Pupil referral unit", "ap"),
    ("Academy Alternative Provision Sponsor Led", "ap"),
    ("Free School - Alternative Provision", "ap"),
    ("LA Nursery School", "nursery"),
    ("State-funded nursery", "nursery"),
    ("Nursery", "nursery"),
    ("Other independent school", "independent"),
    ("Other independent special school", "independent"),
    ("Independent school", "independent"),
    ("General further education college", "other"),
    ("Sixth form centre/consortia", "other"),
    ("Academy 16-19 sponsor led", "other"),
    ("Free schools 16 to 19", "other"),
    ("College", "other"),
    ("Special post 16 institution", "other"),
    ("Welsh establishment", "other"),
    ("Something new", None),
    ("", None),
    (None, None),
])
def test_classify_population(words: str | None, population: str | None) -> None:
    assert classify_population(words) == population


@pytest.mark.parametrize(("link_type", "expected"), [
    ("Successor", ("successor", None)),
    ("Predecessor", ("predecessor", None)),
    ("Predecessor - merged", ("predecessor", "merged")),
    ("Successor - Split School", ("successor", "split school")),
    ("Result of Amalgamation", ("successor", "amalgamated")),
    ("Sixth Form Centre Link", None),
    ("Merged - change in age range", None),
    ("Other", None),
])
def test_link_direction(link_type: str, expected: tuple | None) -> None:
    assert link_direction(link_type) == expected


# --- DfE spine 2017/18 -------------------------------------------------------------------------

SPINE_ROW = {
    "URN": "124034", "LA": "860", "ESTAB": "2123", "LAESTAB": "8602123",
    "SCHNAME": "Christ Church Primary School", "STREET": "Dale Street", "LOCALITY": "",
    "TOWN": "Burton-on-Trent", "POSTCODE": "de14 3te", "ICLOSE": "1", "OPENDATE": "",
    "CLOSEDATE": "", "MINORGROUP": "Maintained School", "NFTYPE": "Community school",
    "ISPRIMARY": "1", "ISSECONDARY": "0", "ISPOST16": "0", "AGEL": "3", "AGEH": "11",
}


def spine_rows() -> list[dict]:
    return [
        SPINE_ROW,
        {**SPINE_ROW, "URN": "124035", "SCHNAME": "Grange Infant School", "ICLOSE": "2",
         "CLOSEDATE": "2018-02-28 00:00:00", "AGEH": "7"},
        {**SPINE_ROW, "URN": "124157", "SCHNAME": "Wilnecote Junior School", "ICLOSE": "3",
         "AGEL": "9", "AGEH": "13"},
        {**SPINE_ROW, "URN": "145377", "SCHNAME": "Grange School", "OPENDATE":
         "2018-03-01 00:00:00", "NFTYPE": "Academy - Converter mainstream"},
        {**SPINE_ROW, "URN": "130809", "SCHNAME": "Burton College", "POSTCODE": "",
         "NFTYPE": "General further education college", "AGEL": "16", "AGEH": "99"},
        {**SPINE_ROW, "URN": "124488", "SCHNAME": "Maple Hayes Hall School",
         "NFTYPE": "Other independent special school", "AGEL": "7", "AGEH": "17"},
    ]


def test_spine_csv(tmp_path: Path) -> None:
    frame = load("spine_2017_18", [write_csv(tmp_path / "spine.csv", spine_rows())])
    assert frame.loc[124034, "postcode"] == "DE14 3TE"
    assert frame.loc[124034, "la_number"] == 860
    assert frame.loc[124034, "population"] == "mainstream"
    # ICLOSE 2 = closed (with a close date); 1 and 3 (proposed to close) were open.
    assert frame["is_open"].to_dict() == {124034: True, 124035: False, 124157: True,
                                          145377: True, 130809: True, 124488: True}
    assert frame.loc[124035, "close_date"] == pd.Timestamp("2018-02-28")
    assert frame.loc[145377, "open_date"] == pd.Timestamp("2018-03-01")
    assert frame.loc[124157, "phase"] == "middle"
    # Top age 99 means "no upper limit": not an age.
    assert pd.isna(frame.loc[130809, "age_high"])
    assert frame.loc[130809, ["phase", "population"]].tolist() == ["post16", "other"]
    assert pd.isna(frame.loc[130809, "postcode"])
    assert frame.loc[124488, "population"] == "independent"
    assert (frame["source_id"] == "spine_2017_18").all()


def test_national_spine_workbook_loads(tmp_path: Path) -> None:
    path = tmp_path / "2017-2018_england_spine.xlsx"
    pd.DataFrame(spine_rows()).to_excel(path, sheet_name="england", index=False)
    frame = load("spine_2017_18", [path])
    assert len(frame) == 6
    assert frame.loc[124035, "close_date"] == pd.Timestamp("2018-02-28")


def test_spine_with_a_missing_column_names_it(tmp_path: Path) -> None:
    rows = [{k: v for k, v in SPINE_ROW.items() if k != "NFTYPE"}]
    with pytest.raises(SourceError) as error:
        by_source("spine_2017_18").load([write_csv(tmp_path / "spine.csv", rows)])
    assert error.value.column == "NFTYPE"


def test_spine_with_bad_urn_names_rows(tmp_path: Path) -> None:
    rows = [SPINE_ROW, {**SPINE_ROW, "URN": "n/a"}]
    with pytest.raises(SourceError, match="URN"):
        by_source("spine_2017_18").load([write_csv(tmp_path / "spine.csv", rows)])


def test_unknown_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spine.txt"
    path.write_text("URN\n1\n", encoding="utf-8")
    with pytest.raises(SourceError, match="expected a"):
        by_source("spine_2017_18").load([path])


# --- GIAS ----------------------------------------------------------------------------------------


def test_gias_rehost_json(tmp_path: Path) -> None:
    path = tmp_path / "gias.json"
    path.write_text(json.dumps([
        {"urn": "123962", "name": "Hednesford Nursery School", "postcode": "WS12 1AR",
         "phase": "Nursery", "lat": 52.70787, "lng": -2.00114},
        {"urn": "124040", "name": "Samuel Allsopp Primary", "postcode": "DE142LU",
         "phase": "Primary", "lat": 52.81209, "lng": -1.63919},
        {"urn": "130809", "name": "Burton and South Derbyshire College", "postcode": "DE14 3RL",
         "phase": "College", "lat": 52.79974, "lng": -1.63115},
        {"urn": "141491", "name": "Landau Forte Sixth Form", "postcode": "B79 8AA",
         "phase": "Sixth form", "lat": 52.64058, "lng": -1.69129},
    ]), encoding="utf-8")
    frame = load("gias_open_2026_06", [path])
    assert frame["is_open"].all()
    assert frame.loc[124040, "postcode"] == "DE14 2LU"
    assert frame.loc[123962, ["phase", "population"]].tolist() == ["nursery", "nursery"]
    assert frame.loc[124040, ["phase", "population"]].tolist() == ["primary", "mainstream"]
    assert frame.loc[130809, ["phase", "population"]].tolist() == ["post16", "other"]
    assert frame.loc[141491, "population"] == "other"
    assert frame.loc[124040, "lon"] == pytest.approx(-1.63919)
    assert frame["la_number"].isna().all()


def test_gias_rehost_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "gias.json"
    path.write_text('{"urn": 1}', encoding="utf-8")
    with pytest.raises(SourceError, match="JSON list"):
        by_source("gias_open_2026_06").load([path])


def test_official_edubasealldata_windows_1252(tmp_path: Path) -> None:
    base = {
        "URN": "124034", "LA (code)": "860", "LA (name)": "Staffordshire",
        "EstablishmentName": "Christ Church Primary School",
        "TypeOfEstablishment (name)": "Community school",
        "EstablishmentStatus (name)": "Open", "OpenDate": "", "CloseDate": "",
        "PhaseOfEducation (name)": "Primary", "StatutoryLowAge": "3",
        "StatutoryHighAge": "11", "Street": "Dale Street", "Town": "Burton-on-Trent",
        "Postcode": "DE14 3TE", "NumberOfPupils": "317",
    }
    rows = [
        base,
        {**base, "URN": "124035", "EstablishmentName": "Grange Infant School – closed",
         "EstablishmentStatus (name)": "Closed", "CloseDate": "28-02-2018",
         "NumberOfPupils": ""},
        {**base, "URN": "124496", "EstablishmentName": "Horton Lodge Special School",
         "TypeOfEstablishment (name)": "Community special school",
         "PhaseOfEducation (name)": "Not applicable", "StatutoryLowAge": "2",
         "StatutoryHighAge": "11"},
        {**base, "URN": "124391", "EstablishmentName": "Paulet High School",
         "EstablishmentStatus (name)": "Open, but proposed to close",
         "PhaseOfEducation (name)": "Secondary", "StatutoryLowAge": "11",
         "StatutoryHighAge": "18", "OpenDate": "01-09-1990"},
    ]
    path = write_csv(tmp_path / "edubasealldata20260601.csv", rows, encoding="cp1252")
    frame = load("gias_open_2026_06", [path])
    assert frame["is_open"].to_dict() == {124034: True, 124035: False, 124496: True,
                                          124391: True}
    assert frame.loc[124035, "name"] == "Grange Infant School – closed"
    assert frame.loc[124035, "close_date"] == pd.Timestamp("2018-02-28")
    assert frame.loc[124391, "open_date"] == pd.Timestamp("1990-09-01")
    assert frame.loc[124034, ["la_number", "pupils"]].tolist() == [860, 317]
    assert frame.loc[124496, ["phase", "population"]].tolist() == ["primary", "special"]
    assert frame.loc[124391, "phase"] == "secondary"


# --- Ofsted school descriptions, 31 August 2023 ------------------------------------------------

OFSTED_ROW = {
    "": "9683", "Web Link": "http://www.ofsted.gov.uk/inspection-reports/find-inspection-report",
    "URN": "123962.0", "LAESTAB": "8601022.0", "School name": "Hednesford Nursery School",
    "Ofsted phase": "Nursery", "Type of education": "LA Nursery School",
    "School open date": "", "Local authority": "Staffordshire", "Postcode": "WS12 1AR",
    "Total number of pupils": "18.0", "Statutory lowest age": "2.0",
    "Statutory highest age": "5.0", "Overall effectiveness": "1",
}


def test_ofsted_school_descriptions(tmp_path: Path) -> None:
    rows = [
        OFSTED_ROW,
        {**OFSTED_ROW, "": "9700", "URN": "124513.0", "LAESTAB": "8607005.0",
         "School name": "Two Rivers High School", "Ofsted phase": "Special",
         "Type of education": "Community Special School", "School open date": "01/01/1900",
         "Total number of pupils": "", "Statutory lowest age": "11.0",
         "Statutory highest age": "19.0"},
        {**OFSTED_ROW, "": "9701", "URN": "136245.0", "LAESTAB": "8611100.0",
         "School name": "Bridge Short Stay Sch\u00e9ol", "Ofsted phase": "PRU",
         "Type of education": "Pupil Referral Unit", "School open date": "26/02/1997",
         "Statutory lowest age": "11.0", "Statutory highest age": "16.0"},
    ]
    path = write_csv(tmp_path / "ofsted.csv", rows, encoding="cp1252")
    frame = load("ofsted_schools_2023_08_31", [path])
    assert frame["is_open"].all()
    assert frame["la_number"].to_dict() == {123962: 860, 124513: 860, 136245: 861}
    assert frame.loc[123962, ["phase", "population", "pupils"]].tolist() == [
        "nursery", "nursery", 18]
    assert frame.loc[124513, ["phase", "population"]].tolist() == ["secondary", "special"]
    # 01/01/1900 is Ofsted's "not recorded".
    assert pd.isna(frame.loc[124513, "open_date"])
    assert pd.isna(frame.loc[124513, "pupils"])
    assert frame.loc[136245, "open_date"] == pd.Timestamp("1997-02-26")
    assert frame.loc[136245, ["population", "name"]].tolist() == ["ap", "Bridge Short Stay Schéol"]


def test_ofsted_file_in_utf8_loads(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ofsted.csv", [OFSTED_ROW])
    assert load("ofsted_schools_2023_08_31", [path]).loc[123962, "la_number"] == 860


# --- school census January 2019 ------------------------------------------------------------------


def test_census_school_list(tmp_path: Path) -> None:
    rows = [
        {"URN": "NAT", "LA": "", "ESTAB": "PRI", "SCHOOLTYPE": "State-funded primary",
         "NOR": "4727089"},
        {"URN": "124034", "LA": "860", "ESTAB": "2123", "SCHOOLTYPE": "State-funded primary",
         "NOR": "317"},
        {"URN": "132131", "LA": "860", "ESTAB": "1100", "SCHOOLTYPE": "Pupil referral unit",
         "NOR": "NA"},
    ]
    frame = load("census_2019_schools", [write_csv(tmp_path / "england_census.csv", rows)])
    assert list(frame.index) == [124034, 132131]
    assert frame["name"].isna().all()  # the census carries no names
    assert frame.loc[124034, ["phase", "population", "pupils", "la_number"]].tolist() == [
        "primary", "mainstream", 317, 860]
    assert frame.loc[132131, "population"] == "ap"
    assert pd.isna(frame.loc[132131, "pupils"])
    assert frame["is_open"].isna().all()


# --- GIAS links ----------------------------------------------------------------------------------

LINK_ROWS = [
    {"URN": "124157", "LinkURN": "147570", "LinkName": "Wilnecote Junior Academy",
     "LinkType": "Successor", "LinkEstablishedDate": "31-10-2019"},
    {"URN": "147570", "LinkURN": "124157", "LinkName": "Wilnecote Junior School",
     "LinkType": "Predecessor", "LinkEstablishedDate": "01-11-2019"},
    {"URN": "100012", "LinkURN": "100021", "LinkName": "Rhyl Community Primary School",
     "LinkType": "Successor - merged", "LinkEstablishedDate": ""},
    {"URN": "100013", "LinkURN": "100014", "LinkName": "Sixth form centre",
     "LinkType": "Sixth Form Centre Link", "LinkEstablishedDate": ""},
    {"URN": "100015", "LinkURN": "100016", "LinkName": "Amalgamated School",
     "LinkType": "Result of Amalgamation", "LinkEstablishedDate": "01-09-2015"},
]


def test_links(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", LINK_ROWS, encoding="cp1252")
    source = by_source("gias_links_2025_04")
    frame = validate(source.table, source.load([path]), "test")
    assert len(frame) == 4  # the sixth-form centre link is not a URN history link
    first = frame.iloc[0]
    assert (first["urn"], first["linked_urn"], first["link_type"]) == (124157, 147570,
                                                                       "successor")
    assert first["link_date"] == pd.Timestamp("2019-10-31")
    merged = frame[frame["urn"] == 100012].iloc[0]
    assert (merged["link_type"], merged["link_reason"]) == ("successor", "merged")
    assert pd.isna(merged["link_date"])
    amalgamated = frame[frame["urn"] == 100015].iloc[0]
    assert (amalgamated["link_type"], amalgamated["link_reason"]) == ("successor",
                                                                      "amalgamated")


def test_link_names_are_school_records(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", LINK_ROWS)
    frame = load("gias_link_names_2025_04", [path])
    assert frame["name"].to_dict() == {
        147570: "Wilnecote Junior Academy", 124157: "Wilnecote Junior School",
        100021: "Rhyl Community Primary School", 100016: "Amalgamated School"}
    assert frame[["phase", "population", "postcode"]].isna().all().all()


def test_links_with_bad_date_name_the_column(tmp_path: Path) -> None:
    rows = [{**LINK_ROWS[0], "LinkEstablishedDate": "soon"}]
    with pytest.raises(SourceError) as error:
        by_source("gias_links_2025_04").load([write_csv(tmp_path / "links.csv", rows)])
    assert error.value.column == "LinkEstablishedDate"


def test_sources_are_described() -> None:
    tables = {source.id: source.table for source in gias.SOURCES}
    assert tables == {
        "spine_2017_18": "school_records", "gias_open_2026_06": "school_records",
        "ofsted_schools_2023_08_31": "school_records", "census_2019_schools": "school_records",
        "gias_links_2025_04": "school_links", "gias_link_names_2025_04": "school_records"}
    for source in gias.SOURCES:
        assert source.official_url.startswith("https://")
        assert source.covers and source.lacks
