"""Log files: a professional's log as CSV (a spreadsheet's) or JSON (the calculator's export),
read into raw rows for :mod:`calc.fields` to check, and written back.

A spreadsheet's CSV comes as its owner saved it: columns named in their own words and order,
cells separated by commas, semicolons or tabs, dates as their Excel writes them. Columns are
matched to fields by name; a file whose columns cannot all be matched is handed back as
:class:`Unplaced`, for the page to ask which field each column holds.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

from calc.fields import (
    CECS_LABEL,
    COLUMNS,
    DATE_FORMAT_PROBLEM,
    HEADERS,
    LABELS,
    MAX_ACTIVITIES,
    OTHER_BODIES_COLUMNS,
    PLANNED_LABEL,
    REQUIRED_COLUMNS,
    UNIT_HEADERS,
    InputProblem,
    activity_record,
    header_key,
    loads,
    profile_record,
    too_many_activities,
)
from calc.model import Activity, Profile, Rules
from calc.text import (
    ambiguous_date,
    fmt,
    long_date,
    looks_like_file_date,
    numeric_date,
    read_file_date,
    reads_day_first,
)

# A spreadsheet runs a cell that starts with one of these as a formula; the quote keeps it text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")

# Where a line ends, for the line numbers of problems: as the CSV reader counts lines.
_LINE_END = re.compile(r"\r\n?|\n")

# Where Excel writes decimal commas it separates cells with semicolons (or tabs): there, and only
# there, 1,5 is one and a half. 1,500 is left alone: it may be fifteen hundred.
_DECIMAL_COMMA = re.compile(r"([0-9]+),([0-9]{1,2})")

LOG_FORMAT = "cec-guide-log"
# 2: committee service records the period served (service_from, service_to); a version 1 log,
# written before, may lack it (calc.fields.parse_activity's ``legacy``).
LOG_VERSION = 2
SAMPLES = 3  # cells shown of each column when the page asks what it holds
SAMPLE_LENGTH = 40
_FILE_DATES = "write it as 2025-03-14, 3/14/2025 or 14 March 2025"
EXPORT_COLUMNS = (
    "date",
    "title",
    "provider",
    "organization",
    "amount",
    "unit",
    "cecs",
    "planned",
    "category",
)
_COMPUTED = {"cecs": CECS_LABEL, "planned": PLANNED_LABEL}
DAY_COLUMNS = ("date", "service_from", "service_to")  # what a spreadsheet writes as days


@dataclass(frozen=True)
class LogFile:
    """A log read from a file: its raw profile (JSON logs carry one) and raw activity rows; for
    a CSV file, also each field's header in it, how its dates were read, and notes on readings
    its owner should know of."""

    profile: dict[str, Any]
    rows: list[tuple[int, Any]]
    headers: dict[str, str] = field(default_factory=dict)
    day_first: bool = False
    notes: tuple[str, ...] = ()
    legacy: bool = False  # written before a field it may lack was asked for (a version 1 log)


@dataclass(frozen=True)
class Column:
    header: str  # as in the file, without surrounding spaces
    samples: tuple[str, ...]  # its first few cells that are not empty
    guess: str  # the field it seems to hold, or "" for none


@dataclass(frozen=True)
class Unplaced:
    """A CSV file whose columns could not all be matched to fields: every column with what it
    seems to hold, and one sentence saying what is missing. ``problems`` say the same line by
    line, as the command line prints them."""

    columns: tuple[Column, ...]
    message: str
    problems: tuple[InputProblem, ...]


@dataclass(frozen=True)
class _Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells) of every row with a cell not empty
    delimiter: str


def _delimiter(text: str) -> str:
    """The cell separator: of comma, semicolon and tab, the one the header line (outside
    quotes) has most of; a comma for a single column. The header decides, not the rows, whose
    titles may hold any of them."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for char in text[:65536]:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "\r\n":
            break
        elif char in counts:
            counts[char] += 1
    return max(counts, key=counts.__getitem__)  # the first of a tie: a comma before the rest


def _table(text: str) -> _Table | list[InputProblem]:
    if "\x00" in text:
        return [InputProblem(1, "", "the file is not text (it contains NUL bytes)")]
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return [InputProblem(1, "", f"not a readable CSV file: {exc}")]
    if header is None or not any(h.strip() for h in header):
        return [InputProblem(1, "", "the file is empty; the first row must name the columns")]
    rows: list[tuple[int, list[str]]] = []
    problems = []
    after = reader.line_num + 1  # the line the next row starts on: a quoted cell may span lines
    try:
        for record in reader:
            line, after = after, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) == MAX_ACTIVITIES:
                # One too many: the rest are only counted, not kept, to say how many there are.
                rest = sum(1 for more in reader if any(cell.strip() for cell in more))
                return [too_many_activities(line, MAX_ACTIVITIES + 1 + rest)]
            if len(record) > len(header):
                problems.append(
                    InputProblem(
                        line, "", f"has {len(record)} cells; the header names {len(header)}"
                    )
                )
                continue
            rows.append((line, record + [""] * (len(header) - len(record))))
    except csv.Error as exc:
        problems.append(InputProblem(reader.line_num, "", f"not a readable CSV row: {exc}"))
    return problems or _Table(header, rows, delimiter)


