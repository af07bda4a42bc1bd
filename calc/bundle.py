"""Read the JSON rules bundle (written by ``calc.rulefiles`` at build time) into ``calc.model``.

The browser gets rules only in this form: no YAML parser is needed at run time.
Numbers travel as strings in the bundle so that they stay exact; they become ``Decimal`` here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from calc.dated import Entry, Rule
from calc.model import (
    Audits,
    Category,
    Certification,
    Equivalence,
    Provider,
    Renewal,
    Rules,
    Source,
    Tracking,
    Unit,
)
from calc.text import name_key, parse_date

BUNDLE_FORMAT = 1

T = TypeVar("T")


class BundleError(ValueError):
    """The bundle is not one this version of ``calc`` can read."""


def _date(text: Any) -> date:
    day = parse_date(text)
    if day is None:
        raise BundleError(f"rules bundle is malformed: {text!r} is not a date written YYYY-MM-DD")
    return day


def dated_rule(raw: Any, convert: Callable[[Any], T]) -> Rule[T]:
    return Rule(
        id=raw["rule"],
        page=raw["page"],
        anchor=raw["anchor"],
        entries=tuple(
            Entry(
                start=_date(e["from"]),
                value=None if e["value"] is None else convert(e["value"]),
                source=e["source"],
                status=e["status"],
                basis=e["basis"],
                note=e.get("note"),
                quote=e.get("quote"),
            )
            for e in raw["entries"]
        ),
    )


def _fraction(text: Any) -> tuple[Decimal, Decimal]:
    """ "2/3" as (2, 3): kept apart, so that a share is applied exactly (Decimal has no 2/3)."""
    top, _, bottom = str(text).partition("/")
    pair = Decimal(top), Decimal(bottom)
    if not pair[1]:
        raise BundleError(f"rules bundle is malformed: {text!r} divides by 0")
    return pair


def optional_rule(raw: Any, key: str, convert: Callable[[Any], T]) -> Rule[T] | None:
    return dated_rule(raw[key], convert) if key in raw else None


def source_from(sid: str, raw: Any) -> Source:
    return Source(
        id=sid,
        title=raw["title"],
        url=raw["url"],
        publisher=raw["publisher"],
        published=raw.get("published"),
        retrieved=_date(raw["retrieved"]),
        confidence=raw["confidence"],
        note=raw.get("note"),
    )


def _certification(cid: str, raw: Any) -> Certification:
    return Certification(
        id=cid,
        name=raw["name"],
        abbreviation=raw["abbreviation"],
        kind=raw["kind"],
        standing=dated_rule(raw["standing"], str),
        required_cecs=optional_rule(raw, "required_cecs", Decimal),
        renewal_fee_usd=optional_rule(raw, "renewal_fee_usd", Decimal),
        maintenance=optional_rule(raw, "maintenance", str),
    )


def _unit(uid: str, raw: Any) -> Unit:
    return Unit(
        id=uid,
        name=raw["name"],
        short=raw["short"],
        plural=raw.get("plural", raw["short"]),
        provider_defined=bool(raw.get("provider_defined")),
        time_based=bool(raw.get("time_based")),
        cecs_per_unit=optional_rule(raw, "cecs_per_unit", Decimal),
        share=optional_rule(raw, "share", _fraction),
        aliases=tuple(raw.get("aliases", ())),
        convention=dated_rule(raw["convention"], str),
    )


def _provider(pid: str, raw: Any) -> Provider:
    return Provider(
        id=pid,
        name=raw["name"],
        abbreviation=raw["abbreviation"],
        unit=raw["unit"],
        decimal_system=optional_rule(raw, "decimal_system", bool),
        hours_per_credit=optional_rule(raw, "hours_per_credit", Decimal),
        convention=optional_rule(raw, "convention", str),
        reported_automatically=optional_rule(raw, "reported_automatically", str),
        aliases=tuple(raw.get("aliases", ())),
        named=bool(raw.get("named")),
    )


def _category(cid: str, raw: Any) -> Category:
    return Category(
        id=cid,
        name=raw["name"],
        in_force=dated_rule(raw["in_force"], bool),
        cap_per_year=optional_rule(raw, "cap_per_year", Decimal),
        cap_per_cycle=optional_rule(raw, "cap_per_cycle", Decimal),
        suggested_unit=raw.get("suggested_unit"),
        cap_per_service_year=optional_rule(raw, "cap_per_service_year", Decimal),
        per_completion=optional_rule(raw, "per_completion", Decimal),
        service_period=bool(raw.get("service_period")),
        length_in_hours=bool(raw.get("length_in_hours")),
        cpr_course=bool(raw.get("cpr_course")),
    )


def _renewal(raw: Any) -> Renewal:
    return Renewal(
        cycle_years=dated_rule(raw["cycle_years"], Decimal),
        cycle_end=dated_rule(raw["cycle_end"], str),
        grace_period_end=dated_rule(raw["grace_period_end"], str),
        late_fee_usd=dated_rule(raw["late_fee_usd"], Decimal),
        reinstatement_fee_usd=dated_rule(raw["reinstatement_fee_usd"], Decimal),
        reinstatement_fee_other_usd=optional_rule(raw, "reinstatement_fee_other_usd", Decimal),
        reinstatement_known_years=optional_rule(raw, "reinstatement_known_years", Decimal),
        reinstatement=dated_rule(raw["reinstatement"], tuple),
        grace_status=dated_rule(raw["grace_status"], str),
        renewal_window_years=dated_rule(raw["renewal_window_years"], Decimal),
        cpr_aed_required=dated_rule(raw["cpr_aed_required"], bool),
        highest_certification_only=dated_rule(raw["highest_certification_only"], str),
        additional_certification_fee_usd=dated_rule(
            raw["additional_certification_fee_usd"], Decimal
        ),
    )


def _audits(raw: Any) -> Audits:
    return Audits(keep_proof_years=dated_rule(raw["keep_proof_years"], Decimal))


def _equivalence(raw: Any) -> Equivalence:
    return Equivalence(
        one_to_one=dated_rule(raw["one_to_one"], Decimal),
        decimal_system=dated_rule(raw["decimal_system"], Decimal),
        per_hour_in_doubt=dated_rule(raw["per_hour_in_doubt"], Decimal),
    )


def _known(place: str, value: str | None, known: Mapping[str, Any], kind: str) -> None:
    """A reference to another part of the bundle (``None``: no reference), which must exist."""
    if value is not None and value not in known:
        raise BundleError(
            f"rules bundle is malformed: {place} names unknown {kind} {value!r}"
            f" (known: {', '.join(known)})"
        )


def _names(named: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each way to name an id, as :func:`calc.text.name_key` compares names: as given and
    without its explanation in brackets ("American Council on Exercise (ACE)" also as
    "American Council on Exercise"). A name two ids share names neither."""
    ids: dict[str, set[str]] = {}
    for name, nid in named:
        for spelling in (name, name.split(" (")[0]):
            ids.setdefault(name_key(spelling), set()).add(nid)
    return {name: min(found) for name, found in ids.items() if len(found) == 1 and name}


