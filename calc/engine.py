"""The tally: for each activity, how many ACSM CECs it counts for and why; then where the
professional stands against the requirement of the certifications they hold.

Every number applied comes from the rules, looked up on the day that matters: conversions, scope
and categories on the activity's date, the requirement on the cycle's end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import NamedTuple

from calc.citations import Applied, Citation, apply
from calc.convert import HOURS_IN_A_DAY, STEP, convert, hours
from calc.dated import add_years
from calc.model import Activity, Category, Profile, Rules
from calc.status import Outlook, Standing, outlook
from calc.text import fmt, name_key

ZERO = Decimal(0)
ONE_DAY = timedelta(days=1)

# Periods of service, each (first day, last day), in order and apart: what earlier activities of
# a category counted by service (committee service) already covered.
Served = tuple[tuple[date, date], ...]


class TallyError(ValueError):
    """The rules cannot answer for this profile (say, no requirement known for that cycle)."""


@dataclass(frozen=True)
class Cycle:
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class Decision:
    activity: Activity
    unit: str
    category: str
    converted: Decimal  # CECs before any rule reduced them
    cecs: Decimal  # CECs counted
    explanation: str
    citations: tuple[Citation, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # worth a second look (an amount that looks converted)
    planned: bool = False  # dated after the as-of day: counts 0 now
    would: Decimal = ZERO  # a plan: what it would count once done, within caps and cycle
    auto_reported: bool = False  # ACSM says it adds such CECs to the dashboard by itself
    copy_of: int | None = None  # the log row it looks a copy of: counts 0
    served: Served = ()  # the service it counted (committee service), inside the cycle
    cut_by: str | None = None  # the rule of the cap that left it less than it converted to
    # Dated after the cycle's end, or after the renewal: it belongs to the next cycle, not lost.
    next_cycle: bool = False

    @property
    def counted(self) -> bool:
        return self.cecs > 0

    @property
    def to_report(self) -> bool:
        """Counted, not reported automatically, and not marked as entered in ACSM's tool."""
        return self.counted and not self.auto_reported and self.activity.reported is not True

    @property
    def lost(self) -> Decimal:
        return ZERO if self.next_cycle else self.converted - self.cecs


