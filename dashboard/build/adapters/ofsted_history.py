"""A third-party scrape of Ofsted report pages (c. 2020) -> `inspections`.

Every graded inspection from 2005 to February 2020 of the schools open in 2017/18: URN, the
rating word as published (Satisfactory included) and the inspection date. Repeated rows are
reduced to one inspection each.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.inspections import (
    HISTORY_ID,
    LABEL_GRADES,
    as_inspections,
    empty_inspections,
    overall_labels,
)
from dashboard.build.sources import Source, as_urn, parse_dates, read_csv, resolve_columns
from dashboard.errors import SourceError


def load_scraped_history(paths: list[Path]) -> pd.DataFrame:
    """Third-party scrape of Ofsted report pages: URN, Rating (word), Inspection Date YYYYMMDD."""
    parts = []
    for path in paths:
        frame = resolve_columns(read_csv(path), path, {
            "urn": ["URN"], "rating": ["Rating"], "date": ["Inspection Date"]})
        urns = as_urn(frame["urn"], path)
        dates = parse_dates(frame["date"], path, "Inspection Date", formats=["%Y%m%d"])
        words = frame["rating"].astype("string").str.strip()
        grades = words.str.lower().map(LABEL_GRADES).astype("Int64")
        unknown = grades.isna() & words.ne("")
        if unknown.any():
            raise SourceError(path.name, "unknown rating word(s)", column="Rating", rows=[
                f"URN {urns[i]}: {words[i]!r}" for i in words.index[unknown][:5]])
        # Keep the publisher's word ("Satisfactory" included), in the schema's capitalisation.
        labels = words.str.capitalize().mask(words == "")
        parts.append(as_inspections({
            "urn": urns, "inspection_date": dates, "framework": "graded",
            "overall_grade": grades, "overall_label": labels}, HISTORY_ID))
    history = pd.concat(parts, ignore_index=True) if parts else empty_inspections()
    # The scrape repeats a few inspections; where the two copies disagree, keep the word in use
    # on that date (Satisfactory before September 2012, Requires improvement after).
    era_word = overall_labels(history["overall_grade"], history["inspection_date"])
    history["_era_word"] = (history["overall_label"] == era_word).fillna(False)
    return (history.sort_values(["urn", "inspection_date", "_era_word"],
                                ascending=[True, True, False], kind="stable")
            .drop_duplicates(["urn", "inspection_date", "framework"])
            .drop(columns="_era_word").reset_index(drop=True))


SOURCES: list[Source] = [
    Source(
        id=HISTORY_ID,
        title="Ofsted graded inspection history 2005-2020 (scraped report pages)",
        publisher="Ofsted (third-party scrape)",
        paths=("waiky8_schools_data/ofsted_inspection_history_scraped_2020.csv",),
        data_date="2005/06 to 2019/20",
        table="inspections",
        load=load_scraped_history,
        covers="Overall effectiveness of every graded inspection from 2005 to February 2020 for "
               "schools open in 2017/18, with the rating word as published (incl. "
               "Satisfactory).",
        lacks="Sub-judgements, ungraded inspections, inspections under predecessor URNs, and "
              "anything after February 2020.",
        official_url="https://reports.ofsted.gov.uk/",
        rehost_note="waiky8/schools-data general/data/ofsted_ratings_2018.csv: URN, Rating, "
                    "Inspection Date (YYYYMMDD); 2 exact duplicate rows and one conflicting "
                    "duplicate are reduced to one inspection each.",
    ),
]
