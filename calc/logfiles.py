"""Log files: a professional's log as CSV (a spreadsheet's) or JSON (the calculator's export),
read into raw rows for :mod:`calc.fields` to check, and written back.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from calc.fields import (
    COLUMNS,
    MAX_ACTIVITIES,
    REQUIRED_COLUMNS,
    InputProblem,
    activity_record,
    loads,
    profile_record,
    too_many_activities,
)
from calc.model import Activity, Profile

# A spreadsheet runs a cell that starts with one of these as a formula; the quote keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

# Where a line ends, for the line numbers of problems: as the CSV reader counts lines.
_LINE_END = re.compile(r"\r\n?|\n")

LOG_FORMAT = "cec-guide-log"
LOG_VERSION = 1


@dataclass(frozen=True)
class LogFile:
    """A log read from a file: its raw profile (JSON logs carry one) and raw activity rows."""

    profile: dict[str, Any]
    rows: list[tuple[int, Any]]


def read_csv(text: str) -> tuple[LogFile | None, list[InputProblem]]:
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        return None, [InputProblem(1, "", "the file is not text (it contains NUL bytes)")]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return None, [InputProblem(1, "", f"not a readable CSV file: {exc}")]
    if header is None or not any(h.strip() for h in header):
        return None, [InputProblem(1, "", "the file is empty; the first row must name the columns")]
    names = [h.strip().lower() for h in header]
    problems = []
    for i, name in enumerate(names):
        if name not in COLUMNS:
            problems.append(
                InputProblem(
                    1, name or f"column {i + 1}", f"unknown column (columns: {', '.join(COLUMNS)})"
                )
            )
        elif names.index(name) != i:
            problems.append(InputProblem(1, name, "this column appears twice"))
    for name in REQUIRED_COLUMNS:
        if name not in names:
            problems.append(InputProblem(1, name, "required column is missing"))
    if problems:
        return None, problems
    rows: list[tuple[int, Any]] = []
    after = reader.line_num + 1  # the line the next row starts on: a quoted cell may span lines
    try:
        for record in reader:
            line, after = after, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) == MAX_ACTIVITIES:
                # One too many: the rest are only counted, not kept, to say how many there are.
                rest = sum(1 for more in reader if any(cell.strip() for cell in more))
                problems.append(too_many_activities(line, MAX_ACTIVITIES + 1 + rest))
                break
            if len(record) > len(names):
                problems.append(
                    InputProblem(
                        line, "", f"has {len(record)} cells; the header names {len(names)}"
                    )
                )
                continue
            raw = dict(zip(names, record, strict=False))
            if "title" in raw:
                raw["title"] = _unquote_formula(raw["title"])
            rows.append((line, raw))
    except csv.Error as exc:
        problems.append(InputProblem(reader.line_num, "", f"not a readable CSV row: {exc}"))
    if problems:
        return None, problems
    return LogFile({}, rows), []


def read_json(text: str) -> tuple[LogFile | None, list[InputProblem]]:
    try:
        data = loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        return None, [InputProblem(exc.lineno, str(exc.colno), f"not valid JSON: {exc.msg}")]
    except (ValueError, RecursionError) as exc:
        return None, [InputProblem(1, "", f"not a usable log: {exc}")]
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
        return None, [InputProblem(1, "", "the log must be an object with an 'activities' list")]
    profile = data.get("profile")
    if profile is not None and not isinstance(profile, dict):
        return None, [InputProblem(0, "", "the profile must be an object")]
    return LogFile(dict(profile or {}), list(enumerate(data["activities"], start=1))), []


def read_log(text: str) -> tuple[LogFile | None, list[InputProblem]]:
    """A log from the text of a CSV or JSON file, told apart by its first character."""
    if "\ufffd" in text:
        # What a browser makes of bytes that are not UTF-8 (a spreadsheet's "CSV" in Windows
        # encoding, say): refused rather than imported with mangled titles.
        line = len(_LINE_END.findall(text, 0, text.index("\ufffd"))) + 1
        return None, [
            InputProblem(
                line, "", 'the file is not UTF-8 text: save it as "CSV UTF-8" and try again'
            )
        ]
    start = text.removeprefix("\ufeff").lstrip()
    return read_json(text) if start.startswith(("{", "[")) else read_csv(text)


def _quote_formula(title: str) -> str:
    return "'" + title if title.startswith(_FORMULA_START) else title


def _unquote_formula(title: str) -> str:
    return title[1:] if title.startswith("'") and title[1:].startswith(_FORMULA_START) else title


def write_csv(activities: Sequence[Activity]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)  # the excel dialect: lines end CRLF
    writer.writeheader()
    for a in activities:
        record = activity_record(a)
        record["title"] = _quote_formula(record["title"])
        writer.writerow(record)
    return buffer.getvalue()


def write_json(profile: Profile | None, activities: Sequence[Activity]) -> str:
    data: dict[str, Any] = {"format": LOG_FORMAT, "version": LOG_VERSION}
    if profile is not None:
        data["profile"] = profile_record(profile)
    data["activities"] = [activity_record(a) for a in activities]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
