"""The router: the page for the address, the browser tab title, and the mobile menu."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from dash import ClientsideFunction, Dash, Input, Output, State
from dash.development.base_component import Component

from callbacks.params import Params, parse_query
from dashboard.store import StoreMissing
from layouts import PAGES, document_title, no_data, not_found, page_info
from layouts.components import NAV_COLLAPSE_ID, NAV_TOGGLE_ID
from layouts.shell import PAGE_ID, PAGE_META_ID, TITLE_SINK_ID, URL_ID

log = logging.getLogger(__name__)
# A page renders its children, or its children and a tab title of its own.
PageContent = list[Component] | tuple[list[Component], str]
Renderer = Callable[[Params], PageContent]


@dataclass(frozen=True)
class PrefixRoute:
    """Addresses under a prefix, e.g. /district/<code>: `render(rest, params)` draws the page
    for `rest` (the part after the prefix); `exists(rest)` says whether there is one (else 404)."""

    render: Callable[[str, Params], PageContent]
    exists: Callable[[str], bool]


def normalise_path(pathname: str | None) -> str:
    """"/map/" and "/map" are the same page; an empty path is the Overview."""
    path = (pathname or "/").split("?")[0]
    return path.rstrip("/") or "/"


def module_routes() -> tuple[dict[str, Renderer], dict[str, PrefixRoute]]:
    """The addresses page modules declare: `ROUTES = {path: render}` (render(params) -> page)
    and `PREFIX_ROUTES = {"/district/": PrefixRoute(render, exists)}`."""
    import callbacks  # the package, at call time: it imports this module

    exact: dict[str, Renderer] = {}
    prefixed: dict[str, PrefixRoute] = {}
    for module in callbacks.modules():
        exact.update(getattr(module, "ROUTES", {}))
        prefixed.update(getattr(module, "PREFIX_ROUTES", {}))
    return exact, prefixed


def find_route(path: str) -> Callable[[Params], PageContent] | None:
    """The renderer for a normalised path, or None when no page answers it."""
    exact, prefixed = module_routes()
    if path in exact:
        return exact[path]
    for prefix, route in prefixed.items():
        rest = path.removeprefix(prefix)
        if rest != path and rest:
            return lambda params, route=route, rest=rest: route.render(rest, params)
    return None


def path_exists(pathname: str | None) -> bool:
    """Whether an address shows a page (not the not-found page): for the HTTP status."""
    path = normalise_path(pathname)
    exact, prefixed = module_routes()
    if path in exact:
        return True
    return any(
        path.startswith(prefix) and len(path) > len(prefix)
        and route.exists(path.removeprefix(prefix))
        for prefix, route in prefixed.items()
    )


def render_page(pathname: str | None, search: str | None) -> tuple[list[Component], dict]:
    """The page for an address and its tab title; never raises."""
    path = normalise_path(pathname)
    renderer = find_route(path)
    if renderer is None:
        return not_found.layout(path), {"title": document_title("Page not found")}
    try:
        content = renderer(parse_query(search))
    except StoreMissing:
        return no_data.layout(), {"title": document_title("Data not built yet")}
    except Exception:
        log.exception("page %s failed to render", path)
        return no_data.error_layout(), {"title": document_title("Sorry, there is a problem")}
    if isinstance(content, tuple):
        children, title = content
    else:
        info = page_info(path)
        children, title = content, info.title if info else ""
    return children, {"title": document_title(title)}


def missing_pages() -> list[str]:
    """Navigation pages no page module answers (there should be none)."""
    exact, _ = module_routes()
    return [page.path for page in PAGES if page.path not in exact]


def register(app: Dash) -> None:
    if missing_pages():
        raise RuntimeError(f"navigation pages without a page module: {missing_pages()}")
    app.callback(
        Output(PAGE_ID, "children"),
        Output(PAGE_META_ID, "data"),
        Input(URL_ID, "pathname"),
        State(URL_ID, "search"),
    )(render_page)
    # Tab title, the current link's aria-current and focus after navigation (assets/site.js).
    app.clientside_callback(
        ClientsideFunction(namespace="insight", function_name="pageChanged"),
        Output(TITLE_SINK_ID, "children"),
        Input(PAGE_META_ID, "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="insight", function_name="toggleMenu"),
        Output(NAV_COLLAPSE_ID, "is_open"),
        Output(NAV_TOGGLE_ID, "aria-expanded"),
        Input(NAV_TOGGLE_ID, "n_clicks"),
        Input(URL_ID, "pathname"),
        State(NAV_COLLAPSE_ID, "is_open"),
        prevent_initial_call=True,
    )
