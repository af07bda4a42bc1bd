"""JSON in, JSON out: the only door between the page's Web Worker and ``calc``.

No Python exception ever crosses into JavaScript: every call answers ``{"ok": true, ...}`` or
``{"ok": false, ...}`` with messages the page can show next to the field they concern.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from calc.bundle import BundleError, rules_from_json
from calc.calendar import ics
from calc.engine import Tally, TallyError, tally
from calc.logbook import (
    InputProblem,
    Memo,
    activity_record,
    loads,
    parse_activities,
    parse_activity,
    parse_log,
    parse_profile,
    profile_record,
    read_log,
    write_csv,
    write_json,
)
from calc.model import Rules
from calc.report import dumps, page_json

_rules: Rules | None = None
# Activities checked before, for the page's recomputes (see logbook.parse_activities).
_checked: Memo = {}


def _problems(problems: list[InputProblem]) -> str:
    listed = [{"row": p.row, "column": p.column, "message": p.message} for p in problems]
    return dumps({"ok": False, "problems": listed})


def _error(message: str) -> str:
    return dumps({"ok": False, "error": message})


def _guarded(work: Callable[[], str]) -> str:
    if _rules is None:
        return _error("rules are not loaded")
    try:
        return work()
    except Exception as exc:
        return _error(f"internal error: {type(exc).__name__}: {exc}")


def _day(today: str | None) -> date:
    return date.fromisoformat(today) if today else date.today()


RECORD_SEPARATOR = "\x1e"


def _request(text: str) -> dict[str, Any] | str:
    """The request object, or an error answer. Requests are the page's own JSON.stringify of its
    log, flat records of text; only imported files (import_log) can nest deeply, and those go
    through the guarded reader.

    The page's form is faster to read: the JSON of ``{"profile": ...}``, then each activity's
    JSON text, separated by U+001E (which JSON text cannot contain unescaped)."""
    head, *records = text.split(RECORD_SEPARATOR)
    try:
        request = json.loads(head, parse_float=Decimal)
    except (ValueError, RecursionError):
        return _error("the request is not valid JSON")
    if isinstance(request, dict) and "activities" not in request and "records" not in request:
        request["records"] = records  # the page's form (an empty log sends no record at all)
    if not isinstance(request, dict):
        return _error("the request must be a JSON object")
    # "records": the activities as JSON texts, one each (the page's form: a record seen before is
    # recognised by its text alone, without being parsed again).
    items = request.get("records", request.get("activities"))
    if not isinstance(request.get("profile"), dict) or not isinstance(items, list):
        return _error("the request needs a profile object and an activities list")
    request["activities"] = items
    return request


def load_rules(bundle_text: str) -> str:
    """Load the rules bundle once per worker; later calls replace it."""
    global _rules
    try:
        _rules = rules_from_json(bundle_text)
        _checked.clear()
    except BundleError as exc:
        return _error(str(exc))
    return dumps({"ok": True, "last_verified": _rules.last_verified.isoformat()})


def _tallied(request_text: str, today: str | None) -> Tally | str:
    """The tally of a request, or an answer saying why there is none."""
    assert _rules is not None
    request = _request(request_text)
    if isinstance(request, str):
        return request
    rows = list(enumerate(request["activities"], start=1))
    profile, activities, problems = parse_log(
        request["profile"], rows, _rules, _day(today), _checked
    )
    if problems or profile is None:
        return _problems(problems)
    try:
        return tally(_rules, profile, activities)
    except TallyError as exc:
        return _error(str(exc))


def compute(request_text: str, today: str | None = None) -> str:
    """Tally ``{"profile": {...}, "activities": [{...}, ...]}`` as on ``today`` (the page's
    local date; default the machine's)."""

    def work() -> str:
        assert _rules is not None
        found = _tallied(request_text, today)
        if isinstance(found, str):
            return found
        answer = '{"ok": true, "result": ' + page_json(found, _rules) + "}"
        # What survives a tally (the memos of checked activities and decisions) is long-lived:
        # keep the cyclic garbage collector from walking it again on every recompute.
        gc.freeze()
        return answer

    return _guarded(work)


def calendar(request_text: str, today: str | None = None) -> str:
    """The cycle's key dates as an iCalendar file."""

    def work() -> str:
        found = _tallied(request_text, today)
        if isinstance(found, str):
            return found
        return dumps({"ok": True, "text": ics(found, _day(today))})

    return _guarded(work)


def check_activity(record_text: str, today: str | None = None) -> str:
    """One activity from the form: its fields as the log keeps them, or each field's problem."""

    def work() -> str:
        assert _rules is not None
        try:
            record = loads(record_text)
        except (ValueError, RecursionError):
            return _error("the activity is not valid JSON")
        if not isinstance(record, dict):
            return _error("the activity must be a JSON object")
        activity, problems = parse_activity(record, 1, _rules, _day(today))
        if activity is None:
            return _problems(problems)
        return dumps({"ok": True, "record": activity_record(activity)})

    return _guarded(work)


def import_log(text: str, today: str | None = None) -> str:
    """Read a CSV or JSON log file's text: the activities (and profile) as the page keeps them,
    or every problem by row and column. Nothing is half-imported."""

    def work() -> str:
        assert _rules is not None
        day = _day(today)
        log, problems = read_log(text)
        if log is None:
            return _problems(problems)
        activities, problems = parse_activities(log.rows, _rules, day)
        profile = None
        if log.profile:
            parsed, found = parse_profile(log.profile, _rules, day)
            problems += found
            profile = profile_record(parsed) if parsed else None
        if problems:
            return _problems(problems)
        records = [activity_record(a) for a in activities]
        return dumps({"ok": True, "profile": profile, "activities": records})

    return _guarded(work)


def export_log(request_text: str, kind: str, today: str | None = None) -> str:
    """The log as CSV (activities) or JSON (profile and activities), for download."""

    def work() -> str:
        assert _rules is not None
        request = _request(request_text)
        if isinstance(request, str):
            return request
        day = _day(today)
        rows = list(enumerate(request["activities"], start=1))
        activities, problems = parse_activities(rows, _rules, day)
        if problems:
            return _problems(problems)
        if kind == "csv":
            return dumps({"ok": True, "text": write_csv(activities)})
        profile, _ = parse_profile(request["profile"], _rules, day)
        return dumps({"ok": True, "text": write_json(profile, activities)})

    return _guarded(work)
