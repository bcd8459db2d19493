"""Integration tests run on the store built from ../shared/data/raw (built here if missing)."""

from __future__ import annotations

import pytest

from dashboard.build.pipeline import build
from dashboard.config import Area, load_area, processed_dir
from dashboard.store import Store, load_store
from dashboard.tables import MANIFEST


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.path):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def store() -> Store:
    if not (processed_dir() / MANIFEST).exists():
        build()
    return load_store()


@pytest.fixture(scope="session")
def area() -> Area:
    return load_area()
