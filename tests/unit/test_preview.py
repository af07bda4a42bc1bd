"""The preview of an activity as it is typed into the form, before "Add activity": what it would
count, in the sentence the page shows, and the totals before and after. Whole answers, for the
kinds of activity a trainer enters; tests/property/test_incremental.py proves it equals the
result once the activity is added, for any log."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from calc import bridge
from tests.conftest import load_bundle, quoted

# ACSM-CPT, 45 CECs per cycle, from 2024-01-01 to 2026-12-31; the page's day is 2026-06-01.
PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
TODAY = "2026-06-01"
COURSE = {"date": "2025-03-01", "title": "Strength course", "provider": "acsm", "amount": "15"}
CPR = {
    "date": "2025-02-01",
    "title": "CPR/AED",
    "provider": "other",
    "organization": "Red Cross",
    "amount": "2",
}
CPR |= {"unit": "hour", "category": "cpr"}


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]


def request(log: list[dict[str, str]], profile: dict[str, Any] = PROFILE) -> str:
    """The log as the page sends it: the profile, then each activity's JSON text."""
    return bridge.RECORD_SEPARATOR.join([json.dumps({"profile": profile}), *map(json.dumps, log)])


def preview(
    log: list[dict[str, str]],
    candidate: dict[str, str],
    index: str = "",
    profile: dict[str, Any] = PROFILE,
) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(
        bridge.preview(request(log, profile), json.dumps(candidate), index, TODAY)
    )
    return answer


def text(log: list[dict[str, str]], candidate: dict[str, str], index: str = "") -> str:
    answer = preview(log, candidate, index)
    assert answer["ok"], answer
    said: str = answer["preview"]["text"]
    return said


BLOG = {
    "source": "acsm-blog-earning-2019",
    "title": "Earning and Tracking Continuing Education for your ACSM Certification",
    "url": "https://www.acsm.org/blog-detail/acsm-certified-blog/2019/05/20/earning-and-"
    "tracking-continuing-education-for-your-acsm-certification",
    "status": "confirmed",
    "since": "2019-05-20",
}
# The webinar's sources, whole: the page links each rule to its page and to ACSM's.
WEBINAR_SOURCES = [
    {"rule": "providers.ace.decimal_system", **BLOG, "page": "units"},
    {"rule": "conversion.decimal_system", **BLOG, "page": "units"},
    {
        "rule": "categories.education.in_force",
        "source": "acsm-faq12",
        "title": "Recertification requirements (certification FAQ 12)",
        "url": "http://certification.acsm.org/faq12-recert-requirements",
        "page": "what-counts",
        "status": "confirmed",
        "since": "2015-02-04",
    },
]
for source in WEBINAR_SOURCES:
    source["anchor"] = source["rule"].replace(".", "-").replace("_", "-")
    source["quote"] = quoted(load_bundle(), source["rule"], source["since"])


def test_the_whole_answer_for_an_activity_to_add() -> None:
    webinar = {"date": "2025-04-01", "title": "Webinar", "provider": "ace", "amount": "1.5"}
    assert preview([COURSE], webinar) == {
        "ok": True,
        "preview": {
            "unit": "cec",
            "amount_text": "1.5 CECs",
            "converted_cecs": "15",
            "cecs": "15",
            "would_cecs": "0",
            "planned": False,
            "next_cycle": False,
            "counted": True,
            "explanation": "ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM CEC: "
            "1.5 x 10 = 15 CECs",
            "sources": WEBINAR_SOURCES,
            "notes": [],
            "warnings": [],
            "copy_of": None,
            "required_cecs": "45",
            "earned_cecs": "30",
            "remaining_cecs": "15",
            "planned_cecs": "0",
            "with_plans_cecs": "30",
            "before": {
                "required_cecs": "45",
                "earned_cecs": "15",
                "remaining_cecs": "30",
                "planned_cecs": "0",
                "with_plans_cecs": "15",
            },
            "text": "Would count 15 CECs: 30 of 45 CECs.",
        },
    }


def test_an_activity_that_counts_in_full() -> None:
    assert text([COURSE], {**COURSE, "date": "2025-04-01"}) == "Would count 15 CECs: 30 of 45 CECs."


def test_one_cec_is_singular() -> None:
    one = {**COURSE, "date": "2025-04-01", "amount": "1"}
    assert text([COURSE], one) == "Would count 1 CEC: 16 of 45 CECs."