@dataclass(frozen=True)
class Requirement:
    cecs: Decimal
    certification: str  # the certification whose requirement applies
    explanation: str
    citations: tuple[Citation, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Tally:
    profile: Profile
    cycle: Cycle
    requirement: Requirement
    earned: Decimal
    decisions: tuple[Decision, ...]  # in input order
    outlook: Outlook
    planned: Decimal  # what the plans would add, within caps and cycle

    @property
    def required(self) -> Decimal:
        return self.requirement.cecs

    @property
    def remaining(self) -> Decimal:
        return max(ZERO, self.required - self.earned)

    @property
    def status(self) -> str:
        return "complete" if self.earned >= self.required else "short"


def cycle_of(rules: Rules, profile: Profile) -> Cycle:
    """The cycle: an explicit start (after a reinstatement), else the day after the end of the
    previous cycle, which is the cycle length before this one's end."""
    if profile.cycle_start is not None:
        return Cycle(profile.cycle_start, profile.cycle_end)
    length = apply(rules, rules.renewal.cycle_years, profile.cycle_end)
    if length is None:
        raise TallyError(f"no cycle length is known for a cycle ending {profile.cycle_end}")
    start = add_years(profile.cycle_end, -int(length.value)) + timedelta(days=1)
    return Cycle(start, profile.cycle_end)


def _not_accepted(
    rules: Rules, cat: Category, day: date, found: Applied[bool] | None
) -> tuple[str, tuple[Citation, ...]]:
    """Why a category counts nothing on a day, with the rule entry that says so: ACSM said it
    does not count then; it counts only from a later day; or no rule gives it for that day (a
    value retired or never known: nothing is cited, so a past value is never used as a reason)."""
    if found is not None:
        return f"ACSM does not accept {cat.name} CECs for {day.isoformat()}", (found.citation,)
    later = next((e.start for e in cat.in_force.entries if e.start > day and e.value), None)
    accepted = apply(rules, cat.in_force, later) if later is not None else None
    if later is not None and accepted is not None:
        return f"ACSM accepts {cat.name} CECs only from {later.isoformat()}", (accepted.citation,)
    return f"no rule says ACSM accepts {cat.name} CECs for {day.isoformat()}", ()


def following(rules: Rules, cycle: Cycle) -> Cycle | None:
    """The cycle after this one: from the day after its end, the cycle length on (None when no
    length is known for it)."""
    start = cycle.end + timedelta(days=1)
    length = apply(rules, rules.renewal.cycle_years, start)
    if length is None:
        return None
    return Cycle(start, add_years(cycle.end, int(length.value)))


def requirement(rules: Rules, profile: Profile) -> Requirement:
    best: tuple[Decimal, str, Citation] | None = None
    notes: list[str] = []
    for cid in profile.certifications:
        cert = rules.certifications[cid]
        if cert.required_cecs is None:
            kept = cert.maintenance and apply(rules, cert.maintenance, profile.cycle_end)
            notes.append(f"{cert.name}: {kept.value if kept else 'no CEC requirement of its own.'}")
            continue
        found = apply(rules, cert.required_cecs, profile.cycle_end)
        if found is None:
            raise TallyError(
                f"no CEC requirement for {cert.abbreviation} is known for a cycle ending "
                f"{profile.cycle_end.isoformat()}"
            )
        if best is None or found.value > best[0]:
            best = (found.value, cid, found.citation)
    if best is None:
        names = ", ".join(rules.certifications[c].name for c in profile.certifications)
        raise TallyError(
            f"{names}: no CEC requirement of its own; also choose the certification that keeps "
            "it active"
        )
    cecs, cid, citation = best
    cert = rules.certifications[cid]
    citations = [citation]
    held = [c for c in profile.certifications if rules.certifications[c].required_cecs]
    if len(held) > 1:
        rule = apply(rules, rules.renewal.highest_certification_only, profile.cycle_end)
        if rule:
            citations.append(rule.citation)
        explanation = (
            f"You hold {len(held)} certifications: only the highest requirement counts, "
            f"{cert.abbreviation}'s {fmt(cecs)} CECs per cycle"
        )
    else:
        explanation = f"{cert.abbreviation} requires {fmt(cecs)} CECs per cycle"
    return Requirement(cecs, cid, explanation, tuple(citations), tuple(notes))


class When(NamedTuple):
    """What the day of an activity and the rest of the log mean for it: a plan (dated after
    ``as_of``), done after the recorded renewal, a copy of an earlier row, or one of a day's
    activities that add up to more hours than a day has. Only what matters is kept, so that
    equal situations are equal values (and one memo entry). A named tuple: one is made per
    activity per recompute."""

    planned_after: date | None = None  # the as-of day, when the activity is dated after it
    renewed_before: date | None = None  # the renewal day, when the activity is dated after it
    copy_of: int | None = None  # the log row (from 1) of the activity it looks a copy of
    day_hours: Decimal | None = None  # its day's hours, with other activities, over a day's
    day_count: int = 0  # how many activities that day adds up


DONE = When()  # completed by the as-of day, and not after a recorded renewal: most activities


# What earlier activities of a capped category already used: (in its calendar year, in the
# cycle, the service it covered). None for an uncapped category, where it does not matter.
Used = tuple[Decimal, Decimal, Served] | None


def _limit(
    rules: Rules, category: str, day: date, cecs: Decimal, used: Used
) -> tuple[Decimal, str, Citation] | None:
    """What the caps in force on ``day`` leave of ``cecs``, which cap and its source; None when
    they leave all of it."""
    if used is None:
        return None
    cat = rules.categories[category]
    cut = None
    for rule, spent, period in (
        (cat.cap_per_year, used[0], f"calendar year ({day.year})"),
        (cat.cap_per_cycle, used[1], "cycle"),
    ):
        cap = apply(rules, rule, day) if rule else None
        if cap is None:
            continue
        room = max(ZERO, cap.value - spent)
        if room < (cecs if cut is None else cut[0]):
            already = f", {fmt(spent)} already counted" if spent else ""
            reason = f"{cat.name} counts at most {fmt(cap.value)} CECs per {period}{already}"
            cut = (room, reason, cap.citation)
    return cut


# --- Service counted by the year (committee service) -----------------------------------------


def service_years(first: date, last: date) -> Decimal:
    """The years served from ``first`` to ``last``, both days included: whole years from
    anniversary to anniversary, and the rest as its share of the year it falls in."""
    years = 0
    while add_years(first, years + 1) <= last + ONE_DAY:
        years += 1
    rest = add_years(first, years)
    if rest > last:
        return Decimal(years)
    year_long = (add_years(first, years + 1) - rest).days
    return years + Decimal((last - rest).days + 1) / Decimal(year_long)


def merged(served: Served, more: Served) -> Served:
    """Both sets of periods as one, in order, periods that touch or overlap joined."""
    out: list[tuple[date, date]] = []
    for start, end in sorted((*served, *more)):
        if out and start <= out[-1][1] + ONE_DAY:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _period(a: Activity) -> tuple[date, date, bool]:
    """The service an activity records, and whether it is the reading of an older record
    without one (a year of service ending on its date)."""
    if a.service_from is not None and a.service_to is not None:
        return a.service_from, a.service_to, False
    return add_years(a.completed, -1) + ONE_DAY, a.completed, True


def _first_in_force(cat: Category) -> date | None:
    return next((e.start for e in cat.in_force.entries if e.value), None)


def _listed(years: Sequence[int]) -> str:
    words = [str(y) for y in years]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


@dataclass(frozen=True)
class _Service:
    """What a period of service leaves to count: at most ``allowance``; ``served``, its part
    inside the cycle."""

    allowance: Decimal
    served: Served
    said: str  # the period and its years, in words
    other: str  # the reading per calendar year touched, when it would give more
    warnings: tuple[str, ...]
    citation: Citation


def _years(served: Served) -> Decimal:
    return sum((service_years(s, e) for s, e in served), ZERO)


def _down(value: Decimal) -> Decimal:
    return value.quantize(STEP, rounding=ROUND_DOWN)


def _service(rules: Rules, cycle: Cycle, a: Activity, cat: Category, used: Used) -> _Service | None:
    """What a term of service may count: its cap per year of service times its years inside the
    cycle (and since the category took effect), and no more than the same cap leaves for all the
    service counted so far, overlapping terms included, so that no year of service counts twice.
    None when no cap per year of service is in force."""
    first, last, guessed = _period(a)
    cap = apply(rules, cat.cap_per_service_year, last) if cat.cap_per_service_year else None
    if cap is None:
        return None
    since = _first_in_force(cat)
    start = max(first, cycle.start, since or first)
    end = min(last, cycle.end)
    inside: Served = ((start, end),) if start <= end else ()
    before, spent = (used[2], used[1]) if used else ((), ZERO)
    years = _years(inside)
    own = _down(cap.value * years)
    pool = _down(cap.value * _years(merged(before, inside))) - spent
    allowance = max(ZERO, min(own, pool))
    warnings = (
        (
            f"Add the period you served (Served from and Served to): until then this counts as "
            f"one year of service ending {a.completed.isoformat()}.",
        )
        if guessed
        else ()
    )
    period = f"served {first.isoformat()} to {last.isoformat()}"
    if not inside:
        said = f"{period}, none of it inside your cycle"
    else:
        shown = _down(years)
        said = (
            f"{period}, {fmt(shown)} year{'' if shown == 1 else 's'} of service in your cycle; "
            f"{cat.name} counts at most {fmt(cap.value)} CECs per year of service, so up to "
            f"{fmt(own)}"
        )
        if pool < own:
            said += (
                f", and {fmt(max(ZERO, pool))} with your other service counted in the same period"
            )
    touched = sorted({y for s, e in inside for y in range(s.year, e.year + 1)})
    by_calendar = cap.value * len(touched)
    cycle_cap = apply(rules, cat.cap_per_cycle, last) if cat.cap_per_cycle else None
    if cycle_cap is not None:
        by_calendar = min(by_calendar, cycle_cap.value)
    other = (
        f"Read as {fmt(cap.value)} per calendar year your service touched "
        f"({_listed(touched)}), it would be up to {fmt(by_calendar)}"
        if touched and by_calendar > own
        else ""
    )
    return _Service(allowance, inside, said, other, warnings, cap.citation)


def decide(rules: Rules, cycle: Cycle, a: Activity, used: Used, when: When) -> Decision:
    """One activity's decision: a function of its arguments alone."""
    category = a.category or rules.default_category
    cat = rules.categories[category]
    conversion = convert(rules, a)
    cecs = conversion.cecs or ZERO
    citations = list(conversion.citations)
    notes = list(conversion.notes)
    warnings = list(conversion.warnings)
    as_of = when.planned_after
    provider = rules.providers[a.provider]
    auto = provider.reported_automatically
    # ACSM adds its own courses, events and webinars (the default category) by itself, not
    # committee service, CPR cards or college courses: those stay the professional's to report.
    automatic = (
        apply(rules, auto, a.completed) if auto and category == rules.default_category else None
    )
    if automatic:
        notes.append(f"{automatic.value}: check that it appears on your dashboard.")
    warnings += _day_warning(rules, a, conversion.warnings, when)
    if provider.named and not a.organization:
        # Counted all the same: a file's row is read as it is, and the name is for the audit.
        warnings.append(
            "Add the organization's name (Organization name): an auditor will ask who gave it."
        )
    served: Served = ()

    def decision(
        counted: Decimal,
        text: str,
        *extra: Citation,
        cut_by: str | None = None,
        plan: date | None = as_of,
    ) -> Decision:
        if plan is not None:
            text = (
                f"Planned for {a.completed.isoformat()}, after {plan.isoformat()}: counts 0 "
                f"until done. Once done: {text}"
            )
        return Decision(
            a,
            conversion.unit,
            category,
            cecs,
            ZERO if plan else counted,
            text,
            (*citations, *extra),
            tuple(notes),
            tuple(warnings),
            plan is not None,
            counted if plan else ZERO,
            automatic is not None,
            when.copy_of,
            served if counted else (),
            cut_by,
        )

    def zero(reason: str, *extra: Citation) -> Decision:
        return decision(
            ZERO, f"{conversion.explanation}; {reason}: counts 0 ({fmt(cecs)} lost)", *extra
        )

    if when.copy_of is not None:
        # Not "lost": the activity it copies counts them.
        return decision(
            ZERO,
            f"{conversion.explanation}; it looks like a copy of row {when.copy_of} (the same date, "
            "organization, amount, unit and title), which counts already: this one counts 0. If "
            "you did it twice, mark it as a separate activity",
        )
    if conversion.cecs is None:
        return decision(ZERO, conversion.explanation)
    service = None
    if cat.service_period:
        service = _service(rules, cycle, a, cat, used)
        warnings += service.warnings if service else ()
    # A term of service is after the cycle when it began after it (one that straddles the end
    # counts its days inside); anything else, when it was done.
    began = _period(a)[0] if service is not None else a.completed
    if when.renewed_before is not None or began > cycle.end:
        # Kept for the next cycle: never said "completed" (it may be still to come), never a plan
        # (whatever its date), never lost.
        after = (
            f"after you renewed on {when.renewed_before.isoformat()}"
            if when.renewed_before is not None
            else f"after your cycle ends on {cycle.end.isoformat()}"
        )
        text = (
            f"{conversion.explanation}; dated {a.completed.isoformat()}, {after}: it counts "
            "toward your next cycle, not this one"
        )
        return replace(decision(ZERO, text, plan=None), next_cycle=True)
    if service is None and a.completed < cycle.start:
        return zero(
            f"completed {a.completed.isoformat()}, before your cycle began "
            f"({cycle.start.isoformat()} to {cycle.end.isoformat()})"
        )
    if not a.in_scope:
        scope = apply(rules, rules.within_scope, a.completed)
        return zero("outside the scope of your certification", *([scope.citation] if scope else []))
    in_force = apply(rules, cat.in_force, a.completed)
    if in_force is None or not in_force.value:
        reason, cited = _not_accepted(rules, cat, a.completed, in_force)
        return zero(reason, *cited)
    citations.append(in_force.citation)
    explanation = conversion.explanation
    allowed = cecs
    cut_by = None
    if service is not None:
        citations.append(service.citation)
        served = service.served
        allowed = min(cecs, service.allowance)
        explanation += f"; {service.said}"
        cut_by = service.citation.rule if allowed < cecs else None
    cut = _limit(rules, category, a.completed, allowed, used)
    counted = allowed if cut is None else cut[0]
    if cut is not None:
        explanation += f"; {cut[1]}"
        cut_by = cut[2].rule
    if counted < cecs:
        explanation += f": counts {fmt(counted)} of {fmt(cecs)} ({fmt(cecs - counted)} lost)"
    extra = [cut[2]] if cut else []
    reading = _per_completion(rules, cat, a, used, counted)
    if reading is not None:
        extra.append(reading[1])
    for other in (service.other if service else "", reading[0] if reading else ""):
        if other:
            explanation += f". {other}"
    return decision(counted, explanation, *extra, cut_by=cut_by)


def _per_completion(
    rules: Rules, cat: Category, a: Activity, used: Used, counted: Decimal
) -> tuple[str, Citation] | None:
    """The other reading of a rule that may count a completion rather than its hours (CPR,
    AED and First Aid: "5 CECs per year for completing..."), when it would give more, with the
    rule it rests on."""
    rule = cat.per_completion
    found = apply(rules, rule, a.completed) if rule else None
    if rule is None or found is None:
        return None
    year_cap = apply(rules, cat.cap_per_year, a.completed) if cat.cap_per_year else None
    room = found.value
    if year_cap is not None and used is not None:
        room = min(room, max(ZERO, year_cap.value - used[0]))
    if room <= counted:
        return None
    quote = found.citation.quote  # the words of the entry applied, where the rules give them
    words = f"ACSM's page reads '{quote}'" if quote else "ACSM may count a completion"
    return f"{words}: if ACSM reads it that way, this counts {fmt(room)}", found.citation


def _day_warning(rules: Rules, a: Activity, own: tuple[str, ...], when: When) -> tuple[str, ...]:
    """A warning, never a refusal, when the activities of a day stand for more hours than a day
    has: all of them (``when.day_hours``), or this one alone when it is the only one that day."""
    if when.day_hours is not None:
        return (
            f"Check the amounts: the {when.day_count} activities dated "
            f"{a.completed.isoformat()} add up to about {fmt(when.day_hours)} hours of "
            "participation, more than a day has. Fine if one of them ran over several days.",
        )
    alone = hours(rules, a) if when.day_count == 0 and not own else ZERO
    if alone <= HOURS_IN_A_DAY or a.amount is None:
        return ()
    unit = rules.units[a.unit or rules.providers[a.provider].unit]
    return (
        f"Check the amount: {fmt(a.amount)} {unit.plural} is about {fmt(alone)} hours of "
        "participation on one date. Fine if the activity ran over several days.",
    )


Decide = Callable[[Rules, Cycle, Activity, Used, When], Decision]
Hours = Callable[[Rules, Activity], Decimal]


def copy_key(rules: Rules, a: Activity) -> tuple[object, ...]:
    """What two activities share when one looks a copy of the other (see :func:`copies`): for
    an organization the rules do not list, its name is part of who gave it (Red Cross and a
    gym's CPR course on one day are two courses)."""
    provider = rules.providers[a.provider]
    named = name_key(a.organization) if provider.named else ""
    return (*a.copy_key, a.unit or provider.unit, named)


def copies(rules: Rules, activities: Sequence[Activity]) -> list[int | None]:
    """For each activity, the log row (from 1) of the one it looks a copy of: the same date,
    organization, amount, unit and title (any case, spacing and punctuation). Of copies that
    differ in what they answer (decimal system, certificate...), the one that counts is the first
    in the order caps fill, answers not given first (the lower reading), whatever the log's
    order; of copies that differ in the title's letters alone, the first typed. One marked
    separate is never a copy, nor the original of one."""
    best: dict[tuple[object, ...], tuple[tuple[object, ...], int]] = {}
    keys: list[tuple[object, ...] | None] = []
    for i, a in enumerate(activities):
        if a.separate:
            keys.append(None)
            continue
        key = copy_key(rules, a)
        keys.append(key)
        # The fill order without the title (its second field): letters' case is not an answer.
        rank = (a.fill_order[:1] + a.fill_order[2:], i)
        if key not in best or rank < best[key]:
            best[key] = rank
    return [
        None if key is None or best[key][1] == i else best[key][1] + 1 for i, key in enumerate(keys)
    ]


def _days(
    rules: Rules, activities: Sequence[Activity], copied: list[int | None], hours_of: Hours
) -> dict[date, tuple[Decimal, int]]:
    """The hours of each day holding several activities (copies left out), when over a day's."""
    by_day: defaultdict[date, list[Activity]] = defaultdict(list)
    for a, copy in zip(activities, copied, strict=True):
        if copy is None:
            by_day[a.completed].append(a)
    found = {}
    for day, group in by_day.items():
        if len(group) > 1:
            total = sum((hours_of(rules, a) for a in group), ZERO)
            if total > HOURS_IN_A_DAY:
                found[day] = (total, len(group))
    return found


def done_on(rules: Rules, cycle: Cycle, a: Activity) -> date:
    """The day an activity is done, for plans and renewal: committee service, its last day
    served inside the cycle."""
    category = rules.categories[a.category or rules.default_category]
    return min(a.completed, cycle.end) if category.service_period else a.completed


def tally(
    rules: Rules,
    profile: Profile,
    activities: Sequence[Activity],
    decide: Decide = decide,
    hours_of: Hours = hours,
) -> Tally:
    """Every activity's decision and where the professional stands. ``decide`` and
    ``hours_of`` may be memos of :func:`decide` and :func:`calc.convert.hours` (the page's
    calculator keeps them): they are called with every value their answer depends on."""
    cycle = cycle_of(rules, profile)
    need = requirement(rules, profile)
    capped = {
        cid
        for cid, c in rules.categories.items()
        if c.cap_per_year or c.cap_per_cycle or c.cap_per_service_year
    }
    per_year: defaultdict[tuple[str, int], Decimal] = defaultdict(Decimal)
    per_cycle: defaultdict[str, Decimal] = defaultdict(Decimal)
    served: defaultdict[str, Served] = defaultdict(tuple)
    as_of, renewed = profile.as_of, profile.renewed_on
    copied = copies(rules, activities)
    crowded = _days(rules, activities, copied, hours_of)
    # Caps fill in date order, so plans, dated after every completed activity, take only the
    # room left; results go back in input order. Same-day activities go in an order of their
    # values, not of the log's, so that sorting a log never moves room from one to another.
    keys = [a.fill_order for a in activities]
    decided: list[Decision | None] = [None] * len(activities)
    for i in sorted(range(len(activities)), key=keys.__getitem__):
        a = activities[i]
        category = a.category or rules.default_category
        year = (category, a.completed.year)
        used = (
            (per_year[year], per_cycle[category], served[category]) if category in capped else None
        )
        day = done_on(rules, cycle, a)
        after_renewal = renewed is not None and day > renewed
        hours_day, count = crowded.get(a.completed, (None, 0))
        if copied[i] is not None:
            hours_day, count = None, 1
        when = When(
            as_of if day > as_of else None,
            renewed if after_renewal else None,
            copied[i],
            hours_day,
            count,
        )
        d = decide(rules, cycle, a, used, when)
        if used is not None:
            per_year[year] += d.cecs + d.would
            per_cycle[category] += d.cecs + d.would
            if d.served:
                served[category] = merged(served[category], d.served)
        decided[i] = d
    decisions = tuple(d for d in decided if d is not None)
    earned = sum([d.cecs for d in decisions], ZERO)
    planned = sum([d.would for d in decisions], ZERO)
    counted = [d for d in decisions if d.counted]
    groups: defaultdict[int, int] = defaultdict(lambda: 1)
    for copy in copied:
        if copy is not None:
            groups[copy] += 1
    view = outlook(
        rules,
        profile,
        cycle.start,
        Standing(
            required=need.cecs,
            highest=need.certification,
            earned=earned,
            counted=len(counted),
            missing_proof=sum([1 for d in counted if not d.activity.certificate]),
            to_report=sum([1 for d in counted if d.to_report]),
            to_report_cecs=sum([d.cecs for d in counted if d.to_report], ZERO),
            auto_reported=sum(
                [1 for d in counted if d.auto_reported and d.activity.reported is not True]
            ),
            copies=tuple(groups.values()),
        ),
    )
    return Tally(profile, cycle, need, earned, decisions, view, planned)
