"""The bridge as the page's JavaScript sees it: for each call, the exact JSON answer, the exact
messages it shows for a bad request, and logs that survive export and import unchanged.

tests/unit/test_bridge.py covers the everyday answers; this file pins the contract down to the
text (docs/assets/calculator/app.mjs shows ``answer.error`` and each problem's row, column and
message as they come).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from calc import bridge
from tests.records import exported as exported_records
from tests.records import record

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
TODAY = "2026-06-01"


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


def answer(text: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(text)
    return found


def error(message: str) -> dict[str, Any]:
    return {"ok": False, "error": message}


def problem(row: int, column: str, message: str) -> dict[str, Any]:
    return {"row": row, "column": column, "message": message}


def problems(*listed: dict[str, Any]) -> dict[str, Any]:
    return {"ok": False, "problems": list(listed)}


def log_request(*activities: dict[str, Any], profile: dict[str, Any] = PROFILE) -> str:
    return json.dumps({"profile": profile, "activities": list(activities)})


def page_request(*activities: dict[str, Any], profile: dict[str, Any] = PROFILE) -> str:
    """What app.mjs sends for export: the profile and each activity as its own JSON text."""
    return json.dumps({"profile": profile, "records": [json.dumps(a) for a in activities]})


def fast_request(*activities: dict[str, Any], profile: dict[str, Any] = PROFILE) -> str:
    """What app.mjs sends for compute: JSON texts separated by U+001E."""
    return "\x1e".join([json.dumps({"profile": profile}), *(json.dumps(a) for a in activities)])


# The calls that take a whole log, as (request text, today) -> answer text.
LOG_CALLS: dict[str, Callable[[str, str | None], str]] = {
    "compute": bridge.compute,
    "calendar": bridge.calendar,
    "export csv": lambda text, today: bridge.export_log(text, "csv", today),
    "export json": lambda text, today: bridge.export_log(text, "json", today),
}

BAD_REQUESTS = [
    ("", "the request is not valid JSON"),
    ("{", "the request is not valid JSON"),
    ('{"profile": {}, "activities": [}', "the request is not valid JSON"),
    ("[]", "the request must be a JSON object"),
    ('"a log"', "the request must be a JSON object"),
    ("null", "the request must be a JSON object"),
    ('{"profile": 1}', "the request needs a profile object and an activities list"),
    ('{"activities": []}', "the request needs a profile object and an activities list"),
    (
        '{"profile": {}, "activities": 3}',
        "the request needs a profile object and an activities list",
    ),
    ('{"profile": {}, "records": {}}', "the request needs a profile object and an activities list"),
]


@pytest.mark.parametrize("call", LOG_CALLS.values(), ids=LOG_CALLS.keys())
@pytest.mark.parametrize(("text", "message"), BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_a_bad_request_gets_the_error_the_page_shows(
    call: Callable[[str, str | None], str], text: str, message: str
) -> None:
    assert answer(call(text, TODAY)) == error(message)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the activity is not valid JSON"),
        ('{"date": ', "the activity is not valid JSON"),
        ("[1]", "the activity must be a JSON object"),
        ('"2025-01-02"', "the activity must be a JSON object"),
        ("null", "the activity must be a JSON object"),
    ],
    ids=["empty", "cut short", "a list", "a string", "null"],
)
def test_a_bad_activity_from_the_form_gets_an_error(text: str, message: str) -> None:
    assert answer(bridge.check_activity(text, TODAY)) == error(message)


def test_check_activity_names_each_problem_at_row_one() -> None:
    typed = {"date": "2025-02-30", "provider": "nobody", "amount": "1", "in_scope": "maybe"}
    found = answer(bridge.check_activity(json.dumps(typed), TODAY))
    assert found["ok"] is False
    assert found["problems"][0] == problem(1, "date", "2025-02-30 is not a real date")
    assert [(p["row"], p["column"]) for p in found["problems"]] == [
        (1, "date"),
        (1, "provider"),
        (1, "in_scope"),
    ]
    assert found["problems"][2] == problem(1, "in_scope", "must be yes or no")


def test_check_activity_gives_the_record_the_log_keeps() -> None:
    typed = {
        "date": " 2025-03-04 ",
        "title": " Strength for seniors ",
        "provider": "NCSF",
        "amount": 2.0,
        "unit": "CEUs",
        "category": "Education",
        "in_scope": "No",
        "certificate": "y",
        "decimal_system": "no",
        "reported": True,
    }
    assert answer(bridge.check_activity(json.dumps(typed), TODAY)) == {
        "ok": True,
        "record": record(
            date="2025-03-04",
            title="Strength for seniors",
            provider="ncsf",
            amount="2",
            unit="ceu",
            category="education",
            in_scope="no",
            certificate="yes",
            decimal_system="no",
            reported="yes",
        ),
    }


def test_the_form_asks_the_name_of_an_organization_the_rules_do_not_list() -> None:
    typed = {"date": "2025-03-04", "title": "CPR/AED", "provider": "other", "amount": "4"}
    typed |= {"unit": "hour", "category": "cpr"}
    need = "is required: name the organization that gave the course"
    for unnamed in (typed, {**typed, "organization": "  "}):
        assert answer(bridge.check_activity(json.dumps(unnamed), TODAY)) == problems(
            problem(1, "organization", need)
        )
    named = answer(
        bridge.check_activity(json.dumps({**typed, "organization": " Red Cross "}), TODAY)
    )
    assert named["record"]["provider"] == "other"
    assert named["record"]["organization"] == "Red Cross"
    # A listed provider needs none; its own part (a chapter) is kept when given.
    listed = {"date": "2025-03-04", "provider": "acsm_approved", "amount": "2"}
    assert answer(bridge.check_activity(json.dumps(listed), TODAY))["record"]["organization"] == ""
    chapter = answer(bridge.check_activity(json.dumps({**listed, "organization": "SEACSM"}), TODAY))
    assert chapter["record"]["organization"] == "SEACSM"


def test_the_form_refuses_an_organization_name_longer_than_a_title_may_be() -> None:
    typed = {"date": "2025-03-04", "provider": "other", "amount": "4", "organization": "x" * 301}
    assert answer(bridge.check_activity(json.dumps(typed), TODAY)) == problems(
        problem(1, "organization", "is longer than 300 characters")
    )
    longest = {**typed, "organization": "x" * 300}
    assert answer(bridge.check_activity(json.dumps(longest), TODAY))["ok"] is True


AHEAD = "is more than 3 years ahead; check the year"
EARLY_DAY = "2020-06-01"  # years before the machine's: a date it allows, this day does not
FINE = {"date": "2020-03-01", "provider": "ace", "amount": "1"}
LATER = {"date": "2024-07-01", "provider": "ace", "amount": "1"}

# Each call, given the page's day, and the problem it must find with LATER (fine by the
# machine's clock, more than 3 years after EARLY_DAY), listed second where a log has rows. An
# imported file's row that cannot be read is refused only when no row can be: there LATER is
# alone (test_an_import_judges_dates_by_the_pages_day has it with FINE).
BY_THE_PAGES_DAY: list[tuple[str, Callable[[], str], dict[str, Any]]] = [
    (
        "compute",
        lambda: bridge.compute(log_request(FINE, LATER), EARLY_DAY),
        problem(2, "date", AHEAD),
    ),
    (
        "compute, page form",
        lambda: bridge.compute(fast_request(FINE, LATER), EARLY_DAY),
        problem(2, "date", AHEAD),
    ),
    (
        "calendar",
        lambda: bridge.calendar(log_request(FINE, LATER), EARLY_DAY),
        problem(2, "date", AHEAD),
    ),
    (
        "export csv",
        lambda: bridge.export_log(page_request(FINE, LATER), "csv", EARLY_DAY),
        problem(2, "date", AHEAD),
    ),
    (
        "export json",
        lambda: bridge.export_log(log_request(FINE, LATER), "json", EARLY_DAY),
        problem(2, "date", AHEAD),
    ),
    (
        "check activity",
        lambda: bridge.check_activity(json.dumps(LATER), EARLY_DAY),
        problem(1, "date", AHEAD),
    ),
    (
        "import csv",
        lambda: bridge.import_log("date,provider,amount\n2024-07-01,ace,1\n", EARLY_DAY),
        problem(2, "date", AHEAD),
    ),
]


@pytest.mark.parametrize(
    ("call", "found"), [b[1:] for b in BY_THE_PAGES_DAY], ids=[b[0] for b in BY_THE_PAGES_DAY]
)
def test_every_call_judges_dates_by_the_pages_day(
    call: Callable[[], str], found: dict[str, Any]
) -> None:
    assert answer(call()) == problems(found)


def test_an_import_judges_dates_by_the_pages_day() -> None:
    """FINE is read, LATER (fine by the machine's clock) is not: it is listed as unread."""
    text = "date,provider,amount\n2020-03-01,ace,1\n2024-07-01,ace,1\n"
    found = answer(bridge.import_log(text, EARLY_DAY))
    assert [a["date"] for a in found["activities"]] == ["2020-03-01"]
    assert found["unread"] == [problem(3, "date", AHEAD)]


BAD_DAY = "internal error: ValueError: today must be a date written YYYY-MM-DD, not '2026-02-30'"
ONE = {"date": "2025-01-02", "provider": "ace", "amount": "1"}
ALL_CALLS: dict[str, Callable[[str | None], str]] = {
    "compute": lambda today: bridge.compute(log_request(ONE), today),
    "calendar": lambda today: bridge.calendar(log_request(ONE), today),
    "export csv": lambda today: bridge.export_log(log_request(ONE), "csv", today),
    "export json": lambda today: bridge.export_log(log_request(ONE), "json", today),
    "check activity": lambda today: bridge.check_activity(json.dumps(ONE), today),
    "import": lambda today: bridge.import_log("date,provider,amount\n2025-01-02,ace,1\n", today),
}


@pytest.mark.parametrize("call", ALL_CALLS.values(), ids=ALL_CALLS.keys())
def test_a_day_that_is_not_one_is_an_error_not_a_crash(
    call: Callable[[str | None], str],
) -> None:
    assert answer(call("2026-02-30")) == error(BAD_DAY)
    for none in (None, ""):  # no day: the machine's, whatever it is
        assert not answer(call(none)).get("error", "").startswith("internal error")


@pytest.mark.parametrize("call", ALL_CALLS.values(), ids=ALL_CALLS.keys())
def test_no_call_answers_before_the_rules_are_loaded(
    call: Callable[[str | None], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bridge, "_calculator", None)
    assert answer(call(TODAY)) == error("rules are not loaded")


# An amount typed as a JSON number, more precise than a float holds.
PRECISE = '{"date": "2025-01-02", "provider": "ace", "amount": 0.10000000000000001}'


@pytest.mark.parametrize(
    "request_text",
    [
        f'{{"profile": {json.dumps(PROFILE)}, "activities": [{PRECISE}]}}',
        f'{{"profile": {json.dumps(PROFILE)}}}\x1e{PRECISE}',
    ],
    ids=["activities", "page form"],
)
def test_an_amount_sent_as_a_json_number_is_read_exactly(request_text: str) -> None:
    """Not through a float, which would make 0.10000000000000001 a plain 0.1."""
    assert answer(bridge.compute(request_text, TODAY)) == problems(
        problem(1, "amount", "must be a plain number such as 1.5 (at most 3 decimals)")
    )


def test_the_three_request_forms_give_one_answer() -> None:
    activities = [ONE, {"date": "2025-02-02", "provider": "acsm", "amount": "3"}]

    def untokened(text: str) -> Any:
        found = answer(text)
        assert found["result"].pop("token")  # each result has its own
        return found

    plain = untokened(bridge.compute(log_request(*activities), TODAY))
    assert plain["ok"] is True
    assert untokened(bridge.compute(page_request(*activities), TODAY)) == plain
    assert untokened(bridge.compute(fast_request(*activities), TODAY)) == plain
    assert len(plain["result"]["activities"]) == 2


def test_a_tally_the_rules_cannot_make_is_an_error(bundle: dict[str, Any]) -> None:
    name = bundle["certifications"]["eim"]["name"]
    why = (
        f"{name}: no CEC requirement of its own; also choose the certification that keeps it active"
    )
    request = log_request(profile={**PROFILE, "certifications": ["eim"]})
    assert answer(bridge.compute(request, TODAY)) == error(why)
    assert answer(bridge.calendar(request, TODAY)) == error(why)


def test_the_calendar_is_stamped_with_the_pages_day() -> None:
    found = answer(bridge.calendar(log_request(ONE), TODAY))
    assert list(found) == ["ok", "text"] and found["ok"] is True
    text = found["text"]
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    stamps = [line for line in text.split("\r\n") if line.startswith("DTSTAMP:")]
    assert stamps and set(stamps) == {"DTSTAMP:20260601T000000Z"}


LOG = [
    {"date": "2025-01-02", "provider": "ace", "amount": "1.50", "title": 'Café, "quoted"'},
    {
        "date": "2025-03-04",
        "provider": "NCSF",
        "amount": "2",
        "unit": "CEUs",
        "category": "education",
        "in_scope": "no",
        "certificate": "yes",
        "decimal_system": "no",
        "reported": "yes",
        "separate": "",
        "service_from": "",
        "service_to": "",
    },
    {"date": "2025-05-06", "provider": "acsm", "amount": "0.5", "title": "=1+1"},
]
KEPT = [
    record(date="2025-01-02", title='Café, "quoted"', provider="ace", amount="1.5"),
    record(
        date="2025-03-04",
        provider="ncsf",
        amount="2",
        unit="ceu",
        category="education",
        in_scope="no",
        certificate="yes",
        decimal_system="no",
        reported="yes",
    ),
    record(date="2025-05-06", title="=1+1", provider="acsm", amount="0.5"),
]
FULL_PROFILE = {**PROFILE, "cpr_expires": "2027-01-31", "renewed_on": "2026-05-01"}
KEPT_PROFILE = {
    "certifications": ["cpt"],
    "cycle_end": "2026-12-31",
    "cycle_start": "",
    "cpr_expires": "2027-01-31",
    "renewed_on": "2026-05-01",
}

CSV_TEXT = (
    "\ufeffDate completed,Title,Provider,Organization name,Amount,Unit,ACSM CECs,Planned CECs,"
    "Category,Within the scope of my certification,I have the certificate,"
    "Does this organization count 0.1 per hour?,Entered in ACSM's Self-Reporting Tool,"
    "This is a separate activity,Served from,Served to\r\n"
    '2025-01-02,"Café, ""quoted""",American Council on Exercise (ACE),,1.5,,15,,,yes,no,,,,,\r\n'
    "2025-03-04,,National Council on Strength and Fitness (NCSF),,2,CEU,0,,Education,"
    "no,yes,no,yes,,,\r\n"
    '2025-05-06,\'=1+1,"ACSM itself (ACSMceOnline, ACSM events and webinars)",,0.5,,0.5,,,'
    "yes,no,,,,,\r\n"
)


def test_the_csv_export_of_a_small_log() -> None:
    exported = bridge.export_log(page_request(*LOG, profile=FULL_PROFILE), "csv", TODAY)
    assert answer(exported) == {"ok": True, "text": CSV_TEXT}


def test_the_json_export_of_a_small_log() -> None:
    exported = answer(bridge.export_log(page_request(*LOG, profile=FULL_PROFILE), "json", TODAY))
    assert list(exported) == ["ok", "text"] and exported["ok"] is True
    expected = {
        "format": "cec-guide-log",
        "version": 2,
        "profile": KEPT_PROFILE,
        "activities": exported_records(KEPT),
    }
    assert exported["text"] == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_a_json_export_without_a_usable_profile_keeps_the_activities() -> None:
    exported = answer(bridge.export_log(log_request(*LOG, profile={}), "json", TODAY))
    assert json.loads(exported["text"]) == {
        "format": "cec-guide-log",
        "version": 2,
        "activities": exported_records(KEPT),
    }


@pytest.mark.parametrize(
    "request_text", [log_request(*LOG), page_request(*LOG)], ids=["activities", "page form"]
)
def test_both_request_forms_export_the_same_log(request_text: str) -> None:
    assert answer(bridge.export_log(request_text, "csv", TODAY)) == {"ok": True, "text": CSV_TEXT}


def test_an_export_with_problems_names_each_row() -> None:
    log = [LOG[0], {"date": "2025-13-01", "provider": "ace", "amount": "1"}, {"provider": "ace"}]
    want = problems(
        problem(2, "date", "2025-13-01 is not a real date"),
        problem(3, "date", "is required"),
        problem(3, "amount", "is required"),
    )
    for kind in ("csv", "json"):
        assert answer(bridge.export_log(page_request(*log), kind, TODAY)) == want


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_an_exported_log_imports_as_it_was(kind: str) -> None:
    exported = answer(bridge.export_log(page_request(*LOG, profile=FULL_PROFILE), kind, TODAY))
    imported = answer(bridge.import_log(exported["text"], TODAY))
    profile = KEPT_PROFILE if kind == "json" else None
    assert imported == {
        "ok": True,
        "profile": profile,
        "activities": KEPT,
        "notes": [],
        "unread": [],
        "rows": 3,
        "copies": [],
    }
    # and once more: what came in goes out as the same text
    again = page_request(*imported["activities"], profile=imported["profile"] or FULL_PROFILE)
    assert answer(bridge.export_log(again, kind, TODAY)) == exported


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("", [problem(1, "", "the file is empty; the first row must name the columns")]),
        (
            '{"activities": {}}',
            [problem(1, "", "the log must be an object with an 'activities' list")],
        ),
    ],
    ids=["empty", "no activities list"],
)
def test_an_unreadable_file_imports_nothing(text: str, found: list[dict[str, Any]]) -> None:
    assert answer(bridge.import_log(text, TODAY)) == problems(*found)


