"""Private share links: the log travels in the link's fragment, compressed; titles only when
asked; opening one shows it read-only, marked as someone else's, and never replaces the
visitor's own log unless they say so."""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.test_calculator import (
    activity_cecs,
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


# A log whose every carried field is set to something other than its default: another
# organization on the decimal system, an activity outside the scope, college coursework, committee
# service with its period, two look-alike webinars told apart, a CPR course; certificates and
# ACSM's tool answered. Each field changes the numbers, a row or the checklist.
EVERY_FIELD = {
    "format": "cec-guide-log",
    "version": 2,
    "profile": {
        "certifications": ["cpt", "ep"],
        "cycle_end": "2026-12-31",
        "cycle_start": "2024-01-01",
        "cpr_expires": "2027-03-01",
        "renewed_on": "2026-11-15",
    },
    "activities": [
        {
            "date": "2025-02-01",
            "title": "Gym workshop",
            "provider": "other",
            "organization": "City Gym",
            "amount": "1.5",
            "unit": "ceu",
            "decimal_system": "yes",
            "certificate": "yes",
            "reported": "yes",
        },
        {
            "date": "2025-03-01",
            "title": "Outside my scope",
            "provider": "ace",
            "amount": "1",
            "in_scope": "no",
            "certificate": "yes",
        },
        {
            "date": "2025-04-01",
            "title": "Kinesiology",
            "provider": "other",
            "organization": "State University",
            "amount": "1",
            "unit": "college_credit_hour",
            "category": "college",
            "reported": "no",
        },
        {
            "date": "2025-06-30",
            "title": "Committee",
            "provider": "acsm",
            "amount": "8",
            "category": "committee",
            "service_from": "2025-01-01",
            "service_to": "2025-06-30",
        },
        {
            "date": "2025-05-01",
            "title": "Webinar",
            "provider": "acsm",
            "amount": "2",
            "certificate": "yes",
        },
        {
            "date": "2025-05-01",
            "title": "Webinar",
            "provider": "acsm",
            "amount": "2",
            "separate": "yes",
        },
        {
            "date": "2025-07-01",
            "title": "CPR",
            "provider": "other",
            "organization": "Red Cross",
            "amount": "4",
            "unit": "hour",
            "category": "cpr",
        },
    ],
}
# What a version 4 link carries of each activity, in order; then its title and organization's
# name (with titles).
LINK_FIELDS = (
    "date",
    "provider",
    "amount",
    "unit",
    "category",
    "in_scope",
    "decimal_system",
    "separate",
    "service_from",
    "service_to",
    "certificate",
    "reported",
)
EMPTY_ACTIVITY = {
    **dict.fromkeys((*LINK_FIELDS, "title", "organization"), ""),
    "in_scope": "yes",
    "certificate": "no",
}
SHOWN = """(root) => ({
  rows: [...root.querySelectorAll("[data-activities] li.cec-activity")].map((row) =>
    [...row.querySelectorAll(".cec-activity-head, .cec-explanation, .cec-row-warning, .cec-activity-meta")]
      .map((part) => part.textContent)),
  checklist: [...root.querySelectorAll("[data-checklist] > li")].map((item) => item.textContent),
  verdict: [...root.querySelectorAll("[data-status], [data-verdict-steps] li, [data-warnings] li")]
    .map((item) => item.textContent),
  totals: [...root.querySelectorAll("[data-earned], [data-required]")].map((item) => item.textContent),
})"""


def shown(page: Page) -> Any:
    """What the page shows of a log: each row (what, CECs, explanation, warnings, rules and
    badges), the checklist, the verdict and the totals."""
    return page.locator("[data-calculator]").evaluate(SHOWN)


def test_a_link_gives_the_recipient_every_row_cec_and_to_do_of_the_senders_log(
    browser: Browser, site_url: str
) -> None:
    sender = browser.new_context()
    sender.grant_permissions(["clipboard-read", "clipboard-write"])
    recipient = browser.new_context()
    try:
        page = open_calculator(sender, site_url + "calculator/")
        page.on("dialog", lambda dialog: dialog.accept())
        page.get_by_label("Import").set_input_files(
            {
                "name": "log.json",
                "mimeType": "application/json",
                "buffer": json.dumps(EVERY_FIELD).encode(),
            }
        )
        expect(page.locator("[data-import-problems]")).to_contain_text(
            "Imported 7 activities", timeout=READY_MS
        )
        expect(page.locator("[data-activities] li.cec-activity")).to_have_count(7)
        wait_ready(page)
        theirs = shown(page)
        # The log counts what each field says: the decimal system's 15, nothing outside the
        # scope, college credit, committee service for its half year, both webinars, the CPR
        # course's hours.
        assert activity_cecs(page) == [
            "4 CECs",
            "3.96 CECs",
            "2 CECs",
            "2 CECs",
            "10 CECs",
            "0 CECs",
            "15 CECs",
        ]
        page.get_by_role("button", name="Share").click()
        field = page.get_by_label("Share link")
        expect(page.locator("[data-import-problems]")).to_contain_text("Share link copied.")
        untitled = field.input_value()
        page.get_by_label("Include titles").check()
        expect(field).not_to_have_value(untitled)
        link = field.input_value()
        # Every field travels as the sender's log has it, certificates and ACSM's tool included
        # (the checklist's to-dos follow them); with titles, the names too.
        data = carried(link)
        assert data["v"] == 4 and data["titles"] is True
        assert data["profile"] == EVERY_FIELD["profile"]
        assert [
            dict(zip((*LINK_FIELDS, "title", "organization"), row, strict=True))
            for row in data["activities"]
        ] == [{**EMPTY_ACTIVITY, **a} for a in EVERY_FIELD["activities"]]

        # The recipient sees what the sender sees: each row, its CECs, the checklist.
        view = open_calculator(recipient, link)
        expect(view.get_by_role("region", name="Shared log")).to_contain_text(
            "(7 activities)", timeout=READY_MS
        )
        expect(view.locator("[data-activities] li.cec-activity")).to_have_count(7)
        expect(results(view).locator("[data-earned]")).to_have_text(
            theirs["totals"][0], timeout=READY_MS
        )
        wait_ready(view)
        assert shown(view) == theirs
        # Without titles, only the titles and names are missing.
        view.goto(untitled)
        expect(view.get_by_role("region", name="Shared log")).to_contain_text(
            "(7 activities, without titles)", timeout=READY_MS
        )
        wait_ready(view)
        expect(results(view).locator("[data-earned]")).to_have_text(theirs["totals"][0])
        anonymous = shown(view)
        assert {k: v for k, v in anonymous.items() if k != "rows"} == {
            k: v for k, v in theirs.items() if k != "rows"
        }
        assert activity_cecs(view) == activity_cecs(page)
        heads = [row[0] for row in anonymous["rows"]]
        assert all("(untitled)" in head for head in heads)
        assert sum("(name not shared)" in head for head in heads) == 3
        assert [row[1:] for row in anonymous["rows"]] == [row[1:] for row in theirs["rows"]]
    finally:
        sender.close()
        recipient.close()
