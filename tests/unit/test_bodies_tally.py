"""Another certifying body's tally (calc.bodies.tally) with bodies built by hand: one rule at a
time, so that each status, reason and headline is seen whole. A few cases use the shipped rules
(rules/<body>/body.yaml) where the real numbers are the point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import pytest

from calc.bodies.model import (
    ANY_PROVIDER,
    Body,
    BodyCategory,
    BodyCertification,
    Cpr,
    Part,
    Route,
    UnitCap,
    bodies_from,
    body_from,
)
from calc.bodies.tally import (
    CAPPED,
    COMPLETE,
    COUNTED,
    GRACE,
    LAPSED,
    NEEDS_PETITION,
    NO_CYCLE,
    NOT_ACCEPTED,
    OUTSIDE_CYCLE,
    PLANNED,
    TO_DO,
    UNKNOWN,
    BodyTally,
    CertTally,
    Count,
    Held,
    cycle_of,
    required_of,
    tally_body,
    title,
)
from calc.bundle import rules_from_bundle
from calc.dated import Entry, Rule
from calc.engine import Cycle
from calc.model import Activity, Rules
from tests.conftest import load_bodies, load_bundle

T = TypeVar("T")
D = Decimal
ZERO = Decimal(0)
RULES: Rules = rules_from_bundle(load_bundle())

# Hand-built bodies --------------------------------------------------------------------------
# The test body is called "ace" (its courses are ACSM's provider "ace", unit CEC) but speaks as
# "TB" with "TB credits", so that a message using the wrong one of them shows.

FIRST = date(2020, 1, 1)


def entry(value: T | None, start: date = FIRST, status: str = "confirmed") -> Entry[T]:
    return Entry(start, value, "src", status)


def rule(*entries: Entry[T]) -> Rule[T]:
    return Rule("rule", "page", "anchor", tuple(entries))


def always(value: T | None, status: str = "confirmed") -> Rule[T]:
    return rule(entry(value, status=status))


CERT = BodyCertification(
    id="tb-pt",
    name="TB Personal Trainer",
    aliases=("TB PT",),
    required=always(D(2)),
    prorated=None,
    cycle_years=always(D(2)),
    cycle_end=always("certification_day"),
    deadline=None,
    grace_days=None,
    late_credit_days=None,
    renewal_fee_usd=None,
)
OWN = Route(
    id="own",
    name="Own courses",
    providers=("ace",),
    format="any",
    gate=always("none"),
    petition_fee_usd=None,
    max_per_event=None,
    category=None,
    converts={},
    approved_by=(),
)
BODY = Body(
    id="ace",
    name="Test Body",
    abbreviation="TB",
    unit="TB credit",
    units="TB credits",
    per_hour=always(D("0.1")),
    repeats_count=None,
    shared=None,
    certifications={"tb-pt": CERT},
    parts=(),
    cpr=Cpr(required=always(False), online_accepted=None, counts=None),
    categories={},
    min_categories=None,
    other_units={},
    unit_caps=(),
    routes=(OWN,),
    sources={},
)
CERTIFIED = date(2025, 3, 31)  # the first cycle: 2025-03-31 to 2027-03-31
CYCLE = Cycle(date(2025, 3, 31), date(2027, 3, 31))
AS_OF = date(2026, 6, 1)
HELD = Held("tb-pt", certified=CERTIFIED)


def route(**changes: Any) -> Route:
    return replace(OWN, **changes)


def body(*routes: Route, **changes: Any) -> Body:
    return replace(BODY, routes=routes or (OWN,), **changes)


def cert(**changes: Any) -> BodyCertification:
    return replace(CERT, **changes)


def act(
    day: str = "2026-03-01",
    provider: str = "ace",
    amount: str | None = "0.5",
    title: str = "Course",
    **changes: Any,
) -> Activity:
    return Activity(
        date.fromisoformat(day), title, provider, None if amount is None else D(amount), **changes
    )


def run(
    b: Body,
    activities: Sequence[Activity],
    held: Held = HELD,
    as_of: date = AS_OF,
    rules: Rules = RULES,
) -> CertTally:
    return tally_body(b, rules, [held], activities, as_of).first


def counts(b: Body, *activities: Activity, **kw: Any) -> list[Count]:
    return list(run(b, activities, **kw).counts)


def one(b: Body, a: Activity, **kw: Any) -> Count:
    (found,) = counts(b, a, **kw)
    return found


@cache
def live() -> dict[str, Body]:
    return bodies_from(load_bodies())


# The model ----------------------------------------------------------------------------------


def _entries(value: Any) -> dict[str, Any]:
    return {
        "rule": "r",
        "page": "p",
        "anchor": "a",
        "entries": [
            {"from": "2024-01-01", "value": value, "source": "s", "status": "confirmed"}
            | {"basis": "effective"}
        ],
    }


def _raw_body(**certification: Any) -> dict[str, Any]:
    return {
        "body": {
            "id": "x",
            "name": "X Body",
            "abbreviation": "XB",
            "unit": {"name": "XB unit", "plural": "XB units", "per_hour": _entries(1)},
        },
        "certifications": {
            "x-pt": {
                "name": "X PT",
                "required": _entries(2),
                "cycle_years": _entries(2),
                "cycle_end": _entries("fixed_calendar"),
                **certification,
            }
        },
        "cpr": {"required": _entries(1)},
        "routes": [{"id": "r", "name": "R", "providers": ["*"], "gate": _entries("none")}],
        "sources": {},
    }


def test_a_body_read_from_its_rules_takes_the_defaults_for_what_it_leaves_out() -> None:
    b = body_from(_raw_body(deadline=_entries("2026-12-31")))
    c = b.certifications["x-pt"]
    assert (c.aliases, c.prorated, c.grace_days, c.renewal_fee_usd) == ((), None, None, None)
    assert (c.late_credit_days, b.unit_caps, b.cpr.valid_days_after_submission) == (None, (), None)
    assert c.deadline is not None and c.deadline.entries[0].value == date(2026, 12, 31)
    assert (b.repeats_count, b.shared, b.parts, b.categories, b.min_categories) == (
        None,
        None,
        (),
        {},
        None,
    )
    assert (b.other_units, b.sources, b.cpr.online_accepted, b.cpr.counts) == ({}, {}, None, None)
    assert b.cpr.required.entries[0].value is True  # a flag read as a bool
    (r,) = b.routes
    assert (r.format, r.category, r.converts, r.approved_by, r.max_per_event) == (
        "any",
        None,
        {},
        (),
        None,
    )
    assert (r.providers, r.petition_fee_usd) == ((ANY_PROVIDER,), None)


def test_a_body_read_from_its_rules_with_late_credits_unit_caps_and_a_card_margin() -> None:
    raw = _raw_body(late_credit_days=_entries(90))
    raw["cpr"]["valid_days_after_submission"] = _entries(30)
    raw["unit_caps"] = [{"name": "College", "units": ["college_credit_hour"], "max": _entries(2)}]
    b = body_from(raw)
    late = b.certifications["x-pt"].late_credit_days
    assert late is not None and late.entries[0].value == D(90)
    margin = b.cpr.valid_days_after_submission
    assert margin is not None and margin.entries[0].value == D(30)
    (cap,) = b.unit_caps
    assert (cap.name, cap.units, cap.max.entries[0].value) == (
        "College",
        ("college_credit_hour",),
        D(2),
    )


def test_a_deadline_that_is_not_a_date_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"^'December 31' is not a date written YYYY-MM-DD$"):
        body_from(_raw_body(deadline=_entries("December 31")))


# The cycle ----------------------------------------------------------------------------------


def test_a_cycle_end_given_with_its_start_is_the_cycle_whatever_the_rules_say() -> None:
    no_length = cert(cycle_years=rule(entry(D(2), start=date(2030, 1, 1))))
    held = Held("tb-pt", cycle_end=date(2026, 12, 31), cycle_start=date(2026, 2, 1))
    assert cycle_of(no_length, held, AS_OF) == (Cycle(date(2026, 2, 1), date(2026, 12, 31)), "")


def test_a_cycle_end_given_alone_starts_the_cycle_length_before_it() -> None:
    held = Held("tb-pt", cycle_end=date(2027, 3, 31), certified=date(2019, 5, 5))
    assert cycle_of(CERT, held, AS_OF) == (Cycle(date(2025, 4, 1), date(2027, 3, 31)), "")
    three = cert(cycle_years=always(D(3)))
    assert cycle_of(three, held, AS_OF)[0] == Cycle(date(2024, 4, 1), date(2027, 3, 31))


def test_the_cycle_length_is_the_one_in_force_at_the_cycle_end_not_the_day_judged() -> None:
    years = rule(entry(D(2)), entry(D(3), start=date(2027, 1, 1)))
    held = Held("tb-pt", cycle_end=date(2027, 3, 31))
    assert cycle_of(cert(cycle_years=years), held, AS_OF)[0] == Cycle(
        date(2024, 4, 1), date(2027, 3, 31)
    )


def test_a_cycle_end_given_with_no_cycle_length_known_says_so() -> None:
    later = cert(cycle_years=rule(entry(D(2), start=date(2028, 1, 1))))
    held = Held("tb-pt", cycle_end=date(2027, 3, 31))
    assert cycle_of(later, held, AS_OF) == (
        None,
        "no cycle length is known for TB Personal Trainer",
    )


NSCA_LIKE = cert(
    cycle_years=always(D(3)),
    cycle_end=always("fixed_calendar"),
    deadline=rule(entry(date(2026, 12, 31), start=date(2024, 1, 1))),
)


@pytest.mark.parametrize(
    "as_of", [date(2024, 1, 1), date(2025, 6, 1), date(2026, 12, 31), date(2027, 5, 1)]
)
@pytest.mark.parametrize(
    ("certified", "start"),
    [
        (None, date(2024, 1, 1)),
        (date(2023, 12, 31), date(2024, 1, 1)),
        (date(2024, 1, 1), date(2024, 1, 1)),
        (date(2024, 1, 2), date(2024, 1, 2)),  # certified during it: from that day
        (date(2025, 6, 1), date(2025, 6, 1)),
    ],
)
def test_a_fixed_calendar_cycle_runs_from_its_first_day_or_the_day_certified_if_later(
    as_of: date, certified: date | None, start: date
) -> None:
    held = Held("tb-pt", certified=certified)
    assert cycle_of(NSCA_LIKE, held, as_of) == (Cycle(start, date(2026, 12, 31)), "")


def test_a_fixed_calendar_cycle_before_any_deadline_is_not_guessed() -> None:
    assert cycle_of(NSCA_LIKE, Held("tb-pt"), date(2023, 12, 31)) == (
        None,
        "the rules do not give TB Personal Trainer's cycle for 2023-12-31",
    )
    retired = replace(NSCA_LIKE, deadline=always(None))
    assert cycle_of(retired, Held("tb-pt"), AS_OF) == (
        None,
        "the rules do not give TB Personal Trainer's cycle for 2026-06-01",
    )
    gone = replace(NSCA_LIKE, deadline=None)
    assert cycle_of(gone, Held("tb-pt"), AS_OF)[1] == (
        "the rules do not give TB Personal Trainer's cycle for 2026-06-01"
    )


def test_without_a_cycle_end_or_the_day_certified_the_cycle_is_asked_for() -> None:
    assert cycle_of(CERT, Held("tb-pt"), AS_OF) == (
        None,
        "give the day you earned your TB Personal Trainer, or your cycle's last day",
    )


def test_without_the_rule_for_how_a_cycle_ends_or_its_length_nothing_is_guessed() -> None:
    said = "the rules do not say how TB Personal Trainer's cycle is set"
    unset = cert(cycle_end=rule(entry("certification_day", start=date(2026, 6, 2))))
    assert cycle_of(unset, HELD, AS_OF) == (None, said)
    assert cycle_of(unset, HELD, date(2026, 6, 2))[1] == ""
    no_length = cert(cycle_years=rule(entry(D(2), start=date(2026, 6, 2))))
    assert cycle_of(no_length, HELD, AS_OF) == (None, said)


@pytest.mark.parametrize(
    ("as_of", "start", "end"),
    [
        (date(2024, 1, 1), date(2025, 3, 31), date(2027, 3, 31)),  # before it was earned
        (date(2025, 3, 31), date(2025, 3, 31), date(2027, 3, 31)),
        (date(2027, 3, 31), date(2025, 3, 31), date(2027, 3, 31)),  # the first cycle's last day
        (date(2027, 4, 1), date(2027, 4, 1), date(2029, 3, 31)),  # the next one's first
        (date(2029, 3, 31), date(2027, 4, 1), date(2029, 3, 31)),
        (date(2031, 6, 1), date(2031, 4, 1), date(2033, 3, 31)),
    ],
)
def test_a_cycle_from_the_day_certified_ends_on_that_day_every_cycle_length(
    as_of: date, start: date, end: date
) -> None:
    assert cycle_of(CERT, HELD, as_of) == (Cycle(start, end), "")


MONTH_END = cert(cycle_end=always("certification_month_end"))


@pytest.mark.parametrize(
    ("as_of", "start", "end"),
    [
        (date(2025, 3, 10), date(2025, 3, 10), date(2027, 3, 31)),  # the first from the day
        (date(2027, 3, 31), date(2025, 3, 10), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2027, 4, 1), date(2029, 3, 31)),
        (date(2029, 4, 1), date(2029, 4, 1), date(2031, 3, 31)),
    ],
)
def test_a_cycle_from_the_month_certified_in_ends_on_its_last_day(
    as_of: date, start: date, end: date
) -> None:
    held = Held("tb-pt", certified=date(2025, 3, 10))
    assert cycle_of(MONTH_END, held, as_of) == (Cycle(start, end), "")


def test_february_29_certifications_end_on_february_28_or_29() -> None:
    held = Held("tb-pt", certified=date(2024, 2, 29))
    assert cycle_of(CERT, held, date(2026, 2, 28))[0] == Cycle(date(2024, 2, 29), date(2026, 2, 28))
    assert cycle_of(CERT, held, date(2026, 3, 1))[0] == Cycle(date(2026, 3, 1), date(2028, 2, 29))
    assert cycle_of(MONTH_END, held, date(2027, 1, 1))[0] == Cycle(
        date(2026, 3, 1), date(2028, 2, 29)
    )


def test_a_one_year_cycle_from_the_day_certified() -> None:
    yearly = cert(cycle_years=always(D(1)))
    assert cycle_of(yearly, HELD, date(2026, 4, 1))[0] == Cycle(date(2026, 4, 1), date(2027, 3, 31))
    # The first cycle starts on the day certified.
    assert cycle_of(yearly, HELD, date(2026, 3, 31))[0] == Cycle(
        date(2025, 3, 31), date(2026, 3, 31)
    )


# What is required ---------------------------------------------------------------------------

PRORATED = cert(
    required=rule(entry(D(6)), entry(D(7), start=date(2026, 12, 1))),
    prorated=rule(
        entry(D(4), start=date(2024, 1, 1)),
        entry(D(2), start=date(2025, 1, 1)),
        entry(None, start=date(2026, 1, 1)),
    ),
)
FIXED = Cycle(date(2024, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("certified", "required"),
    [
        (None, D(7)),  # not said: the full amount, as in force at the cycle's end
        (date(2023, 12, 31), D(7)),  # before the cycle: the full amount
        (date(2024, 1, 1), D(4)),  # the cycle's first day
        (date(2024, 12, 31), D(4)),
        (date(2025, 1, 1), D(2)),
        (date(2026, 1, 1), D(7)),  # a prorated amount retired: the full one
    ],
)
def test_the_requirement_is_prorated_for_those_certified_during_the_cycle(
    certified: date | None, required: Decimal
) -> None:
    found = required_of(PRORATED, Held("tb-pt", certified=certified), FIXED)
    assert found is not None and found.value == required


def test_a_prorated_amount_applies_only_from_its_first_entry() -> None:
    late = replace(PRORATED, prorated=rule(entry(D(1), start=date(2025, 1, 1))))
    in_cycle_before_the_table = Held("tb-pt", certified=date(2024, 6, 1))
    found = required_of(late, in_cycle_before_the_table, FIXED)
    assert found is not None and found.value == D(7)
    found = required_of(late, Held("tb-pt", certified=date(2025, 1, 1)), FIXED)
    assert found is not None and found.value == D(1)


def test_a_prorated_amount_for_a_day_before_the_cycle_does_not_apply() -> None:
    # Certified in 2024, judged on a cycle that began later: the full amount.
    later = Cycle(date(2025, 1, 1), date(2027, 12, 31))
    found = required_of(PRORATED, Held("tb-pt", certified=date(2024, 6, 1)), later)
    assert found is not None and found.value == D(7)


def test_no_requirement_known_for_the_cycle_end_is_none() -> None:
    late = cert(required=rule(entry(D(2), start=date(2030, 1, 1))))
    assert required_of(late, HELD, CYCLE) is None
    assert required_of(cert(required=always(None)), HELD, CYCLE) is None


# Outside the cycle, out of scope, planned ---------------------------------------------------


def test_a_day_before_the_cycle_starts_is_outside_it_and_its_first_day_counts() -> None:
    before, first = act("2025-03-30", title="A"), act("2025-03-31", title="B")
    assert counts(BODY, before, first) == [
        Count(ZERO, OUTSIDE_CYCLE, "before this cycle, which starts March 31, 2025"),
        Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),
    ]


def test_a_day_after_the_cycle_ends_is_for_the_next_one_and_its_last_day_counts() -> None:
    last, after = act("2027-03-31", title="A"), act("2027-04-01", title="B")
    found = counts(BODY, last, after, as_of=date(2027, 3, 31))
    assert found == [
        Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),
        Count(ZERO, OUTSIDE_CYCLE, "after this cycle ends March 31, 2027: for the next one"),
    ]


def test_an_activity_marked_out_of_scope_is_not_accepted() -> None:
    assert one(BODY, act(in_scope=False)) == Count(
        ZERO, NOT_ACCEPTED, "you marked it outside your certification's scope"
    )


def test_an_activity_after_the_day_judged_is_planned_with_what_it_would_count() -> None:
    on_the_day = act("2026-06-01", title="A")
    after = act("2026-06-02", title="B")
    assert counts(BODY, on_the_day, after) == [
        Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),
        Count(
            ZERO,
            PLANNED,
            "would count 0.5 once done: Own courses: 0.5 TB credits as TB gives them",
        ),
    ]


def test_a_plan_that_would_count_nothing_yet_says_why_and_keeps_its_category() -> None:
    petition = route(providers=(ANY_PROVIDER,), gate=always("petition"), category="a")
    found = one(body(petition), act("2026-07-01", provider="acsm", amount="5"))
    assert found == Count(
        ZERO,
        PLANNED,
        "Own courses: would count 0.5 TB credits once TB approves it",
        None,
    )
    counted = one(body(route(category="a")), act("2026-07-01"))
    assert (counted.status, counted.category) == (PLANNED, "a")


def test_a_plan_after_the_cycle_is_for_the_next_cycle_not_a_plan() -> None:
    found = one(BODY, act("2027-05-01"), as_of=date(2027, 3, 1))
    assert found.status == OUTSIDE_CYCLE


# Routes and their gates ---------------------------------------------------------------------


def test_no_route_for_the_provider_is_not_accepted() -> None:
    assert one(BODY, act(provider="nasm")) == Count(
        ZERO, NOT_ACCEPTED, "TB does not accept credits from this provider"
    )


def test_an_open_route_counts_and_says_when_the_body_has_not_confirmed_it() -> None:
    loose = route(gate=always("none", status="unconfirmed"))
    assert one(body(loose), act()) == Count(
        D("0.5"),
        COUNTED,
        "Own courses (not confirmed by TB): 0.5 TB credits as TB gives them",
    )


APPROVED = route(
    id="approved",
    name="Approved courses",
    providers=(ANY_PROVIDER,),
    gate=always("approval_number"),
)


def test_an_approval_route_counts_with_the_bodys_number_only() -> None:
    b = body(APPROVED)
    wanted = "Approved courses: counts once you add its number"
    assert one(b, act(provider="acsm", amount="5")) == Count(ZERO, NOT_ACCEPTED, wanted)
    others = act(provider="acsm", amount="5", approvals=(("nasm", "1"),))
    assert one(b, others) == Count(ZERO, NOT_ACCEPTED, wanted)
    ours = act(provider="acsm", amount="5", approvals=(("nasm", "1"), ("ace", "2")))
    assert one(b, ours) == Count(
        D("0.5"), COUNTED, "Approved courses: 5 hours of participation at 0.1 an hour"
    )


def test_an_approving_bodys_own_course_needs_no_number() -> None:
    assert one(body(APPROVED), act()) == Count(
        D("0.5"), COUNTED, "Approved courses: 0.5 TB credits as TB gives them"
    )
    b = body(replace(APPROVED, approved_by=("nasm",)))
    assert one(b, act(provider="nasm", amount="0.5")) == Count(
        D("0.5"), COUNTED, "Approved courses: 5 hours of participation at 0.1 an hour"
    )
    # The body's own course, where another body approves: a number is needed.
    assert one(b, act()).status == NOT_ACCEPTED


def test_an_approval_route_counts_the_numbers_of_the_bodies_it_names() -> None:
    b = body(replace(APPROVED, approved_by=("nasm", "afaa")))
    assert one(b, act(provider="acsm", approvals=(("ace", "1"),))).status == NOT_ACCEPTED
    assert one(b, act(provider="acsm", amount="5", approvals=(("afaa", "1"),))) == Count(
        D("0.5"), COUNTED, "Approved courses: 5 hours of participation at 0.1 an hour"
    )


PETITION = route(
    id="petition",
    name="By petition",
    providers=(ANY_PROVIDER,),
    gate=always("petition"),
    petition_fee_usd=always(D(25)),
)


def test_a_petition_route_says_what_it_would_count_and_its_fee() -> None:
    found = one(body(PETITION), act(provider="acsm", amount="5"))
    assert found == Count(
        ZERO, NEEDS_PETITION, "By petition: would count 0.5 TB credits once TB approves it ($25)"
    )
    no_fee = one(body(replace(PETITION, petition_fee_usd=None)), act(provider="acsm", amount="5"))
    assert no_fee.reason == "By petition: would count 0.5 TB credits once TB approves it"
    retired = replace(PETITION, petition_fee_usd=always(None))
    assert one(body(retired), act(provider="acsm", amount="5")).reason == no_fee.reason


def test_an_unconfirmed_petition_fee_says_so() -> None:
    unsure = replace(PETITION, petition_fee_usd=always(D(25), status="unconfirmed"))
    assert one(body(unsure), act(provider="acsm", amount="5")).reason == (
        "By petition: would count 0.5 TB credits once TB approves it ($25, not confirmed by TB)"
    )
    college = act(provider="acsm", amount="3", unit="college_credit_hour")
    assert one(body(unsure), college).reason == (
        "By petition: counts once TB approves it ($25, not confirmed by TB), given its hours"
    )


def test_a_petition_without_the_hours_says_it_counts_once_approved_given_its_hours() -> None:
    college = act(provider="acsm", amount="3", unit="college_credit_hour")
    assert one(body(PETITION), college) == Count(
        ZERO, NEEDS_PETITION, "By petition: counts once TB approves it ($25), given its hours"
    )


def test_a_petition_approved_counts_by_that_route() -> None:
    approved = act(provider="acsm", amount="5", petitions=("neta", "ace"))
    assert one(body(PETITION), approved) == Count(
        D("0.5"),
        COUNTED,
        "By petition, petition approved: 5 hours of participation at 0.1 an hour",
    )
    for_another = act(provider="acsm", amount="5", petitions=("neta",))
    assert one(body(PETITION), for_another).status == NEEDS_PETITION


def test_a_petition_route_the_body_has_not_confirmed_says_so() -> None:
    unsure = replace(PETITION, gate=always("petition", status="unconfirmed"))
    assert one(body(unsure), act(provider="acsm", amount="5")).reason == (
        "By petition: would count 0.5 TB credits once TB approves it ($25) (not confirmed by TB)"
    )
    approved = act(provider="acsm", amount="5", petitions=("ace",))
    assert one(body(unsure), approved).reason == (
        "By petition, petition approved (not confirmed by TB): 5 hours of participation at 0.1 "
        "an hour"
    )


@pytest.mark.parametrize(
    "gate", [always("unknown"), always(None), rule(entry("none", start=date(2027, 1, 1)))]
)
def test_a_route_whose_rule_is_not_known_on_the_day_counts_nothing(gate: Rule[str]) -> None:
    assert one(body(route(gate=gate)), act()) == Count(
        ZERO, UNKNOWN, "Own courses: TB's rule is not known"
    )


def test_routes_are_tried_in_order_and_the_first_open_one_counts() -> None:
    b = body(OWN, APPROVED, PETITION)
    assert one(b, act()).reason == "Own courses: 0.5 TB credits as TB gives them"
    approved = act(provider="acsm", amount="5", approvals=(("ace", "9"),), petitions=("ace",))
    assert one(b, approved).reason == "Approved courses: 5 hours of participation at 0.1 an hour"


def test_with_no_route_open_the_most_useful_reason_comes_first_and_all_are_said() -> None:
    unknown = route(id="u", name="Unknown route", providers=(ANY_PROVIDER,), gate=always("x"))
    b = body(unknown, APPROVED, PETITION)
    assert one(b, act(provider="acsm", amount="5")) == Count(
        ZERO,
        NEEDS_PETITION,
        "Unknown route: TB's rule is not known; or Approved courses: counts once you add its "
        "number; or By petition: would count 0.5 TB credits once TB approves it ($25)",
    )
    assert one(body(unknown, APPROVED), act(provider="acsm")).status == NOT_ACCEPTED
    assert one(body(APPROVED, unknown), act(provider="acsm")).status == NOT_ACCEPTED
    assert one(body(unknown), act(provider="acsm")).status == UNKNOWN


def test_the_same_reason_from_two_routes_is_said_once() -> None:
    twice = body(APPROVED, replace(APPROVED, id="again"))
    assert one(twice, act(provider="acsm")).reason == (
        "Approved courses: counts once you add its number"
    )


LIVE = route(id="live", name="Live events", providers=(ANY_PROVIDER,), format="live")
RECORDED = route(id="rec", name="Recorded courses", providers=(ANY_PROVIDER,), format="recorded")


def test_a_route_for_one_format_counts_that_format_only() -> None:
    b = body(LIVE)
    assert one(b, act(provider="acsm", amount="5", format="live")) == Count(
        D("0.5"), COUNTED, "Live events: 5 hours of participation at 0.1 an hour"
    )
    assert one(b, act(provider="acsm", amount="5", format="recorded")) == Count(
        ZERO, NOT_ACCEPTED, "TB does not accept credits from this provider"
    )


def test_a_format_not_said_leaves_a_format_route_unknown_and_asks_for_it() -> None:
    b = body(LIVE, RECORDED)
    assert one(b, act(provider="acsm", amount="5")) == Count(
        ZERO,
        UNKNOWN,
        "Live events: only if live; or Recorded courses: only if recorded (say whether it was "
        "live or recorded)",
    )
    # A format given skips the other format's route, and reads on.
    assert one(b, act(provider="acsm", amount="5", format="recorded")).reason == (
        "Recorded courses: 5 hours of participation at 0.1 an hour"
    )


def test_a_format_route_falls_through_to_the_next_route_for_another_format() -> None:
    b = body(LIVE, PETITION)
    recorded = one(b, act(provider="acsm", amount="5", format="recorded"))
    assert recorded == Count(
        ZERO, NEEDS_PETITION, "By petition: would count 0.5 TB credits once TB approves it ($25)"
    )
    unsaid = one(b, act(provider="acsm", amount="5"))
    assert unsaid == Count(
        ZERO,
        NEEDS_PETITION,
        "Live events: only if live; or By petition: would count 0.5 TB credits once TB approves "
        "it ($25) (say whether it was live or recorded)",
    )


def test_the_format_is_asked_for_only_where_a_route_depends_on_it() -> None:
    assert one(body(PETITION), act(provider="acsm", amount="5")).reason == (
        "By petition: would count 0.5 TB credits once TB approves it ($25)"
    )


# What an activity is worth ------------------------------------------------------------------


def test_the_bodys_own_course_counts_its_own_credits() -> None:
    expected = Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them")
    assert one(BODY, act()) == expected
    assert one(BODY, act(unit="cec")) == expected  # ACE's own unit, said
    # Its own course in hours: by the hour.
    assert one(BODY, act(amount="3", unit="hour")) == Count(
        D("0.3"), COUNTED, "Own courses: 3 hours of participation at 0.1 an hour"
    )


CONVERTS = route(
    id="conv",
    name="Converted",
    providers=(ANY_PROVIDER,),
    converts={"nsca": always(D(10)), "nasm": always(D(10), status="unconfirmed")},
)


def test_another_bodys_credits_convert_at_the_routes_rate() -> None:
    b = body(CONVERTS)
    assert one(b, act(provider="nsca", amount="0.5")) == Count(
        D("5.0"), COUNTED, "Converted: 0.5 NSCA credits at 10 each"
    )
    assert one(b, act(provider="nsca", amount="0.5", unit="ceu")).amount == D(5)
    assert one(b, act(provider="nasm", amount="0.3")) == Count(
        D("3.0"), COUNTED, "Converted: 0.3 NASM credits at 10 each (not confirmed by TB)"
    )


def test_credits_in_a_unit_not_the_providers_are_not_converted_as_its_credits() -> None:
    b = body(CONVERTS)
    assert one(b, act(provider="nsca", amount="4", unit="hour")) == Count(
        D("0.4"), COUNTED, "Converted: 4 hours of participation at 0.1 an hour"
    )


def test_a_conversion_not_in_force_on_the_day_is_not_used() -> None:
    later = route(
        providers=(ANY_PROVIDER,), converts={"nsca": rule(entry(D(10), date(2027, 1, 1)))}
    )
    assert one(body(later), act(provider="nsca", amount="0.5")) == Count(
        D("0.5"), COUNTED, "Own courses: 5 hours of participation at 0.1 an hour"
    )


COLLEGE = {
    "college_credit_hour": always(D("1.0")),
    "college_quarter_credit_hour": always(D("0.8"), status="unconfirmed"),
}


def test_college_credits_count_at_the_bodys_rate_for_the_unit() -> None:
    b = body(route(providers=(ANY_PROVIDER,)), other_units=COLLEGE)
    semester = act(provider="other", amount="3", unit="college_credit_hour")
    assert one(b, semester) == Count(D("3.0"), COUNTED, "Own courses: 3 credit hours at 1 each")
    quarter = act(provider="other", amount="2", unit="college_quarter_credit_hour")
    assert one(b, quarter) == Count(
        D("1.6"),
        COUNTED,
        "Own courses: 2 quarter credit hours at 0.8 each (not confirmed by TB)",
    )


def test_hours_of_participation_given_are_used_over_the_providers_credits() -> None:
    b = body(route(providers=(ANY_PROVIDER,)))
    assert one(b, act(provider="acsm", amount="5", participation_hours=D("2.5"))) == Count(
        D("0.25"), COUNTED, "Own courses: 2.5 hours of participation at 0.1 an hour"
    )
    # But never over the body's own credits.
    assert one(b, act(amount="0.5", participation_hours=D(9))).amount == D("0.5")


@pytest.mark.parametrize(
    ("provider", "amount", "unit", "hours"),
    [
        ("acsm", "5", None, "5"),  # a CEC is an hour
        ("nsca", "0.5", None, "5"),  # a CEU is 10 hours
        ("issa", "4", None, "4"),
        ("acsm", "3", "contact_hour", "3"),
    ],
)
def test_without_hours_given_they_are_read_from_the_credits_as_acsm_reads_them(
    provider: str, amount: str, unit: str | None, hours: str
) -> None:
    b = body(route(providers=(ANY_PROVIDER,)))
    found = one(b, act(provider=provider, amount=amount, unit=unit))
    assert found == Count(
        D(hours) * D("0.1"),
        COUNTED,
        f"Own courses: {hours} hours of participation at 0.1 an hour",
    )


def test_an_hourly_rate_the_body_has_not_confirmed_says_so() -> None:
    b = body(route(providers=(ANY_PROVIDER,)), per_hour=always(D("0.1"), status="unconfirmed"))
    assert one(b, act(provider="acsm", amount="5")).reason == (
        "Own courses: 5 hours of participation at 0.1 an hour (not confirmed by TB)"
    )


def test_with_no_hours_to_go_by_it_counts_nothing_and_asks_for_them() -> None:
    b = body(route(providers=(ANY_PROVIDER,), category="a"))
    college = act(provider="acsm", amount="3", unit="college_credit_hour")
    assert one(b, college) == Count(
        ZERO, UNKNOWN, "Own courses; give the hours of participation to count it", "a"
    )
    no_rate = body(route(providers=(ANY_PROVIDER,)), per_hour=rule(entry(D(1), date(2027, 1, 1))))
    assert one(no_rate, act(provider="acsm", amount="5")).reason == (
        "Own courses; give the hours of participation to count it"
    )


def test_committee_service_stands_for_no_hours() -> None:
    b = body(route(providers=(ANY_PROVIDER,)))
    served = act(
        provider="acsm",
        amount="4",
        category="committee",
        service_from=date(2025, 6, 1),
        service_to=date(2026, 3, 1),
    )
    assert one(b, served).reason == "Own courses; give the hours of participation to count it"
    assert one(b, replace(served, participation_hours=D(3))).amount == D("0.3")


# Caps per event and per category ------------------------------------------------------------

PER_EVENT = route(
    id="live",
    name="Live events",
    providers=(ANY_PROVIDER,),
    max_per_event=always(D(2)),
    category="a",
)


def test_an_event_counts_at_most_the_routes_maximum() -> None:
    b = body(PER_EVENT)
    assert one(b, act(provider="acsm", amount="25")) == Count(
        D(2),
        CAPPED,
        "Live events: 25 hours of participation at 0.1 an hour is 2.5, at most 2 TB credits an "
        "event",
        "a",
    )
    assert one(b, act(provider="acsm", amount="20")) == Count(
        D("2.0"), COUNTED, "Live events: 20 hours of participation at 0.1 an hour", "a"
    )
    retired = body(replace(PER_EVENT, max_per_event=always(None)))
    assert one(retired, act(provider="acsm", amount="25")).amount == D("2.5")


CATEGORIES = {
    "a": BodyCategory("a", "Attendance", always(D(1)), None),
    "b": BodyCategory("b", "Writing", None, None),
}
IN_A = route(providers=(ANY_PROVIDER,), category="a")


def test_a_category_cap_is_filled_in_date_order_whatever_the_log_order() -> None:
    b = body(IN_A, categories=CATEGORIES)
    third = act("2026-03-03", amount="0.3", title="C")
    second = act("2026-03-02", amount="0.6", title="B")
    first = act("2026-03-01", amount="0.6", title="A")
    reason = "Own courses: {} TB credits as TB gives them"
    assert counts(b, third, second, first) == [
        Count(
            ZERO,
            CAPPED,
            reason.format("0.3") + "; Attendance counts at most 1 TB credits a cycle, so 0",
            "a",
        ),
        Count(
            D("0.4"),
            CAPPED,
            reason.format("0.6") + "; Attendance counts at most 1 TB credits a cycle, so 0.4",
            "a",
        ),
        Count(D("0.6"), COUNTED, reason.format("0.6"), "a"),
    ]
    assert run(b, [third, second, first]).earned == D(1)


def test_an_amount_equal_to_the_room_left_counts_whole() -> None:
    b = body(IN_A, categories=CATEGORIES)
    found = counts(b, act(amount="0.6", title="A"), act("2026-03-02", amount="0.4", title="B"))
    assert [(c.amount, c.status) for c in found] == [(D("0.6"), COUNTED), (D("0.4"), COUNTED)]


def test_a_category_without_a_cap_and_other_categories_are_not_capped() -> None:
    b = body(route(providers=(ANY_PROVIDER,), category="b"), categories=CATEGORIES)
    found = counts(b, act(amount="0.9", title="A"), act("2026-03-02", amount="0.9", title="B"))
    assert [c.status for c in found] == [COUNTED, COUNTED]
    uncategorized = body(categories=CATEGORIES)
    found = counts(uncategorized, act(amount="0.9", title="A"), act("2026-03-02", amount="0.9"))
    assert [c.status for c in found] == [COUNTED, COUNTED]


def test_a_cap_is_the_one_in_force_at_the_cycles_end_and_may_be_unconfirmed() -> None:
    cap = rule(entry(D(1)), entry(D("0.5"), start=date(2027, 1, 1), status="unconfirmed"))
    b = body(IN_A, categories={"a": BodyCategory("a", "Attendance", cap, None)})
    found = one(b, act(amount="0.6"))
    assert found == Count(
        D("0.5"),
        CAPPED,
        "Own courses: 0.6 TB credits as TB gives them; Attendance counts at most 0.5 TB credits "
        "a cycle, so 0.5 (not confirmed by TB)",
        "a",
    )
    retired = {"a": BodyCategory("a", "Attendance", always(None), None)}
    assert one(body(IN_A, categories=retired), act(amount="0.6")).status == COUNTED


def _prorated_caps(certified: date | None, cap: Rule[Decimal] | None = None) -> Count:
    category = BodyCategory(
        "a",
        "Attendance",
        always(D("5.5")),
        cap or rule(entry(D("3.5"), start=date(2024, 1, 1)), entry(D("1.5"), date(2025, 1, 1))),
    )
    b = body(IN_A, categories={"a": category}, certifications={"tb-pt": NSCA_LIKE})
    return one(b, act(amount="4"), held=Held("tb-pt", certified=certified))


@pytest.mark.parametrize(
    ("certified", "kept"),
    [
        (None, D(4)),
        (date(2023, 12, 31), D(4)),  # certified before the cycle: the full cap
        (date(2024, 1, 1), D("3.5")),
        (date(2024, 12, 31), D("3.5")),
        (date(2025, 1, 1), D("1.5")),
    ],
)
def test_a_category_cap_is_prorated_for_those_certified_during_the_cycle(
    certified: date | None, kept: Decimal
) -> None:
    assert _prorated_caps(certified).amount == kept


def test_a_prorated_cap_applies_only_from_its_first_entry_and_not_once_retired() -> None:
    late = rule(entry(D(1), start=date(2025, 1, 1)))
    assert _prorated_caps(date(2024, 6, 1), late).amount == D(4)
    assert _prorated_caps(date(2025, 1, 1), late).amount == D(1)
    retired = rule(entry(D(1), start=date(2024, 1, 1)), entry(None, start=date(2025, 1, 1)))
    assert _prorated_caps(date(2025, 2, 1), retired).amount == D(4)
    assert _prorated_caps(date(2024, 2, 1), retired).reason.endswith(
        "; Attendance counts at most 1 TB credits a cycle, so 1"
    )


COLLEGE_CAP = UnitCap(
    "College courses", ("college_credit_hour", "college_quarter_credit_hour"), always(D(2))
)


def _college(*caps: UnitCap) -> Body:
    return body(route(providers=(ANY_PROVIDER,)), other_units=COLLEGE, unit_caps=caps)


def test_credits_in_some_units_count_at_most_their_cap_together() -> None:
    semester = act("2026-01-01", provider="other", amount="1.5", unit="college_credit_hour")
    quarter = act("2026-02-01", provider="other", amount="2", unit="college_quarter_credit_hour")
    course = act("2026-03-01", provider="acsm", amount="30")
    found = counts(_college(COLLEGE_CAP), quarter, course, semester)
    assert found == [
        Count(
            D("0.5"),
            CAPPED,
            "Own courses: 2 quarter credit hours at 0.8 each (not confirmed by TB); College "
            "courses count at most 2 TB credits a cycle, so 0.5",
        ),
        Count(D("3.0"), COUNTED, "Own courses: 30 hours of participation at 0.1 an hour"),
        Count(D("1.5"), COUNTED, "Own courses: 1.5 credit hours at 1 each"),
    ]
    exactly = act("2026-02-01", provider="other", amount="0.5", unit="college_credit_hour")
    assert [c.status for c in counts(_college(COLLEGE_CAP), semester, exactly)] == [
        COUNTED,
        COUNTED,
    ]


def test_a_unit_cap_is_the_one_in_force_at_the_cycles_end() -> None:
    semester = act("2026-01-01", provider="other", amount="3", unit="college_credit_hour")
    later = replace(COLLEGE_CAP, max=rule(entry(D(2), start=date(2027, 4, 1))))
    assert one(_college(later), semester).amount == D(3)
    retired = replace(COLLEGE_CAP, max=always(None))
    assert one(_college(retired), semester).amount == D(3)
    unsure = replace(COLLEGE_CAP, max=always(D(1), status="unconfirmed"))
    assert one(_college(unsure), semester) == Count(
        D(1),
        CAPPED,
        "Own courses: 3 credit hours at 1 each; College courses count at most 1 TB credits a "
        "cycle, so 1 (not confirmed by TB)",
    )


def test_a_unit_cap_applies_after_the_category_caps() -> None:
    b = body(
        IN_A,
        other_units=COLLEGE,
        unit_caps=(COLLEGE_CAP,),
        categories={"a": BodyCategory("a", "Attendance", always(D("2.5")), None)},
    )
    log = (
        act("2026-01-01", provider="other", amount="2", unit="college_credit_hour"),
        act("2026-02-01", provider="other", amount="1", unit="college_credit_hour"),
    )
    found = counts(b, *log)
    assert [c.amount for c in found] == [D(2), ZERO]
    assert found[1].reason == (
        "Own courses: 1 credit hours at 1 each; Attendance counts at most 2.5 TB credits a cycle, "
        "so 0.5; College courses count at most 2 TB credits a cycle, so 0"
    )


# Parts of the total and the checklist -------------------------------------------------------

ETHICS = Part("ethics", "Ethics", "topic", (), always(D("0.1")))
FROM_US = Part("from_us", "From TB courses", "providers", ("ace",), always(D(1)))
CPR_PART = Part("cpr", "CPR", "cpr", (), always(D(2)))
REST = Part("general", "General", "rest", (), always(D(1)))
ANYONE = route(providers=(ANY_PROVIDER,))


def _checks(b: Body, *activities: Activity, held: Held = HELD) -> dict[str, tuple[bool, str]]:
    return {c.id: (c.ok, c.text) for c in run(b, activities, held=held).checklist}


def test_the_credits_check_says_how_many_are_left() -> None:
    assert _checks(BODY, act())["credits"] == (False, "0.5 of 2 TB credits: 1.5 to go")
    whole = act(amount="2")
    assert _checks(BODY, whole)["credits"] == (True, "2 of 2 TB credits")
    more = act(amount="2.5")
    assert _checks(BODY, more)["credits"] == (True, "2.5 of 2 TB credits")


def test_a_topic_part_is_met_by_activities_marked_with_it() -> None:
    b = body(parts=(ETHICS,))
    assert _checks(b, act())["ethics"] == (
        False,
        "Ethics: 0 of at least 0.1 TB credits (mark the activity's topic)",
    )
    marked = act(topics=("nutrition", "ethics"))
    assert _checks(b, marked)["ethics"] == (True, "Ethics: 0.5 of at least 0.1 TB credits")
    exact = act(amount="0.1", topics=("Ethics",))  # as a log names it
    assert _checks(b, exact)["ethics"] == (True, "Ethics: 0.1 of at least 0.1 TB credits")


def test_a_part_counts_only_what_the_activities_count() -> None:
    b = body(parts=(ETHICS,))
    outside = act("2024-01-01", topics=("ethics",))
    assert _checks(b, outside)["ethics"] == (
        False,
        "Ethics: 0 of at least 0.1 TB credits (mark the activity's topic)",
    )


def test_a_providers_part_is_met_by_their_courses_with_no_topic_hint() -> None:
    b = body(ANYONE, parts=(FROM_US,))
    others = act(provider="acsm", amount="20")
    assert _checks(b, others)["from_us"] == (False, "From TB courses: 0 of at least 1 TB credits")
    ours = act(amount="1")
    assert _checks(b, ours, others)["from_us"] == (
        True,
        "From TB courses: 1 of at least 1 TB credits",
    )


def test_an_unconfirmed_part_says_so_and_a_part_not_in_force_is_not_checked() -> None:
    unsure = replace(ETHICS, amount=always(D("0.1"), status="unconfirmed"))
    assert _checks(body(parts=(unsure,)), act(topics=("ethics",)))["ethics"] == (
        True,
        "Ethics: 0.5 of at least 0.1 TB credits (not confirmed by TB)",
    )
    later = replace(ETHICS, amount=rule(entry(D("0.1"), start=date(2027, 4, 1))))
    assert "ethics" not in _checks(body(parts=(later,)), act())
    retired = replace(ETHICS, amount=always(None))
    assert "ethics" not in _checks(body(parts=(retired,)), act())


CPR_BODY = body(
    ANYONE,
    cpr=Cpr(required=always(True), online_accepted=None, counts=always(D(2))),
)


def cpr_course(day: str = "2026-02-01", title: str = "CPR", **changes: Any) -> Activity:
    return act(day, provider="acsm", amount=None, category="cpr", title=title, **changes)


def test_cpr_and_rest_parts_split_what_counted() -> None:
    b = replace(CPR_BODY, parts=(CPR_PART, ETHICS, REST))
    log = (
        cpr_course(format="live"),
        act(provider="acsm", amount="5", topics=("ethics",), title="Ethics"),
        act(provider="acsm", amount="10", title="General"),
    )
    carded = run(b, log, held=replace(HELD, cpr_expires=date(2028, 1, 1)))
    assert [(c.id, c.ok, c.text) for c in carded.checklist] == [
        ("credits", True, "3.5 of 2 TB credits"),
        ("cpr", True, "CPR: 2 of at least 2 TB credits"),
        ("ethics", True, "Ethics: 0.5 of at least 0.1 TB credits"),
        ("general", True, "General: 1 of at least 1 TB credits"),
        ("cpr_card", True, "CPR/AED card current until January 1, 2028"),
    ]
    assert run(b, log).checklist[-1].text == "Give your CPR/AED card's expiry date"


def test_the_rest_part_leaves_out_what_another_part_took() -> None:
    b = body(ANYONE, parts=(ETHICS, FROM_US, REST))
    log = [act(amount="1", title="Ours"), act(provider="acsm", amount="5", topics=("ethics",))]
    assert _checks(b, *log)["general"] == (False, "General: 0 of at least 1 TB credits")
    log.append(act(provider="acsm", amount="10", title="Other"))
    assert _checks(b, *log)["general"] == (True, "General: 1 of at least 1 TB credits")


def test_the_cpr_card_must_last_to_the_cycles_end() -> None:
    b = replace(BODY, cpr=Cpr(required=always(True), online_accepted=None, counts=None))
    on_the_end = replace(HELD, cpr_expires=date(2027, 3, 31))
    assert _checks(b, held=on_the_end)["cpr_card"] == (
        True,
        "CPR/AED card current until March 31, 2027",
    )
    a_day_short = replace(HELD, cpr_expires=date(2027, 3, 30))
    assert _checks(b, held=a_day_short)["cpr_card"] == (
        False,
        "Your CPR/AED card expires March 30, 2027, before the cycle ends",
    )
    assert _checks(b)["cpr_card"] == (False, "Give your CPR/AED card's expiry date")
    unsure = replace(b, cpr=replace(b.cpr, required=always(True, status="unconfirmed")))
    assert _checks(unsure, held=on_the_end)["cpr_card"] == (
        True,
        "CPR/AED card current until March 31, 2027 (not confirmed by TB)",
    )
    assert _checks(unsure)["cpr_card"] == (False, "Give your CPR/AED card's expiry date")


def _card(days: Rule[Decimal] | None) -> Body:
    cpr = Cpr(required=always(True), online_accepted=None, counts=None)
    return replace(BODY, cpr=replace(cpr, valid_days_after_submission=days))


def test_a_card_that_must_last_past_the_renewal_is_checked_that_many_days_on() -> None:
    b = _card(always(D(30)))
    enough = replace(HELD, cpr_expires=date(2027, 4, 30))  # the cycle ends 2027-03-31
    assert _checks(b, held=enough)["cpr_card"] == (
        True,
        "CPR/AED card current until April 30, 2027",
    )
    short = replace(HELD, cpr_expires=date(2027, 4, 29))
    assert _checks(b, held=short)["cpr_card"] == (
        False,
        "Your CPR/AED card expires April 29, 2027: TB needs it current 30 days past the day you "
        "renew, so until April 30, 2027 if you renew on the cycle's last day",
    )
    unsure = _card(always(D(30), status="unconfirmed"))
    assert _checks(unsure, held=enough)["cpr_card"][1].endswith(" (not confirmed by TB)")
    assert _checks(unsure, held=short)["cpr_card"][1].endswith(
        "if you renew on the cycle's last day (not confirmed by TB)"
    )


def _late_card(days: Rule[Decimal] | None, expires: date) -> tuple[bool, str]:
    """The card's item for a cycle that ended 2027-03-31, judged on 2027-05-01."""
    b = body(certifications={"tb-pt": GRACEFUL}, cpr=_card(days).cpr)
    held = replace(GIVEN, cpr_expires=expires)
    (found,) = run(b, [], held=held, as_of=date(2027, 5, 1)).checklist[1:]
    return found.ok, found.text


