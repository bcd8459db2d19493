"""One adapter module per publisher format. Each exposes SOURCES: the files it reads and how."""

from __future__ import annotations

from dashboard.build.sources import Source

from . import boundaries, census, codepoint, gias, la_series, lait, ofsted, results

MODULES = (codepoint, gias, ofsted, results, census, lait, la_series, boundaries)


def all_sources() -> list[Source]:
    """Every source the build reads, in build order."""
    sources = [source for module in MODULES for source in module.SOURCES]
    ids = [s.id for s in sources]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise ValueError(f"source ids used twice: {duplicated}")
    return sources
