"""Values that change over time: each rule is a list of entries keyed by the day they take effect.

Borrowed from OpenFisca: an entry holds from its start day until the next entry starts, and an
entry whose value is ``None`` retires the rule from that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")

CONFIRMED = "confirmed"
UNCONFIRMED = "unconfirmed"


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

    @property
    def unconfirmed(self) -> bool:
        return self.status == UNCONFIRMED


@dataclass(frozen=True)
class Rule(Generic[T]):
    """One dated rule, with where the site documents it (page and anchor) for citations."""

    id: str
    page: str
    anchor: str
    entries: tuple[Entry[T], ...]

    def at(self, day: date) -> Entry[T] | None:
        """The entry in force on ``day``, or None before the first entry."""
        found: Entry[T] | None = None
        for entry in self.entries:
            if entry.start > day:
                break
            found = entry
        return found

    def value_at(self, day: date) -> T | None:
        entry = self.at(day)
        return None if entry is None else entry.value

    @property
    def latest(self) -> Entry[T]:
        return self.entries[-1]
