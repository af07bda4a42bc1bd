"""What `rules check` says beyond a valid rule set: ids the page templates use that the rules no
longer define (a renamed or removed certification, provider, unit or category: the build would
stop on it), and warnings that do not stop anything: a source no rule cites, a source read
"after" today.

Build-time only, like the loader: the calculator never runs it.
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import Any

from calc.rulefiles.load import ACSM, display_path, load_dir
from calc.rulefiles.located import Located, read
from calc.rulefiles.problems import Problem
from calc.rulefiles.schemas import did_you_mean

# The site's rules and page templates, beside calc in a checkout (absent where calc is installed
# alone). The templates are checked against the site's own rules only: a test's fixture rules
# need not define what the pages use.
_ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SITE_RULES = os.path.join(_ROOT, "rules")
TEMPLATES = os.path.join(_ROOT, "scripts", "templates")


def review(
    rules_dir: str, today: date, templates: str | None = None
) -> tuple[list[Problem], list[Problem]]:
    """The rules folder loaded (``RulesError`` when it does not), then what else `rules check`
    reports: problems (ids the templates use and the rules lack) and warnings."""
    bundle = load_dir(rules_dir)
    if templates is None and _same(rules_dir, SITE_RULES) and os.path.isdir(TEMPLATES):
        templates = TEMPLATES
    errors = template_ids(templates, bundle) if templates is not None else []
    return errors, warnings(rules_dir, bundle, today)


def _same(a: str, b: str) -> bool:
    return os.path.isdir(b) and os.path.samefile(a, b)


# "rules.categories.cpr", "rules.providers.acsm.reported_automatically" in a template: an id of
# one of the collections, unless it is a mapping's method (items, values...).
_USE = re.compile(r"\brules\.(certifications|providers|units|categories)\.([a-z_][a-z0-9_]*)")
_METHODS = {"items", "values", "keys", "get"}


def template_ids(templates: str, bundle: dict[str, Any]) -> list[Problem]:
    """Each id a template names that the rules do not define, at the template's line."""
    problems = []
    for name in sorted(os.listdir(templates)):
        path = os.path.join(templates, name)
        if not name.endswith(".j2") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as text:
            for number, line in enumerate(text, 1):
                for found in _USE.finditer(line):
                    group, key = found[1], found[2]
                    if key in _METHODS or key in bundle.get(group, {}):
                        continue
                    near = did_you_mean(key, bundle.get(group, {}))
                    hint = f" (did you mean {near}?)" if near else ""
                    problems.append(
                        Problem(
                            display_path(path),
                            number,
                            found.start(2) + 1,
                            f"this page uses {group} id {key!r}, which {group}.yaml does not "
                            f"define{hint}: rename it here too, or keep the id",
                        )
                    )
    return problems


def warnings(rules_dir: str, bundle: dict[str, Any], today: date) -> list[Problem]:
    """What a maintainer should look at but that publishes: a source no rule cites (a typo in
    an id elsewhere, or one to delete), and a source retrieved after today."""
    cited = set(_cited(bundle))
    path = os.path.join(rules_dir, ACSM, "sources.yaml")
    doc, _ = read(path, display_path(path))
    found = []
    for sid, source in bundle["sources"].items():
        if sid not in cited:
            found.append(
                _at(doc, ("sources", sid), f"source {sid!r} is cited by no rule", key=True)
            )
        retrieved = date.fromisoformat(source["retrieved"])
        if retrieved > today:
            found.append(
                _at(
                    doc,
                    ("sources", sid, "retrieved"),
                    f"retrieved {retrieved.isoformat()} is after today ({today.isoformat()})",
                    key=False,
                )
            )
    return found


def _at(doc: Located, path: tuple[str, ...], message: str, *, key: bool) -> Problem:
    return doc.problem(path, f"warning: {message}", key=key)


def _cited(node: Any) -> list[str]:
    """Every source id the bundle cites: a dated entry's, a former name's..."""
    if isinstance(node, dict):
        own = [node["source"]] if isinstance(node.get("source"), str) else []
        return own + [
            sid for key, value in node.items() if key != "sources" for sid in _cited(value)
        ]
    if isinstance(node, list):
        return [sid for value in node for sid in _cited(value)]
    return []