def test_a_card_that_must_last_past_a_late_renewal_is_checked_from_today() -> None:
    thirty = always(D(30))
    assert _late_card(thirty, date(2027, 5, 31)) == (
        True,
        "CPR/AED card current until May 31, 2027",
    )
    assert _late_card(thirty, date(2027, 5, 30)) == (
        False,
        "Your CPR/AED card expires May 30, 2027: TB needs it current 30 days past the day you "
        "renew, so until May 31, 2027 if you renew today",
    )
    # Without days past the renewal, to the cycle's end only, whenever the renewal is sent.
    assert _late_card(None, date(2027, 3, 31)) == (
        True,
        "CPR/AED card current until March 31, 2027",
    )


@pytest.mark.parametrize("days", [None, always(D(0)), always(None)])
def test_without_days_past_the_renewal_the_card_must_last_to_the_cycles_end(
    days: Rule[Decimal] | None,
) -> None:
    b = _card(days)
    assert _checks(b, held=replace(HELD, cpr_expires=date(2027, 3, 31)))["cpr_card"][0] is True
    assert _checks(b, held=replace(HELD, cpr_expires=date(2027, 3, 30)))["cpr_card"] == (
        False,
        "Your CPR/AED card expires March 30, 2027, before the cycle ends",
    )


def test_no_cpr_check_where_the_body_does_not_require_a_card() -> None:
    assert [c.id for c in run(BODY, [act()]).checklist] == ["credits"]
    retired = replace(BODY, cpr=Cpr(required=always(None), online_accepted=None, counts=None))
    assert [c.id for c in run(retired, [act()]).checklist] == ["credits"]


