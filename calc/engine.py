"""The tally: for each activity, how many ACSM CECs it counts for and why; then where the
professional stands against the requirement of the certifications they hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Generic, TypeVar

from calc.dated import Entry, Rule
from calc.model import Rules

T = TypeVar("T")

ZERO = Decimal(0)


class TallyError(ValueError):
    """The rules cannot answer for this profile (for example, no requirement known on that date)."""


@dataclass(frozen=True)
class Profile:
    certifications: tuple[str, ...]
    cycle_end: date
    cycle_start: date
    as_of: date


@dataclass(frozen=True)
class Activity:
    completed: date
    title: str
    amount: Decimal  # ACSM CECs


@dataclass(frozen=True)
class Citation:
    rule: str
    page: str
    anchor: str
    source: str
    url: str
    status: str


@dataclass(frozen=True)
class Applied(Generic[T]):
    """A rule's value on a day, with the citation that backs it."""

    value: T
    citation: Citation


@dataclass(frozen=True)
class Decision:
    activity: Activity
    cecs: Decimal
    counted: bool
    explanation: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Tally:
    profile: Profile
    required: Decimal
    earned: Decimal
    remaining: Decimal
    status: str  # "complete" or "short"
    required_citations: tuple[Citation, ...]
    decisions: tuple[Decision, ...]


def _cite(rules: Rules, rule: Rule[Any], entry: Entry[Any]) -> Citation:
    source = rules.sources[entry.source]
    return Citation(rule.id, rule.page, rule.anchor, source.id, source.url, entry.status)


def apply(rules: Rules, rule: Rule[T], day: date) -> Applied[T] | None:
    """The value of ``rule`` in force on ``day`` (None before it starts or after it retires)."""
    entry = rule.at(day)
    if entry is None or entry.value is None:
        return None
    return Applied(entry.value, _cite(rules, rule, entry))


def fmt(number: Decimal) -> str:
    """A number as people write it: 45, 1.5, 0.25 (no exponent, no trailing zeros)."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _requirement(rules: Rules, profile: Profile) -> tuple[Decimal, tuple[Citation, ...]]:
    best: Applied[Decimal] | None = None
    for cid in profile.certifications:
        cert = rules.certifications[cid]
        found = apply(rules, cert.required_cecs, profile.cycle_end)
        if found is None:
            raise TallyError(
                f"no CEC requirement for {cert.abbreviation} is known for a cycle ending "
                f"{profile.cycle_end.isoformat()}"
            )
        if best is None or found.value > best.value:
            best = found
    if best is None:
        raise TallyError("choose at least one certification")
    return best.value, (best.citation,)


def _decide(profile: Profile, activity: Activity) -> Decision:
    start, end = profile.cycle_start, profile.cycle_end
    if not start <= activity.completed <= end:
        return Decision(
            activity,
            ZERO,
            False,
            f"Completed {activity.completed.isoformat()}, outside the cycle "
            f"{start.isoformat()} to {end.isoformat()}: counts 0 CECs",
            (),
        )
    return Decision(
        activity, activity.amount, True, f"{fmt(activity.amount)} ACSM CECs count in full", ()
    )


def tally(rules: Rules, profile: Profile, activities: list[Activity]) -> Tally:
    required, citations = _requirement(rules, profile)
    decisions = tuple(_decide(profile, a) for a in activities)
    earned = sum((d.cecs for d in decisions), ZERO)
    remaining = max(ZERO, required - earned)
    return Tally(
        profile=profile,
        required=required,
        earned=earned,
        remaining=remaining,
        status="complete" if earned >= required else "short",
        required_citations=citations,
        decisions=decisions,
    )
