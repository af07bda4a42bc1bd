"""JSON in, JSON out: the only door between the page's Web Worker and ``calc``.

No Python exception ever crosses into JavaScript: every call answers ``{"ok": true, ...}`` or
``{"ok": false, ...}`` with messages the page can show next to the field they concern. The one
piece of state is the page's :class:`~calc.memo.Calculator` (the rules and its memos).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from calc.bundle import BundleError, rules_from_json
from calc.engine import Decision, Tally, TallyError, tally
from calc.fields import (
    MAX_ACTIVITIES,
    InputProblem,
    activity_record,
    check_new_record,
    check_record,
    form_problems,
    loads,
    parse_activities,
    parse_activity,
    parse_profile,
    profile_record,
    too_many_activities,
)
from calc.memo import Calculator
from calc.model import Activity, Profile, Rules
from calc.report import dumps
from calc.text import parse_date

# Files, calendars, packets, backups and rules updates are asked for now and then, never for the
# first answer: their modules are imported when first used, which keeps the first visit's start
# (calc imported in a just-started Python) from paying for them.

_calculator: Calculator | None = None


def _problems(problems: list[InputProblem], about: str = "") -> str:
    """The problems found; ``about`` names what they keep from being done (``"profile"``:
    ``"profile": true`` in the answer)."""
    listed = [{"row": p.row, "column": p.column, "message": p.message} for p in problems]
    return dumps({"ok": False, **({about: True} if about else {}), "problems": listed})


def _error(message: str) -> str:
    return dumps({"ok": False, "error": message})


def _guarded(work: Callable[[Calculator], str]) -> str:
    if _calculator is None:
        return _error("rules are not loaded")
    try:
        return work(_calculator)
    except Exception as exc:
        return _error(f"internal error: {type(exc).__name__}: {exc}")


def _day(today: str | None) -> date:
    """The page's local day (YYYY-MM-DD); the machine's when none is given."""
    if not today:
        return date.today()
    day = parse_date(today)
    if day is None:
        raise ValueError(f"today must be a date written YYYY-MM-DD, not {today!r}")
    return day


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
    """Load the rules bundle once per worker; later calls replace it (and its memos)."""
    global _calculator
    try:
        _calculator = Calculator(rules_from_json(bundle_text))
    except BundleError as exc:
        return _error(str(exc))
    return dumps({"ok": True, "last_verified": _calculator.rules.last_verified.isoformat()})


def _parsed(
    calc: Calculator, request: dict[str, Any], today: str | None
) -> tuple[Profile, list[Activity]] | str:
    """A request's profile and activities, or an answer saying what is wrong with them."""
    profile, activities, problems = calc.parse(
        request["profile"], request["activities"], _day(today)
    )
    if problems or profile is None:
        return _problems(problems)
    return profile, activities


def compute(request_text: str, today: str | None = None) -> str:
    """Tally ``{"profile": {...}, "activities": [{...}, ...]}`` as on ``today`` (the page's
    local date; default the machine's), as the page's JSON result. With ``"base"``, the
    ``token`` of the last result the page holds, the activities' results may come as only
    those that changed (see :meth:`~calc.memo.Calculator.page_result`)."""

    def work(calc: Calculator) -> str:
        request = _request(request_text)
        if isinstance(request, str):
            return request
        found = _parsed(calc, request, today)
        if isinstance(found, str):
            return found
        profile, activities = found
        # The result the page holds, if any: only what changed since is sent again.
        base = request.get("base")
        try:
            result = calc.page_result(profile, activities, base if isinstance(base, str) else None)
        except TallyError as exc:
            return _error(str(exc))
        return dumps({"ok": True, "result": result})

    return _guarded(work)


