"""The professional's input checked field by field: the profile, each activity, and the records
they are kept as (what the page stores and the log files hold).

Every problem names its row and column so that the page can show it next to the field and the
command line can print ``FILE:ROW:COLUMN: message``. Nothing here raises on bad input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from calc.model import Activity, Profile, Rules
from calc.text import fmt, looks_like_date, name_key, parse_date

# Plain decimal notation only: "1e3" or "0x10" are more likely typing slips than intent.
_NUMBER = re.compile(r"[0-9]{1,6}(\.[0-9]{1,3})?|\.[0-9]{1,3}")
MAX_TITLE = 300
MAX_AMOUNT = Decimal(1000)
MAX_ACTIVITIES = 10_000
EARLIEST = date(1990, 1, 1)
MAX_YEARS_AHEAD = 3
# A profile's days (cycle end, CPR card, renewal...) beyond this many years from today are typing
# slips; far-off years would also overflow the date arithmetic (year 9999 has no next June 30).
MAX_PROFILE_YEARS = 10

COLUMNS = (
    "date",
    "title",
    "provider",
    "organization",  # the organization's own name: required for one the rules do not list
    "amount",
    "unit",
    "category",
    "in_scope",
    "certificate",
    "decimal_system",  # an unlisted organization on the decimal system? yes, no or empty
    "reported",  # entered in ACSM's Self-Reporting Tool? yes, no or empty
    "separate",  # yes: not a copy of a look-alike activity (same date, organization, amount...)
    "service_from",  # committee service: the first day served
    "service_to",  # committee service: the last day served (the activity's date)
    # What other certifying bodies ask (calc.bodies); every one optional.
    "participation_hours",  # hours of participation, where the unit does not give them
    "format",  # live (in person or streamed live) or recorded (home study, on demand)
    "topics",  # topics a body asks a part of: ethics
    "approvals",  # a body's approval or course number: "ACE 12345; NASM 678"
    "petitions",  # the bodies that approved a petition for it: "ACE; NETA"
)
REQUIRED_COLUMNS = ("date", "provider", "amount")
# Other bodies' columns: an exported log leaves them out when no activity gives one, so that a
# log for ACSM alone reads as it always has.
OTHER_BODIES_COLUMNS = ("participation_hours", "format", "topics", "approvals", "petitions")
# Each field in the words of the calculator's form: the page's labels, the exported file's header
# and the choices of the step where a file's columns are matched to fields.
LABELS = {
    "date": "Date completed",
    "title": "Title",
    "provider": "Provider",
    "organization": "Organization name",
    "amount": "Amount",
    "unit": "Unit",
    "category": "Category",
    "in_scope": "Within the scope of my certification",
    "certificate": "I have the certificate",
    "decimal_system": "Does this organization count 0.1 per hour?",
    "reported": "Entered in ACSM's Self-Reporting Tool",
    "separate": "This is a separate activity",
    "service_from": "Served from",
    "service_to": "Served to",
    "participation_hours": "Hours of participation",
    "format": "Live or recorded",
    "topics": "Topics",
    "approvals": "Approval numbers",
    "petitions": "Petitions approved by",
}
# The exported file's columns of CECs counted and of CECs a plan would count once done:
# computed, so never read back.
CECS_LABEL = "ACSM CECs"
PLANNED_LABEL = "Planned CECs"
# Headers trainers' own spreadsheets use, as header_key writes them.
HEADER_ALIASES = {
    "date": ("completed", "date completed", "completion date"),
    "title": ("course", "activity", "course title", "course name"),
    "provider": ("provider id",),
    # A sheet with no provider column reads this one as the provider (calc.logfiles._place).
    "organization": ("organisation", "organisation name", "sponsor", "provider name", "given by"),
    "amount": (
        "credits",
        "cecs",
        "ceus",
        "hours",
        "contact hours",
        "credit hours",
        "quarter credits",
        "quarter credit hours",
        "semester credits",
        "semester credit hours",
    ),
    "unit": ("units", "credit type"),
    "category": (),
    "in_scope": (),
    "certificate": ("have certificate",),
    "decimal_system": (),
    "reported": (),
    "separate": ("separate activity", "not a copy"),
    "service_from": ("service from", "term start", "start of service"),
    "service_to": ("service to", "term end", "end of service"),
    "participation_hours": ("participation hours", "hours attended", "hours of attendance"),
    "format": ("delivery", "live or online"),
    "topics": ("topic",),
    "approvals": ("approval number", "approval", "course number", "cep number"),
    "petitions": ("petition approved", "petitions approved", "petition approved by"),
}
# Amount headers that name the unit too: with no unit column, the unit of every row. ("Credit
# hours" is left out: a trainer means credits by it, not college credit hours.)
UNIT_HEADERS = (
    "cecs",
    "ceus",
    "hours",
    "contact hours",
    "quarter credits",
    "quarter credit hours",
    "semester credits",
    "semester credit hours",
)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def header_key(header: str) -> str:
    """A header as compared: any case, spaces and punctuation ("Date completed:" as
    "date completed", "in_scope" as "in scope")."""
    return _NOT_WORD.sub(" ", header.lower()).strip()


def _headers() -> dict[str, str]:
    found: dict[str, str] = {header_key(CECS_LABEL): "", header_key(PLANNED_LABEL): ""}
    for field, aliases in HEADER_ALIASES.items():
        for name in (field, LABELS[field], *aliases):
            found[header_key(name)] = field
    return found


# Each known header's field; "" for a column to leave out.
HEADERS = _headers()
# The last two are for the audit packet only (calc.packet): nothing counts with them, and the log
# files Python writes leave them out (they are kept in the browser and in its full backups).
PROFILE_FIELDS = (
    "certifications",
    "cycle_end",
    "cycle_start",
    "cpr_expires",
    "renewed_on",
    "name",
    "acsm_number",
)
_TRUE = {"yes", "y", "true", "1"}
_FALSE = {"no", "n", "false", "0"}
_UNSURE = {"", "not sure", "unsure", "unknown", "?"}
DATE_FORMAT_PROBLEM = "must be a date written YYYY-MM-DD"


@dataclass(frozen=True)
class InputProblem:
    row: int  # 0 for the profile; else the activity's row (CSV: line number, JSON: position)
    column: str
    message: str

    def where(self, file: str) -> str:
        row = "profile" if self.row == 0 else str(self.row)
        column = f":{self.column}" if self.column else ""
        return f"{file}:{row}{column}: {self.message}"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date_problem(value: Any, required: bool) -> str | None:
    """Why a date field is unusable, or None when it is fine (or empty and optional)."""
    text = _text(value)
    if not text:
        return "is required" if required else None
    if parse_date(text) is None:
        if looks_like_date(text):
            return f"{text} is not a real date"
        return DATE_FORMAT_PROBLEM
    return None


def parse_amount(value: Any) -> Decimal | str:
    """The amount as an exact Decimal, or a message saying what is wrong with it."""
    if isinstance(value, bool):
        return "must be a number"
    if isinstance(value, (int, Decimal)):
        text = format(Decimal(value), "f")  # 1E+2 as 100; NaN and Infinity as they are
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = _text(value)
    if not text:
        return "is required"
    if text.startswith("-"):
        return "must not be negative"
    if not _NUMBER.fullmatch(text):
        return "must be a plain number such as 1.5 (at most 3 decimals)"
    amount = Decimal(text)
    if not amount:
        return "must be more than 0"
    if amount > MAX_AMOUNT:
        return f"is more than {MAX_AMOUNT}; check the amount"
    return amount


def parse_flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def _lookup(value: str, ids: Mapping[str, Any], names: Mapping[str, str]) -> str | None:
    """An id given as itself or as a display name (ACE, CEU), whatever the case, spacing and
    punctuation."""
    key = value.strip().lower()
    if key in ids:
        return key
    return names.get(name_key(value))


# The fields whose value names one of the rules' ids; a file's value naming none of them is
# asked about (calc.imports), not refused.
NAMED_FIELDS = ("provider", "unit", "category")


def named_id(rules: Rules, column: str, value: str) -> str | None:
    """The id of the provider, unit or category ``value`` names, or None."""
    if column == "provider":
        return _lookup(value, rules.providers, rules.provider_names)
    if column == "unit":
        return _lookup(value, rules.units, rules.unit_names)
    names = {name_key(c.name): c.id for c in rules.categories.values()}
    return _lookup(value, rules.categories, names)


def named_choices(rules: Rules, column: str) -> list[tuple[str, str]]:
    """(id, label) of every value a provider, unit or category may take, as the form lists them."""
    if column == "provider":
        return [(p.id, p.name) for p in rules.providers.values()]
    if column == "unit":
        return [(u.id, u.name) for u in rules.units.values()]
    return [(c.id, c.name) for c in rules.categories.values()]


# Words a log may use for how an activity was given; anything else (even "online", which may be a
# live webinar) is asked about.
FORMATS = {
    "live": "live",
    "in person": "live",
    "livestream": "live",
    "live webinar": "live",
    "recorded": "recorded",
    "home study": "recorded",
    "on demand": "recorded",
    "self paced": "recorded",
}
_LIST = re.compile(r"[;\n]+")
_APPROVAL_PARTS = re.compile(r"[\s:#]+")
MAX_LIST = 20


def _items(text: str) -> list[str]:
    return [item.strip() for item in _LIST.split(text) if item.strip()]


def _bodies_said(rules: Rules, text: str) -> tuple[tuple[str, ...], str]:
    """The bodies named (as provider ids), or why they cannot be read."""
    found: list[str] = []
    for item in _items(text)[: MAX_LIST + 1]:
        body = named_id(rules, "provider", item)
        if body is None:
            return (), f"{item!r} is not a certifying body (write its name: ACE; NETA)"
        found.append(body)
    if len(found) > MAX_LIST:
        return (), f"names more than {MAX_LIST} bodies"
    return tuple(dict.fromkeys(found)), ""


def _approvals_said(rules: Rules, text: str) -> tuple[tuple[tuple[str, str], ...], str]:
    """(body as a provider id, number) pairs, or why they cannot be read."""
    found: list[tuple[str, str]] = []
    for item in _items(text)[: MAX_LIST + 1]:
        words = [w for w in _APPROVAL_PARTS.split(item) if w]
        # The longest run of first words that names a body ("American Council on Exercise");
        # the rest is the number, which may hold letters and spaces.
        named = (
            (body, " ".join(words[cut:]))
            for cut in range(len(words) - 1, 0, -1)
            if (body := named_id(rules, "provider", " ".join(words[:cut]))) is not None
        )
        pair = next(named, None)
        if pair is None:
            return (), f"{item!r}: write each as the body and its number (ACE 12345; NASM 678)"
        found.append(pair)
    if len(found) > MAX_LIST:
        return (), f"holds more than {MAX_LIST} numbers"
    return tuple(found), ""


def _list_text(value: Any) -> str | None:
    """A list column's text: a cell's, or a JSON log's list of texts joined (None: neither)."""
    if isinstance(value, list):
        return "; ".join(value) if all(isinstance(v, str) for v in value) else None
    return None if isinstance(value, dict) else _text(value)