def test_credits_from_a_least_number_of_categories() -> None:
    b = body(
        route(providers=("ace",), category="a"),
        route(id="b", providers=("acsm",), category="b"),
        ANYONE,
        categories=CATEGORIES,
        min_categories=always(D(2)),
    )
    words = "(an activity's category is known only where its route gives one)"
    one_category = (act(title="A"), act("2026-03-02", title="B"), act(provider="nasm", amount="5"))
    assert _checks(b, *one_category)["categories"] == (
        False,
        f"Credits from at least 2 categories: 1 so far {words}",
    )
    two = (*one_category, act(provider="acsm", amount="1"))
    assert _checks(b, *two)["categories"] == (
        True,
        f"Credits from at least 2 categories: 2 so far {words}",
    )
    unsure = replace(b, min_categories=always(D(2), status="unconfirmed"))
    assert _checks(unsure, *two)["categories"][1].endswith(f"{words} (not confirmed by TB)")
    none = replace(b, min_categories=always(D(0)))
    assert "categories" not in _checks(none, *two)


def test_no_categories_item_when_nothing_is_required() -> None:
    c = replace(NSCA_LIKE, prorated=rule(entry(D(0), start=date(2026, 1, 1))))
    b = body(certifications={"tb-pt": c}, min_categories=always(D(2)))
    t = run(b, [], held=Held("tb-pt", certified=date(2026, 2, 1)))
    assert [k.id for k in t.checklist] == ["credits"]
    full = run(b, [], held=Held("tb-pt"))
    assert [k.id for k in full.checklist] == ["credits", "categories"]