def preview(request_text: str, record_text: str, index: str, today: str = "") -> str:
    """What the activity being typed (``record_text``, its record) would count and change,
    added to the log of ``request_text`` (as :func:`compute` takes it) when ``index`` is "", or
    in place of the activity at ``index`` (0-based, as text): ``{"ok": true, "preview": {...}}``
    (:meth:`~calc.memo.Calculator.preview`), equal to what :func:`compute` gives once the
    log is so. Otherwise ``{"ok": false, "problems": [...]}`` for the activity's own fields
    (as :func:`check_activity`, at the row it would take), with ``"profile": true`` when the
    profile cannot be tallied, or ``"log": true`` for the other activities' problems."""

    def work(calc: Calculator) -> str:
        request = _request(request_text)
        if isinstance(request, str):
            return request
        items = request["activities"]
        editing = index != ""
        if editing and not (index.isascii() and index.isdigit() and int(index) < len(items)):
            return _error(f"there is no activity at index {index!r} to replace")
        at = int(index) if editing else len(items)
        count = len(items) + (0 if editing else 1)
        if count > MAX_ACTIVITIES:
            return _problems([too_many_activities(MAX_ACTIVITIES + 1, count)], "log")
        day = _day(today)
        row = at + 1
        candidate, faults = calc.check(record_text, day)
        if candidate is not None:
            faults = form_problems(candidate, calc.rules)
        if candidate is None or faults:
            return _problems([InputProblem(row, column, message) for column, message in faults])
        profile, activities, problems = calc.parse(request["profile"], items, day)
        if profile is None:
            return _problems([p for p in problems if p.row == 0], "profile")
        # The old version of the activity being replaced may be wrong: only it.
        others = [p for p in problems if not (editing and p.row == row)]
        if others:
            return _problems(others, "log")
        before: list[Activity] | None = activities
        if not editing:
            after = [*activities, candidate]
        elif problems:  # the old version did not parse: there is no tally before
            before, after = None, [*activities[:at], candidate, *activities[at:]]
        else:
            after = [*activities[:at], candidate, *activities[at + 1 :]]
        try:
            return dumps({"ok": True, "preview": calc.preview(profile, before, after, at)})
        except TallyError as exc:
            return _problems([InputProblem(0, "", str(exc))], "profile")

    return _guarded(work)


def _tallied(calc: Calculator, request_text: str, today: str | None) -> Tally | str:
    """The tally of a request (no memo: for the occasional call), or an answer saying why
    there is none."""
    request = _request(request_text)
    if isinstance(request, str):
        return request
    return _tallied_request(calc, request, today)


def _tallied_request(calc: Calculator, request: dict[str, Any], today: str | None) -> Tally | str:
    """:func:`_tallied`, of a request already read."""
    found = _parsed(calc, request, today)
    if isinstance(found, str):
        return found
    try:
        return tally(calc.rules, *found)
    except TallyError as exc:
        return _error(str(exc))


def calendar(request_text: str, today: str | None = None) -> str:
    """The key dates still ahead as an iCalendar file; when none is left (the cycle lapsed, or
    renewal is done and no CPR/AED card date is ahead), an error saying so, not an empty file."""

    def work(calc: Calculator) -> str:
        from calc.ics import ics

        found = _tallied(calc, request_text, today)
        if isinstance(found, str):
            return found
        text = ics(calc.rules, found, _day(today))
        if "\r\nBEGIN:VEVENT\r\n" not in text:
            renewed = found.profile.renewed_on
            return _error(
                f"You renewed on {renewed.isoformat()}: nothing of that cycle is left to put in "
                "a calendar."
                if renewed
                else "Every date of this cycle has passed: there is nothing left to put in a "
                "calendar."
            )
        return dumps({"ok": True, "text": text})

    return _guarded(work)


def check_activity(record_text: str, today: str | None = None) -> str:
    """One activity from the form: its fields as the log keeps them, or each field's problem."""

    def work(calc: Calculator) -> str:
        try:
            record = loads(record_text)
        except (ValueError, RecursionError):
            return _error("the activity is not valid JSON")
        if not isinstance(record, dict):
            return _error("the activity must be a JSON object")
        activity, problems = parse_activity(record, 1, calc.rules, _day(today))
        if activity is not None:
            problems = [InputProblem(1, c, m) for c, m in form_problems(activity, calc.rules)]
        if activity is None or problems:
            return _problems(problems)
        return dumps({"ok": True, "record": activity_record(activity)})

    return _guarded(work)


