from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from calc import bridge
from calc.engine import Activity, Profile, tally
from calc.model import Rules


def profile(end: str = "2026-12-31") -> Profile:
    e = date.fromisoformat(end)
    return Profile(("cpt",), e, date(e.year - 2, 1, 1), e)


def test_cpt_requires_45_and_counts_in_cycle_activity(rules: Rules) -> None:
    t = tally(rules, profile(), [Activity(date(2025, 3, 1), "webinar", Decimal("12.5"))])
    assert (t.required, t.earned, t.remaining, t.status) == (
        Decimal(45),
        Decimal("12.5"),
        Decimal("32.5"),
        "short",
    )


def test_activity_before_the_cycle_counts_nothing(rules: Rules) -> None:
    t = tally(rules, profile(), [Activity(date(2023, 12, 31), "old", Decimal(10))])
    assert t.earned == 0
    assert "outside the cycle" in t.decisions[0].explanation


def test_bridge_round_trip_gives_exact_json_numbers(bundle: dict[str, object]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True
    request = {
        "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": [{"date": "2025-03-01", "title": "x", "amount": "0.1"}] * 3,
    }
    text = bridge.compute(json.dumps(request), today="2026-06-01")
    assert '"earned_cecs": 0.3' in text
    assert json.loads(text)["result"]["remaining_cecs"] == 44.7


def test_bridge_reports_bad_input_by_row_and_column(bundle: dict[str, object]) -> None:
    bridge.load_rules(json.dumps(bundle))
    request = {
        "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": [{"date": "2025-02-30", "amount": "-1"}],
    }
    answer = json.loads(bridge.compute(json.dumps(request)))
    assert answer["ok"] is False
    assert {(p["row"], p["column"]) for p in answer["problems"]} == {(1, "date"), (1, "amount")}


def test_bridge_never_raises_on_garbage(bundle: dict[str, object]) -> None:
    bridge.load_rules(json.dumps(bundle))
    for junk in ("", "[", "null", "[]", '{"profile": 1}', '{"profile": {}, "activities": [1]}'):
        assert json.loads(bridge.compute(junk))["ok"] is False
