"""School finder (/schools): the query and filters in the address, the search, the list.

`/schools?q=ST16 2DH&phase=primary&outcome=good&district=stafford&status=all&compare=124000`:
`q` is a name, town or postcode; `status=all` includes closed schools; `compare` (up to four,
repeatable) is the list of schools chosen to compare; `show` how many results are listed.
"""

from __future__ import annotations

import threading
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.data import current_store
from callbacks.params import Params, parse_query, read_choice, unknown_settings
from dashboard.analysis.school import OUTCOME_CATEGORIES
from dashboard.analysis.schools import (
    PHASE_FILTERS,
    SchoolIndex,
    SearchRequest,
    SearchResult,
    distance_text,
    school_index,
    search,
)
from dashboard.config import Area, load_area
from dashboard.store import Store
from dashboard.wording import period_label
from layouts import schools as page
from layouts.shell import URL_ID

PATH = "/schools"
TITLE = "Find and compare schools"
SETTINGS = ("q", "phase", "outcome", "district", "status", "compare", "show")
PAGE_SIZE = 20
MAX_SHOWN = 1000
MAX_QUERY_LENGTH = 100
# The sources whose dates the finder states.
FINDER_SOURCES = ("gias_open_2026_06", "ofsted_latest_2026_06", "ks2_by_urn_2022_23",
                  "ks4_by_urn_2022_23", "codepoint_postcodes")


@dataclass(frozen=True)
class FinderState:
    """Everything the finder's address says."""

    text: str = ""
    phase: str = "any"
    outcome: str = "any"
    district: str = "any"  # a district slug
    include_closed: bool = False
    compare: tuple[int, ...] = ()
    show: int = PAGE_SIZE

    def query(self) -> str:
        """The address's query string for this state (defaults left out)."""
        pairs: list[tuple[str, str]] = []
        if self.text:
            pairs.append(("q", self.text))
        for name, value in (("phase", self.phase), ("outcome", self.outcome),
                            ("district", self.district)):
            if value != "any":
                pairs.append((name, value))
        if self.include_closed:
            pairs.append(("status", "all"))
        pairs += [("compare", str(urn)) for urn in self.compare]
        if self.show != PAGE_SIZE:
            pairs.append(("show", str(self.show)))
        return f"?{urlencode(pairs)}" if pairs else ""

    def href(self, **changes: object) -> str:
        return PATH + replace(self, **changes).query()  # type: ignore[arg-type]


def current_index(store: Store | None = None) -> SchoolIndex:
    """The school index for the current store, built once per process."""
    store = store or current_store()
    return school_index(store.tables, load_area(), store.build_id)


class _SchoolParts:
    """A result's parts that depend only on the school, made once per data build and process
    (building Dash components is most of a search's time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._build = ""
        self._parts: dict[int, tuple] = {}

    def __call__(self, index: SchoolIndex, urn: int) -> tuple:
        with self._lock:
            if self._build != index.build_id:
                self._build, self._parts = index.build_id, {}
            found = self._parts.get(urn)
            if found is None:
                found = self._parts[urn] = page.school_parts(index.summaries[urn])
            return found


school_parts = _SchoolParts()


def district_choices(area: Area) -> tuple[tuple[str, str], ...]:
    return (("any", "Any district"), *((d.slug, d.name) for d in area.districts))


def outcome_choices() -> tuple[tuple[str, str], ...]:
    return (("any", "Any outcome"), *OUTCOME_CATEGORIES.items())


def read_compare_list(values: Sequence[str],
                      known: Container[int]) -> tuple[tuple[int, ...], list[str]]:
    """The URNs to compare: known schools, each once, at most four; messages for the rest."""
    chosen: list[int] = []
    unknown: list[str] = []
    for value in values:
        text = value.strip()
        urn = int(text) if text.isdigit() else None
        if urn is None or urn not in known:
            unknown.append(text[:20])
        elif urn not in chosen:
            chosen.append(urn)
    messages = []
    if len(unknown) == 1:
        messages.append(f"No school has the reference (URN) {unknown[0]}, so it was left out "
                        "of the comparison.")
    elif unknown:
        messages.append(f"No schools have the references (URNs) {', '.join(unknown)}, so they "
                        "were left out of the comparison.")
    if len(chosen) > page.MAX_COMPARE:
        messages.append(f"You can compare up to {page.MAX_COMPARE} schools, so only the first "
                        f"{page.MAX_COMPARE} are kept.")
    return tuple(chosen[:page.MAX_COMPARE]), messages


def read_state(params: Params, area: Area, index: SchoolIndex) -> tuple[FinderState, list[str]]:
    """The finder's state from the address; anything malformed falls back with a message."""
    messages: list[str] = []
    text = (params.get("q") or [""])[-1].strip()[:MAX_QUERY_LENGTH]
    phase, found = read_choice(params, "phase", list(PHASE_FILTERS), "any")
    messages += found
    outcome, found = read_choice(params, "outcome", [k for k, _ in outcome_choices()], "any")
    messages += found
    district, found = read_choice(params, "district", [k for k, _ in district_choices(area)],
                                  "any")
    messages += found
    status, found = read_choice(params, "status", ["open", "all"], "open")
    messages += found
    compare, found = read_compare_list(params.get("compare", []), index.summaries)
    messages += found
    show_text = (params.get("show") or [str(PAGE_SIZE)])[-1].strip()
    show = int(show_text) if show_text.isdigit() and 0 < int(show_text) <= MAX_SHOWN else None
    if show is None:
        messages.append(f"'{show_text[:20]}' is not a number of schools to show, so "
                        f"{PAGE_SIZE} are shown.")
    messages += unknown_settings(params, SETTINGS)
    return FinderState(text=text, phase=phase, outcome=outcome, district=district,
                       include_closed=status == "all", compare=compare,
                       show=show or PAGE_SIZE), messages


