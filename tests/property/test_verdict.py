"""The verdict never says more than ACSM would: invariants over made-up logs and profiles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calc.citations import apply
from calc.dated import add_years
from calc.engine import done_on, tally
from calc.model import Activity, Profile
from tests.property.test_invariants import RULES, activities, days, logs, profiles

FAR = date(2031, 1, 1)  # after every cycle drawn here: nothing is a plan any more


@st.composite
def any_day_profiles(draw: st.DrawFn) -> Profile:
    return draw(profiles(as_of=draw(days)))


@given(any_day_profiles(), logs)
def test_done_only_once_renewed_with_the_cecs_and_a_current_card(
    p: Profile, log: list[Activity]
) -> None:
    t = tally(RULES, p, log)
    checks = {c.id: c for c in t.outlook.checklist}
    if t.outlook.verdict.state == "done":
        assert p.renewed_on is not None
        assert t.earned >= t.required
        assert p.cpr_expires is not None and p.cpr_expires >= p.renewed_on
    if checks["renewal"].state == "done":
        assert p.renewed_on is not None
    # When renewal opens, or that the grace period runs, is never a tick.
    assert checks["renewal_window"].state in ("info", "warning")
    if p.cpr_expires is None:
        assert checks["cpr"].state == "todo"
    assert "Done" not in t.outlook.verdict.headline or t.outlook.verdict.state == "done"


@given(any_day_profiles(), logs)
def test_plans_count_nothing_now_and_exactly_what_they_will_count_once_done(
    p: Profile, log: list[Activity]
) -> None:
    p = replace(p, renewed_on=None)
    now = tally(RULES, p, log)
    # Done by its day; committee service by the last day it served inside the cycle.
    done = [a for a in log if done_on(RULES, now.cycle, a) <= p.as_of]
    assert now.earned == tally(RULES, p, done).earned
    assert all(d.cecs == 0 for d in now.decisions if d.planned)
    # A plan is dated after today within the cycle; one after the cycle's end belongs to the
    # next cycle, never a plan of this one.
    assert all(
        d.planned == (done_on(RULES, now.cycle, d.activity) > p.as_of and not d.next_cycle)
        for d in now.decisions
    )
    # (Committee service is counted by the part of its term inside the cycle instead.)
    assert all(
        d.next_cycle == (d.activity.completed > now.cycle.end)
        for d in now.decisions
        if d.copy_of is None and d.converted and not RULES.categories[d.category].service_period
    )
    # Once every plan is done, the total is what was earned plus what the plans said.
    later = tally(RULES, replace(p, as_of=FAR), log)
    assert later.earned == now.earned + now.planned


@given(any_day_profiles(), logs)
def test_proof_is_kept_a_year_after_the_renewal_day_at_the_earliest(
    p: Profile, log: list[Activity]
) -> None:
    # ACSM audits "up to a year after recertification": after the day of renewal, and never
    # before the next cycle has started (an early renewal recertifies for it).
    t = tally(RULES, p, log)
    keep = t.outlook.dates.keep_proof_until
    next_cycle = p.cycle_end + timedelta(days=1)
    assert keep is not None and keep >= add_years(next_cycle, 1)
    if p.renewed_on is not None:
        assert keep == add_years(max(p.renewed_on, next_cycle), 1)
    else:
        grace = t.outlook.dates.grace_period_end
        assert grace is not None and keep >= add_years(max(grace, p.as_of), 1)


@given(any_day_profiles(), logs)
def test_a_renewal_counts_only_what_was_done_by_that_day(p: Profile, log: list[Activity]) -> None:
    if p.renewed_on is None:
        return
    t = tally(RULES, p, log)
    for d in t.decisions:
        # Done by its day; committee service by the last day it served inside the cycle (a
        # term running past the cycle's end counts the days served in it, renewed or not).
        if done_on(RULES, t.cycle, d.activity) > p.renewed_on:
            assert d.cecs == 0


@given(activities())
def test_an_unlisted_organization_counts_one_to_one_unless_said_decimal(a: Activity) -> None:
    a = replace(a, provider="other", in_scope=True, category=None, amount=a.amount or Decimal(1))
    profile = Profile(("cpt",), date(2027, 12, 31), date(2022, 1, 1), None, FAR)
    [d] = tally(RULES, profile, [a]).decisions
    unit = RULES.units[a.unit or RULES.providers["other"].unit]
    if unit.provider_defined and a.decimal_system is not True:
        assert d.converted == a.amount
    decimal = apply(RULES, RULES.equivalence.decimal_system, a.completed)
    if unit.provider_defined and a.decimal_system is True and decimal is not None:
        assert d.converted == a.amount * decimal.value


@given(any_day_profiles(), logs)
def test_an_open_question_counts_the_lower_reading(p: Profile, log: list[Activity]) -> None:
    # NCSF's CEU is two hours: ACSM's general rule (1 = 1) and its per-hour rule disagree, and
    # ACSM has not said which applies; the calculator counts the lower.
    t = tally(RULES, p, log)
    for d in t.decisions:
        a, provider = d.activity, RULES.providers[d.activity.provider]
        if a.amount is None:  # a CPR course without its length yet: nothing to convert
            assert d.converted == 0
            continue
        hours = provider.hours_per_credit and apply(RULES, provider.hours_per_credit, a.completed)
        if not (hours and hours.citation.unconfirmed and RULES.units[d.unit].provider_defined):
            continue
        one = apply(RULES, RULES.equivalence.one_to_one, a.completed)
        per_hour = apply(RULES, RULES.equivalence.per_hour_in_doubt, a.completed)
        assert one is not None and per_hour is not None
        assert d.converted == a.amount * min(one.value, hours.value * per_hour.value)