def json_log(profile: dict[str, Any], *activities: dict[str, Any]) -> str:
    return json.dumps(
        {
            "format": "cec-guide-log",
            "version": 1,
            "profile": profile,
            "activities": list(activities),
        }
    )


IMPORT_PROBLEMS: list[tuple[str, str, list[dict[str, Any]]]] = [
    (
        "every activity's, with a good profile",
        json_log(
            FULL_PROFILE,
            {"date": "2025-01-02", "provider": "ace", "amount": "-1"},
            {"date": "2025-01-03", "provider": "ace"},
        ),
        [problem(1, "amount", "must not be negative"), problem(2, "amount", "is required")],
    ),
    (
        "the profile's, with good activities",
        json_log({"certifications": ["zzz"], "cycle_end": "2026-12-31"}, LOG[0]),
        [problem(0, "certifications", "unknown certification 'zzz' (known: {known})")],
    ),
    (
        # The profile's problems refuse the file before its rows are judged.
        "both: the profile's alone",
        json_log({"certifications": ["cpt"]}, {"date": "", "provider": "ace", "amount": "1"}),
        [problem(0, "cycle_end", "is required")],
    ),
    (
        "a renewal after the page's day",
        json_log({**PROFILE, "renewed_on": "2026-06-02"}),
        [problem(0, "renewed_on", "is after today (2026-06-01): enter it once you have renewed")],
    ),
]


