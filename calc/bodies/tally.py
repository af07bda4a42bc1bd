"""One activity log tallied against another certifying body's rules, in that body's unit and cycle.

Body-independent: everything a body does differently is in its rules (``calc.bodies.model``).
Where a body's rule is unknown or not met yet (a petition not yet approved, an approval number
not given, a course's format not said), the activity counts 0 there and says why and what would
change it: never a guess in the professional's favour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from calc.bodies.model import ANY_PROVIDER, Body, BodyCertification, Part, Route
from calc.convert import hours as acsm_hours
from calc.dated import Entry, Rule, add_years
from calc.engine import Cycle
from calc.model import Activity, Rules
from calc.text import fmt, long_date, money, name_key, title_key

T = TypeVar("T")
ZERO = Decimal(0)

COUNTED = "counted"
CAPPED = "capped"
NEEDS_PETITION = "needs_petition"
NOT_ACCEPTED = "not_accepted"
OUTSIDE_CYCLE = "outside_cycle"
UNKNOWN = "unknown"
PLANNED = "planned"  # dated after the day judged on: counts once done
# When no route lets an activity count, the most useful of the reasons is given first.
_PENDING_ORDER = (NEEDS_PETITION, NOT_ACCEPTED, UNKNOWN)

COMPLETE = "complete"
TO_DO = "to_do"
GRACE = "grace"
LAPSED = "lapsed"
NO_CYCLE = "unknown"


@dataclass(frozen=True)
class Held:
    """One certification of the body that the professional holds, with its own dates."""

    certification: str
    cycle_end: date | None = None
    cycle_start: date | None = None  # None: the cycle's length before its end
    certified: date | None = None  # the day it was earned: sets the cycle when no end is given
    cpr_expires: date | None = None
    renewed_on: date | None = None  # the renewal of the cycle that ended: judge the next one


@dataclass(frozen=True)
class Count:
    """What one activity counts for one certification of a body."""

    amount: Decimal  # in the body's unit, after caps
    status: str
    reason: str
    category: str | None = None


@dataclass(frozen=True)
class Check:
    id: str
    ok: bool
    text: str


@dataclass(frozen=True)
class CertTally:
    certification: BodyCertification
    cycle: Cycle | None
    grace_end: date | None
    required: Decimal | None
    earned: Decimal
    counts: tuple[Count, ...]  # in input order
    checklist: tuple[Check, ...]
    state: str
    headline: str
    notes: tuple[str, ...]

    @property
    def remaining(self) -> Decimal | None:
        return None if self.required is None else max(ZERO, self.required - self.earned)


@dataclass(frozen=True)
class BodyTally:
    body: Body
    certifications: tuple[CertTally, ...]  # the most urgent first

    @property
    def first(self) -> CertTally:
        return self.certifications[0]


def _value(rule: Rule[T] | None, day: date) -> Entry[T] | None:
    """The entry of ``rule`` in force on ``day`` with a value (None: no rule says)."""
    entry = rule.at(day) if rule is not None else None
    return entry if entry is not None and entry.value is not None else None


def _unsure(body: Body, *entries: Entry[Any] | None) -> str:
    """What the professional reads after a reason resting on an unconfirmed rule."""
    if any(e is not None and e.status != "confirmed" for e in entries):
        return f" (not confirmed by {body.abbreviation})"
    return ""


def _month_end(day: date) -> date:
    # Worked out rather than asked of the calendar module, which the page's Python leaves out.
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def cycle_of(cert: BodyCertification, held: Held, as_of: date) -> tuple[Cycle | None, str]:
    """The cycle to judge, or None with what the professional must give."""
    if held.cycle_end is not None:
        length = _value(cert.cycle_years, held.cycle_end)
        if held.cycle_start is not None:
            return Cycle(held.cycle_start, held.cycle_end), ""
        if length is None:
            return None, f"no cycle length is known for {cert.name}"
        start = add_years(held.cycle_end, -int(length.value or 0)) + timedelta(days=1)
        return Cycle(start, held.cycle_end), ""
    method = _value(cert.cycle_end, as_of)
    if method is not None and method.value == "fixed_calendar":
        deadline = _value(cert.deadline, as_of)
        if deadline is None or deadline.value is None:
            return None, f"the rules do not give {cert.name}'s cycle for {as_of.isoformat()}"
        # Credits count from the cycle's first day or the day certified, whichever is later.
        start = max(deadline.start, held.certified or deadline.start)
        return Cycle(start, deadline.value), ""
    if held.certified is None:
        return None, f"give the day you earned your {cert.name}, or your cycle's last day"
    length = _value(cert.cycle_years, as_of)
    years = int(length.value or 0) if length is not None else 0
    if method is None or years < 1:
        return None, f"the rules do not say how {cert.name}'s cycle is set"
    month_end = method.value == "certification_month_end"

    def end_of(turn: int) -> date:
        end = add_years(held.certified or as_of, turn * years)
        return _month_end(end) if month_end else end

    # The first cycle whose end, or grace period, is still ahead: a cycle that ended stays the
    # one judged (late, in its grace period) until the renewal is recorded, never the next one.
    grace = _value(cert.grace_days, as_of)
    late = timedelta(days=int(grace.value or 0) if grace is not None else 0)
    turns = 1
    while end_of(turns) + late < as_of:
        turns += 1

    def start_of(turn: int) -> date:
        return end_of(turn - 1) + timedelta(days=1) if turn > 1 else held.certified or as_of

    renewed = held.renewed_on
    if renewed is not None and end_of(turns) < as_of and renewed >= start_of(turns):
        turns += 1
    return Cycle(start_of(turns), end_of(turns)), ""


def required_of(cert: BodyCertification, held: Held, cycle: Cycle) -> Entry[Decimal] | None:
    """The credits needed: a fixed calendar cycle's prorated amount for someone certified during
    it, else the full amount in force at the cycle's end."""
    if cert.prorated is not None and held.certified is not None:
        first = cert.prorated.entries[0].start
        if held.certified >= max(first, cycle.start):
            prorated = _value(cert.prorated, held.certified)
            if prorated is not None:
                return prorated
    return _value(cert.required, cycle.end)


