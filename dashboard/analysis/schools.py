"""The finder's questions (/schools): which schools match the search and filters, in what
order, and the address of every view (a search, a filter, a school added to or removed from
the comparison, a longer list). No Dash here.

Settings (in the address): `q` (a name, town or postcode), `phase`, `outcome` (the latest
inspection), `district` (a district slug), `status` (`all` includes closed schools),
`compare` (repeated: the schools chosen to compare, up to four) and `show` (how many results
are listed), e.g. `/schools?q=ST16 2DH&phase=primary&status=all&compare=124000`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from dashboard.analysis.postcodes import distance_text
from dashboard.analysis.school_index import (
    MAX_COMPARE,
    SchoolIndex,
    read_compare_list,
    school_index,
    summary_sources,
)
from dashboard.analysis.school_inspections import OUTCOME_CATEGORIES
from dashboard.analysis.school_search import PHASE_FILTERS, SearchRequest, SearchResult, search
from dashboard.analysis.school_summary import SchoolSummary
from dashboard.config import Area, load_area
from dashboard.settings import Params, Setting, query_string, read_settings, setting_changes
from dashboard.store import Store

PATH = "/schools"
Q, PHASE, OUTCOME, DISTRICT, STATUS, COMPARE, SHOW = (
    "q", "phase", "outcome", "district", "status", "compare", "show")
# The settings that say what is searched for (the rest say what is done with the list).
SEARCHED = (Q, PHASE, OUTCOME, DISTRICT, STATUS)
PAGE_SIZE = 20
MAX_SHOWN = 1000
MAX_QUERY_LENGTH = 100


def district_choices(area: Area) -> tuple[tuple[str, str], ...]:
    return (("any", "Any district"), *((d.slug, d.name) for d in area.districts))


def outcome_choices() -> tuple[tuple[str, str], ...]:
    return (("any", "Any outcome"), *OUTCOME_CATEGORIES.items())


def settings(area: Area) -> tuple[Setting, ...]:
    # `compare` is repeated (read_compare_list reads it) and `show` is a number (read_show).
    return (Setting(Q, ""), Setting(PHASE, "any", tuple(PHASE_FILTERS)),
            Setting(OUTCOME, "any", tuple(key for key, _ in outcome_choices())),
            Setting(DISTRICT, "any", tuple(key for key, _ in district_choices(area))),
            Setting(STATUS, "open", ("open", "all")), Setting(COMPARE, ""),
            Setting(SHOW, str(PAGE_SIZE)))


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

    def choices(self) -> dict[str, str | list[str]]:
        """The state as settings: {name: value, or a list for `compare`}."""
        return {Q: self.text, PHASE: self.phase, OUTCOME: self.outcome, DISTRICT: self.district,
                STATUS: "all" if self.include_closed else "open",
                COMPARE: [str(urn) for urn in self.compare], SHOW: str(self.show)}

    def query(self) -> str:
        """The address's query string for this state (defaults left out)."""
        return query_string(self.choices(), settings(load_area()))

    def href(self, **changes: object) -> str:
        return PATH + replace(self, **changes).query()  # type: ignore[arg-type]


def read_show(text: str) -> tuple[int, list[str]]:
    """How many schools to list; the page size, with a message, for anything else."""
    if text.isdigit() and 0 < int(text) <= MAX_SHOWN:
        return int(text), []
    return PAGE_SIZE, [f"'{text[:20]}' is not a number of schools to show, so {PAGE_SIZE} "
                       "are shown."]


def read_finder(params: Params, area: Area,
                index: SchoolIndex) -> tuple[FinderState, list[str]]:
    """The finder's state from the address; anything malformed falls back with a message."""
    chosen, messages = read_settings(params, settings(area))
    compare, compare_messages = read_compare_list(params.get(COMPARE, []), index.summaries)
    show, show_messages = read_show(chosen[SHOW])
    state = FinderState(text=chosen[Q][:MAX_QUERY_LENGTH], phase=chosen[PHASE],
                        outcome=chosen[OUTCOME], district=chosen[DISTRICT],
                        include_closed=chosen[STATUS] == "all", compare=compare, show=show)
    return state, [*messages, *compare_messages, *show_messages]