def import_log(
    text: str, today: str | None = None, mapping: str = "", choices: str = "", current: str = ""
) -> str:
    """Read a CSV or JSON log file's text. Each step the page may have to take comes back in
    turn: for a CSV file whose columns cannot all be matched to fields, the columns to ask about
    (``mapping`` answers: the JSON of {header: field id, or "" to leave out}); then the values of
    a provider, unit or category the rules do not know, each once (``choices`` answers, see
    :mod:`calc.imports`); then the activities (and profile) as the page keeps them, with notes
    on how the file was read, the rows that could not be read (the page asks before importing
    the others) and, of the log the page holds (``current``, its records), which activities are
    already in it. A file with no readable row, or one that cannot be read at all, says every
    problem by row and column; a log file whose profile cannot be read says the profile's
    problems (its rows are read once the profile is fixed). Nothing is written by this call."""

    def work(calc: Calculator) -> str:
        from calc.imports import already_logged, apply_choices, read_choices, unknown_answer
        from calc.logfiles import (
            Unplaced,
            file_problems,
            mapping_answer,
            open_log,
            read_mapping,
        )

        day = _day(today)
        chosen = read_mapping(mapping) if mapping else {}
        if isinstance(chosen, list):
            return _problems(chosen)
        answers = read_choices(choices, calc.rules)
        if isinstance(answers, list):
            return _problems(answers)
        log = open_log(text, chosen)
        if isinstance(log, Unplaced):
            return dumps({"ok": False, "mapping": mapping_answer(log)})
        if isinstance(log, list):
            return _problems(log)
        rows, unknown = apply_choices(log.rows, calc.rules, answers)
        if unknown:
            answer = unknown_answer(unknown, calc.rules, log.headers)
            return dumps({"ok": False, "choose": answer})
        check = check_record if log.legacy else check_new_record
        activities, problems = parse_activities(rows, calc.rules, day, check)
        profile = None
        if log.profile:
            parsed, found = parse_profile(log.profile, calc.rules, day)
            if found:
                return _problems(file_problems(log, found))
            profile = profile_record(parsed) if parsed else None
            if profile is not None and log.profile.get("others"):
                from calc.bodies.profile import held_records

                # Kept as written; checked where they are counted (other_bodies).
                profile["others"] = held_records(log.profile["others"])
        if not activities and problems:
            return _problems(file_problems(log, problems))
        # The log the page holds, in the form it sends to compute: a record it cannot read is
        # not in the log as far as copies go (the page shows its problem already).
        held = _request(current) if current else None
        logged = calc.parse({}, held["activities"], day)[1] if isinstance(held, dict) else []
        unread = [
            {"row": p.row, "column": p.column, "message": p.message}
            for p in file_problems(log, problems)
        ]
        return dumps(
            {
                "ok": True,
                "profile": profile,
                "activities": [activity_record(a) for a in activities],
                "notes": list(log.notes),
                "unread": unread,
                "rows": len(log.rows),
                "copies": already_logged(calc.rules, logged, activities),
            }
        )

    return _guarded(work)


def load_bodies(bodies_text: str) -> str:
    """The other certifying bodies' rules (the JSON of each body's rules by id, as the site
    builds it), for :func:`other_bodies`; loaded when a profile first holds one of them."""

    def work(calc: Calculator) -> str:
        from calc.bodies.model import bodies_from

        try:
            raw = json.loads(bodies_text)
            calc.bodies = bodies_from(raw)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            return _error(f"the other bodies' rules cannot be read: {exc}")
        return dumps({"ok": True, "bodies": sorted(calc.bodies)})

    return _guarded(work)


def other_bodies(request_text: str, today: str | None = None) -> str:
    """Each other body's result for a request as :func:`compute` takes it, whose profile lists
    the other certifications held in ``others`` (entries as a profile file gives them:
    ``certification`` and its days, see :mod:`calc.bodies.profile`), judged on ``today``:
    ``{"ok": true, "bodies": [...], "counts": [...]}`` in the command line's shapes (each body's
    entry, and what each activity counts for each body). A problem of ``others`` comes back at
    row 0, column ``others``, as ``others[2].certified: ...``."""

    def work(calc: Calculator) -> str:
        from calc.bodies.profile import read_others
        from calc.bodies.report import body_json, counts_for
        from calc.bodies.tally import tally_body

        request = _request(request_text)
        if isinstance(request, str):
            return request
        raw = request["profile"]
        held, problems = read_others(
            raw.get("others"), calc.rules, calc.bodies, parse_date(raw.get("cpr_expires"))
        )
        if problems:
            return _problems([InputProblem(0, "others", p) for p in problems])
        if not held:
            return dumps({"ok": True, "bodies": [], "counts": []})
        day = _day(today)
        _, activities, faults = calc.parse({}, request["activities"], day)
        faults = [p for p in faults if p.row > 0]
        if faults:
            return _problems(faults)
        try:
            tallies = [
                tally_body(calc.bodies[b], calc.rules, certifications, activities, day)
                for b, certifications in held.items()
            ]
        except (OverflowError, ValueError) as exc:
            why = f"cannot work out a cycle's dates ({exc}); check the years"
            return _problems([InputProblem(0, "others", why)])
        counts = [counts_for(None, tallies, row) for row in range(len(activities))]
        return dumps({"ok": True, "bodies": [body_json(t) for t in tallies], "counts": counts})

    return _guarded(work)


