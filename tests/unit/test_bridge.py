"""The JSON door to the page: always an answer, never an exception."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calc import bridge
from tests.records import record

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle))) == {
        "ok": True,
        "last_verified": bundle["last_verified"],
    }


def call(request: Any, **kw: Any) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(bridge.compute(json.dumps(request), **kw))
    return answer


def test_numbers_are_exact_decimal_strings() -> None:
    # 0.1 + 0.1 + 0.1 in floats is 0.30000000000000004: the sums are Decimal, sent as written.
    request = {
        "profile": PROFILE,
        "activities": [
            {"date": "2025-03-01", "provider": "acsm", "amount": "0.1", "title": title}
            for title in ("Part 1", "Part 2", "Part 3")
        ],
    }
    text = bridge.compute(json.dumps(request), today="2026-06-01")
    assert '"earned_cecs": "0.3",' in text
    result = json.loads(text)["result"]
    assert (result["remaining_cecs"], result["activities"][0]["cecs"]) == ("44.7", "0.1")


def test_problems_come_by_row_and_column() -> None:
    request = {
        "profile": PROFILE,
        "activities": [{"date": "2025-02-30", "provider": "acsm", "amount": "-1"}],
    }
    answer = call(request)
    assert answer["ok"] is False
    assert [(p["row"], p["column"]) for p in answer["problems"]] == [(1, "date"), (1, "amount")]


@pytest.mark.parametrize(
    "junk",
    ["", "[", "null", "[]", '{"profile": 1}', '{"profile": {}, "activities": 3}', "1e999999"],
)
def test_garbage_requests_get_an_error_answer(junk: str) -> None:
    assert json.loads(bridge.compute(junk))["ok"] is False


def test_a_non_object_activity_is_a_problem_at_its_row() -> None:
    answer = call({"profile": PROFILE, "activities": [1]})
    assert answer["problems"] == [
        {"row": 1, "column": "", "message": "an activity must be an object of fields"}
    ]


def test_rules_that_cannot_compute_give_an_error_not_a_crash() -> None:
    answer = call({"profile": {**PROFILE, "certifications": ["eim"]}, "activities": []})
    assert answer["ok"] is False and "no CEC requirement" in answer["error"]


def test_unexpected_exceptions_are_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(bridge.Calculator, "page_result", boom)
    answer = call({"profile": PROFILE, "activities": []})
    assert answer == {"ok": False, "error": "internal error: RuntimeError: kaput"}


def test_calls_before_rules_are_loaded_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bridge, "_calculator", None)
    assert json.loads(bridge.compute("{}")) == {"ok": False, "error": "rules are not loaded"}


def test_a_broken_bundle_is_refused() -> None:
    assert json.loads(bridge.load_rules("{}"))["ok"] is False
    assert json.loads(bridge.load_rules("not json"))["ok"] is False
    assert json.loads(bridge.load_rules('{"bundle_format": 99}'))["ok"] is False


def test_import_reads_csv_into_records_the_page_keeps() -> None:
    text = "\ufeffdate,provider,amount,title\n2025-01-02,ACE,1.5,'=SUM(A1)\n"
    answer = json.loads(bridge.import_log(text, today="2026-01-01"))
    assert answer == {
        "ok": True,
        "profile": None,
        "activities": [record(date="2025-01-02", title="=SUM(A1)", provider="ace", amount="1.5")],
        "notes": [],
        "unread": [],
        "rows": 1,
        "copies": [],
    }


def test_import_lists_the_rows_it_cannot_read_and_refuses_a_file_with_none_readable() -> None:
    text = "date,provider,amount\n2025-01-02,ace,1\n2025-01-03,ace,x\n"
    answer = json.loads(bridge.import_log(text, "2026-01-01"))
    unreadable = {
        "row": 3,
        "column": "amount",
        "message": "must be a plain number such as 1.5 (at most 3 decimals)",
    }
    assert answer == {
        "ok": True,
        "profile": None,
        "activities": [record(date="2025-01-02", provider="ace", amount="1")],
        "notes": [],
        "unread": [unreadable],
        "rows": 2,
        "copies": [],
    }
    # Not one row readable: the whole file is refused, every problem said.
    text = "date,provider,amount\nsoon,ace,1\n2025-01-03,ace,x\n"
    assert json.loads(bridge.import_log(text, "2026-01-01")) == {
        "ok": False,
        "problems": [
            {
                "row": 2,
                "column": "date",
                "message": "must be a date: write it as 2025-03-14, 3/14/2025 or 14 March 2025",
            },
            unreadable,
        ],
    }


def test_import_of_json_carries_the_profile() -> None:
    log = {"profile": {**PROFILE, "cpr_expires": "2027-01-01"}, "activities": []}
    answer = json.loads(bridge.import_log(json.dumps(log)))
    assert answer["profile"] == {
        "certifications": ["cpt"],
        "cycle_end": "2026-12-31",
        "cycle_start": "",
        "cpr_expires": "2027-01-01",
        "renewed_on": "",
    }
    bad = {"profile": {"certifications": ["zzz"], "cycle_end": "2026-12-31"}, "activities": []}
    assert json.loads(bridge.import_log(json.dumps(bad)))["ok"] is False


def test_export_writes_csv_and_json() -> None:
    request = {
        "profile": PROFILE,
        "activities": [{"date": "2025-01-02", "provider": "ace", "amount": "1.50", "title": "+1"}],
    }
    csv_text = json.loads(bridge.export_log(json.dumps(request), "csv"))["text"]
    assert csv_text.splitlines()[1] == (
        "2025-01-02,'+1,American Council on Exercise (ACE),,1.5,,15,,,yes,no,,,,,"
    )
    json_text = json.loads(bridge.export_log(json.dumps(request), "json"))["text"]
    assert json.loads(json_text)["profile"]["certifications"] == ["cpt"]
    bad = {"profile": PROFILE, "activities": [{"date": "x"}]}
    assert json.loads(bridge.export_log(json.dumps(bad), "csv"))["ok"] is False
    assert json.loads(bridge.export_log("[]", "csv"))["ok"] is False


def test_check_activity_normalises_or_names_each_problem() -> None:
    good = json.loads(
        bridge.check_activity(
            json.dumps({"date": "2025-01-02", "provider": "ACE", "amount": "1.50"}), "2026-01-01"
        )
    )
    assert good == {
        "ok": True,
        "record": record(date="2025-01-02", provider="ace", amount="1.5"),
    }
    bad = json.loads(
        bridge.check_activity(json.dumps({"date": "", "provider": "acsm", "amount": "x"}))
    )
    assert [(p["column"], p["message"]) for p in bad["problems"]] == [
        ("date", "is required"),
        ("amount", "must be a plain number such as 1.5 (at most 3 decimals)"),
    ]
    assert json.loads(bridge.check_activity("[1]"))["ok"] is False
    assert json.loads(bridge.check_activity("{"))["ok"] is False


def test_the_pages_request_form_gives_the_same_result() -> None:
    activities = [
        {"date": "2025-01-02", "provider": "ace", "amount": "1.5"},
        {"date": "2025-02-02", "provider": "acsm", "amount": "3", "title": 'quote " and \u001e'},
    ]
    plain = json.loads(
        bridge.compute(json.dumps({"profile": PROFILE, "activities": activities}), "2026-06-01")
    )
    fast = "\x1e".join([json.dumps({"profile": PROFILE}), *(json.dumps(a) for a in activities)])
    assert "\x1e" not in json.dumps(activities[1])  # JSON escapes it: the separator is safe
    got = json.loads(bridge.compute(fast, "2026-06-01"))
    # Each result is named by a token of its own; the rest is the same.
    assert got["result"].pop("token") != plain["result"].pop("token")
    assert got == plain
    assert plain["result"]["earned_cecs"] == "18"
    broken = "\x1e".join([json.dumps({"profile": PROFILE}), "{not json", "[]"])
    answer = json.loads(bridge.compute(broken, "2026-06-01"))
    assert [(p["row"], p["message"]) for p in answer["problems"]] == [
        (1, "an activity must be an object of fields"),
        (2, "an activity must be an object of fields"),
    ]


def test_the_pages_form_with_no_activity_at_all() -> None:
    answer = json.loads(bridge.compute(json.dumps({"profile": PROFILE}), "2026-06-01"))
    assert answer["ok"] and answer["result"]["activities"] == []


def test_the_forms_check_asks_committee_service_for_its_period() -> None:
    typed = {"provider": "acsm", "amount": "8", "category": "committee"}
    answer = json.loads(bridge.check_activity(json.dumps(typed), "2026-01-01"))
    need = (
        "is required for ACSM committee or volunteer service: the period you served, as ACSM asks"
    )
    assert answer == {
        "ok": False,
        "problems": [
            {"row": 1, "column": "date", "message": "is required"},
            {"row": 1, "column": "service_from", "message": need},
            {"row": 1, "column": "service_to", "message": need},
        ],
    }
    served = {**typed, "service_from": "2024-04-11", "service_to": "2025-04-10"}
    kept = json.loads(bridge.check_activity(json.dumps(served), "2026-01-01"))["record"]
    assert (kept["date"], kept["service_from"], kept["service_to"]) == (
        "2025-04-10",
        "2024-04-11",
        "2025-04-10",
    )
    backwards = {**served, "service_from": "2025-05-01"}
    assert json.loads(bridge.check_activity(json.dumps(backwards), "2026-01-01"))["problems"] == [
        {"row": 1, "column": "service_from", "message": "must not be after Served to"}
    ]
    other_day = {**served, "date": "2025-01-01"}
    assert json.loads(bridge.check_activity(json.dumps(other_day), "2026-01-01"))["problems"] == [
        {
            "row": 1,
            "column": "date",
            "message": "is not the last day served (2025-04-10): committee service is dated by "
            "its end; leave the date empty or make them the same",
        }
    ]


def test_a_zero_amount_is_refused_as_the_form_shows_it() -> None:
    typed = {"date": "2025-01-02", "provider": "acsm", "amount": "0"}
    assert json.loads(bridge.check_activity(json.dumps(typed), "2026-01-01"))["problems"] == [
        {"row": 1, "column": "amount", "message": "must be more than 0"}
    ]


def test_a_preview_is_of_today_when_the_page_gives_no_day() -> None:
    log = json.dumps({"profile": PROFILE, "activities": []})
    typed = json.dumps({"date": "2025-03-01", "provider": "acsm", "amount": "2"})
    answer = json.loads(bridge.preview(log, typed, ""))
    assert answer["ok"] is True and answer["preview"]["cecs"] == "2"


def test_a_preview_past_the_longest_log_is_refused_but_an_edit_at_it_is_not() -> None:
    full = [{"date": "2025-03-01", "provider": "acsm", "amount": "1", "separate": "yes"}] * 10_000
    log = json.dumps({"profile": PROFILE, "activities": full})
    typed = json.dumps({"date": "2025-03-02", "provider": "acsm", "amount": "2"})
    added = json.loads(bridge.preview(log, typed, "", "2026-06-01"))
    assert added == {
        "ok": False,
        "log": True,
        "problems": [
            {
                "row": 10_001,
                "column": "",
                "message": "the log has 10001 activities; at most 10000 are supported",
            }
        ],
    }
    edited = json.loads(bridge.preview(log, typed, "9999", "2026-06-01"))
    assert edited["ok"] is True and edited["preview"]["earned_cecs"] == "10001"


def test_an_import_with_column_choices_that_are_not_json_says_so() -> None:
    answer = json.loads(bridge.import_log("date,provider,amount\n", "2026-06-01", "[1]"))
    assert answer == {
        "ok": False,
        "problems": [
            {
                "row": 1,
                "column": "",
                "message": "the column choices must be a JSON object of header: field",
            }
        ],
    }


def test_a_csv_export_without_a_tally_leaves_the_cecs_empty() -> None:
    # The Exercise is Medicine credential alone has no CEC requirement: nothing to tally.
    request = {
        "profile": {"certifications": ["eim"], "cycle_end": "2026-12-31"},
        "activities": [{"date": "2025-01-02", "provider": "ace", "amount": "1.5"}],
    }
    text = json.loads(bridge.export_log(json.dumps(request), "csv", "2026-06-01"))["text"]
    assert (
        text.splitlines()[1]
        == "2025-01-02,,American Council on Exercise (ACE),,1.5,,,,,yes,no,,,,,"
    )


def test_a_result_names_what_changed_since_the_one_the_page_holds() -> None:
    # The page sends the token of the result it holds: only the activities whose result
    # changed come back. A token that is not this worker's last gets everything.
    one = {"date": "2025-03-01", "provider": "acsm", "amount": "2", "title": "One"}
    two = {**one, "title": "Two", "amount": "3"}
    first = call({"profile": PROFILE, "activities": [one]}, today="2026-06-01")["result"]
    assert [a["cecs"] for a in first["activities"]] == ["2"]
    base = first["token"]
    second = call({"profile": PROFILE, "activities": [one, two], "base": base}, today="2026-06-01")
    result = second["result"]
    assert "activities" not in result and result["count"] == 2
    assert list(result["changed"]) == ["1"] and result["changed"]["1"]["cecs"] == "3"
    stale = call({"profile": PROFILE, "activities": [one], "base": base}, today="2026-06-01")
    assert [a["cecs"] for a in stale["result"]["activities"]] == ["2"]
    numbered = call({"profile": PROFILE, "activities": [one], "base": 7}, today="2026-06-01")
    assert "activities" in numbered["result"]


@pytest.mark.parametrize(
    ("profile", "problems"),
    [
        # Ten years ahead is still a cycle's day; eleven is a typing slip.
        ({"cycle_end": "2036-12-31"}, []),
        (
            {"cycle_end": "2037-01-01"},
            [
                {
                    "row": 0,
                    "column": "cycle_end",
                    "message": "is more than 10 years ahead; check the year",
                }
            ],
        ),
        (
            {"cycle_end": "2026-12-31", "cycle_start": "1989-12-31"},
            [{"row": 0, "column": "cycle_start", "message": "is before 1990; check the year"}],
        ),
        # A renewal day years ahead is said once, as a slip, not also as after today.
        (
            {"cycle_end": "2026-12-31", "renewed_on": "2040-01-01"},
            [
                {
                    "row": 0,
                    "column": "renewed_on",
                    "message": "is more than 10 years ahead; check the year",
                }
            ],
        ),
    ],
    ids=["ten years", "eleven years", "before 1990", "renewed far ahead"],
)
def test_a_profiles_days_are_bounded_to_the_years_that_can_be_meant(
    profile: dict[str, str], problems: list[dict[str, Any]]
) -> None:
    request = {"profile": {"certifications": ["cpt"], **profile}, "activities": []}
    answer = call(request, today="2026-06-01")
    assert answer.get("problems", []) == problems


def test_committee_service_dates_are_checked_where_they_are() -> None:
    served = {"provider": "acsm", "amount": "8", "category": "committee"}
    far = {**served, "service_from": "2030-01-01", "service_to": "2025-01-01"}
    answer = json.loads(bridge.check_activity(json.dumps(far), "2026-06-01"))
    assert answer["problems"] == [
        {
            "row": 1,
            "column": "service_from",
            "message": "is more than 3 years ahead; check the year",
        }
    ]
    one_day = {**served, "service_from": "2025-04-10", "service_to": "2025-04-10"}
    kept = json.loads(bridge.check_activity(json.dumps(one_day), "2026-06-01"))["record"]
    assert (kept["date"], kept["service_from"]) == ("2025-04-10", "2025-04-10")
    request = {"profile": PROFILE, "activities": [one_day]}
    [activity] = call(request, today="2026-06-01")["result"]["activities"]
    assert activity["cecs"] == "0.02"  # a day of service: 8 x 1/365, rounded down


# --- Files the worker hands over (the audit packet's zip, a backup) -------------------------


@pytest.mark.parametrize(
    "io",
    [
        {"inputs": []},  # no folder
        {"dir": "/tmp/x"},  # no list of inputs
        {"dir": 1, "inputs": []},
        {"dir": "/tmp/x", "inputs": "a.pdf"},
    ],
)
def test_files_not_handed_over_as_a_folder_and_a_list_are_refused_plainly(
    io: dict[str, Any],
) -> None:
    # The worker's own message, not the user's: still a sentence, never a half-written zip.
    for answer in (
        bridge.make_zip("[]", json.dumps(io)),
        bridge.read_backup("backup.zip", json.dumps(io)),
    ):
        assert json.loads(answer) == {
            "ok": False,
            "error": "internal error: ValueError: the files given must be a folder and a list "
            "of paths",
        }


def test_a_backup_read_without_its_file_says_none_was_given(tmp_path: Any) -> None:
    answer = bridge.read_backup("backup.zip", json.dumps({"dir": str(tmp_path), "inputs": []}))
    assert json.loads(answer) == {"ok": False, "error": "no file was given"}
