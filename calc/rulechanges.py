"""What a rules update did to one professional's numbers.

The page remembers the rules bundle it last computed with. When a visit brings a newer one,
:func:`compare` tallies the same profile and log under both and says, in a few plain sentences,
what changed for this professional: their total, their requirement, and each changed rule that
touches them, with what it did (activities that now count more or less, the fee, key dates).
Every word about a rule is built from the rules themselves (names, abbreviations, values and
dates); nothing of ACSM's is written here.

A changed rule *touches* the professional when its value in force differs between the two rule
sets on a day their answer reads it: the days of the activities that cite it (each decision says
which rules it used) or that it governs (their category, provider and unit), and, for their
certifications and the general renewal, audit and reporting rules, the cycle's end, the as-of day
and the day they renewed. Rules that change only on other days, for other certifications, or for
categories, providers and units they never logged, are not mentioned.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from calc.bundle import BundleError, rules_from_json
from calc.dated import Entry, Rule
from calc.engine import Decision, Tally, TallyError, tally
from calc.fields import MAX_JSON_DEPTH, InputProblem, json_too_deep, parse_log
from calc.model import Activity, Profile, Rules
from calc.text import cecs, fmt, money

ZERO = Decimal(0)

# What each kind of rule belongs to, in the order the sentences about them come (after the
# ones that moved the most CECs). The general rules have no name in the rules: these are ours.
KINDS = (
    "certification",
    "category",
    "provider",
    "unit",
    "conversion",
    "scope",
    "renewal",
    "audits",
    "tracking",
)
_GENERAL = {
    "conversion": "Converting other organizations' credits",
    "scope": "Scope",
    "renewal": "Renewal",
    "audits": "Audits",
    "tracking": "Reporting your CECs",
}
# Rules about what counts: a change of one that moves no CEC is said to.
_ACTIVITY_KINDS = ("category", "provider", "unit", "conversion", "scope")


@dataclass(frozen=True)
class Place:
    """Where a dated rule sits in the rules: what it belongs to and which of its rules it is."""

    kind: str  # one of KINDS
    key: str  # the certification, category, provider or unit id; "" for the general rules
    field: str  # its name in calc.model: "cap_per_year", "renewal_fee_usd", ...
    subject: str  # what it belongs to, in the rules' own words ("ACSM-CPT", a category's name)
    rule: Rule[Any]


def _short(name: str) -> str:
    """A name without its explanation in brackets: "American Council on Exercise (ACE)" as
    "American Council on Exercise"."""
    return name.split(" (")[0].strip() or name


def places(rules: Rules) -> dict[str, Place]:
    """Every dated rule the calculator reads, by rule id, with where it sits."""
    found: dict[str, Place] = {}

    def add(kind: str, key: str, subject: str, owner: Any) -> None:
        for f in fields(owner):
            value = getattr(owner, f.name)
            if isinstance(value, Rule):
                found[value.id] = Place(kind, key, f.name, subject, value)

    for cid, cert in rules.certifications.items():
        add("certification", cid, cert.abbreviation, cert)
    for cid, category in rules.categories.items():
        add("category", cid, category.name, category)
    for pid, provider in rules.providers.items():
        add("provider", pid, _short(provider.name), provider)
    for uid, unit in rules.units.items():
        add("unit", uid, _short(unit.name), unit)
    add("conversion", "", _GENERAL["conversion"], rules.equivalence)
    scope = rules.within_scope
    found[scope.id] = Place("scope", "", "within_scope", _GENERAL["scope"], scope)
    add("renewal", "", _GENERAL["renewal"], rules.renewal)
    add("audits", "", _GENERAL["audits"], rules.audits)
    add("tracking", "", _GENERAL["tracking"], rules.tracking)
    return found


def dated_rules(rules: Rules) -> dict[str, Rule[Any]]:
    """Every dated rule the calculator reads, by rule id."""
    return {rid: place.rule for rid, place in places(rules).items()}


def _entries(rule: Rule[Any]) -> tuple[tuple[object, ...], ...]:
    """A rule's entries as compared: a note is words about an entry, not the rule."""
    return tuple((e.start, e.value, e.source, e.status, e.basis) for e in rule.entries)


