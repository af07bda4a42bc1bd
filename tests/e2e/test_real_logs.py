"""A real trainer's log, on a desktop (1280 x 800) and a phone (390 x 844): courses from
organizations the rules do not list, by name; a second spreadsheet added to what was typed, not
replacing it; values the calculator does not know chosen once and remembered; rows that cannot be
read left out only when she says so; an export Excel opens as it is."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_calculator import (
    add,
    import_file,
    results,
    set_profile,
    wait_ready,
    wait_until,
)

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
KEY = "cec-guide:log"
SHEET = (
    "Date,Course,Given by,Credits,Unit\n"
    "2025-03-01,CPR/AED,Red Cross,4,Stunden\n"
    "2025-04-01,Kettlebells,American College of Sports Medicine,2,CEC\n"
    "2025-05-01,Balance,Red Cross,2,Stunden\n"
    "someday,Broken row,ACE,1,CEC\n"
)


@pytest.fixture(params=list(SIZES))
def calc(page: Page, site_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height = SIZES[str(request.param)]
    page.set_viewport_size({"width": width, "height": height})
    page.clock.install(time=datetime(2026, 6, 1, 12))
    page.goto(site_url + "calculator/")
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    yield page


def saved(page: Page) -> list[dict[str, str]]:
    activities: list[dict[str, str]] = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))[
        "activities"
    ]
    return [{k: v for k, v in a.items() if k != "id"} for a in activities]


def test_an_unlisted_organization_is_named_and_keeps_its_name(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    calc.get_by_label("Provider").select_option("other")
    expect(calc.locator("[data-organization-need]")).to_have_text(
        "(required: who gave it, such as Red Cross)"
    )
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("Hospital in-service")
    calc.locator("[data-activity] [name=amount]").fill("3")
    calc.get_by_role("button", name="Add activity").click()
    error = calc.locator("[data-error-for=organization]")
    expect(error).to_contain_text("is required: name the organization that gave the course")
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(0)
    calc.get_by_label("Organization name").fill("Mercy Hospital")
    calc.get_by_role("button", name="Add activity").click()
    row = calc.locator("[data-activities] li.cec-activity")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("3 CECs from Mercy Hospital")
    # A listed provider's own part (a chapter) is said after its name.
    calc.get_by_label("Provider").select_option("acsm_approved")
    expect(calc.locator("[data-organization-need]")).to_have_text(
        "(optional, such as a chapter's name)"
    )
    add(calc, "2025-04-01", "2", provider="acsm_approved", title="Chapter meeting",
        organization="Southeast ACSM")  # fmt: skip
    expect(calc.locator("[data-activities]")).to_contain_text(
        "2 CECs from ACSM Approved Provider or ACSM regional chapter: Southeast ACSM"
    )
    wait_ready(calc)
    assert [a["organization"] for a in saved(calc)] == ["Mercy Hospital", "Southeast ACSM"]


def test_a_spreadsheet_is_added_with_its_unknown_values_chosen_once(
    calc: Page, tmp_path: Path
) -> None:
    set_profile(calc)
    add(calc, "2025-04-01", "2", title="Kettlebells")  # typed, and also in the sheet
    wait_ready(calc)
    import_file(calc, "hours.csv", SHEET)
    step = calc.locator("[data-mapping]")
    # Each unknown value once, with its rows, in the file's words; the organization suggested.
    expect(step).to_contain_text("Your file has 2 values the calculator does not know")
    provider = step.get_by_label("Provider “Red Cross” (2 rows)")
    expect(provider).to_have_value("other")
    expect(provider.locator("option:checked")).to_have_text(
        "Another organization, named “Red Cross”"
    )
    unit = step.get_by_label("Unit “Stunden” (2 rows)")
    expect(unit).to_have_value("")
    unit.select_option("hour")
    assert len(saved(calc)) == 1  # nothing written yet
    step.get_by_role("button", name="Use these choices").click()
    # The row that cannot be read is listed; the good rows come in only when asked.
    expect(step).to_contain_text("hours.csv, row 5, Date: must be a date")
    expect(step).to_contain_text("1 activity is already in your log: adding skips it.")
    assert len(saved(calc)) == 1
    step.get_by_role("button", name="Add the 3 good rows to my log").click()
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Added 2 activities from hours.csv; skipped 1 already in your log;"
        " left out 1 row that could not be read."
    )
    wait_ready(calc)
    kept = saved(calc)
    assert [(a["title"], a["provider"], a["organization"], a["unit"]) for a in kept] == [
        ("Kettlebells", "acsm", "", "cec"),
        ("CPR/AED", "other", "Red Cross", "hour"),
        ("Balance", "other", "Red Cross", "hour"),
    ]
    # The next file with the same values is not asked about again.
    import_file(calc, "again.csv", SHEET.replace("Balance", "Stretching"))
    expect(step).to_contain_text("2 activities are already in your log: adding skips them.")
    step.get_by_role("button", name="Add the 3 good rows to my log").click()
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Added 1 activity from again.csv; skipped 2 already in your log"
    )
    assert [a["title"] for a in saved(calc)][-1] == "Stretching"


def test_cancel_and_replace_leave_nothing_half_done(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-04-01", "2", title="Typed")
    wait_ready(calc)
    import_file(calc, "one.csv", "date,title,provider,amount\n2025-06-01,Other,ace,1\n")
    step = calc.locator("[data-mapping]")
    expect(step.get_by_role("button", name="Add to my log")).to_be_focused()
    step.get_by_role("button", name="Cancel").click()
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Import of one.csv cancelled; your log is unchanged."
    )
    assert [a["title"] for a in saved(calc)] == ["Typed"]
    calc.once("dialog", lambda dialog: dialog.accept())
    import_file(calc, "one.csv", "date,title,provider,amount\n2025-06-01,Other,ace,1\n")
    step.get_by_role("button", name="Replace my log").click()
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Imported 1 activity from one.csv"
    )
    assert [a["title"] for a in saved(calc)] == ["Other"]
    expect(results(calc).locator("[data-earned]")).to_have_text("10 CECs", timeout=90_000)


def test_the_csv_export_opens_in_excel_as_it_is(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="Café talk")
    add(calc, "2026-09-01", "2", title="Planned summit")
    add(calc, "2025-05-01", "2", provider="other", title="=SUM(A1)", organization="+Gym")
    wait_ready(calc)
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Export CSV").click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8").removeprefix("\ufeff")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    header, *lines = list(csv.reader(io.StringIO(text, newline="")))
    assert header[:8] == [
        "Date completed", "Title", "Provider", "Organization name", "Amount", "Unit",
        "ACSM CECs", "Planned CECs",
    ]  # fmt: skip
    rows = {line[1]: line for line in lines}
    assert rows["Café talk"][6:8] == ["15", ""]
    assert rows["Planned summit"][6:8] == ["0", "2"]  # numbers only; the plan in its column
    assert rows["'=SUM(A1)"][3] == "'+Gym"  # formulas stay text


RETURNING = {
    "format": "cec-guide-log",
    "version": 2,
    "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31", "cpr_expires": "2027-03-01"},
    "activities": [
        {"date": f"2025-0{i}-01", "title": f"Course {i}", "provider": "ace", "amount": "1.5"}
        for i in range(1, 8)
    ],
}


def test_a_returning_visit_shows_the_answer_first(calc: Page) -> None:
    calc.evaluate("(log) => localStorage.setItem('cec-guide:log', JSON.stringify(log))", RETURNING)
    calc.reload()
    wait_ready(calc)
    line = calc.locator("[data-profile-line]")
    expect(line).to_have_text(
        "ACSM-CPT · cycle ends December 31, 2026 · CPR card until March 1, 2027 Edit"
    )
    expect(calc.locator("[data-profile]")).to_be_hidden()
    top = calc.evaluate(
        "document.querySelector('#cec-results-heading').getBoundingClientRect().top + scrollY"
    )
    assert top < 900, top
    # The renewal to-do links to ACSM's own page, its address from the rules' sources.
    renew = calc.locator("[data-checklist] li", has_text="Submit the renewal form")
    link = renew.get_by_role("link", name="ACSM's recertification page")
    expect(link).to_have_attribute("href", "https://acsm.org/certification/recertification")
    # Edit opens the form again, with what was saved.
    line.get_by_role("button", name="Edit").click()
    expect(calc.get_by_label("Cycle end date")).to_have_value("2026-12-31")
    expect(calc.get_by_label("Cycle end date")).to_be_visible()
    expect(line).to_be_hidden()


def test_the_phone_summary_is_a_link_to_the_answer(calc: Page) -> None:
    width = calc.viewport_size["width"] if calc.viewport_size else 0
    calc.evaluate("(log) => localStorage.setItem('cec-guide:log', JSON.stringify(log))", RETURNING)
    calc.reload()
    wait_ready(calc)
    mini = calc.locator("[data-mini]")
    if width >= 1200:
        expect(mini).to_be_hidden()  # the answer stays in view beside the form
        return
    expect(mini).to_have_text("105 CECs earned of 45 needed · renew now · 213 days left")
    box = mini.bounding_box()
    assert box and box["height"] >= 44
    calc.evaluate("scrollTo(0, 2500)")
    mini.click()
    # Read from the layout (an IntersectionObserver waits on timers this page's clock holds).
    wait_until(
        calc,
        "(() => { const top = document.querySelector('#cec-results-heading')"
        ".getBoundingClientRect().top; return top >= 0 && top < innerHeight / 2; })()",
    )


def test_the_next_cycle_starts_and_the_finished_packet_stays(page: Page, site_url: str) -> None:
    page.clock.install(time=datetime(2027, 1, 10, 12))  # the cycle ended on December 31
    page.goto(site_url + "calculator/")
    log = {
        **RETURNING,
        "activities": [
            *RETURNING["activities"],
            {"date": "2027-01-05", "title": "January course", "provider": "acsm", "amount": "3"},
        ],
    }
    page.evaluate("(log) => localStorage.setItem('cec-guide:log', JSON.stringify(log))", log)
    page.reload()
    wait_ready(page)
    row = page.locator("[data-activities] li.cec-activity", has_text="January course")
    expect(row).to_contain_text("counts in your next cycle")
    expect(row.locator(".cec-explanation")).to_contain_text(
        "dated January 5, 2027, after your cycle ends on December 31, 2026: it counts toward"
        " your next cycle"
    )
    expect(row).not_to_contain_text("completed")
    panel = page.locator("[data-next-cycle]")
    expect(panel).to_contain_text("Your next cycle runs January 1, 2027 to December 31, 2029.")
    expect(page.locator("[data-previous-packet]")).to_be_hidden()
    page.once("dialog", lambda dialog: dialog.accept())
    panel.get_by_role("button", name="Start the next cycle").click()
    expect(results(page).locator("[data-earned]")).to_have_text("3 CECs", timeout=90_000)
    kept = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    assert kept["profile"]["cycle_end"] == "2029-12-31"
    assert [p["cycle_end"] for p in kept["previous"]] == ["2026-12-31"]
    assert len(kept["activities"]) == 8  # nothing deleted
    # Made by Python in the page (a packet and its zip): on a loaded machine, not in seconds.
    with page.expect_download(timeout=90_000) as info:
        page.get_by_role("button", name="Previous cycle's audit packet").click()
    assert info.value.suggested_filename.endswith(".zip")
    # Reloaded, the finished cycle is still there.
    page.reload()
    expect(page.get_by_role("button", name="Previous cycle's audit packet")).to_be_visible()


def test_an_edit_keeps_what_other_bodies_need(calc: Page) -> None:
    """A spreadsheet's columns for other certifying bodies (approval numbers, petitions, format),
    which the form does not show, survive an edit of the activity on the page."""
    set_profile(calc)
    wait_ready(calc)
    sheet = (
        "Date,Course,Provider,Credits,Approval numbers,Petitions approved by,Live or recorded\n"
        "2025-03-01,Kettlebells,ACSM,2,ACE 12345,NETA,live\n"
    )
    import_file(calc, "bodies.csv", sheet)
    row = calc.locator("[data-activities] li.cec-activity")
    expect(row).to_have_count(1)
    wait_ready(calc)
    calc.get_by_role("button", name="Edit 2025-03-01 Kettlebells").click()
    calc.get_by_label("Title", exact=True).fill("Kettlebell basics")
    calc.get_by_role("button", name="Save changes").click()
    expect(row).to_contain_text("Kettlebell basics")
    wait_ready(calc)
    (kept,) = saved(calc)
    assert (kept["title"], kept["approvals"], kept["petitions"], kept["format"]) == (
        "Kettlebell basics",
        "ace 12345",
        "neta",
        "live",
    )
