"""The built site on this machine, for tests and benchmarks: built for a local address, and the
Chromium that drives it, cut off from every host but this one.

Material's instant navigation works only when the served origin equals the site_url the site was
built for, so a build here always names the port it will be served on.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Quiet, reproducible Chromium: no GPU, no QUIC, no background traffic of its own.
QUIET_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Every host but this machine unresolvable: a request to a CDN could not succeed even if one
# slipped in.
LOCAL_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
CHROMIUM_ARGS = [*QUIET_ARGS, LOCAL_ONLY]


def chromium() -> str | None:
    """The browser `make test` set up: CEC_CHROMIUM, else Debian's, else None (Playwright's own)."""
    explicit = os.environ.get("CEC_CHROMIUM")
    if explicit:
        return explicit
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(candidate):
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(out: Path, url: str) -> None:
    """`mkdocs build --strict` into OUT for the address URL."""
    env = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