def rule_differences(old: Rules, new: Rules) -> dict[str, bool]:
    """Every dated rule of either rule set, by id: whether its entries differ between them (an
    entry added, removed or retired; a start, value, source, status or basis changed). A rule
    only one of them has differs."""
    before, after = dated_rules(old), dated_rules(new)
    return {
        rid: rid not in before or rid not in after or _entries(before[rid]) != _entries(after[rid])
        for rid in sorted(before.keys() | after.keys())
    }


# --- The two tallies


@dataclass(frozen=True)
class Headline:
    """A tally's numbers, in CECs."""

    earned: Decimal
    required: Decimal
    remaining: Decimal
    planned: Decimal  # what the plans would add


@dataclass(frozen=True)
class ChangedRule:
    """A changed rule that touches the professional, and where the site shows it."""

    id: str
    page: str
    anchor: str


@dataclass(frozen=True)
class RulesChange:
    before: Headline | str  # under the earlier rules; a text: why the log could not be tallied
    after: Headline | str  # under the new rules; likewise
    sentences: tuple[str, ...]  # most important first; none when nothing touching them changed
    rules: tuple[ChangedRule, ...]  # in the order of the sentences

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rules)


def _headline(t: Tally) -> Headline:
    return Headline(t.earned, t.required, t.remaining, t.planned)


def _unknown(rules: Rules, profile: Profile, activities: Sequence[Activity]) -> str | None:
    """What the profile or log names that these rules do not have, if anything."""
    for cid in profile.certifications:
        if cid not in rules.certifications:
            return f"unknown certification {cid!r}"
    for row, a in enumerate(activities, start=1):
        unit = a.unit or (rules.providers[a.provider].unit if a.provider in rules.providers else "")
        for kind, value, known in (
            ("provider", a.provider, rules.providers),
            ("unit", unit, rules.units),
            ("category", a.category or rules.default_category, rules.categories),
        ):
            if value not in known:
                return f"activity {row}: unknown {kind} {value!r}"
    return None


def _tallied(rules: Rules, profile: Profile, activities: Sequence[Activity]) -> Tally | str:
    """The tally, or why these rules cannot give one."""
    unknown = _unknown(rules, profile, activities)
    if unknown is not None:
        return unknown
    try:
        return tally(rules, profile, activities)
    except TallyError as exc:
        return str(exc)
    except (LookupError, ValueError, ArithmeticError) as exc:
        # A bundle whose parts name what it does not hold, or hold what cannot be applied (a
        # month-day that is no day): the earlier bundle may come from anywhere.
        return f"the rules cannot be applied ({type(exc).__name__}: {exc})"


# --- Which changed rules touch the professional, and on which days

Days = defaultdict[str, set[date]]  # rule id: the days the professional's answer reads it


def _own_days(profile: Profile) -> set[date]:
    return {d for d in (profile.cycle_end, profile.as_of, profile.renewed_on) if d is not None}


def _in_cycle(day: date, tallies: Sequence[Tally]) -> bool:
    return any(day in t.cycle for t in tallies)


def _cited(t: Tally, tallies: Sequence[Tally], days: Days) -> None:
    """The days each rule the tally cites was read on."""
    own = _own_days(t.profile)
    for d in t.decisions:
        # Committee service dated by its last day, after the cycle's end, counts what was served
        # inside it: its rules were read too.
        if _in_cycle(d.activity.completed, tallies) or d.cecs or d.would:
            for c in d.citations:
                days[c.rule].add(d.activity.completed)
    o = t.outlook
    for citations in (
        t.requirement.citations,
        o.fee.citations,
        *(c.citations for c in o.checklist),
    ):
        for c in citations:
            days[c.rule] |= own


def _rules_of(owner: Any) -> Iterable[Rule[Any]]:
    return (v for f in fields(owner) if isinstance(v := getattr(owner, f.name), Rule))