def export_log(request_text: str, kind: str, today: str | None = None) -> str:
    """The log as CSV (activities, as a spreadsheet shows them, with the CECs each counts) or
    JSON (profile and activities), for download."""

    def work(calc: Calculator) -> str:
        from calc.logfiles import write_json

        request = _request(request_text)
        if isinstance(request, str):
            return request
        day = _day(today)
        rows = list(enumerate(request["activities"], start=1))
        activities, problems = parse_activities(rows, calc.rules, day)
        if problems:
            return _problems(problems)
        profile, _ = parse_profile(request["profile"], calc.rules, day)
        if kind != "csv":
            from calc.bodies.profile import held_records

            others = held_records(request["profile"].get("others"))
            return dumps({"ok": True, "text": write_json(profile, activities, others)})
        try:
            # Without a usable profile there is no tally: the CECs are left empty, not guessed.
            decisions = tally(calc.rules, profile, activities).decisions if profile else None
        except TallyError:
            decisions = None
        return dumps({"ok": True, "text": _csv(calc.rules, activities, decisions)})

    return _guarded(work)


def _csv(rules: Rules, activities: list[Activity], decisions: Sequence[Decision] | None) -> str:
    """The log's CSV export, with the CECs of each activity's decision (empty without them)."""
    from calc.logfiles import cecs_cells, write_csv

    cecs = None
    if decisions is not None:
        cecs = [cecs_cells(d.cecs, d.would if d.planned else None) for d in decisions]
    return write_csv(activities, rules, cecs)


def packet(request_text: str, files_text: str, today: str | None = None) -> str:
    """The audit packet's parts, for the page to zip: the summary page (HTML), the log as CSV
    (as :func:`export_log` writes it) and the name in the zip of each stored certificate file.
    ``request_text`` is the log as :func:`export_log` takes it (its profile may hold ``name``
    and ``acsm_number``); ``files_text`` the JSON of each activity's stored files, in the log's
    order: ``[[{"name": "cert.pdf", "type": "application/pdf", "size": 12345}], [], ...]``.
    Only the files of the activities that count go into the zip: ``files`` lists them by
    activity and file (both 0-based)."""

    def work(calc: Calculator) -> str:
        from calc.packet import (
            SUMMARY_NAME,
            csv_name,
            lines,
            person,
            read_files,
            summary_html,
            zip_name,
        )

        request = _request(request_text)
        if isinstance(request, str):
            return request
        found = _tallied_request(calc, request, today)
        if isinstance(found, str):
            return found
        files = read_files(files_text, len(found.decisions))
        if isinstance(files, str):
            return _error(files)
        day = _day(today)
        made = lines(found, files)
        activities = [d.activity for d in found.decisions]
        return dumps(
            {
                "ok": True,
                "zip_name": zip_name(day),
                "summary_name": SUMMARY_NAME,
                "html": summary_html(found, calc.rules, made, person(request["profile"]), day),
                "csv_name": csv_name(day),
                "csv": _csv(calc.rules, activities, found.decisions),
                "files": [
                    {"activity": f.activity, "file": f.file, "name": f.name} for f in made.files
                ],
            }
        )

    return _guarded(work)


