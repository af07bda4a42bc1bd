"""The page's door to the other bodies (calc.bridge.load_bodies, other_bodies): every body
scenario gives through it what the command line's steps give, and a wrong list of certifications
is said at its place, never raised."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calc import bridge
from calc.bodies.profile import ACSM, certification_names
from calc.text import name_key
from tests.conftest import load_bodies
from tests.scenarios import test_bodies
from tests.scenarios.test_bodies import EXPECTATIONS, SCENARIOS

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31", "cpr_expires": "2027-06-01"}


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True
    answer = json.loads(bridge.load_bodies(json.dumps(load_bodies(), default=str)))
    assert answer == {"ok": True, "bodies": sorted(load_bodies())}


def ask(profile: dict[str, Any], activities: list[dict[str, Any]], today: str) -> Any:
    request = {"profile": profile, "activities": activities}
    return json.loads(bridge.other_bodies(json.dumps(request), today))


def page_request(case: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A scenario as the page keeps it: ACSM's certifications in the profile (left out here: the
    page's own compute counts them), the others in ``others``."""
    acsm, bodies = test_bodies.rules()
    names = certification_names(acsm, bodies)
    others = [
        {k: str(v) for k, v in entry.items()}
        for entry in case["profile"]["certifications"]
        if names[name_key(str(entry["certification"]))][0] != ACSM
    ]
    profile = {"others": others}
    if "cpr_expires" in case["profile"]:
        profile["cpr_expires"] = str(case["profile"]["cpr_expires"])
    activities = [
        {k: v for k, v in a.items() if k not in EXPECTATIONS} for a in case.get("activities", [])
    ]
    return profile, activities


@pytest.mark.parametrize("case", SCENARIOS, ids=[c["name"] for c in SCENARIOS])
def test_every_body_scenario_through_the_page_door_gives_what_the_command_line_gives(
    case: dict[str, Any],
) -> None:
    profile, activities = page_request(case)
    answer = ask(profile, activities, str(case["profile"]["as_of"]))
    assert answer["ok"] is True, answer
    entries, counts = test_bodies.result(case)
    assert {b["body"]: b for b in answer["bodies"]} == entries
    assert answer["counts"] == counts
    # And what the scenario expects, said once more on the page's answer.
    for body, want in case["expect"].items():
        test_bodies.check_result(entries[body], want, body)


def test_no_other_certification_gives_no_body() -> None:
    answer = ask(PROFILE, [{"date": "2026-03-01", "provider": "acsm", "amount": "2"}], "2026-12-07")
    assert answer == {"ok": True, "bodies": [], "counts": []}


def test_each_body_counts_each_activity_in_its_own_unit() -> None:
    profile = {
        **PROFILE,
        "others": [
            {"certification": "ace-pt", "certified": "2025-03-31"},
            {"certification": "nsca-cscs"},
        ],
    }
    activities = [{"date": "2026-03-01", "title": "Core", "provider": "ace", "amount": "0.5"}]
    answer = ask(profile, activities, "2026-12-07")
    assert [b["body"] for b in answer["bodies"]] == ["ace", "nsca"]
    assert answer["bodies"][0]["verdict"]["headline"] == (
        "ACE Certified Personal Trainer: 0.5 of 2 ACE CECs, renew by March 31, 2027"
    )
    assert answer["counts"][0]["ace"]["status"] == "counted"
    assert answer["counts"][0]["ace"]["amount"] == "0.5"
    assert set(answer["counts"][0]) == {"ace", "nsca"}


@pytest.mark.parametrize(
    ("others", "said"),
    [
        ([{"certification": "ace-px"}], "others[1].certification: unknown certification 'ace-px'"),
        ([{}], "others[1].certification: is required"),
        (
            [{"certification": "ace-pt", "certified": "2025-02-30"}],
            "others[1].certified: must be a date written YYYY-MM-DD",
        ),
        (
            [{"certification": "ace-pt", "certified": "2025-03-31", "colour": "blue"}],
            "others[1].colour: unknown field",
        ),
        ([{"certification": "ACSM-CPT"}], "others: list only other bodies' certifications here"),
        ([3], "others[1]: must be a mapping"),
        ("ace-pt", "others: must be a list of certifications"),
    ],
)
def test_a_wrong_certification_held_is_said_at_its_place(others: Any, said: str) -> None:
    answer = ask({**PROFILE, "others": others}, [], "2026-12-07")
    assert answer["ok"] is False
    assert [p["row"] for p in answer["problems"]] == [0] * len(answer["problems"])
    assert {p["column"] for p in answer["problems"]} == {"others"}
    assert any(p["message"].startswith(said) for p in answer["problems"]), answer