def test_a_capped_activity_says_which_cap_cut_it() -> None:
    # CPR, AED and First Aid count at most 5 CECs a calendar year: 2 are counted in 2025.
    first_aid = {**CPR, "date": "2025-06-01", "title": "First Aid", "amount": "5"}
    assert text([COURSE, CPR], first_aid) == (
        "Would count 3 of its 5 CECs (the yearly cap for CPR, AED and First Aid certification): "
        "20 of 45 CECs."
    )


def test_an_earlier_capped_activity_says_what_the_later_ones_lose() -> None:
    # Dated before the CPR course already logged, it takes the cap's room first: 5 + 0 instead
    # of 2, so the total grows by 3, not 5.
    first_aid = {**CPR, "date": "2025-01-15", "title": "First Aid", "amount": "5"}
    assert text([COURSE, CPR], first_aid) == (
        "Would count 5 CECs (other activities under the same cap would count 2 CECs less): "
        "20 of 45 CECs."
    )


def test_a_capped_activity_made_smaller_says_what_the_later_ones_gain() -> None:
    first_aid = {**CPR, "date": "2025-01-15", "title": "First Aid", "amount": "5"}
    assert text([COURSE, first_aid, CPR], {**first_aid, "amount": "2"}, "1") == (
        "Would count 2 CECs (other activities under the same cap would count 2 CECs more): "
        "19 of 45 CECs."
    )


def test_a_planned_activity_counts_once_done() -> None:
    fall = {**COURSE, "date": "2026-09-15", "title": "Fall workshop", "amount": "30"}
    assert text([COURSE], fall) == (
        "A plan: would count 30 CECs once done; with your plans, 45 of 45 CECs."
    )


def test_a_planned_capped_activity_counts_what_the_cap_leaves() -> None:
    cpr_2026 = {**CPR, "date": "2026-02-01", "amount": "4"}
    planned = {**CPR, "date": "2026-10-01", "title": "First Aid", "amount": "3"}
    assert text([COURSE, cpr_2026], planned) == (
        "A plan: would count 1 of its 3 CECs once done (the yearly cap for CPR, AED and First Aid "
        "certification); with your plans, 20 of 45 CECs."
    )


@pytest.mark.parametrize(
    ("candidate", "said"),
    [
        (
            {**COURSE, "date": "2023-06-15"},
            "Would not count: completed 2023-06-15, before your cycle began (2024-01-01 to "
            "2026-12-31).",
        ),
        (
            {**COURSE, "title": "Pilates", "in_scope": "no"},
            "Would not count: outside the scope of your certification.",
        ),
        (
            {**CPR, "date": "2024-12-31"},
            "Would not count: ACSM accepts CPR, AED and First Aid certification CECs only from "
            "2025-01-01.",
        ),
        (
            {**CPR, "date": "2025-06-01", "amount": "4"},
            "Would not count: CPR, AED and First Aid certification counts at most 5 CECs per "
            "calendar year (2025), 5 already counted.",
        ),
        (
            {**COURSE, "date": "2027-02-01"},
            "Counts in your next cycle: dated 2027-02-01, after your cycle ends on 2026-12-31.",
        ),
        (
            {**CPR, "date": "2026-02-01", "amount": ""},
            "Would not count: enter how long the course was, in hours; until then it counts 0.",
        ),
        (
            # In the next cycle all the same: its length is still asked for.
            {**CPR, "date": "2027-02-01", "amount": ""},
            "Counts in your next cycle: enter how long the course was, in hours; until then it "
            "counts 0.",
        ),
        (
            {**COURSE, "title": "STRENGTH course!"},
            "Would not count: it looks like a copy of row 1 (the same date, organization, amount, "
            "unit and title), which counts already: this one counts 0. If you did it twice, mark "
            "it as a separate activity.",
        ),
    ],
    ids=[
        "before the cycle",
        "out of scope",
        "before its category counts",
        "cap used up",
        "plan after the cycle",
        "no length",
        "no length, after the cycle",
        "a copy",
    ],
)
def test_an_activity_that_would_not_count_says_why(candidate: dict[str, str], said: str) -> None:
    full_cpr = {**CPR, "amount": "5"}
    assert text([COURSE, full_cpr], candidate) == said


def test_an_edit_that_changes_nothing_it_counts_says_still() -> None:
    two = {**COURSE, "amount": "2"}
    assert text([COURSE, two], {**two, "title": "Renamed"}, "1") == (
        "Would still count 2 CECs: 17 of 45 CECs."
    )
    out = {**COURSE, "date": "2023-06-15"}
    assert text([out], {**out, "title": "Renamed"}, "0") == (
        "Would still not count: completed 2023-06-15, before your cycle began (2024-01-01 to "
        "2026-12-31)."
    )