def _hours(rules: Rules, a: Activity) -> Decimal | None:
    """The hours of participation: as given, else as ACSM's conversion reads the unit."""
    if a.participation_hours is not None:
        return a.participation_hours
    spent = acsm_hours(rules, a) if a.amount is not None else ZERO
    return spent if spent > 0 else None


def _amount(
    body: Body, rules: Rules, route: Route, a: Activity, day: date
) -> tuple[Decimal | None, str]:
    """What the activity is worth in the body's unit, and how that was worked out."""
    provider = rules.providers.get(a.provider)
    own_unit = a.unit is None or (provider is not None and a.unit == provider.unit)
    if a.amount is not None and own_unit and a.provider == body.id:
        return a.amount, f"{fmt(a.amount)} {body.units} as {body.abbreviation} gives them"
    factor = _value(route.converts.get(a.provider), day)
    if a.amount is not None and own_unit and factor is not None and provider is not None:
        worth = a.amount * (factor.value or ZERO)
        said = (
            f"{fmt(a.amount)} {provider.abbreviation} credits at {fmt(factor.value or ZERO)} each"
        )
        return worth, said + _unsure(body, factor)
    per_unit = _value(body.other_units.get(a.unit or ""), day)
    if a.amount is not None and per_unit is not None:
        unit = rules.units[a.unit or ""]
        worth = a.amount * (per_unit.value or ZERO)
        said = f"{fmt(a.amount)} {unit.plural} at {fmt(per_unit.value or ZERO)} each"
        return worth, said + _unsure(body, per_unit)
    spent = _hours(rules, a)
    per_hour = _value(body.per_hour, day)
    if spent is None or per_hour is None:
        return None, "give the hours of participation to count it"
    worth = spent * (per_hour.value or ZERO)
    said = f"{fmt(spent)} hours of participation at {fmt(per_hour.value or ZERO)} an hour"
    return worth, said + _unsure(body, per_hour)


def _most(
    body: Body, route: Route, a: Activity, day: date, worth: Decimal | None
) -> Decimal | None:
    """What an activity could count at most once approved: its worth within the route's limit
    per event and any limit on its unit for the cycle (what other activities take is not
    known yet), never more than the rules allow."""
    if worth is None:
        return None
    limits = [_value(route.max_per_event, day)]
    limits += [_value(pool.max, day) for pool in body.unit_caps if a.unit in pool.units]
    return min([worth, *(e.value for e in limits if e is not None and e.value is not None)])


