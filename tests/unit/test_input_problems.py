"""What the professional is told about each field they got wrong: the row, the column and the
message exactly as the page shows them (and the command line prints), and where each limit lies
(the value at the limit is taken, the one just past it is refused)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.fields import (
    MAX_ACTIVITIES,
    Checked,
    InputProblem,
    activity_record,
    check_record,
    json_too_deep,
    loads,
    parse_activities,
    parse_activity,
    parse_amount,
    parse_log,
    parse_profile,
    profile_record,
)
from calc.model import Activity, Profile, Rules
from tests import records

TODAY = date(2026, 6, 1)
ROW = 7  # any row but the first: a problem must name the row it was found in
GOOD = {"date": "2025-03-01", "provider": "acsm", "amount": "1"}


def known(rules: Rules) -> dict[str, str]:
    """The lists the messages offer, as the rules have them today: ids of certifications; the
    words of the form for the rest (providers' abbreviations, units' short names, categories'
    names)."""
    return {
        "certifications": ", ".join(rules.certifications),
        "providers": ", ".join(p.abbreviation for p in rules.providers.values()),
        "units": ", ".join(u.short for u in rules.units.values()),
        "categories": "; ".join(c.name for c in rules.categories.values()),
    }


# Each bad field of an activity: what it is given, and every (column, message) said about it.
# "{units}" and the like stand for the lists of known values that the message offers.
ACTIVITY_PROBLEMS: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    ("date missing", {"date": ""}, [("date", "is required")]),
    ("date not a day", {"date": "2025-02-30"}, [("date", "2025-02-30 is not a real date")]),
    ("date US style", {"date": "3/1/2025"}, [("date", "must be a date written YYYY-MM-DD")]),
    (
        "date a day before 1990",
        {"date": "1989-12-31"},
        [("date", "is before 1990; check the year")],
    ),
    (
        "date 4 years ahead",
        {"date": "2030-01-01"},
        [("date", "is more than 3 years ahead; check the year")],
    ),
    ("provider missing", {"provider": " "}, [("provider", "is required")]),
    (
        "provider unknown",
        {"provider": "Acme Gym"},
        [("provider", "unknown provider 'Acme Gym' (use one of: {providers})")],
    ),
    ("amount missing", {"amount": None}, [("amount", "is required")]),
    ("amount negative", {"amount": "-2"}, [("amount", "must not be negative")]),
    (
        "amount just over the limit",
        {"amount": "1000.001"},
        [("amount", "is more than 1000; check the amount")],
    ),
    (
        "unit unknown",
        {"unit": "furlong"},
        [("unit", "unknown unit 'furlong' (use one of: {units})")],
    ),
    (
        "category unknown",
        {"category": "gardening"},
        [("category", "unknown category 'gardening' (use one of: {categories})")],
    ),
    ("in_scope neither yes nor no", {"in_scope": "maybe"}, [("in_scope", "must be yes or no")]),
    ("certificate neither yes nor no", {"certificate": 2}, [("certificate", "must be yes or no")]),
    (
        "decimal_system not an answer",
        {"decimal_system": "perhaps"},
        [("decimal_system", "must be yes, no or empty")],
    ),
    ("reported not an answer", {"reported": "2"}, [("reported", "must be yes, no or empty")]),
    ("title one too long", {"title": "x" * 301}, [("title", "is longer than 300 characters")]),
    (
        "organization one too long",
        {"organization": "x" * 301},
        [("organization", "is longer than 300 characters")],
    ),
    (
        "every field wrong at once, in the order of the form",
        {
            "date": "",
            "provider": "",
            "amount": "lots",
            "unit": "?",
            "category": "?",
            "in_scope": "?",
            "certificate": "?",
            "decimal_system": "yes please",
            "reported": "sort of",
            "title": "y" * 400,
            "organization": "z" * 400,
        },
        [
            ("date", "is required"),
            ("provider", "is required"),
            ("amount", "must be a plain number such as 1.5 (at most 3 decimals)"),
            ("unit", "unknown unit '?' (use one of: {units})"),
            ("category", "unknown category '?' (use one of: {categories})"),
            ("in_scope", "must be yes or no"),
            ("certificate", "must be yes or no"),
            ("decimal_system", "must be yes, no or empty"),
            ("reported", "must be yes, no or empty"),
            ("title", "is longer than 300 characters"),
            ("organization", "is longer than 300 characters"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("given", "said"),
    [(given, said) for _, given, said in ACTIVITY_PROBLEMS],
    ids=[name for name, _, _ in ACTIVITY_PROBLEMS],
)
def test_each_bad_activity_field_is_named_by_row_and_column(
    rules: Rules, given: dict[str, Any], said: list[tuple[str, str]]
) -> None:
    activity, problems = parse_activity({**GOOD, **given}, ROW, rules, TODAY)
    assert activity is None
    lists = known(rules)
    assert problems == [
        InputProblem(ROW, column, message.format(**lists)) for column, message in said
    ]


# Values at a limit, or spelled as people do, that are taken: (field, value, attribute, value).
ACCEPTED: list[tuple[str, str, Any, str, Any]] = [
    ("date on 1990-01-01, the earliest", "date", "1990-01-01", "completed", date(1990, 1, 1)),
    ("date 3 years ahead, the latest year", "date", "2029-12-31", "completed", date(2029, 12, 31)),
    ("amount exactly 1000", "amount", "1000", "amount", Decimal(1000)),
    ("amount as a JSON exponent", "amount", Decimal("1E+2"), "amount", Decimal(100)),
    ("provider by its display name", "provider", "Cooper Institute", "provider", "cooper"),
    ("unit by its plural", "unit", "Contact Hours", "unit", "contact_hour"),
    ("category in capitals", "category", "EDUCATION", "category", "education"),
    ("in_scope empty means yes", "in_scope", "", "in_scope", True),
    ("certificate empty means no", "certificate", " ", "certificate", False),
    ("in_scope as a JSON false", "in_scope", False, "in_scope", False),
    (
        "decimal_system 'not sure' means not said",
        "decimal_system",
        "Not sure",
        "decimal_system",
        None,
    ),
    ("decimal_system '?' means not said", "decimal_system", "?", "decimal_system", None),
    ("decimal_system empty means not said", "decimal_system", "", "decimal_system", None),
    ("decimal_system as a JSON true", "decimal_system", True, "decimal_system", True),
    ("reported 'unknown' means not said", "reported", "unknown", "reported", None),
    ("reported no", "reported", "N", "reported", False),
    ("title exactly 300 characters", "title", "x" * 300, "title", "x" * 300),
    ("title trimmed", "title", "  Spin class \n", "title", "Spin class"),
    ("provider by an alias", "provider", "American College of Sports Medicine", "provider", "acsm"),
    (
        "provider by its abbreviation",
        "provider",
        "ACSM-approved provider",
        "provider",
        "acsm_approved",
    ),
    (
        "provider any case and punctuation",
        "provider",
        "american council on exercise, ACE",
        "provider",
        "ace",
    ),
    ("unit by its short name", "unit", "Credit Hour", "unit", "college_credit_hour"),
    (
        "category by its name as exported",
        "category",
        "CPR, AED and First Aid certification",
        "category",
        "cpr",
    ),
    (
        "category any case and punctuation",
        "category",
        "college  COURSEWORK!",
        "category",
        "college",
    ),
    ("organization exactly 300 characters", "organization", "x" * 300, "organization", "x" * 300),
    ("organization trimmed", "organization", " Red Cross ", "organization", "Red Cross"),
    ("organization absent", "organization", None, "organization", ""),
]


@pytest.mark.parametrize(
    ("column", "value", "attribute", "expected"),
    [case[1:] for case in ACCEPTED],
    ids=[case[0] for case in ACCEPTED],
)
def test_values_at_a_limit_or_as_people_write_them_are_taken(
    rules: Rules, column: str, value: Any, attribute: str, expected: Any
) -> None:
    activity, problems = parse_activity({**GOOD, column: value}, ROW, rules, TODAY)
    assert problems == []
    assert activity is not None and getattr(activity, attribute) == expected


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (Decimal("1E+2"), Decimal(100)),  # how JSON's 1e2 arrives: a plain 100
        (10**3, Decimal(1000)),
        (Decimal("-Infinity"), "must not be negative"),
        (Decimal("Infinity"), "must be a plain number such as 1.5 (at most 3 decimals)"),
        (Decimal("sNaN"), "must be a plain number such as 1.5 (at most 3 decimals)"),
        (Decimal("0E-7"), "must be a plain number such as 1.5 (at most 3 decimals)"),
        ("1000", Decimal(1000)),
        ("1000.000", Decimal(1000)),
        ("1000.001", "is more than 1000; check the amount"),
        (1000.5, "is more than 1000; check the amount"),
    ],
    ids=str,
)
def test_amounts_at_the_edges(given: object, expected: object) -> None:
    assert parse_amount(given) == expected


def profile(**fields: Any) -> dict[str, Any]:
    return {"certifications": "cpt", "cycle_end": "2026-12-31", **fields}


PROFILE_PROBLEMS: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    (
        "no certification",
        {"certifications": ""},
        [("certifications", "choose at least one certification")],
    ),
    (
        "only blanks",
        {"certifications": [" ", None]},
        [("certifications", "choose at least one certification")],
    ),
    (
        "an unknown certification",
        {"certifications": "CPT, yoga"},
        [("certifications", "unknown certification 'yoga' (known: {certifications})")],
    ),
    ("no cycle end", {"cycle_end": None}, [("cycle_end", "is required")]),
    (
        "cycle end not a day",
        {"cycle_end": "2026-02-29"},
        [("cycle_end", "2026-02-29 is not a real date")],
    ),
    (
        "cpr_expires in words",
        {"cpr_expires": "next May"},
        [("cpr_expires", "must be a date written YYYY-MM-DD")],
    ),
    (
        "cycle start a day after its end",
        {"cycle_start": "2027-01-01"},
        [("cycle_start", "must not be after the cycle end date")],
    ),
    (
        "renewed a day after today",
        {"renewed_on": "2026-06-02"},
        [("renewed_on", "is after today (2026-06-01): enter it once you have renewed")],
    ),
    (
        "renewed after the day the page is set to",
        {"as_of": "2026-03-01", "renewed_on": "2026-03-02"},
        [("renewed_on", "is after today (2026-03-01): enter it once you have renewed")],
    ),
    (
        "renewed a day before the cycle began",
        {"cycle_start": "2024-01-01", "renewed_on": "2023-12-31"},
        [("renewed_on", "is before your cycle began")],
    ),
]


@pytest.mark.parametrize(
    ("given", "said"),
    [(given, said) for _, given, said in PROFILE_PROBLEMS],
    ids=[name for name, _, _ in PROFILE_PROBLEMS],
)
def test_each_bad_profile_field_is_named_on_the_profile_row(
    rules: Rules, given: dict[str, Any], said: list[tuple[str, str]]
) -> None:
    parsed, problems = parse_profile(profile(**given), rules, TODAY)
    assert parsed is None
    lists = known(rules)
    assert problems == [
        InputProblem(0, column, message.format(**lists)) for column, message in said
    ]


PROFILES_TAKEN: list[tuple[str, dict[str, Any], str, Any]] = [
    (
        "cycle start on its end day",
        {"cycle_start": "2026-12-31"},
        "cycle_start",
        date(2026, 12, 31),
    ),
    ("renewed today", {"renewed_on": "2026-06-01"}, "renewed_on", date(2026, 6, 1)),
    (
        "renewed on the day the page is set to",
        {"as_of": "2026-03-01", "renewed_on": "2026-03-01"},
        "renewed_on",
        date(2026, 3, 1),
    ),
    (
        "renewed the day the cycle began",
        {"cycle_start": "2024-01-01", "renewed_on": "2024-01-01"},
        "renewed_on",
        date(2024, 1, 1),
    ),
    (
        "certifications listed twice",
        {"certifications": ["EP", "cpt", "ep"]},
        "certifications",
        ("ep", "cpt"),
    ),
]


@pytest.mark.parametrize(
    ("given", "attribute", "expected"),
    [case[1:] for case in PROFILES_TAKEN],
    ids=[case[0] for case in PROFILES_TAKEN],
)
def test_profiles_at_a_limit_are_taken(
    rules: Rules, given: dict[str, Any], attribute: str, expected: Any
) -> None:
    parsed, problems = parse_profile(profile(**given), rules, TODAY)
    assert problems == []
    assert parsed is not None and getattr(parsed, attribute) == expected


@pytest.mark.parametrize(
    ("problem", "file", "shown"),
    [
        (
            InputProblem(0, "renewed_on", "is before your cycle began"),
            "log.json",
            "log.json:profile:renewed_on: is before your cycle began",
        ),
        (InputProblem(12, "amount", "is required"), "log.csv", "log.csv:12:amount: is required"),
        (
            InputProblem(1, "column 2", "unknown column"),
            "log.csv",
            "log.csv:1:column 2: unknown column",
        ),
    ],
    ids=["profile", "activity", "unnamed column"],
)
def test_a_problem_as_the_command_line_prints_it(
    problem: InputProblem, file: str, shown: str
) -> None:
    assert problem.where(file) == shown


def test_the_log_and_its_profile_are_checked_together(rules: Rules) -> None:
    _, activities, problems = parse_log(
        profile(certifications=[]),
        [(2, GOOD), (3, {**GOOD, "provider": ""})],
        rules,
        TODAY,
    )
    assert len(activities) == 1
    assert problems == [
        InputProblem(0, "certifications", "choose at least one certification"),
        InputProblem(3, "provider", "is required"),
    ]


def test_the_log_is_checked_with_the_check_it_is_given(rules: Rules) -> None:
    # The page passes a memo of check_record: it, not check_record, must see every row.
    seen: list[Any] = []

    def check(raw: Any, rules: Rules, today: date) -> Checked:
        seen.append(raw)
        return None, [("title", "seen by the memo")]

    parsed, activities, problems = parse_log(profile(), [(5, GOOD)], rules, TODAY, check)
    assert parsed is not None and activities == []
    assert seen == [GOOD]
    assert problems == [InputProblem(5, "title", "seen by the memo")]


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ('{"date": "2025-03-01", "provider": "acsm", "amount": 1}', []),
        ('{"date": "2025-03-01", "provider": "", "amount": 1}', [("provider", "is required")]),
        ('{"date": "2025-03-01",', [("", "an activity must be an object of fields")]),
        ("[1, 2]", [("", "an activity must be an object of fields")]),
        ("[" * 40 + "]" * 40, [("", "an activity must be an object of fields")]),
        (None, [("", "an activity must be an object of fields")]),
    ],
    ids=["good text", "bad field", "cut short", "a list", "too deep", "nothing"],
)
def test_a_record_as_the_page_keeps_it(rules: Rules, raw: Any, said: list[tuple[str, str]]) -> None:
    activity, problems = check_record(raw, rules, TODAY)
    assert problems == said
    assert (activity is None) == bool(said)


def test_exactly_as_many_activities_as_supported_are_taken(rules: Rules) -> None:
    rows = [(i, GOOD) for i in range(2, MAX_ACTIVITIES + 2)]
    activities, problems = parse_activities(rows, rules, TODAY)
    assert problems == [] and len(activities) == MAX_ACTIVITIES


def nested(depth: int) -> str:
    return '{"activities": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


@pytest.mark.parametrize(
    ("text", "too_deep"),
    [
        (nested(32), False),
        (nested(33), True),
        ('{"a": ' * 32 + "1" + "}" * 32, False),
        ('{"a": ' * 33 + "1" + "}" * 33, True),
        ('{"activities": [' + ", ".join(['{"title": "x"}'] * 50) + "]}", False),
        ("[[], [], " + "[" * 32 + "]" * 32 + "]", True),
        ('{"title": "' + "[" * 50 + '"}', False),
        ('{"title": "say \\"[[[[\\" twice"}', False),
    ],
    ids=[
        "32 levels",
        "33 levels",
        "32 objects with keys",
        "33 objects with keys",
        "50 activities side by side",
        "33 levels after closed lists",
        "brackets in a title",
        "brackets in a title with quotes",
    ],
)
def test_json_nesting_limit(text: str, too_deep: bool) -> None:
    assert json_too_deep(text) is too_deep


def test_json_numbers_are_read_as_exact_decimals() -> None:
    data = loads('{"amount": 1.10, "hours": 2}')
    assert data == {"amount": Decimal("1.10"), "hours": 2}
    assert isinstance(data["amount"], Decimal) and str(data["amount"]) == "1.10"


def test_json_too_deep_is_refused_before_parsing() -> None:
    with pytest.raises(ValueError) as raised:
        loads("[" * 33 + "]" * 33)
    assert str(raised.value) == "nested more than 32 levels deep"


@pytest.mark.parametrize(
    ("activity", "record"),
    [
        (
            Activity(
                date(2025, 3, 1),
                "Café",
                "ace",
                Decimal("1.50"),
                "ceu",
                "education",
                in_scope=False,
                certificate=True,
                decimal_system=True,
                reported=False,
                organization="ACE Boston",
            ),
            records.record(
                date="2025-03-01",
                title="Café",
                provider="ace",
                organization="ACE Boston",
                amount="1.5",
                unit="ceu",
                category="education",
                in_scope="no",
                certificate="yes",
                decimal_system="yes",
                reported="no",
            ),
        ),
        (
            Activity(date(2024, 12, 31), "", "acsm", Decimal(2), reported=True),
            records.record(date="2024-12-31", provider="acsm", amount="2", reported="yes"),
        ),
    ],
    ids=["every field said", "defaults"],
)
def test_an_activity_as_the_cells_of_a_log_row(activity: Activity, record: dict[str, str]) -> None:
    assert activity_record(activity) == record
    assert list(activity_record(activity)) == list(record)  # in this order: JSON exports keep it


@pytest.mark.parametrize(
    ("parsed", "record"),
    [
        (
            Profile(
                ("cpt", "ep"),
                date(2026, 12, 31),
                date(2024, 1, 1),
                date(2027, 5, 1),
                TODAY,
                date(2026, 5, 2),
            ),
            {
                "certifications": ["cpt", "ep"],
                "cycle_end": "2026-12-31",
                "cycle_start": "2024-01-01",
                "cpr_expires": "2027-05-01",
                "renewed_on": "2026-05-02",
            },
        ),
        (
            Profile(("cpt",), date(2026, 12, 31), None, None, TODAY),
            {
                "certifications": ["cpt"],
                "cycle_end": "2026-12-31",
                "cycle_start": "",
                "cpr_expires": "",
                "renewed_on": "",
            },
        ),
    ],
    ids=["every date said", "only the cycle end"],
)
def test_a_profile_as_the_log_keeps_it(parsed: Profile, record: dict[str, Any]) -> None:
    assert profile_record(parsed) == record
