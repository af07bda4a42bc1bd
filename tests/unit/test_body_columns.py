"""The log columns other certifying bodies ask for (calc.fields): participation_hours, format,
topics, approvals and petitions. Each read, each refused with its message, written back as a log
row, and left out of an export where no activity uses it (calc.logfiles)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.bundle import rules_from_bundle
from calc.fields import (
    COLUMNS,
    LABELS,
    OTHER_BODIES_COLUMNS,
    InputProblem,
    activity_record,
    parse_activities,
    parse_activity,
)
from calc.logfiles import read_log, write_csv, write_json
from calc.model import Activity, Profile, Rules
from tests.conftest import load_bundle

RULES: Rules = rules_from_bundle(load_bundle())
TODAY = date(2026, 6, 1)
ROW = {"date": "2026-03-01", "title": "Core", "provider": "ace", "amount": "0.5"}
PLAIN = Activity(date(2026, 3, 1), "Core", "ace", Decimal("0.5"))
APPROVALS_HINT = "write each as the body and its number (ACE 12345; NASM 678)"


def parse(**cells: Any) -> Activity:
    activity, problems = parse_activity({**ROW, **cells}, 4, RULES, TODAY)
    assert problems == [] and activity is not None
    return activity


def refused(**cells: Any) -> list[InputProblem]:
    activity, problems = parse_activity({**ROW, **cells}, 4, RULES, TODAY)
    assert activity is None
    return problems


def test_a_row_without_the_columns_reads_as_before() -> None:
    assert parse() == PLAIN
    blank = {c: "" for c in OTHER_BODIES_COLUMNS}
    assert parse(**blank) == PLAIN
    assert parse(**dict.fromkeys(OTHER_BODIES_COLUMNS)) == PLAIN


# participation_hours ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "hours"),
    [
        ("2.5", "2.5"),
        (" 3 ", "3"),
        (".5", "0.5"),
        ("1000", "1000"),
        (Decimal("1.25"), "1.25"),
        (2, "2"),
    ],
)
def test_hours_of_participation_are_read_exactly(cell: Any, hours: str) -> None:
    assert parse(participation_hours=cell).participation_hours == Decimal(hours)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("0", "must be more than 0"),
        ("-1", "must not be negative"),
        ("two", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1e3", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1.2345", "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1000.001", "is more than 1000; check the amount"),
    ],
)
def test_hours_of_participation_that_cannot_be_read(cell: str, message: str) -> None:
    assert refused(participation_hours=cell) == [InputProblem(4, "participation_hours", message)]


# format -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("live", "live"),
        ("LIVE", "live"),
        ("In person", "live"),
        ("in-person", "live"),
        ("Livestream", "live"),
        ("live webinar", "live"),
        ("Recorded", "recorded"),
        ("home study", "recorded"),
        ("Home-Study", "recorded"),
        ("on demand", "recorded"),
        ("On-Demand", "recorded"),
        ("self-paced", "recorded"),
        (" recorded ", "recorded"),
    ],
)
def test_the_format_is_read_from_the_words_logs_use(cell: str, read: str) -> None:
    assert parse(format=cell).format == read


@pytest.mark.parametrize("cell", ["online", "webinar", "hybrid", "yes", "live!recorded"])
def test_a_format_that_could_be_either_is_asked_about(cell: str) -> None:
    assert refused(format=cell) == [InputProblem(4, "format", "must be live, recorded or empty")]


# topics -------------------------------------------------------------------------------------


def test_topics_are_read_as_names_once_each_in_order() -> None:
    assert parse(topics="Ethics; Nutrition\nethics;;  ").topics == ("ethics", "nutrition")
    assert parse(topics="Professional Conduct & Ethics").topics == ("professional conduct ethics",)
    assert parse(topics=";\n;").topics == ()


def test_at_most_twenty_topics() -> None:
    twenty = "; ".join(f"topic {i}" for i in range(20))
    assert len(parse(topics=twenty).topics) == 20
    assert len(parse(topics=twenty + "; topic 0").topics) == 20  # the same topic again
    assert refused(topics=twenty + "; topic 20") == [
        InputProblem(4, "topics", "holds more than 20 topics")
    ]


def test_a_topic_of_three_hundred_characters_is_read() -> None:
    assert parse(topics="x" * 300).topics == ("x" * 300,)


def test_a_topic_too_long_is_said_too_long() -> None:
    (problem,) = refused(topics="x" * 301)
    assert problem.column == "topics" and "300" in problem.message
    assert "20 topics" not in problem.message


# approvals ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "read"),
    [
        ("ACE 12345", (("ace", "12345"),)),
        ("ace: 12345", (("ace", "12345"),)),
        ("NASM #A-7 B", (("nasm", "A-7 B"),)),
        ("ACE 1; NASM 2\nNETA 3", (("ace", "1"), ("nasm", "2"), ("neta", "3"))),
        ("American Council on Exercise 99", (("ace", "99"),)),
        ("National Academy of Sports Medicine NASM 4", (("nasm", "4"),)),
        ("ACE 1; ACE 1", (("ace", "1"), ("ace", "1"))),
        ("", ()),
    ],
)
def test_approval_numbers_are_read_as_body_and_number(
    cell: str, read: tuple[tuple[str, str], ...]
) -> None:
    assert parse(approvals=cell).approvals == read


@pytest.mark.parametrize(
    ("cell", "item"),
    [("12345", "12345"), ("ACE", "ACE"), ("Foo 123", "Foo 123"), ("ACE 1; 2", "2")],
)
def test_an_approval_without_a_body_or_a_number_is_refused(cell: str, item: str) -> None:
    assert refused(approvals=cell) == [InputProblem(4, "approvals", f"{item!r}: {APPROVALS_HINT}")]


def test_approvals_given_as_a_json_list_are_read_each() -> None:
    # A JSON log may give a list of texts instead of one text with semicolons.
    activity, problems = parse_activity({**ROW, "approvals": ["ACE 1", "NASM 2"]}, 4, RULES, TODAY)
    assert problems == []
    assert activity is not None and activity.approvals == (("ace", "1"), ("nasm", "2"))


def test_at_most_twenty_approval_numbers() -> None:
    twenty = "; ".join(f"ACE {i}" for i in range(20))
    assert len(parse(approvals=twenty).approvals) == 20
    too_many = [InputProblem(4, "approvals", "holds more than 20 numbers")]
    assert refused(approvals=twenty + "; NASM 20") == too_many
    # Past the twenty-first, nothing more is read.
    assert refused(approvals=twenty + "; NASM 20; nonsense") == too_many


# petitions ----------------------------------------------------------------------------------


def test_petitions_name_bodies_once_each_as_provider_ids() -> None:
    cell = "ACE; National Exercise Trainers Association\nace"
    assert parse(petitions=cell).petitions == ("ace", "neta")
    assert parse(petitions="").petitions == ()


def test_a_petition_naming_no_body_is_refused() -> None:
    assert refused(petitions="ACE; my boss") == [
        InputProblem(
            4, "petitions", "'my boss' is not a certifying body (write its name: ACE; NETA)"
        )
    ]


def test_at_most_twenty_petitions() -> None:
    assert parse(petitions="; ".join(["ACE"] * 20)).petitions == ("ace",)
    too_many = [InputProblem(4, "petitions", "names more than 20 bodies")]
    assert refused(petitions="; ".join(["ACE"] * 21)) == too_many
    # Past the twenty-first, nothing more is read.
    assert refused(petitions="; ".join(["ACE"] * 21 + ["nobody"])) == too_many


def test_every_column_says_its_own_problem_in_column_order() -> None:
    problems = refused(
        participation_hours="x",
        format="online",
        topics="; ".join(str(i) for i in range(21)),
        approvals="123",
        petitions="nobody",
    )
    assert [(p.row, p.column) for p in problems] == [(4, c) for c in OTHER_BODIES_COLUMNS]


# As a log row -------------------------------------------------------------------------------

FULL = Activity(
    date(2026, 3, 1),
    "Core",
    "ace",
    Decimal("0.5"),
    participation_hours=Decimal("2.50"),
    format="recorded",
    topics=("ethics", "nutrition"),
    approvals=(("ace", "12345"), ("nasm", "A-7 B")),
    petitions=("ace", "neta"),
)


def test_an_activity_is_written_as_the_cells_it_was_read_from() -> None:
    record = activity_record(FULL)
    assert {c: record[c] for c in OTHER_BODIES_COLUMNS} == {
        "participation_hours": "2.5",
        "format": "recorded",
        "topics": "ethics; nutrition",
        "approvals": "ace 12345; nasm A-7 B",
        "petitions": "ace; neta",
    }
    assert list(record) == list(COLUMNS)
    back, problems = parse_activity(record, 1, RULES, TODAY)
    assert problems == [] and back == FULL


def test_an_activity_without_them_writes_them_empty() -> None:
    record = activity_record(PLAIN)
    assert {c: record[c] for c in OTHER_BODIES_COLUMNS} == dict.fromkeys(OTHER_BODIES_COLUMNS, "")


# Exports ------------------------------------------------------------------------------------

ACSM_HEADER = [
    "Date completed",
    "Title",
    "Provider",
    "Organization name",
    "Amount",
    "Unit",
    "ACSM CECs",
    "Planned CECs",
    "Category",
    "Within the scope of my certification",
    "I have the certificate",
    "Does this organization count 0.1 per hour?",
    "Entered in ACSM's Self-Reporting Tool",
    "This is a separate activity",
    "Served from",
    "Served to",
]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def read_back(text: str) -> list[Activity]:
    log, problems = read_log(text)
    assert problems == [] and log is not None
    activities, problems = parse_activities(log.rows, RULES, TODAY)
    assert problems == []
    return activities


def test_a_csv_export_for_acsm_alone_has_none_of_the_columns() -> None:
    rows = csv_rows(write_csv([PLAIN], RULES))
    assert rows[0] == ACSM_HEADER
    assert len(rows[1]) == len(ACSM_HEADER)
    assert csv_rows(write_csv([], RULES)) == [ACSM_HEADER]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("participation_hours", Decimal(3)),
        ("format", "live"),
        ("topics", ("ethics",)),
        ("approvals", (("ace", "1"),)),
        ("petitions", ("ace",)),
    ],
)
def test_an_export_has_each_column_some_activity_uses_and_no_other(column: str, value: Any) -> None:
    uses = Activity(date(2026, 3, 2), "Other", "acsm", Decimal(2), **{column: value})
    log = [PLAIN, uses]
    rows = csv_rows(write_csv(log, RULES))
    assert rows[0] == [*ACSM_HEADER, LABELS[column]]
    cell = activity_record(uses)[column]
    assert [row[-1] for row in rows[1:]] == ["", cell]
    assert read_back(write_csv(log, RULES)) == log
    data = json.loads(write_json(None, log))
    assert [list(a) for a in data["activities"]] == [[*COLUMNS[:14], column]] * 2
    assert data["activities"][1][column] == cell
    assert read_back(write_json(None, log)) == log


def test_an_export_with_every_column_reads_back_exactly() -> None:
    log = [PLAIN, FULL]
    rows = csv_rows(write_csv(log, RULES))
    assert rows[0][-5:] == [
        "Hours of participation",
        "Live or recorded",
        "Topics",
        "Approval numbers",
        "Petitions approved by",
    ]
    assert rows[2][-5:] == [
        "2.5",
        "recorded",
        "ethics; nutrition",
        "ace 12345; nasm A-7 B",
        "ace; neta",
    ]
    assert read_back(write_csv(log, RULES)) == log
    profile = Profile(("cpt",), date(2026, 12, 31), None, None, TODAY)
    text = write_json(profile, log)
    assert list(json.loads(text)["activities"][0]) == list(COLUMNS)
    assert read_back(text) == log


def test_a_json_export_for_acsm_alone_has_none_of_the_columns() -> None:
    data = json.loads(write_json(None, [PLAIN]))
    assert list(data["activities"][0]) == list(COLUMNS[:14])


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("participation_hours", "participation_hours"),
        ("Hours of participation", "participation_hours"),
        ("Participation hours", "participation_hours"),
        ("Hours attended", "participation_hours"),
        ("Hours of attendance", "participation_hours"),
        ("format", "format"),
        ("Live or recorded", "format"),
        ("Delivery", "format"),
        ("Live or online", "format"),
        ("topics", "topics"),
        ("Topic", "topics"),
        ("approvals", "approvals"),
        ("Approval numbers", "approvals"),
        ("Approval number", "approvals"),
        ("Approval", "approvals"),
        ("Course number", "approvals"),
        ("CEP number", "approvals"),
        ("petitions", "petitions"),
        ("Petitions approved by", "petitions"),
        ("Petition approved", "petitions"),
        ("Petitions approved", "petitions"),
        ("Petition approved by", "petitions"),
    ],
)
def test_a_spreadsheets_own_headers_are_read_as_the_columns(header: str, column: str) -> None:
    value = {
        "participation_hours": "2",
        "format": "live",
        "topics": "ethics",
        "approvals": "ACE 5",
        "petitions": "ACE",
    }[column]
    log, problems = read_log(f"Date,Provider,Amount,{header}\n2026-03-01,ace,0.5,{value}\n")
    assert problems == [] and log is not None
    assert log.headers[column] == header
    (row,) = log.rows
    assert row[1][column] == value
