"""Callbacks: one module per page (pure functions that do the work, and `register(app)`).

Every module in this package is found by name, so a new page needs no edit here: a page module
defines `register(app)` and may declare its addresses (see callbacks.router). `data` and
`params` are shared helpers with no callbacks of their own.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

from dash import Dash

SHARED_HELPERS = frozenset({"data", "params"})


@cache
def modules() -> tuple[ModuleType, ...]:
    """Every callbacks module except the shared helpers, in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name not in SHARED_HELPERS)
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)


def register_all(app: Dash) -> None:
    for module in modules():
        if hasattr(module, "register"):
            module.register(app)
