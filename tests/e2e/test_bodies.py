"""Certifications from other bodies on the calculator, on a desktop (1280 x 800) and a phone
(390 x 844): added beside ACSM's with their own dates, a card per body in "Where you stand" (the
answer first), what each activity counts for each body, kept on reload, gone when removed; and
every body scenario through the page's own worker."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_calculator import add, results, set_profile, wait_ready
from tests.scenarios import test_bodies
from tests.scenarios.test_bodies import SCENARIOS
from tests.unit.test_bridge_bodies import page_request

SIZES = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=list(SIZES))
def calc(page: Page, site_url: str, request: pytest.FixtureRequest) -> Iterator[Page]:
    width, height = SIZES[str(request.param)]
    page.set_viewport_size({"width": width, "height": height})
    page.clock.install(time=datetime(2026, 12, 7, 12))
    page.goto(site_url + "calculator/")
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")
    yield page


def opened(page: Page) -> Any:
    """The other certifications' part of the profile, unfolded."""
    others = page.locator("[data-others]")
    if not others.evaluate("(box) => box.open"):
        others.locator("summary").click()
    return others


def hold(page: Page, certification: str, certified: str = "") -> None:
    others = opened(page)
    others.get_by_label("Certification", exact=True).select_option(label=certification)
    if certified:
        others.get_by_label("Certified on").fill(certified)
    others.get_by_role("button", name="Add this certification").click()


def test_another_bodys_certification_gets_its_own_card_and_counts(calc: Page) -> None:
    set_profile(calc)
    add(calc, "2026-03-01", "0.5", provider="ace", title="Core training")
    add(calc, "2026-04-01", "5", provider="acsm", title="Strength workshop")
    wait_ready(calc)
    # ACSM alone: nothing of the other bodies shows.
    expect(calc.locator("[data-bodies]")).to_be_hidden()
    expect(calc.locator("[data-bodies-summary]")).to_be_hidden()
    expect(calc.locator(".cec-body-counts")).to_have_count(0)

    hold(calc, "ACE Certified Personal Trainer", certified="2025-03-31")
    headline = "ACE Certified Personal Trainer: 0.5 of 2 ACE CECs, renew by March 31, 2027"
    summary = calc.locator("[data-bodies-summary]")
    expect(summary.get_by_role("paragraph")).to_have_text("Your other certifications:")
    expect(summary.get_by_role("link", name=headline)).to_have_attribute("href", "#cec-body-ace")
    card = results(calc).locator("[data-bodies] [data-body=ace]")
    expect(card.get_by_role("heading")).to_have_text(f"to do {headline}")
    expect(card).to_contain_text("Professional conduct and ethics: 0 of at least 0.1 ACE CECs")
    rows = calc.locator("[data-activities] li.cec-activity")
    ace_course = rows.filter(has_text="Core training").locator(".cec-body-counts [data-body=ace]")
    expect(ace_course).to_have_attribute("data-status", "counted")
    expect(ace_course).to_contain_text("0.5 ACE CECs, counts")
    acsm_course = rows.filter(has_text="Strength workshop").locator(
        ".cec-body-counts [data-body=ace]"
    )
    expect(acsm_course).to_have_attribute("data-status", "needs_petition")
    expect(acsm_course).to_contain_text("would count 0.5 ACE CECs once ACE approves it")
    # ACSM's own answer is unchanged by it.
    expect(results(calc).locator("[data-earned]")).to_have_text("10 CECs")

    # A second body, and a reload: both kept, in the order added.
    hold(calc, "NSCA Certified Strength and Conditioning Specialist")
    expect(results(calc).locator("[data-bodies] [data-body=nsca]")).to_contain_text(
        "0 of 6 NSCA CEUs, renew by December 31, 2026"
    )
    saved = json.loads(calc.evaluate("localStorage.getItem('cec-guide:log')"))
    assert saved["profile"]["others"] == [
        {"certification": "ace-pt", "certified": "2025-03-31"},
        {"certification": "nsca-cscs"},
    ]
    calc.reload()
    wait_ready(calc)
    expect(results(calc).locator("[data-bodies] section")).to_have_count(2)
    # Folded on a return, it says what it holds; opened, each one with its dates.
    others = calc.locator("[data-others]")
    assert others.evaluate("(box) => box.open") is False
    expect(others.locator("summary")).to_have_text("Other certifications you hold: ACE, NSCA")
    others.locator("summary").click()
    held = calc.locator("[data-others-list] li")
    expect(held).to_have_count(2)
    expect(held.first).to_contain_text("ACE Certified Personal Trainer · certified March 31, 2025")

    # Removed, the body's card and counts go; the log and ACSM's answer stay.
    calc.get_by_role("button", name="Remove ACE Certified Personal Trainer").click()
    expect(results(calc).locator("[data-bodies] [data-body=ace]")).to_have_count(0)
    calc.get_by_role(
        "button", name="Remove NSCA Certified Strength and Conditioning Specialist"
    ).click()
    expect(calc.locator("[data-bodies]")).to_be_hidden()
    expect(calc.locator(".cec-body-counts")).to_have_count(0)
    saved = json.loads(calc.evaluate("localStorage.getItem('cec-guide:log')"))
    assert "others" not in saved["profile"]
    assert len(saved["activities"]) == 2