def _others(
    raw: Mapping[str, Any], row: int, rules: Rules
) -> tuple[dict[str, Any], list[InputProblem]]:
    """What other certifying bodies ask of an activity; every field optional."""
    problems: list[InputProblem] = []
    said: dict[str, Any] = {}
    hours_text = _text(raw.get("participation_hours"))
    said["participation_hours"] = None
    if hours_text:
        hours = parse_amount(hours_text)
        if isinstance(hours, str):
            problems.append(InputProblem(row, "participation_hours", hours))
        else:
            said["participation_hours"] = hours
    format_text = _text(raw.get("format"))
    said["format"] = FORMATS.get(name_key(format_text)) if format_text else None
    if format_text and said["format"] is None:
        problems.append(InputProblem(row, "format", "must be live, recorded or empty"))
    lists = {column: _list_text(raw.get(column)) for column in ("topics", "approvals", "petitions")}
    for column, text in lists.items():
        if text is None:
            problems.append(InputProblem(row, column, "must be text, each item separated by ;"))
    topics = tuple(dict.fromkeys(name_key(t) for t in _items(lists["topics"] or "")))
    said["topics"] = topics
    if len(topics) > MAX_LIST:
        problems.append(InputProblem(row, "topics", f"holds more than {MAX_LIST} topics"))
    elif any(len(t) > MAX_TITLE for t in topics):
        problems.append(
            InputProblem(row, "topics", f"has a topic longer than {MAX_TITLE} characters")
        )
    said["approvals"], why = _approvals_said(rules, lists["approvals"] or "")
    if why:
        problems.append(InputProblem(row, "approvals", why))
    said["petitions"], why = _bodies_said(rules, lists["petitions"] or "")
    if why:
        problems.append(InputProblem(row, "petitions", why))
    return said, problems


