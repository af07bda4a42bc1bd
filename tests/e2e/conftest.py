"""Browser tests: build the site for a local server, serve it, and drive Chromium with Playwright.

The site is built with SITE_URL equal to the server's own address, since Material's instant
navigation only works when they match. Chromium runs with every non-local host unresolvable, so a
request to a CDN could not succeed even if one slipped in (and the tests assert none is made).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from scripts import local_site, static_server
from tests.conftest import BuiltSite


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    """The built site, served at the address it was built for."""
    port = int(built_site.url.rsplit(":", 1)[1].strip("/"))
    server = static_server.start(built_site.path, port)
    yield built_site.url
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _the_rest_of_the_standard_library_is_never_fetched(site_url: str) -> Iterator[None]:
    """The page's Python imports only what its first zip packs (scripts/stdlib_modules.txt): the
    second one, 1.1 MB, is for modules no path of the calculator imports."""
    before = len(static_server.Handler.requested)
    yield
    fetched = static_server.Handler.requested[before:]
    assert not [path for path in fetched if "python_stdlib_more" in path], fetched


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    launch = {**browser_type_launch_args, "args": local_site.CHROMIUM_ARGS}
    path = local_site.chromium()
    if path:
        launch["executable_path"] = path
    return launch
