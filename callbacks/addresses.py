"""Which registered page answers an address, for what Dash Pages leaves to the server: the
HTTP status (404 for an unknown page or item) and the permanent redirect of a page's other
names for an item (/district/tamworth to /district/E07000199).

A page about one item registers `path_template` with `item_exists(**variables) -> bool` and,
optionally, `item_address(**variables) -> str | None` (the item's canonical address).
"""

from __future__ import annotations

import re
from typing import Any

import dash

NOT_FOUND_MODULE = "not_found_404"


def normalise_path(pathname: str | None) -> str:
    """"/map/" and "/map" are the same page; an empty path is the Overview."""
    path = (pathname or "/").split("?")[0]
    return path.rstrip("/") or "/"


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"<([a-z_]+)>", template.rstrip("/"))
    pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)"
                      for i, part in enumerate(parts))
    return re.compile(f"^{pattern}$")


def find_page(pathname: str | None) -> tuple[dict[str, Any] | None, dict[str, str]]:
    """The registered page for an address and its path variables; (None, {}) when none."""
    path = normalise_path(pathname)
    for page in dash.page_registry.values():
        if page["module"].rsplit(".", 1)[-1] == NOT_FOUND_MODULE:
            continue
        template = page.get("path_template")
        if template:
            match = _template_pattern(template).match(path)
            if match:
                return page, match.groupdict()
        elif normalise_path(page["path"]) == path:
            return page, {}
    return None, {}


def page_exists(pathname: str | None) -> bool:
    """Whether an address shows a page (not the not-found page), for the HTTP status."""
    page, variables = find_page(pathname)
    if page is None:
        return False
    exists = page.get("item_exists")
    return exists(**variables) if exists and variables else True


def canonical_address(pathname: str | None) -> str | None:
    """The item's own address when this one names it another way, else None."""
    page, variables = find_page(pathname)
    address = page.get("item_address") if page else None
    found = address(**variables) if address and variables else None
    return found if found and found != normalise_path(pathname) else None