def _year_problem(day: date, today: date) -> str | None:
    """Why a profile's day cannot be meant: before any cycle this site knows, or years ahead."""
    if day < EARLIEST:
        return f"is before {EARLIEST.year}; check the year"
    if day.year > today.year + MAX_PROFILE_YEARS:
        return f"is more than {MAX_PROFILE_YEARS} years ahead; check the year"
    return None


def parse_profile(
    raw: Mapping[str, Any], rules: Rules, today: date
) -> tuple[Profile | None, list[InputProblem]]:
    problems: list[InputProblem] = []
    certs_raw = raw.get("certifications") or []
    if isinstance(certs_raw, str):
        certs_raw = certs_raw.split(",")
    if not isinstance(certs_raw, list):
        certs_raw = [certs_raw]
    certs = tuple(dict.fromkeys(_text(c).lower() for c in certs_raw if _text(c)))
    if not certs:
        problems.append(InputProblem(0, "certifications", "choose at least one certification"))
    for cid in certs:
        if cid not in rules.certifications:
            known = ", ".join(rules.certifications)
            problems.append(
                InputProblem(0, "certifications", f"unknown certification {cid!r} (known: {known})")
            )
    found: dict[str, date | None] = {}
    for column, required in (
        ("cycle_end", True),
        ("cycle_start", False),
        ("cpr_expires", False),
        ("as_of", False),
        ("renewed_on", False),
    ):
        why = _date_problem(raw.get(column), required)
        day = parse_date(raw.get(column))
        if why is None and day is not None:
            why = _year_problem(day, today)
            day = None if why else day
        if why:
            problems.append(InputProblem(0, column, why))
        found[column] = day
    end, start = found["cycle_end"], found["cycle_start"]
    if end and start and start > end:
        problems.append(InputProblem(0, "cycle_start", "must not be after the cycle end date"))
    as_of = found["as_of"] or today
    renewed = found["renewed_on"]
    if renewed and renewed > as_of:
        problems.append(
            InputProblem(
                0,
                "renewed_on",
                f"is after today ({as_of.isoformat()}): enter it once you have renewed",
            )
        )
    if renewed and start and renewed < start:
        problems.append(InputProblem(0, "renewed_on", "is before your cycle began"))
    if problems or end is None:
        return None, problems
    return Profile(certs, end, start, found["cpr_expires"], as_of, renewed), []