def test_a_category_counted_nothing_does_not_count_as_used() -> None:
    b = body(
        route(providers=("ace",), category="a"),
        route(id="b", providers=("acsm",), category="b", gate=always("petition")),
        categories=CATEGORIES,
        min_categories=always(D(2)),
    )
    log = (act(), act(provider="acsm", amount="1"))
    assert _checks(b, *log)["categories"][0] is False


# CPR/AED courses ----------------------------------------------------------------------------


def test_a_live_cpr_course_counts_the_bodys_cpr_credit_whatever_its_length() -> None:
    assert one(CPR_BODY, cpr_course(format="live")) == Count(
        D(2), COUNTED, "the CPR/AED course counts 2 TB credits"
    )
    given = replace(cpr_course(format="live"), amount=D(8), unit="hour")
    assert one(CPR_BODY, given).amount == D(2)


def test_a_cpr_credit_the_body_has_not_confirmed_says_so() -> None:
    b = replace(CPR_BODY, cpr=replace(CPR_BODY.cpr, counts=always(D(2), status="unconfirmed")))
    assert one(b, cpr_course(format="live")) == Count(
        D(2), COUNTED, "the CPR/AED course counts 2 TB credits (not confirmed by TB)"
    )


def test_a_confirmed_zero_for_cpr_is_not_accepted_an_unconfirmed_one_unknown() -> None:
    confirmed = replace(CPR_BODY, cpr=replace(CPR_BODY.cpr, counts=always(D(0))))
    assert one(confirmed, cpr_course(format="live")) == Count(
        ZERO, NOT_ACCEPTED, "TB gives no credit for CPR/AED"
    )
    unknown = Count(ZERO, UNKNOWN, "TB's credit for a CPR/AED course is not known")
    unsure = replace(CPR_BODY, cpr=replace(CPR_BODY.cpr, counts=always(D(0), "unconfirmed")))
    assert one(unsure, cpr_course(format="live")) == unknown
    missing = replace(CPR_BODY, cpr=replace(CPR_BODY.cpr, counts=None))
    assert one(missing, cpr_course(format="live")) == unknown
    retired = replace(CPR_BODY, cpr=replace(CPR_BODY.cpr, counts=always(None)))
    assert one(retired, cpr_course(format="live")) == unknown


