"""The app: factory, routing, page settings, callbacks, errors, headers, health and cache."""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from callbacks.router import normalise_path, render_page
from dash import Dash
from flask.testing import FlaskClient
from plotly.utils import PlotlyJSONEncoder

import app as app_module
import callbacks.overview as overview
from app import create_app
from callbacks import router
from callbacks.params import parse_query, read_choice, unknown_settings, with_setting
from layouts import PAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(synthetic_store: Path) -> Dash:
    return create_app()


@pytest.fixture
def client(app: Dash) -> FlaskClient:
    return app.server.test_client()


def text_of(component: Any) -> str:
    """All the text in a Dash component tree (or its JSON form)."""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component)
    if isinstance(component, dict):
        return text_of(component.get("props", {}).get("children", ""))
    if component is None:
        return ""
    return text_of(getattr(component, "children", None))


def fire(client: FlaskClient, output: str, outputs: list[dict], inputs: list[dict],
         state: list[dict]) -> Any:
    payload = {"output": output, "outputs": outputs, "inputs": inputs, "state": state,
               "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs]}
    return client.post("/_dash-update-component", json=payload)


def route(client: FlaskClient, pathname: str, search: str = "") -> Any:
    return fire(client, "..page-content.children...page-meta.data..",
                [{"id": "page-content", "property": "children"},
                 {"id": "page-meta", "property": "data"}],
                [{"id": "url", "property": "pathname", "value": pathname}],
                [{"id": "url", "property": "search", "value": search}])


# --- factory -----------------------------------------------------------------------------------


def test_the_app_can_be_built_twice(synthetic_store: Path) -> None:
    first, second = create_app(), create_app()
    assert first.server is not second.server
    for built in (first, second):
        assert built.server.test_client().get("/").status_code == 200


def test_debug_is_off_unless_dash_debug_is_1(synthetic_store: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert create_app().server.config["DEBUG"] is False
    monkeypatch.setenv("DASH_DEBUG", "1")
    assert create_app().server.config["DEBUG"] is True


def test_warm_up_finishes_dash_set_up_and_loads_the_store(app: Dash) -> None:
    import dashboard.store

    assert not dashboard.store._loaded
    app_module.warm_up(app.server)
    assert dashboard.store._loaded  # the store is in this process before any real request


def test_module_exposes_server_for_gunicorn() -> None:
    assert app_module.server is app_module.app.server


# --- routing -----------------------------------------------------------------------------------


def test_every_navigation_page_has_a_route() -> None:
    assert router.missing_pages() == []


@pytest.mark.parametrize("page", PAGES, ids=[p.label for p in PAGES])
def test_every_page_renders(app: Dash, page: Any) -> None:
    with app.server.test_request_context(page.path):
        children, meta = render_page(page.path, "")
    assert meta["title"].startswith(page.title)
    assert text_of(children)


@pytest.mark.parametrize(("path", "expected"), [
    ("/map/", "/map"), ("", "/"), (None, "/"), ("/", "/"), ("/about?x=1", "/about")])
def test_paths_are_normalised(path: str | None, expected: str) -> None:
    assert normalise_path(path) == expected


def test_unknown_addresses_get_the_not_found_page(app: Dash) -> None:
    with app.server.test_request_context("/no-such-page"):
        children, meta = render_page("/no-such-page", "")
    assert meta["title"].startswith("Page not found")
    assert "/no-such-page" in text_of(children)


def test_missing_store_shows_how_to_build_it(missing_store: Path) -> None:
    built = create_app()
    with built.server.test_request_context("/"):
        children, meta = render_page("/", "")
    assert meta["title"].startswith("Data not built yet")
    assert "make data" in text_of(children)


def test_a_failing_page_shows_a_friendly_message(app: Dash,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_params: Any) -> list:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(router, "module_routes", lambda: ({"/trends": broken}, {}))
    with app.server.test_request_context("/trends"):
        children, meta = render_page("/trends", "")
    assert "problem" in meta["title"]
    assert "boom" not in text_of(children) and "Traceback" not in text_of(children)


def test_the_router_answers_through_dash(client: FlaskClient) -> None:
    response = route(client, "/")
    assert response.status_code == 200
    body = response.get_json()["response"]
    assert "Access to Excellence" in json.dumps(body["page-content"])
    assert body["page-meta"]["data"]["title"].startswith("Targets and headline figures")


# --- page settings in the address ----------------------------------------------------------------


def test_query_helpers() -> None:
    params = parse_query("?neighbours=2021&neighbours=2025&x=")
    assert read_choice(params, "neighbours", ["2025", "2021"], "2025") == ("2025", [])
    choice, messages = read_choice({"neighbours": ["1999"]}, "neighbours", ["2025", "2021"],
                                   "2025")
    assert choice == "2025" and "'1999' is not a valid choice" in messages[0]
    assert unknown_settings(params, {"neighbours"}) == [
        "This page has no setting 'x'; it was ignored."]
    assert with_setting("?a=1", "neighbours", "2021") == "?a=1&neighbours=2021"
    assert with_setting("?neighbours=2021", "neighbours", None) == ""


def test_overview_reads_the_neighbour_list_from_the_address(app: Dash) -> None:
    with app.server.test_request_context("/"):
        children, _ = render_page("/", "?neighbours=2021")
    text = json.dumps(children, cls=PlotlyJSONEncoder)
    assert '"value": "2021"' in text
    assert "2021 list, Department for Education" in text_of(children)


def test_malformed_settings_fall_back_to_defaults_with_a_message(app: Dash) -> None:
    with app.server.test_request_context("/"):
        children, _ = render_page("/", "?neighbours=%3Cscript%3E&colour=red")
    text = text_of(children)
    assert "'<script>' is not a valid choice for 'neighbours'" in text
    assert "no setting 'colour'" in text
    assert "2025 list, Department for Education" in text


def test_choosing_neighbours_updates_the_table_and_the_address(app: Dash) -> None:
    with app.server.test_request_context("/"):
        table, search = overview.update_headlines("2021", "?other=1")
        assert search == "?other=1&neighbours=2021"
        assert "2021 list" in text_of(table)
        _, search = overview.update_headlines("2025", "?neighbours=2021")
        assert search == ""
        _, search = overview.update_headlines("nonsense", "")
        assert search == ""


def test_verdicts_follow_each_measures_direction(app: Dash) -> None:
    with app.server.test_request_context("/"):
        model = overview.model("2025")
    verdicts = {row.comparison.measure_id: row.verdict for row in model.headlines.rows}
    assert verdicts["ks2_rwm_expected_pct"] == "Below England (worse)"
    assert verdicts["pct_persistent_absence"] == "Above England (worse)"
    assert verdicts["neet_or_not_known_pct"] == "Below England (better)"
    assert verdicts["ks4_english_maths_grade5_pct"] == "Not comparable"
    assert model.headlines.title.startswith("Staffordshire is better than England on 1 and "
                                            "worse on 6")


# --- errors ------------------------------------------------------------------------------------


def test_callback_errors_show_a_short_message_and_no_traceback(
        client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_choice: str) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(overview, "model", broken)
    response = fire(client, "..headline-figures.children...url.search..",
                    [{"id": "headline-figures", "property": "children"},
                     {"id": "url", "property": "search"}],
                    [{"id": "headline-neighbours", "property": "value", "value": "2021"}],
                    [{"id": "url", "property": "search", "value": ""}])
    body = response.get_data(as_text=True)
    assert response.status_code in (200, 204)
    assert "could not be updated" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_server_errors_get_a_friendly_page(synthetic_store: Path) -> None:
    built = create_app()

    @built.server.route("/explode")
    def explode() -> str:
        raise RuntimeError("secret internals")

    response = built.server.test_client().get("/explode")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "secret internals" not in body and "Traceback" not in body


def test_unknown_addresses_answer_404_with_the_app(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert 'id="react-entry-point"' in response.get_data(as_text=True)
    for page in PAGES:
        assert client.get(page.path).status_code == 200
    assert client.get("/map/").status_code == 200


# --- health ------------------------------------------------------------------------------------


def test_health_reports_the_data_date(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["data_as_at"]["test_ofsted"] == "2026-06-30"
    assert body["build_time"] == "2026-07-01T00:00:00+00:00"


def test_health_without_a_store_is_503(missing_store: Path) -> None:
    response = create_app().server.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable",
                                   "message": "data not built yet - run make data"}


def test_an_unreadable_store_is_reported_not_shown_as_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{}", encoding="utf-8")  # no build id
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(broken))
    monkeypatch.setenv("EDU_CACHE_DIR", str(tmp_path / "cache"))
    client = create_app().server.test_client()
    health = client.get("/health")
    assert health.status_code == 503 and health.get_json()["status"] == "error"
    layout = client.get("/_dash-layout")
    assert layout.status_code == 200
    assert "data not built yet" in layout.get_data(as_text=True)


# --- headers, compression, assets ---------------------------------------------------------------


def test_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "http" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    # Every inline script in the page is allowed by its hash, and nothing else inline.
    html = response.get_data(as_text=True)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                        html, flags=re.S)
    assert inline
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_page_language_and_assets_are_local(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "/assets/bootstrap.min.css" in html and "/assets/site.css" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert client.get("/assets/site.js").status_code == 200


def test_responses_are_compressed(client: FlaskClient) -> None:
    asset = client.get("/assets/bootstrap.min.css", headers={"Accept-Encoding": "br"})
    assert asset.headers["Content-Encoding"] == "br"
    index = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert index.headers["Content-Encoding"] == "gzip"


# --- the shared cache --------------------------------------------------------------------------


def test_overview_is_computed_once_into_the_shared_cache(
        client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    build_model = overview.build_model

    def counting(*args: Any) -> Any:
        calls.append(args)
        return build_model(*args)

    monkeypatch.setattr(overview, "build_model", counting)
    for _ in range(3):
        assert route(client, "/").status_code == 200
    assert len(calls) == 1
    # The cache is the filesystem one from dashboard.cache (EDU_CACHE_DIR), which any other
    # worker process reads too.
    assert any((tmp_path / "cache").iterdir())


# --- structure ---------------------------------------------------------------------------------


def imported_modules(folder: str) -> set[str]:
    names = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_imports_run_one_way() -> None:
    assert not imported_modules("dashboard") & {"dash", "layouts", "callbacks", "app"}
    assert not imported_modules("layouts") & {"callbacks", "app"}
    assert "app" not in imported_modules("callbacks")


def test_page_modules_declare_their_own_addresses(app: Dash, client: FlaskClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A page module's ROUTES and PREFIX_ROUTES answer; an unknown item under a prefix is a
    404 with the friendly page, like any unknown address."""
    known = {"blue": "Blue"}
    prefixed = {"/widget/": router.PrefixRoute(
        render=lambda rest, _params: ([f"Widget {known[rest]}"], f"{known[rest]} widget"),
        exists=lambda rest: rest in known)}
    monkeypatch.setattr(router, "module_routes", lambda: ({}, prefixed))
    with app.server.test_request_context("/widget/blue"):
        children, meta = render_page("/widget/blue", "")
    assert children == ["Widget Blue"]
    assert meta["title"].startswith("Blue widget")
    assert router.path_exists("/widget/blue")
    assert not router.path_exists("/widget/red") and not router.path_exists("/widget/")
    assert client.get("/widget/red").status_code == 404
    assert client.get("/widget/blue").status_code == 200
