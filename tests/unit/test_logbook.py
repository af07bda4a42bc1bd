"""Reading logs: CSV and JSON files as people and spreadsheets write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from calc.fields import (
    MAX_ACTIVITIES,
    InputProblem,
    parse_activities,
    parse_amount,
    parse_flag,
    parse_profile,
)
from calc.logfiles import read_csv, read_json, read_log
from calc.model import Rules

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("1.5", Decimal("1.5")),
        (".5", Decimal("0.5")),
        (" 2 ", Decimal(2)),
        (3, Decimal(3)),
        (Decimal("0.25"), Decimal("0.25")),
        (1.25, Decimal("1.25")),
        ("", "is required"),
        (None, "is required"),
        ("-1", "must not be negative"),
        ("1e3", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("NaN", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("Infinity", "must be a plain number such as 1.5 (at most 3 decimals)"),
        (Decimal("NaN"), "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1.2345", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1,5", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1001", "is more than 1000; check the amount"),
        (True, "must be a number"),
    ],
)
def test_amounts(given: object, expected: object) -> None:
    assert parse_amount(given) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("yes", True),
        ("Y", True),
        ("TRUE", True),
        ("1", True),
        (True, True),
        ("no", False),
        ("n", False),
        ("false", False),
        ("0", False),
        (False, False),
        ("maybe", None),
        ("", None),
    ],
)
def test_flags(given: object, expected: bool | None) -> None:
    assert parse_flag(given) is expected


def test_csv_columns_in_any_order_with_a_bom_and_blank_lines() -> None:
    log, problems = read_csv(
        "\ufeffAmount,Provider,DATE\r\n1,acsm,2025-01-01\r\n\r\n2,ace,2025-02-01\r\n"
    )
    assert problems == [] and log is not None
    assert [row for row, _ in log.rows] == [2, 4]
    assert log.rows[1][1] == {"amount": "2", "provider": "ace", "date": "2025-02-01"}


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("", [InputProblem(1, "", "the file is empty; the first row must name the columns")]),
        ("date,provider\n", [InputProblem(1, "amount", "required column is missing")]),
        (
            "date,provider,amount,colour\n",
            [
                InputProblem(
                    1,
                    "colour",
                    "unknown column (columns: date, title, provider, organization, amount, unit, category, in_scope, certificate, decimal_system, reported, separate, service_from, service_to, participation_hours, format, topics, approvals, petitions)",
                )
            ],
        ),
        (
            "date,provider,amount,date\n",
            [InputProblem(1, "date", "holds date, as “date” does: keep one")],
        ),
        (
            "date,provider,amount\n2025-01-01,acsm,1,extra\n",
            [InputProblem(2, "", "has 4 cells; the header names 3")],
        ),
        (
            "date,provider,amount\n\x00\n",
            [InputProblem(1, "", "the file is not text (it contains NUL bytes)")],
        ),
    ],
)
def test_csv_problems(text: str, problems: list[InputProblem]) -> None:
    log, found = read_csv(text)
    assert log is None and found == problems


def test_csv_with_fewer_cells_than_columns_leaves_them_empty(rules: Rules) -> None:
    log, _ = read_csv("date,provider,amount,title\n2025-01-01,acsm,1\n")
    assert log is not None
    activities, problems = parse_activities(log.rows, rules, TODAY)
    assert problems == [] and activities[0].title == ""


def test_json_problems() -> None:
    assert read_json('{"activities": [}')[1] == [
        InputProblem(1, "17", "not valid JSON: Expecting value")
    ]
    assert read_json("[1, 2]")[1] == [
        InputProblem(1, "", "the log must be an object with an 'activities' list")
    ]
    assert read_json('{"profile": 3, "activities": []}')[1] == [
        InputProblem(0, "", "the profile must be an object")
    ]
    assert read_json('{"activities": ' + "[" * 100000)[1] == [
        InputProblem(1, "", "not a usable log: nested more than 32 levels deep")
    ]
    # Brackets inside text do not count.
    assert read_json('{"activities": [], "note": "' + "[" * 100 + '"}')[1] == []


def test_read_log_tells_json_from_csv() -> None:
    assert read_log('\ufeff {"activities": []}')[0] is not None
    assert read_log("date,provider,amount\n")[0] is not None


def test_too_many_activities_is_one_clear_problem(rules: Rules) -> None:
    rows = [
        (i, {"date": "2025-01-01", "provider": "acsm", "amount": "1"})
        for i in range(1, MAX_ACTIVITIES + 2)
    ]
    activities, problems = parse_activities(rows, rules, TODAY)
    assert activities == []
    assert problems == [
        InputProblem(
            MAX_ACTIVITIES + 1,
            "",
            f"the log has {MAX_ACTIVITIES + 1} activities; at most {MAX_ACTIVITIES} are supported",
        )
    ]


def test_dates_far_ahead_and_long_titles_are_refused(rules: Rules) -> None:
    rows = [(1, {"date": "2031-01-01", "provider": "acsm", "amount": "1", "title": "x" * 301})]
    _, problems = parse_activities(rows, rules, TODAY)
    assert [(p.column, p.message) for p in problems] == [
        ("date", "is more than 3 years ahead; check the year"),
        ("title", "is longer than 300 characters"),
    ]


def test_profile_fields(rules: Rules) -> None:
    profile, problems = parse_profile(
        {"certifications": "CPT, ep", "cycle_end": "2026-12-31", "cpr_expires": "2027-01-01"},
        rules,
        TODAY,
    )
    assert problems == [] and profile is not None
    assert profile.certifications == ("cpt", "ep") and profile.as_of == TODAY
    _, problems = parse_profile(
        {
            "certifications": "cpt",
            "cycle_end": "2026-12-31",
            "cycle_start": "2027-01-01",
            "as_of": "x",
        },
        rules,
        TODAY,
    )
    assert [(p.column, p.message) for p in problems] == [
        ("as_of", "must be a date written YYYY-MM-DD"),
        ("cycle_start", "must not be after the cycle end date"),
    ]
    _, problems = parse_profile({"certifications": 5, "cycle_end": "2026-12-31"}, rules, TODAY)
    assert problems[0].message.startswith("unknown certification '5'")


def test_where_names_file_row_and_column() -> None:
    assert (
        InputProblem(3, "amount", "is required").where("log.csv") == "log.csv:3:amount: is required"
    )
    assert InputProblem(0, "cycle_end", "x").where("log.json") == "log.json:profile:cycle_end: x"
    assert InputProblem(4, "", "too long").where("log.csv") == "log.csv:4: too long"
