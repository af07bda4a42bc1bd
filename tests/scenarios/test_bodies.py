"""Every other body's scenarios (tests/scenarios/bodies/README.md), through the command line's
own steps: the profile as ``tally --profile`` reads it, the activities as a log holds them, each
body's tally and the JSON the command line prints. Under CPython and inside Pyodide."""

from __future__ import annotations

import json
import os
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from calc.bodies.model import Body, bodies_from
from calc.bodies.profile import read_profile
from calc.bodies.report import body_json, counts_for
from calc.bodies.tally import tally_body
from calc.bundle import rules_from_bundle
from calc.fields import parse_activities
from calc.model import Rules
from tests.conftest import load_bodies, load_bundle
from tests.scenarios.load import read_cases

HERE = Path(__file__).resolve().parent / "bodies"
SCHEMA = HERE / "body-scenario.schema.json"
EXPECTATIONS = ("counts", "status", "says")


def load() -> list[dict[str, Any]]:
    path = os.environ.get("CEC_BODIES_JSON")
    if path:  # inside Pyodide, which has no YAML parser: written by tests.scenarios.load
        cases: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))[
            "scenarios"
        ]
        return cases
    return read_cases(HERE, SCHEMA)


SCENARIOS = load()


@cache
def rules() -> tuple[Rules, dict[str, Body]]:
    return rules_from_bundle(load_bundle()), bodies_from(load_bodies())


def result(case: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Each body's JSON entry, and each activity's counts_for."""
    acsm, bodies = rules()
    profile = read_profile(case["profile"], acsm, bodies)
    assert not profile.problems, profile.problems
    assert profile.as_of is not None, "a scenario gives its as_of day"
    rows = [
        (n, {k: v for k, v in a.items() if k not in EXPECTATIONS})
        for n, a in enumerate(case.get("activities", []), start=1)
    ]
    activities, problems = parse_activities(rows, acsm, date(2026, 12, 31))
    assert not problems, problems
    tallies = [
        tally_body(bodies[b], acsm, held, activities, profile.as_of)
        for b, held in profile.held.items()
    ]
    entries = {t.body.id: body_json(t) for t in tallies}
    return entries, [counts_for(None, tallies, row) for row in range(len(activities))]


def _same(got: Any, want: str) -> bool:
    return got is not None and Decimal(got) == Decimal(want)


def check_result(entry: dict[str, Any], want: dict[str, Any], where: str) -> None:
    for key in ("required", "earned", "remaining"):
        if key in want:
            assert _same(entry[key], want[key]), f"{where}: {key} {entry[key]}, not {want[key]}"
    if "state" in want:
        assert entry["verdict"]["state"] == want["state"], f"{where}: {entry['verdict']}"
    for key in ("cycle_start", "cycle_end"):
        if key in want:
            cycle = entry["cycle"] or {}
            assert cycle.get(key[6:]) == want[key], f"{where}: cycle {cycle}"
    if "headline" in want:
        assert want["headline"] in entry["verdict"]["headline"], f"{where}: {entry['verdict']}"
    checks = {c["id"]: c for c in entry["checklist"]}
    if "checklist" in want:
        ticks = {k: str(c["ok"]).lower() for k, c in checks.items()}
        assert ticks == want["checklist"], f"{where}: {entry['checklist']}"
    for key, words in want.get("checks", {}).items():
        assert words in checks[key]["text"], f"{where}: {checks[key]['text']!r}"


@pytest.mark.parametrize("case", SCENARIOS, ids=[c["name"] for c in SCENARIOS])
def test_scenario(case: dict[str, Any]) -> None:
    entries, counted = result(case)
    for n, (activity, found) in enumerate(
        zip(case.get("activities", []), counted, strict=True), start=1
    ):
        for body, amount in activity.get("counts", {}).items():
            got = found[body]
            assert _same(got["amount"], amount), f"activity {n}, {body}: {got}"
        for body, status in activity.get("status", {}).items():
            assert found[body]["status"] == status, f"activity {n}, {body}: {found[body]}"
        for body, words in activity.get("says", {}).items():
            assert words in found[body]["reason"], f"activity {n}, {body}: {found[body]}"
    for body, want in case["expect"].items():
        entry = entries[body]
        check_result(entry, want, body)
        by_cert = {c["certification"]: c for c in entry["by_certification"]}
        for cert, wanted in want.get("by_certification", {}).items():
            check_result(by_cert[cert], wanted, f"{body} {cert}")


def test_every_body_has_five_scenarios() -> None:
    _, bodies = rules()
    files = {c["file"] for c in SCENARIOS}
    per_body = {b: sum(c["file"] == f"{b}.yaml" for c in SCENARIOS) for b in bodies}
    assert {f"{b}.yaml" for b in bodies} <= files and min(per_body.values()) >= 5, per_body
