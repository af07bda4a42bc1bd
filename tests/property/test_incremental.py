"""Incremental equals fresh: the page's long-lived calculator, fed one change at a time, answers
exactly as a tally made from nothing.

A Hypothesis state machine plays a professional at the page: it adds, edits (any field, to any
value, valid or not), removes and reorders activities, changes the profile and the day, and after
every step asks ``calc.bridge.compute`` (the page's door, with its memos) and a fresh tally with
no memo at all (``calc.fields`` and ``calc.engine``'s plain functions) for the same log. The two
answers must be equal in every field; only the short citation keys, which depend on what a
calculator has seen before, are compared by what they name. Between steps it types activities
into the form: ``calc.bridge.preview`` of an activity to add or to put in place of one must give
what a fresh tally of the log so changed gives (never more, never less), and sometimes the
activity is then added. Runs in CPython and inside Pyodide.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from calc import bridge
from calc.bundle import rules_from_bundle
from calc.engine import Tally, TallyError, tally
from calc.fields import COLUMNS, check_record, parse_log
from calc.report import citations_json, decision_data, dumps, page_data
from calc.text import fmt
from tests.conftest import load_bundle

BUNDLE = load_bundle()
RULES = rules_from_bundle(BUNDLE)
SEPARATOR = bridge.RECORD_SEPARATOR

# Values a professional might type in each field: mostly valid, so that logs are tallied (the
# capped categories often, so that caps bind), and now and then not, so that the checks run too
# and a record can turn invalid and back.
DAYS = ["2024-03-01", "2024-03-01", "2024-09-30", "2025-01-01", "2025-02-22", "2025-07-04"]
DAYS += ["2025-12-31", "2026-01-01", "2026-05-31", "2026-06-01", "2026-09-15", "2026-12-31"]
DAYS += ["2022-12-31", "2023-06-15", "2027-02-01"]
# Too far ahead to be real on some days (more than three years after), a plan on others.
DAYS += ["2029-06-01"]
VALID: dict[str, list[str]] = {
    "date": DAYS,
    "title": ["", "Course", "=SUM(A1)", "Workshop, day 2", "<b>bold</b>"],
    "provider": [*sorted(RULES.providers), "ACE", "Cooper Institute", "acsm", "other"],
    "organization": ["", "", "", "Red Cross", "Local Hospital"],
    "amount": ["1", "1.5", "0.25", "3", "5", "5", "8", "8", "15", "45", "", "1.50"],
    "unit": ["", "", "", *sorted(RULES.units), "CEUs"],
    "category": ["", "committee", "committee", "cpr", "cpr", *sorted(RULES.categories)],
    "in_scope": ["", "yes", "yes", "no"],
    "certificate": ["", "yes", "no"],
    "decimal_system": ["", "yes", "no", "not sure"],
    "reported": ["", "yes", "no"],
    "separate": ["", "", "yes", "no"],
    # Committee service's period (each row often without, as older records are).
    "service_from": ["", "", "", "2023-06-01", "2024-03-01", "2025-01-01", "2026-05-31"],
    "service_to": [
        "",
        "",
        "",
        "2024-09-30",
        "2025-12-31",
        "2026-06-01",
        "2026-12-31",
        "2027-02-01",
    ],
    # What other bodies ask: ACSM's answer never depends on them, but the memo keys must.
    "participation_hours": ["", "", "", "2", "7.5"],
    "format": ["", "", "live", "recorded"],
    "topics": ["", "", "", "ethics"],
    "approvals": ["", "", "", "ACE 12345", "NASM 9; NETA 4"],
    "petitions": ["", "", "", "ACE"],
}
INVALID: dict[str, list[str]] = {
    "date": ["", "2025-02-30", "3/14/2025"],
    "title": [],
    "provider": ["", "zzz"],
    "organization": ["x" * 301],
    "amount": ["0", "x", "-1", "1000.5"],
    "unit": ["furlong"],
    "category": ["knitting"],
    "in_scope": ["maybe"],
    "certificate": [],
    "decimal_system": ["perhaps"],
    "reported": [],
    "separate": ["perhaps"],
    "service_from": ["2025-13-01"],
    "service_to": ["x"],
    "participation_hours": ["x"],
    "format": ["online"],
    "topics": [],
    "approvals": ["12345"],
    "petitions": ["Red Cross"],
}
# About one value in twenty-five is invalid.
VALUES = {field: VALID[field] * 8 + INVALID[field] for field in COLUMNS}
PROFILE_VALUES: dict[str, list[Any]] = {
    "certifications": [["cpt"], ["cpt"], ["ep"], ["cpt", "ep"], ["gei", "cet"], [], ["eim"]],
    "cycle_end": ["2025-12-31", "2026-12-31", "2026-12-31", "2027-12-31", ""],
    "cycle_start": ["", "", "2023-03-15", "2024-09-15"],
    "cpr_expires": ["", "2025-11-30", "2026-12-15", "2027-08-01"],
    "renewed_on": ["", "", "2025-12-01", "2026-03-15", "2026-11-15"],
}
TODAYS = ["2025-06-01", "2026-03-20", "2026-06-01", "2026-06-01", "2026-11-20", "2027-01-10"]

records = st.fixed_dictionaries({field: st.sampled_from(VALUES[field]) for field in COLUMNS})


def fresh(profile: dict[str, Any], items: list[str], today: str) -> str:
    """The answer from nothing: plain functions, no memo anywhere."""
    day = date.fromisoformat(today)
    rows = [(row, json.loads(text)) for row, text in enumerate(items, start=1)]
    parsed, activities, problems = parse_log(profile, rows, RULES, day)
    if problems or parsed is None:
        listed = [{"row": p.row, "column": p.column, "message": p.message} for p in problems]
        return dumps({"ok": False, "problems": listed})
    try:
        t = tally(RULES, parsed, activities)
    except TallyError as exc:
        return dumps({"ok": False, "error": str(exc)})
    keys: dict[Any, str] = {}
    table: dict[str, Any] = {}

    def key(c: Any) -> str:
        if c not in keys:
            keys[c] = f"c{len(keys)}"
            table[keys[c]] = citations_json((c,), RULES)[0]
        return keys[c]

    decided = [decision_data(d, RULES, key) for d in t.decisions]
    return dumps({"ok": True, "result": page_data(t, RULES, decided, table)})


def request_of(profile: dict[str, Any], log: list[dict[str, str]], base: str | None = None) -> str:
    """The page's own form: the profile (and the token of the result the page holds), then
    each activity's JSON text."""
    head: dict[str, Any] = {"profile": profile}
    if base is not None:
        head["base"] = base
    return SEPARATOR.join([json.dumps(head), *map(json.dumps, log)])


