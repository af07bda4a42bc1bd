"""A log the browser will not keep: storage full (every write refused with a quota error) or no
storage at all (private modes, blocked site data). The page says so at once, keeps the log for the
visit, counts it as usual, and lets it be exported: nothing typed is lost while the page is open."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_calculator import activity_cecs, add, open_calculator, results, set_profile

READY_MS = 90_000
# Every write to this site's storage refused, as a browser whose quota is used up refuses it.
FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""
# No storage: reading window.localStorage throws, as it does where site data is blocked.
NONE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
NOT_SAVED = (
    "Your browser did not let this page save your log (private browsing, or storage full): "
    "export it to keep a copy."
)
NO_STORAGE = "This browser does not let the page save your log: export it to keep a copy."


def storage_message(page: Page) -> str:
    notice = page.locator("[data-storage-problem]")
    expect(notice).to_be_visible()
    # Nothing unreadable was kept aside: there is no saved data to download.
    expect(notice.get_by_role("button", name="Download saved data")).to_be_hidden()
    return page.locator("[data-storage-message]").inner_text()


def two_activities_count_and_export(page: Page, tmp_path: Path) -> None:
    """Typed while nothing can be saved: both listed, both counted, both in the export."""
    set_profile(page)
    add(page, "2025-03-01", "2", title="First course")
    expect(page.locator("[data-activities] li.cec-activity")).to_have_count(1)
    assert storage_message(page) == NOT_SAVED
    add(page, "2025-04-01", "1.5", provider="ace", title="Second course")
    expect(page.locator("[data-activities] li.cec-activity")).to_have_count(2)
    expect(results(page).locator("[data-earned]")).to_have_text("17 CECs", timeout=READY_MS)
    assert activity_cecs(page) == ["15 CECs", "2 CECs"]
    assert storage_message(page) == NOT_SAVED
    with page.expect_download() as info:
        page.get_by_role("button", name="Export JSON").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["profile"]["cycle_end"] == "2026-12-31"
    assert [
        (a["date"], a["title"], a["provider"], a["amount"]) for a in exported["activities"]
    ] == [
        ("2025-03-01", "First course", "acsm", "2"),
        ("2025-04-01", "Second course", "ace", "1.5"),
    ]
    target = tmp_path / "log.csv"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export CSV").click()
    info.value.save_as(target)
    assert "First course" in target.read_text(encoding="utf-8-sig")


def test_a_full_storage_warns_keeps_and_counts_the_log_and_lets_it_be_exported(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    context = browser.new_context()
    context.add_init_script(FULL)
    try:
        page = open_calculator(context, site_url + "calculator/")
        # Nothing is said before there is something to lose.
        expect(page.locator("[data-storage-problem]")).to_be_hidden()
        two_activities_count_and_export(page, tmp_path)
        assert page.evaluate("localStorage.getItem('cec-guide:log')") is None
    finally:
        context.close()


def test_a_browser_without_storage_warns_at_once_and_the_log_still_counts_and_exports(
    browser: Browser, site_url: str, tmp_path: Path
) -> None:
    context = browser.new_context()
    context.add_init_script(NONE)
    try:
        page = open_calculator(context, site_url + "calculator/")
        assert storage_message(page) == NO_STORAGE
        two_activities_count_and_export(page, tmp_path)
    finally:
        context.close()