def test_an_edit_gives_the_totals_before_and_after() -> None:
    answer = preview([COURSE, CPR], {**COURSE, "amount": "10"}, "0")["preview"]
    assert answer["text"] == "Would count 10 CECs: 12 of 45 CECs."
    assert (answer["before"]["earned_cecs"], answer["earned_cecs"]) == ("17", "12")


def test_the_preview_is_what_the_log_gives_once_the_activity_is_added() -> None:
    log = [COURSE, CPR, {**CPR, "date": "2025-05-01", "amount": "4"}]
    candidate = {**CPR, "date": "2025-01-10", "amount": "3"}
    found = preview(log, candidate)["preview"]
    result = json.loads(bridge.compute(request([*log, candidate]), TODAY))["result"]
    keys = ("required_cecs", "earned_cecs", "remaining_cecs", "planned_cecs", "with_plans_cecs")
    assert {k: found[k] for k in keys} == {k: result[k] for k in keys}
    assert found["cecs"] == result["activities"][-1]["cecs"] == "3"
    assert (
        found["before"]["earned_cecs"]
        == json.loads(bridge.compute(request(log), TODAY))["result"]["earned_cecs"]
    )


def test_the_activitys_own_problems_come_as_the_forms_check_gives_them() -> None:
    assert preview([COURSE], {**COURSE, "amount": "x", "unit": "furlong"}) == {
        "ok": False,
        "problems": [
            {
                "row": 2,
                "column": "amount",
                "message": "must be a plain number such as 1.5 (at most 3 decimals)",
            },
            {
                "row": 2,
                "column": "unit",
                "message": "unknown unit 'furlong' (use one of: CEC, CEU, CME, contact hour, hour, "
                "credit hour, quarter credit hour)",
            },
        ],
    }


def test_an_unusable_profile_says_so() -> None:
    assert preview([COURSE], COURSE, profile={"certifications": [], "cycle_end": ""}) == {
        "ok": False,
        "profile": True,
        "problems": [
            {"row": 0, "column": "certifications", "message": "choose at least one certification"},
            {"row": 0, "column": "cycle_end", "message": "is required"},
        ],
    }


def test_a_profile_the_rules_cannot_tally_says_so() -> None:
    eim = {"certifications": ["eim"], "cycle_end": "2026-12-31"}
    assert preview([COURSE], COURSE, profile=eim) == {
        "ok": False,
        "profile": True,
        "problems": [
            {
                "row": 0,
                "column": "",
                "message": "Exercise is Medicine Credential: no CEC requirement of its own; also "
                "choose the certification that keeps it active",
            }
        ],
    }


def test_problems_with_the_other_activities_say_so() -> None:
    broken = {**COURSE, "provider": ""}
    answer = preview([COURSE, broken], COURSE)
    assert (answer["ok"], answer["log"]) == (False, True)
    assert [(p["row"], p["column"]) for p in answer["problems"]] == [(2, "provider")]


def test_an_edit_that_mends_a_broken_activity_has_no_totals_before() -> None:
    broken = {**COURSE, "provider": ""}
    answer = preview([broken, {**COURSE, "title": "Another course"}], COURSE, "0")
    assert answer["ok"], answer
    assert (answer["preview"]["before"], answer["preview"]["text"]) == (
        None,
        "Would count 15 CECs: 30 of 45 CECs.",
    )


@pytest.mark.parametrize("index", ["1", "-1", "x", " 0", "\u00b2"])
def test_an_index_that_names_no_activity_is_an_error(index: str) -> None:
    assert preview([COURSE], COURSE, index) == {
        "ok": False,
        "error": f"there is no activity at index {index!r} to replace",
    }


def test_a_preview_leaves_the_results_as_they_were() -> None:
    before = bridge.compute(request([COURSE, CPR]), TODAY)
    preview([COURSE, CPR], {**CPR, "date": "2025-01-01", "amount": "5"})
    after = bridge.compute(request([COURSE, CPR]), TODAY)
    assert json.loads(after)["result"]["activities"] == json.loads(before)["result"]["activities"]


