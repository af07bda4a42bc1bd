"""Courses toward the next cycle: an activity dated after the cycle's end, or after the renewal,
is kept and said to count in the next cycle (never "completed", "would not count" or lost), and
once the renewal is recorded or the cycle's end has passed the result offers the next cycle's
dates, in which those activities count."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc import bridge
from calc.dated import Entry
from calc.engine import Cycle, following, tally
from calc.model import Activity, Profile, Rules
from calc.report import next_cycle

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
DONE = {"date": "2025-03-01", "title": "Summit", "provider": "acsm", "amount": "45"}
NEXT = {"date": "2027-02-01", "title": "Spring course", "provider": "acsm", "amount": "5"}


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


def result(today: str, *activities: dict[str, str], **profile: str) -> Any:
    request = json.dumps({"profile": {**PROFILE, **profile}, "activities": list(activities)})
    answer = json.loads(bridge.compute(request, today))
    assert answer["ok"], answer
    return answer["result"]


def test_an_activity_after_the_cycle_counts_in_the_next_one_not_lost() -> None:
    found = result("2027-03-01", DONE, NEXT)
    row = found["activities"][1]
    assert (row["cecs"], row["next_cycle"], row["planned"], row["would_cecs"]) == (
        "0",
        True,
        False,
        "0",
    )
    assert row["explanation"].endswith(
        "; dated 2027-02-01, after your cycle ends on 2026-12-31: it counts toward your next "
        "cycle, not this one"
    )
    assert "completed" not in row["explanation"] and "counts 0" not in row["explanation"]
    assert found["next_cycle"] == {"start": "2027-01-01", "end": "2029-12-31"}


def test_a_plan_after_the_cycle_is_no_plan_of_this_cycle() -> None:
    found = result("2026-06-01", DONE, NEXT)
    row = found["activities"][1]
    assert (row["next_cycle"], row["planned"], row["would_cecs"]) == (True, False, "0")
    assert not row["explanation"].startswith("Planned for")
    assert (found["planned_cecs"], found["next_cycle"]) == ("0", None)


def test_after_the_renewal_is_the_next_cycle_too() -> None:
    later = {**NEXT, "date": "2026-12-01"}
    found = result("2026-12-20", DONE, later, renewed_on="2026-11-15")
    row = found["activities"][1]
    assert (row["cecs"], row["next_cycle"]) == ("0", True)
    assert (
        "dated 2026-12-01, after you renewed on 2026-11-15: it counts toward your next"
        in (row["explanation"])
    )
    assert found["next_cycle"] == {"start": "2027-01-01", "end": "2029-12-31"}


def test_the_next_cycle_is_offered_only_once_it_can_start() -> None:
    assert result("2026-12-31", DONE)["next_cycle"] is None  # the cycle's last day
    assert result("2027-01-01", DONE)["next_cycle"] == {"start": "2027-01-01", "end": "2029-12-31"}
    assert result("2026-12-06", DONE, renewed_on="2026-12-01")["next_cycle"] == {
        "start": "2027-01-01",
        "end": "2029-12-31",
    }


def test_started_the_activities_count_there() -> None:
    moved = result("2027-03-01", DONE, NEXT, cycle_end="2029-12-31")
    assert [a["cecs"] for a in moved["activities"]] == ["0", "5"]
    assert [a["next_cycle"] for a in moved["activities"]] == [False, False]


def test_the_preview_says_next_cycle_not_would_not_count() -> None:
    request = json.dumps({"profile": PROFILE, "activities": [DONE]})
    answer = json.loads(bridge.preview(request, json.dumps(NEXT), "", "2026-06-01"))
    assert answer["ok"], answer
    assert answer["preview"]["text"] == (
        "Counts in your next cycle: dated 2027-02-01, after your cycle ends on 2026-12-31."
    )
    assert answer["preview"]["next_cycle"] is True


def test_the_cycle_after_one_starts_the_day_after_its_end(rules: Rules) -> None:
    assert following(rules, Cycle(date(2024, 1, 1), date(2026, 12, 31))) == Cycle(
        date(2027, 1, 1), date(2029, 12, 31)
    )
    # A leap day's cycle ends on the same day of the year three years on.
    assert following(rules, Cycle(date(2021, 3, 1), date(2024, 2, 29))) == Cycle(
        date(2024, 3, 1), date(2027, 2, 28)
    )


def test_only_the_next_cycle_flag_makes_nothing_lost(rules: Rules) -> None:
    profile = Profile(("cpt",), date(2026, 12, 31), None, None, date(2027, 3, 1))
    before = Activity(date(2023, 6, 1), "Old", "acsm", Decimal(5))
    after = Activity(date(2027, 2, 1), "New", "acsm", Decimal(5))
    early, late = tally(rules, profile, [before, after]).decisions
    assert (early.next_cycle, early.lost) == (False, Decimal(5))  # before the cycle: lost
    assert (late.next_cycle, late.lost) == (True, Decimal(0))


def test_no_next_cycle_is_offered_when_the_rules_know_no_length_for_it(rules: Rules) -> None:
    # Cycles retired from the day after this one ends: the cycle ended, but its successor's dates
    # cannot be said, so none is offered (rather than a made-up one or a failure).
    years = rules.renewal.cycle_years
    retired = replace(years, entries=(*years.entries, Entry(date(2027, 1, 1), None, "acsm-faq12")))
    these = replace(rules, renewal=replace(rules.renewal, cycle_years=retired))
    profile = Profile(("cpt",), date(2026, 12, 31), None, None, date(2027, 3, 1))
    t = tally(these, profile, [Activity(date(2025, 3, 1), "Summit", "acsm", Decimal(45))])
    assert following(these, t.cycle) is None
    assert next_cycle(t, these) is None
    assert next_cycle(t, rules) == {"start": "2027-01-01", "end": "2029-12-31"}
