"""Numbers and dates as people write them, and as the log and the rules are read: one way each."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def fmt(number: Decimal) -> str:
    """A number as people write it: 45, 1.5, 0.25 (no exponent, no trailing zeros)."""
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def cecs(number: Decimal) -> str:
    """A number of CECs in words: "1 CEC", "1.5 CECs"."""
    return f"{fmt(number)} {'CEC' if number == 1 else 'CECs'}"


def money(number: Decimal) -> str:
    return f"${fmt(number)}"


def looks_like_date(value: Any) -> bool:
    """Written YYYY-MM-DD (whether or not such a day exists)."""
    return isinstance(value, str) and _DATE.fullmatch(value) is not None


def parse_date(value: Any) -> date | None:
    """A day written YYYY-MM-DD that exists; None for anything else (no other spelling is
    guessed: "3/4/2025" means different days in different countries)."""
    text = str(value).strip()  # None reads "None": not a date either
    if not looks_like_date(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
