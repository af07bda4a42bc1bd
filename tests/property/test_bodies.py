"""Invariants of the other bodies' tally (calc.bodies), over profiles and logs Hypothesis makes up
against the shipped rules: one body's result never depends on another's, no activity counts more
than the body's rules allow, and the log's order changes nothing."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from calc.bodies.model import Body, BodyCertification, bodies_from
from calc.bodies.profile import read_profile
from calc.bodies.report import body_json
from calc.bodies.tally import (
    CAPPED,
    COUNTED,
    NEEDS_PETITION,
    NOT_ACCEPTED,
    OUTSIDE_CYCLE,
    PLANNED,
    UNKNOWN,
    BodyTally,
    Held,
    tally_body,
)
from calc.bundle import rules_from_bundle
from calc.engine import Cycle
from calc.model import Activity, Rules
from tests.conftest import load_bodies, load_bundle

RULES: Rules = rules_from_bundle(load_bundle())
BODIES: dict[str, Body] = bodies_from(load_bodies())
BODY_IDS = sorted(BODIES)
ZERO = Decimal(0)
DAYS = st.dates(min_value=date(2024, 6, 1), max_value=date(2027, 9, 1))
amounts = st.decimals(min_value=Decimal("0.1"), max_value=40, places=1)
# Mostly live: the format decides most routes, and a course not said to be either counts nowhere
# that asks.
formats = st.sampled_from(["live", "live", "recorded", None])
# Few titles, so that copies and repeats come up.
titles = st.sampled_from(["", "Core", "core!", "Ethics", "Workshop"])


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    category = draw(st.none() | st.sampled_from(["education", "college", "cpr"]))
    kind = RULES.categories[category or RULES.default_category]
    amount = None if kind.length_in_hours and draw(st.booleans()) else draw(amounts)
    unit = draw(st.none() | st.sampled_from(sorted(RULES.units)))
    return Activity(
        completed=draw(DAYS),
        title=draw(titles),
        provider=draw(st.sampled_from(sorted(RULES.providers))),
        amount=amount,
        unit=unit or (kind.suggested_unit if kind.length_in_hours else None),
        category=category,
        in_scope=draw(st.booleans()),
        separate=draw(st.booleans()),
        participation_hours=draw(st.none() | amounts),
        format=draw(formats),
        topics=tuple(draw(st.lists(st.sampled_from(["ethics", "nutrition"]), unique=True))),
        approvals=tuple(
            (b, "1") for b in draw(st.lists(st.sampled_from(BODY_IDS), unique=True, max_size=2))
        ),
        petitions=tuple(draw(st.lists(st.sampled_from(BODY_IDS), unique=True, max_size=2))),
    )


logs = st.lists(activities(), max_size=15)


@st.composite
def busy_activities(draw: st.DrawFn) -> Activity:
    """An activity likely to count: in scope, live, every body's petition approved."""
    a = draw(activities())
    return replace(a, in_scope=True, format="live", petitions=tuple(BODY_IDS))


# Logs long enough to reach the caps.
busy_logs = st.lists(busy_activities(), min_size=5, max_size=25)
as_of_days = st.dates(min_value=date(2025, 6, 1), max_value=date(2027, 12, 31))
optional_day = st.none() | st.dates(min_value=date(2019, 1, 1), max_value=date(2029, 12, 31))


@st.composite
def entries(draw: st.DrawFn, body: str) -> dict[str, Any]:
    """One certification of ``body`` as a profile file gives it."""
    cert = draw(st.sampled_from(sorted(BODIES[body].certifications)))
    entry: dict[str, Any] = {"certification": cert}
    how = draw(st.sampled_from(["certified", "certified", "cycle_end", "neither"]))
    if how == "certified":
        entry["certified"] = draw(st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 6, 1)))
    elif how == "cycle_end":
        entry["cycle_end"] = draw(st.dates(min_value=date(2025, 6, 1), max_value=date(2028, 6, 1)))
    for key in ("cpr_expires", "renewed_on"):
        day = draw(optional_day)
        if day is not None:
            entry[key] = day
    return entry


def profile_entries(body: str) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(entries(body), min_size=1, max_size=3)


@st.composite
def helds(draw: st.DrawFn, body: str) -> list[Held]:
    found = read_profile({"certifications": draw(profile_entries(body))}, RULES, BODIES)
    assert found.problems == []
    return found.held[body]


def tallies(entries: list[dict[str, Any]], log: list[Activity], as_of: date) -> dict[str, Any]:
    """Each body's JSON entry, as the command line gives it from a profile file."""
    profile = read_profile({"certifications": entries}, RULES, BODIES)
    assert profile.problems == []
    return {
        b: body_json(tally_body(BODIES[b], RULES, held, log, as_of))
        for b, held in profile.held.items()
    }


# (a) One body's result never depends on another's --------------------------------------------