def tallied(
    profile: dict[str, Any], log: list[dict[str, str]], today: str
) -> Tally | set[tuple[int, str, str]]:
    """A fresh tally of a log, or every problem with it (a profile's tally problem at row 0)."""
    rows = list(enumerate(log, start=1))
    parsed, activities, problems = parse_log(profile, rows, RULES, date.fromisoformat(today))
    if problems or parsed is None:
        return {(p.row, p.column, p.message) for p in problems}
    try:
        return tally(RULES, parsed, activities)
    except TallyError as exc:
        return {(0, "", str(exc))}


def totals_of(t: Tally) -> dict[str, str]:
    """A tally's totals, as the page is sent them."""
    return {
        "required_cecs": fmt(t.required),
        "earned_cecs": fmt(t.earned),
        "remaining_cecs": fmt(t.remaining),
        "planned_cecs": fmt(t.planned),
        "with_plans_cecs": fmt(t.earned + t.planned),
    }


def totals(found: dict[str, Any]) -> dict[str, str]:
    """The totals of a preview (after the change)."""
    keys = ("required_cecs", "earned_cecs", "remaining_cecs", "planned_cecs", "with_plans_cecs")
    return {key: found[key] for key in keys}


def named(answer: str) -> Any:
    """An answer with each activity's citation keys replaced by what they stand for."""
    data = json.loads(answer, parse_float=Decimal)
    result = data.get("result")
    if result:
        table = result.pop("citations")
        for activity in result["activities"]:
            activity["sources"] = [table[k] for k in activity["sources"]]
    return data


