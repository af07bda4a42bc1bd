"""The rule set as frozen, typed objects, built from the JSON bundle (see ``calc.bundle``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calc.dated import Rule


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    publisher: str
    published: str | None
    retrieved: date
    confidence: str
    note: str | None = None


@dataclass(frozen=True)
class Certification:
    id: str
    name: str
    abbreviation: str
    kind: str
    required_cecs: Rule[Decimal]
    renewal_fee_usd: Rule[Decimal]


@dataclass(frozen=True)
class Rules:
    last_verified: date
    sources: Mapping[str, Source]
    certifications: Mapping[str, Certification]