def _activity_date(value: Any, today: date) -> tuple[date | None, str]:
    """An activity's day (its completion, or a day of service) and why it is unusable ("" when
    it is fine or empty)."""
    day = parse_date(value)
    why = _date_problem(value, required=False) or ""
    if day is not None and day < EARLIEST:
        why = f"is before {EARLIEST.year}; check the year"
    elif day is not None and day.year > today.year + MAX_YEARS_AHEAD:
        why = f"is more than {MAX_YEARS_AHEAD} years ahead; check the year"
    return (None if why else day), why


def _category(raw: Mapping[str, Any], rules: Rules) -> tuple[str | None, str]:
    """The category named (None: the default) and why it is unknown ("" when it is known)."""
    text = _text(raw.get("category"))
    if not text:
        return None, ""
    found = named_id(rules, "category", text)
    if found is None:
        known = "; ".join(c.name for c in rules.categories.values())
        return None, f"unknown category {text!r} (use one of: {known})"
    return found, ""


def parse_activity(
    raw: Mapping[str, Any], row: int, rules: Rules, today: date, legacy: bool = False
) -> tuple[Activity | None, list[InputProblem]]:
    """One activity, or every problem with it. ``legacy``: a record kept before committee
    service recorded its period (the page's stored log, a version 1 file), which may lack it."""
    problems: list[InputProblem] = []
    category, category_problem = _category(raw, rules)
    kind = rules.categories[category or rules.default_category]

    served: dict[str, date | None] = {}
    said: list[InputProblem] = []
    for column in ("service_from", "service_to"):
        served[column], why = _activity_date(raw.get(column), today)
        if why:
            said.append(InputProblem(row, column, why))
    start, end = served["service_from"], served["service_to"]

    completed, why = _activity_date(raw.get("date"), today)
    date_text = _text(raw.get("date"))
    if kind.service_period and end is not None and not date_text:
        completed = end  # committee service is dated by its last day served
    elif kind.service_period and end is not None and completed is not None and completed != end:
        why = (
            f"is not the last day served ({end.isoformat()}): committee service is dated by "
            "its end; leave the date empty or make them the same"
        )
    elif not date_text:
        why = "is required"
    if why:
        problems.append(InputProblem(row, "date", why))

    provider_text = _text(raw.get("provider"))
    provider = named_id(rules, "provider", provider_text)
    if not provider_text:
        problems.append(InputProblem(row, "provider", "is required"))
    elif provider is None:
        known = ", ".join(p.abbreviation for p in rules.providers.values())
        problems.append(
            InputProblem(
                row, "provider", f"unknown provider {provider_text!r} (use one of: {known})"
            )
        )

    # A CPR course's length may wait: without it the activity counts 0, as a to-do.
    waits = kind.length_in_hours and not _text(raw.get("amount"))
    amount = None if waits else parse_amount(raw.get("amount"))
    if isinstance(amount, str):
        problems.append(InputProblem(row, "amount", amount))

    unit: str | None = None
    unit_text = _text(raw.get("unit"))
    if kind.length_in_hours and not unit_text:
        unit = kind.suggested_unit  # a course's length is in hours, whoever gave it
    if unit_text:
        unit = named_id(rules, "unit", unit_text)
        if unit is None:
            known = ", ".join(u.short for u in rules.units.values())
            problems.append(
                InputProblem(row, "unit", f"unknown unit {unit_text!r} (use one of: {known})")
            )

    if category_problem:
        problems.append(InputProblem(row, "category", category_problem))

    flags: dict[str, bool] = {}
    for column, default in (("in_scope", True), ("certificate", False), ("separate", False)):
        value = raw.get(column)
        flag = default if value is None or _text(value) == "" else parse_flag(value)
        if flag is None:
            problems.append(InputProblem(row, column, "must be yes or no"))
        else:
            flags[column] = flag
    answers: dict[str, bool | None] = {}
    for column in ("decimal_system", "reported"):
        value = raw.get(column)
        answers[column] = parse_flag(value)  # None for "not sure" too: no unsure word is a flag
        if answers[column] is None and _text(value).lower() not in _UNSURE:
            problems.append(InputProblem(row, column, "must be yes, no or empty"))

    title = _text(raw.get("title"))
    organization = _text(raw.get("organization"))
    for column, text in (("title", title), ("organization", organization)):
        if len(text) > MAX_TITLE:
            problems.append(InputProblem(row, column, f"is longer than {MAX_TITLE} characters"))

    problems += said
    others, not_read = _others(raw, row, rules)
    problems += not_read
    if start and end and start > end:
        problems.append(InputProblem(row, "service_from", "must not be after Served to"))
    if kind.service_period and not said:
        missing = [c for c, day in served.items() if day is None]
        if len(missing) == 1 or (missing and not legacy):
            problems += [
                InputProblem(
                    row, c, f"is required for {kind.name}: the period you served, as ACSM asks"
                )
                for c in missing
            ]

    if problems or completed is None or provider is None or isinstance(amount, str):
        return None, problems
    activity = Activity(
        completed,
        title,
        provider,
        amount,
        unit,
        category,
        flags["in_scope"],
        flags["certificate"],
        answers["decimal_system"],
        answers["reported"],
        flags["separate"],
        start,
        end,
        organization,
        **others,
    )
    return activity, []


