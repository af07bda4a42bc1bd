"""Browser tests: build the site for a local server, serve it, and drive Chromium with Playwright.

The site is built with SITE_URL equal to the server's own address, since Material's instant
navigation only works when they match. Chromium runs with every non-local host unresolvable, so a
request to a CDN could not succeed even if one slipped in (and the tests assert none is made).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from scripts import static_server
from tests.conftest import BuiltSite


def chromium_path() -> str | None:
    """The browser `make test` set up: CEC_CHROMIUM, else Debian's, else Playwright's own."""
    explicit = os.environ.get("CEC_CHROMIUM")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site, served at the address it was built for."""
    port = int(built_site.url.rsplit(":", 1)[1].strip("/"))
    server = static_server.start(built_site.path, port)
    yield built_site.url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ]
    launch = {**browser_type_launch_args, "args": args}
    path = chromium_path()
    if path:
        launch["executable_path"] = path
    return launch