def _online(accepted: Rule[bool] | None) -> Body:
    return replace(CPR_BODY, cpr=replace(CPR_BODY.cpr, online_accepted=accepted))


def test_an_online_cpr_course_where_the_body_does_not_count_one() -> None:
    b = _online(always(False))
    assert one(b, cpr_course(format="recorded")) == Count(
        ZERO, NOT_ACCEPTED, "TB does not count an online-only CPR/AED course"
    )
    assert one(b, cpr_course()) == Count(
        ZERO, UNKNOWN, "TB does not count an online-only CPR/AED course: say whether it was live"
    )
    assert one(b, cpr_course(format="live")).status == COUNTED


def test_an_online_cpr_course_refused_by_an_unconfirmed_rule_says_so() -> None:
    b = _online(always(False, status="unconfirmed"))
    assert one(b, cpr_course(format="recorded")) == Count(
        ZERO,
        NOT_ACCEPTED,
        "TB does not count an online-only CPR/AED course (not confirmed by TB)",
    )
    assert one(b, cpr_course()) == Count(
        ZERO,
        UNKNOWN,
        "TB does not count an online-only CPR/AED course: say whether it was live (not "
        "confirmed by TB)",
    )


@pytest.mark.parametrize("accepted", [None, always(None)])
def test_an_online_cpr_course_where_the_body_does_not_say(accepted: Rule[bool] | None) -> None:
    b = _online(accepted)
    assert one(b, cpr_course(format="recorded")) == Count(
        ZERO,
        UNKNOWN,
        "TB does not say whether an online CPR/AED course counts; a live course counts",
    )
    assert one(b, cpr_course()) == Count(
        ZERO,
        UNKNOWN,
        "TB does not say whether an online CPR/AED course counts: say whether it was live",
    )
    assert one(b, cpr_course(format="live")).status == COUNTED