def form_problems(a: Activity, rules: Rules) -> list[tuple[str, str]]:
    """What the form asks of an activity typed now beyond what a log row needs: the name of an
    organization the rules do not list. A file's row without it is read, with a to-do
    (calc.engine), so that nothing in a spreadsheet is refused for it."""
    if rules.providers[a.provider].named and not a.organization:
        return [("organization", "is required: name the organization that gave the course")]
    return []


def given_by(rules: Rules, a: Activity) -> str:
    """Who gave an activity, as an auditor reads it: an organization the rules do not list by
    its own name; a listed one by its name, with its own part (a chapter) after it."""
    provider = rules.providers[a.provider]
    if provider.named:
        return a.organization or provider.name
    return f"{provider.name}: {a.organization}" if a.organization else provider.name


# One activity checked: the activity, or each (column, message) wrong with it. It depends on the
# raw record, the rules and the day only, not on the row it came in.
Checked = tuple[Activity | None, list[tuple[str, str]]]


def check_record(raw: Any, rules: Rules, today: date, legacy: bool = True) -> Checked:
    """One activity as the log keeps it: a mapping of fields, or its JSON text (the page's form).
    A log kept may be older than some field (``legacy``, the default for the page's stored log):
    see :func:`parse_activity`."""
    if isinstance(raw, str):
        try:
            raw = loads(raw)
        except (ValueError, RecursionError):
            raw = None
    if not isinstance(raw, Mapping):
        return None, [("", "an activity must be an object of fields")]
    activity, faults = parse_activity(raw, 1, rules, today, legacy)
    return activity, [(p.column, p.message) for p in faults]


