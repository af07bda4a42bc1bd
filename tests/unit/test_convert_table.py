"""Every way a credit converts, as the calculator words it: a renewal expert can check each line
against ACSM's 2019 article (1 = 1; 0.1 = 1 on the decimal system; in doubt, 1 CEC per hour;
worded plainly: "each credit counts as 1 ACSM CEC", "each 0.1 counts as 1 ACSM CEC")
and the provider notes in rules/providers.yaml. The words are what the professional reads under
each activity, so a changed word shows up here too."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.convert import _ratio, convert, describe
from calc.engine import DONE, Cycle, Decision, decide
from calc.model import Activity, Rules

DAY = date(2025, 3, 1)
ACE = "ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM CEC"
NSCA = "NSCA counts 0.1 CEU per contact hour, so each 0.1 counts as 1 ACSM CEC"
NASM = "NASM counts 0.1 CEU per contact hour, so each 0.1 counts as 1 ACSM CEC"
NCSF = (
    "One NCSF CEU stands for two hours of education (0.5 CEU per hour); by ACSM's general rule, "
    "each credit counts as 1 ACSM CEC"
)
OTHER = "Another organization (not listed)"
DAYS = "participation on one date. Fine if the activity ran over several days."

# provider, amount, unit, decimal-system answer -> CECs, explanation, note, warning
CONVERSIONS = {
    "ACE CECs": (
        ("ace", "1.5", None, None),
        ("15", f"{ACE}: 1.5 x 10 = 15 CECs", "", ""),
    ),
    "ACE, answered 'not decimal'": (
        ("ace", "1", None, False),
        (
            "10",
            f"{ACE}: 1 x 10 = 10 CECs",
            "You answered that ACE does not count 0.1 per hour; the rules say it does, so that is "
            "what counts",
            "",
        ),
    ),
    "ACE, already converted?": (
        ("ace", "15", None, None),
        (
            "150",
            f"{ACE}: 15 x 10 = 150 CECs",
            "",
            "Check the amount: 15 ACE CECs count 150 ACSM CECs, about 150 hours of participation. "
            "If 15 is already ACSM CECs, enter 1.5 CECs as ACE awards them.",
        ),
    ),
    "AFAA, answered 'decimal'": (
        ("afaa", "4", None, True),
        (
            "4",
            "AFAA counts credits by the hour (1 AFAA CEU = 1 contact hour), so each credit counts "
            "as 1 ACSM CEC: 4 x 1 = 4 CECs (AFAA's unit is not confirmed, so the lower is counted; "
            "if AFAA counts 0.1 per hour, like ACE or NSCA, this would be 40)",
            "You answered that AFAA counts 0.1 per hour; the rules say it does not, so that is "
            "what counts",
            "",
        ),
    ),
    "NSCA CEUs": (("nsca", "0.2", "ceu", None), ("2", f"{NSCA}: 0.2 x 10 = 2 CECs", "", "")),
    "NASM, unconfirmed": (
        ("nasm", "1.9", None, None),
        ("19", f"{NASM}: 1.9 x 10 = 19 CECs (conversion not confirmed by ACSM)", "", ""),
    ),
    "NCSF, the lower of two readings": (
        ("ncsf", "3", None, None),
        (
            "3",
            f"{NCSF}: 3 x 1 = 3 CECs (ACSM has not said which of its rules applies here, so the "
            "lower is counted; if ACSM counts 1 CEC per hour of participation, this would be 6)",
            "",
            "",
        ),
    ),
    "unlisted, no answer": (
        ("other", "3", None, None),
        (
            "3",
            f"{OTHER}; each credit counts as 1 ACSM CEC: 3 x 1 = 3 CECs (if this organization "
            "counts 0.1 per hour, like ACE or NSCA, answer yes: 30 CECs)",
            "",
            "",
        ),
    ),
    "unlisted, decimal": (
        ("other", "0.3", "ceu", True),
        (
            "3",
            f"{OTHER}, which counts 0.1 per hour (your answer), so each 0.1 counts as 1 ACSM "
            "CEC: 0.3 x 10 = 3 CECs",
            "",
            "",
        ),
    ),
    "unlisted, not decimal": (
        ("other", "3", "ceu", False),
        (
            "3",
            f"{OTHER}, which does not count 0.1 per hour (your answer), so each credit counts as "
            "1 ACSM CEC: 3 x 1 = 3 CECs",
            "",
            "",
        ),
    ),
    "one contact hour": (
        ("other", "1", "contact_hour", None),
        ("1", "Each contact hour counts as 1 ACSM CEC: 1 x 1 = 1 CEC", "", ""),
    ),
    "30 contact hours on a day": (
        ("other", "30", "contact_hour", None),
        (
            "30",
            "Each contact hour counts as 1 ACSM CEC: 30 x 1 = 30 CECs",
            "",
            f"Check the amount: 30 contact hours is about 30 hours of {DAYS}",
        ),
    ),
    "24 hours on a day": (
        ("other", "24", "hour", None),
        (
            "24",
            "When in doubt, ACSM counts 1 CEC per hour of participation: 24 x 1 = 24 CECs",
            "",
            "",
        ),
    ),
    "25 hours on a day": (
        ("other", "25", "hour", None),
        (
            "25",
            "When in doubt, ACSM counts 1 CEC per hour of participation: 25 x 1 = 25 CECs",
            "",
            f"Check the amount: 25 hours is about 25 hours of {DAYS}",
        ),
    ),
    "CMEs": (
        ("ama", "2", "cme", None),
        ("2", "Each CME (one hour) counts as 1 ACSM CEC: 2 x 1 = 2 CECs", "", ""),
    ),
    "ACSM's own": (
        ("acsm", "1", None, None),
        (
            "1",
            "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC: 1 x 1 = 1 CEC",
            "",
            "",
        ),
    ),
    "college credit hours": (
        ("other", "3", "college_credit_hour", None),
        ("30", "ACSM counts 10 CECs per college credit hour: 3 x 10 = 30 CECs", "", ""),
    ),
    "college quarter credit hours": (
        ("other", "2", "college_quarter_credit_hour", None),
        (
            "13.33",
            "A quarter credit is two-thirds of a semester credit, which ACSM counts 10 CECs: "
            "2 x 10 x 2/3 = 13.33 (rounded down) CECs (ACSM does not say how quarter credit hours "
            "count, so the lower is counted; at 10 per credit, this would be 20)",
            "",
            "",
        ),
    ),
}


def decided(rules: Rules, activity: Activity) -> Decision:
    """The activity alone in a log: the day's check of hours is the engine's."""
    return decide(rules, Cycle(date(2024, 1, 1), date(2026, 12, 31)), activity, None, DONE)


@pytest.mark.parametrize("case", CONVERSIONS)
def test_each_conversion_in_words(rules: Rules, case: str) -> None:
    (provider, amount, unit, answer), expected = CONVERSIONS[case]
    found = convert(
        rules, Activity(DAY, "x", provider, Decimal(amount), unit, decimal_system=answer)
    )
    cecs, explanation, note, warning = expected
    assert found.cecs == Decimal(cecs)
    assert found.explanation == explanation
    assert found.notes == ((note,) if note else ())
    activity = Activity(
        DAY, "x", provider, Decimal(amount), unit, decimal_system=answer, organization="Gym"
    )
    assert decided(rules, activity).warnings == ((warning,) if warning else ())
    assert found.unit == (unit or rules.providers[provider].unit)


DESCRIPTIONS = {
    ("ace", None, None): f"{ACE}: 1 ACE CEC = 10 ACSM CECs",
    ("nsca", "ceu", None): f"{NSCA}: 1 NSCA CEU = 10 ACSM CECs",
    ("nasm", None, None): f"{NASM}: 1 NASM CEU = 10 ACSM CECs (not confirmed by ACSM)",
    ("ncsf", None, None): (
        f"{NCSF}: 1 NCSF CEU = 1 ACSM CEC (not confirmed by ACSM); if ACSM counts 1 CEC per "
        "hour of participation, it would be 2"
    ),
    ("other", "ceu", None): (
        f"{OTHER}; each credit counts as 1 ACSM CEC: 1 CEU = 1 ACSM CEC. If this organization "
        "counts 0.1 per hour, like ACE or NSCA: 1 CEU = 10 ACSM CECs"
    ),
    ("other", "ceu", False): (
        f"{OTHER}, which does not count 0.1 per hour (your answer), so each credit counts as "
        "1 ACSM CEC: 1 CEU = 1 ACSM CEC"
    ),
    ("other", "cec", True): (
        f"{OTHER}, which counts 0.1 per hour (your answer), so each 0.1 counts as 1 ACSM CEC: "
        "1 CEC = 10 ACSM CECs"
    ),
    ("other", "contact_hour", None): (
        "Each contact hour counts as 1 ACSM CEC: 1 contact hour = 1 ACSM CEC"
    ),
    # ACSM's own CEC is not said to equal itself ("1 ACSM CEC = 1 ACSM CEC").
    ("acsm", "cec", None): "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC",
    ("acsm", "ceu", None): (
        "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC: 1 ACSM CEU = 1 ACSM CEC"
    ),
    ("ama", "cme", None): "Each CME (one hour) counts as 1 ACSM CEC: 1 CME = 1 ACSM CEC",
}


@pytest.mark.parametrize("given", DESCRIPTIONS, ids=str)
def test_each_description_before_anything_is_entered(
    rules: Rules, given: tuple[str, str | None, bool | None]
) -> None:
    provider, unit, answer = given
    assert describe(rules, provider, unit, DAY, answer) == DESCRIPTIONS[given]


@pytest.mark.parametrize(
    ("factor", "said"),
    [
        ("10", "each 0.1 counts as 1 ACSM CEC"),  # ACSM's ".1 = 1"
        ("2", "each 0.5 counts as 1 ACSM CEC"),
        ("1", "each credit counts as 1 ACSM CEC"),  # ACSM's "1 = 1"
        ("0.5", "each credit counts as 0.5 ACSM CECs"),
    ],
)
def test_a_factor_in_plain_words(factor: str, said: str) -> None:
    assert _ratio(Decimal(factor)) == said


def _per_hour(rules: Rules, value: Decimal | None) -> Rules:
    """The rules with ACSM's 'in doubt, per hour' figure changed (a maintainer's edit)."""
    eq = rules.equivalence
    rule = eq.per_hour_in_doubt
    changed = replace(rule, entries=tuple(replace(e, value=value) for e in rule.entries))
    return replace(rules, equivalence=replace(eq, per_hour_in_doubt=changed))


def test_the_hours_follow_the_per_hour_figure_in_the_rules(rules: Rules) -> None:
    # Were ACSM to count 2 CECs per hour of participation, 30 contact hours (30 CECs) would be
    # 15 hours: no warning; 60 would be 30 hours.
    doubled = _per_hour(rules, Decimal(2))
    assert (
        decided(
            doubled, Activity(DAY, "x", "other", Decimal(30), "contact_hour", organization="Gym")
        ).warnings
        == ()
    )
    sixty = decided(
        doubled, Activity(DAY, "x", "other", Decimal(60), "contact_hour", organization="Gym")
    )
    assert sixty.warnings == (f"Check the amount: 60 contact hours is about 30 hours of {DAYS}",)


@pytest.mark.parametrize("value", [None, Decimal(0)], ids=["retired", "zero"])
def test_no_per_hour_figure_no_warning_and_no_crash(rules: Rules, value: Decimal | None) -> None:
    changed = _per_hour(rules, value)
    found = decided(
        changed, Activity(DAY, "x", "other", Decimal(30), "contact_hour", organization="Gym")
    )
    assert found.cecs == Decimal(30) and found.warnings == ()


def test_nothing_known_counts_zero_and_says_so(rules: Rules) -> None:
    # ACE retired from the list and ACSM's general rule retired too (a maintainer's edit):
    # nothing converts an ACE CEC on that day, and the activity says so rather than guess.
    ace = rules.providers["ace"]
    assert ace.decimal_system is not None
    eq = rules.equivalence
    retired = replace(
        rules,
        providers={
            **rules.providers,
            "ace": replace(
                ace,
                decimal_system=replace(
                    ace.decimal_system,
                    entries=tuple(replace(e, value=None) for e in ace.decimal_system.entries),
                ),
            ),
        },
        equivalence=replace(
            eq,
            one_to_one=replace(
                eq.one_to_one,
                entries=tuple(replace(e, value=None) for e in eq.one_to_one.entries),
            ),
        ),
    )
    found = convert(retired, Activity(DAY, "x", "ace", Decimal(1)))
    assert (found.unit, found.cecs, found.citations, found.warnings) == ("cec", None, (), ())
    assert found.explanation == "No conversion for ACE CECs is known on 2025-03-01: counts 0 CECs"


def test_a_listed_provider_without_words_of_its_own(rules: Rules) -> None:
    ace = replace(rules.providers["ace"], convention=None)
    plain = replace(rules, providers={**rules.providers, "ace": ace})
    found = convert(plain, Activity(DAY, "x", "ace", Decimal("1.5")))
    assert found.explanation == "Each 0.1 counts as 1 ACSM CEC: 1.5 x 10 = 15 CECs"


# Rules a maintainer might write tomorrow: each edit of a YAML value must show in the words.


def _entries(rule: Any, **changes: Any) -> Any:
    return replace(rule, entries=tuple(replace(e, **changes) for e in rule.entries))


def _with_unit(rules: Rules, uid: str, **changes: Any) -> Rules:
    return replace(rules, units={**rules.units, uid: replace(rules.units[uid], **changes)})


def _with_provider(rules: Rules, pid: str, **changes: Any) -> Rules:
    return replace(
        rules, providers={**rules.providers, pid: replace(rules.providers[pid], **changes)}
    )


def test_a_unit_without_a_conversion_counts_zero(rules: Rules) -> None:
    changed = _with_unit(rules, "contact_hour", cecs_per_unit=None)
    found = convert(changed, Activity(DAY, "x", "other", Decimal(3), "contact_hour"))
    assert (found.unit, found.cecs, found.citations) == ("contact_hour", None, ())
    assert found.explanation == (
        "No conversion for another organization contact hours is known on 2025-03-01: counts 0 CECs"
    )
    assert describe(changed, "other", "contact_hour", DAY) == (
        "No conversion for another organization contact hours is known"
    )


def test_an_unconfirmed_unit_says_so(rules: Rules) -> None:
    unit = rules.units["contact_hour"]
    assert unit.cecs_per_unit is not None
    changed = _with_unit(
        rules, "contact_hour", cecs_per_unit=_entries(unit.cecs_per_unit, status="unconfirmed")
    )
    found = convert(changed, Activity(DAY, "x", "other", Decimal(2), "contact_hour"))
    assert found.explanation == (
        "Each contact hour counts as 1 ACSM CEC: 2 x 1 = 2 CECs (conversion not confirmed by ACSM)"
    )


def test_once_acsm_confirms_per_hour_for_ncsf_two_cecs_count(rules: Rules) -> None:
    ncsf = rules.providers["ncsf"]
    assert ncsf.hours_per_credit is not None
    confirmed = _with_provider(
        rules, "ncsf", hours_per_credit=_entries(ncsf.hours_per_credit, status="confirmed")
    )
    found = convert(confirmed, Activity(DAY, "x", "ncsf", Decimal(3)))
    assert found.explanation == (
        "One NCSF CEU stands for two hours of education (0.5 CEU per hour); ACSM counts 1 CEC "
        "per hour of participation: 3 x 2 = 6 CECs"
    )
    many = convert(confirmed, Activity(DAY, "x", "ncsf", Decimal(13)))
    assert many.warnings == (
        "Check the amount: 13 NCSF CEUs count 26 ACSM CECs, about 26 hours of participation. "
        "If 13 is already ACSM CECs, enter 6.5 CEUs as NCSF awards them.",
    )


def test_ncsf_without_acsms_per_hour_figure_has_no_conversion(rules: Rules) -> None:
    eq = rules.equivalence
    changed = replace(
        rules, equivalence=replace(eq, per_hour_in_doubt=_entries(eq.per_hour_in_doubt, value=None))
    )
    assert describe(changed, "ncsf", None, DAY) == "No conversion for NCSF CEUs is known"


def test_an_unlisted_organization_whose_own_unit_is_hours(rules: Rules) -> None:
    # The decimal question concerns the unit entered (its CEUs), not the organization's usual one.
    changed = _with_provider(rules, "other", unit="contact_hour")
    assert describe(changed, "other", "ceu", DAY) == (
        f"{OTHER}; each credit counts as 1 ACSM CEC: 1 CEU = 1 ACSM CEC. If this organization "
        "counts 0.1 per hour, like ACE or NSCA: 1 CEU = 10 ACSM CECs"
    )


def _ncsf(rules: Rules, **changes: Any) -> Rules:
    """The rules with NCSF's hours per CEU changed (status, value)."""
    ncsf = rules.providers["ncsf"]
    assert ncsf.hours_per_credit is not None
    return _with_provider(
        rules, "ncsf", hours_per_credit=_entries(ncsf.hours_per_credit, **changes)
    )