def body_packet(request_text: str, files_text: str, body: str, today: str | None = None) -> str:
    """Another body's audit packet, in the parts :func:`packet` gives for ACSM's: ``body`` one
    of the bodies the profile's ``others`` hold (see :func:`other_bodies`)."""

    def work(calc: Calculator) -> str:
        from calc.bodies import packet as made
        from calc.bodies.profile import read_others
        from calc.bodies.tally import tally_body
        from calc.packet import SUMMARY_NAME, person, read_files

        request = _request(request_text)
        if isinstance(request, str):
            return request
        raw = request["profile"]
        held, problems = read_others(
            raw.get("others"), calc.rules, calc.bodies, parse_date(raw.get("cpr_expires"))
        )
        if body not in held or problems:
            return _error(f"no certification of {body!r} is held to make its packet for")
        day = _day(today)
        _, activities, faults = calc.parse({}, request["activities"], day)
        faults = [p for p in faults if p.row > 0]
        if faults:
            return _problems(faults)
        files = read_files(files_text, len(activities))
        if isinstance(files, str):
            return _error(files)
        try:
            t = tally_body(calc.bodies[body], calc.rules, held[body], activities, day)
        except (OverflowError, ValueError) as exc:
            return _error(f"cannot work out a cycle's dates ({exc}); check the years")
        listed = made.lines(t.first, activities, files)
        return dumps(
            {
                "ok": True,
                "zip_name": made.zip_name(body, day),
                "summary_name": SUMMARY_NAME,
                "html": made.summary_html(t, calc.rules, listed, person(raw), day),
                "csv_name": made.csv_name(body, day),
                "csv": made.lines_csv(t, calc.rules, activities),
                "files": [
                    {"activity": f.activity, "file": f.file, "name": f.name}
                    for line in listed
                    for f in line.files
                ],
            }
        )

    return _guarded(work)


def _io(io_text: str) -> tuple[str, list[str]]:
    """The folder the worker made for this call, and the page's files written in it."""
    io = json.loads(io_text)
    folder, inputs = io.get("dir"), io.get("inputs")
    if not isinstance(folder, str) or not isinstance(inputs, list):
        raise ValueError("the files given must be a folder and a list of paths")
    return folder, [str(p) for p in inputs]


def make_zip(entries_text: str, io_text: str) -> str:
    """A zip of text members and the page's files (the audit packet, a backup), written into the
    call's folder and named in ``outputs`` for the worker to hand back. ``entries_text``: JSON
    ``[{"name": ..., "text": ...} | {"name": ..., "input": i}]``, ``i`` a place in the inputs."""

    def work(_: Calculator) -> str:
        from calc import archive

        folder, inputs = _io(io_text)
        try:
            members = archive.entries(json.loads(entries_text), inputs)
        except archive.ArchiveProblem as exc:
            return _error(str(exc))
        out = f"{folder}/out.zip"
        archive.write_zip(out, members)
        return dumps({"ok": True, "outputs": [out]})

    return _guarded(work)


def read_backup(name: str, io_text: str) -> str:
    """A backup (the page's first input, the user's file ``name``) read and checked: its log's
    text, each certificate restored (bytes in ``outputs``, in order) and what was left out, or
    why it is not a backup."""

    def work(_: Calculator) -> str:
        from calc import archive

        folder, inputs = _io(io_text)
        if not inputs:
            return _error("no file was given")
        try:
            found = archive.read_backup(inputs[0], name, folder)
        except archive.ArchiveProblem as exc:
            return _error(str(exc))
        files = [{k: v for k, v in f.items() if k != "path"} for f in found.files]
        return dumps(
            {
                "ok": True,
                "log": found.log,
                "files": files,
                "notes": list(found.notes),
                "outputs": [f["path"] for f in found.files],
            }
        )

    return _guarded(work)


def rules_change(old_bundle_text: str, request_text: str, today: str | None = None) -> str:
    """What replacing the rules the page last computed with (``old_bundle_text``, as it kept
    them) by these did to this professional's numbers, in sentences (calc.rulechanges); no
    sentence when nothing that concerns them changed."""

    def work(calc: Calculator) -> str:
        from calc.rulechanges import change_answer

        request = _request(request_text)
        if isinstance(request, str):
            return request
        answer = change_answer(
            old_bundle_text, calc.rules, request["profile"], request["activities"], _day(today)
        )
        return dumps(answer)

    return _guarded(work)
