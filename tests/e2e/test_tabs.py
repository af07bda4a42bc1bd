"""Two or more tabs on the calculator: each change is made to the log as saved at that moment,
activity by activity, so no tab ever overwrites another's work; each tab shows the others'
changes as they happen; an activity changed in two tabs ends with one version, said aloud."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.test_calculator import add, open_calculator, saved, set_profile, wait_ready

READY_MS = 90_000


def titles(page: Page) -> list[str]:
    """The activities listed, by the titles their Edit buttons name."""
    labels = page.locator("[data-activities] li.cec-activity button").evaluate_all(
        "(buttons) => buttons.map((b) => b.getAttribute('aria-label'))"
    )
    return sorted(label.split(" ", 2)[2] for label in labels if label.startswith("Edit "))


def test_adding_in_two_tabs_in_turn_keeps_both(context: BrowserContext, site_url: str) -> None:
    first = open_calculator(context, site_url + "calculator/")
    # Open before anything is added in the first.
    second = open_calculator(context, site_url + "calculator/")
    set_profile(first)
    wait_ready(first)
    add(first, "2025-03-01", "2", title="Added in the first tab")
    expect(first.locator("[data-announce]")).to_contain_text("Added: 2 CECs")
    # The second tab shows it without a reload, and says why its page changed.
    expect(second.locator("[data-activities] li")).to_have_count(1, timeout=READY_MS)
    expect(second.get_by_label("Cycle end date")).to_have_value("2026-12-31")
    expect(second.locator("[data-announce]")).to_have_text(
        "Your log was changed in another tab: this page now shows it."
    )
    add(second, "2025-04-01", "3", title="Added in the second tab")
    expect(second.locator("[data-announce]")).to_contain_text("Added: 3 CECs. Now 5 of 45 CECs.")
    third = open_calculator(context, site_url + "calculator/")
    wait_ready(third)
    assert titles(third) == ["Added in the first tab", "Added in the second tab"]
    expect(third.locator("[data-earned]")).to_have_text("5 CECs")
    # Every saved activity has an id of its own, and the first tab now shows both too.
    ids = [a["id"] for a in saved(third)["activities"]]
    assert len(set(ids)) == 2 and all(ids)
    expect(first.locator("[data-activities] li")).to_have_count(2, timeout=READY_MS)


def test_a_tab_that_missed_the_news_still_adds_to_the_saved_log(
    context: BrowserContext, site_url: str
) -> None:
    page = open_calculator(context, site_url + "calculator/")
    set_profile(page)
    wait_ready(page)
    add(page, "2025-03-01", "2", title="Kept")
    expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
    wait_ready(page)
    # Another tab's save that this tab is never told of (a tab never hears of its own writes, so
    # the write is made from here): its next change must start from what is saved, not from its
    # own older copy.
    page.evaluate(
        """() => {
          const log = JSON.parse(localStorage.getItem('cec-guide:log'));
          log.activities.push({...log.activities[0], id: 'from-elsewhere', date: '2025-04-01',
                               title: 'Added while this tab slept', amount: '4'});
          localStorage.setItem('cec-guide:log', JSON.stringify(log));
        }"""
    )
    expect(page.locator("[data-activities] li")).to_have_count(1)
    add(page, "2025-05-01", "1", title="Added by the sleeper")
    expect(page.locator("[data-announce]")).to_contain_text("Now 7 of 45 CECs.")
    assert [a["title"] for a in saved(page)["activities"]] == [
        "Kept",
        "Added while this tab slept",
        "Added by the sleeper",
    ]
    expect(page.locator("[data-activities] li")).to_have_count(3)


def test_one_activity_edited_in_two_tabs_ends_with_one_version_said_aloud(
    context: BrowserContext, site_url: str
) -> None:
    first = open_calculator(context, site_url + "calculator/")
    set_profile(first)
    wait_ready(first)
    add(first, "2025-03-01", "2", title="Workshop")
    expect(first.locator("[data-activities] li.cec-activity")).to_have_count(1)
    wait_ready(first)
    second = open_calculator(context, site_url + "calculator/")
    wait_ready(second)
    second.get_by_role("button", name="Edit 2025-03-01 Workshop").click()
    second.get_by_label("Title", exact=True).fill("Workshop (second tab)")
    # Meanwhile the first tab changes the same activity.
    first.get_by_role("button", name="Edit 2025-03-01 Workshop").click()
    first.get_by_label("Amount").fill("5")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator("[data-announce]")).to_have_text("Saved: 5 CECs. Now 5 of 45 CECs.")
    # The second tab is told while it edits, and what it typed is kept.
    expect(second.locator("[data-announce]")).to_have_text(
        "This activity was changed in another tab (2025-03-01, Workshop, amount 5). "
        "Saving your changes replaces that version."
    )
    expect(second.get_by_label("Title", exact=True)).to_have_value("Workshop (second tab)")
    second.get_by_role("button", name="Save changes").click()
    expect(second.locator("[data-announce]")).to_have_text(
        "Saved: 2 CECs. Now 2 of 45 CECs. Another tab had changed it too; your version "
        "replaced that one (2025-03-01, Workshop, amount 5)."
    )
    # One activity, the second tab's version, everywhere: never two copies counted twice.
    third = open_calculator(context, site_url + "calculator/")
    wait_ready(third)
    assert titles(third) == ["Workshop (second tab)"]
    expect(third.locator("[data-earned]")).to_have_text("2 CECs")
    expect(first.locator("[data-activities] li")).to_have_count(1)
    expect(first.locator("[data-activities]")).to_contain_text(
        "Workshop (second tab)", timeout=READY_MS
    )


def test_an_activity_removed_in_one_tab_while_edited_in_another_comes_back_when_saved(
    context: BrowserContext, site_url: str
) -> None:
    first = open_calculator(context, site_url + "calculator/")
    set_profile(first)
    wait_ready(first)
    add(first, "2025-03-01", "2", title="Workshop")
    add(first, "2025-04-01", "1", title="Webinar")
    expect(first.locator("[data-activities] li.cec-activity")).to_have_count(2)
    wait_ready(first)
    second = open_calculator(context, site_url + "calculator/")
    wait_ready(second)
    second.get_by_role("button", name="Edit 2025-03-01 Workshop").click()
    first.get_by_role("button", name="Remove 2025-03-01 Workshop").click()
    expect(second.locator("[data-announce]")).to_have_text(
        "This activity was removed in another tab. Saving your changes adds it back."
    )
    second.get_by_label("Amount").fill("3")
    second.get_by_role("button", name="Save changes").click()
    expect(second.locator("[data-announce]")).to_contain_text(
        "Saved: 3 CECs. Now 4 of 45 CECs. It had been removed in another tab: it is back, "
        "with your changes."
    )
    third = open_calculator(context, site_url + "calculator/")
    wait_ready(third)
    assert titles(third) == ["Webinar", "Workshop"]
    # The first tab's undo, still offered, does not bring back a second copy.
    first.get_by_role("button", name="Undo").click()
    expect(first.locator("[data-activities] li.cec-activity")).to_have_count(2, timeout=READY_MS)
    assert len(saved(first)["activities"]) == 2


def test_a_certificate_file_kept_in_one_tab_shows_in_the_other(
    context: BrowserContext, site_url: str
) -> None:
    first = open_calculator(context, site_url + "calculator/")
    set_profile(first)
    wait_ready(first)
    add(first, "2025-03-01", "2", title="Workshop")
    expect(first.locator("[data-activities] li.cec-activity")).to_have_count(1)
    wait_ready(first)
    second = open_calculator(context, site_url + "calculator/")
    wait_ready(second)
    first.get_by_role("button", name="Edit 2025-03-01 Workshop").click()
    first.get_by_label("Certificate file", exact=True).set_input_files(
        {"name": "workshop.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}
    )
    first.get_by_role("button", name="Save changes").click()
    expect(second.locator("[data-activities]")).to_contain_text(
        "Certificate: workshop.pdf", timeout=READY_MS
    )
    # Removed in the second, gone from the first.
    second.once("dialog", lambda dialog: dialog.accept())
    second.get_by_role("button", name="Remove the file workshop.pdf").click()
    expect(first.locator("[data-activities] .cec-files")).to_have_count(0, timeout=READY_MS)
