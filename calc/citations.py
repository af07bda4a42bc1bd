"""Applying a dated rule on a day, with the citation that backs the value; number formatting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from calc.dated import Entry, Rule
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

    @property
    def unconfirmed(self) -> bool:
        return self.status == "unconfirmed"


@dataclass(frozen=True)
class Applied(Generic[T]):
    """A rule's value on a day, with the citation that backs it."""

    value: T
    citation: Citation


# One Applied per rule entry, made once: a tally applies the same few entries thousands of times.
# Keyed by the entry's identity; the entry is kept in the value so that identity stays unique.
_applied: dict[int, tuple[Entry[Any], Applied[Any]]] = {}


def apply(rules: Rules, rule: Rule[T], day: date) -> Applied[T] | None:
    """The value of ``rule`` in force on ``day``; None before it starts or once it is retired."""
    entry = rule.at(day)
    if entry is None or entry.value is None:
        return None
    cached = _applied.get(id(entry))
    if cached is not None and cached[0] is entry:
        found: Applied[T] = cached[1]
        return found
    source = rules.sources[entry.source]
    citation = Citation(
        rule.id, rule.page, rule.anchor, source.id, source.url, entry.status, entry.start
    )
    applied = Applied(entry.value, citation)
    _applied[id(entry)] = (entry, applied)
    return applied


def fmt(number: Decimal) -> str:
    """A number as people write it: 45, 1.5, 0.25 (no exponent, no trailing zeros)."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def cecs(number: Decimal) -> str:
    """A number of CECs in words: "1 CEC", "1.5 CECs"."""
    return f"{fmt(number)} {'CEC' if number == 1 else 'CECs'}"


def money(number: Decimal) -> str:
    return f"${fmt(number)}"
