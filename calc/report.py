"""A tally as plain data (for JSON), the one shape the command line and the browser both show."""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any

from calc.engine import Citation, Tally, fmt

# JSON has exact decimal numbers but Python's json writes only floats; numbers are written as
# tagged strings and untagged afterwards. The tag is random so no user text can forge one.
_TAG = "num-" + secrets.token_hex(8) + ":"
_TAGGED = re.compile('"' + re.escape(_TAG) + r'(-?[0-9]+(?:\.[0-9]+)?)"')


def _num(value: Decimal) -> str:
    return _TAG + fmt(value)


def citation_json(c: Citation) -> dict[str, Any]:
    return {
        "rule": c.rule,
        "source": c.source,
        "url": c.url,
        "page": c.page,
        "anchor": c.anchor,
        "status": c.status,
    }


def tally_json(t: Tally) -> dict[str, Any]:
    p = t.profile
    return {
        "required_cecs": _num(t.required),
        "earned_cecs": _num(t.earned),
        "remaining_cecs": _num(t.remaining),
        "status": t.status,
        "certifications": list(p.certifications),
        "requirement_sources": [citation_json(c) for c in t.required_citations],
        "activities": [
            {
                "date": d.activity.completed.isoformat(),
                "title": d.activity.title,
                "cecs": _num(d.cecs),
                "counted": d.counted,
                "explanation": d.explanation,
                "sources": [citation_json(c) for c in d.citations],
            }
            for d in t.decisions
        ],
        "checklist": [
            {
                "item": "cecs",
                "ok": t.status == "complete",
                "text": f"{fmt(t.earned)} of {fmt(t.required)} CECs earned",
            }
        ],
        "dates": {
            "cycle_start": p.cycle_start.isoformat(),
            "cycle_end": p.cycle_end.isoformat(),
            "as_of": p.as_of.isoformat(),
        },
    }


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text with every tagged number written as an exact JSON number."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _TAGGED.sub(r"\1", text)
