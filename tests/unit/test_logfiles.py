"""Log files as people bring them (from a spreadsheet, in another encoding, far too long) and as
the calculator writes them: what each problem says and on which line, and what is read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc.fields import MAX_ACTIVITIES, InputProblem
from calc.logfiles import LogFile, cecs_cells, read_csv, read_log, write_csv, write_json
from calc.model import Activity, Profile, Rules

COLUMNS = (
    "date, title, provider, organization, amount, unit, category, in_scope, certificate,"
    " decimal_system, reported, separate, service_from, service_to, participation_hours, format,"
    " topics, approvals, petitions"
)
NOT_UTF8 = 'the file is not UTF-8 text: save it as "CSV UTF-8" and try again'
BIG_CELL = "x" * 200_000  # more than the CSV reader takes in one cell
ROW = "2025-03-01,acsm,1"


def lines(*rows: str, end: str = "\n") -> str:
    return "".join(row + end for row in rows)


REFUSED: list[tuple[str, str, list[InputProblem]]] = [
    (
        "an unnamed column",
        lines("date,,provider,amount", "2025-03-01,x,acsm,1"),
        [InputProblem(1, "column 2", f"unknown column (columns: {COLUMNS})")],
    ),
    (
        "a cell under no header",
        lines("date,provider,amount,", f"{ROW},x"),
        [InputProblem(1, "column 4", f"unknown column (columns: {COLUMNS})")],
    ),
    (
        "a header cell too big to read",
        lines("date,provider,amount," + BIG_CELL),
        [InputProblem(1, "", "not a readable CSV file: field larger than field limit (131072)")],
    ),
    (
        "a cell on line 3 too big to read",
        lines("date,provider,amount,title", ROW, f'{ROW},"{BIG_CELL}"', ROW),
        [InputProblem(3, "", "not a readable CSV row: field larger than field limit (131072)")],
    ),
    (
        "every row with too many cells",
        lines("date,provider,amount", f"{ROW},x", ROW, f"{ROW},x,y"),
        [
            InputProblem(2, "", "has 4 cells; the header names 3"),
            InputProblem(4, "", "has 5 cells; the header names 3"),
        ],
    ),
    (
        "too many cells in a row whose title spans lines 2 and 3: named by its first line",
        lines("date,provider,amount,title", f'{ROW},"Part 1\nPart 2",x', ROW),
        [InputProblem(2, "", "has 5 cells; the header names 4")],
    ),
    (
        "a byte that is not UTF-8 on line 3",
        lines(
            "date,title,provider,amount", f"{ROW},x", "2025-03-02,Caf\ufffd,acsm,1", ROW, ROW, ROW
        ),
        [InputProblem(3, "", NOT_UTF8)],
    ),
    (
        "not UTF-8 on line 3, lines ending CRLF",
        lines("date,title", "2025-03-01,x", "2025-03-02,Caf\ufffd", "2025-03-03,y", end="\r\n"),
        [InputProblem(3, "", NOT_UTF8)],
    ),
    (
        "not UTF-8 on line 3, lines ending CR (Excel for Mac)",
        lines("date,title", "2025-03-01,x", "2025-03-02,Caf\ufffd", "2025-03-03,y", end="\r"),
        [InputProblem(3, "", NOT_UTF8)],
    ),
    (
        "not UTF-8 on line 3 after a blank first line",
        lines("", "date,title", "2025-03-02,Caf\ufffd", "2025-03-03,y"),
        [InputProblem(3, "", NOT_UTF8)],
    ),
    (
        "not UTF-8 on lines 3 and 5: the first is named",
        lines("date,title", "2025-03-01,x", "2025-03-02,Caf\ufffd", "x", "2025-03-03,Na\ufffdve"),
        [InputProblem(3, "", NOT_UTF8)],
    ),
    (
        "not UTF-8 on the first line",
        lines("date,titl\ufffd", "x", "y"),
        [InputProblem(1, "", NOT_UTF8)],
    ),
    (
        "not UTF-8 in a JSON log",
        '{"activities": [\n  {"title": "Caf\ufffd"}\n]}\n',
        [InputProblem(2, "", NOT_UTF8)],
    ),
    (
        "a JSON list, not a log",
        "[1, 2]",
        [InputProblem(1, "", "the log must be an object with an 'activities' list")],
    ),
    (
        "a JSON list after spaces and a byte-order mark",
        "\ufeff \n [] ",
        [InputProblem(1, "", "the log must be an object with an 'activities' list")],
    ),
]


@pytest.mark.parametrize(
    ("text", "problems"),
    [(text, problems) for _, text, problems in REFUSED],
    ids=[name for name, _, _ in REFUSED],
)
def test_a_file_that_cannot_be_read_says_why_and_where(
    text: str, problems: list[InputProblem]
) -> None:
    assert read_log(text) == (None, problems)


def test_the_first_problem_as_the_command_line_prints_it() -> None:
    _, problems = read_log(lines("date,,provider,amount", "2025-03-01,x,acsm,1"))
    assert [p.where("log.csv") for p in problems] == [
        f"log.csv:1:column 2: unknown column (columns: {COLUMNS})"
    ]
    _, problems = read_log(lines("date,title", "x", "Caf\ufffd"))
    assert [p.where("log.csv") for p in problems] == [f"log.csv:3: {NOT_UTF8}"]


def test_empty_columns_at_the_end_are_left_out() -> None:
    """Excel keeps a separator for every column it once had: no name, no cells, no column."""
    log, problems = read_log(lines("date,provider,amount,,", f"{ROW},,"))
    assert problems == []
    assert log == LogFile(
        {},
        [(2, {"date": "2025-03-01", "provider": "acsm", "amount": "1"})],
        {"date": "date", "provider": "provider", "amount": "amount"},
    )


def test_exactly_as_many_rows_as_supported_are_read() -> None:
    log, problems = read_csv(lines("date,provider,amount", *[ROW] * MAX_ACTIVITIES))
    assert problems == [] and log is not None
    assert len(log.rows) == MAX_ACTIVITIES
    assert log.rows[-1] == (
        MAX_ACTIVITIES + 1,
        {"date": "2025-03-01", "provider": "acsm", "amount": "1"},
    )


@pytest.mark.parametrize(
    ("text", "line", "count"),
    [
        (lines("date,provider,amount", *[ROW] * (MAX_ACTIVITIES + 1)), MAX_ACTIVITIES + 2, 10_001),
        # Blank lines are not activities, wherever they are.
        (
            lines(
                "date,provider,amount", "", *[ROW] * MAX_ACTIVITIES, ",,", ROW, " , ,", ROW, "", ROW
            ),
            MAX_ACTIVITIES + 4,
            10_003,
        ),
    ],
    ids=["one row too many", "three too many among blank lines"],
)
def test_one_row_too_many_is_one_problem_that_counts_them_all(
    text: str, line: int, count: int
) -> None:
    assert read_log(text) == (
        None,
        [InputProblem(line, "", f"the log has {count} activities; at most 10000 are supported")],
    )


def test_json_rows_are_numbered_from_1_and_numbers_kept_exact() -> None:
    log, problems = read_log(
        '{"profile": {"cycle_end": "2026-12-31"},'
        ' "activities": [{"date": "2025-03-01"}, {"amount": 1.10}]}'
    )
    assert problems == []
    # Without a version it was written before version 2: its committee service may lack a period.
    assert log == LogFile(
        {"cycle_end": "2026-12-31"},
        [(1, {"date": "2025-03-01"}), (2, {"amount": Decimal("1.10")})],
        legacy=True,
    )
    assert log is not None and str(log.rows[1][1]["amount"]) == "1.10"


@pytest.mark.parametrize(
    ("in_file", "title"),
    [
        ("'=SUM(1)", "=SUM(1)"),
        ("'+1 session", "+1 session"),
        ("'-", "-"),
        ("'@home", "@home"),
        ("''quoted", "'quoted"),
        ("'hello", "'hello"),
        ("'", "'"),
        ("=SUM(1)", "=SUM(1)"),
        ("Don't stop", "Don't stop"),
    ],
)
def test_a_quote_that_keeps_a_formula_as_text_is_taken_off(in_file: str, title: str) -> None:
    log, _ = read_csv(lines("date,provider,amount,title", f"{ROW},{in_file}"))
    assert log is not None and log.rows[0][1]["title"] == title


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR (Excel for Mac)"])
def test_rows_are_numbered_by_line_whatever_the_line_ends(end: str) -> None:
    log, problems = read_log(lines("Date,Provider,Amount", ROW, "", "2025-03-02,ace,2", end=end))
    assert problems == []
    assert log == LogFile(
        {},
        [
            (2, {"date": "2025-03-01", "provider": "acsm", "amount": "1"}),
            (4, {"date": "2025-03-02", "provider": "ace", "amount": "2"}),
        ],
        {"date": "Date", "provider": "Provider", "amount": "Amount"},
    )


def test_a_title_on_two_lines_is_read_as_written() -> None:
    log, problems = read_csv(
        lines("date,provider,amount,title", f'{ROW},"Part 1\r\nPart 2"', f"{ROW},next", end="\r\n")
    )
    assert problems == [] and log is not None
    assert [(row, raw["title"]) for row, raw in log.rows] == [(2, "Part 1\r\nPart 2"), (4, "next")]


def activity(title: str, organization: str = "") -> Activity:
    return Activity(
        date(2025, 3, 1), title, "ace", Decimal("1.50"), "ceu", "education",
        in_scope=False, certificate=True, decimal_system=True, reported=False,
        organization=organization,
    )  # fmt: skip


TEXTS = ["=SUM(1)", "+1", "-", "@home", "'hello", "''", "\tTab", "Café"]


@pytest.mark.parametrize("title", TEXTS)
def test_every_title_comes_back_from_a_csv_export(title: str, rules: Rules) -> None:
    log, problems = read_csv(write_csv([activity(title)], rules))
    assert problems == [] and log is not None
    assert log.rows[0][1]["title"] == title


@pytest.mark.parametrize("organization", TEXTS)
def test_every_organization_comes_back_from_a_csv_export(organization: str, rules: Rules) -> None:
    log, problems = read_csv(write_csv([activity("x", organization)], rules))
    assert problems == [] and log is not None
    assert log.rows[0][1]["organization"] == organization


HEADER = (
    "\ufeffDate completed,Title,Provider,Organization name,Amount,Unit,ACSM CECs,Planned CECs,"
    "Category,Within the scope of my certification,I have the certificate,"
    "Does this organization count 0.1 per hour?,Entered in ACSM's Self-Reporting Tool,"
    "This is a separate activity,Served from,Served to\r\n"
)


@pytest.mark.parametrize(
    ("cecs", "planned", "cells"),
    [
        (Decimal("15.0"), None, ("15", "")),
        (Decimal(0), None, ("0", "")),
        (Decimal(0), Decimal("2.50"), ("0", "2.5")),
        (Decimal("0.25"), Decimal(0), ("0.25", "0")),
    ],
    ids=["counted", "counting 0", "a plan", "a plan that would count 0"],
)
def test_the_cecs_cells_are_numbers_only(
    cecs: Decimal, planned: Decimal | None, cells: tuple[str, str]
) -> None:
    assert cecs_cells(cecs, planned) == cells
    assert cecs_cells(cecs) == (cells[0], "")


def test_csv_export_as_spreadsheets_read_it(rules: Rules) -> None:
    cecs = [cecs_cells(Decimal(15)), cecs_cells(Decimal(0), Decimal(3))]
    assert write_csv([activity("=1+1", "@Gym"), activity("Café", "Boston")], rules, cecs) == (
        HEADER + "2025-03-01,'=1+1,American Council on Exercise (ACE),'@Gym,1.5,CEU,15,,Education,"
        "no,yes,yes,no,,,\r\n"
        "2025-03-01,Café,American Council on Exercise (ACE),Boston,1.5,CEU,0,3,Education,"
        "no,yes,yes,no,,,\r\n"
    )


def test_csv_export_without_cecs_leaves_them_empty(rules: Rules) -> None:
    assert write_csv([activity("x")], rules) == (
        HEADER + "2025-03-01,x,American Council on Exercise (ACE),,1.5,CEU,,,Education,"
        "no,yes,yes,no,,,\r\n"
    )


def test_json_export_is_readable_text() -> None:
    profile = Profile(("cpt",), date(2026, 12, 31), date(2024, 1, 1), None, date(2026, 6, 1))
    assert write_json(profile, [activity("Café")]) == (
        "{\n"
        '  "format": "cec-guide-log",\n'
        '  "version": 2,\n'
        '  "profile": {\n'
        '    "certifications": [\n'
        '      "cpt"\n'
        "    ],\n"
        '    "cycle_end": "2026-12-31",\n'
        '    "cycle_start": "2024-01-01",\n'
        '    "cpr_expires": "",\n'
        '    "renewed_on": ""\n'
        "  },\n"
        '  "activities": [\n'
        "    {\n"
        '      "date": "2025-03-01",\n'
        '      "title": "Café",\n'
        '      "provider": "ace",\n'
        '      "organization": "",\n'
        '      "amount": "1.5",\n'
        '      "unit": "ceu",\n'
        '      "category": "education",\n'
        '      "in_scope": "no",\n'
        '      "certificate": "yes",\n'
        '      "decimal_system": "yes",\n'
        '      "reported": "no",\n'
        '      "separate": "",\n'
        '      "service_from": "",\n'
        '      "service_to": ""\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


def test_json_export_without_a_profile() -> None:
    assert write_json(None, []) == (
        '{\n  "format": "cec-guide-log",\n  "version": 2,\n  "activities": []\n}\n'
    )
