"""Incremental equals fresh: the page's long-lived calculator, fed one change at a time, answers
exactly as a tally made from nothing.

A Hypothesis state machine plays a professional at the page: it adds, edits (any field, to any
value, valid or not), removes and reorders activities, changes the profile and the day, and after
every step asks ``calc.bridge.compute`` (the page's door, with its memos) and a fresh tally with
no memo at all (``calc.fields`` and ``calc.engine``'s plain functions) for the same log. The two
answers must be equal in every field; only the short citation keys, which depend on what a
calculator has seen before, are compared by what they name. Runs in CPython and inside Pyodide.
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
from calc.engine import TallyError, tally
from calc.fields import COLUMNS, parse_log
from calc.report import citations_json, decision_json, dumps, page_json
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
    "amount": ["1", "1.5", "0.25", "3", "5", "5", "8", "8", "15", "45", "0", "1.50"],
    "unit": ["", "", "", *sorted(RULES.units), "CEUs"],
    "category": ["", "committee", "committee", "cpr", "cpr", *sorted(RULES.categories)],
    "in_scope": ["", "yes", "yes", "no"],
    "certificate": ["", "yes", "no"],
    "decimal_system": ["", "yes", "no", "not sure"],
    "reported": ["", "yes", "no"],
}
INVALID: dict[str, list[str]] = {
    "date": ["", "2025-02-30", "3/14/2025"],
    "title": [],
    "provider": ["", "zzz"],
    "amount": ["", "x", "-1", "1000.5"],
    "unit": ["furlong"],
    "category": ["knitting"],
    "in_scope": ["maybe"],
    "certificate": [],
    "decimal_system": ["perhaps"],
    "reported": [],
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

    fragments = [decision_json(d, RULES, key) for d in t.decisions]
    return '{"ok": true, "result": ' + page_json(t, RULES, fragments, dumps(table)) + "}"


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

    @rule(today=st.sampled_from(TODAYS))
    def another_day(self, today: str) -> None:
        self.today = today

    @invariant()
    def incremental_equals_fresh(self) -> None:
        items = [json.dumps(record) for record in self.log]
        # The page's own form: the profile, then each activity's JSON text.
        request = SEPARATOR.join([json.dumps({"profile": self.profile}), *items])
        got = bridge.compute(request, self.today)
        assert named(got) == named(fresh(self.profile, items, self.today))


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
