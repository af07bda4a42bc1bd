"""Spreadsheets in and out: a trainer's own CSV (their headers, separators and dates), the
step that asks what unknown columns hold, and the calculator's CSV export, which comes back
unchanged, also after Excel has opened and saved it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calc import bridge
from calc.fields import COLUMNS, LABELS, UNIT_HEADERS, activity_record
from calc.model import Activity, Rules
from calc.text import parse_date, read_file_date
from tests.conftest import load_bundle
from tests.records import record as full_record

TODAY = "2026-06-01"
PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
RECORD = full_record(date="2025-03-14", provider="ace", amount="1.5")


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


def imported(text: str, mapping: Any = None) -> dict[str, Any]:
    chosen = "" if mapping is None else json.dumps(mapping)
    answer: dict[str, Any] = json.loads(bridge.import_log(text, TODAY, chosen))
    return answer


def ok(*records: dict[str, str], notes: tuple[str, ...] = ()) -> dict[str, Any]:
    """A file read whole: every row an activity, none already in the (empty) log."""
    return {
        "ok": True,
        "profile": None,
        "activities": list(records),
        "notes": list(notes),
        "unread": [],
        "rows": len(records),
        "copies": [],
    }


def record(**fields: str) -> dict[str, str]:
    return full_record(**{**RECORD, **fields})


# --- Headers ---

ALIASES = {
    "date": ["Date", "Completed", "Date completed", "Completion date", " DATE: ", "date"],
    "title": ["Title", "Course", "Activity", "Course title", "Course name", "course_name"],
    "provider": ["Provider", "Organization", "Organisation", "Sponsor", "Provider name"],
    "amount": ["Amount", "Credits", "Credit hours", "amount"],
    "unit": ["Unit", "Units", "Credit type"],
    "category": ["Category"],
    "in_scope": ["in_scope", "In scope", "Within the scope of my certification"],
    "certificate": ["Certificate", "Have certificate", "I have the certificate"],
    "decimal_system": ["decimal_system", "Does this organization count 0.1 per hour?"],
    "reported": [
        "reported",
        "Entered in ACSM's Self-Reporting Tool",
        "Entered in ACSM\u2019s Self-Reporting Tool",
    ],
    "separate": ["separate", "This is a separate activity", "Not a copy"],
    "service_from": ["service_from", "Served from", "Term start"],
    "service_to": ["service_to", "Served to", "Term end"],
    "participation_hours": ["participation_hours", "Hours of participation", "Hours attended"],
    "format": ["format", "Live or recorded", "Delivery"],
    "topics": ["topics", "Topics", "Topic"],
    "approvals": ["approvals", "Approval numbers", "CEP number", "Course number"],
    "petitions": ["petitions", "Petitions approved by", "Petition approved"],
}
VALUES = {
    "date": "2025-03-14",
    "title": "Yoga",
    "provider": "ace",
    "amount": "1.5",
    "unit": "CEC",
    "category": "Education",
    "in_scope": "no",
    "certificate": "yes",
    "decimal_system": "yes",
    "reported": "no",
    "separate": "yes",
    "service_from": "2024-03-14",
    "service_to": "2025-03-14",
    "participation_hours": "2",
    "format": "In person",
    "topics": "Ethics",
    "approvals": "American Council on Exercise: 12345",
    "petitions": "NETA",
}
KEPT = {
    **VALUES,
    "unit": "cec",
    "category": "education",
    "format": "live",
    "topics": "ethics",
    "approvals": "ace 12345",
    "petitions": "neta",
}


@pytest.mark.parametrize(
    ("field", "header"),
    [
        (f, h)
        for f, headers in ALIASES.items()
        for h in headers
        if h != "Entered in ACSM\u2019s Self-Reporting Tool"
    ],
)
def test_every_header_name_people_use_is_placed(field: str, header: str) -> None:
    given = {"date": "Date", "provider": "Provider", "amount": "Amount", field: header}
    head = ",".join(f'"{h}"' for h in given.values())
    row = ",".join(VALUES[f] for f in given)
    assert imported(f"{head}\n{row}\n") == ok(record(**{f: KEPT[f] for f in given}))


def test_the_export_labels_are_the_form_labels_and_cover_every_field() -> None:
    assert list(LABELS) == list(COLUMNS)
    assert LABELS["date"] == "Date completed"
    assert LABELS["decimal_system"] == "Does this organization count 0.1 per hour?"


def test_a_trainers_own_spreadsheet_imports() -> None:
    text = (
        "Date,Course,Organization,Credits\n"
        "2025-03-14,Functional training,ACE,1.5\n"
        "2025-04-02,Strength,American Council on Exercise,0.8\n"
        "2025-05-01,Webinar,ace,1\n"
    )
    assert imported(text) == ok(
        record(title="Functional training"),
        record(date="2025-04-02", title="Strength", amount="0.8"),
        record(date="2025-05-01", title="Webinar", amount="1"),
    )


@pytest.mark.parametrize(
    "written",
    ["ACE", "ace", "American Council on Exercise", "AMERICAN COUNCIL ON EXERCISE (ACE)", " Ace "],
)
def test_a_provider_by_id_abbreviation_or_name(written: str) -> None:
    assert imported(f"date,provider,amount\n2025-03-14,{written},1.5\n") == ok(record())


@pytest.mark.parametrize(
    ("written", "unit"),
    [("CEU", "ceu"), ("contact hours", "contact_hour"), ("Contact hours", "contact_hour"),
     ("CEUs (continuing education units)", "ceu"), ("Hours of participation", "hour")],
)  # fmt: skip
def test_a_unit_by_id_or_name(written: str, unit: str) -> None:
    text = f'date,provider,amount,unit\n2025-03-14,ace,1.5,"{written}"\n'
    assert imported(text) == ok(record(unit=unit))


@pytest.mark.parametrize(
    ("header", "unit"), [("CEUs", "ceu"), ("Hours", "hour"), ("CECs", "cec"), ("ceus", "ceu")]
)
def test_an_amount_header_that_names_a_unit_is_every_rows_unit(header: str, unit: str) -> None:
    text = f"Date,Provider,{header}\n2025-03-14,ace,1.5\n"
    note = f"The column “{header}” names the unit: every amount was read as {header}."
    assert imported(text) == ok(record(unit=unit), notes=(note,))


def test_every_unit_header_is_a_unit_the_rules_know(rules: Rules) -> None:
    assert all(h in rules.unit_names for h in UNIT_HEADERS)


def test_a_unit_column_wins_over_the_amount_header() -> None:
    text = "Date,Provider,CEUs,Unit\n2025-03-14,ace,1.5,\n2025-03-14,ace,1.5,hours\n"
    assert imported(text) == ok(record(), record(unit="hour"))


def test_credit_hours_do_not_make_college_credit_hours() -> None:
    assert imported("Date,Provider,Credit hours\n2025-03-14,ace,1.5\n") == ok(record())


def test_the_exports_acsm_cecs_column_is_never_read() -> None:
    text = "Date,Provider,Amount,ACSM CECs\n2025-03-14,ace,1.5,999\n2025-03-14,ace,1.5,=1/0\n"
    assert imported(text) == ok(record(), record())


# --- Separators ---


@pytest.mark.parametrize(
    "text",
    [
        "date,provider,amount\r\n2025-03-14,ace,1.5\r\n",
        "date;provider;amount\r\n2025-03-14;ace;1,5\r\n",
        "\ufeffdate;provider;amount\r\n2025-03-14;ace;1.5\r\n",
        "date\tprovider\tamount\n2025-03-14\tace\t1,5\n",
        '"date";"provider";"amount"\n"2025-03-14";"ace";"1,5"\n',
        'date,"provider; or sponsor",amount\n2025-03-14,ace,1.5\n',
        "date;provider;amount\r2025-03-14;ace;1.5\r",
    ],
    ids=["comma", "semicolon", "BOM", "tab", "quoted", "semicolon in a quoted header", "CR"],
)
def test_cells_separated_by_comma_semicolon_or_tab(text: str) -> None:
    if "sponsor" in text:
        # Not a header anyone uses: asked about, then imported as chosen.
        assert imported(text)["ok"] is False
        assert imported(text, {"provider; or sponsor": "provider"}) == ok(record())
        return
    assert imported(text) == ok(record())


def test_a_title_full_of_separators_does_not_change_the_separator() -> None:
    text = 'date,provider,amount,title\n2025-03-14,ace,1.5,"a;b;c\td;e;f"\n'
    assert imported(text) == ok(record(title="a;b;c\td;e;f"))


def test_a_decimal_comma_is_read_only_where_commas_do_not_separate() -> None:
    answer = imported("date;provider;amount\n2025-03-14;ace;1,500\n")
    assert answer["problems"][0]["message"].startswith("must be a plain number")
    answer = imported('date,provider,amount\n2025-03-14,ace,"1,5"\n')
    assert answer["problems"][0]["message"].startswith("must be a plain number")


# --- Dates ---


@pytest.mark.parametrize(
    ("written", "day_first", "read"),
    [
        ("2025-03-14", False, date(2025, 3, 14)),
        ("2025/3/4", True, date(2025, 3, 4)),
        ("3/14/2025", False, date(2025, 3, 14)),
        ("03/04/2025", False, date(2025, 3, 4)),
        ("03/04/2025", True, date(2025, 4, 3)),
        ("3-4-2025", False, date(2025, 3, 4)),
        ("14.03.2025", True, date(2025, 3, 14)),
        ("14 March 2025", False, date(2025, 3, 14)),
        ("14 Mar 2025", True, date(2025, 3, 14)),
        ("14-Mar-2025", False, date(2025, 3, 14)),
        ("March 14, 2025", True, date(2025, 3, 14)),
        ("Sept 3, 2025", False, date(2025, 9, 3)),
        ("sep. 3 2025", False, date(2025, 9, 3)),
        ("3rd May 2025", False, date(2025, 5, 3)),
        ("3/14/2025", True, None),
        ("2/30/2025", False, None),
        ("3/4/25", False, None),  # a two-digit year is not guessed
        ("14 Foo 2025", False, None),
        ("yesterday", False, None),
        ("", False, None),
    ],
)
def test_dates_as_files_write_them(written: str, day_first: bool, read: date | None) -> None:
    assert read_file_date(written, day_first) == read


@pytest.mark.parametrize("written", ["3/4/2025", "14 March 2025", "2025/03/04"])
def test_the_form_still_takes_yyyy_mm_dd_only(written: str) -> None:
    assert parse_date(written) is None


def dated(*days: str, sep: str = ",") -> str:
    return "".join([f"date{sep}provider{sep}amount\n", *(f"{d}{sep}ace{sep}1.5\n" for d in days)])


def test_us_dates_are_month_first_and_the_note_says_so() -> None:
    assert imported(dated("3/4/2025", "12/25/2025")) == ok(
        record(date="2025-03-04"),
        record(date="2025-12-25"),
        notes=("Dates such as 3/4/2025 were read as month/day/year (March 4, 2025).",),
    )


def test_one_date_that_can_only_be_day_first_makes_them_all_day_first() -> None:
    assert imported(dated("3/4/2025", "25/12/2025")) == ok(
        record(date="2025-04-03"),
        record(date="2025-12-25"),
        notes=(
            "Dates such as 3/4/2025 were read as day/month/year (3 April 2025),"
            " since 25/12/2025 in the same file can only be read that way.",
        ),
    )


def test_a_first_number_of_13_is_already_a_day() -> None:
    assert imported(dated("12/1/2025", "13/1/2025"))["activities"] == [
        record(date="2025-01-12"),
        record(date="2025-01-13"),
    ]


def test_dotted_dates_are_day_first() -> None:
    assert imported(dated("03.04.2025")) == ok(
        record(date="2025-04-03"),
        notes=("Dates such as 03.04.2025 were read as day/month/year (3 April 2025).",),
    )


def test_no_note_where_no_date_could_be_read_two_ways() -> None:
    assert imported(dated("3/14/2025", "4/4/2025", "2025-05-01", "1 June 2025")) == ok(
        record(date="2025-03-14"),
        record(date="2025-04-04"),
        record(date="2025-05-01"),
        record(date="2025-06-01"),
    )


def test_dates_written_both_ways_are_refused_not_guessed() -> None:
    answer = imported(dated("3/14/2025", "14/3/2025"))
    assert [a["date"] for a in answer["activities"]] == ["2025-03-14"]
    assert answer["unread"] == [
        {
            "row": 2,
            "column": "date",
            "message": "3/14/2025 is not a real date, read as day/month/year as this file's dates are",
        }
    ]


def test_date_problems_name_the_files_column_and_its_spellings() -> None:
    text = "Completed,Provider,Amount\n2/30/2025,ace,1\nsoon,ace,1\n1989-12-31,ace,1\n"
    assert imported(text) == {
        "ok": False,
        "problems": [
            {"row": 2, "column": "Completed", "message": "2/30/2025 is not a real date"},
            {
                "row": 3,
                "column": "Completed",
                "message": "must be a date: write it as 2025-03-14, 3/14/2025 or 14 March 2025",
            },
            {"row": 4, "column": "Completed", "message": "is before 1990; check the year"},
        ],
    }


def test_other_problems_name_the_files_column_too() -> None:
    text = "Date,Sponsor,CEUs\nsoon,ACE,x\n"
    problems = imported(text)["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(2, "Date"), (2, "CEUs")]


# --- The step that asks what columns hold ---

FIELDS = [
    {"id": "date", "label": "Date completed", "required": True},
    {"id": "title", "label": "Title", "required": False},
    {"id": "provider", "label": "Provider", "required": True},
    {"id": "organization", "label": "Organization name", "required": False},
    {"id": "amount", "label": "Amount", "required": True},
    {"id": "unit", "label": "Unit", "required": False},
    {"id": "category", "label": "Category", "required": False},
    {"id": "in_scope", "label": "Within the scope of my certification", "required": False},
    {"id": "certificate", "label": "I have the certificate", "required": False},
    {
        "id": "decimal_system",
        "label": "Does this organization count 0.1 per hour?",
        "required": False,
    },
    {"id": "reported", "label": "Entered in ACSM's Self-Reporting Tool", "required": False},
    {"id": "separate", "label": "This is a separate activity", "required": False},
    {"id": "service_from", "label": "Served from", "required": False},
    {"id": "service_to", "label": "Served to", "required": False},
    {"id": "participation_hours", "label": "Hours of participation", "required": False},
    {"id": "format", "label": "Live or recorded", "required": False},
    {"id": "topics", "label": "Topics", "required": False},
    {"id": "approvals", "label": "Approval numbers", "required": False},
    {"id": "petitions", "label": "Petitions approved by", "required": False},
]
SPANISH = (
    "Fecha,Curso,Proveedor,Créditos,Notas\n"
    "14/03/2025,Yoga,ACE,1.5,\n"
    "2025-04-01,Pilates,ACE,2,bien\n"
    "2025-05-01,Spinning,ACE,1,\n"
    "2025-06-01,Boxeo,ACE,1,\n"
)


def test_unknown_headers_ask_what_each_column_holds() -> None:
    assert imported(SPANISH) == {
        "ok": False,
        "mapping": {
            "columns": [
                {
                    "header": "Fecha",
                    "samples": ["14/03/2025", "2025-04-01", "2025-05-01"],
                    "guess": "date",
                },
                {"header": "Curso", "samples": ["Yoga", "Pilates", "Spinning"], "guess": ""},
                {"header": "Proveedor", "samples": ["ACE", "ACE", "ACE"], "guess": ""},
                {"header": "Créditos", "samples": ["1.5", "2", "1"], "guess": ""},
                {"header": "Notas", "samples": ["bien"], "guess": ""},
            ],
            "fields": FIELDS,
            "message": "Choose a field for “Fecha”, “Curso”, “Proveedor”, “Créditos” and “Notas”,"
            " or leave them out; no column holds Date completed, Provider or Amount.",
        },
    }


def test_the_answer_to_the_step_imports() -> None:
    mapping = {"Fecha": "date", "Curso": "title", "Proveedor": "provider", "Créditos": "amount"}
    assert imported(SPANISH, {**mapping, "Notas": ""}) == ok(
        record(title="Yoga"),
        record(date="2025-04-01", title="Pilates", amount="2"),
        record(date="2025-05-01", title="Spinning", amount="1"),
        record(date="2025-06-01", title="Boxeo", amount="1"),
    )
    # A column left unanswered is asked about again, alone.
    again = imported(SPANISH, mapping)["mapping"]
    assert again["message"] == "Choose a field for “Notas”, or leave it out."
    assert [c["guess"] for c in again["columns"]] == ["date", "title", "provider", "amount", ""]


def test_a_missing_required_column_is_asked_for() -> None:
    answer = imported("Date,Title\n2025-03-14,Yoga\n")
    assert answer["mapping"]["message"] == "No column holds Provider or Amount."
    assert [c["guess"] for c in answer["mapping"]["columns"]] == ["date", "title"]


def test_two_columns_for_one_field_are_asked_about_keeping_the_first() -> None:
    answer = imported("Date,Completed,Provider,Amount\n2025-03-14,2025-03-15,ace,1.5\n")
    assert answer["mapping"]["message"] == (
        "“Date” and “Completed” both hold Date completed: keep one."
    )
    assert [c["guess"] for c in answer["mapping"]["columns"]] == ["date", "", "provider", "amount"]
    chosen = {"Date": "", "Completed": "date"}
    assert imported("Date,Completed,Provider,Amount\n2025-03-14,2025-03-15,ace,1.5\n", chosen) == (
        ok(record(date="2025-03-15"))
    )


def test_a_mapping_can_override_a_known_header() -> None:
    text = "Title,Course,Provider,Amount,Date\nA,B,ace,1.5,2025-03-14\n"
    assert imported(text, {"Title": "", "Course": "title"}) == ok(record(title="B"))


def test_the_command_line_gets_one_line_per_column() -> None:
    from calc.logfiles import read_log

    _, problems = read_log("Fecha,Provider,Amount,Date\n1,ace,1,2025-01-01\n")
    assert [p.where("log.csv") for p in problems] == [
        "log.csv:1:Fecha: unknown column (columns: date, title, provider, organization, amount,"
        " unit, category, in_scope, certificate, decimal_system, reported, separate, service_from,"
        " service_to, participation_hours, format, topics, approvals, petitions)"
    ]


# --- Export, and back ---

LOG = [
    record(title="=1+1", amount="15"),
    record(date="2025-04-01", title="+ Kettlebells, level 2", provider="ncsf", unit="ceu",
           category="education", in_scope="no", certificate="yes", decimal_system="no",
           reported="yes", amount="2"),
    record(date="2026-09-01", title='Summit "2026"', provider="acsm", amount="12"),
]  # fmt: skip
HEADER = (
    "\ufeffDate completed,Title,Provider,Organization name,Amount,Unit,ACSM CECs,Planned CECs,"
    "Category,"
    "Within the scope of my certification,I have the certificate,"
    "Does this organization count 0.1 per hour?,Entered in ACSM's Self-Reporting Tool,"
    "This is a separate activity,Served from,Served to\r\n"
)


def exported(profile: dict[str, Any], activities: list[dict[str, str]]) -> str:
    request = json.dumps({"profile": profile, "activities": activities})
    answer = json.loads(bridge.export_log(request, "csv", TODAY))
    assert answer["ok"] is True
    text: str = answer["text"]
    return text


def test_the_export_as_a_spreadsheet_shows_it() -> None:
    assert exported(PROFILE, LOG) == (
        HEADER + "2025-03-14,'=1+1,American Council on Exercise (ACE),,15,,150,,,yes,no,,,,,\r\n"
        '2025-04-01,"\'+ Kettlebells, level 2",National Council on Strength and Fitness (NCSF),,'
        "2,CEU,0,,Education,no,yes,no,yes,,,\r\n"
        '2026-09-01,"Summit ""2026""","ACSM itself (ACSMceOnline, ACSM events and webinars)",,'
        "12,,0,12,,yes,no,,,,,\r\n"
    )


