"""Converting one activity's credits to ACSM CECs, with the arithmetic in words.

ACSM's own rule (its 2019 article; ``conversion`` in providers.yaml): a credit counts 1 = 1; an
organization on the decimal system (ACE, NSCA) counts .1 = 1; in doubt, 1 CEC per hour of
participation. So a CEC or CEU (a ``provider_defined`` unit) is worth what its organization's
system gives, and an organization the rules do not list counts 1 = 1 unless the professional says
it is on the decimal system: the reading that never counts more than ACSM would. Every other unit
(CME, contact hour, hour, college credit hour) converts the same whoever awards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from calc.citations import Applied, Citation, apply
from calc.model import Activity, Provider, Rules, Unit
from calc.text import fmt

# Not an ACSM rule: more hours of participation on one date than a day has is worth a second look.
HOURS_IN_A_DAY = Decimal(24)
# The professional's answer about an organization the rules do not list, in plain words (the
# form asks "Does this organization count 0.1 per hour?"; ACSM calls it the decimal system).
DECIMAL_ANSWER = "counts 0.1 per hour"
NOT_DECIMAL_ANSWER = "does not count 0.1 per hour"
DECIMAL_QUESTION = f"{DECIMAL_ANSWER}, like ACE or NSCA"
# A share that does not come out even (2/3 of 10) is counted to this step, rounded down: never
# more than the rule gives. A presentation choice, not an ACSM rule.
STEP = Decimal("0.01")
NO_LENGTH = "enter how long the course was, in hours; until then it counts 0"


@dataclass(frozen=True)
class Conversion:
    unit: str  # the unit id used (the activity's, or its provider's)
    cecs: Decimal | None  # None: no conversion is known on the activity's date
    explanation: str
    citations: tuple[Citation, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Way:
    """How one credit of a unit from a provider converts on a day."""

    unit: Unit
    factor: Decimal
    said: str  # the convention and ACSM's rule, in words
    citations: tuple[Citation, ...]
    unconfirmed: bool
    # When ACSM has not said which of its rules applies, the lower is counted and this is the
    # other's factor, shown, never counted (NCSF's CEU: 1 = 1 counted; per hour it would be 2).
    other: Decimal | None = None
    other_said: str = ""
    if_decimal: Decimal | None = None  # an unlisted organization without an answer: what yes gives
    overruled: str = ""  # the professional's answer, when the rules say otherwise
    # Why the lower reading is counted, when ``other`` is shown (whose rule, or whose unit, is in
    # doubt).
    doubt: str = "ACSM has not said which of its rules applies here"
    share: tuple[Decimal, Decimal] | None = None  # the part of ``factor`` one unit counts


def _ratio(factor: Decimal) -> str:
    """A factor in plain words (ACSM writes 10 as ".1 = 1" and 1 as "1 = 1"): 10 is "each 0.1
    counts as 1 ACSM CEC", 1 is "each credit counts as 1 ACSM CEC"."""
    if factor > 1:
        return f"each {fmt(Decimal(1) / factor)} counts as 1 ACSM CEC"
    return f"each credit counts as {fmt(factor)} ACSM {_cecs(factor)}"


def _system(rules: Rules, decimal: bool, day: date) -> tuple[Decimal, str, Citation] | None:
    """ACSM's factor for a system on a day, in plain words, with its source (None: not known)."""
    eq = rules.equivalence
    found = apply(rules, eq.decimal_system if decimal else eq.one_to_one, day)
    if found is None:
        return None
    return found.value, _ratio(found.value), found.citation


def _so(why: str, rule: str) -> str:
    """What a credit counts, after what the organization does: "ACE counts 0.1 CEC per hour, so
    each 0.1 counts as 1 ACSM CEC"; the rule alone, as a sentence, when nothing comes first."""
    return f"{why}, so {rule}" if why else rule[:1].upper() + rule[1:]


def _listed(rules: Rules, provider: Provider, day: date) -> Applied[bool] | None:
    return apply(rules, provider.decimal_system, day) if provider.decimal_system else None


def _joined(*said: str) -> str:
    """Parts of an explanation, the empty ones left out."""
    joined = "; ".join(part for part in said if part)
    return joined[:1].upper() + joined[1:]


def _unit(rules: Rules, provider_id: str, unit_id: str | None) -> Unit:
    """The unit an activity's amount is in: the one given, else its provider's own."""
    return rules.units[unit_id or rules.providers[provider_id].unit]


def asks_decimal(rules: Rules, provider_id: str, unit_id: str | None, day: date) -> bool:
    """Whether the professional's answer "does this organization count 0.1 per hour?" (ACSM's
    decimal system) decides the conversion: an organization the rules do not list, for its own
    CECs or CEUs."""
    provider = rules.providers[provider_id]
    unit = _unit(rules, provider_id, unit_id)
    return (
        unit.provider_defined
        and provider.hours_per_credit is None
        and _listed(rules, provider, day) is None
    )


