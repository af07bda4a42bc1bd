"""ACSM's conversion rule, applied: 1 = 1 in general; .1 = 1 on the decimal system (ACE and NSCA
named by ACSM); in doubt, 1 CEC per hour of participation. The calculator says it in plain words:
"each credit counts as 1 ACSM CEC", "ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM
CEC"."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from calc.convert import asks_decimal, convert, describe, hours
from calc.model import Activity, Rules

DAY = date(2026, 6, 1)
ARTICLE = "acsm-blog-earning-2019"


def act(provider: str, amount: str, unit: str | None = None, **kw: object) -> Activity:
    return Activity(date(2025, 3, 1), "course", provider, Decimal(amount), unit, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("unit", [None, "cec", "ceu"])
def test_an_unlisted_organization_counts_one_to_one_whatever_its_unit(
    rules: Rules, unit: str | None
) -> None:
    # 3 hours of hospital in-service from an organization the rules do not list: 3, never 30.
    found = convert(rules, act("other", "3", unit))
    assert found.cecs == Decimal(3)
    assert "each credit counts as 1 ACSM CEC" in found.explanation
    assert "answer yes: 30 CECs" in found.explanation  # the other answer, shown, not counted
    assert [c.source for c in found.citations] == [ARTICLE]
    assert all(c.status == "confirmed" for c in found.citations)


def test_an_unlisted_organization_on_the_decimal_system_counts_a_tenth_as_one(
    rules: Rules,
) -> None:
    yes = convert(rules, act("other", "0.3", "ceu", decimal_system=True))
    assert yes.cecs == Decimal(3)
    assert "which counts 0.1 per hour (your answer)" in yes.explanation
    assert "each 0.1 counts as 1 ACSM CEC" in yes.explanation
    no = convert(rules, act("other", "3", "ceu", decimal_system=False))
    assert no.cecs == Decimal(3) and "answer yes" not in no.explanation


def test_ace_and_nsca_are_on_the_decimal_system_as_acsm_says(rules: Rules) -> None:
    for provider in ("ace", "nsca"):
        found = convert(rules, act(provider, "1.5"))
        assert found.cecs == Decimal(15)
        assert {c.source for c in found.citations} == {ARTICLE}
        assert not any(c.unconfirmed for c in found.citations)
        assert "not confirmed" not in found.explanation


def test_hour_based_organizations_count_one_to_one_confirmed(rules: Rules) -> None:
    for provider, amount in (("neta", "5"), ("issa", "8")):
        found = convert(rules, act(provider, amount))
        assert found.cecs == Decimal(amount), provider
        assert not any(c.unconfirmed for c in found.citations), provider
    for unit in ("cme", "contact_hour", "hour"):
        found = convert(rules, act("ama", "3", unit))
        assert found.cecs == Decimal(3)
        assert [c.source for c in found.citations] == [ARTICLE]


def test_afaa_counts_one_to_one_unconfirmed_and_shows_the_decimal_reading(rules: Rules) -> None:
    # AFAA's 2021 form: 1 CEU = 1 contact hour. Since it joined NASM its CEUs may be decimal
    # (15 hours = 1.5 CEUs): the lower reading counts, the other is shown.
    found = convert(rules, act("afaa", "1.5"))
    assert found.cecs == Decimal("1.5")
    assert any(c.unconfirmed for c in found.citations)
    assert found.explanation.endswith(
        "1.5 x 1 = 1.5 CECs (AFAA's unit is not confirmed, so the lower is counted; if AFAA "
        "counts 0.1 per hour, like ACE or NSCA, this would be 15)"
    )
    assert describe(rules, "afaa", None, DAY).endswith(
        "1 AFAA CEU = 1 ACSM CEC (not confirmed by ACSM); if AFAA counts 0.1 per hour, like ACE "
        "or NSCA, it would be 10"
    )


def test_aea_counts_one_to_one_unconfirmed_and_shows_the_decimal_reading(rules: Rules) -> None:
    # AEA's renewal page gives no hours per AEA CEC (issue 27: no words, so not confirmed): the
    # lower reading, 1 = 1, counts and the other is shown.
    found = convert(rules, act("aea", "3"))
    assert found.cecs == Decimal(3)
    assert any(c.unconfirmed for c in found.citations)
    assert found.explanation.endswith(
        "3 x 1 = 3 CECs (AEA's unit is not confirmed, so the lower is counted; if AEA counts 0.1 "
        "per hour, like ACE or NSCA, this would be 30)"
    )


def test_quarter_credits_count_two_thirds_of_a_semester_credit_rounded_down(rules: Rules) -> None:
    four = convert(rules, act("other", "4", "college_quarter_credit_hour"))
    assert four.cecs == Decimal("26.66")  # 4 x 10 x 2/3 = 26.666...
    assert four.explanation.endswith(
        "4 x 10 x 2/3 = 26.66 (rounded down) CECs (ACSM does not say how quarter credit hours "
        "count, so the lower is counted; at 10 per credit, this would be 40)"
    )
    three = convert(rules, act("other", "3", "college_quarter_credit_hour"))
    assert three.cecs == Decimal(20) and "3 x 10 x 2/3 = 20 CECs" in three.explanation
    assert [c.rule for c in three.citations] == [
        "units.college_quarter_credit_hour.cecs_per_unit",
        "units.college_quarter_credit_hour.share",
    ]
    assert describe(rules, "other", "college_quarter_credit_hour", DAY).startswith(
        "A quarter credit is two-thirds of a semester credit, which ACSM counts 10 CECs: 1 quarter"
        " credit hour = 6.66 ACSM CECs (not confirmed by ACSM); at 10 per credit, it would be 10"
    )
    # A semester credit hour is ACSM's own figure, whole.
    assert convert(rules, act("other", "4", "college_credit_hour")).cecs == Decimal(40)


def test_ncsf_counts_the_lower_reading_and_says_what_per_hour_would_give(rules: Rules) -> None:
    found = convert(rules, act("ncsf", "3"))
    assert found.cecs == Decimal(3)
    assert "the lower is counted" in found.explanation and "this would be 6" in found.explanation


def test_nasm_is_decimal_but_marked_unconfirmed(rules: Rules) -> None:
    found = convert(rules, act("nasm", "1.9"))
    assert found.cecs == Decimal(19)
    assert "(conversion not confirmed by ACSM)" in found.explanation


def test_the_rules_decide_for_a_listed_provider_and_say_so(rules: Rules) -> None:
    found = convert(rules, act("ace", "1", decimal_system=False))
    assert found.cecs == Decimal(10)
    assert found.notes and "the rules say it does," in found.notes[0]
    assert not convert(rules, act("ace", "1", decimal_system=True)).notes


def test_the_decimal_question_is_asked_only_when_it_decides(rules: Rules) -> None:
    assert asks_decimal(rules, "other", None, DAY)
    assert asks_decimal(rules, "other", "ceu", DAY)
    assert not asks_decimal(rules, "other", "contact_hour", DAY)
    assert not asks_decimal(rules, "other", "college_credit_hour", DAY)
    assert not asks_decimal(rules, "ace", None, DAY)
    assert not asks_decimal(rules, "ncsf", None, DAY)


def test_an_amount_that_looks_already_converted_is_questioned_not_refused(rules: Rules) -> None:
    found = convert(rules, act("ace", "15"))
    assert found.cecs == Decimal(150)
    assert found.warnings and "enter 1.5 CECs as ACE awards them" in found.warnings[0]
    assert not convert(rules, act("ace", "1.5")).warnings
    # An amount that is merely large is the engine's to question, with the rest of its day.
    assert not convert(rules, act("other", "30", "contact_hour")).warnings


def test_hours_of_participation_are_what_time_based_credits_stand_for(rules: Rules) -> None:
    assert hours(rules, act("other", "30", "contact_hour")) == Decimal(30)
    assert hours(rules, act("ace", "1.5")) == Decimal(15)
    # College credit hours are not hours of participation: a 3-credit course is 30 CECs.
    assert hours(rules, act("other", "3", "college_credit_hour")) == Decimal(0)
    assert hours(rules, act("other", "3", "college_quarter_credit_hour")) == Decimal(0)


def test_describe_says_how_a_providers_credit_converts(rules: Rules) -> None:
    assert describe(rules, "ace", None, DAY).endswith(": 1 ACE CEC = 10 ACSM CECs")
    # ACSM's own CEC is not said to equal itself.
    assert describe(rules, "acsm", "cec", DAY) == (
        "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC"
    )
    assert describe(rules, "other", "college_credit_hour", DAY) == (
        "ACSM counts 10 CECs per college credit hour: 1 credit hour = 10 ACSM CECs"
    )
    unsure = describe(rules, "other", "ceu", DAY)
    assert "1 CEU = 1 ACSM CEC" in unsure and "1 CEU = 10 ACSM CECs" in unsure
    assert describe(rules, "other", "ceu", DAY, True).endswith("1 CEU = 10 ACSM CECs")
    assert "it would be 2" in describe(rules, "ncsf", None, DAY)


def test_a_source_dated_first_value_also_answers_for_earlier_days(rules: Rules) -> None:
    # ACSM's rule is known from a 2019 article (basis: source): it held by then at the latest,
    # so it is applied to a 1995 course as well.
    activity = Activity(date(1995, 1, 1), "old", "ace", Decimal(1))
    assert convert(rules, activity).cecs == Decimal(10)


def test_describe_without_a_known_factor(rules: Rules) -> None:
    ace = rules.providers["ace"]
    assert ace.decimal_system is not None
    retired = replace(
        ace.decimal_system, entries=(replace(ace.decimal_system.entries[0], value=None),)
    )
    eq = rules.equivalence
    gone = replace(eq.one_to_one, entries=(replace(eq.one_to_one.entries[0], value=None),))
    changed = replace(
        rules,
        providers={**rules.providers, "ace": replace(ace, decimal_system=retired)},
        equivalence=replace(eq, one_to_one=gone),
    )
    # ACE retired from the list, and the general rule retired too: nothing is known.
    assert describe(changed, "ace", None, DAY) == "No conversion for ACE CECs is known"
    result = convert(changed, Activity(date(2025, 1, 1), "x", "ace", Decimal(1)))
    assert (
        result.cecs is None
        and "No conversion for ACE CECs is known on 2025-01-01" in result.explanation
    )


# ACSM's notation and jargon, which the calculator's words must not use (issue 26: plain words).
JARGON = ("decimal system", ".1 = 1", "1 = 1", "1 ACSM CEC = 1 ACSM CEC")


def _every_description(rules: Rules) -> list[tuple[str, str]]:
    """describe() for every provider x unit x answer (None, yes, no) in the live rules."""
    return [
        (f"{pid}/{uid}/{answer}", describe(rules, pid, uid, DAY, answer))
        for pid in rules.providers
        for uid in rules.units
        for answer in (None, True, False)
    ]


def test_the_calculators_words_are_plain(rules: Rules) -> None:
    found = _every_description(rules)
    assert len(found) == len(rules.providers) * len(rules.units) * 3
    for where, text in found:
        for phrase in JARGON:
            assert phrase not in text, (where, phrase, text)
    # Each activity's explanation too, but for its sum: "1 x 1 = 1 CEC" is arithmetic.
    sums = re.compile(r"\S+ x \S+ (x \S+ )?= \S+")
    for pid in rules.providers:
        for uid in rules.units:
            for answer in (None, True, False):
                for amount in ("1", "1.5"):
                    conversion = convert(rules, act(pid, amount, uid, decimal_system=answer))
                    for text in (conversion.explanation, *conversion.notes):
                        said = sums.sub("SUM", text)
                        for phrase in JARGON:
                            assert phrase not in said, (pid, uid, answer, phrase, text)


def test_ace_is_described_as_the_issue_asks(rules: Rules) -> None:
    # "ACE counts 0.1 CEC per hour, so 1.5 ACE CECs = 15 ACSM CECs" (issue 26).
    text = describe(rules, "ace", None, DAY)
    assert text.startswith("ACE counts 0.1 CEC per hour, so ")
    assert text.endswith(": 1 ACE CEC = 10 ACSM CECs")
    assert convert(rules, act("ace", "1.5")).explanation == (
        "ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM CEC: 1.5 x 10 = 15 CECs"
    )
