"""What a log file's rows need before they join the log (calc.imports): a provider, unit or
category the rules do not know asked about once, with every row that uses it; the page's
remembered answers applied to every such row (a provider answered "Another organization" keeps
the file's value as the organization's name); and the rows already in the log found, so that
adding a file never counts a course twice. Then the whole import through the page's door."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc import bridge
from calc.fields import InputProblem
from calc.imports import Unknown, already_logged, apply_choices, read_choices, unknown_answer
from calc.model import Activity, Rules
from tests.records import record

NOT_READABLE = [InputProblem(0, "", "the answers about unknown values are not readable")]
NO_CHOICES: dict[str, dict[str, str]] = {"provider": {}, "unit": {}, "category": {}}
MESSAGE_ONE = (
    "Your file has a value the calculator does not know: choose what it means. Your choices are"
    " remembered for your next file."
)
MESSAGE_TWO = (
    "Your file has 2 values the calculator does not know: choose what each means. Your choices"
    " are remembered for your next file."
)
UNIT_OPTIONS = [
    {"id": "cec", "label": "CECs (continuing education credits)"},
    {"id": "ceu", "label": "CEUs (continuing education units)"},
    {"id": "cme", "label": "CMEs (AMA PRA Category 1 Credits)"},
    {"id": "contact_hour", "label": "Contact hours"},
    {"id": "hour", "label": "Hours of participation (when the certificate gives only a time)"},
    {"id": "college_credit_hour", "label": "College credit hours (semester)"},
    {"id": "college_quarter_credit_hour", "label": "College quarter credit hours"},
]
CATEGORY_OPTIONS = [
    {"id": "education", "label": "Education"},
    {"id": "college", "label": "College coursework"},
    {"id": "committee", "label": "ACSM committee or volunteer service"},
    {"id": "cpr", "label": "CPR, AED and First Aid certification"},
]


def provider_options(rules: Rules) -> list[dict[str, str]]:
    """Every provider, as the form lists them: its id and its name."""
    return [{"id": p.id, "label": p.name} for p in rules.providers.values()]


def test_the_rules_list_the_providers_the_options_name(rules: Rules) -> None:
    """The rules these tests read: the providers they name among the options, "other" the one
    provider named by each activity. (Not the whole list: a provider a maintainer adds to the
    rules changes nothing here.)"""
    assert {"acsm", "acsm_approved", "ace", "other"} <= {o["id"] for o in provider_options(rules)}
    assert [p.id for p in rules.providers.values() if p.named] == ["other"]


# --- read_choices: the page's remembered answers ---


@pytest.mark.parametrize("text", ["", "{}"], ids=["nothing sent", "an empty object"])
def test_no_answers_yet_is_an_empty_answer_for_each_field(text: str, rules: Rules) -> None:
    found = read_choices(text, rules)
    assert found == NO_CHOICES
    assert isinstance(found, dict) and list(found) == ["provider", "unit", "category"]


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "not json",
        "[" * 100_000,  # nested deeper than any log: refused before it is parsed
        "[]",
        "3",
        "null",
        '"provider"',
        '{"provider": []}',
        '{"provider": "other"}',
        '{"provider": {}, "unit": 3}',
        '{"provider": {}, "unit": {}, "category": null}',
    ],
    ids=[
        "cut short",
        "not JSON",
        "nested too deep",
        "a list",
        "a number",
        "null",
        "a string",
        "a field's answers as a list",
        "a field's answers as a string",
        "one field's answers not an object",
        "the last field's answers null",
    ],
)
def test_answers_that_are_not_an_object_of_objects_are_refused(text: str, rules: Rules) -> None:
    assert read_choices(text, rules) == NOT_READABLE


def test_answers_are_kept_by_each_values_name_key(rules: Rules) -> None:
    text = json.dumps(
        {
            "provider": {"  Local-HOSPITAL!! ": "other", "Gym": "ace"},
            "unit": {"Stunden": "hour"},
            "category": {"Kurs": "cpr"},
        }
    )
    assert read_choices(text, rules) == {
        "provider": {"local hospital": "other", "gym": "ace"},
        "unit": {"stunden": "hour"},
        "category": {"kurs": "cpr"},
    }


def test_an_answer_naming_no_id_of_its_field_is_dropped_to_be_asked_again(rules: Rules) -> None:
    text = json.dumps(
        {
            # Ids the rules no longer have, or of another field, or not text at all.
            "provider": {
                "Retired": "zzz",
                "Hours": "hour",
                "List": ["other"],
                "N": 3,
                "Ok": "ncsf",
            },
            "unit": {"Provider": "other", "Category": "cpr", "Stunden": "contact_hour"},
            "category": {"Unit": "ceu", "Nothing": None, "Kurs": "college"},
        }
    )
    assert read_choices(text, rules) == {
        "provider": {"ok": "ncsf"},
        "unit": {"stunden": "contact_hour"},
        "category": {"kurs": "college"},
    }


def test_a_field_without_answers_and_fields_not_asked_about(rules: Rules) -> None:
    text = json.dumps({"unit": {"Stunden": "hour"}, "colour": {"red": "other"}})
    assert read_choices(text, rules) == {
        "provider": {},
        "unit": {"stunden": "hour"},
        "category": {},
    }


# --- apply_choices: unknown values found, answers applied ---


def test_values_the_rules_know_and_empty_ones_are_left_as_they_are(rules: Rules) -> None:
    rows: list[tuple[int, Any]] = [
        (2, {"provider": "ACE", "unit": "CEUs", "category": "Education", "title": "x"}),
        (3, {"provider": "American College of Sports Medicine", "unit": "cec", "category": "cpr"}),
        (4, {"provider": "", "unit": "  ", "category": None}),
        (5, {"provider": 3, "unit": Decimal(1), "category": ["cpr"]}),  # for the check to refuse
        (6, {"date": "2025-03-01"}),
    ]
    answered, unknown = apply_choices(rows, rules, {"provider": {"": "other", "3": "other"}})
    assert unknown == []
    assert answered == rows


def test_rows_that_are_not_mappings_pass_through_in_place(rules: Rules) -> None:
    odd: list[Any] = [1, 2]
    rows: list[tuple[int, Any]] = [
        (1, odd),
        (2, None),
        (3, "text"),
        (4, {"provider": "Local Hospital"}),
        (5, 7),
    ]
    answered, unknown = apply_choices(rows, rules, {})
    assert answered == rows and answered[0][1] is odd
    assert unknown == [Unknown("provider", "Local Hospital", (4,))]


def test_each_unknown_value_once_with_all_its_rows_in_order_as_first_written(
    rules: Rules,
) -> None:
    rows: list[tuple[int, Any]] = [
        (2, {"provider": " Local Hospital ", "unit": "Stunden", "category": "Kurs"}),
        (3, {"provider": "ACE", "unit": "Stunden"}),
        (5, {"provider": "local  HOSPITAL!", "unit": "hour", "category": "kurs."}),
        (6, {"provider": "Stunden", "unit": "Local Hospital"}),  # the same words, another field
        (9, {"provider": "City Gym"}),
        (10, {"provider": "LOCAL HOSPITAL", "unit": "STUNDEN"}),
    ]
    answered, unknown = apply_choices(rows, rules, {})
    assert unknown == [
        Unknown("provider", "Local Hospital", (2, 5, 10)),
        Unknown("unit", "Stunden", (2, 3, 10)),
        Unknown("category", "Kurs", (2, 5)),
        Unknown("provider", "Stunden", (6,)),
        Unknown("unit", "Local Hospital", (6,)),
        Unknown("provider", "City Gym", (9,)),
    ]
    assert [u.key for u in unknown] == [
        "local hospital", "stunden", "kurs", "stunden", "local hospital", "city gym",
    ]  # fmt: skip
    # Nothing is changed while a value waits for its answer.
    assert answered == rows


def test_an_unknown_value_in_each_field_of_one_row_is_asked_about(rules: Rules) -> None:
    rows: list[tuple[int, Any]] = [(7, {"provider": "ACE", "unit": "Stunden", "category": "Kurs"})]
    _, unknown = apply_choices(rows, rules, {})
    assert unknown == [Unknown("unit", "Stunden", (7,)), Unknown("category", "Kurs", (7,))]


def test_answers_replace_each_unknown_value_in_every_row(rules: Rules) -> None:
    rows: list[tuple[int, Any]] = [
        (2, {"provider": "Stadt Gym", "unit": "Stunden", "category": "Kurs", "title": "A"}),
        (3, {"provider": "ACE", "unit": "stunden!", "amount": "1"}),
        (4, {"provider": "STADT GYM", "category": "Education"}),
    ]
    choices = {
        "provider": {"stadt gym": "ace"},
        "unit": {"stunden": "hour"},
        "category": {"kurs": "cpr"},
    }
    answered, unknown = apply_choices(rows, rules, choices)
    assert unknown == []
    # A listed provider chosen: the row names no organization of its own.
    assert answered == [
        (2, {"provider": "ace", "unit": "hour", "category": "cpr", "title": "A"}),
        (3, {"provider": "ACE", "unit": "hour", "amount": "1"}),
        (4, {"provider": "ace", "category": "Education"}),
    ]
    assert rows[0][1]["provider"] == "Stadt Gym"  # the file's rows are not changed in place


def test_an_unlisted_organization_chosen_keeps_the_files_value_as_its_name(
    rules: Rules,
) -> None:
    rows: list[tuple[int, Any]] = [
        (2, {"provider": " Red Cross ", "amount": "4"}),
        (3, {"provider": "red cross", "organization": "Red Cross of Ohio"}),
        (4, {"provider": "RED CROSS", "organization": "  "}),
        (5, {"provider": "Red Cross", "organization": None}),
        (6, {"provider": "Red Cross", "organization": 3}),
        (7, {"provider": "other"}),  # known: nothing to name it by
    ]
    answered, unknown = apply_choices(rows, rules, {"provider": {"red cross": "other"}})
    assert unknown == []
    assert answered == [
        (2, {"provider": "other", "amount": "4", "organization": "Red Cross"}),
        (3, {"provider": "other", "organization": "Red Cross of Ohio"}),
        (4, {"provider": "other", "organization": "RED CROSS"}),
        (5, {"provider": "other", "organization": "Red Cross"}),
        (6, {"provider": "other", "organization": "Red Cross"}),
        (7, {"provider": "other"}),
    ]


def test_answers_apply_to_their_own_field_only(rules: Rules) -> None:
    rows: list[tuple[int, Any]] = [(2, {"provider": "Stunden", "unit": "Gym"})]
    choices = {"provider": {"gym": "other"}, "unit": {"stunden": "hour"}}
    answered, unknown = apply_choices(rows, rules, choices)
    assert unknown == [Unknown("provider", "Stunden", (2,)), Unknown("unit", "Gym", (2,))]
    assert answered == rows


def test_some_values_answered_and_others_still_asked(rules: Rules) -> None:
    rows: list[tuple[int, Any]] = [
        (2, {"provider": "Red Cross", "unit": "Stunden"}),
        (3, {"provider": "City Gym", "unit": "Stunden"}),
    ]
    answered, unknown = apply_choices(rows, rules, {"unit": {"stunden": "hour"}})
    assert unknown == [
        Unknown("provider", "Red Cross", (2,)),
        Unknown("provider", "City Gym", (3,)),
    ]
    assert answered == [
        (2, {"provider": "Red Cross", "unit": "hour"}),
        (3, {"provider": "City Gym", "unit": "hour"}),
    ]


# --- unknown_answer: the question the page asks ---


def test_one_unknown_provider_is_asked_in_the_files_words(rules: Rules) -> None:
    asked = unknown_answer(
        [Unknown("provider", "Local Hospital", (2, 4))], rules, {"provider": "Given by"}
    )
    assert asked == {
        "values": [
            {
                "column": "provider",
                "label": "Provider",
                "header": "Given by",
                "value": "Local Hospital",
                "key": "local hospital",
                "rows": [2, 4],
                "options": provider_options(rules),
                "suggestion": "other",
            }
        ],
        "message": MESSAGE_ONE,
    }


def test_two_unknown_values_are_asked_each_with_its_options(rules: Rules) -> None:
    unknown = [Unknown("unit", "Stunden", (3,)), Unknown("category", "Kurs!", (3, 5))]
    asked = unknown_answer(unknown, rules, {})  # a JSON log: no headers, the form's labels
    assert asked == {
        "values": [
            {
                "column": "unit",
                "label": "Unit",
                "header": "Unit",
                "value": "Stunden",
                "key": "stunden",
                "rows": [3],
                "options": UNIT_OPTIONS,
                "suggestion": "",
            },
            {
                "column": "category",
                "label": "Category",
                "header": "Category",
                "value": "Kurs!",
                "key": "kurs",
                "rows": [3, 5],
                "options": CATEGORY_OPTIONS,
                "suggestion": "",
            },
        ],
        "message": MESSAGE_TWO,
    }


def test_three_unknown_values_are_counted_in_the_message(rules: Rules) -> None:
    unknown = [
        Unknown("provider", "A", (2,)),
        Unknown("provider", "B", (3,)),
        Unknown("unit", "C", (4,)),
    ]
    asked = unknown_answer(unknown, rules, {"unit": "Credit type"})
    assert asked["message"] == (
        "Your file has 3 values the calculator does not know: choose what each means. Your"
        " choices are remembered for your next file."
    )
    assert [(v["header"], v["suggestion"]) for v in asked["values"]] == [
        ("Provider", "other"),
        ("Provider", "other"),
        ("Credit type", ""),
    ]


def test_without_a_provider_named_by_each_activity_nothing_is_suggested(rules: Rules) -> None:
    listed = replace(rules.providers["other"], named=False)
    unnamed = replace(rules, providers={**rules.providers, "other": listed})
    asked = unknown_answer([Unknown("provider", "Gym", (2,))], unnamed, {})
    assert asked["values"][0]["suggestion"] == ""
    assert asked["message"] == MESSAGE_ONE


def test_the_first_provider_named_by_each_activity_is_suggested(rules: Rules) -> None:
    # Another such provider listed before "other": the first is suggested.
    named_ace = replace(rules.providers["ace"], named=True)
    both = replace(rules, providers={**rules.providers, "ace": named_ace})
    asked = unknown_answer([Unknown("provider", "Gym", (2,))], both, {})
    assert asked["values"][0]["suggestion"] == "ace"


# --- already_logged: the rows already in the log ---

DAY = date(2025, 3, 1)
COURSE = Activity(DAY, "Strength Basics!", "ace", Decimal("1.5"))


def test_nothing_logged_or_nothing_coming_finds_nothing(rules: Rules) -> None:
    assert already_logged(rules, [], [COURSE]) == []
    assert already_logged(rules, [COURSE], []) == []


def test_a_course_in_the_log_is_found_whatever_its_titles_case(rules: Rules) -> None:
    again = replace(COURSE, title="strength basics", certificate=True, organization="ACE Boston")
    other = Activity(DAY, "Yoga", "ace", Decimal("1.5"))
    assert already_logged(rules, [COURSE], [other, again]) == [1]


@pytest.mark.parametrize(
    "changed",
    [
        {"completed": date(2025, 3, 2)},
        {"amount": Decimal("1.6")},
        {"provider": "nsca"},
        {"title": "Strength Basics 2"},
        {"unit": "ceu"},
    ],
    ids=["another day", "another amount", "another provider", "another title", "another unit"],
)
def test_a_course_that_differs_is_new(rules: Rules, changed: dict[str, Any]) -> None:
    assert already_logged(rules, [COURSE], [replace(COURSE, **changed)]) == []


def test_each_logged_course_matches_one_incoming_only(rules: Rules) -> None:
    # The file holds it twice, the log once: only the first is in the log; the other is added.
    assert already_logged(rules, [COURSE], [COURSE, COURSE]) == [0]
    assert already_logged(rules, [COURSE, COURSE], [COURSE, COURSE, COURSE]) == [0, 1]
    yoga = Activity(DAY, "Yoga", "acsm", Decimal(2))
    assert already_logged(rules, [COURSE, yoga], [yoga, COURSE, yoga, COURSE]) == [0, 1]


def test_one_marked_separate_is_never_a_copy_on_either_side(rules: Rules) -> None:
    separate = replace(COURSE, separate=True)
    assert already_logged(rules, [COURSE], [separate]) == []
    assert already_logged(rules, [separate], [COURSE]) == []
    assert already_logged(rules, [separate], [separate]) == []
    # A separate one beside a plain one: the plain one matches.
    assert already_logged(rules, [COURSE, separate], [separate, COURSE]) == [1]


def test_a_unit_left_to_the_provider_matches_that_unit_written_out(rules: Rules) -> None:
    assert rules.providers["ace"].unit == "cec"
    written = replace(COURSE, unit="cec")
    assert already_logged(rules, [COURSE], [written]) == [0]
    assert already_logged(rules, [written], [COURSE]) == [0]
    assert already_logged(rules, [replace(COURSE, unit="ceu")], [COURSE]) == []


# --- The whole import, as the page asks for it ---

TODAY = "2026-06-01"
SHEET = (
    "Date,Course,Given by,Credits,Unit\n"
    "2025-03-01,CPR/AED,Red Cross,4,Stunden\n"
    "2025-04-01,Kettlebells,American College of Sports Medicine,2,CEC\n"
    "2025-05-01,Balance,Red Cross,2,Stunden\n"
    "someday,Broken row,ACE,1,CEC\n"
)


CPR = record(
    date="2025-03-01",
    title="CPR/AED",
    provider="other",
    organization="Red Cross",
    amount="4",
    unit="hour",
)
KETTLEBELLS = record(
    date="2025-04-01", title="Kettlebells", provider="acsm", amount="2", unit="cec"
)
BALANCE = record(
    date="2025-05-01",
    title="Balance",
    provider="other",
    organization="Red Cross",
    amount="2",
    unit="hour",
)


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


def imported(text: str, choices: Any = "", current: Any = "") -> dict[str, Any]:
    chosen = choices if isinstance(choices, str) else json.dumps(choices)
    held = current if isinstance(current, str) else json.dumps(current)
    answer: dict[str, Any] = json.loads(bridge.import_log(text, TODAY, "", chosen, held))
    return answer


def test_an_import_first_asks_about_each_unknown_value(rules: Rules) -> None:
    assert imported(SHEET) == {
        "ok": False,
        "choose": {
            "values": [
                {
                    "column": "provider",
                    "label": "Provider",
                    "header": "Given by",
                    "value": "Red Cross",
                    "key": "red cross",
                    "rows": [2, 4],
                    "options": provider_options(rules),
                    "suggestion": "other",
                },
                {
                    "column": "unit",
                    "label": "Unit",
                    "header": "Unit",
                    "value": "Stunden",
                    "key": "stunden",
                    "rows": [2, 4],
                    "options": UNIT_OPTIONS,
                    "suggestion": "",
                },
            ],
            "message": MESSAGE_TWO,
        },
    }


def test_answered_it_reads_the_good_rows_names_the_others_and_finds_those_logged() -> None:
    choices = {"provider": {"RED CROSS": "other"}, "unit": {"Stunden": "hour"}}
    current = {"profile": {}, "activities": [KETTLEBELLS]}
    assert imported(SHEET, choices, current) == {
        "ok": True,
        "profile": None,
        "activities": [CPR, KETTLEBELLS, BALANCE],
        "notes": [],
        "unread": [
            {
                "row": 5,
                "column": "Date",
                "message": "must be a date: write it as 2025-03-14, 3/14/2025 or 14 March 2025",
            }
        ],
        "rows": 4,
        "copies": [1],
    }


def test_the_log_held_may_come_in_the_pages_form_and_its_unreadable_records_match_nothing() -> None:
    choices = {"provider": {"Red Cross": "other"}, "unit": {"Stunden": "hour"}}
    fast = "\x1e".join([json.dumps({"profile": {}}), json.dumps(CPR), json.dumps(BALANCE)])
    assert imported(SHEET, choices, fast)["copies"] == [0, 2]
    broken = {"profile": {}, "activities": [{**CPR, "amount": "x"}, BALANCE, "junk"]}
    assert imported(SHEET, choices, broken)["copies"] == [2]
    for nothing in ("", "not json", json.dumps({"activities": [CPR]})):
        assert imported(SHEET, choices, nothing)["copies"] == []


def test_an_answer_naming_a_listed_provider_leaves_the_organization_empty() -> None:
    choices = {"provider": {"Red Cross": "acsm_approved"}, "unit": {"Stunden": "contact_hour"}}
    found = imported(SHEET, choices)
    assert [(a["provider"], a["organization"], a["unit"]) for a in found["activities"]] == [
        ("acsm_approved", "", "contact_hour"),
        ("acsm", "", "cec"),
        ("acsm_approved", "", "contact_hour"),
    ]


def test_answers_for_some_values_ask_about_the_rest_only() -> None:
    found = imported(SHEET, {"unit": {"stunden": "hour"}})
    assert found["ok"] is False
    assert [(v["column"], v["value"], v["rows"]) for v in found["choose"]["values"]] == [
        ("provider", "Red Cross", [2, 4])
    ]
    assert found["choose"]["message"] == MESSAGE_ONE


def test_a_json_log_is_asked_about_in_the_forms_words() -> None:
    log = {"activities": [{"date": "2025-03-01", "provider": "Gym", "amount": "1", "unit": "h"}]}
    found = imported(json.dumps(log))
    assert [
        (v["column"], v["header"], v["value"], v["rows"]) for v in found["choose"]["values"]
    ] == [
        ("provider", "Provider", "Gym", [1]),
        ("unit", "Unit", "h", [1]),
    ]


@pytest.mark.parametrize("choices", ["[1]", "{", '{"unit": "hour"}'])
def test_answers_that_cannot_be_read_are_refused_before_the_file(choices: str) -> None:
    assert imported(SHEET, choices) == {
        "ok": False,
        "problems": [
            {"row": 0, "column": "", "message": "the answers about unknown values are not readable"}
        ],
    }


def test_a_file_with_no_readable_row_is_refused_even_once_answered() -> None:
    text = "Date,Provider,Amount\nsoon,Red Cross,1\n2025-03-01,Red Cross,x\n"
    assert imported(text)["choose"]["values"][0]["rows"] == [2, 3]
    assert imported(text, {"provider": {"red cross": "other"}}) == {
        "ok": False,
        "problems": [
            {
                "row": 2,
                "column": "Date",
                "message": "must be a date: write it as 2025-03-14, 3/14/2025 or 14 March 2025",
            },
            {
                "row": 3,
                "column": "Amount",
                "message": "must be a plain number such as 1.5 (at most 3 decimals)",
            },
        ],
    }