def _way(
    rules: Rules, provider_id: str, unit_id: str | None, day: date, answer: bool | None
) -> _Way | None:
    """How the unit converts on ``day``; None when the rules in force give no factor."""
    provider = rules.providers[provider_id]
    unit = _unit(rules, provider_id, unit_id)
    convention = apply(rules, provider.convention, day) if provider.convention else None
    own = convention.value if convention else ""
    if not unit.provider_defined:
        rule = unit.cecs_per_unit
        found = apply(rules, rule, day) if rule else None
        words = apply(rules, unit.convention, day)
        said = words.value if words else f"{provider.abbreviation} {unit.plural}"
        if found is None:
            return None
        share = apply(rules, unit.share, day) if unit.share else None
        if share is None:
            return _Way(unit, found.value, said, (found.citation,), found.citation.unconfirmed)
        # A part of ACSM's figure (a quarter credit: 2/3 of a semester credit's): ACSM has not
        # said how such units count, so the share is counted and the whole figure shown.
        return _Way(
            unit,
            found.value,
            said,
            (found.citation, share.citation),
            found.citation.unconfirmed or share.citation.unconfirmed,
            found.value,
            f"at {fmt(found.value)} per credit",
            doubt=f"ACSM does not say how {unit.plural} count",
            share=share.value,
        )
    hours = apply(rules, provider.hours_per_credit, day) if provider.hours_per_credit else None
    if hours is not None:
        per_hour = apply(rules, rules.equivalence.per_hour_in_doubt, day)
        if per_hour is None:
            return None
        by_hour = hours.value * per_hour.value
        hour_said = f"ACSM counts {fmt(per_hour.value)} CEC per hour of participation"
        unconfirmed = hours.citation.unconfirmed or per_hour.citation.unconfirmed
        general = _system(rules, False, day)
        if unconfirmed and general is not None and general[0] < by_hour:
            # ACSM has not said whether its general rule or its per-hour rule applies: the
            # lower counts, so that the calculator never says done before ACSM would.
            factor, rule_said, citation = general
            return _Way(
                unit,
                factor,
                _joined(own, f"by ACSM's general rule, {rule_said}"),
                (hours.citation, citation),
                True,
                by_hour,
                f"if {hour_said}",
            )
        return _Way(
            unit,
            by_hour,
            _joined(own, hour_said),
            (hours.citation, per_hour.citation),
            unconfirmed,
        )
    listed = _listed(rules, provider, day)
    if listed is not None:
        system = _system(rules, listed.value, day)
        if system is None:
            return None
        factor, rule_said, citation = system
        overruled = (
            f"You answered that {provider.abbreviation} "
            f"{DECIMAL_ANSWER if answer else NOT_DECIMAL_ANSWER}; the rules say it "
            f"{'does' if listed.value else 'does not'}, so that is what counts"
            if answer is not None and answer != listed.value
            else ""
        )
        # Not confirmed to be off the decimal system (AFAA since it joined NASM): 1 = 1 counts,
        # the lower reading, and what the decimal system would give is shown.
        upside = _system(rules, True, day) if listed.citation.unconfirmed else None
        other = upside[0] if upside and not listed.value and upside[0] > factor else None
        return _Way(
            unit,
            factor,
            _so(own, rule_said),
            (listed.citation, citation),
            listed.citation.unconfirmed or citation.unconfirmed,
            other,
            f"if {provider.abbreviation} {DECIMAL_QUESTION}" if other else "",
            overruled=overruled,
            doubt=f"{provider.abbreviation}'s unit is not confirmed" if other else "",
        )
    system = _system(rules, bool(answer), day)
    if system is None:
        return None
    factor, rule_said, citation = system
    said = (
        f"{provider.name}; {rule_said}"
        if answer is None
        else _so(
            f"{provider.name}, which {DECIMAL_ANSWER if answer else NOT_DECIMAL_ANSWER} "
            "(your answer)",
            rule_said,
        )
    )
    if_decimal = None
    if answer is None:
        upside = _system(rules, True, day)
        if_decimal = upside[0] if upside else None
    return _Way(
        unit,
        factor,
        said,
        (citation,),
        citation.unconfirmed,
        if_decimal=if_decimal,
    )


def describe(
    rules: Rules, provider_id: str, unit_id: str | None, day: date, answer: bool | None = None
) -> str:
    """How one of this provider's units converts, in words, for the form before anything is
    entered: "ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM CEC: 1 ACE CEC = 10 ACSM
    CECs". ACSM's own CEC is not said to equal itself: the words before say what it counts."""
    way = _way(rules, provider_id, unit_id, day, answer)
    who = rules.providers[provider_id].abbreviation
    if way is None:
        return f"No conversion for {who} {_unit(rules, provider_id, unit_id).plural} is known"
    doubt = " (not confirmed by ACSM)" if way.unconfirmed else ""
    # "1 ACE CEC" for a listed organization's own credit; "1 CEU" for any other.
    own = way.unit.provider_defined and not asks_decimal(rules, provider_id, unit_id, day)
    one = f"1 {who} {way.unit.short}" if own else f"1 {way.unit.short}"
    worth = _counted(Decimal(1), way)
    counts = f"{fmt(worth)} ACSM {_cecs(worth)}"
    text = f"{way.said}{doubt}" if one == counts else f"{way.said}: {one} = {counts}{doubt}"
    if way.other is not None:
        text += f"; {way.other_said}, it would be {fmt(way.other)}"
    if way.if_decimal is not None:
        text += (
            f". If this organization {DECIMAL_QUESTION}: 1 {way.unit.short} = "
            f"{fmt(way.if_decimal)} ACSM CECs"
        )
    return text


