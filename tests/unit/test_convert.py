from __future__ import annotations

from datetime import date
from decimal import Decimal

from calc.convert import convert, describe
from calc.logbook import Activity
from calc.model import Rules

DAY = date(2026, 6, 1)


def test_describe_says_how_a_providers_credit_converts(rules: Rules) -> None:
    assert describe(rules, "ace", None, DAY).endswith(
        "1 ACE CEC = 10 ACSM CECs (not confirmed by ACSM)"
    )
    assert (
        describe(rules, "acsm", "cec", DAY) == "ACSM awards its own CECs: 1 ACSM CEC = 1 ACSM CEC"
    )
    assert describe(rules, "other", "college_credit_hour", DAY) == (
        "ACSM counts 10 CECs per college credit hour: 1 Other credit hour = 10 ACSM CECs"
    )


def test_a_source_dated_first_value_also_answers_for_earlier_days(rules: Rules) -> None:
    # ACE's convention is known from a 2013 source (basis: source): it held by then at the
    # latest, so it is applied to a 1995 course as well.
    activity = Activity(date(1995, 1, 1), "old", "ace", Decimal(1))
    assert convert(rules, activity).cecs == Decimal(10)


def test_describe_without_a_known_factor(rules: Rules) -> None:
    from dataclasses import replace

    from calc.dated import Rule

    ace = rules.providers["ace"]
    assert ace.cecs_per_credit is not None
    retired = replace(
        ace.cecs_per_credit, entries=(replace(ace.cecs_per_credit.entries[0], value=None),)
    )
    changed = replace(
        rules, providers={**rules.providers, "ace": replace(ace, cecs_per_credit=retired)}
    )
    assert describe(changed, "ace", None, DAY) == "No conversion for ACE CECs is known"
    result = convert(changed, Activity(date(2025, 1, 1), "x", "ace", Decimal(1)))
    assert (
        result.cecs is None
        and "No conversion for ACE CECs is known on 2025-01-01" in result.explanation
    )
    assert isinstance(retired, Rule)
