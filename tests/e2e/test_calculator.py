"""The calculator page in Chromium, as a professional uses it."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import icalendar
import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, expect

READY_MS = 90_000
KEY = "cec-guide:log"


@pytest.fixture
def calc(page: Page, site_url: str) -> Iterator[Page]:
    page.goto(site_url + "calculator/")
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    yield page


def open_calculator(context: BrowserContext, url: str) -> Page:
    """A new tab of CONTEXT at URL (the calculator page, maybe with a fragment), once bound."""
    page = context.new_page()
    page.goto(url)
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    return page


def saved(page: Page) -> Any:
    """The log as the page saved it (None when nothing is saved)."""
    return json.loads(page.evaluate(f"localStorage.getItem({KEY!r})") or "null")


def results(page: Page) -> Any:
    return page.get_by_role("region", name="Where you stand")


def wait_until(page: Page, expression: str, timeout_ms: int = READY_MS) -> None:
    """Polls a JavaScript expression (a promise is awaited) until it is true. Not
    page.wait_for_function: it evaluates its polls with eval inside the page, which the site's
    Content Security Policy refuses whenever the first poll is not already true."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(100)


def wait_ready(page: Page) -> None:
    expect(results(page)).to_have_attribute("data-state", "ready", timeout=READY_MS)


def set_profile(
    page: Page, cert: str = "ACSM Certified Personal Trainer (ACSM-CPT)", end: str = "2026-12-31"
) -> None:
    page.get_by_role("group", name="Certifications").get_by_label(cert).check()
    page.get_by_label("Cycle end date").fill(end)


def add(
    page: Page, date: str, amount: str, provider: str = "acsm", title: str = "", **extra: str
) -> None:
    """Types one activity and adds it. The category first: it decides what the form asks
    (committee service its period, ``served=(from, to)`` as "from/to", instead of a day; a CPR
    course its length in hours instead of an amount and unit)."""
    if "category" in extra:
        page.get_by_label("Category").select_option(extra["category"])
    if "served" in extra:
        start, end = extra["served"].split("/")
        page.get_by_label("Served from").fill(start)
        page.get_by_label("Served to").fill(end)
    else:
        page.get_by_label("Date completed").fill(date)
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Provider").select_option(provider)
    # An organization the rules do not list is named: the form asks for it.
    if "organization" in extra or provider == "other":
        page.get_by_label("Organization name").fill(extra.get("organization", "City Gym"))
    page.locator("[data-activity] [name=amount]").fill(amount)
    if "unit" in extra:
        page.get_by_label("Unit").select_option(extra["unit"])
    page.get_by_role("button", name=re.compile("Add activity|Save changes")).click()


def activity_cecs(page: Page) -> list[str]:
    return page.locator("[data-activities] .cec-activity-cecs").all_text_contents()


def test_form_works_before_python_is_ready_then_results_arrive(calc: Page) -> None:
    expect(results(calc)).to_have_attribute("data-state", "loading")
    expect(results(calc).get_by_role("status")).to_contain_text("Loading the calculator")
    set_profile(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="ACE workshop")
    # The entry is kept while Python loads, then counted.
    expect(calc.locator("[data-activities] li")).to_have_count(1)
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("15 CECs")
    expect(results(calc).locator("[data-required]")).to_have_text("45 CECs")
    expect(results(calc).locator("[data-remaining]")).to_have_text("30 CECs")
    assert calc.evaluate("document.querySelector('[data-progress]').value") == pytest.approx(
        15 / 45
    )


def test_every_labelled_control_is_there(calc: Page) -> None:
    group = calc.get_by_role("group", name="Certifications")
    expect(group.get_by_role("checkbox")).to_have_count(9)
    for label in (
        "Cycle end date",
        "CPR/AED card expires",
        "Date completed",
        "Title",
        "Provider",
        "Amount",
        "Unit",
        "Category",
        "Within the scope of my certification",
        "I have the certificate",
    ):
        expect(calc.get_by_label(label, exact=True)).to_have_count(1)
    for name in (
        "Add activity",
        "Export CSV",
        "Export JSON",
        "Print audit packet",
        "Add to calendar",
        "Clear all",
    ):
        expect(calc.get_by_role("button", name=name, exact=True)).to_have_count(1)
    expect(calc.get_by_label("Import")).to_have_count(1)


