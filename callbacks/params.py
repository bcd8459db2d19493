"""Reading page settings from the query string: anything malformed falls back to the default
with a short message, never an error."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from urllib.parse import parse_qs, urlencode

Params = Mapping[str, Sequence[str]]


def parse_query(search: str | None) -> dict[str, list[str]]:
    return parse_qs((search or "").lstrip("?"), keep_blank_values=True)


def read_choice(params: Params, name: str, allowed: Sequence[str],
                default: str) -> tuple[str, list[str]]:
    """The value of `name` if it is one of `allowed`, else `default` and a message saying so."""
    values = params.get(name)
    if not values:
        return default, []
    chosen = values[-1].strip()
    if chosen in allowed:
        return chosen, []
    shown = chosen if len(chosen) <= 40 else chosen[:40] + "…"
    return default, [f"'{shown}' is not a valid choice for '{name}' (choose from "
                     f"{', '.join(allowed)}), so {default} is shown."]


def unknown_settings(params: Params, known: Collection[str]) -> list[str]:
    unknown = sorted(set(params) - set(known))
    if not unknown:
        return []
    names = ", ".join(f"'{name[:40]}'" for name in unknown)
    return [f"This page has no setting {names}; it was ignored."]


def with_setting(search: str | None, name: str, value: str | None) -> str:
    """The query string with `name` set to `value` (removed when None), other settings kept."""
    params = parse_query(search)
    if value is None:
        params.pop(name, None)
    else:
        params[name] = [value]
    query = urlencode(params, doseq=True)
    return f"?{query}" if query else ""
