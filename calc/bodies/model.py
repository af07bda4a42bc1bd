"""Another certifying body's rules (ACE, NASM, NSCA...) as frozen, typed objects, built from the
body's part of the rules (``calc.rulefiles.load.load_all``; ``rules/<body>/body.yaml``).

Amounts are in the body's own unit. Only what the tally applies is modelled; the pages read the
rules as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from calc.bundle import dated_rule, optional_rule, source_from
from calc.dated import Rule
from calc.model import Source
from calc.text import parse_date

ANY_PROVIDER = "*"


def _day(text: Any) -> date:
    day = parse_date(text)
    if day is None:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    return day


@dataclass(frozen=True)
class BodyCertification:
    id: str
    name: str
    aliases: tuple[str, ...]
    required: Rule[Decimal]
    # A fixed calendar cycle's requirement for someone certified on or after each day.
    prorated: Rule[Decimal] | None
    cycle_years: Rule[Decimal]
    cycle_end: Rule[str]  # certification_day, certification_month_end or fixed_calendar
    deadline: Rule[date] | None  # a fixed calendar cycle's last day, keyed by its first day
    grace_days: Rule[Decimal] | None
    # Days after the cycle's end within which credits still count for a late renewal; past them,
    # a renewal still short of credits cannot be made.
    late_credit_days: Rule[Decimal] | None
    renewal_fee_usd: Rule[Decimal] | None


@dataclass(frozen=True)
class Part:
    """A part every renewal must include, inside the total (an ethics hour, the CPR credit)."""

    id: str
    name: str
    met_by: str  # topic, providers, cpr or rest
    providers: tuple[str, ...]
    amount: Rule[Decimal]


@dataclass(frozen=True)
class Cpr:
    required: Rule[bool]
    online_accepted: Rule[bool] | None
    counts: Rule[Decimal] | None
    valid_days_after_submission: Rule[Decimal] | None = None


@dataclass(frozen=True)
class BodyCategory:
    id: str
    name: str
    max: Rule[Decimal] | None
    max_prorated: Rule[Decimal] | None


@dataclass(frozen=True)
class UnitCap:
    """The most that credits in some units (college credits) count in one cycle, together."""

    name: str
    units: tuple[str, ...]  # unit ids of ACSM's units.yaml
    max: Rule[Decimal]


@dataclass(frozen=True)
class Route:
    """One way an activity from some organizations counts; tried in order."""

    id: str
    name: str
    providers: tuple[str, ...]  # provider ids, or ANY_PROVIDER
    format: str  # any, live or recorded
    gate: Rule[str]  # none, approval_number, petition or unknown
    petition_fee_usd: Rule[Decimal] | None
    max_per_event: Rule[Decimal] | None
    category: str | None
    converts: Mapping[str, Rule[Decimal]]  # another body's credit, by its provider id
    approved_by: tuple[str, ...]  # whose approval number counts (the body itself when empty)


@dataclass(frozen=True)
class Body:
    id: str  # also the provider id of its own courses in ACSM's providers
    name: str
    abbreviation: str
    unit: str
    units: str  # plural
    per_hour: Rule[Decimal]
    repeats_count: Rule[bool] | None
    shared: Rule[bool] | None  # one credit counts for each certification of the body held
    certifications: Mapping[str, BodyCertification]
    parts: tuple[Part, ...]
    cpr: Cpr
    categories: Mapping[str, BodyCategory]
    min_categories: Rule[Decimal] | None
    other_units: Mapping[str, Rule[Decimal]]  # one of ACSM's units (a college credit) in this
    unit_caps: tuple[UnitCap, ...]
    routes: tuple[Route, ...]
    sources: Mapping[str, Source]


def _certification(cid: str, raw: Any) -> BodyCertification:
    return BodyCertification(
        id=cid,
        name=raw["name"],
        aliases=tuple(raw.get("aliases", ())),
        required=dated_rule(raw["required"], Decimal),
        prorated=optional_rule(raw, "prorated", Decimal),
        cycle_years=dated_rule(raw["cycle_years"], Decimal),
        cycle_end=dated_rule(raw["cycle_end"], str),
        deadline=optional_rule(raw, "deadline", _day),
        grace_days=optional_rule(raw, "grace_days", Decimal),
        late_credit_days=optional_rule(raw, "late_credit_days", Decimal),
        renewal_fee_usd=optional_rule(raw, "renewal_fee_usd", Decimal),
    )


def _route(raw: Any) -> Route:
    return Route(
        id=raw["id"],
        name=raw["name"],
        providers=tuple(raw["providers"]),
        format=raw.get("format", "any"),
        gate=dated_rule(raw["gate"], str),
        petition_fee_usd=optional_rule(raw, "petition_fee_usd", Decimal),
        max_per_event=optional_rule(raw, "max_per_event", Decimal),
        category=raw.get("category"),
        converts={p: dated_rule(r, Decimal) for p, r in raw.get("converts", {}).items()},
        approved_by=tuple(raw.get("approved_by", ())),
    )


def body_from(raw: Any) -> Body:
    """A body's rules as ``load_all`` gives them."""
    about, cpr = raw["body"], raw["cpr"]
    return Body(
        id=about["id"],
        name=about["name"],
        abbreviation=about["abbreviation"],
        unit=about["unit"]["name"],
        units=about["unit"]["plural"],
        per_hour=dated_rule(about["unit"]["per_hour"], Decimal),
        repeats_count=optional_rule(about, "repeats_count", bool),
        shared=optional_rule(about, "shared_between_certifications", bool),
        certifications={c: _certification(c, r) for c, r in raw["certifications"].items()},
        parts=tuple(
            Part(
                id=pid,
                name=p["name"],
                met_by=p["met_by"],
                providers=tuple(p.get("providers", ())),
                amount=dated_rule(p["amount"], Decimal),
            )
            for pid, p in raw.get("parts", {}).items()
        ),
        cpr=Cpr(
            required=dated_rule(cpr["required"], bool),
            online_accepted=optional_rule(cpr, "online_accepted", bool),
            counts=optional_rule(cpr, "counts", Decimal),
            valid_days_after_submission=optional_rule(cpr, "valid_days_after_submission", Decimal),
        ),
        categories={
            cid: BodyCategory(
                id=cid,
                name=c["name"],
                max=optional_rule(c, "max", Decimal),
                max_prorated=optional_rule(c, "max_prorated", Decimal),
            )
            for cid, c in raw.get("categories", {}).items()
        },
        min_categories=optional_rule(raw, "min_categories", Decimal),
        other_units={u: dated_rule(r, Decimal) for u, r in raw.get("units", {}).items()},
        unit_caps=tuple(
            UnitCap(c["name"], tuple(c["units"]), dated_rule(c["max"], Decimal))
            for c in raw.get("unit_caps", ())
        ),
        routes=tuple(_route(r) for r in raw["routes"]),
        sources={sid: source_from(sid, s) for sid, s in raw["sources"].items()},
    )


def bodies_from(raw: Mapping[str, Any]) -> dict[str, Body]:
    return {bid: body_from(b) for bid, b in raw.items()}