def read_mapping(text: str) -> dict[str, str] | list[InputProblem]:
    """The page's answer to :class:`Unplaced`: JSON of ``{header: field id, or "" to leave the
    column out}``."""
    try:
        mapping = loads(text)
    except (ValueError, RecursionError):
        mapping = None
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        return [InputProblem(1, "", "the column choices must be a JSON object of header: field")]
    return [
        InputProblem(
            1, header, f"is matched to {chosen!r}, which is not a field ({', '.join(COLUMNS)})"
        )
        for header, chosen in mapping.items()
        if chosen and chosen not in COLUMNS
    ] or {header.strip(): chosen for header, chosen in mapping.items()}


def _named(header: str, index: int) -> str:
    return f"“{header}”" if header else f"column {index + 1}"


def _listed(words: Sequence[str], conjunction: str = "and", most: int = 5) -> str:
    """Words as a sentence lists them; past ``most``, only how many more there are."""
    if len(words) > most:
        return f"{', '.join(words[:most])} {conjunction} {len(words) - most} more"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _place(table: _Table, mapping: Mapping[str, str]) -> list[str] | Unplaced:
    """The field of every column ("" to leave it out), or what the page must ask."""
    headers = [h.strip() for h in table.header]
    found: list[str | None] = []
    for i, header in enumerate(headers):
        chosen = mapping[header] if header in mapping else HEADERS.get(header_key(header))
        if chosen is None and not header and not any(cells[i].strip() for _, cells in table.rows):
            chosen = ""  # a column with neither name nor cells: Excel's trailing separators
        found.append(chosen)
    if "provider" not in found and "organization" in found:
        # A sheet's one column of who gave each course ("Organization") holds its provider:
        # a listed one's name reads as it, any other as a value to choose for (calc.choices).
        named = found.index("organization")
        if headers[named] not in mapping:
            found[named] = "provider"
    unknown = [i for i, chosen in enumerate(found) if chosen is None]
    firsts = {chosen: found.index(chosen) for chosen in COLUMNS if chosen in found}
    again = [i for i, chosen in enumerate(found) if chosen and firsts[chosen] != i]
    # A sheet of committee service may date each row by its last day served alone.
    served = {"date"} if "service_to" in firsts else set()
    missing = [c for c in REQUIRED_COLUMNS if c not in firsts and c not in served]
    if not (unknown or again or missing):
        return [chosen or "" for chosen in found]
    said = []
    problems = []
    if unknown:
        names = _listed([_named(headers[i], i) for i in unknown])
        said.append(
            f"choose a field for {names}, or leave {'it' if len(unknown) == 1 else 'them'} out"
        )
        problems += [
            InputProblem(
                1,
                headers[i] or f"column {i + 1}",
                f"unknown column (columns: {', '.join(COLUMNS)})",
            )
            for i in unknown
        ]
    for chosen, first in firsts.items():
        twins = [first, *(i for i in again if found[i] == chosen)]
        if len(twins) > 1:
            both = "both" if len(twins) == 2 else "all"
            names = _listed([_named(headers[i], i) for i in twins])
            said.append(f"{names} {both} hold {LABELS[chosen]}: keep one")
            problems += [
                InputProblem(
                    1,
                    headers[i] or f"column {i + 1}",
                    f"holds {chosen}, as {_named(headers[first], first)} does: keep one",
                )
                for i in twins[1:]
            ]
    if missing:
        said.append(f"no column holds {_listed([LABELS[c] for c in missing], 'or')}")
        problems += [InputProblem(1, c, "required column is missing") for c in missing]
    samples = [_samples(table, i) for i in range(len(headers))]
    guesses = [(chosen or "") if i not in again else "" for i, chosen in enumerate(found)]
    if "date" in missing:
        # A column of dates under a name not known (Fecha, Datum) most likely holds the date.
        dated = [i for i in unknown if samples[i] and all(map(looks_like_file_date, samples[i]))]
        if dated:
            guesses[dated[0]] = "date"
    columns = tuple(Column(*column) for column in zip(headers, samples, guesses, strict=True))
    sentence = "; ".join(said)
    return Unplaced(columns, sentence[0].upper() + sentence[1:] + ".", tuple(problems))