def rules_from_bundle(bundle: Any) -> Rules:
    """Build the rule model from a parsed bundle; a malformed bundle raises ``BundleError``."""
    try:
        if bundle["bundle_format"] != BUNDLE_FORMAT:
            raise BundleError(
                f"rules bundle format {bundle['bundle_format']!r} is not {BUNDLE_FORMAT}"
            )
        units = {k: _unit(k, v) for k, v in bundle["units"].items()}
        providers = {k: _provider(k, v) for k, v in bundle["providers"].items()}
        categories = {k: _category(k, v) for k, v in bundle["categories"].items()}
        for p in providers.values():
            _known(f"providers.{p.id}.unit", p.unit, units, "unit")
        for c in categories.values():
            _known(f"categories.{c.id}.suggested_unit", c.suggested_unit, units, "unit")
        _known("default_category", bundle["default_category"], categories, "category")
        return Rules(
            last_verified=_date(bundle["last_verified"]),
            sources={k: source_from(k, v) for k, v in bundle["sources"].items()},
            certifications={k: _certification(k, v) for k, v in bundle["certifications"].items()},
            units=units,
            equivalence=_equivalence(bundle["conversion"]),
            providers=providers,
            categories=categories,
            default_category=bundle["default_category"],
            within_scope=dated_rule(bundle["scope"]["within_scope"], str),
            renewal=_renewal(bundle["renewal"]),
            audits=_audits(bundle["audits"]),
            tracking=Tracking(
                self_reporting_steps=dated_rule(bundle["tracking"]["self_reporting_steps"], tuple),
                acsm_page=optional_rule(bundle["tracking"], "acsm_page", str),
            ),
            provider_names=_names(
                (name, p.id)
                for p in providers.values()
                for name in (p.abbreviation, p.name, *p.aliases)
            ),
            unit_names=_names(
                (name, u.id)
                for u in units.values()
                for name in (u.short, u.plural, u.name, *u.aliases)
            ),
        )
    except BundleError:
        raise
    except (KeyError, TypeError, AttributeError, ValueError, ArithmeticError) as exc:
        raise BundleError(f"rules bundle is malformed: {type(exc).__name__}: {exc}") from exc


def rules_from_json(text: str) -> Rules:
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(f"rules bundle is not JSON: {exc}") from exc
    return rules_from_bundle(bundle)
