"""Never wrong in the user's favour, on the page: a course typed twice counts once (and can be
said to be separate), committee service asks the period served, a CPR course asks only how long
it was, 0 is not an amount, and a shared log counts on the recipient's page what it counts on
the sender's, titles or not."""

from __future__ import annotations

import json
import re

from playwright.sync_api import Browser, Page, expect

from tests.conftest import load_bundle, quoted
from tests.e2e.test_calculator import (
    READY_MS,
    add,
    calc,  # noqa: F401 (a fixture)
    open_calculator,
    results,
    saved,
    set_profile,
    wait_ready,
    wait_until,
)


def rows(page: Page) -> list[str]:
    """Each activity's CECs, in the log's order (the page lists the newest first)."""
    found: list[str] = page.evaluate(
        "[...document.querySelectorAll('[data-activities] li.cec-activity, [data-plans] "
        "li.cec-activity')].sort((a, b) => a.dataset.row - b.dataset.row)"
        ".map((li) => li.querySelector('.cec-activity-cecs').textContent)"
    )
    return found


def test_a_course_typed_twice_counts_once_until_said_to_be_separate(calc: Page) -> None:  # noqa: F811
    set_profile(calc)
    wait_ready(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="Functional Training Workshop")
    expect(results(calc).locator("[data-earned]")).to_have_text("15 CECs", timeout=READY_MS)
    # The same course again, in other letters: the preview says it is a copy, and only then
    # offers to say it is a separate activity.
    separate = calc.get_by_label("This is a separate activity")
    expect(separate).to_be_hidden()
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("functional training workshop!")
    calc.get_by_label("Provider").select_option("ace")
    calc.get_by_label("Amount").fill("1.5")
    expect(calc.locator("[data-preview]")).to_have_text(
        "Would not count: it looks like a copy of row 1 (the same date, organization, amount, "
        "unit and title), which counts already: this one counts 0. If you did it twice, mark it "
        "as a separate activity.",
        timeout=READY_MS,
    )
    expect(separate).to_be_visible()
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(2)
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("15 CECs")
    expect(results(calc).get_by_role("status")).to_have_text(
        "30 CECs to go by December 31, 2026: 15 of 45 CECs so far. Enter when your CPR/AED card "
        "expires: it must be current when you renew. 2 activities look like the same course "
        "entered twice: counted once."
    )
    assert rows(calc) == ["15 CECs", "0 CECs"]
    badge = calc.get_by_role("link", name="copy: counted once")
    expect(badge).to_have_attribute("href", "#cec-row-1")
    # Really done twice: edit the copy and say so.
    copy = calc.locator("[data-activities] li.cec-activity[data-row='2']")
    copy.get_by_role("button", name="Edit").click()
    expect(separate).to_be_visible()
    separate.check()
    calc.get_by_role("button", name="Save changes").click()
    expect(results(calc).locator("[data-earned]")).to_have_text("30 CECs", timeout=READY_MS)
    wait_until(calc, "JSON.parse(localStorage.getItem('cec-guide:log')).activities.length === 2")
    assert [a["separate"] for a in saved(calc)["activities"]] == ["", "yes"]
    expect(badge).to_have_count(0)


def test_the_same_course_typed_again_while_the_first_is_checked_is_kept(calc: Page) -> None:  # noqa: F811
    """Typing the next course while Python checks this one keeps what is typed, even when it is
    the same course again (a value comparison took it for the submitted one and cleared it)."""
    set_profile(calc)
    wait_ready(calc)
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("Kettlebells")
    calc.locator("[data-activity] [name=amount]").fill("2")
    # In one step, so that the retyping happens before Python's answer arrives: submit, then type
    # the title again (the same title, as typed from the same certificate).
    calc.evaluate(
        "() => { const form = document.querySelector('[data-activity]'); form.requestSubmit();"
        " form.querySelector('[name=title]').dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1, timeout=READY_MS)
    expect(calc.get_by_label("Title", exact=True)).to_have_value("Kettlebells")
    expect(calc.get_by_label("Date completed")).to_have_value("2025-03-01")


def test_the_sources_words_are_one_click_from_each_decision(calc: Page) -> None:  # noqa: F811
    set_profile(calc)
    wait_ready(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="Functional Training Workshop")
    row = calc.locator("[data-activities] li.cec-activity")
    expect(row.locator(".cec-activity-cecs")).to_have_text("15 CECs", timeout=READY_MS)
    words = row.locator("details.cec-words")
    # Closed after the plain answer: the explanation comes first, the words wait for a click.
    expect(words.locator("summary")).to_have_text("In the source's words")
    expect(words.locator("blockquote").first).to_be_hidden()
    expect(words.locator("blockquote")).to_have_count(2)  # the conversion's and the category's
    said = quoted(load_bundle(), "providers.ace.decimal_system", "2019-05-20")
    assert said
    words.locator("summary").click()
    # Two rules rest on this one sentence: it is shown once, with the page it is from.
    expect(words.locator("blockquote", has_text=said)).to_have_count(1)
    expect(
        words.get_by_role("link", name="Earning and Tracking Continuing Education")
    ).to_be_visible()


def test_committee_service_asks_the_period_served(calc: Page) -> None:  # noqa: F811
    set_profile(calc, "ACSM Certified Exercise Physiologist (ACSM-EP)")
    wait_ready(calc)
    calc.get_by_label("Category").select_option("committee")
    # The period replaces the day; the amount is the CECs claimed, with ACSM's cap beside it.
    expect(calc.get_by_label("Date completed")).to_be_hidden()
    expect(calc.get_by_label("Served from")).to_be_visible()
    expect(calc.locator("[data-amount-help]")).to_have_text(
        "ACSM counts up to 8 CECs per year of service"
    )
    calc.get_by_label("Title", exact=True).fill("CCRB subcommittee")
    calc.get_by_label("CECs claimed").fill("24")
    calc.get_by_role("button", name="Add activity").click()
    for field in ("Served from", "Served to"):
        expect(calc.get_by_label(field)).to_have_attribute("aria-invalid", "true")
    expect(calc.locator("#cec-err-service_from")).to_have_text(
        "Served from is required for ACSM committee or volunteer service: the period you "
        "served, as ACSM asks"
    )
    expect(calc.locator("[data-activities] li")).to_have_count(0)
    calc.get_by_label("Served from").fill("2024-07-01")
    calc.get_by_label("Served to").fill("2026-06-30")
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1)
    expect(results(calc).locator("[data-earned]")).to_have_text("16 CECs", timeout=READY_MS)
    explained = calc.locator("[data-activities] .cec-explanation")
    expect(explained).to_contain_text(
        "served July 1, 2024 to June 30, 2026, 2 years of service in your cycle"
    )
    expect(explained).to_contain_text(
        "Read as 8 per calendar year your service touched (2024, 2025 and 2026), it would be up "
        "to 24"
    )
    wait_until(calc, "JSON.parse(localStorage.getItem('cec-guide:log')).activities.length === 1")
    [kept] = saved(calc)["activities"]
    assert (kept["date"], kept["service_from"], kept["service_to"]) == (
        "2026-06-30",
        "2024-07-01",
        "2026-06-30",
    )