def test_choosing_a_provider_sets_its_unit_and_says_how_it_converts(calc: Page) -> None:
    calc.get_by_label("Provider").select_option("ace")
    expect(calc.get_by_label("Unit")).to_have_value("cec")
    expect(calc.locator("[data-conversion]")).to_contain_text("1 ACE CEC = 10 ACSM CECs")
    calc.get_by_label("Provider").select_option("ncsf")
    expect(calc.get_by_label("Unit")).to_have_value("ceu")
    expect(calc.locator("[data-conversion]")).to_contain_text("1 NCSF CEU = 1 ACSM CEC")
    expect(calc.locator("[data-conversion]")).to_contain_text(
        "if ACSM counts 1 CEC per hour of participation, it would be 2"
    )
    calc.get_by_label("Unit").select_option("hour")
    expect(calc.locator("[data-conversion]")).to_contain_text(": 1 hour = 1 ACSM CEC")
    question = calc.get_by_role("group", name="Does this organization count 0.1 per hour")
    expect(question).to_be_hidden()


def test_an_unlisted_organization_is_asked_about_the_decimal_system_only_when_it_matters(
    calc: Page,
) -> None:
    question = calc.get_by_role("group", name="Does this organization count 0.1 per hour")
    conversion = calc.locator("[data-conversion]")
    calc.get_by_label("Provider").select_option("other")
    expect(calc.get_by_label("Unit")).to_have_value("cec")
    expect(question).to_be_visible()
    expect(conversion).to_contain_text("1 CEC = 1 ACSM CEC")
    expect(conversion).to_contain_text("1 CEC = 10 ACSM CECs")  # what "yes" would give
    question.get_by_label("Yes").check()
    expect(conversion).not_to_contain_text("1 CEC = 1 ACSM CEC")
    expect(conversion).to_contain_text("1 CEC = 10 ACSM CECs")
    calc.get_by_label("Unit").select_option("contact_hour")
    expect(question).to_be_hidden()
    calc.get_by_label("Unit").select_option("ceu")
    expect(question).to_be_visible()
    # Three hours of hospital in-service, the answer left at "Not sure": 3 CECs, not 30.
    question.get_by_label("Not sure").check()
    set_profile(calc)
    add(calc, "2025-03-01", "3", provider="other", title="Hospital in-service", unit="ceu")
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("3 CECs")
    expect(calc.locator("[data-activities] li").first).to_contain_text("answer yes: 30 CECs")
    # The answer is kept with the activity and comes back when it is edited.
    calc.get_by_role("button", name="Edit 2025-03-01 Hospital in-service").click()
    question.get_by_label("Yes").check()
    calc.get_by_role("button", name="Save changes").click()
    expect(results(calc).locator("[data-earned]")).to_have_text("30 CECs")
    saved = json.loads(calc.evaluate(f"localStorage.getItem({KEY!r})"))
    assert saved["activities"][0]["decimal_system"] == "yes"
    calc.get_by_role("button", name="Edit 2025-03-01 Hospital in-service").click()
    expect(question.get_by_label("Yes")).to_be_checked()


def test_done_appears_only_once_the_renewal_is_recorded(calc: Page) -> None:
    calc.clock.set_fixed_time("2026-11-20T12:00:00")
    calc.reload()
    set_profile(calc)
    calc.get_by_label("CPR/AED card expires").fill("2027-08-01")
    add(calc, "2025-05-01", "45", title="Everything")
    wait_ready(calc)
    status = results(calc).get_by_role("status")
    expect(status).to_have_text("CECs complete: now renew by December 31, 2026.")
    expect(results(calc)).not_to_contain_text("Done")
    checklist = results(calc).locator("[data-checklist]")
    expect(checklist.locator("li", has_text="Submit the renewal form")).to_contain_text("to do")
    expect(checklist.locator("li", has_text="Renewal is open")).to_contain_text("note")
    calc.get_by_label("Date renewed").fill("2026-11-15")
    calc.get_by_label("Date renewed").dispatch_event("change")
    expect(status).to_contain_text("Done: you renewed on November 15, 2026 with 45 of 45 CECs")
    # Renewed early, for the cycle from January: proof is kept a year after that.
    expect(results(calc).locator("[data-dates]")).to_contain_text("January 1, 2028")
    calc.get_by_label("CPR/AED card expires").fill("2026-11-01")
    calc.get_by_label("CPR/AED card expires").dispatch_event("change")
    expect(status).to_contain_text("your CPR/AED card was not current that day")