def request_for(state: FinderState, area: Area) -> SearchRequest:
    district = area.district(state.district) if state.district != "any" else None
    return SearchRequest(text=state.text, phase=state.phase, outcome=state.outcome,
                         district_code=district.code if district else None,
                         include_closed=state.include_closed)


def _kind_of_schools(state: FinderState) -> str:
    words = [] if state.include_closed else ["open"]
    if state.phase != "any":
        words.append(PHASE_FILTERS[state.phase].split(" (")[0].lower())
    return " ".join([*words, "schools"]) if words else "schools"


def heading(result: SearchResult, state: FinderState, area: Area) -> tuple[str, str | None]:
    """The results heading (a finding: how many, what) and a line under it."""
    total = result.total
    kind = _kind_of_schools(state)
    count = f"{total:,} {kind}" if total != 1 else f"1 {kind.removesuffix('s')}"
    where = ""
    if state.district != "any":
        district = area.district(state.district)
        where = f" in {district.name} district" if district else ""
    words = OUTCOME_CATEGORIES.get(state.outcome, "")
    outcome = "" if state.outcome == "any" else (
        f", latest inspection: {words[:1].lower()}{words[1:]}")
    if result.kind == "location" and result.location is not None:
        return (f"{count}{where}{outcome}, nearest to {result.location.label} first",
                f"Straight-line distances from {result.location.description}, from Ordnance "
                "Survey Code-Point Open. Travel distances are longer.")
    if result.kind == "not_found":
        return "No schools listed", None
    if result.kind == "all":
        return f"{count}{where}{outcome}", "Listed by name. Search to narrow the list."
    if not total:
        return (f"No {kind}{where}{outcome} match ‘{state.text}’",
                "Check the spelling, try part of the name or a town, or change the filters.")
    return f"{count}{where}{outcome} match ‘{state.text}’", "Best matches first."


def sources_line(store: Store) -> str:
    dated = {s["id"]: s for s in store.manifest.get("sources", [])}
    parts = [f"{dated[i]['title']} ({period_label(str(dated[i]['data_date']))})"
             for i in FINDER_SOURCES if i in dated]
    return "Sources: " + "; ".join(parts) + "." if parts else ""


def toggled(compare: tuple[int, ...], urn: int) -> tuple[int, ...]:
    return tuple(u for u in compare if u != urn) if urn in compare else (*compare, urn)