def _concerned(
    rules: Rules, profile: Profile, activities: Sequence[Activity], tallies: Sequence[Tally]
) -> Days:
    """The days each rule of their certifications, of the general rules and of what they logged
    (category, provider, unit) would be read on, whether or not the tally cites it."""
    days: Days = defaultdict(set)
    own = _own_days(profile)
    renewal = rules.renewal
    several = {renewal.highest_certification_only.id, renewal.additional_certification_fee_usd.id}
    owners: list[Any] = [
        rules.certifications[c] for c in profile.certifications if c in rules.certifications
    ]
    owners += [renewal, rules.audits, rules.tracking]
    for owner in owners:
        for rule in _rules_of(owner):
            if rule.id not in several:
                days[rule.id] |= own
    # What they logged, each category, provider and unit once with its days.
    logged: defaultdict[tuple[str, str, str], set[date]] = defaultdict(set)
    for a in activities:
        if _in_cycle(a.completed, tallies):
            logged[(a.provider, a.unit or "", a.category or rules.default_category)].add(
                a.completed
            )
    for (pid, uid, cid), on in logged.items():
        provider = rules.providers.get(pid)
        unit = rules.units.get(uid or (provider.unit if provider else ""))
        for owner in (provider, unit, rules.categories.get(cid)):
            if owner is not None:
                for rule in _rules_of(owner):
                    days[rule.id] |= on
    return days


def _key(e: Entry[Any] | None) -> tuple[object, ...] | None:
    """What of an entry in force makes a difference: a retired entry is as none."""
    return None if e is None or e.value is None else (e.value, e.source, e.status)


Pair = tuple[Entry[Any] | None, Entry[Any] | None]  # the entries in force, before and after


def _touched(
    old: Mapping[str, Place], new: Mapping[str, Place], differing: Iterable[str], days: Days
) -> dict[str, list[Pair]]:
    """Each differing rule whose entry in force differs on a day read, with those entries."""
    found: dict[str, list[Pair]] = {}
    for rid in differing:
        before = old[rid].rule if rid in old else None
        after = new[rid].rule if rid in new else None
        pairs: dict[Pair, None] = {}
        for day in sorted(days.get(rid, ())):
            pair = (before.at(day) if before else None, after.at(day) if after else None)
            if _key(pair[0]) != _key(pair[1]):
                pairs[pair] = None
        if pairs:
            found[rid] = list(pairs)
    return found


# --- What changed, in words


def _month_day(value: str) -> str:
    """A month-day ("12-31") in words ("December 31"); as it is if it is none."""
    try:
        month, day = (int(part) for part in value.split("-"))
        return f"{date(2000, month, day):%B} {day}"
    except ValueError:
        return value


def _years(value: Decimal) -> str:
    return f"{fmt(value)} {'year' if value == 1 else 'years'}"