def test_per_hour_is_hours_times_acsms_figure(rules: Rules) -> None:
    # NCSF confirmed at 2 hours per CEU, and ACSM counting 2 CECs per hour: 3 CEUs are 12 CECs.
    changed = _per_hour(_ncsf(rules, status="confirmed"), Decimal(2))
    found = convert(changed, Activity(DAY, "x", "ncsf", Decimal(3)))
    assert found.cecs == 12
    assert [c.rule for c in found.citations] == [
        "providers.ncsf.hours_per_credit",
        "conversion.per_hour_in_doubt",
    ]


def test_when_both_readings_agree_the_per_hour_one_counts_unconfirmed(rules: Rules) -> None:
    found = convert(_ncsf(rules, value=Decimal(1)), Activity(DAY, "x", "ncsf", Decimal(3)))
    assert found.explanation == (
        "One NCSF CEU stands for two hours of education (0.5 CEU per hour); ACSM counts 1 CEC "
        "per hour of participation: 3 x 1 = 3 CECs (conversion not confirmed by ACSM)"
    )


@pytest.mark.parametrize("status", ["confirmed", "unconfirmed"])
def test_an_hour_based_provider_without_words_of_its_own(rules: Rules, status: str) -> None:
    changed = _with_provider(_ncsf(rules, status=status), "ncsf", convention=None)
    found = convert(changed, Activity(DAY, "x", "ncsf", Decimal(3)))
    assert found.explanation.startswith(
        "ACSM counts 1 CEC per hour of participation: 3 x 2 = 6 CECs"
        if status == "confirmed"
        else "By ACSM's general rule, each credit counts as 1 ACSM CEC: 3 x 1 = 3 CECs (ACSM "
        "has not said"
    )


