"""Every built page is valid HTML by the Nu Html Checker (vnu, from the vnu-jar npm package, run
with Java 17 or later; scripts/ensure_java.sh installs Debian's), checked once over all pages.

Only the markup this project writes must be valid: the few errors in the Material theme's own
templates are listed below, each with where it comes from, and ignored.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BuiltSite

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_NEEDED = 17  # vnu.jar's own requirement (java -jar vnu.jar --help)


@dataclass(frozen=True)
class ThemeError:
    message: str  # the start of vnu's message (--asciiquotes)
    markup: str  # what the offending markup contains
    why: str  # where in the theme it comes from


THEME_ERRORS = [
    ThemeError(
        "Attribute 'autocomplete' is only allowed when the input type is",
        '<input class="md-toggle" data-md-toggle=',
        "material/templates/base.html writes the drawer and search toggles as "
        '<input class="md-toggle" type="checkbox" autocomplete="off">, on every page',
    ),
    ThemeError(
        "The value of the 'for' attribute of the 'label' element must be the ID of a non-hidden",
        '<label class="md-nav__title" for="__toc">',
        "material/templates/partials/toc.html labels the table of contents for the __toc "
        "checkbox, which partials/nav-item.html writes only for a page in the nav: so on every "
        "page kept out of it (not_in_nav in mkdocs.yml) the label points at nothing",
    ),
]


def java_major(java: str) -> int | None:
    shown = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)', shown.stderr + shown.stdout)
    return int(found.group(1)) if found else None


def cannot_run(reason: str) -> None:
    """Under CI a missing tool is a failure, not a skipped check; elsewhere a skip that says why."""
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(reason)
    pytest.skip(reason)


def offending(message: dict[str, Any], width: int = 160) -> str:
    """The markup vnu points at, cut to WIDTH characters (an attribute can hold kilobytes)."""
    extract = str(message.get("extract", ""))
    start = int(message.get("hiliteStart", 0))
    shown = extract[start : start + int(message.get("hiliteLength", len(extract)))]
    shown = " ".join(shown.split())
    return shown if len(shown) <= width else f"{shown[: width - 60]} … {shown[-60:]}"


def theme_error(message: dict[str, Any]) -> ThemeError | None:
    for known in THEME_ERRORS:
        if message.get("message", "").startswith(known.message) and known.markup in str(
            message.get("extract", "")
        ):
            return known
    return None


@pytest.fixture(scope="module")
def vnu_messages(built_site: BuiltSite) -> list[dict[str, Any]]:
    java = shutil.which("java")
    if java is None:
        cannot_run(
            f"Java {JAVA_NEEDED}+ is missing: the Nu Html Checker needs it (run "
            "scripts/ensure_java.sh as root, or apt-get install default-jre-headless)"
        )
    assert java is not None
    major = java_major(java)
    if major is None or major < JAVA_NEEDED:
        cannot_run(f"{java} is Java {major}; the Nu Html Checker needs Java {JAVA_NEEDED}+")
    if not VNU.is_file():
        cannot_run(f"{VNU.relative_to(ROOT)} is missing: run `npm ci` (package.json pins vnu-jar)")
    pages = sorted(built_site.path.rglob("*.html"))
    assert len(pages) >= 12
    run = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--asciiquotes", "--stdout"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode in (0, 1), f"vnu failed ({run.returncode}):\n{run.stderr}{run.stdout}"
    messages: list[dict[str, Any]] = json.loads(run.stdout)["messages"]
    for m in messages:
        m["page"] = str(Path(m.get("url", "").removeprefix("file:")).relative_to(built_site.path))
    return messages


def test_the_markup_this_project_writes_is_valid(vnu_messages: list[dict[str, Any]]) -> None:
    found: dict[str, list[str]] = defaultdict(list)
    for m in vnu_messages:
        if theme_error(m) is None:
            where = f"line {m['lastLine']}" if "lastLine" in m else m.get("type", "")
            found[m["page"]].append(f"  {where}: {m.get('message')}\n      {offending(m)}")
    report = "\n".join(f"{page}:\n" + "\n".join(errors) for page, errors in sorted(found.items()))
    count = sum(len(e) for e in found.values())
    assert not found, f"the Nu Html Checker found {count} error(s):\n{report}"


def test_every_ignored_theme_error_still_occurs(vnu_messages: list[dict[str, Any]]) -> None:
    """An ignored error the theme no longer makes comes off the list."""
    seen = {theme_error(m) for m in vnu_messages}
    gone = [t.message for t in THEME_ERRORS if t not in seen]
    assert not gone, f"no longer reported, take off THEME_ERRORS: {gone}"
