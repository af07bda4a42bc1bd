"""A tally as plain data, ready for one ``json.dumps``: the one shape the command line and the
browser both show.

Every Decimal is written as a decimal string, "15" or "1.5" (:func:`calc.text.fmt`): exact,
where Python's json would write a float; readers turn it into a number themselves."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from calc.citations import Citation
from calc.engine import Decision, Tally, following
from calc.model import Rules
from calc.status import Check
from calc.text import fmt


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
            "quote": c.quote,
        }
        for c in citations
    ]


def amount_text(d: Decision, rules: Rules) -> str:
    """The amount in its unit, in words: "1.5 CECs", "1 contact hour"."""
    unit = rules.units[d.unit]
    amount = d.activity.amount
    if amount is None:
        return f"length not given ({unit.plural})"
    return f"{fmt(amount)} {unit.short if amount == 1 else unit.plural}"


def decision_data(d: Decision, rules: Rules, key: Callable[[Citation], str]) -> dict[str, Any]:
    """What the page needs of an activity's result (it has the activity itself), naming its
    sources by ``key``. Its lists are tuples, the decision's own where it has them (json writes
    them as arrays): the calculator keeps one of these per decision."""
    return {
        "unit": d.unit,
        "amount_text": amount_text(d, rules),
        "cecs": fmt(d.cecs),
        "counted": d.counted,
        "planned": d.planned,
        "next_cycle": d.next_cycle,
        "would_cecs": fmt(d.would),
        "to_report": d.to_report,
        "explanation": d.explanation,
        "sources": tuple(key(c) for c in d.citations),
        "notes": d.notes,
        "warnings": d.warnings,
        "copy_of": d.copy_of,
    }


def _activity(row: int, d: Decision, rules: Rules) -> dict[str, Any]:
    a = d.activity
    return {
        "row": row,
        "date": a.completed.isoformat(),
        "title": a.title,
        "provider": a.provider,
        "amount": "" if a.amount is None else fmt(a.amount),
        "unit": d.unit,
        "amount_text": amount_text(d, rules),
        "category": d.category,
        "in_scope": a.in_scope,
        "certificate": a.certificate,
        "decimal_system": a.decimal_system,
        "reported": a.reported,
        "separate": a.separate,
        "service_from": _day(a.service_from),
        "service_to": _day(a.service_to),
        "copy_of": d.copy_of,
        "converted_cecs": fmt(d.converted),
        "cecs": fmt(d.cecs),
        "counted": d.counted,
        "planned": d.planned,
        "next_cycle": d.next_cycle,
        "would_cecs": fmt(d.would),
        "to_report": d.to_report,
        "lost_cecs": fmt(d.lost),
        "explanation": d.explanation,
        "sources": citations_json(d.citations, rules),
        "notes": list(d.notes),
        "warnings": list(d.warnings),
    }


def totals(t: Tally) -> dict[str, str]:
    """Where the tally stands, in CECs."""
    return {
        "required_cecs": fmt(t.required),
        "earned_cecs": fmt(t.earned),
        "remaining_cecs": fmt(t.remaining),
        "planned_cecs": fmt(t.planned),
        "with_plans_cecs": fmt(t.earned + t.planned),
    }


def _link(c: Check) -> dict[str, str] | None:
    if c.link is None:
        return None
    return {"text": c.link.value, "url": c.link.citation.url}


def deadline(t: Tally) -> dict[str, Any] | None:
    """The day the renewal is due and the days left to it, while something is still to do: the
    cycle's end, or in the grace period its end. None once renewed, lapsed or past it."""
    o = t.outlook
    if o.verdict.state not in ("short", "renew", "grace"):
        return None
    grace = o.verdict.state == "grace"
    day = o.dates.grace_period_end if grace else o.dates.cycle_end
    if day is None or day < o.dates.as_of:
        return None
    return {"date": day.isoformat(), "days_left": (day - o.dates.as_of).days, "grace": grace}


def next_cycle(t: Tally, rules: Rules) -> dict[str, str] | None:
    """The next cycle, once it can be started: the renewal recorded or this cycle's end passed."""
    o = t.outlook
    if o.dates.renewed_on is None and o.dates.as_of <= t.cycle.end:
        return None
    found = following(rules, t.cycle)
    return (
        None if found is None else {"start": found.start.isoformat(), "end": found.end.isoformat()}
    )


def _summary(t: Tally, rules: Rules, activities: list[dict[str, Any]]) -> dict[str, Any]:
    o = t.outlook
    return {
        "verdict": {
            "state": o.verdict.state,
            "headline": o.verdict.headline,
            "steps": list(o.verdict.steps),
        },
        **totals(t),
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
                # The link to ACSM's own page: its words and the address of its source.
                "link": _link(c),
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
            "total_usd": None if o.fee.total is None else fmt(o.fee.total),
            "explanation": o.fee.explanation,
            "sources": citations_json(o.fee.citations, rules),
        },
        "deadline": deadline(t),
        "next_cycle": next_cycle(t, rules),
        "pace": {
            "state": o.pace.state,
            "expected_cecs": fmt(o.pace.expected),
            "elapsed_percent": o.pace.elapsed_percent,
        },
        "warnings": list(o.warnings),
        "rules_last_verified": rules.last_verified.isoformat(),
    }


def tally_json(t: Tally, rules: Rules) -> dict[str, Any]:
    """The result as plain data, every activity in full (the command line's JSON)."""
    activities = [_activity(row, d, rules) for row, d in enumerate(t.decisions, start=1)]
    return _summary(t, rules, activities)


def page_data(
    t: Tally, rules: Rules, activities: list[dict[str, Any]], citations: dict[str, Any]
) -> dict[str, Any]:
    """The result as plain data, in the page's form: each activity's result (``activities``,
    from :func:`decision_data`, in order) without the fields the page already has, naming its
    sources by key into one ``citations`` table (a thousand activities share a handful of
    rules)."""
    data = _summary(t, rules, activities)
    data["citations"] = citations
    return data


def dumps(data: Any, *, indent: int | None = None) -> str:
    """JSON text, readable in any language (not \\u-escaped). The data is made here, a tree
    (a dict may appear twice, never inside itself): the check for cycles, an entry in a table
    for each of the page result's thousands of dicts and lists, is left out."""
    return json.dumps(data, ensure_ascii=False, indent=indent, check_circular=False)