@pytest.mark.parametrize(
    ("text", "found"), [c[1:] for c in IMPORT_PROBLEMS], ids=[c[0] for c in IMPORT_PROBLEMS]
)
def test_an_import_lists_every_problem_and_imports_nothing(
    text: str, found: list[dict[str, Any]], bundle: dict[str, Any]
) -> None:
    known = ", ".join(bundle["certifications"])
    listed = [{**p, "message": p["message"].replace("{known}", known)} for p in found]
    assert answer(bridge.import_log(text, TODAY)) == problems(*listed)


def test_an_import_reads_the_good_rows_and_lists_the_others() -> None:
    text = json_log(FULL_PROFILE, LOG[0], {"date": "2025-01-02", "provider": "ace", "amount": "-1"})
    assert answer(bridge.import_log(text, TODAY)) == {
        "ok": True,
        "profile": KEPT_PROFILE,
        "activities": KEPT[:1],
        "notes": [],
        "unread": [problem(2, "amount", "must not be negative")],
        "rows": 2,
        "copies": [],
    }


def test_an_import_keeps_a_renewal_made_by_the_pages_day() -> None:
    text = json_log({**PROFILE, "renewed_on": TODAY})
    assert answer(bridge.import_log(text, TODAY)) == {
        "ok": True,
        "profile": {**KEPT_PROFILE, "cpr_expires": "", "renewed_on": TODAY},
        "activities": [],
        "notes": [],
        "unread": [],
        "rows": 0,
        "copies": [],
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "rules bundle is not JSON: Expecting value: line 1 column 1 (char 0)"),
        ("{}", "rules bundle is malformed: KeyError: 'bundle_format'"),
        ('{"bundle_format": 99}', "rules bundle format 99 is not 1"),
        (
            '{"bundle_format": 1, "units": []}',
            "rules bundle is malformed: AttributeError: 'list' object has no attribute 'items'",
        ),
    ],
    ids=["not JSON", "no format", "another format", "a section of the wrong type"],
)
def test_a_refused_bundle_says_why_and_keeps_the_rules_loaded_before(
    text: str, message: str, bundle: dict[str, Any]
) -> None:
    assert answer(bridge.load_rules(text)) == error(message)
    assert answer(bridge.compute(log_request(ONE), TODAY))["ok"] is True


def test_loading_rules_answers_the_day_they_were_verified(bundle: dict[str, Any]) -> None:
    assert answer(bridge.load_rules(json.dumps(bundle))) == {
        "ok": True,
        "last_verified": bundle["last_verified"],
    }