# Each rule's value in words, by its field (and kind where one name means two things), with
# the words for no value. A rule whose value is a text or a list of steps is said to be added,
# reworded or withdrawn (its label below), not quoted.
_SAY: dict[str, tuple[Callable[[Any], str], str]] = {
    "in_force": (lambda v: "accepted" if v else "not accepted", "not accepted"),
    "cap_per_year": (lambda v: f"capped at {cecs(v)} a year", "no yearly cap"),
    "cap_per_cycle": (lambda v: f"capped at {cecs(v)} per cycle", "no cap per cycle"),
    "cap_per_service_year": (
        lambda v: f"capped at {cecs(v)} per year of service",
        "no cap per year of service",
    ),
    "required_cecs": (lambda v: f"{cecs(v)} required per cycle", "no CEC requirement known"),
    "renewal_fee_usd": (lambda v: f"renewal fee {money(v)}", "renewal fee not known"),
    "standing": (lambda v: f"standing {v}", "standing not known"),
    "provider.decimal_system": (
        lambda v: "counted as 0.1 per hour" if v else "not counted as 0.1 per hour",
        "not listed as counting 0.1 per hour or not",
    ),
    "hours_per_credit": (lambda v: f"{fmt(v)} hours per credit", "no hours per credit"),
    "reported_automatically": (
        lambda v: "reported to ACSM automatically",
        "not reported to ACSM automatically",
    ),
    "cecs_per_unit": (lambda v: f"worth {cecs(v)} each", "not converted"),
    "one_to_one": (lambda v: f"as a rule, 1 credit = {cecs(v)}", "no general rule"),
    "conversion.decimal_system": (
        lambda v: f"from an organization counting 0.1 per hour, 1 credit = {cecs(v)}",
        "no rule for organizations counting 0.1 per hour",
    ),
    "per_hour_in_doubt": (
        lambda v: f"in doubt, {cecs(v)} per hour of participation",
        "no rule per hour in doubt",
    ),
    "cycle_years": (lambda v: f"cycles of {_years(v)}", "cycle length not known"),
    "cycle_end": (lambda v: f"cycles end on {_month_day(v)}", "cycle end not known"),
    "grace_period_end": (lambda v: f"grace period ends on {_month_day(v)}", "no grace period"),
    "late_fee_usd": (lambda v: f"late fee {money(v)}", "late fee not known"),
    "reinstatement_fee_usd": (
        lambda v: f"reinstatement fee {money(v)}",
        "reinstatement fee not known",
    ),
    "renewal_window_years": (
        lambda v: f"renewal opens {_years(v)} before the cycle ends",
        "when renewal opens not known",
    ),
    "cpr_aed_required": (
        lambda v: "a current CPR/AED card required to renew" if v else "no CPR/AED card required",
        "CPR/AED requirement not known",
    ),
    "additional_certification_fee_usd": (
        lambda v: f"fee per additional certification {money(v)}",
        "fee per additional certification not known",
    ),
    "keep_proof_years": (
        lambda v: f"keep proof for {_years(v)}",
        "how long to keep proof not known",
    ),
}
_WORDING = {
    "convention": "the description of its credits",
    "maintenance": "how it is kept",
    "within_scope": "the scope rule",
    "reinstatement": "the reinstatement steps",
    "grace_status": "the status during the grace period",
    "highest_certification_only": "the rule for several certifications",
    "self_reporting_steps": "the self-reporting steps",
}


def _value_words(place: Place) -> tuple[Callable[[Any], str], str] | None:
    return _SAY.get(f"{place.kind}.{place.field}") or _SAY.get(place.field)


def _after_common(old: str, new: str) -> str:
    """``old`` without the words it opens with in common with ``new``: "renewal fee $60" after
    "renewal fee $65" is "$60". A shared "not" or "no" stays: it is the meaning, and "not
    counted as 0.1 per hour" after "not listed as..." is not "counted as 0.1 per hour"."""
    a, b = old.split(), new.split()
    n = 0
    while n < min(len(a), len(b)) - 1 and a[n] == b[n] and a[n] not in ("not", "no"):
        n += 1
    return " ".join(a[n:])


def _clause(place: Place, pair: Pair, new_rule: Rule[Any] | None, rules: Rules) -> str:
    """One change of a rule on the days read: "capped at 8 CECs a year from 2025-01-01 (was 5
    CECs a year)"."""
    oe, ne = pair
    ov = oe.value if oe is not None else None
    nv = ne.value if ne is not None else None
    if ne is not None:
        when = f"from {ne.start.isoformat()}"
    elif new_rule is not None and new_rule.entries:
        when = f"before {new_rule.entries[0].start.isoformat()}"
    else:
        when = "now"
    words = _value_words(place)
    if words is None:
        label = _WORDING.get(place.field, place.field.replace("_", " "))
        text = label
        if ov is None or nv is None:
            return f"{label} {'added' if ov is None else 'withdrawn'} {when}"
        if ov != nv:
            return f"new wording of {label} {when}"
    else:
        say, none = words
        text, was = (say(nv) if nv is not None else none), (say(ov) if ov is not None else none)
        if ov != nv and text == was:  # a text said, not quoted (what ACSM reports itself)
            return f"{text} {when}: reworded"
        if ov != nv:
            return f"{text} {when} (was {_after_common(was, text)})"
    assert oe is not None and ne is not None  # the same value on both sides: both in force
    if ne.status != oe.status:
        return f"{text} {when}: now {ne.status} (was {oe.status})"
    source = rules.sources.get(ne.source)
    return f"{text} {when}: now from {source.title if source else ne.source}"


