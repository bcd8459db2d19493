"""Staffordshire Education Insight: the core (data pipeline, measures, figures).

Nothing in this package imports Dash layouts, page modules or callbacks.
"""

__version__ = "0.1.0"
