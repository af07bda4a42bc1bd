"""Reading a certificate's text into a draft (calc.certificates): each value with the words it
was read from, or empty with the reason; never an amount from a number that is not next to a
credit word, never a card's expiry as the day completed."""

from __future__ import annotations

import pytest

from calc.certificates import FIELDS, Draft, draft_lines, draft_record, read_certificate
from calc.model import Rules


def read(rules: Rules, *lines: str) -> Draft:
    return read_certificate("\n".join(lines), rules)


def values(draft: Draft) -> dict[str, str | None]:
    return {name: read.value for name, read in draft.fields.items()}


def test_an_acsm_certificate_gives_every_field_with_its_words(rules: Rules) -> None:
    draft = read(
        rules,
        "American College of Sports Medicine",
        "Certificate of Completion",
        "This certifies that Jane Doe has successfully completed",
        "Exercise Is Medicine: Programming for Older Adults",
        "on March 4, 2025",
        "Approved for 2.0 ACSM CECs",
        "Course Number: ACSM-EIM-2025-114",
    )
    assert values(draft) == {
        "date": "2025-03-04",
        "title": "Exercise Is Medicine: Programming for Older Adults",
        "provider": "acsm",
        "organization": None,
        "amount": "2",
        "unit": "cec",
        "number": "ACSM-EIM-2025-114",
    }
    assert draft.fields["provider"].words == "American College of Sports Medicine"
    assert draft.fields["amount"].words == "Approved for 2.0 ACSM CECs"
    assert draft.fields["title"].words == (
        "This certifies that Jane Doe has successfully completed "
        "Exercise Is Medicine: Programming for Older Adults"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Call us at 555 0123",
        "Room 204, open 3 hours a day",  # hours, but not of this course
        "Our help desk answers 24 hours a day",
        "Held in 2025 at the Convention Center",
        "Serial 4471",
    ],
)
def test_a_number_next_to_no_credit_word_is_never_the_amount(rules: Rules, line: str) -> None:
    draft = read(rules, "for completing Strength Basics", "Date: 2025-05-01", line)
    amount = draft.fields["amount"]
    assert amount.value is None and amount.reason == "not found on the certificate"


def test_hours_are_the_amount_where_the_line_speaks_of_the_course(rules: Rules) -> None:
    draft = read(rules, "for completing Strength Basics", "Length of instruction: 3 hours")
    assert (draft.fields["amount"].value, draft.fields["unit"].value) == ("3", "hour")


def test_a_date_that_reads_two_ways_is_left_empty_with_both_days(rules: Rules) -> None:
    date = read(rules, "Date: 03/04/2025", "1.5 contact hours").fields["date"]
    assert date.value is None
    assert date.reason == "03/04/2025 could be March 4, 2025 or April 3, 2025"
    # Day first when the day is over 12: one reading only.
    assert read(rules, "Date: 14/03/2025").fields["date"].value == "2025-03-14"


def test_a_cards_expiry_is_not_the_day_completed(rules: Rules) -> None:
    draft = read(
        rules,
        "American Red Cross",
        "Adult CPR/AED",
        "Date Completed: 01/15/2025",
        "Valid Through: 01/15/2027",
        "Certificate ID: GH7K2L",
    )
    assert draft.fields["date"].value == "2025-01-15"
    assert draft.fields["number"].value == "GH7K2L"
    assert draft.fields["amount"].value is None


def test_of_two_dates_the_one_marked_completed_is_taken_else_neither(rules: Rules) -> None:
    marked = read(rules, "Printed June 2, 2025", "Date of completion: May 30, 2025")
    assert marked.fields["date"].value == "2025-05-30"
    unmarked = read(rules, "Session one: May 29, 2025", "Session two: May 30, 2025").fields["date"]
    assert unmarked.value is None
    assert unmarked.reason == (
        "2 dates found (May 29, 2025, May 30, 2025) and none is marked as the day completed"
    )


def test_of_several_amounts_the_total_is_taken(rules: Rules) -> None:
    draft = read(
        rules,
        "ACE Conference 2025",
        "Strength for Seniors 1.0 CEC",
        "HIIT Science 0.5 CEC",
        "Total: 1.5 CECs",
    )
    assert (draft.fields["amount"].value, draft.fields["unit"].value) == ("1.5", "cec")
    assert draft.fields["amount"].words == "Total: 1.5 CECs"


def test_the_same_credit_in_two_units_is_read_in_the_providers_own(rules: Rules) -> None:
    draft = read(rules, "NASM", "for completing Corrective Exercise", "0.2 CEUs (2 contact hours)")
    assert (draft.fields["amount"].value, draft.fields["unit"].value) == ("0.2", "ceu")


def test_several_amounts_and_no_way_to_choose_are_left_to_the_user(rules: Rules) -> None:
    amount = read(rules, "Part one: 1.0 CEC", "Part two: 0.5 CEC").fields["amount"]
    assert amount.value is None
    assert (
        amount.reason
        == "several amounts found (0.5 cec, 1 cec): enter the one the certificate awards"
    )


def test_a_credit_hour_alone_does_not_say_its_unit(rules: Rules) -> None:
    draft = read(rules, "Awarded 3 credit hours")
    assert draft.fields["amount"].value is None and draft.fields["unit"].value is None
    assert "the unit of 3 is not clear" in draft.fields["unit"].reason
    semester = read(rules, "Kinesiology 301: 3 semester credit hours")
    assert (semester.fields["amount"].value, semester.fields["unit"].value) == (
        "3",
        "college_credit_hour",
    )


def test_an_approved_provider_is_not_acsm_itself(rules: Rules) -> None:
    draft = read(rules, "Peak Fitness Academy, an ACSM Approved Provider", "2.5 ACSM CECs")
    assert draft.fields["provider"].value == "acsm_approved"


def test_two_organizations_named_are_left_to_the_user(rules: Rules) -> None:
    provider = read(rules, "NASM and AFAA present", "Dance Cardio", "0.5 CEU").fields["provider"]
    assert provider.value is None
    assert (
        provider.reason == "several organizations named (AFAA, NASM): choose the one that gave it"
    )


def test_an_unlisted_organization_is_another_organization_by_its_name(rules: Rules) -> None:
    draft = read(rules, "Webinar: Nutrition Myths", "Presented by Local Hospital Wellness Center")
    assert draft.fields["organization"].value == "Local Hospital Wellness Center"
    assert draft.fields["provider"].value == "other"
    assert draft.fields["provider"].words == "Presented by Local Hospital Wellness Center"
    assert draft.fields["title"].value == "Nutrition Myths"


def test_a_file_without_text_is_attached_not_read(rules: Rules) -> None:
    draft = read_certificate("  \n\n 12 \n", rules)
    assert not draft.has_text
    assert all(
        r.value is None and r.reason == "this file has no text to read"
        for r in draft.fields.values()
    )
    assert list(draft_lines("scan.pdf", draft)) == [
        "scan.pdf:",
        "  This file has no text to read: enter the details.",
    ]


def test_the_record_gives_evidence_only_for_values_read(rules: Rules) -> None:
    draft = read(rules, "for completing Balance Basics", "Date: 2025-05-01", "1.0 CEC")
    record = draft_record("a.pdf", draft)
    assert list(record) == ["file", "has_text", *FIELDS, "evidence", "unsure"]
    evidence = record["evidence"]
    assert isinstance(evidence, dict)
    assert evidence["title"] == "for completing Balance Basics" and evidence["number"] is None
    assert record["unsure"] == {
        "provider": "no organization the site knows is named",
        "organization": "no line says who presented or provided the course",
        "number": "not found on the certificate",
    }
