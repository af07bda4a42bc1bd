"""The calculator's main journeys, each written once and walked in Chromium, Firefox and WebKit
(Safari's engine). What a trainer does, and what they must then see, in words a reader can check:
the numbers are the scenario files' and ACSM's (an ACE CEC is 10 ACSM CECs; a CPT needs 45)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import icalendar
import pytest

from calc.cli import main
from calc.logfiles import CECS_LABEL, LABELS
from calc.text import long_dates
from scripts import static_server
from tests.conftest import BuiltSite
from tests.e2e.engines.drivers import (
    Engine,
    Tab,
    capture_downloads,
    downloads,
    set_date,
    wait,
)
from tests.scenarios.load import load_scenarios, log_activities

CASES = [c for c in load_scenarios() if "problems" not in c and "error" not in c]
MARKS = {"done": "done", "todo": "to do", "info": "note", "warning": "warning"}


def log_of(case: dict[str, Any]) -> dict[str, Any]:
    profile = {k: v for k, v in case["profile"].items() if k != "as_of"}
    activities = log_activities(case)
    return {"format": "cec-guide-log", "version": 1, "profile": profile, "activities": activities}


def cli(path: Path, as_of: str) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["tally", str(path), "--as-of", as_of, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(out.getvalue(), parse_float=Decimal)
    return data


# A PDF as small as a certificate's scan is not: a few bytes that say what they are.
CERTIFICATE = b"%PDF-1.4\n% ACE workshop certificate\n%%EOF\n"


def q(text: str) -> str:
    return json.dumps(text)


class Calculator:
    """The calculator page in one tab, read and driven as a trainer would."""

    def __init__(self, tab: Tab, url: str) -> None:
        self.tab = tab
        self.url = url + "calculator/"

    def open(self, url: str | None = None) -> Calculator:
        self.tab.goto(url or self.url)
        return self.bound()

    def bound(self) -> Calculator:
        wait(self.tab, "document.querySelector('[data-calculator]')?.dataset.bound === 'true'")
        capture_downloads(self.tab)
        return self

    def reload(self) -> Calculator:
        self.tab.reload()
        return self.bound()

    def text(self, css: str) -> str:
        value: str = self.tab.js(f"document.querySelector({q(css)})?.textContent.trim() ?? ''")
        return value

    def state(self) -> str:
        value: str = self.tab.js("document.querySelector('[data-results]').dataset.state")
        return value

    def wait_text(self, css: str, want: str) -> None:
        wait(self.tab, f"document.querySelector({q(css)})?.textContent.trim() === {q(want)}")

    def wait_ready(self, earned: str | None = None) -> None:
        try:
            wait(self.tab, "document.querySelector('[data-results]').dataset.state === 'ready'")
            if earned is not None:
                self.wait_text("[data-results] [data-earned]", earned)
        except AssertionError as failed:
            seen = self.tab.js(
                "[document.querySelector('[data-results]').dataset.state,"
                " document.querySelector('[data-results] [data-earned]')?.textContent,"
                " document.querySelector('[data-status]')?.textContent,"
                " document.querySelector('[data-import-problems]')?.textContent]"
            )
            raise AssertionError(f"{failed}; the page shows {seen}") from None

    def rows(self) -> list[str]:
        value: list[str] = self.tab.js(
            "[...document.querySelectorAll('[data-activities] li.cec-activity')]"
            ".map((li) => li.querySelector('.cec-activity-what').textContent + ' = ' +"
            " (li.querySelector('.cec-activity-cecs')?.textContent ?? ''))"
        )
        return value

    def wait_rows(self, count: int, timeout_ms: int = 90_000) -> None:
        wait(
            self.tab,
            f"document.querySelectorAll('[data-activities] li.cec-activity').length === {count}",
            timeout_ms,
        )

    def profile(self, cert: str = "cpt", end: str = "2026-12-31") -> None:
        box = f"input[name=certifications][value={cert}]"
        if not self.tab.js(f"document.querySelector({q(box)}).checked"):
            self.tab.click(box)
        set_date(self.tab, "#cec-cycle-end", end)

    def add(
        self,
        day: str,
        amount: str,
        provider: str = "acsm",
        title: str = "",
        files: list[Path] | None = None,
    ) -> None:
        # Counted from the saved log: the list on screen may be between two drawings.
        before = self.saved_count()
        set_date(self.tab, "#cec-date", day)
        self.tab.fill("#cec-title", title)
        self.tab.select("#cec-provider", provider)
        self.tab.fill("#cec-amount", amount)
        if files:
            self.tab.set_files("#cec-certificate-file", files)
        typed = self.tab.js(
            "['#cec-date', '#cec-title', '#cec-provider', '#cec-amount']"
            ".map((css) => document.querySelector(css).value)"
        )
        assert typed == [day, title, provider, amount], f"{self.tab!r}: the form holds {typed}"
        self.tab.click("[data-submit]")
        try:
            self.wait_rows(before + 1)
        except AssertionError as failed:
            seen = self.tab.js(
                "[document.querySelector('[data-announce]')?.textContent,"
                " [...document.querySelectorAll('[data-error-for]')].map((e) => e.textContent)"
                ".filter(Boolean), localStorage.getItem('cec-guide:log')]"
            )
            raise AssertionError(f"{failed}; the page shows {seen}") from None

    def button(self, label: str) -> None:
        self.tab.click(f"button[aria-label={q(label)}]")

    def import_file(self, path: Path, how: str = "Replace my log") -> None:
        """Imports a file; into a log that has activities, ``how`` answers the step that asks
        whether it adds to the log or replaces it."""
        had = self.saved_count()
        self.tab.set_files("[data-import]", [path])
        if had:
            self.wait_text_contains("[data-mapping]", how)
            self.tab.click(f"[data-mapping] [data-how={q(how)}]")
        self.wait_text_contains("[data-import-problems]", f"from {path.name}")

    def wait_text_contains(self, css: str, part: str, timeout_ms: int = 90_000) -> None:
        try:
            wait(
                self.tab,
                f"(document.querySelector({q(css)})?.textContent ?? '').includes({q(part)})",
                timeout_ms,
            )
        except AssertionError as failed:
            raise AssertionError(f"{failed}; it says {self.text(css)!r}") from None

    def saved_count(self) -> int:
        """How many activities the saved log holds (none saved yet: 0)."""
        count: int = self.tab.js(
            "JSON.parse(localStorage.getItem('cec-guide:log') || '{\"activities\": []}')"
            ".activities.length"
        )
        return count

    def saved(self) -> Any:
        return json.loads(self.tab.js("localStorage.getItem('cec-guide:log')"))


@pytest.fixture
def calc(engine: Engine, site_url: str) -> Calculator:
    return Calculator(engine.new_tab(), site_url)


def test_first_visit_profile_add_edit_remove_and_reload(calc: Calculator) -> None:
    calc.open()
    # A first visit is calm: nothing is wrong before the trainer has entered anything.
    wait(
        calc.tab,
        "['idle', 'loading'].includes(document.querySelector('[data-results]').dataset.state)",
    )
    wait(calc.tab, "document.querySelector('[data-results]').dataset.state === 'idle'")
    calc.profile()
    calc.wait_ready()
    assert calc.text("[data-results] [data-required]") == "45 CECs"

    calc.add("2025-03-01", "1.5", provider="ace", title="ACE workshop")
    calc.wait_ready("15 CECs")
    calc.wait_text("[data-announce]", "Added: 15 CECs. Now 15 of 45 CECs.")
    assert calc.rows() == [
        "March 1, 2025 · ACE workshop · 1.5 CECs from American Council on Exercise (ACE) = 15 CECs"
    ]

    calc.button("Edit 2025-03-01 ACE workshop")
    calc.tab.fill("#cec-amount", "1")
    calc.tab.click("[data-submit]")
    calc.wait_ready("10 CECs")
    calc.wait_text("[data-announce]", "Saved: 10 CECs. Now 10 of 45 CECs.")

    calc.add("2025-04-01", "5", title="Second")
    calc.wait_ready("15 CECs")
    calc.button("Remove 2025-04-01 Second")
    calc.wait_rows(1)
    calc.wait_ready("10 CECs")
    calc.wait_text("[data-removed]", "Removed: Second. Undo")
    calc.tab.click("[data-removed] button")
    calc.wait_rows(2)
    calc.wait_ready("15 CECs")

    calc.reload()
    calc.wait_ready("15 CECs")
    assert calc.rows() == [
        "April 1, 2025 · Second · 5 CECs from ACSM itself (ACSMceOnline, ACSM events and webinars) = 5 CECs",
        "March 1, 2025 · ACE workshop · 1 CEC from American Council on Exercise (ACE) = 10 CECs",
    ]
    assert calc.tab.js("document.querySelector('input[value=cpt]').checked") is True
    assert calc.tab.js("document.querySelector('#cec-cycle-end').value") == "2026-12-31"


def test_spreadsheets_and_log_files_in_and_out(calc: Calculator, tmp_path: Path) -> None:
    calc.open()
    calc.profile()
    calc.wait_ready("0 CECs")
    # A spreadsheet's own headers, a US date, the provider by its name, semicolons.
    sheet = tmp_path / "my-courses.csv"
    sheet.write_text(
        "Date;Course;Organization;Credits\n"
        "3/14/2025;Kettlebell basics;American Council on Exercise;1.5\n"
        "2025-06-01;Heat illness;ACSM;2\n",
        encoding="utf-8-sig",
    )
    calc.import_file(sheet)
    calc.wait_rows(2)
    calc.wait_ready("17 CECs")

    calc.tab.click("[data-export='csv']")
    downloads(calc.tab, 1)
    calc.tab.click("[data-export='json']")
    downloads(calc.tab, 2)
    calc.tab.click("[data-calendar]")
    files = downloads(calc.tab, 3)
    today = date.today().isoformat()
    assert sorted(files) == [
        f"cec-log-{today}.csv",
        f"cec-log-{today}.json",
        f"cec-renewal-{today}.ics",
    ]

    exported = list(csv.DictReader(io.StringIO(files[f"cec-log-{today}.csv"].decode("utf-8-sig"))))
    columns = (LABELS["date"], LABELS["title"], CECS_LABEL)
    assert [tuple(r[c] for c in columns) for r in exported] == [
        ("2025-03-14", "Kettlebell basics", "15"),
        ("2025-06-01", "Heat illness", "2"),
    ]
    log = json.loads(files[f"cec-log-{today}.json"])
    assert log["format"] == "cec-guide-log"
    assert [a["title"] for a in log["activities"]] == ["Kettlebell basics", "Heat illness"]
    assert log["profile"]["cycle_end"] == "2026-12-31"

    calendar = icalendar.Calendar.from_ical(files[f"cec-renewal-{today}.ics"])
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert any("cycle ends" in summary.lower() for summary in events), sorted(events)

    # The log file comes back whole after the log is cleared, and so does the CSV.
    calc.tab.click("[data-clear]")
    calc.wait_rows(0)
    back = tmp_path / "back.json"
    back.write_bytes(files[f"cec-log-{today}.json"])
    calc.import_file(back)
    calc.wait_rows(2)
    calc.wait_ready("17 CECs")
    kept = [{k: v for k, v in a.items() if k != "id"} for a in calc.saved()["activities"]]
    # The export leaves out other bodies' fields no activity gives; the page keeps them empty.
    assert [{k: a[k] for k in log["activities"][0]} for a in kept] == log["activities"]
    assert {v for a in kept for k, v in a.items() if k not in log["activities"][0]} <= {""}

    calc.tab.click("[data-clear]")
    calc.wait_rows(0)
    calc.profile()  # a spreadsheet carries activities only
    again = tmp_path / "again.csv"
    again.write_bytes(files[f"cec-log-{today}.csv"])
    calc.import_file(again)
    calc.wait_rows(2)
    calc.wait_ready("17 CECs")


def test_everything_keeps_working_offline_after_a_first_visit(
    calc: Calculator, built_site: BuiltSite
) -> None:
    # A server of its own, stopped halfway: the network is gone for this tab only.
    server = static_server.start(built_site.path)
    url = f"http://127.0.0.1:{server.server_address[1]}/calculator/"
    try:
        calc.open(url)
        calc.profile()
        calc.add("2025-03-01", "1.5", provider="ace", title="ACE workshop")
        calc.wait_ready("15 CECs")
        wait(
            calc.tab,
            "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller !== null)",
        )
        wait(
            calc.tab,
            "caches.keys().then(async (keys) => { for (const k of keys) {"
            " const c = await caches.open(k);"
            " if (await c.match(new URL('../assets/pyodide/pyodide.asm.wasm', location.href)))"
            " return true; } return false; })",
            timeout_ms=30_000,
        )
    finally:
        server.shutdown()
        server.server_close()
    calc.reload()
    calc.wait_ready("15 CECs")
    calc.add("2025-04-01", "2", title="Offline course")
    calc.wait_ready("17 CECs")


def test_every_scenario_gives_what_the_command_line_gives(calc: Calculator, tmp_path: Path) -> None:
    """Every scenario file case, imported into one page as its JSON log, shows exactly what
    `python -m calc tally --format json` says: totals, what each activity counts and why, the
    verdict, the checklist (each item's mark and words) and the plans."""
    assert len(CASES) >= 25
    calc.open()
    for i, case in enumerate(CASES):
        as_of = case["profile"]["as_of"]
        # The page's "today" is the scenario's: `new Date()` gives noon on that day. (Date.now
        # stays: WebKit's WebDriver times its own scripts with it.)
        calc.tab.js(
            "(() => { const Real = window.__RealDate ?? Date; window.__RealDate = Real;"
            f" const fixed = new Real({q(as_of + 'T12:00:00')}).getTime();"
            " window.Date = class extends Real {"
            " constructor(...a) { super(...(a.length ? a : [fixed])); } }; return true; })()"
        )
        path = tmp_path / f"case{i}.json"
        path.write_text(json.dumps(log_of(case)))
        expected = cli(path, as_of)
        calc.import_file(path)
        calc.wait_ready()
        shown = calc.tab.js(
            """(() => {
              const region = document.querySelector('[data-results]');
              const text = (css) => region.querySelector(css).textContent.trim();
              return {
                totals: [text('[data-earned]'), text('[data-required]'), text('[data-remaining]')],
                // In the log's order (the page lists newest first, and plans apart).
                rows: [...document.querySelectorAll('[data-calculator] li.cec-activity')]
                  .sort((a, b) => a.dataset.row - b.dataset.row)
                  .map((li) => [li.querySelector('.cec-activity-cecs').textContent.split(' ')[0],
                                li.querySelector('.cec-explanation').textContent]),
                verdict: text('[data-status]'),
                checklist: [...region.querySelectorAll('[data-checklist] > li')]
                  .map((li) => [li.querySelector('.cec-mark').textContent, li.textContent]),
                planned: region.querySelector('[data-planned]').hidden
                  ? null : text('[data-planned]'),
              };
            })()"""
        )
        name = case["name"]
        want = [expected[k] for k in ("earned_cecs", "required_cecs", "remaining_cecs")]
        assert [re.sub(r" CECs?$", "", t) for t in shown["totals"]] == [str(w) for w in want], name
        # The page writes Python's ISO days as people do (December 31, 2026); the words are
        # the command line's otherwise.
        assert shown["rows"] == [
            # An activity of the next cycle "counts in your next cycle" instead of a number.
            ["counts" if a["next_cycle"] else str(a["cecs"]), long_dates(a["explanation"])]
            for a in expected["activities"]
        ], name
        assert shown["verdict"] == long_dates(expected["verdict"]["headline"]), name
        assert [mark for mark, _ in shown["checklist"]] == [
            MARKS[c["state"]] for c in expected["checklist"]
        ], name
        for (_, words), check in zip(shown["checklist"], expected["checklist"], strict=True):
            assert long_dates(check["text"]) in words, name
        if Decimal(str(expected["planned_cecs"])):
            assert f"{expected['with_plans_cecs']} of " in shown["planned"], name
        else:
            assert shown["planned"] is None, name


def test_certificate_files_the_audit_packet_and_a_backup(calc: Calculator, tmp_path: Path) -> None:
    scan = tmp_path / "ace-certificate.pdf"
    scan.write_bytes(CERTIFICATE)
    calc.open()
    calc.profile()
    calc.add("2025-03-01", "1.5", provider="ace", title="ACE workshop", files=[scan])
    calc.wait_ready("15 CECs")
    name = "[data-activities] .cec-file-name"
    calc.wait_text(name, "Certificate: ace-certificate.pdf (42 bytes)")
    calc.wait_text_contains("[data-files-message]", "Kept ace-certificate.pdf with the activity.")
    # Unless this browser promised to keep the site's files (WebKitGTK cannot even be asked;
    # Firefox asks the person), the page says to back up.
    if not calc.tab.js("navigator.storage?.persisted?.() ?? false"):
        calc.wait_text_contains("[data-files-message]", "use “Back up everything” now and then")
    # Kept in the browser (IndexedDB) across a reload, and given back byte for byte. The reload
    # is a return visit: Python comes back from its memory snapshot, and what it imports only
    # when first needed (the packet, the backup) must still be there.
    wait(
        calc.tab,
        "caches.open('calc-python-snapshots').then((c) => c.keys()).then((k) => k.length > 0)",
        # A second Python starts in the background to make it: late in a long run of Firefox,
        # on two busy cores, a minute was not always enough.
        timeout_ms=180_000,
    )
    calc.reload()
    calc.wait_text(name, "Certificate: ace-certificate.pdf (42 bytes)")
    calc.wait_ready("15 CECs")
    calc.button("Download ace-certificate.pdf")
    downloads(calc.tab, 1)
    calc.tab.click("[data-audit-zip]")
    downloads(calc.tab, 2)
    calc.tab.click("[data-backup]")
    files = downloads(calc.tab, 3)
    assert files["ace-certificate.pdf"] == CERTIFICATE

    packet_name = next(n for n in files if n.startswith("acsm-audit-packet-"))
    with zipfile.ZipFile(io.BytesIO(files[packet_name])) as packet:
        names = packet.namelist()
        assert names[0] == "00-summary.html"
        assert "01-2025-03-01-ace-workshop.pdf" in names, names
        assert packet.read("01-2025-03-01-ace-workshop.pdf") == CERTIFICATE
        summary = packet.read("00-summary.html").decode()
        assert "1.5 CECs (ACE)" in summary and "ACE workshop" in summary

    # Everything comes back from the backup, file and all, after the log is cleared.
    backup_name = next(n for n in files if n not in ("ace-certificate.pdf", packet_name))
    backup = tmp_path / backup_name
    backup.write_bytes(files[backup_name])
    calc.tab.click("[data-clear]")
    calc.wait_rows(0)
    calc.import_file(backup)
    calc.wait_rows(1)
    calc.wait_ready("15 CECs")
    calc.wait_text(name, "Certificate: ace-certificate.pdf (42 bytes)")
    calc.tab.js("(window.__cecDownloads = [], true)")
    calc.button("Download ace-certificate.pdf")
    assert downloads(calc.tab, 1) == {"ace-certificate.pdf": CERTIFICATE}


def test_two_tabs_follow_each_others_changes(engine: Engine, site_url: str, tmp_path: Path) -> None:
    first = Calculator(engine.new_tab(), site_url).open()
    first.profile()
    first.add("2025-03-01", "1.5", provider="ace", title="First")
    first.wait_ready("15 CECs")
    second = Calculator(engine.new_tab(), site_url).open()
    second.wait_ready("15 CECs")
    second.add("2025-04-01", "2", title="Second")
    second.wait_ready("17 CECs")
    first.wait_rows(2)
    first.wait_ready("17 CECs")
    first.button("Remove 2025-03-01 First")
    second.wait_rows(1)
    second.wait_ready("2 CECs")
    # A certificate file kept in one tab is listed in the other.
    scan = tmp_path / "second.pdf"
    scan.write_bytes(CERTIFICATE)
    second.add("2025-05-01", "1", title="Third", files=[scan])
    first.wait_rows(2)
    first.wait_text("[data-activities] .cec-file-name", "Certificate: second.pdf (42 bytes)")


def test_a_share_link_shows_the_log_read_only_and_keeps_the_visitors_own(
    engine: Engine, site_url: str
) -> None:
    mine = Calculator(engine.new_tab(), site_url).open()
    mine.profile()
    mine.add("2025-03-01", "1.5", provider="ace", title="ACE workshop")
    mine.add("2025-04-01", "2", title="Heat illness")
    mine.wait_ready("17 CECs")
    mine.tab.click("[data-share]")
    link: str = wait(mine.tab, "document.querySelector('[data-share-link]').value")
    assert "#share=" in link
    # Copied where the engine lets the page write to the clipboard; otherwise the link is
    # selected in its field, and the page says so.
    said = mine.text("[data-import-problems]")
    assert said.startswith(("Share link copied.", "The link is selected in the field above")), said
    # Titles travel only when asked.
    assert "ACE" not in link and "Heat" not in link

    mine.button("Remove 2025-04-01 Heat illness")
    mine.wait_ready("15 CECs")
    theirs = Calculator(engine.new_tab(), site_url).open(link)
    theirs.wait_rows(2)
    theirs.wait_ready("17 CECs")
    assert theirs.text("[data-shared-message]") == (
        "You are looking at a log someone shared with you (2 activities, without titles). It is "
        "read-only and is not saved in this browser: your own log is kept as it was."
    )
    assert theirs.tab.js(
        "[...document.querySelectorAll('[data-activities] .cec-row-buttons')]"
        ".every((p) => p.offsetParent === null)"
    )
    theirs.tab.click("[data-shared-leave]")
    theirs.wait_rows(1)
    theirs.wait_ready("15 CECs")


def test_without_compression_streams_the_page_says_share_links_cannot_be_made(
    calc: Calculator,
) -> None:
    # An engine without CompressionStream (Safari before 16.4): the page detects it and offers
    # the backup instead, here in each engine with the feature taken away.
    calc.open()
    calc.profile()
    calc.add("2025-03-01", "2", title="A course")
    calc.wait_ready("2 CECs")
    calc.tab.js("(delete window.CompressionStream, window.CompressionStream = undefined, true)")
    calc.tab.click("[data-share]")
    calc.wait_text_contains("[data-import-problems]", "This browser cannot make share links")
    assert calc.tab.js("document.querySelector('[data-share-panel]').hidden") is True


def test_a_second_spreadsheet_is_added_then_a_file_replaces_the_log(
    calc: Calculator, tmp_path: Path
) -> None:
    calc.open()
    calc.profile()
    calc.add("2025-03-01", "1.5", provider="ace", title="Typed")
    calc.wait_ready("15 CECs")
    sheet = tmp_path / "second.csv"
    sheet.write_text(
        "Date,Course,Provider,Credits\n"
        "2025-03-01,Typed,ACE,1.5\n"  # already in the log: skipped
        "2025-06-01,From the sheet,ACSM,2\n",
        encoding="utf-8",
    )
    calc.import_file(sheet, how="Add to my log")
    calc.wait_text_contains(
        "[data-import-problems]", "Added 1 activity from second.csv; skipped 1 already in your log"
    )
    calc.wait_rows(2)
    calc.wait_ready("17 CECs")
    assert [a["title"] for a in calc.saved()["activities"]] == ["Typed", "From the sheet"]
    other = tmp_path / "other.csv"
    other.write_text("date,title,provider,amount\n2025-07-01,Only this,acsm,4\n", encoding="utf-8")
    calc.import_file(other, how="Replace my log")
    calc.wait_rows(1)
    calc.wait_ready("4 CECs")
    assert [a["title"] for a in calc.saved()["activities"]] == ["Only this"]


def test_the_next_cycle_is_started_and_the_finished_one_kept(
    calc: Calculator, tmp_path: Path
) -> None:
    calc.open()
    # Ten days after the cycle's end (as the scenarios' journey fixes the page's today).
    calc.tab.js(
        "(() => { const Real = Date; const fixed = new Real('2027-01-10T12:00:00').getTime();"
        " window.Date = class extends Real { constructor(...a) { super(...(a.length ? a : [fixed])); } };"
        " return true; })()"
    )
    log = tmp_path / "log.json"
    log.write_text(
        json.dumps(
            {
                "format": "cec-guide-log",
                "version": 2,
                "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
                "activities": [
                    {"date": "2025-03-01", "title": "Done", "provider": "acsm", "amount": "45"},
                    {"date": "2027-01-05", "title": "January", "provider": "acsm", "amount": "3"},
                ],
            }
        )
    )
    calc.import_file(log)
    calc.wait_ready("45 CECs")
    calc.wait_text_contains("[data-next-cycle]", "Your next cycle runs January 1, 2027")
    calc.tab.click("[data-next-start]")
    calc.wait_ready("3 CECs")
    kept = calc.saved()
    assert kept["profile"]["cycle_end"] == "2029-12-31"
    assert [p["cycle_end"] for p in kept["previous"]] == ["2026-12-31"]
    assert [a["title"] for a in kept["activities"]] == ["Done", "January"]
    assert calc.tab.js("document.querySelector('[data-previous-packet]').hidden") is False
