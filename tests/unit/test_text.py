"""Numbers and dates as the calculator writes and reads them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.text import ambiguous_date, cecs, fmt, parse_date, preview_sentence


@pytest.mark.parametrize(
    ("number", "written"),
    [
        ("45", "45"),
        ("1.50", "1.5"),
        ("0.250", "0.25"),
        ("1E+2", "100"),
        ("0.000", "0"),
        ("-0", "0"),
    ],
)
def test_a_number_as_people_write_it(number: str, written: str) -> None:
    assert fmt(Decimal(number)) == written


@pytest.mark.parametrize(
    ("number", "written"), [("1", "1 CEC"), ("1.0", "1 CEC"), ("2", "2 CECs"), ("0.5", "0.5 CECs")]
)
def test_one_cec_many_cecs(number: str, written: str) -> None:
    assert cecs(Decimal(number)) == written


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-03-01", date(2025, 3, 1)),
        (" 2025-03-01 ", date(2025, 3, 1)),
        ("2025-02-30", None),
        ("3/4/2025", None),
        ("", None),
        (None, None),
        (20250301, None),
    ],
)
def test_only_real_days_written_yyyy_mm_dd(value: Any, day: date | None) -> None:
    assert parse_date(value) == day


def test_a_preview_says_every_reason_a_count_is_less_and_what_others_gain() -> None:
    said = preview_sentence(
        planned=False,
        counts=Decimal("2"),
        converted=Decimal("3"),
        cap="the yearly cap for CPR",
        reason="",
        others=Decimal("0.5"),
        total=Decimal("20.5"),
        required=Decimal(45),
        still=False,
    )
    assert said == (
        "Would count 2 of its 3 CECs (the yearly cap for CPR; other activities under the same cap "
        "would count 0.5 CECs more): 20.5 of 45 CECs."
    )
    less = preview_sentence(
        planned=False,
        counts=Decimal("2"),
        converted=Decimal("2"),
        cap=None,
        reason="",
        others=Decimal("-0.5"),
        total=Decimal("20"),
        required=Decimal(45),
        still=True,
    )
    assert less == (
        "Would still count 2 CECs (other activities under the same cap would count 0.5 CECs "
        "less): 20 of 45 CECs."
    )


def test_a_cap_that_cuts_nothing_is_not_given_as_a_reason() -> None:
    # Under the CPR cap with room to spare: the whole course counts and the cap is not mentioned.
    said = preview_sentence(
        planned=True,
        counts=Decimal("2"),
        converted=Decimal("2"),
        cap="the yearly cap for CPR",
        reason="",
        others=Decimal(0),
        total=Decimal("22"),
        required=Decimal(45),
        still=False,
    )
    assert said == "A plan: would count 2 CECs once done; with your plans, 22 of 45 CECs."


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("No conversion is known", "Would not count: no conversion is known."),
        ("ACSM accepts it only from 2025", "Would not count: ACSM accepts it only from 2025."),
        ("McDonald's course is a copy", "Would not count: McDonald's course is a copy."),
        ("enter how long", "Would not count: enter how long."),
    ],
)
def test_a_reason_joins_the_sentence_in_lower_case_unless_its_first_word_is_a_name(
    reason: str, said: str
) -> None:
    zero = Decimal(0)
    kwargs = {"converted": zero, "cap": None, "others": zero, "total": zero, "still": False}
    assert (
        preview_sentence(planned=False, counts=zero, reason=reason, required=zero, **kwargs) == said
    )


@pytest.mark.parametrize(
    ("written", "ambiguous"),
    [
        ("12/11/2025", True),
        ("11/12/2025", True),
        ("12/12/2025", False),  # the same either way
        ("13/5/2025", False),
        ("5/13/2025", False),
        ("2025-03-04", False),
    ],
)
def test_a_date_is_ambiguous_when_both_its_first_numbers_could_be_the_month(
    written: str, ambiguous: bool
) -> None:
    assert ambiguous_date(written) is ambiguous
