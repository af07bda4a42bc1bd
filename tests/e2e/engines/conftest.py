"""The three engines the journeys walk. An engine this machine lacks is skipped with its reason,
and the run's summary names every engine skipped (`make test` installs them where it can:
scripts/ensure_engines.sh), so a missing engine is never a silent pass; under CI=true it fails."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.engines import drivers

ENGINES = ("chromium", "firefox", "webkit")
SKIPPED: dict[str, str] = {}
USED: dict[str, str] = {}


def missing(name: str) -> str | None:
    """Why ENGINE cannot run here, or None."""
    install = "(make test installs it with apt-get when run as root: scripts/ensure_engines.sh)"
    if name == "firefox":
        if not drivers.firefox_path():
            return f"Firefox: no firefox-esr on this machine {install}"
        if not (drivers.ROOT / "node_modules" / "puppeteer-core").is_dir():
            return "Firefox: puppeteer-core is not installed (npm ci)"
    if name == "webkit":
        if not drivers.webkit_driver() or not drivers.MINIBROWSER.exists():
            return f"WebKit: no WebKitWebDriver and MiniBrowser (webkit2gtk-driver) {install}"
        if not os.environ.get("DISPLAY") and not _which("Xvfb"):
            return f"WebKit: no display and no Xvfb {install}"
    return None


def _which(program: str) -> bool:
    import shutil

    return shutil.which(program) is not None


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """An X display for WebKitGTK: this session's own Xvfb (or the one already set)."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[drivers.Engine]:
    """A fresh browser (its own profile: nothing kept from another journey) in each engine."""
    name: str = request.param
    reason = missing(name)
    if reason:
        SKIPPED[name] = reason
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{reason}; under CI every engine must run")
        pytest.skip(reason)
    opened: drivers.Engine
    if name == "chromium":
        opened = drivers.Chromium(request.getfixturevalue("browser"))
    elif name == "firefox":
        path = drivers.firefox_path()
        assert path
        opened = drivers.Firefox(path, tmp_path / "downloads")
    else:
        opened = drivers.WebKit(request.getfixturevalue("display"))
    USED[name] = opened.version
    try:
        yield opened
    finally:
        opened.quit()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not (USED or SKIPPED):
        return
    terminalreporter.section("browser engines")
    for name in ENGINES:
        if name in USED:
            terminalreporter.write_line(f"{name}: {USED[name]}")
        elif name in SKIPPED:
            terminalreporter.write_line(f"{name}: SKIPPED, {SKIPPED[name]}", red=True)
