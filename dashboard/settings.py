"""Page settings in the address: each page declares its settings (name, allowed values,
default) and this module reads them from the query, with a short message for a value that is
not allowed, and writes them back leaving defaults out, so every view can be bookmarked.

Allowed values and defaults may depend on the settings read before them (a measure's
populations), so either may be a function of the choices so far. A setting that is not one value
from a list (a comma-separated list of names) brings a reader of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

Params = Mapping[str, Sequence[str]]
Choices = dict[str, str]
# The values the address gives a setting (none when it is absent) -> its value and messages.
Reader = Callable[[Sequence[str]], tuple[str, list[str]]]
MAX_SHOWN = 40  # characters of a bad value repeated back to the reader


@dataclass(frozen=True)
class Setting:
    """One page setting. `allowed` None means any non-empty text (the page checks it); `read`,
    when given, reads the setting's values instead (`default` then only says what the address
    can leave out)."""

    name: str
    default: str | Callable[[Choices], str]
    allowed: Sequence[str] | Callable[[Choices], Sequence[str]] | None = None
    read: Reader | None = None

    def default_for(self, chosen: Choices) -> str:
        return self.default(chosen) if callable(self.default) else self.default

    def allowed_for(self, chosen: Choices) -> Sequence[str] | None:
        return self.allowed(chosen) if callable(self.allowed) else self.allowed


def params_from_query(query: Mapping[str, object]) -> dict[str, list[str]]:
    """Dash Pages' keyword arguments (a value, or a list for a repeated key) as lists."""
    return {str(k): [str(x) for x in v] if isinstance(v, list | tuple) else [str(v)]
            for k, v in query.items()}


def params_from_search(search: str | None) -> dict[str, list[str]]:
    """A query string ("?a=1&b=2") as lists of values."""
    return parse_qs((search or "").lstrip("?"), keep_blank_values=True)


def shorten(text: str) -> str:
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def read_settings(params: Params, settings: Sequence[Setting]) -> tuple[Choices, list[str]]:
    """The value of each setting (the last one given, if allowed; else its default) and a
    message for each value that could not be used or name that is not a setting."""
    chosen: Choices = {}
    messages: list[str] = []
    for setting in settings:
        if setting.read is not None:
            chosen[setting.name], more = setting.read(params.get(setting.name, ()))
            messages += more
            continue
        default = setting.default_for(chosen)
        values = [v.strip() for v in params.get(setting.name, ()) if v.strip()]
        if not values:
            chosen[setting.name] = default
            continue
        value = values[-1]
        allowed = setting.allowed_for(chosen)
        if allowed is None or value in allowed:
            chosen[setting.name] = value
            continue
        chosen[setting.name] = default
        # With nothing to choose from (a pupil group with no figures has no measure), a
        # message listing no choices would only confuse.
        if allowed:
            messages.append(f"'{shorten(value)}' is not a valid choice for '{setting.name}' "
                            f"(choose from {', '.join(allowed)}), so {default} is shown.")
    unknown = sorted(set(params) - {s.name for s in settings})
    if unknown:
        names = ", ".join(f"'{shorten(name)}'" for name in unknown)
        messages.append(f"This page has no setting {names}; it was ignored.")
    return chosen, messages


def query_string(chosen: Mapping[str, str | Sequence[str] | None],
                 settings: Sequence[Setting]) -> str:
    """"?name=value&..." for the settings that differ from their defaults ("" for none), in the
    page's order, so the address says only what the reader changed."""
    kept: list[tuple[str, str]] = []
    so_far: Choices = {}
    for setting in settings:
        value = chosen.get(setting.name)
        default = setting.default_for(so_far)
        if isinstance(value, list | tuple):
            kept += [(setting.name, v) for v in value]
            continue
        so_far[setting.name] = value if value is not None else default
        if value is not None and value != default:
            kept.append((setting.name, value))
    return f"?{urlencode(kept)}" if kept else ""


def setting_changes(chosen: Mapping[str, str],
                    settings: Sequence[Setting]) -> dict[str, str | None]:
    """The settings for the address as {name: value}, None for a default (left out of it)."""
    changes: dict[str, str | None] = {}
    so_far: Choices = {}
    for setting in settings:
        value = chosen.get(setting.name, setting.default_for(so_far))
        so_far[setting.name] = value
        changes[setting.name] = None if value == setting.default_for(so_far) else value
    return changes