def test_an_online_cpr_course_where_the_body_accepts_one() -> None:
    b = _online(always(True))
    assert one(b, cpr_course(format="recorded")).status == COUNTED
    assert one(b, cpr_course()).status == COUNTED


def test_one_cpr_course_counts_a_cycle_the_first_in_date_order() -> None:
    later = cpr_course("2026-05-01", format="live", separate=True, title="Renewal")
    first = cpr_course("2026-01-01", format="live", separate=True)
    assert counts(CPR_BODY, later, first) == [
        Count(ZERO, NOT_ACCEPTED, "one CPR/AED course counts a cycle"),
        Count(D(2), COUNTED, "the CPR/AED course counts 2 TB credits"),
    ]


def test_a_cpr_course_that_did_not_count_leaves_room_for_the_next() -> None:
    online = cpr_course("2026-01-01", format="recorded", title="Online")
    b = _online(always(False))
    found = counts(b, online, cpr_course("2026-05-01", format="live"))
    assert [(c.amount, c.status) for c in found] == [(ZERO, NOT_ACCEPTED), (D(2), COUNTED)]


def test_a_cpr_course_counts_before_any_route_and_even_from_a_provider_with_none() -> None:
    assert one(CPR_BODY, replace(cpr_course(format="live"), provider="nasm")).status == COUNTED


def test_a_cpr_course_outside_the_cycle_or_scope_is_not_counted() -> None:
    assert one(CPR_BODY, cpr_course("2025-01-01", format="live")).status == OUTSIDE_CYCLE
    assert one(CPR_BODY, cpr_course(format="live", in_scope=False)).status == NOT_ACCEPTED


# Copies and repeats -------------------------------------------------------------------------


def test_a_copy_counts_once_unless_marked_separate() -> None:
    first, copy = act(title="Core Training"), act(title="core training!")
    assert counts(BODY, first, copy) == [
        Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),
        Count(ZERO, NOT_ACCEPTED, "looks like a copy of another row, so it counts once"),
    ]
    separate = replace(copy, separate=True)
    assert [c.status for c in counts(BODY, first, separate)] == [COUNTED, COUNTED]


def test_copies_of_a_course_that_counted_nothing_do_not_hide_each_other() -> None:
    b = body(PETITION)
    pending = act(provider="acsm", amount="5")
    approved = replace(pending, petitions=("ace",))
    found = counts(b, pending, approved)
    assert [(c.amount, c.status) for c in found] == [(ZERO, NEEDS_PETITION), (D("0.5"), COUNTED)]


NO_REPEATS = body(repeats_count=always(False))


def test_a_course_taken_again_in_the_cycle_counts_once_where_repeats_do_not_count() -> None:
    again = act("2026-05-01", title="Core")
    first = act("2025-06-01", title="CORE")
    assert counts(NO_REPEATS, again, first) == [
        Count(ZERO, NOT_ACCEPTED, "TB does not count a course taken again in the same cycle"),
        Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),
    ]
    # Marked separate, it is still the same course.
    assert counts(NO_REPEATS, replace(again, separate=True), first)[0].status == NOT_ACCEPTED


def test_repeats_count_where_the_body_allows_or_does_not_say() -> None:
    log = (act("2026-05-01", title="Core"), act("2025-06-01", title="Core"))
    for allowed in (body(repeats_count=always(True)), BODY, body(repeats_count=always(None))):
        assert [c.status for c in counts(allowed, *log)] == [COUNTED, COUNTED]


def test_an_unconfirmed_rule_on_repeats_says_so() -> None:
    b = body(repeats_count=always(False, status="unconfirmed"))
    log = (act("2026-05-01", title="Core"), act("2025-06-01", title="Core"))
    assert counts(b, *log)[0].reason == (
        "TB does not count a course taken again in the same cycle (not confirmed by TB)"
    )


def test_the_repeats_rule_is_the_one_in_force_at_the_cycles_end() -> None:
    b = body(repeats_count=rule(entry(True), entry(False, start=date(2027, 3, 31))))
    log = (act("2026-05-01", title="Core"), act("2025-06-01", title="Core"))
    assert [c.status for c in counts(b, *log)] == [NOT_ACCEPTED, COUNTED]
    b = body(repeats_count=rule(entry(True), entry(False, start=date(2027, 4, 1))))
    assert [c.status for c in counts(b, *log)] == [COUNTED, COUNTED]


def test_a_copy_is_said_a_copy_before_a_repeat() -> None:
    log = (act(title="Core"), act(title="Core"))
    assert counts(NO_REPEATS, *log)[1].reason == (
        "looks like a copy of another row, so it counts once"
    )


def test_untitled_courses_are_not_taken_for_the_same_course_taken_again() -> None:
    log = (act("2025-06-01", title=""), act("2026-05-01", title="!"))
    assert [c.status for c in counts(NO_REPEATS, *log)] == [COUNTED, COUNTED]
    # A copy still counts once, titled or not.
    assert [c.status for c in counts(NO_REPEATS, log[0], log[0])] == [COUNTED, NOT_ACCEPTED]


# Several certifications of one body ---------------------------------------------------------

SECOND = replace(CERT, id="tb-gfi", name="TB Group Fitness Instructor")
TWO = body(certifications={"tb-pt": CERT, "tb-gfi": SECOND})
PT = Held("tb-pt", certified=date(2025, 3, 31))  # ends 2027-03-31
GFI = Held("tb-gfi", certified=date(2025, 1, 31))  # ends 2027-01-31


def test_certifications_come_most_urgent_first_and_without_a_cycle_last() -> None:
    t = tally_body(TWO, RULES, [Held("tb-gfi"), PT, GFI], [act()], AS_OF)
    assert [(c.certification.id, c.state) for c in t.certifications] == [
        ("tb-gfi", TO_DO),
        ("tb-pt", TO_DO),
        ("tb-gfi", NO_CYCLE),
    ]
    assert t.first is t.certifications[0]
    assert isinstance(t, BodyTally) and t.body is TWO


def test_a_credit_counts_for_the_most_urgent_certification_only_unless_shared() -> None:
    t = tally_body(TWO, RULES, [PT, GFI], [act()], AS_OF)
    gfi, pt = t.certifications
    assert gfi.counts == (Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),)
    assert pt.counts == (
        Count(
            ZERO,
            NOT_ACCEPTED,
            "counted for your TB Group Fitness Instructor: TB does not say one credit counts for "
            "two of its certifications",
        ),
    )
    assert (gfi.earned, pt.earned) == (D("0.5"), ZERO)
    for not_shared in (always(False), always(None)):
        t = tally_body(replace(TWO, shared=not_shared), RULES, [PT, GFI], [act()], AS_OF)
        assert [c.earned for c in t.certifications] == [D("0.5"), ZERO]


