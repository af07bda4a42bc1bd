"""Browser tests: build the site for a local server, serve it, and drive Chromium with Playwright.

The site is built with SITE_URL equal to the server's own address, since Material's instant
navigation only works when they match. Chromium runs with every non-local host unresolvable, so a
request to a CDN could not succeed even if one slipped in (and the tests assert none is made).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scripts import static_server

ROOT = Path(__file__).resolve().parents[2]


def chromium_path() -> str | None:
    """The browser `make test` set up: CEC_CHROMIUM, else Debian's, else Playwright's own."""
    explicit = os.environ.get("CEC_CHROMIUM")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = static_server.start(out, port)
    yield url
    server.shutdown()
    server.server_close()
    shutil.rmtree(out, ignore_errors=True)


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
