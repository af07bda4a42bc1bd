"""Calendar arithmetic the rules rely on: years added to a day, the next month-day after a day."""

from __future__ import annotations

from datetime import date

import pytest

from calc.dated import add_years, month_day_after


@pytest.mark.parametrize(
    ("day", "years", "then"),
    [
        (date(2025, 3, 1), 1, date(2026, 3, 1)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),  # no February 29 that year: the 28th
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2026, 12, 31), -3, date(2023, 12, 31)),
    ],
)
def test_years_added_to_a_day(day: date, years: int, then: date) -> None:
    assert add_years(day, years) == then


@pytest.mark.parametrize(
    ("day", "month_day", "then"),
    [
        (date(2025, 6, 1), "12-31", date(2025, 12, 31)),
        (date(2025, 12, 31), "12-31", date(2026, 12, 31)),  # strictly after
        (date(2026, 1, 1), "06-30", date(2026, 6, 30)),
    ],
)
def test_the_next_month_day_after_a_day(day: date, month_day: str, then: date) -> None:
    assert month_day_after(day, month_day) == then
