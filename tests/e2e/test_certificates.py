"""Certificate files kept in the browser with their activities, the audit packet as one zip, and
backups of everything restored byte for byte in another browser profile; every refused file is
named, and nothing kept before is lost."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.test_calculator import (
    add,
    open_calculator,
    saved,
    set_profile,
    wait_ready,
    wait_until,
)

READY_MS = 90_000
PDF = b"%PDF-1.4\n% a certificate of completion\n" + bytes(range(256)) * 40
JPEG = b"\xff\xd8\xff\xe0" + b"photo of a CPR card" * 50


@pytest.fixture
def calc(context: BrowserContext, site_url: str) -> Page:
    page = open_calculator(context, site_url + "calculator/")
    set_profile(page)
    wait_ready(page)
    return page


def choose_files(page: Page, *files: tuple[str, str, bytes]) -> None:
    page.get_by_label("Certificate file", exact=True).set_input_files(
        [{"name": name, "mimeType": kind, "buffer": data} for name, kind, data in files]
    )


def files_message(page: Page) -> Any:
    return page.locator("[data-files-message]")


def download(page: Page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    return Path(info.value.path()).read_bytes()


def test_a_file_chosen_in_the_form_is_kept_with_its_activity_and_ticks_the_certificate(
    calc: Page,
) -> None:
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("CPR and AED")
    calc.get_by_label("Amount").fill("2")
    choose_files(calc, ("cpr card.pdf", "application/pdf", PDF))
    expect(calc.get_by_label("I have the certificate")).to_be_checked()
    calc.get_by_role("button", name="Add activity").click()
    expect(files_message(calc)).to_contain_text("Kept cpr card.pdf with the activity.")
    row = calc.locator("[data-activities] li.cec-activity")
    expect(row).to_contain_text(re.compile(r"Certificate: cpr card\.pdf \(\d+ KB\)"))
    assert saved(calc)["activities"][0]["certificate"] == "yes"
    # Kept across a reload, and the bytes come back as they went in.
    calc.reload()
    wait_ready(calc)
    expect(row).to_contain_text("Certificate: cpr card.pdf")
    assert download(calc, "Download cpr card.pdf") == PDF
    # Editing says what is kept, and adding another file keeps both.
    calc.get_by_role("button", name="Edit 2025-03-01 CPR and AED").click()
    expect(calc.locator("[data-kept-files]")).to_have_text(
        "Kept with this activity: cpr card.pdf. Files chosen here are added to them."
    )
    choose_files(calc, ("card-back.jpg", "image/jpeg", JPEG))
    calc.get_by_role("button", name="Save changes").click()
    expect(row.locator(".cec-files li")).to_have_count(2)


def test_a_file_dropped_on_an_activity_is_kept_with_it(calc: Page) -> None:
    add(calc, "2025-03-01", "2", title="Workshop")
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1)
    wait_ready(calc)
    assert saved(calc)["activities"][0]["certificate"] == "no"
    calc.locator("[data-activities] li.cec-activity").first.evaluate(
        """(row, bytes) => {
          const data = new DataTransfer();
          data.items.add(new File([new Uint8Array(bytes)], "workshop.pdf", {type: "application/pdf"}));
          row.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
          row.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }""",
        list(PDF),
    )
    expect(files_message(calc)).to_contain_text("Kept workshop.pdf with the activity.")
    expect(calc.locator("[data-activities]")).to_contain_text("Certificate: workshop.pdf")
    wait_until(
        calc,
        "JSON.parse(localStorage.getItem('cec-guide:log')).activities[0].certificate === 'yes'",
    )


@pytest.mark.parametrize(
    ("name", "kind", "data", "message"),
    [
        ("empty.pdf", "application/pdf", b"", "empty.pdf is empty (0 bytes)"),
        ("huge.pdf", "application/pdf", b"%PDF" + b"x" * (21 * 1024 * 1024), "huge.pdf is 21.0 MB"),
        ("setup.exe", "application/x-msdownload", b"MZ...", "setup.exe is not a PDF or a photo"),
        ("../../etc/<script>x.pdf", "application/pdf", b"", "x.pdf is empty"),
    ],
)
def test_a_refused_file_is_named_and_nothing_kept_before_is_lost(
    calc: Page, name: str, kind: str, data: bytes, message: str
) -> None:
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Amount").fill("2")
    choose_files(calc, ("first.pdf", "application/pdf", PDF))
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities]")).to_contain_text("Certificate: first.pdf")
    calc.get_by_label("Date completed").fill("2025-04-01")
    calc.get_by_label("Amount").fill("1")
    choose_files(calc, (name, kind, data))
    calc.get_by_role("button", name="Add activity").click()
    error = calc.locator("#cec-err-certificate_files")
    expect(error).to_contain_text(message)
    expect(calc.get_by_label("Certificate file", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    # Nothing was added, what was typed is still there, and the first file is still kept.
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1)
    expect(calc.get_by_label("Date completed")).to_have_value("2025-04-01")
    assert download(calc, "Download first.pdf") == PDF


def test_the_audit_packet_is_one_zip_with_the_summary_the_files_and_the_log(calc: Page) -> None:
    calc.get_by_label("Your name").fill("Ana Lima")
    calc.get_by_label("ACSM certification number").fill("123456")
    calc.get_by_label("ACSM certification number").press("Tab")
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("Strength & conditioning")
    calc.get_by_label("Provider").select_option("ace")
    calc.get_by_label("Amount").fill("1.5")
    choose_files(calc, ("certificate.pdf", "application/pdf", PDF))
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities]")).to_contain_text("Certificate: certificate.pdf")
    add(calc, "2025-04-01", "2", title="No file yet")
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(2)
    wait_ready(calc)
    with calc.expect_download() as info:
        calc.get_by_role("button", name="Download audit packet").click()
    assert re.fullmatch(r"acsm-audit-packet-\d{4}-\d{2}-\d{2}\.zip", info.value.suggested_filename)
    with zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())) as z:
        names = z.namelist()
        certificate = next(n for n in names if n.endswith(".pdf"))
        assert re.fullmatch(r"01-2025-03-01-strength-conditioning\.pdf", certificate)
        assert z.read(certificate) == PDF
        summary = next(n for n in names if n.endswith(".html"))
        html = z.read(summary).decode("utf-8")
        csv = z.read(next(n for n in names if n.endswith(".csv"))).decode("utf-8-sig")
    assert "Ana Lima" in html and "123456" in html and certificate in html
    assert "Strength &amp; conditioning" in html and "<script" not in html
    assert "No file yet" in html and "Strength & conditioning" in csv
    expect(calc.locator("[data-import-problems]")).to_contain_text("Downloaded acsm-audit-packet-")


def test_a_backup_restores_everything_in_another_browser_profile(
    calc: Page, browser: Browser, site_url: str
) -> None:
    calc.get_by_label("Your name").fill("Ana Lima")
    calc.get_by_label("Your name").press("Tab")
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Title", exact=True).fill("CPR")
    calc.get_by_label("Amount").fill("2")
    choose_files(calc, ("cpr.pdf", "application/pdf", PDF), ("card.jpg", "image/jpeg", JPEG))
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities] .cec-files li")).to_have_count(2)
    add(calc, "2025-05-01", "3", title="Webinar")
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(2)
    wait_ready(calc)
    before = saved(calc)
    backup = download(calc, "Back up everything")
    with zipfile.ZipFile(io.BytesIO(backup)) as z:
        assert {"log.json", "files.json", "README.txt"} <= set(z.namelist())
    other = browser.new_context()  # another profile: nothing of the first
    try:
        page = open_calculator(other, site_url + "calculator/")
        page.get_by_label("Import").set_input_files(
            {"name": "backup.zip", "mimeType": "application/zip", "buffer": backup}
        )
        expect(page.locator("[data-import-problems]")).to_contain_text(
            "Restored 2 activities and 2 certificate files from backup.zip.", timeout=READY_MS
        )
        wait_ready(page)
        after = saved(page)
        assert after["profile"] == before["profile"]
        assert after["activities"] == before["activities"]  # ids and all
        expect(page.get_by_label("Your name")).to_have_value("Ana Lima")
        assert download(page, "Download cpr.pdf") == PDF
        assert download(page, "Download card.jpg") == JPEG
    finally:
        other.close()


def hostile_backup(members: dict[str, bytes], listed: list[dict[str, str]]) -> bytes:
    log = {
        "format": "cec-guide-log",
        "version": 1,
        "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": [{"id": "a1", "date": "2025-03-01", "provider": "acsm", "amount": "2"}],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("log.json", json.dumps(log))
        z.writestr("files.json", json.dumps(listed))
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def entry(path: str, name: str) -> dict[str, str]:
    return {"activity": "a1", "name": name, "type": "application/pdf", "path": path}


def test_a_hostile_backup_gets_a_message_per_file_and_a_refused_one_changes_nothing(
    calc: Page,
) -> None:
    calc.once("dialog", lambda dialog: dialog.accept())
    add(calc, "2025-02-01", "1", title="Mine")
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(1)
    wait_ready(calc)
    mine = saved(calc)
    # Not a backup at all: refused whole, and the log is as it was.
    calc.get_by_label("Import").set_input_files(
        {"name": "fake.zip", "mimeType": "application/zip", "buffer": b"PK\x03\x04 not really"}
    )
    problems = calc.locator("[data-import-problems]")
    expect(problems).to_contain_text(
        "fake.zip is not a zip file CEC Guide can read", timeout=READY_MS
    )
    expect(problems).to_contain_text("Nothing was imported; your log and files are unchanged.")
    assert saved(calc) == mine
    # A backup with a path-traversal name, a missing file, an extra file and a zip bomb: the good
    # file is restored, and each other one is named.
    data = hostile_backup(
        {
            "certificates/1-good.pdf": PDF,
            "../evil.pdf": PDF,
            "extra.exe": b"MZ",
            "certificates/3-bomb.pdf": b"\0" * (30 * 1024 * 1024),
        },
        [
            entry("certificates/1-good.pdf", "good.pdf"),
            entry("../evil.pdf", "evil.pdf"),
            entry("certificates/2-gone.pdf", "gone.pdf"),
            entry("certificates/3-bomb.pdf", "bomb.pdf"),
        ],
    )
    calc.once("dialog", lambda dialog: dialog.accept())
    calc.get_by_label("Import").set_input_files(
        {"name": "odd.zip", "mimeType": "application/zip", "buffer": data}
    )
    expect(problems).to_contain_text(
        "Restored 1 activity and 1 certificate file from odd.zip.", timeout=READY_MS
    )
    for said in (
        "'../evil.pdf' was left out: its name points outside the backup.",
        "extra.exe was left out",
        "gone.pdf was not restored: the backup lists it",
        "bomb.pdf was not restored: it unpacks larger than 20 MB",
    ):
        expect(problems).to_contain_text(said)
    expect(calc.locator("[data-activities]")).to_contain_text("Certificate: good.pdf")


def test_storage_unavailable_warns_and_the_page_still_counts(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'indexedDB', {get() { throw new DOMException('no', 'SecurityError'); }})"
    )
    try:
        page = open_calculator(context, site_url + "calculator/")
        expect(files_message(page)).to_have_text(
            "This browser does not let the page keep certificate files (private browsing can do "
            "this): keep them elsewhere. Everything else works."
        )
        expect(page.get_by_label("Certificate file", exact=True)).to_be_disabled()
        set_profile(page)
        add(page, "2025-03-01", "2", title="Still counts")
        expect(page.locator("[data-earned]")).to_have_text("2 CECs", timeout=READY_MS)
    finally:
        context.close()


def test_storage_full_names_the_file_and_keeps_what_was_kept(calc: Page) -> None:
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Amount").fill("2")
    choose_files(calc, ("first.pdf", "application/pdf", PDF))
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities]")).to_contain_text("Certificate: first.pdf")
    # The disk fills up: the next file the browser is asked to keep is refused.
    calc.evaluate(
        """() => {
          IDBObjectStore.prototype.add = function () {
            throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
          };
        }"""
    )
    calc.get_by_label("Date completed").fill("2025-04-01")
    calc.get_by_label("Amount").fill("1")
    choose_files(calc, ("second.pdf", "application/pdf", PDF))
    calc.get_by_role("button", name="Add activity").click()
    expect(files_message(calc)).to_contain_text(
        "second.pdf was not kept: this browser's storage for the site is full."
    )
    expect(calc.locator("[data-activities] li.cec-activity")).to_have_count(2)
    expect(calc.locator("[data-activities] .cec-files li")).to_have_count(1)
    assert download(calc, "Download first.pdf") == PDF


def test_a_200_mb_file_and_a_file_named_like_a_script_dropped_on_an_activity_are_refused_by_name(
    calc: Page,
) -> None:
    calc.get_by_label("Date completed").fill("2025-03-01")
    calc.get_by_label("Amount").fill("2")
    choose_files(calc, ("kept.pdf", "application/pdf", PDF))
    calc.get_by_role("button", name="Add activity").click()
    expect(calc.locator("[data-activities]")).to_contain_text("Certificate: kept.pdf")
    # Made in the page: 200 MB need not cross from the test to the browser.
    calc.locator("[data-activities] li.cec-activity").first.evaluate(
        """(row) => {
          const data = new DataTransfer();
          data.items.add(new File([new ArrayBuffer(200 * 1024 * 1024)], "scan.pdf", {type: "application/pdf"}));
          data.items.add(new File(["alert(1)"], "<img src=x onerror=alert(1)>.js", {type: "text/javascript"}));
          row.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }"""
    )
    message = files_message(calc)
    expect(message).to_contain_text("scan.pdf is 200.0 MB: the limit is 20.0 MB a file.")
    expect(message).to_contain_text(
        "<img src=x onerror=alert(1)>.js is not a PDF or a photo (JPEG, PNG, WebP or HEIC)"
    )
    # Shown as text, never as markup; nothing kept before is lost.
    assert calc.locator("[data-files-message] img").count() == 0
    expect(calc.locator("[data-activities] .cec-files li")).to_have_count(1)
    assert download(calc, "Download kept.pdf") == PDF
