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
    committee = replace(rules.categories["committee"], cap_per_year=None)
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