def test_an_activity_that_cannot_be_read_is_said_by_row_not_counted() -> None:
    profile = {**PROFILE, "others": [{"certification": "ace-pt", "certified": "2025-03-31"}]}
    activities = [
        {"date": "2026-03-01", "provider": "ace", "amount": "0.5"},
        {"date": "2026-02-30", "provider": "ace", "amount": "0.5"},
    ]
    answer = ask(profile, activities, "2026-12-07")
    assert answer["ok"] is False
    assert [(p["row"], p["column"]) for p in answer["problems"]] == [(2, "date")]


def test_a_profile_acsm_cannot_tally_still_gives_the_other_bodies() -> None:
    # No ACSM certification chosen yet: ACSM's compute asks for one; ACE's answer still comes.
    profile = {"others": [{"certification": "ace-pt", "certified": "2025-03-31"}]}
    answer = ask(
        profile, [{"date": "2026-03-01", "provider": "ace", "amount": "0.5"}], "2026-12-07"
    )
    assert answer["ok"] is True
    assert answer["bodies"][0]["earned"] == "0.5"


@pytest.mark.parametrize("junk", ["", "[", "[]", '{"nsca": {"body": 3}}', '{"nsca": {}}'])
def test_unreadable_rules_of_the_bodies_get_an_error_answer(junk: str) -> None:
    answer = json.loads(bridge.load_bodies(junk))
    assert answer["ok"] is False
    assert answer["error"].startswith("the other bodies' rules cannot be read: "), answer


def test_a_year_out_of_reach_is_said_not_raised() -> None:
    profile = {**PROFILE, "others": [{"certification": "ace-pt", "certified": "9999-12-01"}]}
    answer = ask(profile, [], "2026-12-07")
    assert answer["ok"] is False
    assert "check the years" in answer["problems"][0]["message"]


def test_the_other_certifications_go_out_in_a_log_file_and_come_back_whole() -> None:
    others = [
        {"certification": "ace-pt", "certified": "2025-03-31"},
        {"certification": "nsca-cscs", "renewed_on": "2026-11-01"},
    ]
    request = {
        "profile": {**PROFILE, "others": others},
        "activities": [{"date": "2026-03-01", "provider": "ace", "amount": "0.5"}],
    }
    exported = json.loads(bridge.export_log(json.dumps(request), "json", "2026-12-07"))
    assert json.loads(exported["text"])["profile"]["others"] == others
    back = json.loads(bridge.import_log(exported["text"], "2026-12-07"))
    assert back["ok"] is True
    assert back["profile"]["others"] == others
    # Kept as written even when wrong: the page says what is wrong where they are counted.
    wrong = [{"certification": "ace-px", "certified": "someday", "colour": "blue"}, "junk"]
    text = json.dumps({**json.loads(exported["text"]), "profile": {**PROFILE, "others": wrong}})
    back = json.loads(bridge.import_log(text, "2026-12-07"))
    assert back["profile"]["others"] == [{"certification": "ace-px", "certified": "someday"}]


def test_a_log_with_acsm_alone_exports_as_before() -> None:
    request = {
        "profile": PROFILE,
        "activities": [{"date": "2026-03-01", "provider": "acsm", "amount": "2"}],
    }
    exported = json.loads(bridge.export_log(json.dumps(request), "json", "2026-12-07"))
    assert "others" not in json.loads(exported["text"])["profile"]


def test_before_the_bodies_rules_are_loaded_their_certifications_are_unknown(
    bundle: dict[str, Any],
) -> None:
    # New rules make a new calculator, which holds no body until the page asks for them.
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True
    answer = ask({**PROFILE, "others": [{"certification": "ace-pt"}]}, [], "2026-12-07")
    assert answer["ok"] is False
    assert "unknown certification 'ace-pt'" in answer["problems"][0]["message"]
