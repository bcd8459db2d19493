"""The app: factory, errors, health, headers, compression, the shared cache, and the rules the
code's structure keeps (imports one way, one home per page, small modules)."""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from dash import Dash
from flask.testing import FlaskClient

import app as app_module
from app import create_app
from dashboard.config import REPO_ROOT
from tests.conftest import draw

ROOT = REPO_ROOT
SERVING = ("dashboard/store", "dashboard/analysis", "dashboard/charts", "dashboard/export",
           "layouts", "callbacks")


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


# --- errors ------------------------------------------------------------------------------------


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
    for path in ("/", "/about", "/about/"):
        assert client.get(path).status_code == 200


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


def module_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.update([node.module, *(f"{node.module}.{a.name}" for a in node.names)])
    return found


def test_the_serving_side_never_imports_the_data_build() -> None:
    for folder in SERVING:
        for path in (ROOT / folder).rglob("*.py"):
            built = {m for m in module_imports(path) if m.startswith("dashboard.build")}
            assert not built, f"{path.relative_to(ROOT)} imports {sorted(built)}"


@pytest.mark.parametrize("layer", ["callbacks", "layouts.pages"])
def test_no_page_imports_another_page(layer: str) -> None:
    folder = ROOT / layer.replace(".", "/")
    pages = {p.stem for p in (ROOT / "layouts" / "pages").glob("*.py")} - {"__init__"}
    for path in folder.glob("*.py"):
        others = {f"{top}.{page}" for page in pages - {path.stem}
                  for top in ("callbacks", "layouts.pages")}
        assert not module_imports(path) & others, f"{path.relative_to(ROOT)} imports a page"


def test_no_module_is_over_400_lines() -> None:
    paths = [ROOT / "app.py", *(p for folder in ("dashboard", "layouts", "callbacks")
                                for p in (ROOT / folder).rglob("*.py"))]
    long = {str(p.relative_to(ROOT)): n for p in paths
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_every_page_draws(app: Dash) -> None:
    import dash

    for page in dash.page_registry.values():
        if not page.get("path_template") and not page["module"].endswith("not_found_404"):
            drawn = draw(app, page["path"])
            assert '"page-title"' in drawn and "Sorry, there is a problem" not in drawn


def test_the_shared_cache_serves_other_workers(app: Dash, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What one worker made is read by another (the filesystem cache, EDU_CACHE_DIR): a second
    app sharing the cache draws the Overview even though it could not make it itself."""
    from dashboard.analysis import overview

    expected = draw(app, "/")
    assert any((tmp_path / "cache").iterdir())

    def unavailable(*_args: object) -> None:
        raise AssertionError("made again instead of read from the shared cache")

    monkeypatch.setattr(overview, "build_model", unavailable)
    assert json.loads(draw(create_app({"TESTING": True}), "/")) == json.loads(expected)


