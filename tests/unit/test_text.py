"""Numbers and dates as the calculator writes and reads them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.text import cecs, fmt, parse_date


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
