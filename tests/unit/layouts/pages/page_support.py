"""Reading a drawn page (the JSON text `tests.conftest.draw` returns): its components by id and
the words it shows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def components(node: Any) -> Iterator[dict[str, Any]]:
    """Every component in a drawn tree, depth first."""
    if isinstance(node, list):
        for child in node:
            yield from components(child)
    elif isinstance(node, dict) and "props" in node:
        yield node
        yield from components(node["props"].get("children"))


def component(drawn: str, component_id: str) -> dict[str, Any]:
    """The props of the component with this id in a drawn page."""
    return next(c["props"] for c in components(json.loads(drawn))
                if c["props"].get("id") == component_id)


def text_of(node: Any) -> str:
    """All the text in a drawn tree."""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list):
        return " ".join(text_of(child) for child in node)
    if isinstance(node, dict) and "props" in node:
        return text_of(node["props"].get("children"))
    return ""


def words(drawn: str) -> str:
    """All the text a drawn page shows."""
    return text_of(json.loads(drawn))
