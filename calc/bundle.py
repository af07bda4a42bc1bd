"""Read the JSON rules bundle (written by ``calc.rulefiles`` at build time) into ``calc.model``.

The browser gets rules only in this form: no YAML parser is needed at run time.
Numbers travel as strings in the bundle so that they stay exact; they become ``Decimal`` here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from calc.dated import Entry, Rule
from calc.model import Certification, Rules, Source

BUNDLE_FORMAT = 1

T = TypeVar("T")


class BundleError(ValueError):
    """The bundle is not one this version of ``calc`` can read."""


def _rule(raw: Any, convert: Callable[[Any], T]) -> Rule[T]:
    return Rule(
        id=raw["rule"],
        page=raw["page"],
        anchor=raw["anchor"],
        entries=tuple(
            Entry(
                start=date.fromisoformat(e["from"]),
                value=None if e["value"] is None else convert(e["value"]),
                source=e["source"],
                status=e["status"],
                basis=e["basis"],
                note=e.get("note"),
            )
            for e in raw["entries"]
        ),
    )


def _source(sid: str, raw: Any) -> Source:
    return Source(
        id=sid,
        title=raw["title"],
        url=raw["url"],
        publisher=raw["publisher"],
        published=raw.get("published"),
        retrieved=date.fromisoformat(raw["retrieved"]),
        confidence=raw["confidence"],
        note=raw.get("note"),
    )


def _certification(cid: str, raw: Any) -> Certification:
    return Certification(
        id=cid,
        name=raw["name"],
        abbreviation=raw["abbreviation"],
        kind=raw["kind"],
        required_cecs=_rule(raw["required_cecs"], Decimal),
        renewal_fee_usd=_rule(raw["renewal_fee_usd"], Decimal),
    )


def rules_from_bundle(bundle: Any) -> Rules:
    """Build the rule model from a parsed bundle; a malformed bundle raises ``BundleError``."""
    try:
        if bundle["bundle_format"] != BUNDLE_FORMAT:
            raise BundleError(
                f"rules bundle format {bundle['bundle_format']!r} is not {BUNDLE_FORMAT}"
            )
        return Rules(
            last_verified=date.fromisoformat(bundle["last_verified"]),
            sources={k: _source(k, v) for k, v in bundle["sources"].items()},
            certifications={k: _certification(k, v) for k, v in bundle["certifications"].items()},
        )
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        if isinstance(exc, BundleError):
            raise
        raise BundleError(f"rules bundle is malformed: {type(exc).__name__}: {exc}") from exc


def rules_from_json(text: str) -> Rules:
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BundleError(f"rules bundle is not JSON: {exc}") from exc
    return rules_from_bundle(bundle)
