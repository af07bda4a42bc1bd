"""JSON in, JSON out: the only door between the page's Web Worker and ``calc``.

No Python exception ever crosses into JavaScript: every call answers with ``{"ok": true, ...}``
or ``{"ok": false, ...}`` carrying messages the page can show.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from calc.bundle import BundleError, rules_from_json
from calc.engine import TallyError, tally
from calc.logbook import InputProblem, parse_activity, parse_profile
from calc.model import Rules
from calc.report import dumps, tally_json

_rules: Rules | None = None


def _problems(problems: list[InputProblem]) -> str:
    return dumps(
        {
            "ok": False,
            "problems": [
                {"row": p.row, "column": p.column, "message": p.message} for p in problems
            ],
        }
    )


def _error(message: str) -> str:
    return dumps({"ok": False, "error": message})


def load_rules(bundle_text: str) -> str:
    """Load the rules bundle once per worker; later calls replace it."""
    global _rules
    try:
        _rules = rules_from_json(bundle_text)
    except BundleError as exc:
        return _error(str(exc))
    return dumps({"ok": True, "last_verified": _rules.last_verified.isoformat()})


def compute(request_text: str, today: str | None = None) -> str:
    """Tally one request: ``{"profile": {...}, "activities": [{...}, ...]}``."""
    try:
        return _compute(request_text, date.fromisoformat(today) if today else date.today())
    except Exception as exc:
        return _error(f"internal error: {type(exc).__name__}: {exc}")


def _compute(request_text: str, today: date) -> str:
    if _rules is None:
        return _error("rules are not loaded")
    try:
        request = json.loads(request_text, parse_float=Decimal)
    except (json.JSONDecodeError, RecursionError):
        return _error("the request is not valid JSON")
    if not isinstance(request, dict):
        return _error("the request must be a JSON object")
    raw_profile = request.get("profile")
    raw_activities = request.get("activities")
    if not isinstance(raw_profile, dict) or not isinstance(raw_activities, list):
        return _error("the request needs a profile object and an activities list")
    profile, problems = parse_profile(raw_profile, _rules, today)
    activities = []
    for row, raw in enumerate(raw_activities, start=1):
        if not isinstance(raw, dict):
            problems.append(InputProblem(row, "", "an activity must be an object"))
            continue
        activity, found = parse_activity(raw, row)
        problems += found
        if activity is not None:
            activities.append(activity)
    if problems or profile is None:
        return _problems(problems)
    try:
        result = tally(_rules, profile, activities)
    except TallyError as exc:
        return _error(str(exc))
    return dumps({"ok": True, "result": tally_json(result)})