def test_a_shared_credit_counts_for_each_certification_held() -> None:
    shared = replace(TWO, shared=always(True))
    t = tally_body(shared, RULES, [PT, GFI], [act()], AS_OF)
    assert [c.earned for c in t.certifications] == [D("0.5"), D("0.5")]


def test_a_credit_outside_the_first_certifications_cycle_counts_for_the_next() -> None:
    # 2027-02-15 is after the GFI cycle ends (2027-01-31), inside the PT's.
    ended = Held("tb-gfi", cycle_end=date(2027, 1, 31))
    t = tally_body(TWO, RULES, [PT, ended], [act("2027-02-15")], date(2027, 3, 1))
    gfi, pt = t.certifications
    assert (gfi.counts[0].status, pt.counts[0].status) == (OUTSIDE_CYCLE, COUNTED)


def test_a_credit_with_a_category_keeps_it_when_taken_by_another_certification() -> None:
    b = replace(TWO, routes=(route(category="a"),))
    _, pt = tally_body(b, RULES, [PT, GFI], [act()], AS_OF).certifications
    assert (pt.counts[0].status, pt.counts[0].category) == (NOT_ACCEPTED, "a")


def test_a_plan_is_not_taken_by_the_first_certification() -> None:
    t = tally_body(TWO, RULES, [PT, GFI], [act("2026-07-01")], AS_OF)
    assert [c.counts[0].status for c in t.certifications] == [PLANNED, PLANNED]
    assert t.certifications[1].counts[0].reason.startswith("would count 0.5 once done")


# States and headlines -----------------------------------------------------------------------

GIVEN = Held("tb-pt", cycle_end=date(2027, 3, 31))  # 2025-04-01 to 2027-03-31
GRACEFUL = cert(grace_days=always(D(180)))


def _judged(as_of: date, amount: str = "0.5", c: BodyCertification = GRACEFUL) -> CertTally:
    return run(body(certifications={"tb-pt": c}), [act(amount=amount)], held=GIVEN, as_of=as_of)


def test_complete() -> None:
    t = _judged(AS_OF, amount="2")
    assert (t.state, t.headline) == (
        COMPLETE,
        "TB Personal Trainer: complete (2 of 2 TB credits), renew by March 31, 2027",
    )
    assert (t.required, t.earned, t.remaining, t.grace_end) == (
        D(2),
        D(2),
        ZERO,
        date(2027, 9, 27),
    )
    assert t.notes == ()  # a confirmed requirement needs no note
    assert _judged(date(2027, 3, 31), amount="2").state == COMPLETE


def _renewed(as_of: date, renewed_on: date | None) -> CertTally:
    b = body(certifications={"tb-pt": GRACEFUL})
    held = replace(GIVEN, renewed_on=renewed_on)
    return run(b, [act(amount="2")], held=held, as_of=as_of)


def test_everything_done_is_still_to_renew_once_the_cycle_ends_until_the_renewal() -> None:
    late = _renewed(date(2027, 4, 1), None)
    assert (late.state, late.headline) == (
        GRACE,
        "TB Personal Trainer: 2 of 2 TB credits; the cycle ended March 31, 2027, renew late by "
        "September 27, 2027",
    )
    assert _renewed(date(2027, 9, 27), None).state == GRACE
    assert _renewed(date(2027, 9, 28), None).state == LAPSED
    for day in (date(2027, 4, 1), date(2027, 9, 28), date(2030, 1, 1)):
        assert _renewed(day, date(2027, 3, 15)).state == COMPLETE
    # Renewed, but not everything done: still late.
    b = body(certifications={"tb-pt": GRACEFUL})
    short = run(
        b, [act()], held=replace(GIVEN, renewed_on=date(2027, 3, 15)), as_of=date(2027, 4, 1)
    )
    assert short.state == GRACE


def test_to_do_up_to_the_cycles_last_day() -> None:
    t = _judged(date(2027, 3, 31))
    assert (t.state, t.headline) == (
        TO_DO,
        "TB Personal Trainer: 0.5 of 2 TB credits, renew by March 31, 2027",
    )
    assert t.remaining == D("1.5")
    assert t.cycle == Cycle(date(2025, 4, 1), date(2027, 3, 31))


def test_grace_from_the_day_after_the_cycle_to_the_last_day_of_grace() -> None:
    headline = (
        "TB Personal Trainer: 0.5 of 2 TB credits; the cycle ended March 31, 2027, renew late by "
        "September 27, 2027"
    )
    for day in (date(2027, 4, 1), date(2027, 9, 27)):
        t = _judged(day)
        assert (t.state, t.headline) == (GRACE, headline)


def test_lapsed_the_day_after_grace_ends() -> None:
    t = _judged(date(2027, 9, 28))
    assert (t.state, t.headline) == (
        LAPSED,
        "TB Personal Trainer: 0.5 of 2 TB credits; the cycle ended March 31, 2027, with no grace "
        "left",
    )


def test_with_no_grace_rule_the_cycle_lapses_the_day_after_it_ends() -> None:
    t = _judged(date(2027, 4, 1), c=CERT)
    assert (t.state, t.grace_end) == (LAPSED, date(2027, 3, 31))
    assert _judged(date(2027, 3, 31), c=CERT).state == TO_DO
    retired = cert(grace_days=always(None))
    assert _judged(date(2027, 4, 1), c=retired).state == LAPSED


def test_all_checks_must_pass_to_be_complete() -> None:
    b = body(cpr=Cpr(required=always(True), online_accepted=None, counts=None))
    t = run(b, [act(amount="2")])
    assert t.state == TO_DO and t.earned == t.required
    t = run(b, [act(amount="2")], held=replace(HELD, cpr_expires=date(2027, 3, 31)))
    assert t.state == COMPLETE


def test_an_unconfirmed_requirement_is_noted() -> None:
    t = run(body(certifications={"tb-pt": cert(required=always(D(2), "unconfirmed"))}), [act()])
    assert t.notes == ("2 TB credits needed (not confirmed by TB)",)


def test_no_cycle_known_every_activity_says_what_to_give() -> None:
    why = "give the day you earned your TB Personal Trainer, or your cycle's last day"
    t = run(BODY, [act(), act(provider="nasm")], held=Held("tb-pt"))
    assert t.counts == (Count(ZERO, UNKNOWN, why), Count(ZERO, UNKNOWN, why))
    assert (t.cycle, t.grace_end, t.required, t.remaining, t.earned) == (
        None,
        None,
        None,
        None,
        ZERO,
    )
    assert (t.checklist, t.state, t.notes) == ((), NO_CYCLE, ())
    assert t.headline == f"TB Personal Trainer: {why}"


def test_no_requirement_known_for_the_cycle_counts_but_gives_no_verdict() -> None:
    b = body(certifications={"tb-pt": cert(required=rule(entry(D(2), start=date(2028, 1, 1))))})
    t = run(b, [act()])
    assert (t.state, t.required, t.remaining, t.checklist, t.notes) == (
        NO_CYCLE,
        None,
        None,
        (),
        (),
    )
    assert t.headline == "TB Personal Trainer: the rules give no requirement for this cycle"
    assert (t.earned, t.cycle, t.grace_end) == (D("0.5"), CYCLE, None)
    assert t.counts[0].status == COUNTED


def test_a_prorated_requirement_of_zero_is_complete() -> None:
    c = replace(NSCA_LIKE, prorated=rule(entry(D(0), start=date(2026, 1, 1))))
    t = run(body(certifications={"tb-pt": c}), [], held=Held("tb-pt", certified=date(2026, 2, 1)))
    assert (t.state, t.required, t.headline) == (
        COMPLETE,
        ZERO,
        "TB Personal Trainer: complete (0 of 0 TB credits), renew by December 31, 2026",
    )


# A cycle from the day certified, through its grace period and the renewal --------------------

LATE = cert(grace_days=always(D(30)))  # the first cycle ends 2027-03-31, grace to 2027-04-30


@pytest.mark.parametrize(
    ("as_of", "start", "end"),
    [
        (date(2027, 3, 31), date(2025, 3, 31), date(2027, 3, 31)),
        (date(2027, 4, 1), date(2025, 3, 31), date(2027, 3, 31)),  # late, not the next cycle
        (date(2027, 4, 30), date(2025, 3, 31), date(2027, 3, 31)),  # grace's last day
        (date(2027, 5, 1), date(2027, 4, 1), date(2029, 3, 31)),
        (date(2029, 4, 30), date(2027, 4, 1), date(2029, 3, 31)),
        (date(2029, 5, 1), date(2029, 4, 1), date(2031, 3, 31)),
    ],
)
def test_a_cycle_that_ended_stays_the_one_judged_through_its_grace_period(
    as_of: date, start: date, end: date
) -> None:
    assert cycle_of(LATE, HELD, as_of) == (Cycle(start, end), "")


def test_grace_is_the_rule_in_force_on_the_day_judged() -> None:
    later = cert(grace_days=rule(entry(D(0)), entry(D(30), start=date(2027, 4, 2))))
    assert cycle_of(later, HELD, date(2027, 4, 1))[0] == Cycle(date(2027, 4, 1), date(2029, 3, 31))
    assert cycle_of(later, HELD, date(2027, 4, 2))[0] == CYCLE
    retired = cert(grace_days=always(None))
    assert cycle_of(retired, HELD, date(2027, 4, 1))[0] == Cycle(
        date(2027, 4, 1), date(2029, 3, 31)
    )


def test_a_renewal_recorded_in_the_cycle_or_its_grace_moves_on_to_the_next_cycle() -> None:
    after = Cycle(date(2027, 4, 1), date(2029, 3, 31))
    for renewed in (date(2025, 3, 31), date(2027, 3, 1), date(2027, 4, 10)):
        held = replace(HELD, renewed_on=renewed)
        assert cycle_of(LATE, held, date(2027, 4, 15)) == (after, "")
    # A renewal before the cycle began is the last one's: this cycle is still late.
    assert cycle_of(LATE, replace(HELD, renewed_on=date(2025, 3, 30)), date(2027, 4, 15)) == (
        CYCLE,
        "",
    )
    # Before the cycle's end, a renewal changes nothing.
    assert cycle_of(LATE, replace(HELD, renewed_on=date(2027, 3, 1)), date(2027, 3, 31)) == (
        CYCLE,
        "",
    )