def _petition(body: Body, route: Route, worth: Decimal | None, day: date) -> str:
    fee = _value(route.petition_fee_usd, day)
    unsure = f", not confirmed by {body.abbreviation}" if _unsure(body, fee) else ""
    cost = f" ({money(fee.value or ZERO)}{unsure})" if fee is not None else ""
    if worth is None:
        return f"{route.name}: counts once {body.abbreviation} approves it{cost}, given its hours"
    worth_said = f"{fmt(worth)} {body.units}"
    return f"{route.name}: would count {worth_said} once {body.abbreviation} approves it{cost}"


def _route_count(body: Body, rules: Rules, a: Activity, day: date) -> tuple[Route | None, str, str]:
    """The route the activity counts by, or the reasons it does not (yet)."""
    pending: list[tuple[str, str]] = []
    for route in body.routes:
        if ANY_PROVIDER not in route.providers and a.provider not in route.providers:
            continue
        if route.format != "any" and a.format != route.format:
            if a.format is None:
                pending.append((UNKNOWN, f"{route.name}: only if {route.format}"))
            continue
        gate = _value(route.gate, day)
        unsure = _unsure(body, gate)
        if gate is not None and gate.value == "none":
            return route, COUNTED, route.name + unsure
        if gate is not None and gate.value == "approval_number":
            whose = route.approved_by or (body.id,)
            # A course of one of those bodies is approved by it: its own course needs no number.
            if a.provider in whose or any(said in whose for said, _ in a.approvals):
                return route, COUNTED, route.name + unsure
            pending.append((NOT_ACCEPTED, f"{route.name}: counts once you add its number"))
        elif gate is not None and gate.value == "petition":
            if body.id in a.petitions:
                return route, COUNTED, f"{route.name}, petition approved" + unsure
            worth, _ = _amount(body, rules, route, a, day)
            worth = _most(body, route, a, day, worth)
            pending.append((NEEDS_PETITION, _petition(body, route, worth, day) + unsure))
        else:
            pending.append((UNKNOWN, f"{route.name}: {body.abbreviation}'s rule is not known"))
    if not pending:
        return None, NOT_ACCEPTED, f"{body.abbreviation} does not accept credits from this provider"
    status = min((s for s, _ in pending), key=_PENDING_ORDER.index)
    reason = "; or ".join(dict.fromkeys(why for _, why in pending))
    if a.format is None and any(r.format != "any" for r in body.routes):
        reason += " (say whether it was live or recorded)"
    return None, status, reason


def _cpr_count(body: Body, a: Activity, day: date) -> Count:
    counts = _value(body.cpr.counts, day)
    if counts is None or not counts.value:
        if counts is not None and counts.status == "confirmed":
            return Count(ZERO, NOT_ACCEPTED, f"{body.abbreviation} gives no credit for CPR/AED")
        return Count(
            ZERO, UNKNOWN, f"{body.abbreviation}'s credit for a CPR/AED course is not known"
        )
    online = _value(body.cpr.online_accepted, day)
    if (online is None or not online.value) and a.format != "live":
        if online is None:
            why = f"{body.abbreviation} does not say whether an online CPR/AED course counts"
            ask = (
                "; a live course counts" if a.format == "recorded" else ": say whether it was live"
            )
            return Count(ZERO, UNKNOWN, why + ask)
        if a.format == "recorded":
            return Count(
                ZERO,
                NOT_ACCEPTED,
                f"{body.abbreviation} does not count an online-only CPR/AED course"
                + _unsure(body, online),
            )
        return Count(
            ZERO,
            UNKNOWN,
            f"{body.abbreviation} does not count an online-only CPR/AED course: say whether it "
            "was live" + _unsure(body, online),
        )
    return Count(
        counts.value,
        COUNTED,
        f"the CPR/AED course counts {fmt(counts.value)} {body.units}" + _unsure(body, counts),
    )


def _count(body: Body, rules: Rules, cycle: Cycle, a: Activity, until: date) -> Count:
    """One activity for one certification, before caps across activities. ``until``: the last
    day credits count for the cycle (after its end, for a late renewal)."""
    day = a.completed
    if day < cycle.start:
        return Count(
            ZERO, OUTSIDE_CYCLE, f"before this cycle, which starts {day_words(cycle.start)}"
        )
    if day > until:
        late = "" if until == cycle.end else f" and its late credits end {day_words(until)}"
        return Count(
            ZERO,
            OUTSIDE_CYCLE,
            f"after this cycle ends {day_words(cycle.end)}{late}: for the next one",
        )
    if not a.in_scope:
        return Count(ZERO, NOT_ACCEPTED, "you marked it outside your certification's scope")
    if _cpr_course(rules, a):
        return _cpr_count(body, a, day)
    route, status, reason = _route_count(body, rules, a, day)
    if route is None:
        return Count(ZERO, status, reason)
    worth, how = _amount(body, rules, route, a, day)
    if worth is None:
        return Count(ZERO, UNKNOWN, f"{reason}; {how}", route.category)
    most = _value(route.max_per_event, day)
    if most is not None and most.value is not None and worth > most.value:
        return Count(
            most.value,
            CAPPED,
            f"{reason}: {how} is {fmt(worth)}, at most {fmt(most.value)} {body.units} an event",
            route.category,
        )
    return Count(worth, COUNTED, f"{reason}: {how}", route.category)


