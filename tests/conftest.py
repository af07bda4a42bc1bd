"""Shared fixtures. This file also runs inside Pyodide, where PyYAML is absent: there the rules
come from the bundle the CPython side wrote (CEC_RULES_BUNDLE), here straight from rules/."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from calc.bundle import rules_from_bundle
from calc.model import Rules

ROOT = Path(__file__).resolve().parent.parent


def load_bundle() -> dict[str, Any]:
    path = os.environ.get("CEC_RULES_BUNDLE")
    if path:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        return data
    from calc.rulefiles import load_dir

    return load_dir(str(ROOT / "rules"))


def load_bodies() -> dict[str, Any]:
    """The other bodies' rules (rules/<body>/), as ``calc.rulefiles.load.load_all`` gives them;
    inside Pyodide from the JSON `make test-pyodide` writes (CEC_BODIES_JSON)."""
    path = os.environ.get("CEC_BODIES_JSON")
    if path:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))["rules"]
        return data
    from calc.rulefiles.load import load_all

    return load_all(str(ROOT / "rules"))[1]


def quoted(bundle: Any, rule: str, since: str) -> str | None:
    """The words the rules quote for ``rule``'s value from ``since``: what a citation carries. Read
    from the rules, so that a maintainer's better quote changes no test."""
    if isinstance(bundle, dict):
        if bundle.get("rule") == rule:
            return next(e.get("quote") for e in bundle["entries"] if e["from"] == since)
        bundle = list(bundle.values())
    if isinstance(bundle, list):
        for item in bundle:
            found = quoted(item, rule, since)
            if found is not None:
                return found
    return None


def as_of(tree: Any, day: str) -> None:
    """Leaves each rule of the bundle only the entries dated on or before ``day``."""
    if isinstance(tree, dict):
        if isinstance(tree.get("entries"), list) and "rule" in tree:
            tree["entries"] = [e for e in tree["entries"] if str(e["from"]) <= day]
        for value in tree.values():
            as_of(value, day)
    elif isinstance(tree, list):
        for value in tree:
            as_of(value, day)


@pytest.fixture(scope="session")
def bundle() -> dict[str, Any]:
    return load_bundle()


@pytest.fixture(scope="session")
def rules(bundle: dict[str, Any]) -> Rules:
    return rules_from_bundle(bundle)


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    url: str  # the address the site was built for (SITE_URL); tests that serve it use this port


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site, built once per test run with `mkdocs build --strict`, for a local address."""
    from scripts import local_site  # here, not at the top: only CPython builds the site

    url = f"http://127.0.0.1:{local_site.free_port()}/"
    out = tmp_path_factory.mktemp("site")
    local_site.build(out, url)
    return BuiltSite(out, url)
