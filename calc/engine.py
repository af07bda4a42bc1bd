"""The tally: for each activity, how many ACSM CECs it counts for and why; then where the
professional stands against the requirement of the certifications they hold.

Every number applied comes from the rules, looked up on the day that matters: conversions, scope
and categories on the activity's date, the requirement on the cycle's end.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from calc.citations import Citation, apply
from calc.convert import convert
from calc.dated import add_years
from calc.model import Activity, Profile, Rules
from calc.status import Outlook, Standing, outlook
from calc.text import fmt

ZERO = Decimal(0)


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

    @property
    def counted(self) -> bool:
        return self.cecs > 0

    @property
    def to_report(self) -> bool:
        """Counted, not reported automatically, and not marked as entered in ACSM's tool."""
        return self.counted and not self.auto_reported and self.activity.reported is not True

    @property
    def lost(self) -> Decimal:
        return self.converted - self.cecs


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
    """What the day of an activity means for it: a plan (dated after ``as_of``), or done after
    the recorded renewal. Only the days that matter are kept, so that equal situations are equal
    values (and one memo entry). A named tuple: one is made per activity per recompute."""

    planned_after: date | None = None  # the as-of day, when the activity is dated after it
    renewed_before: date | None = None  # the renewal day, when the activity is dated after it


DONE = When()  # completed by the as-of day, and not after a recorded renewal: most activities


# What earlier activities of a capped category already used: (in its calendar year, in the
# cycle). None for an uncapped category, where it does not matter.
Used = tuple[Decimal, Decimal] | None


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


def decide(rules: Rules, cycle: Cycle, a: Activity, used: Used, when: When) -> Decision:
    """One activity's decision: a function of its arguments alone."""
    category = a.category or rules.default_category
    conversion = convert(rules, a)
    cecs = conversion.cecs or ZERO
    citations = list(conversion.citations)
    notes = list(conversion.notes)
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

    def decision(counted: Decimal, text: str, *extra: Citation) -> Decision:
        if as_of is not None:
            text = (
                f"Planned for {a.completed.isoformat()}, after {as_of.isoformat()}: counts 0 "
                f"until done. Once done: {text}"
            )
        return Decision(
            a,
            conversion.unit,
            category,
            cecs,
            ZERO if as_of else counted,
            text,
            (*citations, *extra),
            tuple(notes),
            conversion.warnings,
            as_of is not None,
            counted if as_of else ZERO,
            automatic is not None,
        )

    def zero(reason: str, *extra: Citation) -> Decision:
        return decision(
            ZERO, f"{conversion.explanation}; {reason}: counts 0 ({fmt(cecs)} lost)", *extra
        )

    if conversion.cecs is None:
        return decision(ZERO, conversion.explanation)
    if a.completed not in cycle:
        side = "before your cycle began" if a.completed < cycle.start else "after your cycle ends"
        return zero(
            f"completed {a.completed.isoformat()}, {side} "
            f"({cycle.start.isoformat()} to {cycle.end.isoformat()})"
        )
    if when.renewed_before is not None:
        return zero(
            f"completed after you renewed on {when.renewed_before.isoformat()}, so it did not "
            "count toward that renewal"
        )
    if not a.in_scope:
        scope = apply(rules, rules.within_scope, a.completed)
        return zero("outside the scope of your certification", *([scope.citation] if scope else []))
    cat = rules.categories[category]
    in_force = apply(rules, cat.in_force, a.completed)
    if in_force is None or not in_force.value:
        since = cat.in_force.entries[0].start.isoformat()
        first = apply(rules, cat.in_force, cat.in_force.entries[0].start)
        return zero(
            f"ACSM accepts {cat.name} CECs only from {since}",
            *([first.citation] if first else []),
        )
    citations.append(in_force.citation)
    cut = _limit(rules, category, a.completed, cecs, used)
    if cut is None:
        return decision(cecs, conversion.explanation)
    counted, reason, cap = cut
    lost = f"counts {fmt(counted)} of {fmt(cecs)} ({fmt(cecs - counted)} lost)"
    return decision(counted, f"{conversion.explanation}; {reason}: {lost}", cap)


Decide = Callable[[Rules, Cycle, Activity, Used, When], Decision]


def tally(
    rules: Rules, profile: Profile, activities: Sequence[Activity], decide: Decide = decide
) -> Tally:
    """Every activity's decision and where the professional stands. ``decide`` may be a memo
    of :func:`decide` (the page's calculator keeps one): it is called with every value a
    decision depends on."""
    cycle = cycle_of(rules, profile)
    need = requirement(rules, profile)
    capped = {cid for cid, c in rules.categories.items() if c.cap_per_year or c.cap_per_cycle}
    per_year: defaultdict[tuple[str, int], Decimal] = defaultdict(Decimal)
    per_cycle: defaultdict[str, Decimal] = defaultdict(Decimal)
    as_of, renewed = profile.as_of, profile.renewed_on
    # Caps fill in date order, so plans, dated after every completed activity, take only the
    # room left; results go back in input order. Same-day activities go in an order of their
    # values, not of the log's, so that sorting a log never moves room from one to another.
    keys = [a.fill_order for a in activities]
    decided: list[Decision | None] = [None] * len(activities)
    for i in sorted(range(len(activities)), key=keys.__getitem__):
        a = activities[i]
        category = a.category or rules.default_category
        year = (category, a.completed.year)
        used = (per_year[year], per_cycle[category]) if category in capped else None
        day = a.completed
        after_renewal = renewed is not None and day > renewed
        when = (
            When(as_of, renewed if after_renewal else None)
            if day > as_of
            else (When(None, renewed) if after_renewal else DONE)
        )
        d = decide(rules, cycle, a, used, when)
        if used is not None:
            per_year[year] += d.cecs + d.would
            per_cycle[category] += d.cecs + d.would
        decided[i] = d
    decisions = tuple(d for d in decided if d is not None)
    earned = sum([d.cecs for d in decisions], ZERO)
    planned = sum([d.would for d in decisions], ZERO)
    counted = [d for d in decisions if d.counted]
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
        ),
    )
    return Tally(profile, cycle, need, earned, decisions, view, planned)