def test_a_certification_not_chosen_is_asked_for(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    calc.locator("[data-others] summary").click()
    calc.get_by_role("button", name="Add this certification").click()
    expect(calc.locator("[data-others-error]")).to_have_text("Choose a certification first.")
    expect(calc.get_by_label("Certification", exact=True)).to_be_focused()
    # The same one twice is refused, with how to change its dates.
    hold(calc, "ACE Certified Personal Trainer", certified="2025-03-31")
    hold(calc, "ACE Certified Personal Trainer", certified="2023-03-31")
    expect(calc.locator("[data-others-error]")).to_have_text(
        "ACE Certified Personal Trainer is already in your list: remove it first to change its dates."
    )
    expect(calc.locator("[data-others-list] li")).to_have_count(1)
    profile = json.loads(calc.evaluate("localStorage.getItem('cec-guide:log')"))["profile"]
    assert profile["others"] == [{"certification": "ace-pt", "certified": "2025-03-31"}]


def test_a_log_with_acsm_alone_shows_the_other_bodies_folded(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    others = calc.locator("[data-others]")
    assert others.evaluate("(box) => box.open") is False
    expect(others.locator("summary")).to_have_text(
        "Other certifications you hold (ACE, AFAA, ISSA, NASM, NCSF, NETA, NSCA)"
    )


@pytest.fixture
def desktop(page: Page, site_url: str) -> Iterator[Page]:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "calculator/")
    set_profile(page)
    wait_ready(page)
    yield page


def test_every_body_scenario_through_the_pages_worker(desktop: Page) -> None:
    """The page's own Python (Pyodide, in its worker) answers each scenario as CPython does."""
    asked = []
    for case in SCENARIOS:
        profile, activities = page_request(case)
        asked.append(
            [
                json.dumps({"profile": profile, "activities": activities}),
                str(case["profile"]["as_of"]),
            ]
        )
    answers: list[Any] = desktop.evaluate(
        """async (asked) => {
            const python = await import(new URL("../assets/calculator/python.mjs", location.href).href);
            const out = [];
            for (const [request, day] of asked) out.push(await python.call("other_bodies", request, day));
            return out;
        }""",
        asked,
    )
    assert len(answers) == len(SCENARIOS) >= 40
    for case, answer in zip(SCENARIOS, answers, strict=True):
        assert answer["ok"] is True, (case["name"], answer)
        entries, counts = test_bodies.result(case)
        assert {b["body"]: b for b in answer["bodies"]} == entries, case["name"]
        assert answer["counts"] == counts, case["name"]
        for body, want in case["expect"].items():
            test_bodies.check_result(entries[body], want, f"{case['name']}: {body}")


def test_each_body_has_its_own_audit_packet(calc: Page, tmp_path: Path) -> None:
    set_profile(calc)
    certificate = tmp_path / "core-certificate.pdf"
    certificate.write_bytes(b"%PDF-1.4 a certificate")
    calc.locator("#cec-certificate-file").set_input_files(str(certificate))
    add(calc, "2026-03-01", "0.5", provider="ace", title="Core training")
    add(calc, "2026-04-01", "5", provider="acsm", title="Strength workshop")
    wait_ready(calc)
    hold(calc, "ACE Certified Personal Trainer", certified="2025-03-31")
    card = results(calc).locator("[data-bodies] [data-body=ace]")
    with calc.expect_download() as info:
        card.get_by_role("button", name="Download the ACE audit packet").click()
    assert info.value.suggested_filename == "ace-audit-packet-2026-12-07.zip"
    with zipfile.ZipFile(info.value.path()) as packet:
        names = sorted(packet.namelist())
        assert names == [
            "00-summary.html",
            "01-2026-03-01-core-training.pdf",
            "ace-log-2026-12-07.csv",
        ]
        summary = packet.read("00-summary.html").decode()
        assert "ACE continuing education: audit packet" in summary
        assert "Total ACE CECs counted" in summary
        assert "1 more activity counts only once ACE approves a petition" in summary
        assert packet.read("01-2026-03-01-core-training.pdf") == certificate.read_bytes()
        rows = list(
            csv.DictReader(io.StringIO(packet.read("ace-log-2026-12-07.csv").decode("utf-8-sig")))
        )
        assert [(r["number"], r["title"], r["amount"], r["status"]) for r in rows] == [
            ("01", "Core training", "0.5", "counted"),
            ("", "Strength workshop", "0", "needs_petition"),
        ]


def test_the_form_asks_what_other_bodies_need_only_when_one_is_held(calc: Page) -> None:
    set_profile(calc)
    wait_ready(calc)
    asked = calc.get_by_role("group", name="For your other certifications (optional)")
    expect(asked).to_be_hidden()
    hold(calc, "ACE Certified Personal Trainer", certified="2025-03-31")
    expect(asked).to_be_visible()
    # An ACSM course with its ACE approval number counts for ACE without a petition.
    asked.get_by_label("Approval numbers").fill("ACE 12345")
    asked.get_by_label("Live or recorded").select_option("live")
    add(calc, "2026-04-01", "5", provider="acsm", title="Strength workshop")
    row = calc.locator("[data-activities] li.cec-activity").filter(has_text="Strength workshop")
    ace = row.locator(".cec-body-counts [data-body=ace]")
    expect(ace).to_have_attribute("data-status", "counted")
    expect(ace).to_contain_text("0.5 ACE CECs, counts")
    saved = json.loads(calc.evaluate("localStorage.getItem('cec-guide:log')"))["activities"][0]
    # Kept by the body's id, as a log file writes it.
    assert (saved["approvals"], saved["format"]) == ("ace 12345", "live")
    # Edited, the form shows them again; removed the certification, the form stops asking, and
    # an edit keeps what it does not show.
    row.get_by_role("button", name="Edit").click()
    expect(asked.get_by_label("Approval numbers")).to_have_value("ace 12345")
    calc.get_by_role("button", name="Cancel").click()
    opened(calc).get_by_role("button", name="Remove ACE Certified Personal Trainer").click()
    expect(asked).to_be_hidden()
    row.get_by_role("button", name="Edit").click()
    calc.get_by_label("Title", exact=True).fill("Strength workshop, day 1")
    calc.get_by_role("button", name="Save changes").click()
    expect(calc.locator("[data-activities] li.cec-activity")).to_contain_text(
        ["Strength workshop, day 1"]
    )
    saved = json.loads(calc.evaluate("localStorage.getItem('cec-guide:log')"))["activities"][0]
    assert (saved["title"], saved["approvals"]) == ("Strength workshop, day 1", "ace 12345")