def finder_results(index: SchoolIndex, state: FinderState, area: Area, store: Store,
                   messages: Sequence[str] = ()) -> page.FinderResults:
    result = search(index, request_for(state, area))
    shown = result.urns[:state.show]
    full = len(state.compare) >= page.MAX_COMPARE
    cards = []
    for urn in shown:
        km = (result.distances_km or {}).get(urn)
        cards.append(page.ResultCard(
            summary=index.summaries[urn], distance=distance_text(km) if km is not None else None,
            distance_metres=round(km * 1000) if km is not None else None,
            compare_href=state.href(compare=toggled(state.compare, urn)),
            in_compare=urn in state.compare, compare_full=full,
            parts=school_parts(index, urn)))
    title, lead = heading(result, state, area)
    chosen = [index.summaries[u] for u in state.compare]
    location = result.location.label if result.location else None
    compare_query = urlencode([("urn", u) for u in state.compare]
                              + ([("postcode", location)] if location else []))
    basket = page.Basket(schools=chosen,
                         remove_hrefs=[state.href(compare=toggled(state.compare, s.urn))
                                       for s in chosen],
                         compare_href=f"/compare?{compare_query}")
    more = (state.href(show=min(state.show + PAGE_SIZE, MAX_SHOWN))
            if result.total > len(shown) else None)
    return page.FinderResults(
        heading=title, lead=lead, cards=cards, basket=basket,
        messages=[*messages, *([result.message] if result.message else [])], more_href=more,
        shown=len(shown), total=result.total, sources=sources_line(store))


def controls_for(state: FinderState, area: Area) -> page.FinderControls:
    return page.FinderControls(
        text=state.text, phase=state.phase, outcome=state.outcome, district=state.district,
        open_only=not state.include_closed, phase_options=tuple(PHASE_FILTERS.items()),
        outcome_options=outcome_choices(), district_options=district_choices(area))


def page_title(state: FinderState) -> str:
    return f"{TITLE}: {state.text[:40]}" if state.text else TITLE


def render(params: Params) -> tuple[list[Component], str]:
    """The finder for the address's query."""
    store, area = current_store(), load_area()
    index = current_index(store)
    if index.frame.empty:
        return page.layout(), TITLE
    state, messages = read_state(params, area, index)
    return (page.layout(controls_for(state, area), finder_results(index, state, area, store),
                        messages), page_title(state))


def show_search(search_text: str | None, pathname: str | None) -> tuple:
    """The search callback: the list for the address's query, and the controls set to match
    it (a new search, a filter, back and forward, links in the list all change the address)."""
    if (pathname or "").rstrip("/") != PATH:
        raise PreventUpdate
    store, area = current_store(), load_area()
    index = current_index(store)
    state, messages = read_state(parse_query(search_text), area, index)
    results = page.results_section(finder_results(index, state, area, store, messages))
    return (results, state.text, state.phase, state.outcome, state.district,
            not state.include_closed)


def new_search(_clicks: int | None, _submits: int | None, phase: str | None,
               outcome: str | None, district: str | None, open_only: bool | None,
               typed: str | None, search_text: str | None) -> str:
    """The address for the search box and filters (keeping the comparison list); changing it
    runs the search."""
    area = load_area()
    params = parse_query(search_text)
    kept = params.get("compare", [])
    chosen = FinderState(text=(typed or "").strip()[:MAX_QUERY_LENGTH],
                         phase=phase if phase in PHASE_FILTERS else "any",
                         outcome=outcome if outcome in OUTCOME_CATEGORIES else "any",
                         district=district if area.district(district or "") else "any",
                         include_closed=not open_only)
    # The controls already say what the address says (e.g. they were just set from it).
    if searched_for(params) == searched_for(parse_query(chosen.query())):
        raise PreventUpdate
    query = chosen.query()
    compare = urlencode([("compare", value) for value in kept])
    return (f"{query}&{compare}" if query else f"?{compare}") if compare else query


def searched_for(params: Params) -> tuple[str, ...]:
    """The search and filters an address asks for, as written."""
    def last(name: str, default: str) -> str:
        return (params.get(name) or [default])[-1].strip()

    return (last("q", "")[:MAX_QUERY_LENGTH], last("phase", "any"), last("outcome", "any"),
            last("district", "any"), last("status", "open"))


def register(app: Dash) -> None:
    app.callback(
        Output(page.RESULTS_ID, "children"),
        Output(page.QUERY_ID, "value"),
        Output(page.PHASE_ID, "value"),
        Output(page.OUTCOME_ID, "value"),
        Output(page.DISTRICT_ID, "value"),
        Output(page.OPEN_ID, "value"),
        Input(URL_ID, "search"),
        State(URL_ID, "pathname"),
        prevent_initial_call=True,
    )(show_search)
    app.callback(
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.SUBMIT_ID, "n_clicks"),
        Input(page.QUERY_ID, "n_submit"),
        Input(page.PHASE_ID, "value"),
        Input(page.OUTCOME_ID, "value"),
        Input(page.DISTRICT_ID, "value"),
        Input(page.OPEN_ID, "value"),
        State(page.QUERY_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(new_search)


ROUTES = {PATH: render}