def _planned(count: Count, a: Activity, as_of: date) -> Count:
    if a.completed <= as_of or count.status == OUTSIDE_CYCLE:
        return count
    would = f"would count {fmt(count.amount)} once done: " if count.amount > 0 else ""
    return Count(ZERO, PLANNED, f"{would}{count.reason}", count.category)


def day_words(day: date) -> str:
    return long_date(day, day_first=False)


def _cpr_course(rules: Rules, a: Activity) -> bool:
    return rules.categories[a.category or rules.default_category].cpr_course


def _once(
    body: Body, rules: Rules, activities: Sequence[Activity], counts: list[Count], cycle: Cycle
) -> None:
    """A copy, a repeat where the body does not count repeats, or a second CPR course counts
    once: the first in date order."""
    repeats = _value(body.repeats_count, cycle.end)
    seen: dict[object, int] = {}
    for i in sorted(range(len(activities)), key=lambda i: activities[i].fill_order):
        a, c = activities[i], counts[i]
        if c.amount <= 0:
            continue
        keys: list[tuple[object, str]] = []
        if not a.separate:
            keys.append(
                (("copy", a.copy_key), "looks like a copy of another row, so it counts once")
            )
        if repeats is not None and repeats.value is False and title_key(a.title):
            keys.append(
                (
                    ("title", title_key(a.title)),
                    f"{body.abbreviation} does not count a course "
                    "taken again in the same cycle" + _unsure(body, repeats),
                )
            )
        if _cpr_course(rules, a):
            keys.append((("cpr",), "one CPR/AED course counts a cycle"))
        for key, why in keys:
            if key in seen:
                counts[i] = Count(ZERO, NOT_ACCEPTED, why, c.category)
                break
        else:
            for key, _ in keys:
                seen[key] = i


def _fill(
    body: Body,
    most: str,
    cap: Entry[Decimal],
    activities: Sequence[Activity],
    counts: list[Count],
    holds: Sequence[bool],
) -> None:
    """One cap for the cycle over the activities it ``holds`` (a flag for each), filled in date
    order."""
    room = cap.value or ZERO
    for i in sorted(range(len(activities)), key=lambda i: activities[i].fill_order):
        c = counts[i]
        if c.amount <= 0 or not holds[i]:
            continue
        kept = min(c.amount, room)
        room -= kept
        if kept < c.amount:
            counts[i] = Count(
                kept,
                CAPPED,
                f"{c.reason}; {most} {fmt(cap.value or ZERO)} {body.units} a "
                f"cycle, so {fmt(kept)}" + _unsure(body, cap),
                c.category,
            )


def _caps(
    body: Body,
    held: Held,
    cycle: Cycle,
    activities: Sequence[Activity],
    counts: list[Count],
) -> None:
    """Each category's cap for the cycle (prorated for someone certified during a fixed one),
    then each cap on credits in some units."""
    prorated = held.certified is not None and cycle.start <= held.certified
    for cat in body.categories.values():
        cap = _value(cat.max, cycle.end)
        if (
            prorated
            and cat.max_prorated is not None
            and held.certified is not None
            and held.certified >= cat.max_prorated.entries[0].start
        ):
            cap = _value(cat.max_prorated, held.certified) or cap
        if cap is not None:
            holds = [c.category == cat.id for c in counts]
            _fill(body, f"{cat.name} counts at most", cap, activities, counts, holds)
    for pool in body.unit_caps:
        most = _value(pool.max, cycle.end)
        if most is not None:
            holds = [a.unit in pool.units for a in activities]
            _fill(body, f"{pool.name} count at most", most, activities, counts, holds)


