"""Applying a dated rule on a day, with the citation that backs the value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from calc.dated import Rule
from calc.model import Rules

T = TypeVar("T")


@dataclass(frozen=True)
class Citation:
    rule: str
    page: str
    anchor: str
    source: str
    url: str
    status: str  # "confirmed" or "unconfirmed"
    since: date  # the day the applied entry starts
    quote: str | None = None  # the source's own words for the value (none for a derived one)

    @property
    def unconfirmed(self) -> bool:
        return self.status == "unconfirmed"


@dataclass(frozen=True)
class Applied(Generic[T]):
    """A rule's value on a day, with the citation that backs it."""

    value: T
    citation: Citation


def apply(rules: Rules, rule: Rule[T], day: date) -> Applied[T] | None:
    """The value of ``rule`` in force on ``day``; None before it starts or once it is retired."""
    entry = rule.at(day)
    if entry is None or entry.value is None:
        return None
    source = rules.sources[entry.source]
    citation = Citation(
        rule.id,
        rule.page,
        rule.anchor,
        source.id,
        source.url,
        entry.status,
        entry.start,
        entry.quote,
    )
    return Applied(entry.value, citation)
