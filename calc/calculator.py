"""The page's calculator: the rules, and everything its recomputes remember, in one object.

The page sends its whole log on every change, and all but one activity are usually as they were.
What was found for them before is kept here, and only here, keyed by value: an activity's JSON
text (with the day it was checked), and a decision's every input (the frozen activity, the
cycle, what its day means, what earlier activities of a capped category used). Equal inputs
give equal answers, so a hit can never be stale; the functions it calls (``calc.fields``,
``calc.engine``, ``calc.report``) hold no state of their own. A fresh ``Calculator`` answers
exactly as a long-lived one (tests/property/test_incremental.py proves it step by step).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from calc.citations import Citation
from calc.engine import Cycle, Decision, Tally, Used, When, decide, tally
from calc.fields import Checked, InputProblem, check_record, parse_log
from calc.model import Activity, Profile, Rules
from calc.report import citations_json, decision_json, dumps, page_json

# A decision's inputs: the activity, the cycle's days, what a capped category already used,
# and the days that make it a plan or done after the renewal.
DecisionKey = tuple[Activity, date, date, Used, date | None, date | None]

# Past this many entries a memo starts again (a long session of edits; a log holds at most
# 10,000 activities, each remembered once per state).
MEMO_LIMIT = 50_000


class Calculator:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._records: dict[tuple[date, str], Checked] = {}
        self._decisions: dict[DecisionKey, tuple[Decision, str]] = {}
        # Short keys for citations in the page's JSON ("c0", "c1", ...), stable for the life of
        # this calculator so that each remembered decision's JSON stays right; the table of all
        # keys given so far (a few dozen) is encoded again only when it grows.
        self._keys: dict[Citation, str] = {}
        self._table: dict[str, Any] = {}
        self._table_json = "{}"

    def _check(self, raw: Any, rules: Rules, today: date) -> Checked:
        if not isinstance(raw, str):  # a mapping (a test's, or a file's): checked each time
            return check_record(raw, rules, today)
        found = self._records.get((today, raw))
        if found is None:
            if len(self._records) > MEMO_LIMIT:
                self._records.clear()
            found = self._records[(today, raw)] = check_record(raw, rules, today)
        return found

    def parse(
        self, raw_profile: Mapping[str, Any], items: Sequence[Any], today: date
    ) -> tuple[Profile | None, list[Activity], list[InputProblem]]:
        """The profile and each activity (a mapping of fields, or its JSON text: the page's
        form, remembered by its text): every problem of both, or both parsed."""
        rows = list(enumerate(items, start=1))
        return parse_log(raw_profile, rows, self.rules, today, self._check)

    def _key(self, c: Citation) -> str:
        key = self._keys.get(c)
        if key is None:
            key = self._keys[c] = f"c{len(self._keys)}"
            self._table[key] = citations_json((c,), self.rules)[0]
            self._table_json = dumps(self._table)
        return key

    def page_result(self, profile: Profile, activities: Sequence[Activity]) -> str:
        """The tally of a log as the page's JSON: only decisions not seen before are made and
        encoded."""
        if len(self._decisions) > MEMO_LIMIT:
            self._decisions.clear()
        # Which JSON goes with each decision of this tally (the decisions are alive meanwhile,
        # held by this memo, so their identities are unique for the length of this call).
        encoded: dict[int, str] = {}

        def remembered(rules: Rules, cycle: Cycle, a: Activity, used: Used, when: When) -> Decision:
            # Every value the decision depends on, flat (a tuple hashes faster than nested
            # dataclasses, on every activity of every recompute).
            key = (a, cycle.start, cycle.end, used, when.planned_after, when.renewed_before)
            hit = self._decisions.get(key)
            if hit is None:
                d = decide(rules, cycle, a, used, when)
                hit = self._decisions[key] = (d, decision_json(d, rules, self._key))
            encoded[id(hit[0])] = hit[1]
            return hit[0]

        t: Tally = tally(self.rules, profile, activities, remembered)
        fragments = [encoded[id(d)] for d in t.decisions]
        return page_json(t, self.rules, fragments, self._table_json)