def searched_for(params: Params) -> tuple[str, ...]:
    """The search and filters an address or the controls ask for, as written (a new search
    runs only when these change)."""
    defaults = {setting.name: setting.default_for({}) for setting in settings(load_area())}
    return tuple((params.get(name) or [defaults[name]])[-1].strip()[:MAX_QUERY_LENGTH]
                 for name in SEARCHED)


def search_params(typed: str | None, phase: str | None, outcome: str | None,
                  district: str | None, open_only: bool | None,
                  compare: Sequence[str]) -> dict[str, list[str]]:
    """The settings the search box and filters ask for, with the comparison list kept: a new
    search starts the list from its first page."""
    return {Q: [typed or ""], PHASE: [phase or "any"], OUTCOME: [outcome or "any"],
            DISTRICT: [district or "any"], STATUS: ["open" if open_only else "all"],
            COMPARE: list(compare)}


def address_changes(params: Params) -> dict[str, str | list[str] | None]:
    """The settings of a new search for the address: {name: value, the comparison list as
    given, or None for a default}."""
    page_settings = settings(load_area())
    chosen, _ = read_settings({k: v for k, v in params.items() if k != COMPARE}, page_settings)
    return {**setting_changes(chosen, page_settings), COMPARE: list(params.get(COMPARE, []))}


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


def toggled(compare: tuple[int, ...], urn: int) -> tuple[int, ...]:
    return tuple(u for u in compare if u != urn) if urn in compare else (*compare, urn)


@dataclass(frozen=True)
class ResultCard:
    summary: SchoolSummary
    distance: str | None  # "1.2 km (0.8 miles)" when searching from a postcode
    distance_metres: int | None
    compare_href: str  # the finder's address with this school added to / removed from the list
    in_compare: bool
    compare_full: bool


@dataclass(frozen=True)
class Basket:
    """The schools chosen to compare, the address without each, and the comparison's."""

    schools: tuple[SchoolSummary, ...]
    remove_hrefs: tuple[str, ...]
    compare_href: str


@dataclass(frozen=True)
class FinderResults:
    heading: str
    lead: str | None
    cards: tuple[ResultCard, ...]
    basket: Basket
    messages: tuple[str, ...]
    more_href: str | None  # "show more" link when the list is cut short
    shown: int
    total: int
    sources: str


def finder_results(store: Store, state: FinderState, area: Area,
                   messages: Sequence[str] = ()) -> FinderResults:
    """The list for a state: its heading, the schools shown, the comparison list, and the
    links that change the list."""
    index = school_index(store)
    result = search(index, request_for(state, area))
    shown = result.urns[:state.show]
    full = len(state.compare) >= MAX_COMPARE
    cards = []
    for urn in shown:
        km = (result.distances_km or {}).get(urn)
        cards.append(ResultCard(
            summary=index.summaries[urn], distance=distance_text(km) if km is not None else None,
            distance_metres=round(km * 1000) if km is not None else None,
            compare_href=state.href(compare=toggled(state.compare, urn)),
            in_compare=urn in state.compare, compare_full=full))
    title, lead = heading(result, state, area)
    chosen = tuple(index.summaries[u] for u in state.compare)
    location = result.location.label if result.location else None
    compare_query = urlencode([("urn", u) for u in state.compare]
                              + ([("postcode", location)] if location else []))
    basket = Basket(schools=chosen,
                    remove_hrefs=tuple(state.href(compare=toggled(state.compare, s.urn))
                                       for s in chosen),
                    compare_href=f"/compare?{compare_query}")
    more = (state.href(show=min(state.show + PAGE_SIZE, MAX_SHOWN))
            if result.total > len(shown) else None)
    return FinderResults(
        heading=title, lead=lead, cards=tuple(cards), basket=basket,
        messages=(*messages, *([result.message] if result.message else [])), more_href=more,
        shown=len(shown), total=result.total, sources=summary_sources(store))