def mapping_answer(unplaced: Unplaced) -> dict[str, Any]:
    """What the page needs to ask which field each column holds: the columns, the fields (in
    the form's words) and what is missing."""
    return {
        "columns": [
            {"header": c.header, "samples": list(c.samples), "guess": c.guess}
            for c in unplaced.columns
        ],
        "fields": [
            {"id": c, "label": LABELS[c], "required": c in REQUIRED_COLUMNS} for c in COLUMNS
        ],
        "message": unplaced.message,
    }


def _samples(table: _Table, index: int) -> tuple[str, ...]:
    cells = (cells[index].strip() for _, cells in table.rows)
    return tuple(islice((cell[:SAMPLE_LENGTH] for cell in cells if cell), SAMPLES))


def _dates(cells: Sequence[str]) -> tuple[list[str], bool, tuple[str, ...]]:
    """Each date cell as YYYY-MM-DD where it can be read (else as written, for the check to
    refuse), whether the file writes day first, and a note when that reading mattered."""
    day_first = reads_day_first(cells)
    read = [(cell, read_file_date(cell, day_first)) for cell in cells]
    converted = [cell if day is None else day.isoformat() for cell, day in read]
    example = next(((c.strip(), day) for c, day in read if day and ambiguous_date(c)), None)
    if example is None:
        return converted, day_first, ()
    written, day = example
    order = "day/month/year" if day_first else "month/day/year"
    note = f"Dates such as {written} were read as {order} ({long_date(day, day_first)})"
    only = next((c.strip() for c in cells if (n := numeric_date(c)) and n[0] > 12), None)
    if only:
        note += f", since {only} in the same file can only be read that way"
    return converted, day_first, (note + ".",)


def _amount(cell: str, delimiter: str) -> str:
    if delimiter == ",":
        return cell
    return (
        _DECIMAL_COMMA.sub(r"\1.\2", cell.strip())
        if _DECIMAL_COMMA.fullmatch(cell.strip())
        else cell
    )


def _log(table: _Table, placed: list[str]) -> LogFile:
    headers = {chosen: table.header[i].strip() for i, chosen in enumerate(placed) if chosen}
    records = [
        {chosen: cells[i] for i, chosen in enumerate(placed) if chosen} for _, cells in table.rows
    ]
    # Every column of days is read the same way, as its spreadsheet wrote them all.
    days = [c for c in DAY_COLUMNS if c in headers]
    cells = [record[c] for record in records for c in days]
    read, day_first, notes = _dates(cells)
    for k, record in enumerate(records):
        record.update(zip(days, read[k * len(days) : (k + 1) * len(days)], strict=True))
        record["amount"] = _amount(record["amount"], table.delimiter)
        for text in ("title", "organization"):
            if text in record:
                record[text] = _unquote_formula(record[text])
    amount = headers["amount"]
    if "unit" not in headers and header_key(amount) in UNIT_HEADERS:
        # The amount's header names its unit ("CEUs"): the unit of every row, read as any unit.
        headers["unit"] = amount
        for record in records:
            record["unit"] = amount
        notes += (f"The column “{amount}” names the unit: every amount was read as {amount}.",)
    rows = [(line, record) for (line, _), record in zip(table.rows, records, strict=True)]
    return LogFile({}, rows, headers, day_first, notes)


def open_csv(
    text: str, mapping: Mapping[str, str] | None = None
) -> LogFile | Unplaced | list[InputProblem]:
    """A CSV file's log; its columns matched by name, or by ``mapping`` (header: field, "" to
    leave out) for those it names."""
    table = _table(text.removeprefix("\ufeff"))
    if isinstance(table, list):
        return table
    placed = _place(table, mapping or {})
    return placed if isinstance(placed, Unplaced) else _log(table, placed)


def read_csv(text: str) -> tuple[LogFile | None, list[InputProblem]]:
    return _pair(open_csv(text))


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
    version = data.get("version")
    legacy = not (isinstance(version, int) and not isinstance(version, bool) and version >= 2)
    rows = list(enumerate(data["activities"], start=1))
    return LogFile(dict(profile or {}), rows, legacy=legacy), []


def open_log(
    text: str, mapping: Mapping[str, str] | None = None
) -> LogFile | Unplaced | list[InputProblem]:
    """A log from the text of a CSV or JSON file, told apart by its first character; for CSV,
    ``mapping`` says what the columns it names hold."""
    if "\ufffd" in text:
        # What a browser makes of bytes that are not UTF-8 (a spreadsheet's "CSV" in Windows
        # encoding, say): refused rather than imported with mangled titles.
        line = len(_LINE_END.findall(text, 0, text.index("\ufffd"))) + 1
        return [
            InputProblem(
                line, "", 'the file is not UTF-8 text: save it as "CSV UTF-8" and try again'
            )
        ]
    start = text.removeprefix("\ufeff").lstrip()
    if start.startswith(("{", "[")):
        log, problems = read_json(text)
        return log or problems
    return open_csv(text, mapping)


