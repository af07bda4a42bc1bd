"""Privacy, the content security policy, offline use, fallbacks, keyboard use and hostile
files, in Chromium against the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.conftest import BuiltSite
from tests.e2e.test_calculator import wait_until
from tests.e2e.test_site_pages import WCAG, search_finds_renewing, site_pages
from tests.hostile.cases import GOOD_JSON, HEADER, csv_row

READY_MS = 90_000
VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


def full_log() -> dict[str, object]:
    providers = ["acsm", "ace", "nasm", "nsca", "afaa", "neta", "other", "ncsf", "cooper", "ama"]
    activities = [
        {
            "date": f"2025-{1 + i % 12:02d}-{1 + i % 27:02d}",
            "title": f"Course {i}",
            "provider": providers[i % len(providers)],
            "organization": "City Gym" if providers[i % len(providers)] == "other" else "",
            "amount": str(1 + i % 4),
            "certificate": "yes" if i % 3 else "no",
        }
        for i in range(30)
    ]
    return {
        "format": "cec-guide-log",
        "version": 1,
        "profile": {
            "certifications": ["cpt", "ep"],
            "cycle_end": "2026-12-31",
            "cpr_expires": "2027-05-01",
        },
        "activities": activities,
    }


def ready(page: Page) -> None:
    expect(page.get_by_role("region", name="Where you stand")).to_have_attribute(
        "data-state", "ready", timeout=READY_MS
    )


def load_log(page: Page, log: dict[str, object]) -> None:
    page.get_by_label("Import").set_input_files(
        {"name": "log.json", "mimeType": "application/json", "buffer": json.dumps(log).encode()}
    )
    expect(page.locator("[data-import-problems]")).to_contain_text("Imported", timeout=READY_MS)
    ready(page)


def test_no_request_leaves_the_site(
    page: Page, context: BrowserContext, site_url: str, built_site: BuiltSite
) -> None:
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page.add_init_script(VIOLATIONS)
    for path in site_pages(built_site):
        page.goto(site_url.rstrip("/") + path)
        page.wait_for_load_state("load")
    page.goto(site_url + "calculator/")
    load_log(page, full_log())
    expect(page.locator("[data-activities] li")).to_have_count(30)
    page.get_by_role("button", name="Add to calendar").click()
    origin = urlsplit(site_url).netloc
    assert len(seen) > 40
    assert [
        u for u in seen if urlsplit(u).netloc != origin and not u.startswith(("data:", "blob:"))
    ] == []
    assert page.evaluate("window.__csp") == []


def test_an_injected_inline_script_does_not_run(page: Page, site_url: str) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto(site_url + "calculator/")
    page.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.injected = 1";
        document.body.append(s);
        const img = document.createElement("img");
        img.setAttribute("src", "x");
        img.setAttribute("onerror", "window.injected = 2");
        document.body.append(img);
    }""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.injected") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))


def test_calculator_works_under_the_policy(page: Page, site_url: str) -> None:
    page.add_init_script(VIOLATIONS)
    page.goto(site_url + "calculator/")
    load_log(page, full_log())
    assert page.evaluate("window.__csp") == []
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1


def test_everything_works_offline_after_the_first_visit(
    browser: Browser, browser_context_args: dict[str, object], site_url: str, built_site: BuiltSite
) -> None:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    page.goto(site_url + "calculator/")
    load_log(page, full_log())
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    # The Pyodide runtime is in the cache once the calculator has fetched it.
    wait_until(
        page,
        "caches.keys().then(async (keys) => { for (const k of keys) { const c = await caches.open(k);"
        " if (await c.match(new URL('../assets/pyodide/pyodide.asm.wasm', location.href)))"
        " return true; } return false; })",
        timeout_ms=30_000,
    )
    wait_until(page, "navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    for path in site_pages(built_site):
        response = page.goto(site_url.rstrip("/") + path)
        assert response is not None and response.ok, path
        expect(page.locator("h1").first).to_be_visible()
    # Search too: its worker and index come from the cache (and no language files it never loads).
    search_finds_renewing(page, site_url)
    page.goto(site_url + "calculator/")
    ready(page)
    expect(
        page.get_by_role("region", name="Where you stand").locator("[data-earned]")
    ).to_have_text("298 CECs")
    page.get_by_label("Date completed").fill("2025-03-01")
    page.get_by_label("Amount").fill("2")
    page.get_by_role("button", name="Add activity").click()
    expect(page.locator("[data-activities] li")).to_have_count(31)
    ready(page)
    context.close()


def test_a_new_build_replaces_the_cache(built_site: BuiltSite, tmp_path: Path) -> None:
    from scripts import offline

    copy = tmp_path / "site"
    import shutil

    shutil.copytree(built_site.path, copy)
    before = offline.version(copy)
    (copy / "faq" / "index.html").write_text(
        (copy / "faq" / "index.html").read_text() + "<!-- new build -->"
    )
    assert offline.write(copy) != before


def test_without_javascript_the_page_says_so(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "calculator/")
    note = page.locator(".cec-fallback").first
    expect(note).to_contain_text("The calculator needs JavaScript")
    expect(note.get_by_role("link", name="how many CECs you need")).to_be_visible()
    context.close()


def test_without_webassembly_the_page_says_so(page: Page, site_url: str) -> None:
    page.add_init_script("delete window.WebAssembly")
    page.goto(site_url + "calculator/")
    note = page.locator("[data-no-wasm]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("cannot run the calculator")
    expect(note.get_by_role("link", name="how credits convert")).to_be_visible()
    expect(page.get_by_role("region", name="Where you stand")).to_have_attribute(
        "data-state", "error"
    )


def axe_violations(page: Page) -> list[str]:
    found = Axe().run(page, options=WCAG).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_calculator_with_results_and_with_errors_passes_axe(
    page: Page, site_url: str, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "calculator/")
    load_log(page, full_log())
    assert axe_violations(page) == []
    page.get_by_label("Amount").fill("-1")
    page.get_by_role("button", name="Add activity").click()
    expect(page.get_by_label("Amount")).to_have_attribute("aria-invalid", "true")
    page.get_by_role("group", name="Certifications").get_by_label(
        "ACSM Certified Personal Trainer (ACSM-CPT)"
    ).uncheck()
    page.get_by_role("group", name="Certifications").get_by_label(
        "ACSM Certified Exercise Physiologist (ACSM-EP)"
    ).uncheck()
    expect(page.get_by_role("region", name="Where you stand")).to_have_attribute(
        "data-state", "error"
    )
    page.get_by_label("Import").set_input_files(
        {"name": "bad.csv", "mimeType": "text/csv", "buffer": b"date,provider,amount\nx,zzz,1\n"}
    )
    # A value the calculator does not know is asked about, not refused.
    expect(page.locator("[data-mapping]")).to_contain_text("Provider “zzz” (row 2)")
    assert axe_violations(page) == []
    # The step that matches a spreadsheet's own columns to fields, and the undo bar.
    page.get_by_label("Import").set_input_files(
        {"name": "mine.csv", "mimeType": "text/csv", "buffer": b"Fecha,Curso\n2025-01-01,x\n"}
    )
    expect(page.locator("[data-mapping]")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Remove ")).first.click()
    expect(page.locator("[data-removed]")).to_be_visible()
    assert axe_violations(page) == []


def tab_to(page: Page, test: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {test}; }})()"):
            return
    raise AssertionError(f"keyboard never reached: {test}")


def test_keyboard_only_adds_an_activity_and_reaches_the_results(page: Page, site_url: str) -> None:
    page.goto(site_url + "calculator/")
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    tab_to(page, "e.value === 'cpt'")
    page.keyboard.press("Space")
    tab_to(page, "e.id === 'cec-cycle-end'")
    page.keyboard.type("12312026")
    tab_to(page, "e.id === 'cec-date'")
    page.keyboard.type("03012025")
    tab_to(page, "e.id === 'cec-title'")
    page.keyboard.type("Typed without a mouse")
    tab_to(page, "e.id === 'cec-amount'")
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    ready(page)
    expect(
        page.get_by_role("region", name="Where you stand").locator("[data-earned]")
    ).to_have_text("3 CECs")
    tab_to(page, "e.getAttribute('aria-label') === 'Edit 2025-03-01 Typed without a mouse'")
    assert page.evaluate("document.activeElement.closest('[data-activities]') !== null")


HOSTILE_FILES = {
    "latin1.csv": (f"{HEADER}\n{csv_row(title='Café')}\n").encode("latin-1"),
    "utf16.csv": (f"{HEADER}\n{csv_row()}\n").encode("utf-16"),
    "big.csv": (HEADER + "\n" + (csv_row(title="x" * 90) + "\n") * 110_000).encode(),
    "rows.csv": (HEADER + "\n" + (csv_row() + "\n") * 100_000).encode(),
    "truncated.json": json.dumps(GOOD_JSON)[:60].encode(),
    "deep.json": ('{"activities": ' + "[" * 5000 + "]" * 5000 + "}").encode(),
    "nan.json": b'{"activities": [{"date": "2025-01-01", "provider": "acsm", "amount": NaN}]}',
    "script.csv": (f"{HEADER}\n{csv_row(provider='<script>alert(1)</script>')}\n").encode(),
    "columns.csv": b"date,provider,amount,colour\n2025-01-01,acsm,1,red\n",
    "empty.csv": b"",
}


def test_hostile_files_never_touch_the_saved_log(page: Page, site_url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # A file that reads correctly (UTF-16 with its byte-order mark does) asks before replacing
    # the log: the answer here is no.
    page.on("dialog", lambda dialog: dialog.dismiss())
    page.goto(site_url + "calculator/")
    load_log(page, full_log())
    saved = page.evaluate("localStorage.getItem('cec-guide:log')")
    problems = page.locator("[data-import-problems]")
    for name, data in HOSTILE_FILES.items():
        page.get_by_label("Import").set_input_files(
            {"name": name, "mimeType": "text/plain", "buffer": data}
        )
        expect(problems).to_contain_text(
            re.compile(rf"{re.escape(name)}.*(unchanged|Nothing was imported)"), timeout=60_000
        )
        now = json.loads(page.evaluate("localStorage.getItem('cec-guide:log')"))
        assert {k: v for k, v in now.items() if k != "saved"} == {
            k: v for k, v in json.loads(saved).items() if k != "saved"
        }, name
    expect(page.locator("[data-activities] li")).to_have_count(30)
    assert errors == []