class PageSession(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        assert json.loads(bridge.load_rules(json.dumps(BUNDLE)))["ok"]
        self.log: list[dict[str, str]] = []
        self.profile: dict[str, Any] = {
            "certifications": ["cpt"],
            "cycle_end": "2026-12-31",
            "cycle_start": "",
            "cpr_expires": "",
            "renewed_on": "",
        }
        self.today = "2026-06-01"
        # The result the page holds: its token and its activities' results.
        self.held: tuple[str, list[Any]] | None = None

    @rule(record=records)
    def add(self, record: dict[str, str]) -> None:
        self.log.append(record)

    @rule(
        category=st.sampled_from(["committee", "cpr"]),
        day=st.sampled_from(["2024-03-01", "2025-03-01", "2025-09-30", "2026-02-01"]),
        amount=st.sampled_from(["3", "5", "8"]),
    )
    def add_capped(self, category: str, day: str, amount: str) -> None:
        """Service or CPR courses, where what one counts depends on the others (the caps)."""
        record = {field: "" for field in COLUMNS}
        self.log.append(
            {
                **record,
                "date": day,
                "provider": "acsm",
                "amount": amount,
                "category": category,
                "title": f"{category} {day}",
            }
        )

    @precondition(lambda self: self.log)
    @rule(data=st.data(), field=st.sampled_from(COLUMNS))
    def edit(self, data: st.DataObject, field: str) -> None:
        i = data.draw(st.integers(0, len(self.log) - 1))
        self.log[i] = {**self.log[i], field: data.draw(st.sampled_from(VALUES[field]))}

    @precondition(lambda self: self.log)
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        del self.log[data.draw(st.integers(0, len(self.log) - 1))]

    @precondition(lambda self: len(self.log) > 1)
    @rule(data=st.data())
    def reorder(self, data: st.DataObject) -> None:
        self.log = data.draw(st.permutations(self.log))

    @rule(data=st.data(), field=st.sampled_from(sorted(PROFILE_VALUES)))
    def change_profile(self, data: st.DataObject, field: str) -> None:
        self.profile = {**self.profile, field: data.draw(st.sampled_from(PROFILE_VALUES[field]))}

    @rule(data=st.data(), record=records, keep=st.booleans())
    def preview(self, data: st.DataObject, record: dict[str, str], keep: bool) -> None:
        """An activity typed into the form, to add or in place of one; then added, or not."""
        at = data.draw(st.integers(0, len(self.log))) if self.log else 0
        editing = at < len(self.log)
        after = [*self.log[:at], record, *self.log[at + 1 :]]
        answer = json.loads(
            bridge.preview(
                request_of(self.profile, self.log),
                json.dumps(record),
                str(at) if editing else "",
                self.today,
            )
        )
        expected = tallied(self.profile, after, self.today)
        typed, _ = check_record(record, RULES, date.fromisoformat(self.today))
        if typed is not None and RULES.providers[typed.provider].named and not typed.organization:
            # The form asks the name of an organization the rules do not list before anything
            # else (a file's row without it is read, with a to-do: the log may hold one).
            assert answer == {
                "ok": False,
                "problems": [
                    {
                        "row": at + 1,
                        "column": "organization",
                        "message": "is required: name the organization that gave the course",
                    }
                ],
            }
        elif isinstance(expected, Tally):
            assert answer["ok"], answer
            found = answer["preview"]
            assert totals(found) == totals_of(expected)
            d = expected.decisions[at]
            got = (found["cecs"], found["would_cecs"], found["converted_cecs"], found["planned"])
            assert got == (fmt(d.cecs), fmt(d.would), fmt(d.converted), d.planned)
            assert found["explanation"] == d.explanation
            before = tallied(self.profile, self.log, self.today)
            if isinstance(before, Tally):
                assert found["before"] == totals_of(before)
            else:  # only the old version of the activity replaced can keep the log from a tally
                assert editing and found["before"] is None
        else:
            assert not answer["ok"] and answer["problems"], answer
            rows = {p["row"] for p in answer["problems"]}
            if answer.get("profile"):
                assert rows == {0}
            elif answer.get("log"):
                assert at + 1 not in rows and 0 not in rows
            else:
                assert rows == {at + 1}
            assert {(p["row"], p["column"], p["message"]) for p in answer["problems"]} <= expected
        if keep:
            self.log = after

    @rule(today=st.sampled_from(TODAYS))
    def another_day(self, today: str) -> None:
        self.today = today

    @rule(data=st.data(), record=records, base=st.sampled_from(["held", "unknown"]))
    def change_overtaken(self, data: st.DataObject, record: dict[str, str], base: str) -> None:
        """A change whose answer the page never applies (the next change overtook it), asked
        naming the result the page holds, or one this worker never gave (a cached result from
        an earlier visit): the next answer must not build on it."""
        if self.log and data.draw(st.booleans()):
            self.log[data.draw(st.integers(0, len(self.log) - 1))] = record
        else:
            self.log.append(record)
        token = self.held[0] if self.held and base == "held" else "0-0"
        bridge.compute(request_of(self.profile, self.log, token), self.today)

    @invariant()
    def incremental_equals_fresh(self) -> None:
        """What the page holds after each answer, rebuilt from only what changed as the page
        rebuilds it, equals a fresh tally in full."""
        items = [json.dumps(record) for record in self.log]
        base = self.held[0] if self.held else None
        got = json.loads(bridge.compute(request_of(self.profile, self.log, base), self.today))
        result = got.get("result")
        if result:
            if "changed" in result:
                assert self.held is not None
                held = self.held[1]
                result["activities"] = [
                    result["changed"].get(str(i)) or held[i] for i in range(result.pop("count"))
                ]
                del result["changed"]
            self.held = (result.pop("token"), result["activities"])
        assert named(json.dumps(got)) == named(fresh(self.profile, items, self.today))


# As many runs as the profile in force gives examples (tests/property/__init__.py), each of up
# to 30 steps; always the same runs, so that a failure is reproducible.
PageSession.TestCase.settings = settings(
    max_examples=settings.default.max_examples,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,
    database=None,
)
test_incremental_equals_fresh = PageSession.TestCase