def test_an_activity_no_rule_converts_says_so(bundle: dict[str, Any]) -> None:
    # ACSM withdraws its 1 = 1 rule (a retired rule: its entries' values null): its own CECs
    # then convert by no rule at all.
    retired = copy.deepcopy(bundle)
    for entry in retired["conversion"]["one_to_one"]["entries"]:
        entry["value"] = None
    assert json.loads(bridge.load_rules(json.dumps(retired)))["ok"]
    assert text([], COURSE) == (
        "Would not count: no conversion for ACSM CECs is known on 2025-03-01."
    )
    planned = {**COURSE, "date": "2026-09-15"}
    assert text([], planned) == (
        "Would not count: no conversion for ACSM CECs is known on 2026-09-15."
    )


@pytest.mark.parametrize(
    ("request_text", "record_text", "expected"),
    [
        ("{not json", json.dumps(COURSE), {"ok": False, "error": "the request is not valid JSON"}),
        (
            json.dumps({"profile": PROFILE, "activities": [COURSE]}),
            "{not json",
            {
                "ok": False,
                "problems": [
                    {"row": 2, "column": "", "message": "an activity must be an object of fields"}
                ],
            },
        ),
        (
            json.dumps({"profile": PROFILE, "activities": []}),
            "[1, 2]",
            {
                "ok": False,
                "problems": [
                    {"row": 1, "column": "", "message": "an activity must be an object of fields"}
                ],
            },
        ),
    ],
    ids=["request", "record", "record not an object"],
)
def test_what_is_not_json_gets_an_answer(
    request_text: str, record_text: str, expected: dict[str, Any]
) -> None:
    assert json.loads(bridge.preview(request_text, record_text, "", TODAY)) == expected


# Committee service: a year of it allows 8; the cycle's cap is 24.
BOARD = {"provider": "acsm", "amount": "8", "category": "committee", "title": "Board"}


def test_committee_service_cut_by_its_years_says_which_cap() -> None:
    half = {**BOARD, "service_from": "2025-01-01", "service_to": "2025-06-30"}
    assert text([COURSE], half) == (
        "Would count 3.96 of its 8 CECs (the cap per year of service for ACSM committee or "
        "volunteer service): 18.96 of 45 CECs."
    )


def test_committee_service_cut_by_the_cycles_cap_says_so() -> None:
    ep = {"certifications": ["ep"], "cycle_end": "2026-12-31", "cycle_start": "2023-03-01"}
    served = {**BOARD, "amount": "24", "service_from": "2023-03-01", "service_to": "2026-02-28"}
    more = {**BOARD, "title": "Mentoring", "service_from": "2026-03-01", "service_to": "2026-05-31"}
    answer = preview([served], more, profile=ep)
    assert answer["preview"]["text"] == (
        "Would not count: served 2026-03-01 to 2026-05-31, 0.25 years of service in your cycle; "
        "ACSM committee or volunteer service counts at most 8 CECs per year of service, so up to "
        "2.01; ACSM committee or volunteer service counts at most 24 CECs per cycle, 24 already "
        "counted."
    )
    fewer = {**served, "amount": "20"}
    answer = preview([fewer], more, profile=ep)
    assert answer["preview"]["text"] == (
        "Would count 2.01 of its 8 CECs (the cap per year of service for ACSM committee or "
        "volunteer service): 22.01 of 60 CECs."
    )
    tight = {
        **BOARD,
        "title": "Mentoring",
        "service_from": "2026-03-01",
        "service_to": "2026-11-30",
    }
    answer = preview([fewer], tight, profile=ep)
    # Served until November, after the page's day: a plan, which the cycle's cap cuts.
    assert answer["preview"]["text"] == (
        "A plan: would count 4 of its 8 CECs once done (the cycle's cap for ACSM committee or "
        "volunteer service); with your plans, 24 of 60 CECs."
    )


def test_a_done_activity_previewed_beside_plans_is_said_without_them() -> None:
    fall = {**COURSE, "date": "2026-09-15", "title": "Fall workshop", "amount": "10"}
    webinar = {**COURSE, "date": "2026-03-01", "title": "Webinar", "amount": "5"}
    assert text([COURSE, fall], webinar) == "Would count 5 CECs: 20 of 45 CECs."
    # A plan brought forward, edited into a done course: what it counts now, and no longer as
    # a plan's.
    assert text([COURSE, fall], {**fall, "date": "2026-05-01"}, "1") == (
        "Would count 10 CECs: 25 of 45 CECs."
    )


def test_a_planned_activity_previewed_with_nothing_it_would_count_says_why() -> None:
    after = {**COURSE, "date": "2027-03-01", "title": "After the cycle"}
    assert text([COURSE], after) == (
        "Counts in your next cycle: dated 2027-03-01, after your cycle ends on 2026-12-31."
    )
