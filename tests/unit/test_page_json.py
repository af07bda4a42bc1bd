"""The result the calculator page renders, per activity, whole: every field the page reads
(docs/assets/calculator/*.mjs) with its value for three activities a trainer might enter. Numbers
come as decimal strings ("1.5"), exact, in JSON as plain as it gets."""

from __future__ import annotations

import json
from typing import Any

from calc import bridge

ACTIVITIES = [
    {"date": "2025-03-01", "title": "ACE course", "provider": "ace", "amount": "1"},
    {
        "date": "2025-04-01",
        "provider": "acsm",
        "amount": "10",
        "category": "committee",
        "reported": "yes",
        "service_from": "2024-04-02",
        "service_to": "2025-04-01",
    },
    {
        "date": "2026-09-01",
        "provider": "other",
        "organization": "State Fitness Conference",
        "amount": "30",
        "unit": "contact_hour",
    },
]
EXPECTED = [
    {
        "unit": "cec",
        "amount_text": "1 CEC",
        "cecs": "10",
        "counted": True,
        "planned": False,
        "next_cycle": False,
        "would_cecs": "0",
        "to_report": True,
        "explanation": "ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM CEC: 1 x 10 = "
        "10 CECs",
        "sources": [
            "providers.ace.decimal_system",
            "conversion.decimal_system",
            "categories.education.in_force",
        ],
        "notes": [],
        "warnings": [],
        "copy_of": None,
    },
    {
        "unit": "cec",
        "amount_text": "10 CECs",
        "cecs": "8",
        "counted": True,
        "planned": False,
        "next_cycle": False,
        "would_cecs": "0",
        "to_report": False,
        "explanation": "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC: 10 x 1 = "
        "10 CECs; served 2024-04-02 to 2025-04-01, 1 year of service in your cycle; ACSM committee "
        "or volunteer service counts at most 8 CECs per year of service, so up to 8: counts 8 of "
        "10 (2 lost). Read as 8 per calendar year your service touched (2024 and 2025), it would "
        "be up to 16",
        "sources": [
            "providers.acsm.decimal_system",
            "conversion.one_to_one",
            "categories.committee.in_force",
            "categories.committee.cap_per_service_year",
        ],
        "notes": [],
        "warnings": [],
        "copy_of": None,
    },
    {
        "unit": "contact_hour",
        "amount_text": "30 contact hours",
        "cecs": "0",
        "counted": False,
        "planned": True,
        "next_cycle": False,
        "would_cecs": "30",
        "to_report": False,
        "explanation": "Planned for 2026-09-01, after 2026-06-01: counts 0 until done. Once done: "
        "Each contact hour counts as 1 ACSM CEC: 30 x 1 = 30 CECs",
        "sources": ["units.contact_hour.cecs_per_unit", "categories.education.in_force"],
        "notes": [],
        "warnings": [
            "Check the amount: 30 contact hours is about 30 hours of participation on one date. "
            "Fine if the activity ran over several days."
        ],
        "copy_of": None,
    },
]


def test_each_activitys_result_as_the_page_reads_it(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]
    request = {
        "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": ACTIVITIES,
    }
    answer = json.loads(bridge.compute(json.dumps(request), today="2026-06-01"))
    assert answer["ok"] is True
    result = answer["result"]
    got = result["activities"]
    for activity in got:
        activity["sources"] = [result["citations"][key]["rule"] for key in activity["sources"]]
    assert got == EXPECTED


def test_the_answer_is_plain_json_and_every_number_a_decimal_string(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]
    request = {
        "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": [*ACTIVITIES, {"date": "2025-05-01", "provider": "ace", "amount": "0.25"}],
    }
    text = bridge.compute(json.dumps(request), today="2026-06-01")
    # As json.dumps writes it: nothing spliced in.
    assert text == json.dumps(json.loads(text), ensure_ascii=False)
    numbers: list[Any] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append((key, value))

    result = json.loads(text)["result"]
    walk(result)
    # The days to the deadline and a whole percentage: the only JSON numbers.
    assert numbers == [("days_left", 213), ("elapsed_percent", 80)]
    assert [a["cecs"] for a in result["activities"]] == ["10", "8", "0", "2.5"]
    assert (result["earned_cecs"], result["pace"]["expected_cecs"]) == ("20.5", "36.3")
