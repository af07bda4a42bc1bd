"""Every body's result as the command line gives it (calc.bodies.report): a body's JSON entry,
ACSM's in the same shape, what each activity counts for each body, and the text report's lines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.bodies.report import ACSM, _acsm_status, acsm_json, body_json, body_lines, counts_for
from calc.bodies.tally import (
    CAPPED,
    COUNTED,
    NOT_ACCEPTED,
    OUTSIDE_CYCLE,
    PLANNED,
    BodyTally,
    Held,
    tally_body,
)
from calc.engine import Decision, Tally, tally
from calc.model import Activity, Profile
from tests.unit.test_bodies_tally import (
    BODY,
    CERT,
    RULES,
    act,
    always,
    body,
    cert,
)

D = Decimal
AS_OF = date(2026, 6, 1)
SECOND = replace(CERT, id="tb-gfi", name="TB Group Fitness Instructor")
TWO = body(
    certifications={"tb-pt": cert(grace_days=always(D(30))), "tb-gfi": SECOND},
    shared=always(True),
    cpr=replace(BODY.cpr, required=always(True)),
)
PT = Held("tb-pt", certified=date(2025, 3, 31), cpr_expires=date(2027, 6, 1))
GFI = Held("tb-gfi")  # no day: no cycle
LOG = [act(title="Core"), act("2026-04-01", provider="nasm", title="")]


def two() -> BodyTally:
    return tally_body(TWO, RULES, [GFI, PT], LOG, AS_OF)


PT_JSON: dict[str, Any] = {
    "certification": "tb-pt",
    "name": "TB Personal Trainer",
    "required": "2",
    "earned": "0.5",
    "remaining": "1.5",
    "cycle": {"start": "2025-03-31", "end": "2027-03-31"},
    "grace_period_end": "2027-04-30",
    "verdict": {
        "state": "to_do",
        "headline": "TB Personal Trainer: 0.5 of 2 TB credits, renew by March 31, 2027",
    },
    "checklist": [
        {"id": "credits", "ok": False, "text": "0.5 of 2 TB credits: 1.5 to go"},
        {"id": "cpr_card", "ok": True, "text": "CPR/AED card current until June 1, 2027"},
    ],
    "notes": [],
}
WHY = "give the day you earned your TB Group Fitness Instructor, or your cycle's last day"
GFI_JSON: dict[str, Any] = {
    "certification": "tb-gfi",
    "name": "TB Group Fitness Instructor",
    "required": None,
    "earned": "0",
    "remaining": None,
    "cycle": None,
    "grace_period_end": None,
    "verdict": {"state": "unknown", "headline": f"TB Group Fitness Instructor: {WHY}"},
    "checklist": [],
    "notes": [],
}


def test_a_bodys_entry_is_its_most_urgent_certifications_with_each_ones_below() -> None:
    assert body_json(two()) == {
        "body": "ace",
        "name": "Test Body",
        "abbreviation": "TB",
        "certifications": ["tb-pt", "tb-gfi"],
        "unit": "TB credits",
        "required": "2",
        "earned": "0.5",
        "remaining": "1.5",
        "cycle": {"start": "2025-03-31", "end": "2027-03-31"},
        "verdict": PT_JSON["verdict"],
        "checklist": PT_JSON["checklist"],
        "by_certification": [PT_JSON, GFI_JSON],
    }


def test_a_bodys_entry_without_a_cycle_has_no_numbers_to_give() -> None:
    t = tally_body(TWO, RULES, [GFI], LOG, AS_OF)
    entry = body_json(t)
    assert {k: entry[k] for k in ("required", "earned", "remaining", "cycle", "checklist")} == {
        "required": None,
        "earned": "0",
        "remaining": None,
        "cycle": None,
        "checklist": [],
    }
    assert entry["by_certification"] == [GFI_JSON]


def test_a_bodys_entry_gives_its_notes_and_numbers_as_written() -> None:
    unsure = cert(required=always(D("2.50"), status="unconfirmed"))
    t = tally_body(body(certifications={"tb-pt": unsure}), RULES, [PT], [act(amount="3")], AS_OF)
    (entry,) = body_json(t)["by_certification"]
    assert (entry["required"], entry["earned"], entry["remaining"]) == ("2.5", "3", "0")
    assert entry["notes"] == ["2.5 TB credits needed (not confirmed by TB)"]
    assert entry["grace_period_end"] == "2027-03-31"  # no grace: the cycle's end


# ACSM's entry, from ACSM's own tally --------------------------------------------------------

PROFILE = Profile(("cpt", "ep"), date(2026, 12, 31), None, date(2027, 6, 1), AS_OF)


def acsm_tally(*activities: Activity) -> Tally:
    return tally(RULES, PROFILE, list(activities))


def test_acsms_entry_is_in_the_shape_of_the_other_bodies() -> None:
    t = acsm_tally(Activity(date(2025, 3, 1), "Course", "acsm", D("2.50")))
    entry = acsm_json(t)
    assert entry == {
        "body": "acsm",
        "name": "American College of Sports Medicine",
        "abbreviation": "ACSM",
        "certifications": ["cpt", "ep"],
        "unit": "ACSM CECs",
        "required": "60",
        "earned": "2.5",
        "remaining": "57.5",
        "cycle": {"start": "2024-01-01", "end": "2026-12-31"},
        "verdict": {"state": t.outlook.verdict.state, "headline": t.outlook.verdict.headline},
        "checklist": [{"id": c.id, "ok": c.ok, "text": c.text} for c in t.outlook.checklist],
    }
    assert entry["verdict"]["headline"].startswith("57.5 CECs to go by 2026-12-31")
    assert entry["checklist"][0] == {
        "id": t.outlook.checklist[0].id,
        "ok": False,
        "text": "2.5 of 60 CECs earned: 57.5 to go",
    }
    assert set(entry) == set(body_json(two())) - {"by_certification"}


def test_acsms_entry_once_complete_has_nothing_remaining() -> None:
    t = acsm_tally(Activity(date(2025, 3, 1), "Course", "acsm", D(70)))
    entry = acsm_json(t)
    assert (entry["earned"], entry["remaining"]) == ("70", "0")


# What each activity counts for each body ----------------------------------------------------


def test_counts_for_gives_each_body_held_what_its_most_urgent_certification_counts() -> None:
    t = two()
    assert counts_for(None, [t], 0) == {
        "ace": {
            "amount": "0.5",
            "status": "counted",
            "reason": "Own courses: 0.5 TB credits as TB gives them",
        }
    }
    assert counts_for(None, [t], 1) == {
        "ace": {
            "amount": "0",
            "status": "not_accepted",
            "reason": "TB does not accept credits from this provider",
        }
    }
    assert counts_for(None, [], 0) == {}


def test_counts_for_gives_acsm_first_then_each_body() -> None:
    activities = [Activity(date(2025, 6, 1), "Course", "ace", D("0.5"))]
    acsm = acsm_tally(*activities)
    other = replace(BODY, id="nasm", routes=())
    bodies = [tally_body(b, RULES, [PT], activities, AS_OF) for b in (BODY, other)]
    found = counts_for(acsm, bodies, 0)
    assert list(found) == [ACSM, "ace", "nasm"]
    d = acsm.decisions[0]
    assert found[ACSM] == {"amount": "5", "status": "counted", "reason": d.explanation}
    assert found["ace"]["amount"] == "0.5" and found["nasm"]["status"] == "not_accepted"


def _decision() -> Decision:
    return acsm_tally(Activity(date(2025, 3, 1), "Course", "acsm", D(2))).decisions[0]


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, COUNTED),
        ({"cecs": D(1)}, CAPPED),  # counted less than it converted to
        ({"cecs": D(2), "converted": D(2)}, COUNTED),
        ({"cecs": D(3)}, COUNTED),
        ({"cecs": D(0), "cut_by": "categories.committee.cap_per_year"}, CAPPED),
        ({"cecs": D(0), "cut_by": None}, NOT_ACCEPTED),
        ({"cecs": D(0), "converted": D(0), "cut_by": "a cap"}, NOT_ACCEPTED),
        ({"cecs": D(0), "converted": D("0.5"), "cut_by": "a cap"}, CAPPED),  # half a CEC cut
        ({"cecs": D(0), "planned": True}, PLANNED),
        ({"planned": True}, PLANNED),  # a plan first, whatever it would count
        ({"cecs": D(0), "next_cycle": True, "planned": True}, OUTSIDE_CYCLE),
        ({"next_cycle": True}, OUTSIDE_CYCLE),
    ],
)
def test_acsms_decision_in_the_other_bodies_words(changes: dict[str, object], status: str) -> None:
    start = date(2024, 1, 1)  # the cycle's first day: the decision's activity is in it
    assert _acsm_status(replace(_decision(), **changes), start) == status  # type: ignore[arg-type]


def test_an_acsm_activity_on_the_cycles_first_day_is_inside_it() -> None:
    d = _decision()  # completed 2025-03-01
    assert _acsm_status(d, date(2025, 3, 1)) == COUNTED
    assert _acsm_status(d, date(2025, 3, 2)) == OUTSIDE_CYCLE


def test_acsms_statuses_from_a_real_tally() -> None:
    log = [
        Activity(date(2025, 3, 1), "Course", "acsm", D(2)),
        Activity(date(2026, 9, 1), "Plan", "acsm", D(2)),
        Activity(date(2027, 2, 1), "Next", "acsm", D(2)),
        Activity(date(2025, 3, 2), "Out", "acsm", D(2), in_scope=False),
        Activity(date(2025, 3, 1), "Course", "acsm", D(2)),  # a copy of the first
    ]
    t = acsm_tally(*log)
    statuses = [counts_for(t, [], row)[ACSM]["status"] for row in range(len(log))]
    assert statuses == [COUNTED, PLANNED, OUTSIDE_CYCLE, NOT_ACCEPTED, NOT_ACCEPTED]


def test_an_acsm_activity_before_the_cycle_is_outside_it_as_for_other_bodies() -> None:
    t = acsm_tally(Activity(date(2023, 6, 1), "Before", "acsm", D(2)))
    assert counts_for(t, [], 0)[ACSM]["status"] == OUTSIDE_CYCLE


# The text report ----------------------------------------------------------------------------


def test_a_bodys_lines_give_each_certification_then_each_activity() -> None:
    assert body_lines(two(), ["Core", ""]) == [
        "",
        "TB Personal Trainer: 0.5 of 2 TB credits, renew by March 31, 2027",
        "  [ ] 0.5 of 2 TB credits: 1.5 to go",
        "  [x] CPR/AED card current until June 1, 2027",
        "",
        f"TB Group Fitness Instructor: {WHY}",
        "  Activities for TB (TB Personal Trainer):",
        "    1. Core: 0.5 TB credits, counts: Own courses: 0.5 TB credits as TB gives them",
        "    2. (no title): 0 TB credits, does not count: TB does not accept credits from this "
        "provider",
    ]


def test_a_bodys_lines_give_its_notes_after_its_checklist() -> None:
    late = cert(grace_days=always(D(30)))
    b = body(certifications={"tb-pt": late})
    held = Held("tb-pt", certified=date(2025, 3, 31))
    t = tally_body(b, RULES, [held], [act(amount="2")], date(2027, 5, 1))
    assert body_lines(t, ["Core"]) == [
        "",
        "TB Personal Trainer: 0 of 2 TB credits, renew by March 31, 2029",
        "  [ ] 0 of 2 TB credits: 2 to go",
        "  Note: This is the cycle from April 1, 2027: it takes it that you renewed the one that "
        "ended March 31, 2027; if you did not, give that day as cycle_end",
        "  Activities for TB (TB Personal Trainer):",
        "    1. Core: 0 TB credits, outside the cycle: before this cycle, which starts April 1, 2027",
    ]


def test_a_bodys_lines_with_no_activities() -> None:
    t = tally_body(BODY, RULES, [PT], [], AS_OF)
    assert body_lines(t, []) == [
        "",
        "TB Personal Trainer: 0 of 2 TB credits, renew by March 31, 2027",
        "  [ ] 0 of 2 TB credits: 2 to go",
        "  Activities for TB (TB Personal Trainer):",
    ]
