"""Hostile log files: what a spreadsheet, a wrong export or a malicious file can hand the
import. Each case is a name, the text as the page passes it to Python (the browser decodes a file
as UTF-8, turning bytes that are not UTF-8 into U+FFFD) and what the import must answer: accepted
with these activities, refused with these problems, asked what values mean (then read), or asked
to match columns to fields. An importer that refuses every file, or reads every one, fails."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HEADER = "date,title,provider,amount,unit,category,in_scope,certificate"
GOOD = "2025-03-01,Course,acsm,1.5,,,yes,no"
GOOD_JSON = {
    "format": "cec-guide-log",
    "version": 1,
    "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
    "activities": [
        {"date": "2025-03-01", "title": "Course", "provider": "ace", "amount": "1.5"},
        {
            "date": "2025-04-01",
            "title": "Other",
            "provider": "nasm",
            "amount": "0.4",
            "certificate": "yes",
        },
    ],
}
PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "javascript:alert(1)",
    "\"'><svg/onload=alert(1)>",
    "{{7*7}}",
    "${7*7}",
    "</textarea><b>x</b>",
    "\u202eevil\u202c",
    "\x00",
    "\ufeff",
]
# Each formula, with the title it is read as: blanks around a cell are trimmed, and the
# apostrophe a spreadsheet puts before text that would be a formula is not part of the title.
FORMULAS = {
    "=1+1": "=1+1",
    "+1": "+1",
    "-1": "-1",
    "@SUM(A1)": "@SUM(A1)",
    "=cmd|' /C calc'!A0": "=cmd|' /C calc'!A0",
    "\t=1": "=1",
    "\r=1": "=1",
    "'=already quoted": "=already quoted",
}
NOT_A_DATE = "must be a date: write it as 2025-03-14, 3/14/2025 or 14 March 2025"
AHEAD = "is more than 3 years ahead; check the year"
# Dates read (as this day) and dates refused (with this problem).
DATES_READ = {
    "2025/01/01": "2025-01-01",
    "01/02/2025": "2025-01-02",  # month first, as the file's notes say
    "2025-1-1": "2025-01-01",
    "2024-02-29": "2024-02-29",
}
DATES_REFUSED = {
    "2025-02-30": "2025-02-30 is not a real date",
    "2025-13-01": "2025-13-01 is not a real date",
    "2025-00-10": "2025-00-10 is not a real date",
    "0000-01-01": "0000-01-01 is not a real date",
    "9999-12-31": AHEAD,
    "20250101": NOT_A_DATE,
    "yesterday": NOT_A_DATE,
    "": "is required",
    " ": "is required",
    "1989-12-31": "is before 1990; check the year",
    "2035-01-01": AHEAD,
    "2023-02-29": "2023-02-29 is not a real date",
}
DATE_NOTES = {
    "01/02/2025": ("Dates such as 01/02/2025 were read as month/day/year (January 2, 2025).",)
}
PLAIN = "must be a plain number such as 1.5 (at most 3 decimals)"
NEGATIVE = "must not be negative"
# Amounts read (as this number) and amounts refused (with this problem), in a CSV cell and as a
# JSON string alike.
AMOUNTS_READ = {" 1 ": "1", ".5": "0.5"}
AMOUNTS_REFUSED = {
    "NaN": PLAIN,
    "nan": PLAIN,
    "Infinity": PLAIN,
    "-Infinity": NEGATIVE,
    "inf": PLAIN,
    "-1": NEGATIVE,
    "-0": NEGATIVE,
    "1e3": PLAIN,
    "1E-2": PLAIN,
    "0x10": PLAIN,
    "1,5": PLAIN,
    "\uff11\uff12": PLAIN,
    "1.2345": PLAIN,
    "999999": "is more than 1000; check the amount",
    "1" * 400: PLAIN,
    "": "is required",
    "٣": PLAIN,
    "1_000": PLAIN,
    "+1": PLAIN,
    "5.": PLAIN,
}
# JSON amounts that are not strings: read as this number, or refused with this problem.
TYPED_AMOUNTS: list[tuple[Any, str, bool]] = [
    (1.5, "1.5", True),
    (-1, NEGATIVE, False),
    (1e308, PLAIN, False),
    (0, "must be more than 0", False),
    (True, "must be a number", False),
    (None, "is required", False),
    ([], PLAIN, False),
    ({}, PLAIN, False),
    ("1.5", "1.5", True),
]
FIELDS = ["provider", "unit", "category", "in_scope", "certificate"]
UNKNOWN = ["zzz", "ACE ", "ace\u200b", "Other ", "null", "0", "<b>ace</b>", "AcE"]
# Values some field's rules name whatever their case, blanks or invisible characters: read as
# this. Any other value of a named field is asked about; of a yes/no field, refused.
KNOWN = {
    ("provider", "ACE "): {"provider": "ace"},
    ("provider", "ace\u200b"): {"provider": "ace"},
    ("provider", "Other "): {"provider": "other"},
    ("provider", "AcE"): {"provider": "ace"},
    ("in_scope", "0"): {"in_scope": "no"},
    ("certificate", "0"): {"certificate": "no"},
}
# What an unknown value becomes once answered as the page first offers: a provider the rules do
# not list is another organization, named as the file wrote it.
ANSWERED = {"unit": {"unit": "cec"}, "category": {"category": "education"}}
NOT_UTF8 = 'the file is not UTF-8 text: save it as "CSV UTF-8" and try again'
NOT_TEXT = "the file is not text (it contains NUL bytes)"
NOT_AN_OBJECT = "the log must be an object with an 'activities' list"
NO_ACTIVITY = "an activity must be an object of fields"
EMPTY = "the file is empty; the first row must name the columns"
TOO_BIG = "not a readable CSV row: field larger than field limit (131072)"
# The row (line) of the first character that is not UTF-8, in a file written in each encoding.
ENCODINGS = {
    "utf-16": 1,
    "utf-16-le": 3,
    "utf-16-be": 3,
    "utf-32": 1,
    "latin-1": 2,
    "cp1252": 2,
    "mac-roman": 2,
}
CSV_ROW = {"date": "2025-03-01", "title": "Course", "provider": "acsm", "amount": "1"}
GOOD_ROW = {**CSV_ROW, "amount": "1.5"}
# The good JSON log read back: its own activities and profile.
GOOD_ROWS = tuple(GOOD_JSON["activities"])
GOOD_PROFILE = GOOD_JSON["profile"]

Problem = tuple[int, str, str]  # row, column, message (ending in "…": the message starts so)


@dataclass(frozen=True)
class Accepted:
    """Read: each activity's fields that differ from an empty activity's, the file's profile
    (None when it has none) and the notes about how it was read; no row left unread."""

    rows: tuple[dict[str, str], ...]
    profile: dict[str, Any] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refused:
    """Nothing read: every problem, in order."""

    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Asked:
    """Values the rules do not know, asked about, each (column, value as the file writes it,
    less its blanks); answered as the page first offers, the file is then read so."""

    values: tuple[tuple[str, str], ...]
    then: Accepted


@dataclass(frozen=True)
class Columns:
    """Columns to match to fields: the question, and each column's guessed field ("" none)."""

    message: str
    guesses: tuple[str, ...]


