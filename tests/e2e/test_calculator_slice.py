"""One activity through the whole stack: form -> worker -> Pyodide -> calc -> results."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Request, expect

PYTHON_READY_MS = 60_000


def test_entered_activity_is_tallied_by_python_in_the_page(page: Page, site_url: str) -> None:
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.context.on("request", record)
    page.goto(site_url + "calculator/")
    results = page.get_by_role("region", name="Where you stand")

    # The form works before Python is ready, and the page says that Python is loading.
    expect(results).to_have_attribute("data-state", "loading")
    expect(results).to_contain_text("Loading")
    page.get_by_role("group", name="Certifications").get_by_label(
        "ACSM Certified Personal Trainer (ACSM-CPT)"
    ).check()
    page.get_by_label("Cycle end date").fill("2026-12-31")
    page.get_by_label("Date completed").fill("2025-03-01")
    page.get_by_label("Title", exact=True).fill("ACSM webinar <b>not bold</b>")
    page.get_by_label("Provider").select_option("acsm")
    page.get_by_label("Amount").fill("12.5")
    page.get_by_role("button", name="Add activity").click()

    expect(results).to_have_attribute("data-state", "ready", timeout=PYTHON_READY_MS)
    expect(results.locator("[data-earned]")).to_have_text("12.5 CECs")
    expect(results.locator("[data-required]")).to_have_text("45 CECs")
    expect(results.locator("[data-remaining]")).to_have_text("32.5 CECs")
    # User text is shown as text, never interpreted as HTML.
    expect(page.locator("[data-activities]")).to_contain_text("ACSM webinar <b>not bold</b>")
    assert results.locator("b").count() == 0

    # The worker's own fetches are seen too (the runtime came from this site), and nothing
    # went anywhere but the local origin.
    origin = urlsplit(site_url).netloc
    assert any(url.endswith("/assets/pyodide/pyodide.asm.wasm") for url in requests)
    assert any(url.endswith("/assets/calculator/calc.zip") for url in requests)
    elsewhere = [url for url in requests if urlsplit(url).netloc != origin]
    assert elsewhere == []