def test_without_a_usable_profile_the_cecs_are_left_empty() -> None:
    assert exported({}, LOG[:1]) == (
        HEADER + "2025-03-14,'=1+1,American Council on Exercise (ACE),,15,,,,,yes,no,,,,,\r\n"
    )


def excel(text: str, day_first: bool = False, separator: str = ";") -> str:
    """The export as Excel saves it after opening it: its list separator, a BOM, CRLF, dates in
    the short form of its country; everything else as it was."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    for row in rows[1:]:
        day = date.fromisoformat(row[0])
        first, second = (day.day, day.month) if day_first else (day.month, day.day)
        row[0] = f"{first}/{second}/{day.year}"
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    return "\ufeff" + out.getvalue()


def test_the_export_imports_unchanged_also_after_excel() -> None:
    text = exported(PROFILE, LOG)
    assert imported(text) == ok(*LOG)
    saved = excel(text)
    assert saved.startswith("\ufeffDate completed;Title;") and "\r\n4/1/2025;" in saved
    assert imported(saved) == ok(
        *LOG, notes=("Dates such as 4/1/2025 were read as month/day/year (April 1, 2025).",)
    )


def test_a_european_excel_with_a_day_past_12_comes_back_too() -> None:
    log = [*LOG, record(date="2025-05-20")]
    saved = excel(exported(PROFILE, log), day_first=True)
    assert imported(saved)["activities"] == log


RULES_NOW = load_bundle()
titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffd"),
    max_size=30,
).map(str.strip)


def _hours(category: str | None) -> str | None:
    """The unit of a course whose category asks its length in hours, when none is given."""
    kind = RULES_NOW["categories"][category] if category else {}
    return kind.get("suggested_unit") if kind.get("length_in_hours") else None


@st.composite
def records(draw: st.DrawFn) -> dict[str, str]:
    completed = draw(st.dates(min_value=date(2022, 6, 1), max_value=date(2027, 6, 1)))
    category = draw(st.none() | st.sampled_from(sorted(RULES_NOW["categories"])))
    # Committee service records the period served, ending on its date.
    served = RULES_NOW["categories"][category].get("service_period") if category else False
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=completed)) if served else None
    activity = Activity(
        completed=completed,
        title=draw(titles),
        provider=draw(st.sampled_from(sorted(RULES_NOW["providers"]))),
        organization=draw(titles),
        amount=draw(
            st.decimals(min_value=Decimal("0.001"), max_value=200, places=3, allow_nan=False)
        ),
        unit=draw(st.none() | st.sampled_from(sorted(RULES_NOW["units"]))) or _hours(category),
        category=category,
        in_scope=draw(st.booleans()),
        certificate=draw(st.booleans()),
        decimal_system=draw(st.none() | st.booleans()),
        reported=draw(st.none() | st.booleans()),
        separate=draw(st.booleans()),
        service_from=start,
        service_to=completed if served else None,
    )
    return activity_record(activity)


@settings(max_examples=60, deadline=None)
@given(st.lists(records(), min_size=1, max_size=6), st.booleans())
def test_export_then_import_is_the_identity(log: list[dict[str, str]], us: bool) -> None:
    text = exported(PROFILE, log)
    assert imported(text)["activities"] == log
    saved = excel(text, day_first=not us)
    days = [date.fromisoformat(r["date"]) for r in log]
    if us or any(d.day > 12 for d in days) or all(d.day == d.month for d in days):
        # Read back as written; a European file whose every day is 12 or less is read as US,
        # and says so in a note, tested above.
        assert imported(saved)["activities"] == log


def test_amounts_stay_exact() -> None:
    text = exported(PROFILE, [record(amount="0.125")])
    assert ",0.125," in text
    assert imported(text)["activities"][0]["amount"] == "0.125"
    assert ",0.125,,1.25," in text  # ACE's 0.125 on the decimal system is 1.25 CECs


# --- Committee service and quarter credits in a spreadsheet ---


def test_quarter_credits_by_header_or_by_value_are_quarter_credit_hours() -> None:
    by_header = "date,provider,Quarter credits,category\n2025-09-15,other,4,college\n"
    by_value = "date,provider,amount,unit,category\n2025-09-15,other,4,Quarter hours,college\n"
    want = record(
        date="2025-09-15",
        provider="other",
        amount="4",
        unit="college_quarter_credit_hour",
        category="college",
    )
    assert imported(by_header) == ok(
        want,
        notes=(
            "The column “Quarter credits” names the unit: every amount was read as Quarter credits.",
        ),
    )
    assert imported(by_value) == ok(want)
    semester = imported("date,provider,amount,unit\n2025-09-15,other,3,semester credits\n")
    assert semester["activities"][0]["unit"] == "college_credit_hour"


def test_committee_service_without_its_period_is_refused_in_a_spreadsheet() -> None:
    text = "date,provider,amount,category\n2025-04-10,acsm,8,committee\n"
    need = (
        "is required for ACSM committee or volunteer service: the period you served, as ACSM asks"
    )
    assert imported(text) == {
        "ok": False,
        "problems": [
            {"row": 2, "column": "service_from", "message": need},
            {"row": 2, "column": "service_to", "message": need},
        ],
    }
    served = (
        "Served from,Served to,provider,amount,category\n2024-04-11,2025-04-10,acsm,8,committee\n"
    )
    [activity] = imported(served)["activities"]
    # Dated by its last day served.
    assert (activity["date"], activity["service_from"], activity["service_to"]) == (
        "2025-04-10",
        "2024-04-11",
        "2025-04-10",
    )


def test_an_older_json_log_keeps_its_committee_rows_without_a_period() -> None:
    row = {"date": "2025-04-10", "provider": "acsm", "amount": "8", "category": "committee"}
    old = json.dumps({"format": "cec-guide-log", "version": 1, "activities": [row]})
    assert imported(old)["activities"] == [
        record(date="2025-04-10", provider="acsm", amount="8", category="committee")
    ]
    new = json.dumps({"format": "cec-guide-log", "version": 2, "activities": [row]})
    assert [p["column"] for p in imported(new)["problems"]] == ["service_from", "service_to"]


def test_a_cpr_course_without_its_length_imports_as_a_to_do_in_hours() -> None:
    text = "date,title,provider,amount,category\n2026-02-01,First Aid,other,,cpr\n"
    assert imported(text) == ok(
        record(
            date="2026-02-01",
            title="First Aid",
            provider="other",
            amount="",
            unit="hour",
            category="cpr",
        )
    )


def test_a_column_of_dates_with_their_months_in_words_is_guessed_as_the_date() -> None:
    text = "Fecha,Provider,Amount\nMarch 14 2025,ace,1.5\n14 March 2025,ace,1\n"
    answer = imported(text)
    assert [c["guess"] for c in answer["mapping"]["columns"]] == ["date", "provider", "amount"]


# --- How a file's cells are told apart, by its header line ---


@pytest.mark.parametrize(
    ("text", "headers"),
    [
        # More semicolons than commas outside quotes: a European file, whatever a header says.
        (
            "Date;Provider;Amount (CEUs, hours)\n2025-03-14;ace;1,5\n",
            ["Date", "Provider", "Amount (CEUs, hours)"],
        ),
        # Inside quotes, separators are text: two semicolons there, one comma outside.
        ('"Course; part 1; part 2",Fecha\nYoga,2025-03-14\n', ["Course; part 1; part 2", "Fecha"]),
        # The header line alone decides; a capital X is nothing special in it.
        ("Xmas course;Fecha\nYoga;2025-03-14\n", ["Xmas course", "Fecha"]),
        # One column: one cell, whatever it holds.
        ("X-ray course\nYoga\n", ["X-ray course"]),
        # A byte-order mark is not part of the first header.
        ("\ufeffFecha,Curso\n2025-03-14,Yoga\n", ["Fecha", "Curso"]),
    ],
    ids=["European", "quoted", "X", "one column", "BOM"],
)
def test_the_header_line_decides_how_cells_are_separated(text: str, headers: list[str]) -> None:
    answer = imported(text)
    assert [c["header"] for c in answer["mapping"]["columns"]] == headers


def test_only_the_first_64_kib_of_a_header_line_decide_the_separator() -> None:
    # A semicolon just past that point does not make a comma file a semicolon one.
    header = "x" * 65_536 + ";y"
    answer = imported(f"{header}\n1\n")
    assert [len(c["header"]) for c in answer["mapping"]["columns"]] == [65_538]


def test_column_choices_that_name_no_field_are_refused_by_column() -> None:
    answer = imported("Fecha,provider,amount\n2025-03-14,ace,1\n", {"Fecha": "zzz"})
    fields = ", ".join(COLUMNS)
    assert answer == {
        "ok": False,
        "problems": [
            {
                "row": 1,
                "column": "Fecha",
                "message": f"is matched to 'zzz', which is not a field ({fields})",
            }
        ],
    }


def test_an_unnamed_column_with_cells_is_asked_about_by_its_place() -> None:
    answer = imported("date,,provider,amount\n2025-03-14,x,ace,1\n")
    assert answer["mapping"]["message"] == "Choose a field for column 2, or leave it out."


def test_many_unknown_columns_are_counted_past_five() -> None:
    text = "a,b,c,d,e,f,date,provider,amount\n1,2,3,4,5,6,2025-03-14,ace,1\n"
    assert imported(text)["mapping"]["message"] == (
        "Choose a field for “a”, “b”, “c”, “d”, “e” and 1 more, or leave them out."
    )


def test_every_column_problem_is_said_at_once_for_the_command_line() -> None:
    from calc.logfiles import read_log

    # An unknown column, three columns for one field (one of them without a name, matched by
    # the choices), and no amount: each said, in the file's own words.
    text = ",Fecha,Date,Completed,provider\n2025-03-14,x,2025-03-14,2025-03-14,ace\n"
    _, problems = read_log(text)
    assert [p.where("log.csv") for p in problems] == [
        f"log.csv:1:column 1: unknown column (columns: {', '.join(COLUMNS)})",
        f"log.csv:1:Fecha: unknown column (columns: {', '.join(COLUMNS)})",
        "log.csv:1:Completed: holds date, as “Date” does: keep one",
        "log.csv:1:amount: required column is missing",
    ]
    answer = imported(text, {"": "date"})
    assert answer["mapping"]["message"] == (
        "Choose a field for “Fecha”, or leave it out; column 1, “Date” and “Completed” all hold "
        "Date completed: keep one; no column holds Amount."
    )


def test_an_empty_unknown_column_is_not_taken_for_the_dates() -> None:
    answer = imported("Notes,Fecha,provider,amount\n,2025-03-14,ace,1\n")
    assert [c["guess"] for c in answer["mapping"]["columns"]] == ["", "date", "provider", "amount"]


def test_a_day_past_12_in_the_first_place_is_named_in_the_note() -> None:
    text = "date,provider,amount\n13/3/2025,ace,1\n4/3/2025,ace,2\n"
    assert imported(text)["notes"] == [
        "Dates such as 4/3/2025 were read as day/month/year (4 March 2025), since 13/3/2025 in "
        "the same file can only be read that way."
    ]
