"""Running a page's callback as the browser does. The request is made from the app's own list of
callbacks, so a test names only a component property the callback writes and the values of the
page's controls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask.testing import FlaskClient


def outputs(callback: Mapping[str, Any]) -> list[str]:
    """A callback's outputs, "component.property" ("...b.data@<hash>" for a shared output)."""
    return callback["output"].strip(".").split("...")


def prop(key: str, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    component, name = key.split(".", 1)
    found = {"id": component, "property": name}
    return found if values is None else {**found, "value": values.get(key)}


def run_callback(client: FlaskClient, writes: str, values: Mapping[str, Any],
                 changed: str | Sequence[str]) -> dict[str, dict[str, Any]]:
    """Post the callback that writes `writes` ("component.property") with the page's control
    `values` ({"component.property": value}), `changed` being the one the reader changed (or
    those the page reports as it is put in place). Returns what it wrote,
    {component: {property: value}} ({} when it made no change)."""
    callbacks = client.get("/_dash-dependencies").get_json()
    found = next(c for c in callbacks if writes in (key.split("@")[0] for key in outputs(c)))
    response = client.post("/_dash-update-component", json={
        "output": found["output"],
        "outputs": [prop(key) for key in outputs(found)],
        "inputs": [prop(f"{i['id']}.{i['property']}", values) for i in found["inputs"]],
        "state": [prop(f"{s['id']}.{s['property']}", values) for s in found["state"]],
        "changedPropIds": [changed] if isinstance(changed, str) else list(changed)})
    assert response.status_code in (200, 204), response.get_data(as_text=True)
    return response.get_json()["response"] if response.status_code == 200 else {}
