"""Converting one activity's credits to ACSM CECs, with the arithmetic in words.

A CEC or CEU (a ``provider_defined`` unit) is worth what its provider's convention says; every
other unit (CME, contact hour, hour, college credit hour) converts the same whoever awards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calc.citations import Applied, Citation, apply, fmt
from calc.logbook import Activity
from calc.model import Rules


@dataclass(frozen=True)
class Conversion:
    unit: str  # the unit id used (the activity's, or its provider's)
    cecs: Decimal | None  # None: no conversion is known on the activity's date
    explanation: str
    citations: tuple[Citation, ...]


def _factor(
    rules: Rules, provider_id: str, unit_id: str | None, day: date
) -> tuple[str, Applied[Decimal] | None, str]:
    """The unit used, its factor in force on ``day`` and the convention in words."""
    provider = rules.providers[provider_id]
    unit = rules.units[unit_id or provider.unit]
    if unit.provider_defined and provider.cecs_per_credit is not None:
        factor_rule = provider.cecs_per_credit
        convention_rule = provider.convention or unit.convention
    else:
        factor_rule, convention_rule = unit.cecs_per_unit, unit.convention
    factor = apply(rules, factor_rule, day)
    convention = apply(rules, convention_rule, day)
    said = convention.value if convention else f"{provider.abbreviation} {unit.plural}"
    return unit.id, factor, said


def describe(rules: Rules, provider_id: str, unit_id: str | None, day: date) -> str:
    """How one of this provider's units converts, in words, for the form before anything is
    entered: "ACE awards CECs on the decimal system (...): 1 ACE CEC = 10 ACSM CECs"."""
    used, factor, said = _factor(rules, provider_id, unit_id, day)
    unit = rules.units[used]
    who = rules.providers[provider_id].abbreviation
    if factor is None:
        return f"No conversion for {who} {unit.plural} is known"
    doubt = " (not confirmed by ACSM)" if factor.citation.unconfirmed else ""
    cecs = "CEC" if factor.value == 1 else "CECs"
    return f"{said}: 1 {who} {unit.short} = {fmt(factor.value)} ACSM {cecs}{doubt}"


# Conversions made before: the page recomputes its whole log on every change. Keyed by the
# conversion's inputs; the rules object is kept with each entry so its id cannot be reused.
_converted: dict[tuple[int, str, str | None, date, Decimal], tuple[Rules, Conversion]] = {}


def convert(rules: Rules, activity: Activity) -> Conversion:
    key = (id(rules), activity.provider, activity.unit, activity.completed, activity.amount)
    hit = _converted.get(key)
    if hit is not None and hit[0] is rules:
        return hit[1]
    if len(_converted) > 50_000:
        _converted.clear()
    found = _convert(rules, activity)
    _converted[key] = (rules, found)
    return found


def _convert(rules: Rules, activity: Activity) -> Conversion:
    day = activity.completed
    used, factor, said = _factor(rules, activity.provider, activity.unit, day)
    if factor is None:
        unit = rules.units[used]
        who = rules.providers[activity.provider].abbreviation
        return Conversion(
            used,
            None,
            f"No conversion for {who} {unit.plural} is known on {day.isoformat()}: counts 0 CECs",
            (),
        )
    cecs = activity.amount * factor.value
    doubt = " (conversion not confirmed by ACSM)" if factor.citation.unconfirmed else ""
    explanation = f"{said}: {fmt(activity.amount)} x {fmt(factor.value)} = {fmt(cecs)} CECs{doubt}"
    return Conversion(used, cecs, explanation, (factor.citation,))