# --- What it did


def _signed_count(n: int, delta: Decimal, what: str) -> str:
    verb = "counts" if n == 1 else "count"
    if delta == 0:
        return f"{n} of your {what} {'changes' if n == 1 else 'change'}, with no change in total"
    return f"{n} of your {what} {verb} {cecs(abs(delta))} {'more' if delta > 0 else 'less'}"


def _date_rules(rules: Rules) -> dict[str, tuple[str, str]]:
    """The key dates a rule moves: its id, the date's name in KeyDates and in words."""
    r = rules.renewal
    return {
        r.cycle_years.id: ("cycle_start", "your cycle starts"),
        r.renewal_window_years.id: ("renewal_opens", "renewal opens"),
        r.grace_period_end.id: ("grace_period_end", "the grace period ends"),
        rules.audits.keep_proof_years.id: ("keep_proof_until", "you keep your certificates until"),
    }


def _day_text(day: date | None) -> str:
    return day.isoformat() if day else "not known"


def _effects(
    kind: str, key: str, ids: set[str], before: Tally, after: Tally, new: Rules
) -> tuple[list[str], Decimal]:
    """What the rules ``ids`` (of one certification, category, ...) did to the tally, in words,
    and how many CECs they moved (up or down, plans included)."""
    said: list[str] = []
    done: list[tuple[Decision, Decision]] = []
    plans: list[tuple[Decision, Decision]] = []
    starts = sorted((before.cycle.start, after.cycle.start))
    moved_cycle = new.renewal.cycle_years.id in ids
    for b, a in zip(before.decisions, after.decisions, strict=False):
        if (b.cecs, b.would) == (a.cecs, a.would):
            continue
        cites = {c.rule for c in (*b.citations, *a.citations)}
        activity = a.activity
        about = (
            bool(cites & ids)
            or (kind == "category" and key in (b.category, a.category))
            or (kind == "provider" and activity.provider == key)
            or (moved_cycle and starts[0] <= activity.completed < starts[1])
        )
        if about:
            (plans if b.planned or a.planned else done).append((b, a))
    if done:
        delta = sum([a.cecs - b.cecs for b, a in done], ZERO)
        said.append(_signed_count(len(done), delta, "activities"))
    if plans:
        delta = sum([(a.cecs + a.would) - (b.cecs + b.would) for b, a in plans], ZERO)
        said.append(_signed_count(len(plans), delta, "plans"))
    cited = {c.rule for c in (*before.requirement.citations, *after.requirement.citations)}
    if ids & cited and before.required != after.required:
        said.append(f"your requirement goes from {fmt(before.required)} to {cecs(after.required)}")
    fb, fa = before.outlook.fee, after.outlook.fee
    cited = {c.rule for c in (*fb.citations, *fa.citations)}
    if (ids & cited or kind == "certification") and fb.total != fa.total:
        old_fee = money(fb.total) if fb.total is not None else "not known"
        new_fee = money(fa.total) if fa.total is not None else "not known"
        said.append(f"your fee goes from {old_fee} to {new_fee}")
    for rid, (name, words) in _date_rules(new).items():
        was, now = getattr(before.outlook.dates, name), getattr(after.outlook.dates, name)
        if rid in ids and was != now:
            said.append(f"{words} {_day_text(now)} instead of {_day_text(was)}")
    moved = sum([abs(a.cecs + a.would - b.cecs - b.would) for b, a in (*done, *plans)], ZERO)
    return said, moved


# --- The comparison


def _reason(text: str) -> str:
    return text.rstrip(". ")