@given(st.data(), st.sampled_from(BODY_IDS), logs, as_of_days)
def test_adding_a_body_to_the_profile_never_changes_another_bodys_result(
    data: st.DataObject, body: str, log: list[Activity], as_of: date
) -> None:
    mine = data.draw(profile_entries(body))
    other = data.draw(st.sampled_from([b for b in BODY_IDS if b != body]))
    added = data.draw(profile_entries(other))
    if data.draw(st.booleans()):
        added.append({"certification": "cpt", "cycle_end": "2026-12-31"})  # and ACSM's
    # Interleaved anywhere, each list keeping its own order.
    where = data.draw(st.lists(st.booleans(), min_size=len(mine) + len(added)))
    mixed, rest, theirs = [], list(mine), list(added)
    for take_mine in where:
        source = rest if (take_mine and rest) or not theirs else theirs
        if source:
            mixed.append(source.pop(0))
    mixed += rest + theirs
    before = tallies(mine, log, as_of)
    after = tallies(mixed, log, as_of)
    assert list(before) == [body]
    assert after[body] == before[body]


# (b) Nothing counts more than the body's rules allow ------------------------------------------

NOTHING = (OUTSIDE_CYCLE, PLANNED, NEEDS_PETITION, NOT_ACCEPTED, UNKNOWN)


def _last_day(cert: BodyCertification, cycle: Cycle, as_of: date) -> date:
    """The last day credits count for the cycle: its end, or for a cycle judged late, as long
    after as the body's late credits last."""
    late = cert.late_credit_days.at(cycle.end) if cert.late_credit_days is not None else None
    if as_of <= cycle.end or late is None or late.value is None:
        return cycle.end
    return cycle.end + timedelta(days=int(late.value))


def _check_bounds(t: BodyTally, log: list[Activity], as_of: date) -> None:
    body = t.body
    for c in t.certifications:
        assert c.earned == sum((k.amount for k in c.counts), Decimal(0))
        if c.required is not None:
            assert c.remaining == max(Decimal(0), c.required - c.earned)
        if c.cycle is None:
            assert all((k.amount, k.status) == (ZERO, UNKNOWN) for k in c.counts)
            continue
        last = _last_day(c.certification, c.cycle, as_of)
        per_category: defaultdict[str, Decimal] = defaultdict(Decimal)
        cpr_courses = 0
        for a, k in zip(log, c.counts, strict=True):
            assert k.amount >= 0
            assert k.status in (COUNTED, CAPPED, *NOTHING)
            if k.status in NOTHING:
                assert k.amount == 0, k
            if not c.cycle.start <= a.completed <= last:
                assert (k.amount, k.status) == (ZERO, OUTSIDE_CYCLE)
            elif a.completed > as_of:
                assert (k.amount, k.status) == (ZERO, PLANNED)
            if not a.in_scope:
                assert k.amount == 0
            if k.category is not None:
                per_category[k.category] += k.amount
            if k.amount > 0 and k.reason.startswith("the CPR/AED course"):
                cpr_courses += 1
            for route in body.routes:
                most = route.max_per_event and route.max_per_event.at(a.completed)
                if most and most.value is not None and k.reason.startswith(route.name):
                    assert k.amount <= most.value, (route.id, k)
        assert cpr_courses <= 1
        for cat_id, total in per_category.items():
            cat = body.categories.get(cat_id)
            cap = cat.max.at(c.cycle.end) if cat is not None and cat.max is not None else None
            if cap is not None and cap.value is not None:
                assert total <= cap.value, (cat_id, total)
        for pool in body.unit_caps:
            most = pool.max.at(c.cycle.end)
            if most is not None and most.value is not None:
                held = sum(
                    (k.amount for a, k in zip(log, c.counts, strict=True) if a.unit in pool.units),
                    Decimal(0),
                )
                assert held <= most.value, (pool.name, held)
    shared = body.shared.at(as_of) if body.shared is not None else None
    if shared is None or not shared.value:
        for row in range(len(log)):
            assert sum(c.counts[row].amount > 0 for c in t.certifications) <= 1


@given(st.data(), st.sampled_from(BODY_IDS), logs, as_of_days)
def test_no_activity_counts_more_than_the_bodys_rules_allow(
    data: st.DataObject, body: str, log: list[Activity], as_of: date
) -> None:
    held = data.draw(helds(body))
    _check_bounds(tally_body(BODIES[body], RULES, held, log, as_of), log, as_of)


@given(st.data(), st.sampled_from(BODY_IDS), busy_logs, as_of_days)
def test_no_activity_of_a_busy_log_counts_more_than_the_bodys_rules_allow(
    data: st.DataObject, body: str, log: list[Activity], as_of: date
) -> None:
    held = data.draw(helds(body))
    _check_bounds(tally_body(BODIES[body], RULES, held, log, as_of), log, as_of)


# (c) The log's order changes nothing ---------------------------------------------------------


@given(st.data(), st.sampled_from(BODY_IDS), logs, as_of_days, st.randoms())
def test_the_order_of_activities_never_changes_what_a_body_counts(
    data: st.DataObject, body: str, log: list[Activity], as_of: date, rnd: random.Random
) -> None:
    held = data.draw(helds(body))
    shuffled = log[:]
    rnd.shuffle(shuffled)
    a = tally_body(BODIES[body], RULES, held, log, as_of)
    b = tally_body(BODIES[body], RULES, held, shuffled, as_of)
    for x, y in zip(a.certifications, b.certifications, strict=True):
        assert x.certification == y.certification
        assert (x.earned, x.required, x.state, x.headline, x.checklist) == (
            y.earned,
            y.required,
            y.state,
            y.headline,
            y.checklist,
        )
        # The same activity counts the same wherever it is (equal activities may swap).
        assert Counter(zip(log, x.counts, strict=True)) == Counter(
            zip(shuffled, y.counts, strict=True)
        )
