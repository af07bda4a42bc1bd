"""The calculator as a trainer works with it, on a desktop (1280 x 800) and a phone (390 x 844):
the answer stays in view, each activity says what it would count before it is added, removing can
be undone, and spreadsheets go in and out."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_calculator import add, import_file, results, set_profile, wait_ready

READY_MS = 90_000
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def calc(page: Page, site_url: str, size: str) -> Iterator[Page]:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.clock.install(time=datetime(2026, 6, 1, 12))  # a fixed today: plans stay plans
    page.goto(site_url + "calculator/")
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    yield page


def in_view(page: Page, selector: str) -> bool:
    """Whether the element is on screen and not under the sticky header."""
    return bool(
        page.evaluate(
            """(selector) => {
              const box = document.querySelector(selector).getBoundingClientRect();
              const header = document.querySelector(".md-header").getBoundingClientRect();
              return box.height > 0 && box.top >= header.bottom - 1 && box.bottom <= innerHeight + 1;
            }""",
            selector,
        )
    )


def test_a_first_visit_is_calm(calc: Page) -> None:
    expect(results(calc)).to_have_attribute("data-state", "idle", timeout=READY_MS)
    expect(results(calc).get_by_role("status")).to_have_text(
        "Choose your certification and enter your cycle end date to see where you stand."
    )
    color = calc.evaluate("getComputedStyle(document.querySelector('[data-status]')).color")
    error = calc.evaluate(
        "getComputedStyle(document.querySelector('.cec-error') || document.body)"
        ".getPropertyValue('--cec-error-color')"
    )
    assert color != error
    expect(calc.locator("[aria-invalid]")).to_have_count(0)


def test_the_answer_stays_in_view_while_the_form_is_used(calc: Page, size: str) -> None:
    set_profile(calc)
    wait_ready(calc)
    for day in range(1, 6):
        add(calc, f"2025-0{day}-01", "3", title=f"Course {day}")
    wait_ready(calc)
    # The log's tools are at the bottom of the form's column: scrolled to, the totals stay.
    calc.locator("[data-tools]").scroll_into_view_if_needed()
    if size == "desktop":
        form = calc.locator("[data-activity]").bounding_box()
        totals = calc.locator("[data-results]").bounding_box()
        assert form and totals and totals["x"] >= form["x"] + form["width"]  # side by side
        assert in_view(calc, "[data-earned]")
        expect(calc.locator("[data-mini]")).to_be_hidden()
    else:
        expect(calc.locator("[data-mini]")).to_be_visible()
        expect(calc.locator("[data-mini]")).to_have_text("15 of 45 CECs · 30 to go · 213 days left")
        assert in_view(calc, "[data-mini]")


def test_adding_says_what_the_activity_counted(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="ACE workshop")
    announce = calc.locator("[data-announce]")
    expect(announce).to_have_text("Added: 15 CECs. Now 15 of 45 CECs.")
    expect(announce).to_have_attribute("aria-live", "polite")
    assert in_view(calc, "[data-announce]")
    calc.get_by_role("button", name="Edit 2025-03-01 ACE workshop").click()
    calc.get_by_label("Amount").fill("1")
    calc.get_by_role("button", name="Save changes").click()
    expect(announce).to_have_text("Saved: 10 CECs. Now 10 of 45 CECs.")


def test_the_preview_says_what_an_activity_would_count_before_it_is_added(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="ACE workshop")
    wait_ready(calc)
    preview = calc.locator("[data-preview]")
    calc.get_by_label("Date completed").fill("2025-04-01")
    calc.get_by_label("Provider").select_option("ace")
    calc.get_by_label("Amount").fill("1.5")
    expect(preview).to_have_text("Would count 15 CECs: 30 of 45 CECs.")
    # Nothing is added until the button says so.
    expect(calc.locator("[data-activities] li")).to_have_count(1)
    expect(results(calc).locator("[data-earned]")).to_have_text("15 CECs")
    # A future date makes it a plan.
    calc.get_by_label("Date completed").fill("2026-09-01")
    expect(preview).to_contain_text("A plan")
    add(calc, "2026-09-01", "1.5", provider="ace", title="Fall workshop")
    wait_ready(calc)
    expect(calc.locator("[data-plans] li")).to_have_count(1)
    expect(results(calc).locator("[data-planned]")).to_have_text(
        "With your plans: 30 of 45 CECs (plans count once done)."
    )


def test_the_preview_shows_a_cap(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    add(calc, "2025-03-01", "4", title="CPR course", category="cpr")
    wait_ready(calc)
    calc.get_by_label("Date completed").fill("2025-06-01")
    calc.get_by_label("Category").select_option("cpr")
    calc.get_by_label("How long was the course (hours)?").fill("3")
    expect(calc.locator("[data-preview]")).to_contain_text("Would count 1 of its 3 CECs")


def test_remove_can_be_undone_for_ten_seconds(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "5", title="First")
    add(calc, "2025-04-01", "7", title="Second")
    wait_ready(calc)
    calc.get_by_role("button", name="Remove 2025-03-01 First").click()
    expect(results(calc).locator("[data-earned]")).to_have_text("7 CECs")
    # Where the activity was listed, the offer to undo, with the keyboard on it.
    removed = calc.locator("[data-activities] li").nth(1)
    expect(removed).to_have_text("Removed: First. Undo")
    undo = removed.get_by_role("button", name="Undo removing First")
    expect(undo).to_be_focused()
    calc.clock.run_for(10_000)
    expect(undo).to_be_visible()
    undo.click()
    expect(results(calc).locator("[data-earned]")).to_have_text("12 CECs")
    expect(calc.locator("[data-activities] li")).to_have_count(2)
    expect(calc.locator("[data-removed]")).to_have_count(0)
    expect(calc.locator("[data-announce]")).to_have_text("Restored: First.")
    # Later the offer goes quietly.
    calc.get_by_role("button", name="Remove 2025-04-01 Second").click()
    expect(calc.locator("[data-removed]")).to_have_count(1)
    calc.clock.run_for(16_000)
    expect(calc.locator("[data-removed]")).to_have_count(0)
    expect(results(calc).locator("[data-earned]")).to_have_text("5 CECs")


def test_edit_brings_the_whole_form_into_view(calc: Page) -> None:
    set_profile(calc)
    for day in range(1, 9):
        add(calc, f"2025-0{day}-01", "1", title=f"Course {day}")
    wait_ready(calc)
    calc.locator("[data-tools]").scroll_into_view_if_needed()
    calc.get_by_role("button", name="Edit 2025-01-01 Course 1").click()
    assert in_view(calc, "#cec-entry-heading")
    expect(calc.locator("#cec-entry-heading")).to_have_text("Edit: Course 1")
    expect(calc.get_by_label("Date completed")).to_be_focused()


def test_activities_are_listed_newest_first_or_oldest_first(calc: Page) -> None:
    set_profile(calc)
    for date, title in [
        ("2025-05-01", "May"),
        ("2024-02-01", "February"),
        ("2025-11-01", "November"),
    ]:
        add(calc, date, "1", title=title)
    wait_ready(calc)
    titles = calc.locator("[data-activities] li .cec-activity-what")
    expect(titles.nth(0)).to_contain_text("November")
    expect(titles.nth(2)).to_contain_text("February")
    calc.get_by_label("Order").select_option("oldest")
    expect(titles.nth(0)).to_contain_text("February")
    expect(titles.nth(2)).to_contain_text("November")


def test_tap_targets_and_dates_fit(calc: Page) -> None:
    set_profile(calc)
    calc.get_by_label("CPR/AED card expires").fill("2027-06-30")
    add(calc, "2025-03-01", "1", title="A course whose title is long enough to wrap on a phone")
    wait_ready(calc)
    small = calc.evaluate(
        """() => [...document.querySelectorAll(
              '[data-calculator] button, [data-calculator] .cec-check, [data-calculator] select')]
            .filter((e) => e.offsetParent !== null)
            .map((e) => [e.textContent.trim().slice(0, 30), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)"""
    )
    assert small == []
    # Each date on one line (a date broken as "2026-/01-01" misreads).
    heights = calc.evaluate(
        """() => [...document.querySelectorAll('.cec-date, [data-dates] dd')].map((e) => {
              const line = parseFloat(getComputedStyle(e).lineHeight);
              return e.getBoundingClientRect().height / line;
            })"""
    )
    assert heights and all(h < 1.5 for h in heights), heights
    # And each date whole in view: the longest label ("Keep your certificates until at least")
    # once pushed its date past a phone's edge, where the theme hides what overflows.
    cut = calc.evaluate(
        """() => [...document.querySelectorAll('[data-dates] dd')]
            .filter((e) => e.getBoundingClientRect().right
                > Math.min(e.closest('dl').getBoundingClientRect().right,
                           document.documentElement.clientWidth) + 1)
            .map((e) => e.textContent)"""
    )
    assert cut == [], cut
    assert (
        "Keep your certificates until at least"
        in results(calc).locator("[data-dates]").inner_text()
    )
    width = calc.viewport_size["width"] if calc.viewport_size else 0
    assert calc.evaluate("document.documentElement.scrollWidth") <= width


def test_a_long_choice_is_written_out_under_its_list(calc: Page) -> None:
    # 76 characters fit in neither the phone's select nor the desktop's form column.
    calc.get_by_label("Provider").select_option("iacet")
    name = calc.locator("#cec-provider-name")
    expect(name).to_have_text(
        "IACET CEUs (International Accreditors for Continuing Education and Training)"
    )
    calc.get_by_label("Provider").select_option("ace")
    expect(name).to_be_hidden()
    # Nor does the longest unit fit beside the amount.
    unit = calc.locator("#cec-unit-name")
    calc.get_by_label("Unit").select_option("hour")
    expect(unit).to_have_text("Hours of participation (when the certificate gives only a time)")
    calc.get_by_label("Unit").select_option("contact_hour")
    expect(unit).to_be_hidden()
    expect(calc.locator("#cec-category-name")).to_be_hidden()  # "Education" fits


def test_words_not_codes(calc: Page) -> None:
    import_file(
        calc,
        "one.json",
        '{"activities": [{"date": "2025-03-01", "title": "Talk", "provider": "cooper", '
        '"amount": "3", "unit": "contact_hour"}]}',
    )
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Imported 1 activity from one.json."
    )
    row = calc.locator("[data-activities] li").first
    expect(row).to_contain_text("3 contact hours from The Cooper Institute")
    expect(row).not_to_contain_text("contact_hour")


def test_a_spreadsheet_with_its_own_headers_imports(calc: Page) -> None:
    set_profile(calc)
    import_file(
        calc,
        "my courses.csv",
        "\ufeffDate;Course;Organization;Credits\n3/14/2025;Strength;American Council on Exercise;1.5\n",
    )
    # Read by Python, which may still be starting on a first visit: as long as it takes.
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Imported 1 activity", timeout=READY_MS
    )
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("15 CECs")
    expect(calc.locator("[data-activities] li").first).to_contain_text("March 14, 2025")


def test_unknown_headers_open_a_mapping_step(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    import_file(calc, "fecha.csv", "Fecha,Curso,Org,Horas\n2025-03-01,Yoga,ace,1\n")
    mapping = calc.locator("[data-mapping]")
    expect(mapping).to_be_visible()
    # One line, not a wall of errors.
    expect(calc.locator("[data-import-problems] p")).to_have_text(
        "fecha.csv: choose what each column holds below. Nothing is imported until you do; "
        "your log is unchanged."
    )
    mapping.get_by_label(re.compile("Fecha")).select_option("date")
    mapping.get_by_label(re.compile("Curso")).select_option("title")
    mapping.get_by_label(re.compile("Org")).select_option("provider")
    mapping.get_by_label(re.compile("Horas")).select_option("amount")
    mapping.get_by_role("button", name="Import with these columns").click()
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Imported 1 activity", timeout=READY_MS
    )
    expect(mapping).to_be_hidden()
    wait_ready(calc)
    expect(results(calc).locator("[data-earned]")).to_have_text("10 CECs")


def test_the_exported_spreadsheet_reads_and_imports_back(calc: Page, tmp_path: Path) -> None:
    set_profile(calc)
    add(calc, "2025-03-01", "1.5", provider="ace", title="ACE workshop")
    add(calc, "2025-04-01", "2", provider="cooper", title="Cooper talk", unit="contact_hour")
    wait_ready(calc)
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Export CSV").click()
    text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    assert "ACSM CECs" in header
    assert "American Council on Exercise" in text
    assert ",ace," not in text and "contact_hour" not in text
    saved = calc.evaluate("localStorage.getItem('cec-guide:log')")
    calc.evaluate("localStorage.clear()")
    calc.reload()
    set_profile(calc)
    import_file(calc, "back.csv", text)
    expect(calc.locator("[data-import-problems]")).to_contain_text(
        "Imported 2 activities", timeout=READY_MS
    )
    wait_ready(calc)
    again = json.loads(calc.evaluate("localStorage.getItem('cec-guide:log')"))

    def fields(log: str | dict[str, Any]) -> list[dict[str, str]]:
        """The activities as entered: each one's id is the browser's own, made anew on import."""
        found = json.loads(log) if isinstance(log, str) else log
        return [{k: v for k, v in a.items() if k != "id"} for a in found["activities"]]

    assert fields(again) == fields(saved)