def test_a_planned_course_counts_nothing_until_done(calc: Page) -> None:
    calc.clock.set_fixed_time("2026-06-01T12:00:00")
    calc.reload()
    set_profile(calc)
    add(calc, "2025-05-01", "40", title="Done already")
    add(calc, "2026-09-15", "1", provider="ace", title="Fall workshop")
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("40 CECs")
    # Plans are listed apart, and say first that they count nothing yet.
    expect(calc.locator("[data-activities] li", has_text="Fall workshop")).to_have_count(0)
    row = calc.locator("[data-plans] li", has_text="Fall workshop")
    expect(row.locator(".cec-planned-badge")).to_have_text("planned")
    expect(row.locator(".cec-activity-cecs")).to_have_text("0 CECs now, 10 once done")
    expect(calc.locator("[data-activities] li")).to_have_count(1)
    expect(results(calc).locator("[data-planned]")).to_have_text(
        "With your plans: 50 of 45 CECs (plans count once done)."
    )
    expect(results(calc).get_by_role("status")).to_contain_text("5 CECs to go")


def test_results_explain_each_activity_with_links_to_its_rules(calc: Page, site_url: str) -> None:
    set_profile(calc)
    calc.get_by_label("CPR/AED card expires").fill("2027-06-30")
    add(calc, "2025-03-01", "1.5", provider="ace", title="ACE workshop")
    add(calc, "", "10", title="Committee", category="committee", served="2024-05-02/2025-05-01")
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("23 CECs")
    # Newest first: the committee work (to May) above the workshop (March).
    second, first = calc.locator("[data-activities] li").all()
    expect(first).to_contain_text("ACE workshop")
    expect(first).to_contain_text("1.5 x 10 = 15 CECs")
    link = first.get_by_role("link", name="Units and providers")
    assert urlsplit(link.get_attribute("href") or "").fragment == "providers-ace-decimal-system"
    expect(second).to_contain_text("counts at most 8 CECs per year of service, so up to 8")
    expect(second.locator(".cec-activity-cecs")).to_have_text("8 CECs")
    checklist = results(calc).locator("[data-checklist]")
    expect(checklist).to_contain_text("23 of 45 CECs earned")
    expect(checklist).to_contain_text("CPR/AED card current")
    expect(results(calc).locator("[data-dates]")).to_contain_text("June 30, 2027")
    expect(results(calc).locator("[data-pace]")).not_to_be_empty()
    # The rule's anchor exists on its page.
    calc.goto(link.get_attribute("href") or "")
    expect(calc.locator("#providers-ace-decimal-system")).to_have_count(1)


def test_rows_can_be_edited_and_removed(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "5", title="First")
    add(calc, "2025-04-01", "7", title="Second")
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("12 CECs")
    calc.get_by_role("button", name="Edit 2025-03-01 First").click()
    expect(calc.get_by_label("Amount")).to_have_value("5")
    calc.get_by_label("Amount").fill("6")
    calc.get_by_role("button", name="Save changes").click()
    expect(results(calc).locator("[data-earned]")).to_have_text("13 CECs")
    calc.get_by_role("button", name="Remove 2025-04-01 Second").click()
    expect(results(calc).locator("[data-earned]")).to_have_text("6 CECs")
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1)


def test_a_first_visit_is_not_greeted_with_red_marks(calc: Page) -> None:
    status = results(calc).get_by_role("status")
    expect(status).to_contain_text("Choose your certification", timeout=READY_MS)
    profile = calc.locator("[data-profile]")
    expect(profile.locator("[aria-invalid]")).to_have_count(0)
    expect(profile.locator(".cec-error:not(:empty)")).to_have_count(0)
    # Once the profile is touched, what is still missing is marked beside its field.
    calc.get_by_label("Cycle end date").fill("2026-12-31")
    expect(profile.locator("[data-error-for=certifications]")).not_to_be_empty()


