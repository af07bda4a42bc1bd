"""The days left to the deadline, as the result gives them: to the cycle's end while CECs or the
renewal are still to do, to the grace period's end in it, nothing once renewed or lapsed. And
days as people read them in the audit packet."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calc import bridge
from calc.text import long_dates

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
COURSES = [
    {"date": "2025-03-01", "title": f"Course {n}", "provider": "acsm", "amount": "15"}
    for n in range(3)
]


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


def due(today: str, activities: list[dict[str, str]], **profile: str) -> Any:
    request = json.dumps({"profile": {**PROFILE, **profile}, "activities": activities})
    answer = json.loads(bridge.compute(request, today))
    assert answer["ok"], answer
    return answer["result"]["verdict"]["state"], answer["result"]["deadline"]


@pytest.mark.parametrize(
    ("today", "activities", "profile", "expected"),
    [
        ("2026-12-06", [], {}, ("short", {"date": "2026-12-31", "days_left": 25, "grace": False})),
        ("2026-12-31", [], {}, ("short", {"date": "2026-12-31", "days_left": 0, "grace": False})),
        ("2026-06-01", COURSES, {}, ("renew", {"date": "2026-12-31", "days_left": 213, "grace": False})),
        ("2027-01-01", COURSES, {}, ("grace", {"date": "2027-06-30", "days_left": 180, "grace": True})),
        ("2027-06-30", COURSES, {}, ("grace", {"date": "2027-06-30", "days_left": 0, "grace": True})),
        ("2027-07-01", COURSES, {}, ("lapsed", None)),
        ("2026-12-06", COURSES, {"renewed_on": "2026-11-01"}, ("check", None)),
    ],
    ids=["25 days to go", "the last day", "complete: renew", "grace", "grace's last day",
         "lapsed", "renewed"],
)  # fmt: skip
def test_the_days_left_and_to_what(
    today: str, activities: list[dict[str, str]], profile: dict[str, str], expected: Any
) -> None:
    assert due(today, activities, **profile) == expected


def test_days_in_sentences_read_as_people_write_them() -> None:
    assert long_dates("45 CECs to go by 2026-12-31; served 2024-07-01 to 2026-06-30.") == (
        "45 CECs to go by December 31, 2026; served July 1, 2024 to June 30, 2026."
    )
    # Not a day: left as written.
    assert long_dates("2026-02-30, 12026-01-01, 2026-1-1, 20260101") == (
        "2026-02-30, 12026-01-01, 2026-1-1, 20260101"
    )


def test_the_to_dos_that_send_you_to_acsm_link_to_its_page(bundle: dict[str, Any]) -> None:
    workshop = {"date": "2025-03-01", "title": "Workshop", "provider": "ace", "amount": "1"}
    request = json.dumps({"profile": PROFILE, "activities": [workshop]})
    checklist = json.loads(bridge.compute(request, "2026-12-06"))["result"]["checklist"]
    url = bundle["sources"]["acsm-recertification-2025"]["url"]
    page = {"text": "ACSM's recertification page", "url": url}
    assert {c["id"]: c["link"] for c in checklist} == {
        "cecs": None,
        "cpr": None,
        "reported": page,
        "renewal_window": None,
        "renewal": page,
        "certificates": None,
        "fee": None,
    }
    # Reported and renewed: nothing left to do there, no link.
    said = [{**c, "reported": "yes", "certificate": "yes"} for c in COURSES]
    request = json.dumps({"profile": {**PROFILE, "renewed_on": "2026-11-01"}, "activities": said})
    checklist = json.loads(bridge.compute(request, "2026-12-06"))["result"]["checklist"]
    assert [c["id"] for c in checklist if c["link"]] == []