def test_the_day_after_a_cycle_from_the_day_certified_ends_is_grace() -> None:
    t = run(body(certifications={"tb-pt": LATE}), [act("2026-03-01")], as_of=date(2027, 4, 15))
    assert (t.state, t.cycle, t.grace_end, t.notes) == (GRACE, CYCLE, date(2027, 4, 30), ())
    assert t.headline == (
        "TB Personal Trainer: 0.5 of 2 TB credits; the cycle ended March 31, 2027, renew late by "
        "April 30, 2027"
    )


def test_a_later_cycle_says_it_takes_it_the_last_one_was_renewed() -> None:
    b = body(certifications={"tb-pt": LATE})
    t = run(b, [act("2026-03-01")], as_of=date(2027, 5, 1))
    assert (t.state, t.cycle) == (TO_DO, Cycle(date(2027, 4, 1), date(2029, 3, 31)))
    assert t.notes == (
        "This is the cycle from April 1, 2027: it takes it that you renewed the one that ended "
        "March 31, 2027; if you did not, give that day as cycle_end",
    )
    renewed = run(b, [], held=replace(HELD, renewed_on=date(2027, 4, 2)), as_of=date(2027, 4, 15))
    assert renewed.notes == ("This is the cycle from April 1, 2027, after your renewal",)


def test_no_note_for_the_first_cycle_or_a_cycle_given() -> None:
    assert run(body(certifications={"tb-pt": LATE}), [], as_of=AS_OF).notes == ()
    given = Held("tb-pt", cycle_end=date(2029, 3, 31), certified=CERTIFIED)
    assert run(BODY, [], held=given, as_of=date(2027, 5, 1)).notes == ()


def test_notes_come_unconfirmed_requirement_first() -> None:
    c = replace(LATE, required=always(D(2), "unconfirmed"))
    t = run(body(certifications={"tb-pt": c}), [], as_of=date(2027, 5, 1))
    assert t.notes[0] == "2 TB credits needed (not confirmed by TB)"
    assert t.notes[1].startswith("This is the cycle from April 1, 2027: ")


def test_a_cycle_length_under_a_year_is_not_a_cycle() -> None:
    for years in (always(D(0)), always(D("0.5")), always(None)):
        assert cycle_of(cert(cycle_years=years), HELD, AS_OF) == (
            None,
            "the rules do not say how TB Personal Trainer's cycle is set",
        )


# A fixed calendar cycle held by someone certified during it ----------------------------------


def test_credits_earned_before_certifying_do_not_count_in_a_fixed_calendar_cycle() -> None:
    nsca = live()["nsca"]
    held = Held("nsca-cscs", certified=date(2025, 6, 1), cpr_expires=date(2027, 6, 1))
    log = [act("2024-03-01", provider="nsca", amount="1.0", title="Before certifying")]
    t = tally_body(nsca, RULES, [held], log, AS_OF).first
    assert t.counts[0] == Count(ZERO, OUTSIDE_CYCLE, "before this cycle, which starts June 1, 2025")
    assert (t.earned, t.required) == (ZERO, D("2.0"))


# Late credits for a late renewal -------------------------------------------------------------

LATE_CREDITS = cert(grace_days=always(D(180)), late_credit_days=always(D(90)))
# The cycle given ends 2027-03-31; grace to 2027-09-27; credits count to 2027-06-29 when late.


def _late(
    as_of: date, *days: str, amount: str = "0.5", c: BodyCertification = LATE_CREDITS
) -> CertTally:
    log = [act(day, amount=amount, title=day) for day in days]
    return run(body(certifications={"tb-pt": c}), log, held=GIVEN, as_of=as_of)


def test_credits_after_the_cycle_count_for_it_when_it_is_judged_late() -> None:
    t = _late(date(2027, 9, 1), "2027-06-29", "2027-06-30")
    assert t.counts == (
        Count(D("0.5"), COUNTED, "Own courses: 0.5 TB credits as TB gives them"),
        Count(
            ZERO,
            OUTSIDE_CYCLE,
            "after this cycle ends March 31, 2027 and its late credits end June 29, 2027: for the "
            "next one",
        ),
    )


def test_credits_after_the_cycle_are_the_next_ones_while_it_is_not_yet_late() -> None:
    t = _late(date(2027, 3, 31), "2027-03-31", "2027-04-01")
    assert [c.status for c in t.counts] == [COUNTED, OUTSIDE_CYCLE]
    assert t.counts[1].reason == "after this cycle ends March 31, 2027: for the next one"


@pytest.mark.parametrize("late", [None, always(None), always(D(0))])
def test_without_late_credit_days_nothing_after_the_cycle_counts(
    late: Rule[Decimal] | None,
) -> None:
    t = _late(date(2027, 5, 1), "2027-04-01", c=replace(LATE_CREDITS, late_credit_days=late))
    assert t.counts == (
        Count(ZERO, OUTSIDE_CYCLE, "after this cycle ends March 31, 2027: for the next one"),
    )
    assert t.state == GRACE


def test_late_credit_days_are_the_rule_in_force_at_the_cycles_end() -> None:
    c = replace(LATE_CREDITS, late_credit_days=rule(entry(D(90), start=date(2027, 4, 1))))
    assert _late(date(2027, 5, 1), "2027-04-01", c=c).counts[0].status == OUTSIDE_CYCLE


def test_short_past_the_last_day_of_late_credits_a_renewal_lapses_within_grace() -> None:
    assert _late(date(2027, 6, 29)).state == GRACE
    t = _late(date(2027, 6, 30))
    assert (t.state, t.grace_end) == (LAPSED, date(2027, 9, 27))
    assert t.headline == (
        "TB Personal Trainer: 0 of 2 TB credits; the cycle ended March 31, 2027, with no grace left"
    )
    # With every credit, it is only late: grace lasts its whole length.
    assert _late(date(2027, 6, 30), "2027-02-01", amount="2").state == GRACE
    assert _late(date(2027, 9, 28), "2027-02-01", amount="2").state == LAPSED


def test_with_the_credits_but_not_the_card_grace_lasts_its_whole_length() -> None:
    b = body(
        certifications={"tb-pt": LATE_CREDITS},
        cpr=Cpr(required=always(True), online_accepted=None, counts=None),
    )
    t = run(b, [act("2027-02-01", amount="2")], held=GIVEN, as_of=date(2027, 7, 1))
    assert (t.earned, t.state) == (D(2), GRACE)
    assert run(b, [act("2027-02-01", amount="2")], held=GIVEN, as_of=date(2027, 9, 28)).state == (
        LAPSED
    )


# title() ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("abbreviation", "name", "said"),
    [
        ("ACE", "ACE Certified Personal Trainer", "ACE Certified Personal Trainer"),
        ("ace", "Certified ACE Trainer", "Certified ACE Trainer"),  # any case, any place
        ("NSCA", "Certified Strength and Conditioning Specialist", "NSCA Certified Strength and "
         "Conditioning Specialist"),
        ("NSCA", "NSCA-CPT", "NSCA NSCA-CPT"),  # a word of its own only
        ("TB", "TBX Trainer", "TB TBX Trainer"),
    ],
)  # fmt: skip
def test_a_certification_is_titled_with_its_bodys_abbreviation_unless_it_names_it(
    abbreviation: str, name: str, said: str
) -> None:
    b = replace(BODY, abbreviation=abbreviation)
    assert title(b, replace(CERT, name=name)) == said


# The shipped rules --------------------------------------------------------------------------


def test_the_shipped_bodies_all_read() -> None:
    assert sorted(live()) == ["ace", "afaa", "issa", "nasm", "ncsf", "neta", "nsca"]


def test_ace_counts_its_own_course_and_asks_a_petition_for_an_acsm_one() -> None:
    ace = live()["ace"]
    held = Held("ace-pt", certified=date(2025, 3, 31), cpr_expires=date(2027, 6, 1))
    log = [
        act("2026-03-01", title="Core training", topics=("ethics",)),
        act("2026-04-01", provider="acsm", amount="5", title="Workshop"),
    ]
    t = tally_body(ace, RULES, [held], log, date(2026, 12, 7)).first
    assert t.counts == (
        Count(
            D("0.5"),
            COUNTED,
            "ACE's own courses (not confirmed by ACE): 0.5 ACE CECs as ACE gives them",
        ),
        Count(
            ZERO,
            NEEDS_PETITION,
            "ACE-approved courses (with their CEP number): counts once you add its number; or "
            "Other courses, by petition to ACE: would count 0.5 ACE CECs once ACE approves it "
            "($25, not confirmed by ACE)",
        ),
    )
    assert (
        t.headline == "ACE Certified Personal Trainer: 0.5 of 2 ACE CECs, renew by March 31, 2027"
    )
    assert [(c.id, c.ok) for c in t.checklist] == [
        ("credits", False),
        ("ethics", True),
        ("cpr_card", True),
    ]


def test_nsca_caps_a_live_event_and_prorates_its_requirement() -> None:
    nsca = live()["nsca"]
    held = Held("nsca-cscs", certified=date(2025, 3, 1), cpr_expires=date(2027, 6, 1))
    log = [
        act("2025-06-01", provider="acsm", amount="25", format="live", title="Conference"),
        act("2025-07-01", provider="acsm", amount="5", title="Webinar"),
    ]
    t = tally_body(nsca, RULES, [held], log, AS_OF).first
    assert t.counts[0] == Count(
        D("1.5"),
        CAPPED,
        "Other organizations' live events (in person or live-streamed): 25 hours of "
        "participation at 0.1 an hour is 2.5, at most 2 NSCA CEUs an event; Attendance counts "
        "at most 1.5 NSCA CEUs a cycle, so 1.5",
        "a",
    )
    assert t.counts[1] == Count(
        ZERO,
        UNKNOWN,
        "Other organizations' live events (in person or live-streamed): only if live; or Other "
        "organizations' online or home-study courses: only if recorded (say whether it was live "
        "or recorded)",
    )
    assert (t.required, t.cycle) == (D("2.0"), Cycle(date(2025, 3, 1), date(2026, 12, 31)))


def test_checklist_ids_are_unique_where_a_part_is_called_cpr() -> None:
    for bid, cid in (("nasm", "nasm-cpt"), ("ncsf", "ncsf-cpt"), ("afaa", "afaa-gfi")):
        held = Held(cid, certified=date(2025, 3, 10), cpr_expires=date(2028, 1, 1))
        t = tally_body(live()[bid], RULES, [held], [cpr_course(format="live")], AS_OF).first
        ids = [c.id for c in t.checklist]
        assert len(ids) == len(set(ids)), (bid, ids)
