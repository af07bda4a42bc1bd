"""Private share links: the log travels in the link's fragment, compressed; titles only when
asked; opening one shows it read-only, marked as someone else's, and never replaces the
visitor's own log unless they say so."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

from playwright.sync_api import Browser, BrowserContext, expect

from tests.e2e.test_calculator import (
    add,
    open_calculator,
    results,
    saved,
    set_profile,
    wait_ready,
    wait_until,
)

READY_MS = 90_000


def carried(link: str) -> Any:
    """What a link carries, unpacked as any program could (raw deflate, base64url)."""
    packed = link.split("#share=", 1)[1]
    data = base64.urlsafe_b64decode(packed + "=" * (-len(packed) % 4))
    return json.loads(zlib.decompress(data, wbits=-15))


def make_link(browser: Browser, site_url: str, titles: bool) -> tuple[str, str, str]:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = open_calculator(context, site_url + "calculator/")
        set_profile(page)
        page.get_by_label("Your name").fill("Ana Lima")
        page.get_by_label("Your name").press("Tab")
        wait_ready(page)
        add(page, "2025-03-01", "1.5", provider="ace", title="Secret workshop title")
        add(page, "2025-04-01", "2", title="Another private title")
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(2)
        wait_ready(page)
        earned = results(page).locator("[data-earned]").inner_text()
        page.get_by_role("button", name="Share").click()
        field = page.get_by_label("Share link")
        expect(page.locator("[data-import-problems]")).to_contain_text("Share link copied.")
        if titles:
            untitled = field.input_value()
            page.get_by_label("Include titles").check()
            expect(field).not_to_have_value(untitled)
        link = field.input_value()
        # The copy follows the link into the clipboard (a moment after the field).
        for _ in range(50):
            if page.evaluate("navigator.clipboard.readText()") == link:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("navigator.clipboard.readText()") == link
        return link, earned, page.url
    finally:
        context.close()


def test_a_link_carries_the_log_without_titles_or_names_unless_asked(
    browser: Browser, site_url: str
) -> None:
    link, _, _ = make_link(browser, site_url, titles=False)
    assert link.startswith(site_url + "calculator/#share=")
    data = carried(link)
    assert data["titles"] is False
    assert data["profile"] == {
        "certifications": ["cpt"],
        "cycle_end": "2026-12-31",
        "cycle_start": "",
        "cpr_expires": "",
        "renewed_on": "",
    }
    text = json.dumps(data)
    assert "Secret" not in text and "private" not in text and "Ana" not in text
    assert [a[:3] for a in data["activities"]] == [
        ["2025-03-01", "ace", "1.5"],
        ["2025-04-01", "acsm", "2"],
    ]
    titled, _, _ = make_link(browser, site_url, titles=True)
    assert "Secret workshop title" in json.dumps(carried(titled))
    assert "Ana" not in json.dumps(carried(titled))


def test_opening_a_link_shows_it_read_only_and_keeps_the_visitors_own_log(
    browser: Browser, site_url: str
) -> None:
    link, earned, _ = make_link(browser, site_url, titles=False)
    visitor = browser.new_context()  # a fresh browser, with a log of its own
    try:
        page = open_calculator(visitor, site_url + "calculator/")
        set_profile(page)
        add(page, "2025-01-15", "4", title="My own course")
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
        wait_ready(page)
        own = saved(page)
        page.goto(link)
        banner = page.get_by_role("region", name="Shared log")
        expect(banner).to_contain_text(
            "You are looking at a log someone shared with you (2 activities, without titles). "
            "It is read-only and is not saved in this browser",
            timeout=READY_MS,
        )
        expect(results(page).locator("[data-earned]")).to_have_text(earned, timeout=READY_MS)
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(2)
        # Read-only: the forms cannot be used, and nothing is saved.
        assert page.locator(".cec-entry").evaluate("(e) => e.inert")
        expect(page.locator("[data-activities] .cec-row-buttons").first).to_be_hidden()
        assert saved(page) == own
        # Back to the visitor's own log, as it was.
        page.get_by_role("button", name="Back to my log").click()
        expect(banner).to_be_hidden()
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
        expect(results(page).locator("[data-earned]")).to_have_text("4 CECs", timeout=READY_MS)
        assert "#share=" not in page.url
        # Opened again and saved as their own, after saying yes.
        page.goto(link)
        expect(banner).to_be_visible(timeout=READY_MS)
        questions: list[str] = []

        def answer(dialog: Any) -> None:
            questions.append(dialog.message)
            dialog.accept()

        page.once("dialog", answer)
        page.get_by_role("button", name="Save as my log").click()
        expect(banner).to_be_hidden()
        assert questions == [
            "Replace your own log (1 activity) with this shared one? Back up everything first "
            "to keep a copy of yours."
        ]
        expect(page.locator("[data-announce]")).to_have_text("Saved the shared log as your own.")
        wait_until(
            page, "JSON.parse(localStorage.getItem('cec-guide:log')).activities.length === 2"
        )
        assert [a["date"] for a in saved(page)["activities"]] == ["2025-03-01", "2025-04-01"]
        assert saved(page)["activities"][0]["title"] == ""
    finally:
        visitor.close()


def test_a_damaged_or_tampered_link_says_so_and_changes_nothing(
    context: BrowserContext, site_url: str
) -> None:
    page = open_calculator(context, site_url + "calculator/")
    set_profile(page)
    add(page, "2025-01-15", "4", title="Mine")
    expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
    own = saved(page)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate, as the page writes
    bomb = base64.urlsafe_b64encode(
        squeeze.compress(b" " * (5 * 1024 * 1024)) + squeeze.flush()
    ).decode()
    for fragment, said in [
        ("#share=AAAA", "it is cut short or changed: it cannot be unpacked"),
        ("#share=<script>", "it holds characters a share link never has"),
        ("#share=" + bomb.rstrip("="), "it unpacks far larger than any log"),
    ]:
        page.goto(site_url + "calculator/" + fragment)
        banner = page.get_by_role("region", name="Shared log")
        expect(banner).to_contain_text(
            f"This share link cannot be opened: {said}", timeout=READY_MS
        )
        expect(page.get_by_role("button", name="Save as my log")).to_be_hidden()
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
        assert saved(page)["activities"] == own["activities"]