def _headlines(before: Headline | str, after: Headline | str) -> list[str]:
    if isinstance(after, str):
        if before == after:
            return []
        return [f"Under the new rules your log cannot be tallied: {_reason(after)}."]
    if isinstance(before, str):
        return [
            f"Under the earlier rules your log could not be tallied ({_reason(before)}); now you "
            f"have {fmt(after.earned)} of {cecs(after.required)}."
        ]
    said = []
    if before.earned != after.earned:
        said.append(
            f"Your CECs went from {fmt(before.earned)} to {fmt(after.earned)} "
            f"(required: {fmt(after.required)})."
        )
    if before.required != after.required:
        to_go = f": {cecs(after.remaining)} to go" if after.remaining else ""
        said.append(
            f"Your requirement went from {fmt(before.required)} to {cecs(after.required)}{to_go}."
        )
    if before.planned != after.planned:
        said.append(
            f"With your plans you would reach {fmt(after.earned + after.planned)} CECs instead "
            f"of {fmt(before.earned + before.planned)}."
        )
    return said


def compare_outcomes(
    old: Rules,
    new: Rules,
    before: Tally | str,
    after: Tally | str,
    logs: Sequence[tuple[Profile, Sequence[Activity]]] = (),
) -> RulesChange:
    """What changed between two outcomes of the same log: its tally (or why there is none) under
    the earlier rules ``old`` and under the new rules ``new``. ``logs``: the profile and
    activities as parsed, when no tally holds them (the page's log may read under one rule set
    only)."""
    tallies = [t for t in (before, after) if isinstance(t, Tally)]
    head_before = _headline(before) if isinstance(before, Tally) else before
    head_after = _headline(after) if isinstance(after, Tally) else after
    sentences = _headlines(head_before, head_after)
    # Each log read once: a tally's is most often the one given.
    read = dict.fromkeys(
        [(t.profile, tuple(d.activity for d in t.decisions)) for t in tallies]
        + [(profile, tuple(activities)) for profile, activities in logs]
    )
    old_places, new_places = places(old), places(new)
    differing = [rid for rid, differs in rule_differences(old, new).items() if differs]
    days: Days = defaultdict(set)
    if differing and tallies:
        for t in tallies:
            _cited(t, tallies, days)
        for rules in (old, new):
            for profile, activities in read:
                for rid, found in _concerned(rules, profile, activities, tallies).items():
                    days[rid] |= found
    touched = _touched(old_places, new_places, differing, days)
    # One sentence per certification, category, provider, unit or general rule, its rules'
    # changes in the model's order.
    groups: dict[tuple[str, str], list[str]] = {}
    for rid in touched:
        place = new_places.get(rid) or old_places[rid]
        groups.setdefault((place.kind, place.key), []).append(rid)
    order = {rid: n for n, rid in enumerate([*new_places, *old_places])}
    said: list[tuple[tuple[object, ...], str, list[str]]] = []
    for (kind, key), ids in groups.items():
        ids.sort(key=order.__getitem__)
        clauses: list[str] = []
        for rid in ids:
            place = new_places.get(rid) or old_places[rid]
            new_rule = new_places[rid].rule if rid in new_places else None
            for pair in touched[rid]:
                clause = _clause(place, pair, new_rule, new)
                if clause not in clauses:
                    clauses.append(clause)
        subject = (new_places.get(ids[0]) or old_places[ids[0]]).subject
        effects: list[str] = []
        moved = ZERO
        did = ""
        if isinstance(before, Tally) and isinstance(after, Tally):
            effects, moved = _effects(kind, key, set(ids), before, after, new)
            if effects:
                did = f", so {' and '.join(effects)}"
            elif kind in _ACTIVITY_KINDS:
                did = "; your CECs do not change"
        text = f"{subject}: {'; '.join(clauses)}{did}."
        rank = (-moved, len(effects) == 0, KINDS.index(kind), subject)
        said.append((rank, text, ids))
    said.sort(key=lambda s: s[0])
    sentences += [text for _, text, _ in said]
    changed = []
    for _, _, ids in said:
        for rid in ids:
            rule = (new_places.get(rid) or old_places[rid]).rule
            changed.append(ChangedRule(rid, rule.page, rule.anchor))
    return RulesChange(head_before, head_after, tuple(sentences), tuple(changed))


