"""The professional's input: profile and activity log, checked field by field.

Every problem names its row and column so that the page can show it next to the field and the
command line can print ``FILE:ROW:COLUMN: message``. Nothing here raises on bad input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from calc.engine import Activity, Profile
from calc.model import Rules

# Plain decimal notation only: "1e3" or "0x10" are more likely typing slips than intent.
_NUMBER = re.compile(r"[0-9]{1,6}(\.[0-9]{1,3})?|\.[0-9]{1,3}")
MAX_TITLE = 300


@dataclass(frozen=True)
class InputProblem:
    row: int  # 1-based activity number; 0 for the profile
    column: str
    message: str

    def where(self, file: str) -> str:
        return f"{file}:{self.row}:{self.column}: {self.message}"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def parse_date(value: Any) -> date | None:
    text = _text(value)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_amount(value: Any) -> Decimal | str:
    """The amount as an exact Decimal, or a message saying what is wrong with it."""
    if isinstance(value, bool):
        return "must be a number"
    if isinstance(value, (int, Decimal)):
        text = format(Decimal(value), "f")
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = _text(value)
    if not text:
        return "is required"
    if text.startswith("-"):
        return "must not be negative"
    if not _NUMBER.fullmatch(text):
        return "must be a plain number such as 1.5 (at most 3 decimals)"
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return "must be a number"


def parse_profile(
    raw: Mapping[str, Any], rules: Rules, today: date
) -> tuple[Profile | None, list[InputProblem]]:
    problems: list[InputProblem] = []
    certs_raw = raw.get("certifications") or []
    if isinstance(certs_raw, str):
        certs_raw = [c for c in certs_raw.split(",") if c.strip()]
    certs = tuple(dict.fromkeys(_text(c).lower() for c in certs_raw))
    if not certs:
        problems.append(InputProblem(0, "certifications", "choose at least one certification"))
    for cid in certs:
        if cid not in rules.certifications:
            known = ", ".join(rules.certifications)
            problems.append(
                InputProblem(0, "certifications", f"unknown certification {cid!r} (known: {known})")
            )
    cycle_end = parse_date(raw.get("cycle_end"))
    if cycle_end is None:
        problems.append(InputProblem(0, "cycle_end", "must be a date written YYYY-MM-DD"))
    as_of = today if raw.get("as_of") in (None, "") else parse_date(raw.get("as_of"))
    if as_of is None:
        problems.append(InputProblem(0, "as_of", "must be a date written YYYY-MM-DD"))
    if problems or cycle_end is None or as_of is None:
        return None, problems
    # ACSM cycles run three calendar years: January 1 two years before the end year.
    start = date(cycle_end.year - 2, 1, 1)
    return Profile(certs, cycle_end, start, as_of), []


def parse_activity(raw: Mapping[str, Any], row: int) -> tuple[Activity | None, list[InputProblem]]:
    problems: list[InputProblem] = []
    completed = parse_date(raw.get("date"))
    if completed is None:
        message = (
            "is required" if not _text(raw.get("date")) else "must be a date written YYYY-MM-DD"
        )
        problems.append(InputProblem(row, "date", message))
    amount = parse_amount(raw.get("amount"))
    if isinstance(amount, str):
        problems.append(InputProblem(row, "amount", amount))
    title = _text(raw.get("title"))
    if len(title) > MAX_TITLE:
        problems.append(InputProblem(row, "title", f"is longer than {MAX_TITLE} characters"))
    if problems or completed is None or isinstance(amount, str):
        return None, problems
    return Activity(completed, title, amount), []
