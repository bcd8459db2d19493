"""Callbacks: one module per page (pure functions that do the work, and `register(app)`)."""

from __future__ import annotations

from dash import Dash

from callbacks import overview, router

MODULES = (router, overview)


def register_all(app: Dash) -> None:
    for module in MODULES:
        module.register(app)