def compare(
    old: Rules, new: Rules, profile: Profile, activities: Sequence[Activity]
) -> RulesChange:
    """What the rules update from ``old`` to ``new`` did to this professional's numbers: the same
    profile and activities tallied under each (a log one of them cannot tally says why)."""
    before = _tallied(old, profile, activities)
    after = _tallied(new, profile, activities)
    return compare_outcomes(old, new, before, after, [(profile, activities)])


# --- JSON for the page

_KNOWN_LIST = re.compile(r" \((?:known|use one of): [^)]*\)$")


def _problem_text(problems: Sequence[InputProblem]) -> str:
    """The first problem of a log, short: where, then what (without the list of known ids)."""
    p = problems[0]
    where = "your profile" if p.row == 0 else f"activity {p.row}"
    column = f" ({p.column})" if p.column else ""
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return f"{where}{column}: {_KNOWN_LIST.sub('', p.message)}{more}"


def _outcome(
    rules: Rules, raw_profile: Mapping[str, Any], records: Sequence[Any], today: date
) -> tuple[Tally | str, tuple[Profile, list[Activity]] | None]:
    """The log read and tallied under ``rules``, or why it cannot be; with the log as read."""
    rows = list(enumerate(records, start=1))
    profile, activities, problems = parse_log(raw_profile, rows, rules, today)
    if problems or profile is None:
        return _problem_text(problems), None
    return _tallied(rules, profile, activities), (profile, activities)


def _numbers(side: Headline | str, planned: bool) -> dict[str, str]:
    if isinstance(side, str):
        return {"problem": side}
    found = {
        "earned_cecs": fmt(side.earned),
        "required_cecs": fmt(side.required),
        "remaining_cecs": fmt(side.remaining),
    }
    if planned:
        found["planned_cecs"] = fmt(side.planned)
    return found


def change_json(change: RulesChange) -> dict[str, Any]:
    """A comparison as plain data: ``{"ok": true, "sentences": [...], "rules": [...], "before":
    {...}, "after": {...}}``, numbers as decimal strings (``"problem"`` in place of them when the
    log could not be tallied), ``planned_cecs`` only when the plans' worth changed."""
    b, a = change.before, change.after
    planned = isinstance(b, Headline) and isinstance(a, Headline) and b.planned != a.planned
    return {
        "ok": True,
        "sentences": list(change.sentences),
        "rules": [{"rule": r.id, "page": r.page, "anchor": r.anchor} for r in change.rules],
        "before": _numbers(b, planned),
        "after": _numbers(a, planned),
    }


def change_answer(
    old_bundle_text: str,
    new_rules: Rules,
    raw_profile: Mapping[str, Any],
    records: Sequence[Any],
    today: date,
) -> dict[str, Any]:
    """What the update from the rules bundle ``old_bundle_text`` (its JSON text, as the page kept
    it) to ``new_rules`` did to the log of ``raw_profile`` and ``records`` (the activities as the
    page keeps them: objects of fields or their JSON texts), read as on ``today``: the log is read
    and tallied under each rule set (a log one of them cannot read says why). A bundle that cannot
    be read answers ``{"ok": false, "error": ...}``."""
    unreadable = "the rules last computed with cannot be read, so what changed is not known"
    # Checked before parsing, as the page's own files are: nesting deep enough to exhaust the
    # stack kills the interpreter inside Pyodide; no bundle nests more than a few levels.
    if json_too_deep(old_bundle_text):
        return {"ok": False, "error": f"{unreadable} (nested more than {MAX_JSON_DEPTH} levels)"}
    try:
        old = rules_from_json(old_bundle_text)
    except (BundleError, RecursionError) as exc:
        return {"ok": False, "error": f"{unreadable} ({exc})"}
    before, log_before = _outcome(old, raw_profile, records, today)
    after, log_after = _outcome(new_rules, raw_profile, records, today)
    logs = [log for log in (log_before, log_after) if log is not None]
    return change_json(compare_outcomes(old, new_rules, before, after, logs))
