"""Run every scenario through the JSON bridge: the code path the calculator page uses."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from calc import bridge
from tests.scenarios.load import load_scenarios, log_activities

SCENARIOS = load_scenarios()
NUMBERS = {
    "required": "required_cecs",
    "earned": "earned_cecs",
    "remaining": "remaining_cecs",
    "planned": "planned_cecs",
}
# Every key the runner reads from a case's `expect`: scenario.schema.json allows exactly these
# (tests/scenarios/test_schema.py), and the runner refuses any other, inside Pyodide too.
EXPECT_KEYS = (
    *NUMBERS,
    "status",
    "pace",
    "fee_usd",
    "fee_phase",
    "verdict",
    "headline",
    "verdict_steps",
    "checklist",
    "checks",
    "texts",
    "steps",
    "dates",
    "warnings",
    "notes",
)
STATES = {"true": "done", "false": "todo"}  # older cases write the tick as true/false


def request_of(case: dict[str, Any]) -> dict[str, Any]:
    return {"profile": case["profile"], "activities": log_activities(case)}


def run(case: dict[str, Any], bundle: dict[str, Any]) -> dict[str, Any]:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]
    today = case["profile"].get("as_of") or "2026-06-01"
    answer: dict[str, Any] = json.loads(
        bridge.compute(json.dumps(request_of(case)), today=today), parse_float=Decimal
    )
    return answer


def number(value: Any) -> Decimal:
    return Decimal(str(value))


@pytest.mark.parametrize("case", SCENARIOS, ids=[c["name"] for c in SCENARIOS])
def test_scenario(case: dict[str, Any], bundle: dict[str, Any]) -> None:
    unknown = sorted(set(case.get("expect", {})) - set(EXPECT_KEYS))
    assert not unknown, f"{case['file']}: unknown expect keys {unknown}"
    answer = run(case, bundle)
    if "problems" in case:
        assert answer["ok"] is False, answer
        got = [(p["row"], p["column"], p["message"]) for p in answer["problems"]]
        assert len(got) == len(case["problems"]), got
        for (row, column, message), (want_row, want_column, words) in zip(
            got, case["problems"], strict=True
        ):
            assert (row, column) == (int(want_row), want_column)
            assert words in message, message
        return
    if "error" in case:
        assert answer["ok"] is False and case["error"] in answer["error"], answer
        return
    assert answer["ok"] is True, answer
    result = answer["result"]
    expect = case.get("expect", {})
    for key, field in NUMBERS.items():
        if key in expect:
            assert number(result[field]) == number(expect[key]), key
    for key in ("status",):
        if key in expect:
            assert result[key] == expect[key]
    if "pace" in expect:
        assert result["pace"]["state"] == expect["pace"]
    if "fee_usd" in expect:
        assert number(result["fee"]["total_usd"]) == number(expect["fee_usd"]), result["fee"]
    if "fee_phase" in expect:
        assert result["fee"]["phase"] == expect["fee_phase"]
    checks = {c["id"]: c for c in result["checklist"]}
    for item, state in expect.get("checklist", {}).items():
        if state == "null":
            assert checks[item]["state"] in ("info", "warning"), checks[item]
        else:
            assert checks[item]["state"] == STATES.get(state, state), checks[item]
        assert checks[item]["ok"] is {"done": True, "todo": False}.get(checks[item]["state"])
    for item, words in expect.get("checks", {}).items():
        assert words in checks[item]["text"], checks[item]
    for item, text in expect.get("texts", {}).items():
        assert checks[item]["text"] == text, checks[item]
    for item, steps in expect.get("steps", {}).items():
        assert checks[item]["steps"] == steps
    if "verdict" in expect:
        assert result["verdict"]["state"] == expect["verdict"], result["verdict"]
    if "headline" in expect:
        assert expect["headline"] in result["verdict"]["headline"], result["verdict"]
    if "verdict_steps" in expect:
        steps = result["verdict"]["steps"]
        assert len(steps) == len(expect["verdict_steps"]), steps
        for words, step in zip(expect["verdict_steps"], steps, strict=True):
            assert words in step
    if result["verdict"]["state"] == "done":
        # "Done" only with the renewal recorded, the CECs complete and CPR/AED current that day.
        assert result["dates"]["renewed_on"] and result["status"] == "complete"
        assert checks["cpr"]["state"] == "done" and checks["renewal"]["state"] == "done"
    for key, day in expect.get("dates", {}).items():
        assert result["dates"][key] == day, key
    if "warnings" in expect:
        assert len(result["warnings"]) == len(expect["warnings"]), result["warnings"]
        for words, warning in zip(expect["warnings"], result["warnings"], strict=True):
            assert words in warning
    for words, note in zip(expect.get("notes", []), result["requirement"]["notes"], strict=True):
        assert words in note
    activities = case.get("activities", [])
    assert len(result["activities"]) == len(activities)
    for given, got in zip(activities, result["activities"], strict=True):
        if "cecs" in given:
            assert number(got["cecs"]) == number(given["cecs"]), got["explanation"]
        if "explains" in given:
            assert given["explains"] in got["explanation"]
        if "notes" in given:
            assert got["notes"] == given["notes"]
        assert got["planned"] is (given.get("planned") == "yes"), got
        if "would" in given:
            assert number(got["would_cecs"]) == number(given["would"]), got["explanation"]
        if "cites" in given:
            cited = [result["citations"][key]["rule"] for key in got["sources"]]
            assert cited == given["cites"], got["explanation"]
        if "warns" in given:
            if given["warns"]:
                assert any(given["warns"] in w for w in got["warnings"]), got["warnings"]
            else:
                assert got["warnings"] == []
    total = sum((number(a["cecs"]) for a in result["activities"]), Decimal(0))
    assert total == number(result["earned_cecs"])
    planned = sum((number(a["would_cecs"]) for a in result["activities"]), Decimal(0))
    assert planned == number(result["planned_cecs"])