def test_state_says_error_when_it_cannot_compute(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    calc.get_by_role("group", name="Certifications").get_by_label(
        "ACSM Certified Personal Trainer (ACSM-CPT)"
    ).uncheck()
    expect(results(calc)).to_have_attribute("data-state", "error")
    expect(results(calc).get_by_role("status")).to_contain_text("Choose your certification")
    calc.get_by_role("group", name="Certifications").get_by_label(
        "Exercise is Medicine Credential (EIM Credential)"
    ).check()
    expect(results(calc).get_by_role("status")).to_contain_text("no CEC requirement of its own")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("Amount", "", "Amount is required"),
        ("Amount", "-2", "Amount must not be negative"),
        ("Amount", "lots", "Amount must be a plain number"),
        ("Date completed", "1989-06-01", "is before 1990"),
        ("Date completed", "2035-06-01", "years ahead"),
    ],
)
def test_bad_input_gets_a_message_beside_the_field(
    calc: Page, field: str, value: str, message: str
) -> None:
    set_profile(calc)
    wait_ready(calc)
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Amount").fill("1")
    calc.get_by_label(field).fill(value)
    calc.get_by_role("button", name="Add activity").click()
    box = calc.get_by_label(field)
    expect(box).to_have_attribute("aria-invalid", "true")
    described = box.get_attribute("aria-describedby") or ""
    errors = " ".join(
        calc.locator(f"#{i}").inner_text() for i in described.split() if i.startswith("cec-err-")
    )
    assert message in errors
    expect(calc.locator("[data-activities] li")).to_have_count(0)


def test_user_text_is_shown_as_text(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "2", title='<img src=x onerror="window.pwned=1"><b>bold</b>')
    wait_ready(calc)
    expect(calc.locator("[data-activities]")).to_contain_text("<b>bold</b>")
    assert calc.locator("[data-activities] img, [data-activities] b").count() == 0
    assert calc.evaluate("window.pwned") is None


def test_autosave_restores_the_log_after_a_reload(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "4", title="Saved course")
    wait_ready(calc)
    calc.reload()
    expect(calc.get_by_label("Cycle end date")).to_have_value("2026-12-31")
    expect(calc.locator("[data-activities]")).to_contain_text("Saved course")
    # The last result shows at once, marked, until Python has recomputed it.
    expect(results(calc).locator("[data-earned]")).to_have_text("4 CECs")
    wait_ready(calc)
    saved = json.loads(calc.evaluate(f"localStorage.getItem('{KEY}')"))
    assert saved["activities"][0]["title"] == "Saved course"


# Holds every message to the Python worker until window.__release(): Python cannot recompute.
HOLD_PYTHON = """
window.__held = [];
const send = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) { window.__held.push([this, args]); };
window.__release = () => {
  Worker.prototype.postMessage = send;
  for (const [worker, args] of window.__held) send.apply(worker, args);
};
"""


def test_a_returning_visitor_sees_the_last_results_marked_until_python_recomputes(
    calc: Page,
) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "4", title="Saved course")
    # This log's result is kept for the next visit once shown (when the page is idle).
    wait_until(
        calc,
        "JSON.parse(localStorage.getItem('cec-guide:last-result') || 'null')?.result?.earned_cecs"
        " === '4'",
    )
    calc.add_init_script(HOLD_PYTHON)
    calc.reload()
    note = calc.locator("[data-cached]")
    expect(results(calc).locator("[data-earned]")).to_have_text("4 CECs")
    expect(note).to_be_visible()
    expect(note).to_contain_text("results of your last visit")
    wait_until(calc, "window.__held.length > 0")
    expect(results(calc)).not_to_have_attribute("data-state", "ready")
    calc.evaluate("window.__release()")
    wait_ready(calc)
    expect(note).to_be_hidden()
    expect(results(calc).locator("[data-earned]")).to_have_text("4 CECs")