def _meets(rules: Rules, part: Part, a: Activity, others: Sequence[Part]) -> bool:
    if part.met_by == "topic":
        return part.id in {name_key(t) for t in a.topics}
    if part.met_by == "providers":
        return a.provider in part.providers
    if part.met_by == "cpr":
        return _cpr_course(rules, a)
    return not any(_meets(rules, p, a, others) for p in others if p.met_by != "rest")


def _checklist(
    body: Body,
    rules: Rules,
    cycle: Cycle,
    held: Held,
    required: Decimal,
    earned: Decimal,
    activities: Sequence[Activity],
    counts: Sequence[Count],
    as_of: date,
) -> list[Check]:
    units = body.units
    checks = [
        Check(
            "credits",
            earned >= required,
            f"{fmt(earned)} of {fmt(required)} {units}"
            + ("" if earned >= required else f": {fmt(required - earned)} to go"),
        )
    ]
    for part in body.parts:
        need = _value(part.amount, cycle.end)
        if need is None or need.value is None:
            continue
        got = sum(
            (
                c.amount
                for a, c in zip(activities, counts, strict=True)
                if c.amount > 0 and _meets(rules, part, a, body.parts)
            ),
            ZERO,
        )
        hint = " (mark the activity's topic)" if part.met_by == "topic" and got < need.value else ""
        checks.append(
            Check(
                part.id,
                got >= need.value,
                f"{part.name}: {fmt(got)} of at least {fmt(need.value)} {units}{hint}"
                + _unsure(body, need),
            )
        )
    cpr = _value(body.cpr.required, cycle.end)
    if cpr is not None and cpr.value:
        until = held.cpr_expires
        after = _value(body.cpr.valid_days_after_submission, cycle.end)
        margin = timedelta(days=int(after.value or 0) if after is not None else 0)
        if until is None:
            checks.append(Check("cpr_card", False, "Give your CPR/AED card's expiry date"))
        else:
            # Sent late, the renewal is sent today at the earliest.
            sent = max(cycle.end, as_of)
            ok = until >= (sent + margin if margin else cycle.end)
            if ok:
                text = f"CPR/AED card current until {day_words(until)}"
            elif margin:
                text = (
                    f"Your CPR/AED card expires {day_words(until)}: {body.abbreviation} needs it "
                    f"current {margin.days} days past the day you renew, so until "
                    f"{day_words(sent + margin)} if you renew "
                    + ("on the cycle's last day" if sent == cycle.end else "today")
                )
            else:
                text = f"Your CPR/AED card expires {day_words(until)}, before the cycle ends"
            checks.append(Check("cpr_card", ok, text + _unsure(body, cpr, after)))
    least = _value(body.min_categories, cycle.end)
    # Categories of nothing: a requirement of 0 (certified late in a fixed cycle) is met as is.
    if least is not None and least.value and required > 0:
        used = {c.category for c in counts if c.amount > 0 and c.category}
        checks.append(
            Check(
                "categories",
                len(used) >= least.value,
                f"Credits from at least {fmt(least.value)} categories: {len(used)} so far "
                "(an activity's category is known only where its route gives one)"
                + _unsure(body, least),
            )
        )
    return checks


def _state(
    cert: BodyCertification,
    cycle: Cycle,
    as_of: date,
    done: bool,
    short: bool,
    until: date,
    renewed: bool,
) -> tuple[str, date]:
    """The state, and the last day of the grace period. Once the cycle has ended, everything
    done is still to renew, late, unless ``renewed``; past the last day credits count for the
    cycle (``until``), a renewal still short of them lapses, grace or not."""
    grace = _value(cert.grace_days, cycle.end)
    grace_end = cycle.end + timedelta(days=int(grace.value or 0) if grace is not None else 0)
    if as_of <= cycle.end or (done and renewed):
        return (COMPLETE if done else TO_DO), grace_end
    if short and until > cycle.end and as_of > until:
        return LAPSED, grace_end
    return (GRACE if as_of <= grace_end else LAPSED), grace_end


def title(body: Body, cert: BodyCertification) -> str:
    """The certification's name with its body's, as a headline among several bodies' needs."""
    named = body.abbreviation.lower() in cert.name.lower().split()
    return cert.name if named else f"{body.abbreviation} {cert.name}"


