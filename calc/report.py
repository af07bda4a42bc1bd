"""A tally as plain data (for JSON): the one shape the command line and the browser both show."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from calc.citations import Citation, fmt
from calc.engine import Decision, Tally
from calc.model import Rules

# JSON has exact decimal numbers but Python's json writes only floats; numbers are written as
# tagged strings and untagged afterwards. The tag is random so no user text can forge one.
_TAG = "num-" + secrets.token_hex(8) + ":"
_TAGGED = re.compile('"' + re.escape(_TAG) + r'(-?[0-9]+(?:\.[0-9]+)?)"')


def num(value: Decimal) -> str:
    return _TAG + fmt(value)


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


def _activity(d: Decision, rules: Rules) -> dict[str, Any]:
    a = d.activity
    return {
        "row": d.row + 1,
        "date": a.completed.isoformat(),
        "title": a.title,
        "provider": a.provider,
        "amount": num(a.amount),
        "unit": d.unit,
        "category": d.category,
        "in_scope": a.in_scope,
        "certificate": a.certificate,
        "converted_cecs": num(d.converted),
        "cecs": num(d.cecs),
        "counted": d.counted,
        "lost_cecs": num(d.lost),
        "explanation": d.explanation,
        "sources": citations_json(d.citations, rules),
        "notes": list(d.notes),
    }


def tally_json(t: Tally, rules: Rules) -> dict[str, Any]:
    o = t.outlook
    return {
        "required_cecs": num(t.required),
        "earned_cecs": num(t.earned),
        "remaining_cecs": num(t.remaining),
        "status": t.status,
        "certifications": list(t.profile.certifications),
        "cycle": {"start": t.cycle.start.isoformat(), "end": t.cycle.end.isoformat()},
        "requirement": {
            "certification": t.requirement.certification,
            "explanation": t.requirement.explanation,
            "sources": citations_json(t.requirement.citations, rules),
            "notes": list(t.requirement.notes),
        },
        "activities": [_activity(d, rules) for d in t.decisions],
        "checklist": [
            {
                "id": c.id,
                "ok": c.ok,
                "text": c.text,
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


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text with every tagged number written as an exact JSON number."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _TAGGED.sub(r"\1", text)
