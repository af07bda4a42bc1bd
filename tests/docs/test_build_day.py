"""The day the site is built as of: today, or TODAY=YYYY-MM-DD to preview a dated rule change
before its day (`make serve TODAY=2027-01-01`)."""

from __future__ import annotations

from datetime import date

import pytest
from mkdocs.exceptions import PluginError

from scripts.mkdocs_hooks import build_day


def test_today_unless_told() -> None:
    assert build_day({}) == date.today()
    assert build_day({"TODAY": "  "}) == date.today()


def test_a_day_to_build_as_of() -> None:
    assert build_day({"TODAY": "2027-01-01"}) == date(2027, 1, 1)


@pytest.mark.parametrize("text", ["2027-13-01", "1/1/2027", "tomorrow"])
def test_a_day_that_is_not_one_says_how_to_write_it(text: str) -> None:
    with pytest.raises(PluginError, match=rf"TODAY='{text}': write the day as YYYY-MM-DD"):
        build_day({"TODAY": text})
