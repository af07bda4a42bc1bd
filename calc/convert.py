"""Converting one activity's credits to ACSM CECs, with the arithmetic in words.

A CEC or CEU (a ``provider_defined`` unit) is worth what its provider's convention says; every
other unit (CME, contact hour, hour, college credit hour) converts the same whoever awards it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from calc.citations import Citation, apply, fmt
from calc.logbook import Activity
from calc.model import Rules


@dataclass(frozen=True)
class Conversion:
    unit: str  # the unit id used (the activity's, or its provider's)
    cecs: Decimal | None  # None: no conversion is known on the activity's date
    explanation: str
    citations: tuple[Citation, ...]


def convert(rules: Rules, activity: Activity) -> Conversion:
    provider = rules.providers[activity.provider]
    unit = rules.units[activity.unit or provider.unit]
    day = activity.completed
    if unit.provider_defined and provider.cecs_per_credit is not None:
        factor_rule = provider.cecs_per_credit
        convention_rule = provider.convention or unit.convention
    else:
        factor_rule, convention_rule = unit.cecs_per_unit, unit.convention
    factor = apply(rules, factor_rule, day)
    if factor is None:
        return Conversion(
            unit.id,
            None,
            f"No conversion for {provider.abbreviation} {unit.plural} is known on "
            f"{day.isoformat()}: counts 0 CECs",
            (),
        )
    convention = apply(rules, convention_rule, day)
    said = convention.value if convention else f"{provider.abbreviation} {unit.plural}"
    cecs = activity.amount * factor.value
    doubt = " (conversion not confirmed by ACSM)" if factor.citation.unconfirmed else ""
    explanation = f"{said}: {fmt(activity.amount)} x {fmt(factor.value)} = {fmt(cecs)} CECs{doubt}"
    citations = (factor.citation, convention.citation) if convention else (factor.citation,)
    return Conversion(unit.id, cecs, explanation, citations)