def test_unreadable_saved_data_is_kept_and_can_be_downloaded(calc: Page) -> None:
    calc.evaluate(f"localStorage.setItem('{KEY}', '{{broken json')")
    calc.reload()
    notice = calc.locator("[data-storage-problem]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("could not be read")
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Download saved data").click()
    assert Path(info.value.path()).read_text() == "{broken json"
    set_profile(calc)
    add(calc, "2025-03-01", "3")
    wait_ready(calc)
    kept = calc.evaluate(
        "Object.keys(localStorage).filter(k => k.startsWith('cec-guide:log:unreadable:')).map(k => localStorage.getItem(k))"
    )
    assert kept == ["{broken json"]


def test_clear_all_asks_first(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "3")
    wait_ready(calc)
    answers = iter([False, True])

    def answer(dialog: Dialog) -> None:
        if next(answers):
            dialog.accept()
        else:
            dialog.dismiss()

    calc.on("dialog", answer)
    calc.get_by_role("button", name="Clear all").click()
    expect(calc.locator("[data-activities] li")).to_have_count(1)
    calc.get_by_role("button", name="Clear all").click()
    expect(calc.locator("[data-activities] li")).to_have_count(0)
    expect(calc.get_by_label("Cycle end date")).to_have_value("")


def import_file(page: Page, name: str, text: str) -> None:
    mime = "application/json" if name.endswith(".json") else "text/csv"
    page.get_by_label("Import").set_input_files(
        {"name": name, "mimeType": mime, "buffer": text.encode()}
    )


def test_import_shows_problems_by_row_and_column_and_keeps_the_log(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "3", title="Keep me")
    wait_ready(calc)
    import_file(calc, "bad.csv", "date,provider,amount\nsoon,acsm,1\n2025-01-02,ace,-4\n")
    problems = calc.locator("[data-import-problems]")
    expect(problems).to_contain_text("bad.csv, row 2, date: must be a date")
    expect(problems).to_contain_text("bad.csv, row 3, amount: must not be negative")
    expect(problems).to_contain_text("your log is unchanged")
    expect(calc.locator("[data-activities]")).to_contain_text("Keep me")
    expect(calc.locator("[data-activities] li")).to_have_count(1)


def test_import_then_export_round_trips(calc: Page, tmp_path: Path) -> None:
    calc.on("dialog", lambda d: d.accept())
    log = {
        "profile": {
            "certifications": ["ep"],
            "cycle_end": "2027-12-31",
            "cpr_expires": "2028-01-31",
        },
        "activities": [
            {"date": "2026-02-01", "title": "=1+1", "provider": "nsca", "amount": "0.6"},
            {
                "date": "2026-03-01",
                "title": "Kinesiology",
                "provider": "other",
                "organization": "State University",
                "amount": "3",
                "unit": "college_credit_hour",
                "category": "college",
                "certificate": "yes",
            },
        ],
    }
    import_file(calc, "log.json", json.dumps(log))
    wait_ready(calc)
    expect(calc.get_by_label("Cycle end date")).to_have_value("2027-12-31")
    expect(results(calc).locator("[data-required]")).to_have_text("60 CECs")
    expect(results(calc).locator("[data-earned]")).to_have_text("36 CECs")
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Export CSV").click()
    csv_text = Path(info.value.path()).read_text()
    # Words, not codes, the ACSM CECs counted, and a formula kept as text.
    assert csv_text.startswith("\ufeffDate completed,Title,Provider,Organization name,Amount,")
    assert csv_text.splitlines()[1] == (
        "2026-02-01,'=1+1,National Strength and Conditioning Association (NSCA),,0.6,,6,,,yes,no,"
        ",,,,"
    )
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Export JSON").click()
    exported = json.loads(Path(info.value.path()).read_text())
    assert exported["profile"]["cycle_end"] == "2027-12-31"
    assert [a["title"] for a in exported["activities"]] == ["=1+1", "Kinesiology"]
    # The exported CSV imports back to the same log: added, every row is already there; the log
    # replaced (the dialog accepted), it is the same.
    import_file(calc, "again.csv", csv_text)
    step = calc.locator("[data-mapping]")
    expect(step).to_contain_text("2 activities are already in your log: adding skips them.")
    step.get_by_role("button", name="Replace my log").click()
    expect(calc.locator("[data-import-problems]")).to_contain_text("Imported 2 activities")
    expect(results(calc).locator("[data-earned]")).to_have_text("36 CECs")


def test_audit_packet_prints_cleanly(calc: Page) -> None:
    calc.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; }")
    calc.reload()
    set_profile(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="ACE workshop")
    # The activity counted (not the empty log's ready state) before the headline is read.
    expect(results(calc).locator("[data-earned]")).to_have_text("15 CECs", timeout=READY_MS)
    wait_ready(calc)
    headline = results(calc).get_by_role("status").inner_text()
    calc.get_by_role("button", name="Print audit packet").click()
    wait_until(calc, "window.printed === 1")
    calc.emulate_media(media="print")
    packet = calc.locator("[data-packet]")
    expect(packet).to_be_visible()
    # The same summary as the packet's zip holds (calc.packet), for an auditor.
    expect(packet.get_by_role("heading", level=1)).to_have_text(
        "ACSM continuing education: audit packet"
    )
    expect(packet).to_contain_text("Rules last verified")
    expect(packet).to_contain_text("Made on")
    expect(packet).to_contain_text("Attestation")
    row = packet.locator("table.lines tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td")).to_have_text(
        [
            "01",
            "March 1, 2025",
            "ACE workshop",
            "American Council on Exercise (ACE)",
            "1.5 CECs (ACE)",
            "15",
            "not attached",
        ]
    )
    # The rules' sources: a short list at the end, not a column.
    expect(packet.locator("ul.sources")).to_contain_text("acsm-certified-blog/2019/05/20")
    expect(packet.locator(".facts")).to_contain_text(headline)
    expect(calc.get_by_label("Amount")).to_be_hidden()
    expect(calc.locator(".md-header")).to_be_hidden()


