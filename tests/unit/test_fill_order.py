"""Which of two look-alike activities fills a cap first is decided by the activities themselves
(their date, then every field), never by their place in the log: a log sorted another way gives
each activity the same answer. Two courses alike but for the hours of participation or the format
a body was told are not equal, so they never tie."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from calc.bodies.model import UnitCap
from calc.bodies.tally import tally_body
from tests.unit.test_bodies_tally import AS_OF, HELD, RULES, act, always, body

CAPPED = replace(body(), unit_caps=(UnitCap("Own", ("cec",), always(Decimal("0.5"))),))


@pytest.mark.parametrize(
    "differs",
    [{"participation_hours": Decimal(5)}, {"format": "live"}],
    ids=["hours of participation", "format"],
)
def test_look_alikes_fill_a_cap_in_the_same_order_whichever_comes_first_in_the_log(
    differs: dict[str, object],
) -> None:
    plain = act("2026-01-01", title="Same course", amount="0.5", unit="cec", separate=True)
    other = replace(plain, **differs)  # type: ignore[arg-type]
    assert plain != other and plain.fill_order != other.fill_order

    def statuses(log: list[object]) -> dict[bool, str]:
        counts = tally_body(CAPPED, RULES, [HELD], log, AS_OF).first.counts  # type: ignore[arg-type]
        return {a is plain: c.status for a, c in zip(log, counts, strict=True)}

    assert statuses([plain, other]) == statuses([other, plain])
    assert sorted(statuses([plain, other]).values()) == ["capped", "counted"]
