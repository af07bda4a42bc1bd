"""The engine with rules a maintainer might write tomorrow: a category capped per cycle only, a
conversion retired. The shipped rules do not have these, so the scenarios cannot show them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from calc.engine import tally
from calc.model import Activity, Profile, Rules

PROFILE = Profile(("ep",), date(2025, 12, 31), None, None, date(2025, 12, 1))


def test_a_category_capped_per_cycle_only(rules: Rules) -> None:
    # Committee service without its cap per year of service: only the cycle's cap is left.
    committee = replace(
        rules.categories["committee"], cap_per_service_year=None, service_period=False
    )
    changed = replace(rules, categories={**rules.categories, "committee": committee})
    log = [
        Activity(date(2023, 6, 1), "Committee", "acsm", Decimal(20), category="committee"),
        Activity(date(2024, 6, 1), "Committee", "acsm", Decimal(10), category="committee"),
    ]
    t = tally(changed, PROFILE, log)
    assert [d.cecs for d in t.decisions] == [Decimal(20), Decimal(4)]
    assert t.decisions[1].explanation.endswith(
        "; ACSM committee or volunteer service counts at most 24 CECs per cycle, 20 already "
        "counted: counts 4 of 10 (6 lost)"
    )
    assert t.decisions[1].citations[-1].rule == "categories.committee.cap_per_cycle"


def test_no_conversion_known_counts_zero_with_the_reason(rules: Rules) -> None:
    eq = rules.equivalence
    gone = replace(
        eq.one_to_one, entries=tuple(replace(e, value=None) for e in eq.one_to_one.entries)
    )
    changed = replace(rules, equivalence=replace(eq, one_to_one=gone))
    t = tally(changed, PROFILE, [Activity(date(2024, 6, 1), "Course", "acsm", Decimal(3))])
    (d,) = t.decisions
    assert (d.cecs, d.converted, d.citations) == (Decimal(0), Decimal(0), ())
    assert d.explanation == "No conversion for ACSM CECs is known on 2024-06-01: counts 0 CECs"


def test_outside_the_scope_when_the_scope_rule_is_retired(rules: Rules) -> None:
    scope = rules.within_scope
    retired = replace(
        rules,
        within_scope=replace(scope, entries=tuple(replace(e, value=None) for e in scope.entries)),
    )
    log = [Activity(date(2024, 6, 1), "Massage", "acsm", Decimal(2), in_scope=False)]
    (d,) = tally(retired, PROFILE, log).decisions
    assert d.cecs == 0 and d.explanation.endswith(
        "; outside the scope of your certification: counts 0 (2 lost)"
    )
    assert [c.rule for c in d.citations] == [
        "providers.acsm.decimal_system",
        "conversion.one_to_one",
    ]


def test_a_category_not_in_force_on_its_first_day_cites_nothing_for_it(rules: Rules) -> None:
    # A category whose first entry says "not accepted" (value false): nothing to cite for a date.
    committee = rules.categories["committee"]
    first = committee.in_force.entries[0]
    never = replace(
        committee, in_force=replace(committee.in_force, entries=(replace(first, value=None),))
    )
    changed = replace(rules, categories={**rules.categories, "committee": never})
    log = [Activity(date(2024, 6, 1), "Committee", "acsm", Decimal(4), category="committee")]
    (d,) = tally(changed, PROFILE, log).decisions
    assert d.cecs == 0
    assert d.explanation.endswith(
        "; ACSM accepts ACSM committee or volunteer service CECs only from 2023-01-01: counts 0 (4 lost)"
    )
    assert [c.rule for c in d.citations] == [
        "providers.acsm.decimal_system",
        "conversion.one_to_one",
    ]


def test_self_reporting_without_acsms_steps(rules: Rules) -> None:
    steps = rules.tracking.self_reporting_steps
    tracking = replace(
        rules.tracking,
        self_reporting_steps=replace(
            steps, entries=tuple(replace(e, value=None) for e in steps.entries)
        ),
    )
    changed = replace(rules, tracking=tracking)
    t = tally(changed, PROFILE, [Activity(date(2024, 6, 1), "Course", "ace", Decimal("0.1"))])
    (reported,) = [c for c in t.outlook.checklist if c.id == "reported"]
    assert reported.text == (
        "1 activity (1 CEC) still to enter in ACSM's Self-Reporting Tool. Mark each one as entered once you have"
    )
    assert reported.steps == () and reported.citations == ()


def test_no_certification_with_a_requirement_names_them_all(rules: Rules) -> None:
    from calc.engine import TallyError

    cpt = replace(rules.certifications["cpt"], required_cecs=None)
    changed = replace(rules, certifications={**rules.certifications, "cpt": cpt})
    profile = Profile(("eim", "cpt"), date(2026, 12, 31), None, None, date(2026, 6, 1))
    try:
        tally(changed, profile, [])
    except TallyError as exc:
        assert str(exc) == (
            "Exercise is Medicine Credential, ACSM Certified Personal Trainer: no CEC requirement "
            "of its own; also choose the certification that keeps it active"
        )
    else:
        raise AssertionError("refused")


def test_same_day_activities_share_a_cap_the_same_way_in_any_order(rules: Rules) -> None:
    # Hypothesis found this: two committee terms ending on one day, 8 CECs of room for their
    # year of service. Filled in the log's order, "who got the room" (and so how many activities
    # counted and how many lack proof) changed when the log was sorted differently.
    log = [
        Activity(
            date(2024, 2, 1),
            "Chapter board",
            "acsm",
            Decimal(6),
            category="committee",
            service_from=date(2023, 2, 2),
            service_to=date(2024, 2, 1),
        ),
        Activity(
            date(2024, 2, 1),
            "Mentoring",
            "acsm",
            Decimal(5),
            category="committee",
            certificate=True,
            service_from=date(2023, 8, 2),
            service_to=date(2024, 2, 1),
        ),
    ]
    ahead, behind = tally(rules, PROFILE, log), tally(rules, PROFILE, log[::-1])
    assert [d.cecs for d in ahead.decisions] == [Decimal(6), Decimal(2)]
    assert [d.cecs for d in behind.decisions] == [Decimal(2), Decimal(6)]
    assert "and 2 with your other service counted in the same period" in (
        ahead.decisions[1].explanation
    )
    assert ahead.outlook == behind.outlook