def _cecs(value: Decimal) -> str:
    return "CEC" if value == 1 else "CECs"


def _counted(amount: Decimal, way: _Way) -> Decimal:
    """What ``amount`` of the way's unit counts: amount x factor, and for a share, that part of
    it, rounded down to STEP when it does not come out even."""
    cecs = amount * way.factor
    if way.share is None:
        return cecs
    top, bottom = way.share
    exact = cecs * top / bottom
    rounded = exact.quantize(STEP, rounding=ROUND_DOWN)
    return exact if rounded * bottom == cecs * top else rounded


def convert(rules: Rules, activity: Activity) -> Conversion:
    a = activity
    day = a.completed
    unit = _unit(rules, a.provider, a.unit)
    if a.amount is None:
        # Only where the category lets it wait (a CPR course's length): a to-do, not an error.
        return Conversion(
            unit.id, Decimal(0), "Length not given yet", (), (), (f"To do: {NO_LENGTH}.",)
        )
    way = _way(rules, a.provider, a.unit, day, a.decimal_system)
    if way is None:
        who = rules.providers[a.provider].abbreviation
        return Conversion(
            unit.id,
            None,
            f"No conversion for {who} {unit.plural} is known on {day.isoformat()}: counts 0 CECs",
            (),
        )
    cecs = _counted(a.amount, way)
    if way.share is None:
        sums = f"{fmt(a.amount)} x {fmt(way.factor)} = {fmt(cecs)}"
    else:
        top, bottom = way.share
        rounded = " (rounded down)" if cecs * bottom != a.amount * way.factor * top else ""
        sums = f"{fmt(a.amount)} x {fmt(way.factor)} x {fmt(top)}/{fmt(bottom)} = {fmt(cecs)}"
        sums += rounded
    text = f"{way.said}: {sums} {_cecs(cecs)}"
    if way.other is not None:
        text += (
            f" ({way.doubt}, so the lower is counted; "
            f"{way.other_said}, this would be {fmt(a.amount * way.other)})"
        )
    elif way.unconfirmed:
        text += " (conversion not confirmed by ACSM)"
    if way.if_decimal is not None:
        text += (
            f" (if this organization {DECIMAL_QUESTION}, answer yes: "
            f"{fmt(a.amount * way.if_decimal)} CECs)"
        )
    notes = (way.overruled,) if way.overruled else ()
    warnings = _plausible(rules, a, way, cecs)
    return Conversion(way.unit.id, cecs, text, way.citations, notes, warnings)


def _hours(rules: Rules, a: Activity, unit: Unit, cecs: Decimal) -> Decimal:
    """The hours of participation ``cecs`` of a unit stand for (0 for a unit that is not time)."""
    per_hour = apply(rules, rules.equivalence.per_hour_in_doubt, a.completed)
    if not unit.time_based or per_hour is None or not per_hour.value:
        return Decimal(0)
    return cecs / per_hour.value


def hours(rules: Rules, a: Activity) -> Decimal:
    """About how many hours of participation an activity stands for: what the engine adds up per
    day, to warn of more hours on one date than a day has."""
    if rules.categories[a.category or rules.default_category].service_period:
        return Decimal(0)  # CECs for a period served, not hours spent on its last day
    conversion = convert(rules, a)
    if conversion.cecs is None:
        return Decimal(0)
    return _hours(rules, a, rules.units[conversion.unit], conversion.cecs)


def _plausible(rules: Rules, a: Activity, way: _Way, cecs: Decimal) -> tuple[str, ...]:
    """A warning, never a refusal, when an amount of an organization's own credits looks already
    converted (more hours than a day has once converted). An amount that is simply large is
    left to the engine, which adds up every activity of the day."""
    unit, factor = way.unit, way.factor
    spent = _hours(rules, a, unit, cecs)
    if factor <= 1 or spent <= HOURS_IN_A_DAY or a.amount is None:
        return ()
    # More than a day's hours: never a single unit, so always the plural.
    who = rules.providers[a.provider].abbreviation
    own = a.amount / factor
    return (
        f"Check the amount: {fmt(a.amount)} {who} {unit.plural} count {fmt(cecs)} ACSM "
        f"CECs, about {fmt(spent)} hours of participation. If {fmt(a.amount)} is already "
        f"ACSM CECs, enter {fmt(own)} {unit.plural} as {who} awards them.",
    )
