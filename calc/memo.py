"""The page's calculator: the rules, and everything its recomputes remember, in one object.

The page sends its whole log on every change, and all but one activity are usually as they were.
What was found for them before is kept here, and only here, keyed by value: an activity's check
(by its JSON text and the day it was checked), a decision's result as plain data, by its every
input (the frozen activity, the cycle, what its day means, what earlier activities of a capped
category used), and the last few tallies, by their profile and activities. Equal inputs give
equal answers, so a hit can never be stale; the functions it calls (``calc.fields``,
``calc.engine``, ``calc.report``) hold no state of their own. A fresh ``Calculator`` answers
exactly as a long-lived one (tests/property/test_incremental.py proves it step by step).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from calc.citations import Citation
from calc.convert import NO_LENGTH, convert, hours
from calc.engine import ZERO, Cycle, Decision, Tally, Used, When, decide, tally
from calc.fields import Checked, InputProblem, check_record, parse_log
from calc.model import Activity, Profile, Rules
from calc.report import amount_text, citations_json, decision_data, page_data, totals
from calc.text import cap_name, fmt, preview_sentence

if TYPE_CHECKING:  # imported by the bridge when first needed, not with the first answer
    from calc.bodies.model import Body

# A decision's inputs: the activity, the cycle's days, what a capped category already used,
# and what the rest of the log makes of it (When: a plan, done after the renewal, a copy, one of
# a crowded day's activities).
DecisionKey = tuple[Activity, date, date, Used, When]
TallyKey = tuple[Profile, tuple[Activity, ...]]

# Past this many entries a memo starts again (a long session of edits; a log holds at most
# 10,000 activities, each remembered once per state).
MEMO_LIMIT = 50_000
# Tallies kept whole, the last used first: the page's log, and the log with the activity being
# previewed, which changes on every keystroke while the log itself does not.
TALLY_LIMIT = 4


class Calculator:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        # The other certifying bodies' rules (calc.bodies), loaded once a profile holds one of
        # their certifications: most visitors hold ACSM's alone and never pay for them.
        self.bodies: dict[str, Body] = {}
        self._records: dict[tuple[date, str], Checked] = {}
        self._decisions: dict[DecisionKey, Decision] = {}
        self._hours: dict[Activity, Decimal] = {}  # hours of participation, for crowded days
        # Each remembered decision's data in the page's form, by the decision's identity: the
        # memo above keeps the decisions alive, so no two share one while they are here.
        self._data: dict[int, dict[str, Any]] = {}
        self._tallies: list[tuple[TallyKey, Tally, list[dict[str, Any]]]] = []
        # Short keys for citations in the page's results ("c0", "c1", ...), stable for the life
        # of this calculator so that each remembered decision's data stays right.
        self._keys: dict[Citation, str] = {}
        self._table: dict[str, Any] = {}
        # The last result sent to the page: its token and its activities' data, so that the next
        # one can send only what differs. The tokens' prefix is drawn on first use, after any
        # memory snapshot was restored, so no two workers (or visits) share a token.
        self._sent: tuple[str, list[dict[str, Any]]] | None = None
        self._prefix = ""
        self._count = 0

    def _check(self, raw: Any, rules: Rules, today: date) -> Checked:
        if not isinstance(raw, str):  # a mapping (a test's, or a file's): checked each time
            return check_record(raw, rules, today)
        found = self._records.get((today, raw))
        if found is None:
            if len(self._records) > MEMO_LIMIT:
                self._records.clear()
            found = self._records[(today, raw)] = check_record(raw, rules, today)
        return found

    def check(self, raw: Any, today: date) -> Checked:
        """One activity (a mapping of fields, or its JSON text), as a log row is checked."""
        return self._check(raw, self.rules, today)

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
        return key

    def _tally(
        self, profile: Profile, activities: Sequence[Activity]
    ) -> tuple[Tally, list[dict[str, Any]]]:
        """The tally of a log, with each decision's data in the page's form (in order): only
        decisions not seen before are made."""
        key = (profile, tuple(activities))
        # Compared, not hashed: equal logs hold the very same activities (the records' memo
        # gives them), which compare by identity, where a hash calls Python for each.
        for i, (seen, t, decided) in enumerate(self._tallies):
            if seen == key:
                # To the front: the log itself is asked for again between the previews that
                # push new tallies in; dropped, it was tallied again every TALLY_LIMIT previews.
                self._tallies.insert(0, self._tallies.pop(i))
                return t, decided
        if len(self._decisions) > MEMO_LIMIT:
            self._decisions.clear()
            self._data.clear()
        if len(self._hours) > MEMO_LIMIT:
            self._hours.clear()
        data = self._data
        known_hours = self._hours

        def remembered(rules: Rules, cycle: Cycle, a: Activity, used: Used, when: When) -> Decision:
            # Every value the decision depends on, flat (a tuple hashes faster than nested
            # dataclasses, on every activity of every recompute; When is a named tuple).
            key = (a, cycle.start, cycle.end, used, when)
            d = self._decisions.get(key)
            if d is None:
                d = self._decisions[key] = decide(rules, cycle, a, used, when)
                data[id(d)] = decision_data(d, rules, self._key)
            return d

        def hours_of(rules: Rules, a: Activity) -> Decimal:
            found = known_hours.get(a)
            if found is None:
                found = known_hours[a] = hours(rules, a)
            return found

        t = tally(self.rules, profile, activities, remembered, hours_of)
        decided = [data[id(d)] for d in t.decisions]
        self._tallies = [(key, t, decided), *self._tallies[: TALLY_LIMIT - 1]]
        return t, decided

    def page_result(
        self, profile: Profile, activities: Sequence[Activity], base: str | None = None
    ) -> dict[str, Any]:
        """The tally of a log as the page's result, plain data for ``json.dumps`` (it shares
        what this calculator remembers: encode it, do not change it), named by a new ``token``.

        When ``base`` is the token of the last result this calculator gave, the activities'
        results come as ``changed`` (position: data, for each position whose data is not the
        very object sent last time) and ``count``, instead of ``activities``: the page holds
        the rest. Any other base gets every activity. A thousand activities' results are most of
        a result's size, and an edit changes one or a few."""
        t, decided = self._tally(profile, activities)
        result = page_data(t, self.rules, decided, dict(self._table))
        if not self._prefix:
            self._prefix = os.urandom(6).hex()
        self._count += 1
        sent, self._sent = self._sent, (f"{self._prefix}-{self._count}", decided)
        result["token"] = self._sent[0]
        if base is not None and sent is not None and sent[0] == base:
            old = sent[1]
            del result["activities"]
            # By identity: the memo gives the very same data for the very same decision, and
            # anything else (a new decision, a memo started afresh) is sent again.
            result["changed"] = {
                str(i): d for i, d in enumerate(decided) if i >= len(old) or old[i] is not d
            }
            result["count"] = len(decided)
        return result

    def preview(
        self,
        profile: Profile,
        before: Sequence[Activity] | None,
        after: Sequence[Activity],
        at: int,
    ) -> dict[str, Any]:
        """What the activity at ``at`` of the log ``after`` counts, and the totals of ``after``
        and ``before`` (the log without it, or with its old version when ``after`` is as long:
        an edit; None when that log cannot be tallied), as plain data. It is a tally of
        ``after``, so it equals the page's result once the log is ``after``.

        Raises TallyError when the profile cannot be tallied."""
        t, _ = self._tally(profile, after)
        d = t.decisions[at]
        earlier = self._tally(profile, before)[0] if before is not None else None
        old = earlier.decisions[at] if earlier and len(earlier.decisions) == len(after) else None

        # The total the sentence gives (with the plans, for a plan) and each decision's part of it.
        def total(x: Tally) -> Decimal:
            return x.earned + x.planned if d.planned else x.earned

        def part(x: Decision) -> Decimal:
            return x.cecs + x.would if d.planned else x.cecs

        # What the other activities gain or lose with it: only caps tie one activity to another.
        others = (
            total(t) - part(d) - (total(earlier) - (part(old) if old else ZERO))
            if earlier is not None
            else ZERO
        )
        text = preview_sentence(
            planned=d.planned,
            counts=part(d),
            converted=d.converted,
            cap=self._cap(d),
            reason=_reason(d, self.rules),
            others=others,
            total=total(t),
            required=t.required,
            still=old is not None and (old.cecs, old.would) == (d.cecs, d.would),
        )
        if d.next_cycle:
            # Not "would not count": it counts, in the cycle after this one.
            when = _reason(d, self.rules).partition(": it counts toward")[0]
            text = f"Counts in your next cycle: {when}."
        return {
            "unit": d.unit,
            "amount_text": amount_text(d, self.rules),
            "converted_cecs": fmt(d.converted),
            "cecs": fmt(d.cecs),
            "would_cecs": fmt(d.would),
            "planned": d.planned,
            "next_cycle": d.next_cycle,
            "counted": d.counted,
            "explanation": d.explanation,
            "sources": citations_json(d.citations, self.rules),
            "notes": list(d.notes),
            "warnings": list(d.warnings),
            "copy_of": d.copy_of,
            **totals(t),
            "before": totals(earlier) if earlier else None,
            "text": text,
        }

    def _cap(self, d: Decision) -> str | None:
        """The name of the cap that cut ``d``, from the rule the decision says cut it."""
        category = self.rules.categories[d.category]
        for per, rule in (
            ("year", category.cap_per_year),
            ("service", category.cap_per_service_year),
            ("cycle", category.cap_per_cycle),
        ):
            if rule and rule.id == d.cut_by:
                return cap_name(per, category.name)
        return None


def _reason(d: Decision, rules: Rules) -> str:
    """Why ``d`` counts nothing, in the engine's words: its explanation without the plan's
    preamble, the conversion before and the count after (only read when it counts nothing)."""
    if d.activity.amount is None:
        return NO_LENGTH
    text = d.explanation.partition("Once done: ")[2] or d.explanation
    conversion = convert(rules, d.activity)
    text = text.removeprefix(conversion.explanation + "; ")
    return text.rpartition(": counts ")[0] or text
