"""Every body's result as the command line gives it: the JSON ``bodies`` and each activity's
``counts_for``, and the lines of the text report. ACSM's own result (``calc.engine``) is shown in
the same shape, beside the other bodies'."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from calc.bodies.tally import (
    CAPPED,
    COUNTED,
    NEEDS_PETITION,
    NOT_ACCEPTED,
    OUTSIDE_CYCLE,
    PLANNED,
    UNKNOWN,
    BodyTally,
    CertTally,
    Count,
)
from calc.engine import Decision, Tally
from calc.text import fmt

ACSM = "acsm"
# Each status as the text report says it (the JSON keeps the ids).
_STATUS_WORDS = {
    COUNTED: "counts",
    CAPPED: "capped",
    NEEDS_PETITION: "needs a petition",
    NOT_ACCEPTED: "does not count",
    OUTSIDE_CYCLE: "outside the cycle",
    PLANNED: "planned",
    UNKNOWN: "not known",
}


def _cert_json(c: CertTally) -> dict[str, Any]:
    return {
        "certification": c.certification.id,
        "name": c.certification.name,
        "required": None if c.required is None else fmt(c.required),
        "earned": fmt(c.earned),
        "remaining": None if c.remaining is None else fmt(c.remaining),
        "cycle": None
        if c.cycle is None
        else {"start": c.cycle.start.isoformat(), "end": c.cycle.end.isoformat()},
        "grace_period_end": None if c.grace_end is None else c.grace_end.isoformat(),
        "verdict": {"state": c.state, "headline": c.headline},
        "checklist": [{"id": k.id, "ok": k.ok, "text": k.text} for k in c.checklist],
        "notes": list(c.notes),
    }


def body_json(t: BodyTally) -> dict[str, Any]:
    """A body's entry: its most urgent certification's result first, each one's in
    ``by_certification``."""
    first = _cert_json(t.first)
    return {
        "body": t.body.id,
        "name": t.body.name,
        "abbreviation": t.body.abbreviation,
        "certifications": [c.certification.id for c in t.certifications],
        "unit": t.body.units,
        **{k: first[k] for k in ("required", "earned", "remaining", "cycle", "verdict")},
        "checklist": first["checklist"],
        "by_certification": [_cert_json(c) for c in t.certifications],
    }


def acsm_json(t: Tally) -> dict[str, Any]:
    """ACSM's result in the shape of the other bodies'."""
    o = t.outlook
    cycle = {"start": t.cycle.start.isoformat(), "end": t.cycle.end.isoformat()}
    return {
        "body": ACSM,
        "name": "American College of Sports Medicine",
        "abbreviation": "ACSM",
        "certifications": list(t.profile.certifications),
        "unit": "ACSM CECs",
        "required": fmt(t.required),
        "earned": fmt(t.earned),
        "remaining": fmt(t.remaining),
        "cycle": cycle,
        "verdict": {"state": o.verdict.state, "headline": o.verdict.headline},
        "checklist": [{"id": c.id, "ok": c.ok, "text": c.text} for c in o.checklist],
    }


def _acsm_status(d: Decision, start: date) -> str:
    """ACSM's decision in the other bodies' words (``start``: the first day of ACSM's cycle)."""
    if d.next_cycle or d.activity.completed < start:
        return OUTSIDE_CYCLE
    if d.planned:
        return PLANNED
    if d.cecs > 0:
        return CAPPED if d.cecs < d.converted else COUNTED
    return CAPPED if d.converted > 0 and d.cut_by is not None else NOT_ACCEPTED


def _count_json(c: Count) -> dict[str, str]:
    return {"amount": fmt(c.amount), "status": c.status, "reason": c.reason}


def counts_for(
    acsm: Tally | None, bodies: Sequence[BodyTally], row: int
) -> dict[str, dict[str, str]]:
    """What the activity in ``row`` (0-based) counts for each body held."""
    found: dict[str, dict[str, str]] = {}
    if acsm is not None:
        d = acsm.decisions[row]
        found[ACSM] = {
            "amount": fmt(d.cecs),
            "status": _acsm_status(d, acsm.cycle.start),
            "reason": d.explanation,
        }
    for t in bodies:
        found[t.body.id] = _count_json(t.first.counts[row])
    return found


def body_lines(t: BodyTally, titles: Sequence[str]) -> list[str]:
    """A body's part of the text report: each certification's headline and checklist, then what
    each activity counts there."""
    lines: list[str] = []
    for c in t.certifications:
        lines += ["", c.headline]
        lines += [f"  [{'x' if k.ok else ' '}] {k.text}" for k in c.checklist]
        lines += [f"  Note: {note}" for note in c.notes]
    lines.append(f"  Activities for {t.body.abbreviation} ({t.first.certification.name}):")
    for row, title in enumerate(titles, start=1):
        count = t.first.counts[row - 1]
        amount = f"{fmt(count.amount)} {t.body.units}"
        said = _STATUS_WORDS[count.status]
        lines.append(f"    {row}. {title or '(no title)'}: {amount}, {said}: {count.reason}")
    return lines
