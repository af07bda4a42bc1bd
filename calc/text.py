"""Numbers and dates as people write them, and as the log and the rules are read: one way each."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


_NOT_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """A name as looked up: any case, punctuation and spacing ("A.C.E." is "a c e",
    "American  Council on Exercise" is "american council on exercise")."""
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


def title_key(title: str) -> str:
    """A title as compared to tell copies apart: any case, without spaces or punctuation
    ("Strength Basics!" is "strength basics")."""
    return _NOT_WORD.sub("", title.casefold())


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


# Dates as spreadsheets write them, for reading files only: the form, the profile and the rules
# keep YYYY-MM-DD alone (parse_date), where a typing slip is better refused than guessed.
_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_YEAR_FIRST = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_NUMERIC = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4})")
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_NAMED_MONTH = re.compile(rf"([0-9]{{1,2}}){_ORDINAL}[ -]+([a-z]+)\.?,?[ -]+([0-9]{{4}})")
_NAMED_MONTH_DAY = re.compile(rf"([a-z]+)\.?[ -]+([0-9]{{1,2}}){_ORDINAL},?[ ]+([0-9]{{4}})")


def _month(word: str) -> int | None:
    """A month's number from its English name, full or cut to three letters (or "Sept")."""
    for number, name in enumerate(_MONTHS, start=1):
        if word == name or word == name[:3] or (number == 9 and word == "sept"):
            return number
    return None


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def numeric_date(value: str) -> tuple[int, int, int, str] | None:
    """The numbers (first, second, year) and the separator of a date written with the year
    last (3/14/2025, 14.03.2025), which alone can be read two ways; None for any other text."""
    found = _NUMERIC.fullmatch(value.strip())
    if found is None:
        return None
    return int(found[1]), int(found[3]), int(found[4]), found[2]


def reads_day_first(values: Sequence[str]) -> bool:
    """Whether a file's dates written with the year last are day/month/year: when one of them
    can only be read that way (14/3/2025), or they are written with dots, as only day-first
    countries write them. Otherwise month/day/year, as Excel writes them in the US."""
    found = [n for n in map(numeric_date, values) if n is not None]
    return any(first > 12 or separator == "." for first, _, _, separator in found)


def ambiguous_date(value: str) -> bool:
    """A date with the year last whose first two numbers could each be the month (3/4/2025)."""
    found = numeric_date(value)
    return found is not None and found[0] != found[1] and found[0] <= 12 and found[1] <= 12


def _file_date_parts(text: str, day_first: bool) -> tuple[int, int, int] | None:
    """(year, month, day) as written in one of the spellings files use, real day or not."""
    if found := _YEAR_FIRST.fullmatch(text):
        return int(found[1]), int(found[3]), int(found[4])
    if numbers := numeric_date(text):
        first, second, year, _ = numbers
        return (year, second, first) if day_first else (year, first, second)
    if found := _DAY_NAMED_MONTH.fullmatch(text):
        words = found[3], found[2], found[1]
    elif found := _NAMED_MONTH_DAY.fullmatch(text):
        words = found[3], found[1], found[2]
    else:
        return None
    month = _month(words[1])
    return (int(words[0]), month, int(words[2])) if month else None


def looks_like_file_date(value: str) -> bool:
    """Written as :func:`read_file_date` reads dates (whether or not such a day exists)."""
    return _file_date_parts(value.strip().lower(), day_first=False) is not None


def read_file_date(value: str, day_first: bool) -> date | None:
    """A day as a spreadsheet may write it: 2025-03-14, 3/14/2025 (14/3/2025 when ``day_first``;
    also with - or .), 14 March 2025, Mar 14, 2025. None when the text is none of these or
    names no real day."""
    parts = _file_date_parts(value.strip().lower(), day_first)
    return None if parts is None else _day(*parts)


_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def long_dates(text: str) -> str:
    """Every ISO day in a sentence as people in the US write it ("by December 31, 2026"), for
    what people read (the audit packet); files and the command line keep ISO days."""

    def spelled(found: re.Match[str]) -> str:
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            return found[0]
        return long_date(day, day_first=False)

    return _ISO_DAY.sub(spelled, text)


def long_date(day: date, day_first: bool) -> str:
    """A day with its month in words, in the order its reader writes: 4 March 2025 or
    March 4, 2025."""
    month = _MONTHS[day.month - 1].capitalize()
    return f"{day.day} {month} {day.year}" if day_first else f"{month} {day.day}, {day.year}"


# The preview of an activity before it is added: one sentence (calc.memo.preview).
_CAPS = {
    "year": "the yearly cap",
    "service": "the cap per year of service",
    "cycle": "the cycle's cap",
}


def cap_name(per: str, category: str) -> str:
    """A category's cap per "year" or per "cycle", in words."""
    return f"{_CAPS[per]} for {category}"


def _clause(text: str) -> str:
    """A sentence of its own made part of another: "No conversion" as "no conversion", while
    "ACSM" (or "McDonald") stays: only a first word written in lower case after its capital."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first[1:].islower() else text


def preview_sentence(
    *,
    planned: bool,
    counts: Decimal,
    converted: Decimal,
    cap: str | None,
    reason: str,
    others: Decimal,
    total: Decimal,
    required: Decimal,
    still: bool,
) -> str:
    """What an activity would count, in one sentence: ``counts`` of its ``converted`` CECs (once
    done, for a ``planned`` one), cut by ``cap``; ``others``, what other activities under the
    same cap gain (or lose, below 0) with it; ``total`` of ``required`` (with the plans, for a
    plan) afterwards; ``still``, an edit that changes nothing it counts; ``reason``, why it
    counts nothing, when it does not."""
    again = "still " if still else ""
    if not counts:
        return f"Would {again}not count: {_clause(reason)}."
    cut = counts < converted
    amount = f"{fmt(counts)} of its {cecs(converted)}" if cut else cecs(counts)
    why = [cap] if cut and cap else []
    if others:
        why.append(
            f"other activities under the same cap would count {cecs(abs(others))} "
            f"{'more' if others > 0 else 'less'}"
        )
    said = f" ({'; '.join(why)})" if why else ""
    stand = f"{fmt(total)} of {cecs(required)}"
    if planned:
        return f"A plan: would {again}count {amount} once done{said}; with your plans, {stand}."
    return f"Would {again}count {amount}{said}: {stand}."


# What could end a terminal's line, start an escape sequence or reorder the text around it: C0
# and C1 controls, DEL, the line and paragraph separators, and the bidirectional embeddings,
# overrides and isolates ("Trojan Source").
_NOT_FOR_TERMINAL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_line(text: str) -> str:
    """Text from outside (a log, a rules file) as one line of a terminal's output: every such
    character shown as U+FFFD, so that a title can neither add report lines nor send escape
    codes."""
    return _NOT_FOR_TERMINAL.sub("\ufffd", text)
