"""Values that change over time: each rule is a list of entries keyed by the day they take effect.

Borrowed from OpenFisca: an entry holds from its start day until the next entry starts, and an
entry whose value is ``None`` retires the rule from that day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")
E = TypeVar("E")

CONFIRMED = "confirmed"


@dataclass(frozen=True)
class Entry(Generic[T]):
    start: date
    value: T | None
    source: str
    status: str = CONFIRMED
    # "effective": the source says the value applies from this day; "source": this is the date of
    # the source that states the value, so the value applied by then at the latest.
    basis: str = "effective"
    note: str | None = None
    quote: str | None = None  # the source's own words for the value, where the rules give them


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One dated rule, with where the site documents it (page and anchor) for citations."""

    id: str
    page: str
    anchor: str
    entries: tuple[Entry[T], ...]

    def at(self, day: date) -> Entry[T] | None:
        """The entry in force on ``day``, or None before the first entry."""
        return in_force(self.entries, day, lambda e: e.start, lambda e: e.basis)


def in_force(
    entries: Sequence[E], day: date, start: Callable[[E], date], basis: Callable[[E], str]
) -> E | None:
    """Of entries in date order, the one in force on ``day``; None before the first. The one
    reading of dated rules, for the calculator's model and the pages' bundle alike.

    A first entry dated by its source (``basis: source``) held by that date at the latest, and
    maybe long before: it also answers for earlier days."""
    found: E | None = None
    for entry in entries:
        if start(entry) > day:
            break
        found = entry
    if found is None and entries and basis(entries[0]) == "source":
        return entries[0]
    return found


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); February 29 becomes February 28."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def month_day_after(day: date, month_day: str) -> date:
    """The first date strictly after ``day`` that falls on ``month_day`` ("MM-DD")."""
    month, dom = (int(part) for part in month_day.split("-"))
    candidate = date(day.year, month, dom)
    return candidate if candidate > day else date(day.year + 1, month, dom)