def read_log(text: str) -> tuple[LogFile | None, list[InputProblem]]:
    """A log whose columns, if CSV, are all named as the calculator knows them (the command
    line's: nobody to ask what the others hold)."""
    return _pair(open_log(text))


def _pair(
    opened: LogFile | Unplaced | list[InputProblem],
) -> tuple[LogFile | None, list[InputProblem]]:
    if isinstance(opened, LogFile):
        return opened, []
    if isinstance(opened, Unplaced):
        return None, list(opened.problems)
    return None, opened


def file_problems(log: LogFile, problems: Sequence[InputProblem]) -> list[InputProblem]:
    """Problems in a CSV file's words: each column named by its header there, a date the file
    could not read said with the spellings files may use."""
    if not log.headers:
        return list(problems)
    written = dict(log.rows)
    return [
        InputProblem(p.row, log.headers.get(p.column, p.column), _file_message(p, written, log))
        for p in problems
    ]


def _file_message(problem: InputProblem, written: Mapping[int, Any], log: LogFile) -> str:
    if problem.column != "date" or problem.message != DATE_FORMAT_PROBLEM:
        return problem.message
    text = str(written[problem.row]["date"]).strip()
    if not looks_like_file_date(text):
        return f"must be a date: {_FILE_DATES}"
    if log.day_first and numeric_date(text):
        return f"{text} is not a real date, read as day/month/year as this file's dates are"
    return f"{text} is not a real date"


def _quote_formula(title: str) -> str:
    return "'" + title if title.startswith(_FORMULA_START) else title


def _unquote_formula(title: str) -> str:
    return title[1:] if title.startswith("'") and title[1:].startswith(_FORMULA_START) else title


def cecs_cells(cecs: Decimal, planned: Decimal | None = None) -> tuple[str, str]:
    """The exported ACSM CECs of an activity and, for a plan (``planned``: what it would count
    once done), its Planned CECs: numbers only, and a plan's CECs the 0 it counts now, never a
    number that looks earned."""
    return fmt(cecs), "" if planned is None else fmt(planned)


def _in_use(columns: Sequence[str], records: Sequence[dict[str, str]]) -> tuple[str, ...]:
    """The columns to write: all but other bodies' where no record gives one."""
    return tuple(c for c in columns if c not in OTHER_BODIES_COLUMNS or any(r[c] for r in records))


def write_csv(
    activities: Sequence[Activity],
    rules: Rules,
    cecs: Sequence[tuple[str, str]] | None = None,
) -> str:
    """The log as a spreadsheet shows it: the form's words for headers, names for ids, and
    the CECs each activity counts and, for a plan, would count (``cecs``, from
    :func:`cecs_cells`; empty when not known). With a byte-order mark, which Excel needs to
    read the text as UTF-8 (accented titles), and lines ending CRLF (the excel dialect)."""
    records = [activity_record(a) for a in activities]
    order = _in_use((*EXPORT_COLUMNS, *(c for c in COLUMNS if c not in EXPORT_COLUMNS)), records)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([_COMPUTED.get(c) or LABELS[c] for c in order])
    for i, (a, record) in enumerate(zip(activities, records, strict=True)):
        record["title"] = _quote_formula(record["title"])
        record["organization"] = _quote_formula(record["organization"])
        record["provider"] = rules.providers[a.provider].name
        record["unit"] = rules.units[a.unit].short if a.unit else ""
        record["category"] = rules.categories[a.category].name if a.category else ""
        record["cecs"], record["planned"] = cecs[i] if cecs is not None else ("", "")
        writer.writerow([record[c] for c in order])
    return buffer.getvalue()


def write_json(
    profile: Profile | None,
    activities: Sequence[Activity],
    others: Sequence[Mapping[str, str]] = (),
) -> str:
    """A log file: the profile (with ``others``, the other bodies' certifications held, when
    there are any) and the activities."""
    data: dict[str, Any] = {"format": LOG_FORMAT, "version": LOG_VERSION}
    if profile is not None:
        data["profile"] = profile_record(profile)
    if others:
        data.setdefault("profile", {})["others"] = [dict(o) for o in others]
    records = [activity_record(a) for a in activities]
    kept = _in_use(COLUMNS, records)
    data["activities"] = [{c: r[c] for c in kept} for r in records]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