Outcome = Accepted | Refused | Asked | Columns


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    outcome: Outcome = field(repr=False)


def csv_row(**fields: str) -> str:
    values = {
        "date": "2025-03-01",
        "title": "Course",
        "provider": "acsm",
        "amount": "1",
        "unit": "",
        "category": "",
        "in_scope": "yes",
        "certificate": "no",
        **fields,
    }
    cells = []
    for key in HEADER.split(","):
        value = values[key]
        cells.append(
            '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') else value
        )
    return ",".join(cells)


def as_page_reads(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def refused(*problems: Problem) -> Refused:
    return Refused(problems)


def read(*rows: dict[str, str], **extra: Any) -> Accepted:
    return Accepted(rows, **extra)


def json_error(text: str) -> Refused:
    """A cut JSON file is refused where a JSON parser stops (line, column), in its words."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return refused((error.lineno, str(error.colno), f"not valid JSON: {error.msg}"))
    raise AssertionError(f"{text!r} is valid JSON")


def unknown_value(column: str, value: str) -> Outcome:
    """What a value the rules may not name gives in COLUMN: read, asked about, or refused."""
    if (column, value) in KNOWN:
        return read({**CSV_ROW, **KNOWN[column, value]})
    if column in ("in_scope", "certificate"):
        return refused((2, column, "must be yes or no"))
    answered = ANSWERED.get(column, {"provider": "other", "organization": value.strip()})
    return Asked(((column, value.strip()),), read({**CSV_ROW, **answered}))


def cases() -> Iterator[Case]:
    # Encodings.
    text = f"{HEADER}\r\n{csv_row(title='Café déjà vu')}\r\n"
    yield Case("utf-8 with BOM", "\ufeff" + text, read({**CSV_ROW, "title": "Café déjà vu"}))
    for name, row in ENCODINGS.items():
        yield Case(
            f"file in {name}", as_page_reads(text.encode(name)), refused((row, "", NOT_UTF8))
        )
    yield Case(
        "utf-8 BOM then utf-16 bytes",
        as_page_reads(codecs.BOM_UTF8 + text.encode("utf-16-le")),
        refused((3, "", NOT_UTF8)),
    )
    yield Case("binary noise", as_page_reads(bytes(range(256)) * 40), refused((3, "", NOT_UTF8)))
    yield Case("a zip file", as_page_reads(b"PK\x03\x04" + bytes(300)), refused((1, "", NOT_TEXT)))
    # Size.
    row = csv_row(title="x" * 80) + "\n"
    rows = 10_000_000 // len(row)
    yield Case(
        "10 MB of rows",
        HEADER + "\n" + row * rows,
        refused((10_002, "", f"the log has {rows} activities; at most 10000 are supported")),
    )
    yield Case(
        "100,000 rows",
        HEADER + "\n" + (GOOD + "\n") * 100_000,
        refused((10_002, "", "the log has 100000 activities; at most 10000 are supported")),
    )
    yield Case(
        "100,000 activities in JSON",
        json.dumps({**GOOD_JSON, "activities": GOOD_JSON["activities"] * 50_000}),
        refused((10_001, "", "the log has 100000 activities; at most 10000 are supported")),
    )
    yield Case(
        "one 2 MB title",
        HEADER + "\n" + csv_row(title="y" * 2_000_000) + "\n",
        refused((2, "", TOO_BIG)),
    )
    yield Case(
        "one 2 MB cell in an unknown column",
        "date,provider,amount,notes\n2025-01-01,acsm,1," + "z" * 2_000_000,
        refused((2, "", TOO_BIG)),
    )
    # Spreadsheet formulas and markup, in every text field: kept as text where text goes.
    for formula, title in FORMULAS.items():
        yield Case(
            f"formula title {formula!r}",
            f"{HEADER}\n{csv_row(title=formula)}\n",
            read({**CSV_ROW, "title": title}),
        )
    for payload in PAYLOADS:
        outcomes: dict[str, Outcome] = {
            "title": read({**CSV_ROW, "title": payload}),
            "provider": Asked(
                (("provider", payload),),
                read({**CSV_ROW, "provider": "other", "organization": payload}),
            ),
            "amount": refused((2, "amount", PLAIN)),
            "date": refused((2, "date", NOT_A_DATE)),
        }
        for column, outcome in outcomes.items():
            yield Case(
                f"payload {payload!r} in {column}",
                f"{HEADER}\n{csv_row(**{column: payload})}\n",
                refused((1, "", NOT_TEXT)) if payload == "\x00" else outcome,
            )
    # Dates, amounts, ids.
    for day in [*DATES_READ, *DATES_REFUSED]:
        yield Case(
            f"date {day!r}",
            f"{HEADER}\n{csv_row(date=day)}\n",
            read({**CSV_ROW, "date": DATES_READ[day]}, notes=DATE_NOTES.get(day, ()))
            if day in DATES_READ
            else refused((2, "date", DATES_REFUSED[day])),
        )
    for amount in [*AMOUNTS_READ, *AMOUNTS_REFUSED]:
        number = AMOUNTS_READ.get(amount)
        yield Case(
            f"amount {amount!r}",
            f"{HEADER}\n{csv_row(amount=amount)}\n",
            read({**CSV_ROW, "amount": number})
            if number
            else refused((2, "amount", AMOUNTS_REFUSED[amount])),
        )
        yield Case(
            f"JSON amount {amount!r}",
            json.dumps(
                {"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": amount}]}
            ),
            read({"date": "2025-01-01", "provider": "acsm", "amount": number})
            if number
            else refused((1, "amount", AMOUNTS_REFUSED[amount])),
        )
    for value, said, is_read in TYPED_AMOUNTS:
        yield Case(
            f"JSON amount of type {type(value).__name__} {value!r}",
            json.dumps(
                {"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": value}]}
            ),
            read({"date": "2025-01-01", "provider": "acsm", "amount": said})
            if is_read
            else refused((1, "amount", said)),
        )
    yield Case(
        "JSON NaN literal",
        '{"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": NaN}]}',
        refused((1, "amount", PLAIN)),
    )
    yield Case(
        "JSON Infinity literal",
        '{"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": -Infinity}]}',
        refused((1, "amount", NEGATIVE)),
    )
    for column in FIELDS:
        for value in UNKNOWN:
            yield Case(
                f"{column} {value!r}",
                f"{HEADER}\n{csv_row(**{column: value})}\n",
                unknown_value(column, value),
            )
    # Columns and rows.
    guessed = tuple(HEADER.split(","))
    yield Case(
        "missing required columns",
        "date,title\n2025-01-01,x\n",
        Columns("No column holds Provider or Amount.", ("date", "title")),
    )
    yield Case("only a header", HEADER + "\n", read())
    yield Case("empty file", "", refused((1, "", EMPTY)))
    yield Case("blank lines only", "\n\n\r\n", refused((1, "", EMPTY)))
    yield Case(
        "extra column",
        HEADER + ",notes\n" + GOOD + ",hello\n",
        Columns("Choose a field for “notes”, or leave it out.", (*guessed, "")),
    )
    yield Case(
        "duplicate column",
        HEADER + ",amount\n" + GOOD + ",2\n",
        Columns("“amount” and “amount” both hold Amount: keep one.", (*guessed, "")),
    )
    yield Case("header in another case", HEADER.upper() + "\n" + GOOD + "\n", read(GOOD_ROW))
    yield Case(
        "header with spaces", ", ".join(HEADER.split(",")) + "\n" + GOOD + "\n", read(GOOD_ROW)
    )
    yield Case(
        "more cells than columns",
        HEADER + "\n" + GOOD + ",surplus\n",
        refused((2, "", "has 9 cells; the header names 8")),
    )
    yield Case(
        "fewer cells than columns",
        HEADER + "\n2025-03-01,Course,acsm\n",
        refused((2, "amount", "is required")),
    )
    yield Case(
        "tab separated",
        HEADER.replace(",", "\t") + "\n" + GOOD.replace(",", "\t") + "\n",
        read(GOOD_ROW),
    )
    yield Case(
        "semicolon separated",
        HEADER.replace(",", ";") + "\n" + GOOD.replace(",", ";") + "\n",
        read(GOOD_ROW),
    )
    yield Case(
        "unbalanced quote",
        HEADER + '\n2025-03-01,"Course,acsm,1,,,yes,no\n',
        refused((2, "provider", "is required"), (2, "amount", "is required")),
    )
    yield Case(
        "quoted newline in title",
        HEADER + '\n2025-03-01,"two\nlines",acsm,1,,,yes,no\n',
        read({**CSV_ROW, "title": "two\nlines"}),
    )
    yield Case("old Mac line endings", HEADER + "\r" + GOOD + "\r", read(GOOD_ROW))
    yield Case("NUL in the middle", HEADER + "\n" + GOOD + "\x00\n", refused((1, "", NOT_TEXT)))
    yield Case(
        "a thousand columns",
        ",".join(f"c{i}" for i in range(1000)) + "\n",
        Columns(
            "Choose a field for “c0”, “c1”, “c2”, “c3”, “c4” and 995 more, or leave them out;"
            " no column holds Date completed, Provider or Amount.",
            ("",) * 1000,
        ),
    )
    # JSON shapes.
    full = json.dumps(GOOD_JSON)
    for cut in range(1, len(full), max(1, len(full) // 40)):
        yield Case(f"JSON cut at {cut}", full[:cut], json_error(full[:cut]))
    # A JSON document that is not an object is read as a spreadsheet of one column it names.
    nothing = "no column holds Date completed, Provider or Amount."
    for name, value, outcome in [
        ("a JSON array", [], refused((1, "", NOT_AN_OBJECT))),
        (
            "a JSON string",
            "log",
            Columns(f"Choose a field for “log”, or leave it out; {nothing}", ("",)),
        ),
        ("a JSON number", 3, Columns(f"Choose a field for “3”, or leave it out; {nothing}", ("",))),
        (
            "JSON null",
            None,
            Columns(f"Choose a field for “null”, or leave it out; {nothing}", ("",)),
        ),
        ("activities as an object", {"activities": {"0": {}}}, refused((1, "", NOT_AN_OBJECT))),
        (
            "activities of numbers",
            {"activities": [1, 2]},
            refused((1, "", NO_ACTIVITY), (2, "", NO_ACTIVITY)),
        ),
        ("activities of nulls", {"activities": [None]}, refused((1, "", NO_ACTIVITY))),
        (
            "activity with nested fields",
            {"activities": [{"date": ["2025-01-01"], "provider": {"id": "acsm"}, "amount": "1"}]},
            refused(
                (1, "date", "must be a date written YYYY-MM-DD"),
                (1, "provider", "unknown provider \"{'id': 'acsm'}\" (use one of: ACSM, …"),
            ),
        ),
        (
            "profile as a list",
            {"profile": [], "activities": []},
            refused((0, "", "the profile must be an object")),
        ),
        (
            "profile with bad certifications",
            {"profile": {"certifications": "zzz", "cycle_end": "2026-12-31"}, "activities": []},
            refused((0, "certifications", "unknown certification 'zzz' (known: …")),
        ),
        (
            "profile with numeric certifications",
            {"profile": {"certifications": [1, None], "cycle_end": "2026-12-31"}, "activities": []},
            refused((0, "certifications", "unknown certification '1' (known: …")),
        ),
        (
            "profile with a bad cycle end",
            {"profile": {"certifications": ["cpt"], "cycle_end": "soon"}, "activities": []},
            refused((0, "cycle_end", "must be a date written YYYY-MM-DD")),
        ),
        (
            "profile with start after end",
            {
                "profile": {
                    "certifications": ["cpt"],
                    "cycle_end": "2026-12-31",
                    "cycle_start": "2027-01-01",
                },
                "activities": [],
            },
            refused((0, "cycle_start", "must not be after the cycle end date")),
        ),
        (
            "unknown top-level keys",
            {**GOOD_JSON, "extra": {"deep": [1, 2, 3]}},
            read(*GOOD_ROWS, profile=GOOD_PROFILE),
        ),
    ]:
        yield Case(name, json.dumps(value), outcome)
    yield Case(
        "JSON nested 10,000 deep",
        '{"activities": ' + "[" * 10_000 + "]" * 10_000 + "}",
        refused((1, "", "not a usable log: nested more than 32 levels deep")),
    )
    # The last of two keys of one name counts, as in JavaScript.
    yield Case(
        "JSON with duplicate keys",
        '{"activities": [], "activities": [{"date": "2025-01-01", "provider": "acsm", "amount": "1"}]}',
        read({"date": "2025-01-01", "provider": "acsm", "amount": "1"}),
    )
    yield Case("JSON with a BOM", "\ufeff" + full, read(*GOOD_ROWS, profile=GOOD_PROFILE))
    # Comments make it no JSON: read as a spreadsheet, whose rows do not fit its header.
    yield Case(
        "JSON with comments",
        "// log\n" + full,
        refused((2, "", "has 13 cells; the header names 1")),
    )
    yield Case(
        "JSON lines",
        "\n".join(json.dumps(a) for a in GOOD_JSON["activities"]),
        refused((2, "1", "not valid JSON: Extra data")),
    )
