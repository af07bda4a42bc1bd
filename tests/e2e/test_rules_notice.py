"""A visit that brings newer rules says what they did to this professional's numbers, once, until
dismissed; a change that concerns nobody here says nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from calc.rulefiles import bundle_json, load_dir
from tests.e2e.test_calculator import add, results, set_profile, wait_ready, wait_until

READY_MS = 90_000
KEY = "cec-guide:rules-seen"


def current_bundle() -> dict[str, Any]:
    return dict(
        json.loads(bundle_json(load_dir(str(Path(__file__).resolve().parents[2] / "rules"))))
    )


def older(change: str) -> str:
    """The rules as an earlier build had them: the real ones with one value bumped back."""
    bundle = current_bundle()
    if change == "cpr":
        # CPR courses counted only from 2026: a 2025 course counted nothing then.
        bundle["categories"]["cpr"]["in_force"]["entries"][0]["from"] = "2026-01-01"
        bundle["categories"]["cpr"]["cap_per_year"]["entries"][0]["from"] = "2026-01-01"
    elif change == "other certification":
        # Another certification's requirement: this professional holds only the ACSM-CPT.
        need = next(
            e for e in bundle["certifications"]["cep"]["required_cecs"]["entries"] if e["value"]
        )
        need["value"] = str(int(float(need["value"])) + 10)
    return json.dumps(bundle)


def open_with_seen_rules(context: BrowserContext, site_url: str, old: str) -> Page:
    page = context.new_page()
    page.goto(site_url + "calculator/")
    set_profile(page)
    wait_ready(page)
    add(page, "2025-03-01", "3", title="CPR and AED", category="cpr")
    # Listed before the next is typed: what is typed while Python checks an entry is kept, and
    # the category would still say CPR.
    expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
    add(page, "2025-04-01", "10", title="Workshop")
    expect(page.locator("[data-activities] li.cec-activity")).to_have_count(2)
    wait_ready(page)
    # What an earlier visit would have remembered: the older rules.
    page.evaluate(
        "([key, text]) => localStorage.setItem(key, JSON.stringify({hash: 'older', verified: "
        "'2025-06-01', text}))",
        [KEY, old],
    )
    page.reload()
    wait_ready(page)
    return page


def test_newer_rules_say_what_they_did_to_the_numbers_until_dismissed(
    context: BrowserContext, site_url: str
) -> None:
    page = open_with_seen_rules(context, site_url, older("cpr"))
    notice = page.get_by_role("region", name="Rules changed")
    expect(notice).to_be_visible(timeout=READY_MS)
    expect(notice.get_by_role("heading")).to_have_text("The rules changed since your last visit")
    # Before: 10 CECs (the CPR course counted nothing); now 13, as the results say.
    expect(results(page).locator("[data-earned]")).to_have_text("13 CECs")
    items = notice.locator("li")
    expect(items.first).to_have_text("Your CECs went from 10 to 13 (required: 45).")
    expect(notice).to_contain_text("CPR, AED and First Aid certification")
    expect(notice.get_by_role("link", name="Every change to the rules")).to_have_attribute(
        "href", site_url + "changes/"
    )
    # Shown again on the next visit until dismissed, then never for these rules.
    page.reload()
    expect(notice).to_be_visible(timeout=READY_MS)
    notice.get_by_role("button", name="Dismiss").click()
    expect(notice).to_be_hidden()
    kept = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert kept["hash"] != "older" and json.loads(kept["text"]) == current_bundle()
    page.reload()
    wait_ready(page)
    # Hidden once the visit's check is done, not merely a second after the results.
    expect(page.locator("[data-rules-notice]")).to_have_attribute("data-checked", "true")
    expect(notice).to_be_hidden()


def test_a_change_that_concerns_someone_else_says_nothing(
    context: BrowserContext, site_url: str
) -> None:
    page = open_with_seen_rules(context, site_url, older("other certification"))
    # The newer rules are remembered once Python found nothing to say; the notice is judged once
    # the whole check is done (a notice shown after the rules were remembered would be missed).
    wait_until(page, f"JSON.parse(localStorage.getItem('{KEY}')).hash !== 'older'")
    expect(page.locator("[data-rules-notice]")).to_have_attribute(
        "data-checked", "true", timeout=READY_MS
    )
    expect(page.get_by_role("region", name="Rules changed")).to_be_hidden()