def test_calendar_file_parses_with_an_icalendar_library(calc: Page) -> None:
    calc.clock.set_fixed_time("2025-06-01T12:00:00")  # mid-cycle: every kind of date is ahead
    calc.reload()
    set_profile(calc)
    calc.get_by_label("CPR/AED card expires").fill("2026-10-15")
    wait_ready(calc)
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Add to calendar").click()
    cal = icalendar.Calendar.from_ical(Path(info.value.path()).read_bytes())
    events = {
        str(e["SUMMARY"]).split(":")[0]: (
            e.decoded("DTSTART").isoformat(),
            [a.decoded("TRIGGER").days for a in e.walk("VALARM")],
        )
        for e in cal.walk("VEVENT")
    }
    assert events == {
        "CEC pace check": ("2025-07-01", []),
        "ACSM renewal opens": ("2026-01-01", []),
        "CPR/AED card expires": ("2026-10-15", [-60]),
        "ACSM cycle ends": ("2026-12-31", [-90, -30, -7]),
        "ACSM grace period ends": ("2027-06-30", [-14]),
    }


def test_instant_navigation_keeps_one_worker_and_working_bindings(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    calc.get_by_role("link", name="Audits").first.click()
    expect(calc).to_have_url(re.compile(r"/audits/$"))
    calc.get_by_role("link", name="Calculator").first.click()
    expect(calc).to_have_url(re.compile(r"/calculator/$"))
    add(calc, "2025-03-01", "2", title="After navigating")
    expect(results(calc).locator("[data-earned]")).to_have_text("2 CECs", timeout=READY_MS)
    workers = [w.url for w in calc.workers if w.url.endswith("/assets/calculator/worker.mjs")]
    assert len(workers) == 1
    # A full load started the one worker; instant navigation did not start another.
    assert calc.evaluate("performance.getEntriesByType('navigation').length") == 1


WORKER_FETCHES = (
    "performance.getEntriesByType('resource')"
    ".filter((e) => e.name.endsWith('/assets/calculator/worker.mjs')).length"
)


def test_arriving_from_another_page_starts_python_once_the_calculator_is_shown(
    page: Page, site_url: str
) -> None:
    # Python starts with the calculator's form, not on other pages; arriving by the theme's
    # instant navigation binds the form and starts it once.
    page.goto(site_url + "audits/")
    assert page.evaluate(WORKER_FETCHES) == 0
    page.get_by_role("link", name="Calculator").first.click()
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    set_profile(page)
    wait_ready(page)
    add(page, "2025-03-01", "2", title="First")
    expect(results(page).locator("[data-earned]")).to_have_text("2 CECs")
    assert page.evaluate(WORKER_FETCHES) == 1
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_width_in_both_palettes(page: Page, site_url: str, scheme: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "calculator/")
    set_profile(page)
    add(
        page,
        "2025-03-01",
        "2",
        title="A course with a rather long title that has to wrap on a phone screen",
    )
    wait_ready(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.get_by_role("button", name=re.compile("^Remove 2025-03-01")).bounding_box()
    assert box is not None and box["x"] + box["width"] <= 375
