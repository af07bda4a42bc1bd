"""MkDocs hook: everything generated from the rules joins the site here, and nothing else happens.

Each step is a plain script that also runs on its own; this hook only calls them:
rules YAML -> checked bundle (calc.rulefiles) -> pages (scripts.gen_pages) and the feed of what
changed (scripts.changes_page), the Pyodide runtime
(scripts.pyodide_files) with the standard library and calc precompiled (scripts.python_build,
which packs calc with scripts.package_calc); after the build,
the Content Security Policy (scripts.security) and the service worker (scripts.offline).
Each page's tables are wrapped at build time (scripts.tables) rather than by the theme's script.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calc.rulefiles import RulesError, bundle_json  # noqa: E402
from calc.rulefiles.load import load_all  # noqa: E402
from scripts import (  # noqa: E402
    changes_page,
    gen_pages,
    offline,
    pagetext,
    pyodide_files,
    python_build,
    security,
    tables,
)

_bundle: dict[str, Any] = {}
_bodies: dict[str, dict[str, Any]] = {}
_command = {"name": "build"}


def build_day(environ: Mapping[str, str] = os.environ) -> date:
    """The day the pages are built as of: TODAY (YYYY-MM-DD) when set, so that a maintainer can
    preview a dated rule change before its day (`make serve TODAY=2027-01-01`); else today."""
    text = environ.get("TODAY", "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PluginError(f"TODAY={text!r}: write the day as YYYY-MM-DD, e.g. 2027-01-01") from None


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Checked once per build (and per rebuild under `mkdocs serve`); a bad rule stops the build.
    try:
        bundle, bodies = load_all(str(ROOT / "rules"))
    except RulesError as exc:
        raise PluginError("the rule files have problems:\n" + str(exc)) from exc
    _bundle.clear()
    _bundle.update(bundle)
    _bodies.clear()
    _bodies.update(bodies)
    # Each other body's page joins the menu (a body added under rules/ needs no edit here).
    config.nav = with_bodies(config.nav, bodies)
    config.extra["rules_last_verified"] = pagetext.long_date(bundle["last_verified"])
    # The page's modules, preloaded by the calculator page (overrides/main.html): those the page
    # needs to bind, its static imports; the ones imported only when needed (share links, the
    # rules notice) and the worker's own module load later.
    page_modules = static_imports(ROOT / "docs/assets/calculator", "app.mjs")
    config.extra["calculator_modules"] = sorted({"loader.mjs", *page_modules})
    return config


# The menu section the other bodies' pages go in, after ACSM's own pages on renewing.
OTHER_BODIES = "Other certifications"


def with_bodies(nav: Any, bodies: Mapping[str, Mapping[str, Any]]) -> Any:
    """The menu of mkdocs.yml with a section listing each other body's page (by abbreviation),
    after the page it names, "Renewing several certifications", which leads it."""
    if not isinstance(nav, list) or not bodies:
        return nav
    pages = [
        {body["body"]["abbreviation"]: f"{gen_pages.BODIES}/{bid}.md"}
        for bid, body in sorted(bodies.items(), key=lambda item: item[1]["body"]["abbreviation"])
    ]
    out = []
    for item in nav:
        if isinstance(item, dict) and OTHER_BODIES in item:
            item = {OTHER_BODIES: [*item[OTHER_BODIES], *pages]}
        out.append(item)
    return out


_IMPORT = re.compile(r'^import\s[^;]*?\sfrom\s+"\./([\w-]+\.mjs)";', re.M)


def static_imports(folder: Path, entry: str) -> list[str]:
    """The modules ``entry`` imports statically, directly or not, with itself (sorted names)."""
    found, todo = {entry}, [entry]
    while todo:
        for name in _IMPORT.findall((folder / todo.pop()).read_text(encoding="utf-8")):
            if name not in found:
                found.add(name)
                todo.append(name)
    return sorted(found)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    rules = bundle_json(_bundle)
    try:
        runtime = pyodide_files.core_files()
        compiled = python_build.ensure(rules)
        pages = gen_pages.render(_bundle, build_day(), bodies=_bodies)
    except (pyodide_files.PyodideMissing, python_build.BuildFailed) as exc:
        raise PluginError(str(exc)) from exc
    except gen_pages.TemplateProblem as exc:
        raise PluginError(str(exc)) from exc
    for page, text in pages.items():
        files.append(File.generated(config, page, content=text))
    files.append(File.generated(config, "assets/rules.json", content=rules))
    # The other bodies' rules, fetched by the calculator's worker only once a profile holds one
    # of their certifications (calc.bridge.load_bodies).
    # In the files' order: a body's parts and routes are tried and listed in that order.
    other = json.dumps(_bodies, default=str, separators=(",", ":"))
    files.append(File.generated(config, "assets/bodies.json", content=other))
    # The "What changed" page's changes as an Atom feed, beside the page (scripts.changes_page).
    feed = changes_page.feed(_bundle, config.site_url or "", build_day(), pagetext.PAGE_NAMES)
    files.append(File.generated(config, changes_page.FEED, content=feed))
    # The pinned Pyodide, but with its standard library split and precompiled, and calc
    # precompiled (python_build).
    runtime["python_stdlib.zip"] = compiled["python_stdlib.zip"]
    runtime["python_stdlib_more.zip"] = compiled["python_stdlib_more.zip"]
    files.append(
        File.generated(config, "assets/calculator/calc.zip", abs_src_path=str(compiled["calc.zip"]))
    )
    for name, path in runtime.items():
        files.append(File.generated(config, f"assets/pyodide/{name}", abs_src_path=str(path)))
    return files


def on_page_content(html: str, **_: Any) -> str:
    return tables.prewrap(html)


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    serving = _command["name"] == "serve"
    # mkdocs serve injects its live-reload script inline; a policy would block it.
    if not serving:
        security.apply(site)
    offline.write(site, serving=serving)