def test_a_cpr_course_asks_only_its_length_and_may_wait_for_it(calc: Page) -> None:  # noqa: F811
    set_profile(calc, "ACSM Group Exercise Instructor (ACSM-GEI)")
    wait_ready(calc)
    calc.get_by_label("Category").select_option("cpr")
    expect(calc.get_by_label("Unit")).to_be_hidden()
    length = calc.get_by_label("How long was the course (hours)?")
    expect(length).to_be_visible()
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("CPR/AED")
    calc.get_by_label("Provider").select_option("other")
    calc.get_by_label("Organization name").fill("Red Cross")
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1)
    wait_ready(calc)
    row = calc.locator("[data-activities] li.cec-activity")
    expect(row.locator(".cec-row-warning")).to_have_text(
        "To do: enter how long the course was, in hours; until then it counts 0."
    )
    expect(row.locator(".cec-explanation")).to_contain_text(
        "ACSM's page reads '5 CECs per year for completing CPR, AED and/or First Aid "
        "certification': if ACSM reads it that way, this counts 5"
    )
    row.get_by_role("button", name="Edit").click()
    length.fill("4")
    calc.get_by_role("button", name="Save changes").click()
    expect(results(calc).locator("[data-earned]")).to_have_text("4 CECs", timeout=READY_MS)
    expect(row.locator(".cec-row-warning")).to_have_count(0)
    wait_until(
        calc, "JSON.parse(localStorage.getItem('cec-guide:log')).activities[0].amount === '4'"
    )
    assert saved(calc)["activities"][0]["unit"] == "hour"


def test_an_amount_of_0_is_refused_beside_the_field(calc: Page) -> None:  # noqa: F811
    set_profile(calc)
    wait_ready(calc)
    add(calc, "2025-03-01", "0", title="Nothing")
    expect(calc.get_by_label("Amount")).to_have_attribute("aria-invalid", "true")
    expect(calc.locator("#cec-err-amount")).to_have_text("Amount must be more than 0")
    expect(calc.locator("[data-activities] li")).to_have_count(0)


def test_a_shared_log_counts_for_the_recipient_what_it_counts_for_the_sender(
    browser: Browser, site_url: str
) -> None:
    sender = browser.new_context()
    recipient = browser.new_context()
    try:
        page = open_calculator(sender, site_url + "calculator/")
        set_profile(page)
        wait_ready(page)
        # Two courses that differ only by title, one of them entered twice, and committee
        # service with its period: without titles they must still count as the sender's.
        add(page, "2025-03-01", "2", title="Kettlebells")
        add(page, "2025-03-01", "2", title="Kettlebells")
        add(page, "2025-03-01", "2", title="Nutrition")
        page.get_by_label("Category").select_option("committee")
        page.get_by_label("Served from").fill("2024-07-01")
        page.get_by_label("Served to").fill("2025-06-30")
        page.get_by_label("CECs claimed").fill("10")
        page.get_by_role("button", name="Add activity").click()
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(4)
        expect(results(page).locator("[data-earned]")).to_have_text("12 CECs", timeout=READY_MS)
        sent = rows(page)
        assert sent == ["2 CECs", "0 CECs", "2 CECs", "8 CECs"]
        page.get_by_role("button", name="Share").click()
        link = page.get_by_label("Share link")
        expect(link).to_have_value(re.compile("#share="))
        shared = link.input_value()
        other = open_calculator(recipient, shared)
        expect(other.get_by_role("region", name="Shared log")).to_be_visible(timeout=READY_MS)
        expect(results(other).locator("[data-earned]")).to_have_text("12 CECs", timeout=READY_MS)
        assert rows(other) == sent
        expect(other.locator("[data-activities] .cec-explanation").first).to_be_visible()
        assert json.dumps(other.evaluate("document.body.innerText")).count("Kettlebells") == 0
    finally:
        sender.close()
        recipient.close()
