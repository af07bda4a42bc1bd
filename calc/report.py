"""A tally as plain data (for JSON): the one shape the command line and the browser both show."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from calc.citations import Citation
from calc.engine import Decision, Tally
from calc.model import Rules
from calc.text import fmt

# JSON has exact decimal numbers but Python's json writes only floats; numbers are written as
# strings between two tags, and the tags and quotes removed afterwards (two plain replaces, fast
# on a large result). The tags are random, so no text a user typed can forge one.
_OPEN = "num-" + secrets.token_hex(8) + "<"
_CLOSE = ">" + secrets.token_hex(8) + "-num"


def num(value: Decimal) -> str:
    return _OPEN + fmt(value) + _CLOSE


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def citations_json(citations: Iterable[Citation], rules: Rules) -> list[dict[str, Any]]:
    return [
        {
            "rule": c.rule,
            "source": c.source,
            "title": rules.sources[c.source].title,
            "url": c.url,
            "page": c.page,
            "anchor": c.anchor,
            "status": c.status,
            "since": c.since.isoformat(),
        }
        for c in citations
    ]


def amount_text(d: Decision, rules: Rules) -> str:
    """The amount in its unit, in words: "1.5 CECs", "1 contact hour"."""
    unit = rules.units[d.unit]
    return f"{fmt(d.activity.amount)} {unit.short if d.activity.amount == 1 else unit.plural}"


def _decided(d: Decision, rules: Rules, sources: list[Any]) -> dict[str, Any]:
    """What the page needs of an activity's result (it has the activity itself)."""
    return {
        "unit": d.unit,
        "amount_text": amount_text(d, rules),
        "cecs": num(d.cecs),
        "counted": d.counted,
        "planned": d.planned,
        "would_cecs": num(d.would),
        "to_report": d.to_report,
        "explanation": d.explanation,
        "sources": sources,
        "notes": list(d.notes),
        "warnings": list(d.warnings),
    }


def _activity(row: int, d: Decision, rules: Rules, sources: Any) -> dict[str, Any]:
    a = d.activity
    return {
        "row": row,
        "date": a.completed.isoformat(),
        "title": a.title,
        "provider": a.provider,
        "amount": num(a.amount),
        "unit": d.unit,
        "amount_text": amount_text(d, rules),
        "category": d.category,
        "in_scope": a.in_scope,
        "certificate": a.certificate,
        "decimal_system": a.decimal_system,
        "reported": a.reported,
        "converted_cecs": num(d.converted),
        "cecs": num(d.cecs),
        "counted": d.counted,
        "planned": d.planned,
        "would_cecs": num(d.would),
        "to_report": d.to_report,
        "lost_cecs": num(d.lost),
        "explanation": d.explanation,
        "sources": sources(d.citations),
        "notes": list(d.notes),
        "warnings": list(d.warnings),
    }


def _summary(t: Tally, rules: Rules, activities: Any) -> dict[str, Any]:
    o = t.outlook
    return {
        "verdict": {
            "state": o.verdict.state,
            "headline": o.verdict.headline,
            "steps": list(o.verdict.steps),
        },
        "required_cecs": num(t.required),
        "earned_cecs": num(t.earned),
        "remaining_cecs": num(t.remaining),
        "planned_cecs": num(t.planned),
        "with_plans_cecs": num(t.earned + t.planned),
        "status": t.status,
        "certifications": list(t.profile.certifications),
        "cycle": {"start": t.cycle.start.isoformat(), "end": t.cycle.end.isoformat()},
        "requirement": {
            "certification": t.requirement.certification,
            "explanation": t.requirement.explanation,
            "sources": citations_json(t.requirement.citations, rules),
            "notes": list(t.requirement.notes),
        },
        "activities": activities,
        "checklist": [
            {
                "id": c.id,
                "state": c.state,
                "ok": c.ok,
                "text": c.text,
                "steps": list(c.steps),
                "sources": citations_json(c.citations, rules),
            }
            for c in o.checklist
        ],
        "dates": {
            "cycle_start": _day(o.dates.cycle_start),
            "cycle_end": _day(o.dates.cycle_end),
            "renewal_opens": _day(o.dates.renewal_opens),
            "grace_period_end": _day(o.dates.grace_period_end),
            "keep_proof_until": _day(o.dates.keep_proof_until),
            "as_of": _day(o.dates.as_of),
            "renewed_on": _day(o.dates.renewed_on),
        },
        "fee": {
            "phase": o.fee.phase,
            "total_usd": None if o.fee.total is None else num(o.fee.total),
            "explanation": o.fee.explanation,
            "sources": citations_json(o.fee.citations, rules),
        },
        "pace": {
            "state": o.pace.state,
            "expected_cecs": num(o.pace.expected),
            "elapsed_percent": o.pace.elapsed_percent,
        },
        "warnings": list(o.warnings),
        "rules_last_verified": rules.last_verified.isoformat(),
    }


def tally_json(t: Tally, rules: Rules) -> dict[str, Any]:
    """The result as plain data, every activity in full (the command line's JSON)."""

    def full(citations: Iterable[Citation]) -> list[dict[str, Any]]:
        return citations_json(citations, rules)

    activities = [_activity(row, d, rules, full) for row, d in enumerate(t.decisions, start=1)]
    return _summary(t, rules, activities)


_ACTIVITIES = "activities-" + secrets.token_hex(8)
_CITATIONS = "citations-" + secrets.token_hex(8)


def decision_json(d: Decision, rules: Rules, key: Callable[[Citation], str]) -> str:
    """One decision's JSON in the page's form, naming its sources by ``key``."""
    return dumps(_decided(d, rules, [key(c) for c in d.citations]))


def page_json(t: Tally, rules: Rules, fragments: Sequence[str], citations_table: str) -> str:
    """The result as JSON text, in the page's form: each activity's result (``fragments``, from
    :func:`decision_json`, in order) without the fields the page already has, naming its sources
    by key into one ``citations`` table (a thousand activities share a handful of rules)."""
    data = _summary(t, rules, _ACTIVITIES)
    data["citations"] = _CITATIONS
    return (
        dumps(data)
        .replace(f'"{_ACTIVITIES}"', "[" + ",".join(fragments) + "]")
        .replace(f'"{_CITATIONS}"', citations_table)
    )


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text with every tagged number written as an exact JSON number."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.replace('"' + _OPEN, "").replace(_CLOSE + '"', "")
