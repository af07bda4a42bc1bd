"""Every hostile log file gets a clear answer or correct handling, never an exception, and the
answer its case expects (tests/hostile/cases.py); a failed import never hands the page a half-read
log."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from calc import bridge
from calc.fields import COLUMNS, LABELS
from calc.text import name_key
from tests.hostile.cases import Accepted, Asked, Case, Columns, Problem, Refused, cases
from tests.hostile.conftest import plain, record

CASES = list(cases())
TEXTS = {case.name: case.text for case in CASES}
# An activity as the import hands it to the page with every field at its default.
EMPTY_ACTIVITY = {**dict.fromkeys(COLUMNS, ""), "in_scope": "yes", "certificate": "no"}
EMPTY_PROFILE = {
    "certifications": [],
    "cycle_end": "",
    "cycle_start": "",
    "cpr_expires": "",
    "renewed_on": "",
}
FIELD = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
AMOUNT = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@pytest.fixture(scope="module", autouse=True)
def rules_loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]


def clear(message: str) -> bool:
    return bool(message.strip()) and "Traceback" not in message and "internal error" not in message


def chosen(question: dict[str, Any]) -> dict[str, dict[str, str]]:
    """The page's answer to a question about unknown values: the suggestion where there is one,
    else the first option, for each value asked about."""
    answers: dict[str, dict[str, str]] = {}
    for value in question["values"]:
        pick = value["suggestion"] or value["options"][0]["id"]
        answers.setdefault(value["column"], {})[value["value"]] = pick
    return answers


def check_question(question: dict[str, Any]) -> None:
    """Values the rules do not know: each once, in the file's words, with the rows that use it
    and what it may mean."""
    assert clear(question["message"]) and question["message"].endswith(" for your next file.")
    values = question["values"]
    assert values, "the page asks about at least one value"
    asked = [(v["column"], v["key"]) for v in values]
    assert len(asked) == len(set(asked)), "each value once"
    for value in values:
        assert value["column"] in ("provider", "unit", "category")
        assert value["label"] == LABELS[value["column"]]
        assert isinstance(value["header"], str) and value["header"]
        assert value["value"] == value["value"].strip() and value["value"]
        assert value["key"] == name_key(value["value"])
        rows = value["rows"]
        assert rows and rows == sorted(set(rows)) and all(isinstance(r, int) for r in rows)
        ids = [o["id"] for o in value["options"]]
        assert ids and len(ids) == len(set(ids))
        assert all(clear(o["label"]) for o in value["options"])
        assert value["suggestion"] in ({*ids, ""} if value["column"] == "provider" else {""})


def matches(said: dict[str, Any], expected: Problem) -> bool:
    row, column, message = expected
    if message.endswith("…"):
        return (said["row"], said["column"]) == (row, column) and said["message"].startswith(
            message[:-1]
        )
    return (said["row"], said["column"], said["message"]) == expected


def expect(answer: dict[str, Any], outcome: Accepted | Refused | Columns) -> None:
    """The answer is the outcome the case expects, in full."""
    if isinstance(outcome, Accepted):
        assert answer["ok"] is True, answer
        assert answer["activities"] == [{**EMPTY_ACTIVITY, **row} for row in outcome.rows]
        profile = outcome.profile and {**EMPTY_PROFILE, **outcome.profile}
        assert answer["profile"] == profile
        assert answer["notes"] == list(outcome.notes)
        assert answer["unread"] == []
    elif isinstance(outcome, Refused):
        assert answer["ok"] is False and "problems" in answer, answer
        problems = answer["problems"]
        assert len(problems) == len(outcome.problems), problems
        assert all(map(matches, problems, outcome.problems)), problems
    else:
        assert answer["ok"] is False and "mapping" in answer, answer
        assert answer["mapping"]["message"] == outcome.message
        assert tuple(c["guess"] for c in answer["mapping"]["columns"]) == outcome.guesses


def check(case: Case) -> None:
    """The case's answer is clear and whole, and the one it expects: a value asked about only
    where the case expects the question."""
    asked: list[tuple[str, str]] = []
    answer = sane(case.text, asked=asked)
    outcome = case.outcome
    if isinstance(outcome, Asked):
        assert tuple(asked) == outcome.values
        outcome = outcome.then
    else:
        assert asked == [], "no value is asked about"
    expect(answer, outcome)


def sane(
    text: str, choices: str = "", asked: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """The import's answer, once checked to be clear and whole whatever it is. Values asked
    about (each added to ASKED as column and value) are answered as the page first offers, and
    the answer is then the file's."""
    answer: dict[str, Any] = json.loads(bridge.import_log(text, "2026-06-01", "", choices))
    assert answer["ok"] in (True, False)
    if not answer["ok"] and "choose" in answer:
        check_question(answer["choose"])
        if asked is not None:
            asked += [(v["column"], v["value"]) for v in answer["choose"]["values"]]
        assert not choices, "values answered are not asked about again"
        # Answered, the file goes on to the next step: read, or refused for another reason.
        return sane(text, json.dumps(chosen(answer["choose"])))
    if not answer["ok"]:
        if "mapping" in answer:
            # Columns to match to fields: each named with what it holds, and why it is asked.
            mapping = answer["mapping"]
            assert clear(mapping["message"]) and mapping["message"].endswith(".")
            assert mapping["columns"], "the page asks about at least one column"
            for column in mapping["columns"]:
                assert isinstance(column["header"], str) and len(column["samples"]) <= 3
                assert column["guess"] in {f["id"] for f in mapping["fields"]} | {""}
            return answer
        if "problems" in answer:
            assert answer["problems"], "a refusal names at least one problem"
            for problem in answer["problems"]:
                assert isinstance(problem["row"], int) and problem["row"] >= 0
                assert isinstance(problem["column"], str)
                assert clear(problem["message"]), problem
        else:
            assert clear(answer["error"]), answer
        return answer
    # Accepted: every activity is complete, checked, and computes; every other row is listed
    # with why it could not be read; nothing is in a log the page did not send.
    unread = answer["unread"]
    for problem in unread:
        assert isinstance(problem["row"], int) and problem["row"] >= 1
        assert isinstance(problem["column"], str)
        assert clear(problem["message"]), problem
    assert len(answer["activities"]) + len({p["row"] for p in unread}) == answer["rows"]
    assert answer["copies"] == []
    for activity in answer["activities"]:
        assert FIELD.match(activity["date"]) and AMOUNT.match(activity["amount"])
        assert all(isinstance(v, str) for v in activity.values())
    request = {
        "profile": answer["profile"] or {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": answer["activities"],
    }
    computed = json.loads(bridge.compute(json.dumps(request), today="2026-06-01"))
    assert computed["ok"] or computed.get("problems") or clear(computed.get("error", "")), computed
    return answer


@pytest.mark.parametrize("case", CASES, ids=[plain(case.name) for case in CASES])
def test_hostile_import(case: Case) -> None:
    try:
        check(case)
    except BaseException:
        record("hostile imports", "failed")
        raise
    record("hostile imports", "handled")


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 200
    assert len(TEXTS) == len(CASES), "each case has a name of its own"
    # Each kind of answer is expected of many files: none passes by answering one way.
    kinds = {
        kind: sum(isinstance(c.outcome, kind) for c in CASES)
        for kind in (Accepted, Refused, Asked, Columns)
    }
    assert min(kinds.values()) >= 5, kinds


REFUSED = {
    "file in latin-1": "not UTF-8",
    "file in utf-16": "not UTF-8",
    "10 MB of rows": "at most 10000",
    "100,000 rows": "at most 10000",
    "100,000 activities in JSON": "at most 10000",
    "JSON nested 10,000 deep": "nested more than 32 levels",
    "JSON cut at 1": "not valid JSON",
    "amount 'NaN'": "plain number",
    "amount '1e3'": "plain number",
    "date '2025-02-30'": "not a real date",
}


@pytest.mark.parametrize(("name", "words"), sorted(REFUSED.items()))
def test_known_bad_files_are_refused_with_a_clear_reason(name: str, words: str) -> None:
    text = TEXTS[name]
    answer = json.loads(bridge.import_log(text, today="2026-06-01"))
    assert answer["ok"] is False
    said = " ".join(p["message"] for p in answer.get("problems", [])) + answer.get("error", "")
    assert words in said


# Values no rule names, asked about (column and value as the file writes it, less its spaces),
# not refused.
ASKED = {
    "provider 'zzz'": ("provider", "zzz"),
    "provider 'null'": ("provider", "null"),
    "provider '<b>ace</b>'": ("provider", "<b>ace</b>"),
    "payload '<script>alert(1)</script>' in provider": ("provider", "<script>alert(1)</script>"),
    "payload '{{7*7}}' in provider": ("provider", "{{7*7}}"),
    "unit 'zzz'": ("unit", "zzz"),
    "unit 'ACE '": ("unit", "ACE"),
    "unit 'Other '": ("unit", "Other"),
    "unit '0'": ("unit", "0"),
    "category 'zzz'": ("category", "zzz"),
    "category 'AcE'": ("category", "AcE"),
    "category '<b>ace</b>'": ("category", "<b>ace</b>"),
}


@pytest.mark.parametrize(("name", "asked"), sorted(ASKED.items()))
def test_values_no_rule_names_are_asked_about_not_refused(
    name: str, asked: tuple[str, str]
) -> None:
    text = TEXTS[name]
    answer = json.loads(bridge.import_log(text, today="2026-06-01"))
    assert answer["ok"] is False and list(answer) == ["ok", "choose"]
    [value] = answer["choose"]["values"]
    column, written = asked
    assert (value["column"], value["header"], value["value"], value["rows"]) == (
        column,
        column,
        written,
        [2],
    )
    assert answer["choose"]["message"] == (
        "Your file has a value the calculator does not know: choose what it means. Your choices"
        " are remembered for your next file."
    )


def test_formula_and_markup_titles_are_kept_as_text() -> None:
    for name, title in [
        ("formula title '=1+1'", "=1+1"),
        ("payload '<script>alert(1)</script>' in title", "<script>alert(1)</script>"),
    ]:
        answer = json.loads(bridge.import_log(TEXTS[name], today="2026-06-01"))
        assert answer["activities"][0]["title"] == title


MAPPED = "2026-06-01"
SPREADSHEET_CASES = [
    ("BOM and semicolons", "\ufeffDate;Course;Provider;CEUs\r\n3/14/2025;Yoga;NSCA;1,5\r\n"),
    ("title starting with =", "Date,Title,Provider,Amount\n2025-03-01,=1+1,ACE,1\n"),
    ("title starting with +", "Date,Title,Provider,Amount\n2025-03-01,+SUM(A1),ACE,1\n"),
    ("header-only unknown columns", "Fecha,Curso\n"),
    ("unknown columns with rows", "Fecha,Curso\n2025-03-01,x\n"),
    ("a header of quotes", '"""",""""\n1,2\n'),
    ("dates both ways", "Date,Provider,Amount\n3/14/2025,ace,1\n14/3/2025,ace,1\n"),
    ("an ACSM CECs column of rubbish", "Date,Provider,Amount,ACSM CECs\n2025-03-01,ace,1,=1/0\n"),
]


@pytest.mark.parametrize(
    ("name", "text"), SPREADSHEET_CASES, ids=[plain(name) for name, _ in SPREADSHEET_CASES]
)
def test_hostile_spreadsheet(name: str, text: str) -> None:
    sane(text)


def mapped(text: str, mapping: Any) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(bridge.import_log(text, MAPPED, json.dumps(mapping)))
    return answer


def test_a_mapping_naming_an_unknown_field_is_refused_clearly() -> None:
    answer = mapped("Fecha,Provider,Amount\n2025-03-01,ace,1\n", {"Fecha": "fecha"})
    assert answer == {
        "ok": False,
        "problems": [
            {
                "row": 1,
                "column": "Fecha",
                "message": "is matched to 'fecha', which is not a field (date, title, provider, organization, amount, unit, category, in_scope, certificate, decimal_system, reported, separate, service_from, service_to, participation_hours, format, topics, approvals, petitions)",
            }
        ],
    }


@pytest.mark.parametrize("mapping", ["[]", "3", '{"a": 1}', "{", '{"a": ' * 100, "null"])
def test_a_mapping_that_is_not_an_object_of_fields_is_refused(mapping: str) -> None:
    answer = json.loads(bridge.import_log("a,b\n1,2\n", MAPPED, mapping))
    assert answer == {
        "ok": False,
        "problems": [
            {
                "row": 1,
                "column": "",
                "message": "the column choices must be a JSON object of header: field",
            }
        ],
    }


def test_two_columns_mapped_to_one_field_ask_again() -> None:
    answer = mapped(
        "Fecha,Datum,Provider,Amount\n2025-03-01,2025-03-02,ace,1\n",
        {"Fecha": "date", "Datum": "date"},
    )
    assert answer["ok"] is False
    assert answer["mapping"]["message"] == "“Fecha” and “Datum” both hold Date completed: keep one."
    assert [c["guess"] for c in answer["mapping"]["columns"]] == ["date", "", "provider", "amount"]


def test_too_many_rows_are_refused_before_any_column_is_asked_about() -> None:
    text = "Fecha,Provider,Amount\n" + "2025-03-01,ace,1\n" * 10_001
    for mapping in ({}, {"Fecha": "date"}):
        answer = mapped(text, mapping)
        assert answer == {
            "ok": False,
            "problems": [
                {
                    "row": 10_002,
                    "column": "",
                    "message": "the log has 10001 activities; at most 10000 are supported",
                }
            ],
        }


def test_a_thousand_unknown_columns_are_one_sentence() -> None:
    text = ",".join(f"c{i}" for i in range(1000)) + "\n" + ",".join("1" * 1000) + "\n"
    answer = json.loads(bridge.import_log(text, MAPPED))
    assert answer["mapping"]["message"] == (
        "Choose a field for “c0”, “c1”, “c2”, “c3”, “c4” and 995 more, or leave them out;"
        " no column holds Date completed, Provider or Amount."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty; the first row must name the columns"),
        ("\ufeff", "the file is empty; the first row must name the columns"),
        ("\n\n", "the file is empty; the first row must name the columns"),
    ],
    ids=["empty", "only a BOM", "blank lines"],
)
def test_an_empty_file_says_so(text: str, message: str) -> None:
    answer = json.loads(bridge.import_log(text, MAPPED))
    assert answer == {"ok": False, "problems": [{"row": 1, "column": "", "message": message}]}


def test_only_a_header_imports_nothing_and_says_nothing() -> None:
    answer = json.loads(bridge.import_log("Date;Provider;Amount\r\n", MAPPED))
    assert answer == {
        "ok": True,
        "profile": None,
        "activities": [],
        "notes": [],
        "unread": [],
        "rows": 0,
        "copies": [],
    }
