"""Page settings read from the address and written back to it."""

from __future__ import annotations

from dashboard.settings import (
    Setting,
    params_from_query,
    params_from_search,
    query_string,
    read_settings,
    setting_changes,
)

MEASURES = {"ks2": ("all", "boys"), "ks4": ("all",)}
SETTINGS = (
    Setting("measure", "ks2", tuple(MEASURES)),
    # A measure's populations depend on the measure chosen before them.
    Setting("population", "all", lambda chosen: MEASURES[chosen["measure"]]),
    Setting("q", ""),
)


def test_settings_take_the_last_allowed_value_and_defaults_otherwise() -> None:
    chosen, messages = read_settings(params_from_search("?measure=ks4&measure=ks2&q=x"),
                                     SETTINGS)
    assert chosen == {"measure": "ks2", "population": "all", "q": "x"}
    assert messages == []


def test_a_bad_value_falls_back_with_a_short_message() -> None:
    chosen, messages = read_settings({"measure": ["<script>" * 20],
                                      "population": ["boys"]}, SETTINGS)
    assert chosen["measure"] == "ks2" and chosen["population"] == "boys"
    assert messages[0].startswith("'<script><script>")
    assert "…' is not a valid choice for 'measure' (choose from ks2, ks4), so ks2 is shown." in (
        messages[0])


def test_allowed_values_follow_earlier_choices() -> None:
    chosen, messages = read_settings({"measure": ["ks4"], "population": ["boys"]}, SETTINGS)
    assert chosen["population"] == "all"
    assert "'boys' is not a valid choice for 'population' (choose from all)" in messages[0]


def test_unknown_settings_are_named_and_ignored() -> None:
    _, messages = read_settings(params_from_query({"colour": "red", "size": ["1", "2"]}),
                                SETTINGS)
    assert messages == ["This page has no setting 'colour', 'size'; it was ignored."]


def test_the_address_leaves_defaults_out() -> None:
    assert query_string({"measure": "ks2", "population": "all"}, SETTINGS) == ""
    assert query_string({"measure": "ks4", "q": "st16 2dh"}, SETTINGS) == (
        "?measure=ks4&q=st16+2dh")
    assert setting_changes({"measure": "ks4", "population": "all", "q": ""}, SETTINGS) == {
        "measure": "ks4", "population": None, "q": None}
