"""One adapter module per publisher format; each exposes SOURCES: the files it reads and how.

Modules whose names say what they share rather than a format (`school_records`, `inspections`,
`la_indicators`, `la_geography`, `ees`) hold the layout and helpers of a family of formats.
"""

from __future__ import annotations

from dashboard.build.sources import Source

from . import (
    boundaries,
    census,
    census_schools,
    codepoint,
    exclusions,
    gias,
    gias_links,
    ks4_characteristics,
    la_geography,
    lait,
    neet,
    neighbours,
    ofsted_history,
    ofsted_la_outcomes,
    ofsted_latest,
    ofsted_official,
    ofsted_schools,
    results,
    scorecards,
    send_sen_status,
    spine,
)

# Build order: it is the order of the manifest's sources and of the rows in each table.
MODULES = (
    codepoint,
    spine,
    gias,
    ofsted_schools,
    census_schools,
    gias_links,
    ofsted_official,
    ofsted_latest,
    ofsted_history,
    results,
    census,
    lait,
    la_geography,
    neighbours,
    neet,
    exclusions,
    ofsted_la_outcomes,
    send_sen_status,
    ks4_characteristics,
    scorecards,
    boundaries,
)


def all_sources() -> list[Source]:
    """Every source the build reads, in build order."""
    sources = [source for module in MODULES for source in module.SOURCES]
    ids = [s.id for s in sources]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"source ids used twice: {duplicated}")
    return sources