def _headline(
    body: Body,
    cert: BodyCertification,
    state: str,
    cycle: Cycle,
    grace_end: date,
    required: Decimal,
    earned: Decimal,
) -> str:
    amounts = f"{fmt(earned)} of {fmt(required)} {body.units}"
    name = title(body, cert)
    if state == COMPLETE:
        return f"{name}: complete ({amounts}), renew by {day_words(cycle.end)}"
    if state == TO_DO:
        return f"{name}: {amounts}, renew by {day_words(cycle.end)}"
    if state == GRACE:
        return (
            f"{name}: {amounts}; the cycle ended {day_words(cycle.end)}, renew late by "
            f"{day_words(grace_end)}"
        )
    return f"{name}: {amounts}; the cycle ended {day_words(cycle.end)}, with no grace left"


def _for_certification(
    body: Body,
    rules: Rules,
    held: Held,
    activities: Sequence[Activity],
    as_of: date,
    taken: Mapping[int, str],
) -> CertTally:
    cert = body.certifications[held.certification]
    cycle, why = cycle_of(cert, held, as_of)
    if cycle is None:
        unknown = tuple(Count(ZERO, UNKNOWN, why) for _ in activities)
        return CertTally(
            cert, None, None, None, ZERO, unknown, (), NO_CYCLE, f"{title(body, cert)}: {why}", ()
        )
    late = _value(cert.late_credit_days, cycle.end)
    until = cycle.end
    if late is not None and as_of > cycle.end:  # judged late: its late credits count
        until = cycle.end + timedelta(days=int(late.value or 0))
    counts = [_planned(_count(body, rules, cycle, a, until), a, as_of) for a in activities]
    for i, other in taken.items():
        if counts[i].amount > 0:
            counts[i] = Count(
                ZERO,
                NOT_ACCEPTED,
                f"counted for your {other}: {body.abbreviation} does not say one credit counts "
                "for two of its certifications",
                counts[i].category,
            )
    _once(body, rules, activities, counts, cycle)
    _caps(body, held, cycle, activities, counts)
    needed = required_of(cert, held, cycle)
    earned = sum((c.amount for c in counts), ZERO)
    if needed is None or needed.value is None:
        return CertTally(
            cert,
            cycle,
            None,
            None,
            earned,
            tuple(counts),
            (),
            NO_CYCLE,
            f"{title(body, cert)}: the rules give no requirement for this cycle",
            (),
        )
    required = needed.value
    checks = _checklist(body, rules, cycle, held, required, earned, activities, counts, as_of)
    short = earned < required
    done, renewed = all(c.ok for c in checks), held.renewed_on is not None
    state, grace_end = _state(cert, cycle, as_of, done, short, until, renewed)
    unsure = _unsure(body, needed)
    notes = [f"{fmt(required)} {body.units} needed{unsure}"] if unsure else []
    if cert.prorated is not None and held.certified is None:
        notes.append(
            f"Certified during this cycle? {body.abbreviation} asks less: give the day you "
            "earned it (certified) to count it"
        )
    if held.cycle_end is None and held.certified is not None and cycle.start > held.certified:
        before = cycle.start - timedelta(days=1)
        notes.append(
            f"This is the cycle from {day_words(cycle.start)}: it takes it that you renewed the "
            f"one that ended {day_words(before)}; if you did not, give that day as cycle_end"
            if held.renewed_on is None
            else f"This is the cycle from {day_words(cycle.start)}, after your renewal"
        )
    headline = _headline(body, cert, state, cycle, grace_end, required, earned)
    return CertTally(
        cert,
        cycle,
        grace_end,
        required,
        earned,
        tuple(counts),
        tuple(checks),
        state,
        headline,
        tuple(notes),
    )


def tally_body(
    body: Body,
    rules: Rules,
    held: Sequence[Held],
    activities: Sequence[Activity],
    as_of: date,
) -> BodyTally:
    """Each certification of the body held, most urgent first. Where the body does not say one
    credit counts for several of its certifications, each activity counts for the first only."""
    shared = _value(body.shared, as_of)
    ordered = sorted(
        held,
        key=lambda h: (
            (
                cycle_of(body.certifications[h.certification], h, as_of)[0]
                or Cycle(date.max, date.max)
            ).end
        ),
    )
    done: list[CertTally] = []
    taken: dict[int, str] = {}
    for h in ordered:
        result = _for_certification(body, rules, h, activities, as_of, taken)
        done.append(result)
        if shared is None or not shared.value:
            for i, c in enumerate(result.counts):
                if c.amount > 0:
                    taken.setdefault(i, result.certification.name)
    return BodyTally(body, tuple(done))