def test_a_unit_without_words_of_its_own(rules: Rules) -> None:
    unit = rules.units["contact_hour"]
    changed = _with_unit(rules, "contact_hour", convention=_entries(unit.convention, value=None))
    found = convert(changed, Activity(DAY, "x", "afaa", Decimal(2), "contact_hour"))
    assert found.explanation == "AFAA contact hours: 2 x 1 = 2 CECs"


def test_no_decimal_rule_no_decimal_question(rules: Rules) -> None:
    eq = rules.equivalence
    changed = replace(
        rules, equivalence=replace(eq, decimal_system=_entries(eq.decimal_system, value=None))
    )
    found = convert(changed, Activity(DAY, "x", "other", Decimal(3)))
    assert found.explanation == f"{OTHER}; each credit counts as 1 ACSM CEC: 3 x 1 = 3 CECs"


def test_an_unconfirmed_general_rule_says_so(rules: Rules) -> None:
    eq = rules.equivalence
    changed = replace(
        rules, equivalence=replace(eq, one_to_one=_entries(eq.one_to_one, status="unconfirmed"))
    )
    found = convert(changed, Activity(DAY, "x", "other", Decimal(3), decimal_system=False))
    assert found.explanation.endswith("3 x 1 = 3 CECs (conversion not confirmed by ACSM)")