def check_new_record(raw: Any, rules: Rules, today: date) -> Checked:
    """:func:`check_record` for a file written now (a CSV, a version 2 log): every field it asks
    for must be there."""
    return check_record(raw, rules, today, legacy=False)


Check = Callable[[Any, Rules, date], Checked]


def too_many_activities(row: int, count: int) -> InputProblem:
    """The one problem of a log longer than is supported, at the first row over the limit."""
    return InputProblem(
        row, "", f"the log has {count} activities; at most {MAX_ACTIVITIES} are supported"
    )


def parse_activities(
    rows: Sequence[tuple[int, Any]], rules: Rules, today: date, check: Check = check_record
) -> tuple[list[Activity], list[InputProblem]]:
    """Check every (row number, raw activity); all problems, or every activity. ``check`` may be
    a memo of :func:`check_record` (the page's calculator keeps one)."""
    if len(rows) > MAX_ACTIVITIES:
        return [], [too_many_activities(rows[MAX_ACTIVITIES][0], len(rows))]
    activities: list[Activity] = []
    problems: list[InputProblem] = []
    for row, raw in rows:
        activity, said = check(raw, rules, today)
        if said:
            problems += [InputProblem(row, column, message) for column, message in said]
        if activity is not None:
            activities.append(activity)
    return activities, problems


def parse_log(
    raw_profile: Mapping[str, Any],
    rows: Sequence[tuple[int, Any]],
    rules: Rules,
    today: date,
    check: Check = check_record,
) -> tuple[Profile | None, list[Activity], list[InputProblem]]:
    """Profile and activities together: every problem of both, or both parsed."""
    profile, problems = parse_profile(raw_profile, rules, today)
    activities, found = parse_activities(rows, rules, today, check)
    return profile, activities, problems + found


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # one string, escapes included
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
MAX_JSON_DEPTH = 32


def json_too_deep(text: str) -> bool:
    """Whether brackets nest deeper than any log needs. Checked before parsing: deep nesting
    overflows the WebAssembly stack inside Pyodide, which kills the interpreter outright."""
    depth = deepest = 0
    for bracket in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest > MAX_JSON_DEPTH


def loads(text: str) -> Any:
    """JSON with exact decimals; raises ValueError (JSONDecodeError for syntax) on bad text."""
    if json_too_deep(text):
        raise ValueError(f"nested more than {MAX_JSON_DEPTH} levels deep")
    return json.loads(text, parse_float=Decimal)


def _answer(value: bool | None) -> str:
    return "" if value is None else "yes" if value else "no"


def _day_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def activity_record(a: Activity) -> dict[str, str]:
    """An activity as the text cells of a log row (what CSV and JSON exports hold). The fields
    most activities leave at their default are written empty, not "no"."""
    return {
        "date": a.completed.isoformat(),
        "title": a.title,
        "provider": a.provider,
        "organization": a.organization,
        "amount": "" if a.amount is None else fmt(a.amount),
        "unit": a.unit or "",
        "category": a.category or "",
        "in_scope": "yes" if a.in_scope else "no",
        "certificate": "yes" if a.certificate else "no",
        "decimal_system": _answer(a.decimal_system),
        "reported": _answer(a.reported),
        "separate": "yes" if a.separate else "",
        "service_from": _day_text(a.service_from),
        "service_to": _day_text(a.service_to),
        "participation_hours": "" if a.participation_hours is None else fmt(a.participation_hours),
        "format": a.format or "",
        "topics": "; ".join(a.topics),
        "approvals": "; ".join(f"{body} {number}" for body, number in a.approvals),
        "petitions": "; ".join(a.petitions),
    }


def profile_record(p: Profile) -> dict[str, Any]:
    return {
        "certifications": list(p.certifications),
        "cycle_end": p.cycle_end.isoformat(),
        "cycle_start": p.cycle_start.isoformat() if p.cycle_start else "",
        "cpr_expires": p.cpr_expires.isoformat() if p.cpr_expires else "",
        "renewed_on": p.renewed_on.isoformat() if p.renewed_on else "",
    }
