"""Printing the calculator never gives a blank page.

The browser's own print (Ctrl+P) gives where you stand and every activity, planned ones too, in
one column, black on white in either palette, with nothing to type or press; the "Print audit
packet" button (which marks the page html[data-printing="packet"] until the print is done) gives
the packet alone. Checked under print media and in the PDF Chromium prints, its text read with
pypdf, on a desktop (1280 x 800) and a phone (390 x 844).
"""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.test_calculator import add, import_file, results, set_profile, wait_ready

READY_MS = 90_000
SIZES = {"desktop": (1280, 800), "phone": (390, 844)}
DONE = ("ACE strength workshop", "Nutrition webinar on sports drinks and recovery")
PLANNED = "Planned regional conference"
TITLES = (*DONE, PLANNED)
BLACK = "rgb(0, 0, 0)"
# What is for typing, choosing or pressing, and never belongs on paper.
NOT_ON_PAPER = (
    "Add an activity",
    "Add activity",
    "Your certification",
    "Cycle end date",
    "Export CSV",
    "Print audit packet",
    "Clear all",
    "Oldest first",
    "To keep a certificate with an activity",
)


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def open_calculator(page: Page, site_url: str, size: str) -> None:
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    page.clock.install(time=datetime(2026, 6, 1, 12))  # a fixed today: 2026-09-01 is a plan
    page.goto(site_url + "calculator/")
    expect(page.locator("[data-calculator]")).to_have_attribute("data-bound", "true")


def fill_log(page: Page) -> None:
    """A profile, two activities done and one planned."""
    set_profile(page)
    add(page, "2025-03-01", "1.5", provider="ace", title=DONE[0])
    add(page, "2026-02-10", "3", title=DONE[1])
    add(page, "2026-09-01", "2", title=PLANNED)
    wait_ready(page)
    expect(results(page).locator("[data-earned]")).to_have_text("18 CECs", timeout=READY_MS)
    expect(page.locator("[data-plans] .cec-activity")).to_have_count(1)
    expect(page.locator("[data-activities] .cec-activity")).to_have_count(2)


@pytest.fixture
def logged(page: Page, site_url: str, size: str) -> Page:
    open_calculator(page, site_url, size)
    fill_log(page)
    return page


def pdf_text(page: Page) -> str:
    """The text of the PDF Chromium prints, its whitespace (line and page breaks) made single."""
    reader = PdfReader(io.BytesIO(page.pdf()))
    assert reader.pages, "the PDF has no page"
    first = reader.pages[0].extract_text()
    assert first.strip(), "the first page is blank"
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def headline(page: Page) -> str:
    return " ".join(results(page).locator("[data-status]").inner_text().split())


def test_ctrl_p_prints_where_you_stand_and_every_activity(logged: Page) -> None:
    page = logged
    page.emulate_media(media="print")
    region = results(page)
    expect(region).to_be_visible()
    for name, value in (("earned", "18 CECs"), ("required", "45 CECs"), ("remaining", "27 CECs")):
        expect(region.locator(f"[data-{name}]")).to_have_text(value)
        expect(region.locator(f"[data-{name}]")).to_be_visible()
    expect(region.locator("[data-status]")).to_be_visible()
    expect(region.locator("[data-checklist] li").first).to_be_visible()
    expect(region.locator("[data-dates]")).to_be_visible()
    expect(page.locator("[data-activities-section]")).to_be_visible()
    rows = page.locator("[data-activities-section] .cec-activity")
    expect(rows).to_have_count(3)
    for title in TITLES:
        expect(rows.filter(has_text=title)).to_be_visible()
    expect(page.locator("[data-plans-heading]")).to_be_visible()
    visibility = rows.evaluate_all("rows => rows.map(r => getComputedStyle(r).contentVisibility)")
    assert visibility == ["visible"] * 3
    # Nothing to type or press, none of the site's frame, no phone summary, no packet.
    for selector in (
        "form[data-profile]",
        "form[data-activity]",
        "[data-tools]",
        "[data-mini]",
        "[data-order]",
        "[data-packet]",
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-footer",
    ):
        for item in page.locator(selector).all():
            expect(item).to_be_hidden()
    for button in page.locator("[data-calculator] button, [data-calculator] .md-button").all():
        expect(button).to_be_hidden()
    # One column: the results above the list, level with it, pinned nowhere.
    layout = page.evaluate(
        """() => {
          const results = document.querySelector("[data-results]");
          const list = document.querySelector("[data-activities-section]");
          const a = results.getBoundingClientRect(), b = list.getBoundingClientRect();
          return {position: getComputedStyle(results).position, above: a.bottom <= b.top + 1,
                  level: Math.abs(a.left - b.left) < 2};
        }"""
    )
    assert layout == {"position": "static", "above": True, "level": True}


def test_ctrl_p_pdf_has_the_results_and_the_activities_not_the_forms(logged: Page) -> None:
    page = logged
    status = headline(page)
    text = pdf_text(page)
    assert status in text
    for words in ("Where you stand", "Earned", "Required", "Remaining", "18 CECs", "45 CECs"):
        assert words in text
    assert "27 CECs" in text
    assert "With your plans: 20 of 45 CECs" in text
    assert "Checklist" in text and "Key dates" in text
    for title in TITLES:
        assert title in text
    assert "0 CECs now, 2 once done" in text  # the plan, said as a plan
    for words in (*NOT_ON_PAPER, "CEC audit packet", "Edit", "Remove"):
        assert words not in text


def test_ctrl_p_prints_every_row_of_a_long_log(page: Page, site_url: str) -> None:
    """Rows out of view skip layout on screen (content-visibility: auto); on paper none is left out."""
    open_calculator(page, site_url, "desktop")
    set_profile(page)
    titles = [f"Course number {n:02d} of the long log" for n in range(1, 41)]
    rows = "".join(f"2025-{n % 12 + 1:02d}-01,{t},acsm,1\n" for n, t in enumerate(titles))
    import_file(page, "long.csv", "date,title,provider,amount\n" + rows)
    # The file is read by Python: on a first visit, once it has loaded.
    expect(page.locator("[data-import-problems]")).to_contain_text(
        "Imported 40 activities", timeout=READY_MS
    )
    expect(page.locator("[data-count]")).to_have_text("(40)")
    wait_ready(page)
    expect(results(page).locator("[data-earned]")).to_have_text("40 CECs", timeout=READY_MS)
    text = pdf_text(page)
    missing = [t for t in titles if t not in text]
    assert missing == []


# Every element's text colour on paper, and the first background drawn behind it (none: paper).
INK = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length && e.textContent.trim())
  .map((e) => {
    let background = "paper";
    for (let up = e; up; up = up.parentElement) {
      const color = getComputedStyle(up).backgroundColor;
      if (color !== "rgba(0, 0, 0, 0)" && color !== "transparent") { background = color; break; }
    }
    return [e.tagName + "." + e.className, getComputedStyle(e).color, background];
  })"""


@pytest.mark.parametrize("palette", ["light", "dark", "toggle"])
def test_paper_is_black_on_white_in_either_palette(
    page: Page, site_url: str, size: str, palette: str
) -> None:
    page.emulate_media(color_scheme="dark" if palette == "dark" else "light")
    open_calculator(page, site_url, size)
    if palette == "toggle":  # Material's palette switch in the header, not the system's setting
        page.locator("label[title='Switch to dark mode']").click()
    scheme = "default" if palette == "light" else "slate"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    fill_log(page)
    page.emulate_media(media="print")
    ink = page.evaluate(INK, "[data-results], [data-results] *, [data-activities-section] *")
    assert len(ink) > 30
    wrong = [i for i in ink if i[1] != BLACK or i[2] not in ("paper", "rgb(255, 255, 255)")]
    assert wrong == []
    heading = page.evaluate("getComputedStyle(document.querySelector('.md-typeset > h1')).color")
    assert heading == BLACK
    # The page itself: white, or nothing (browsers leave backgrounds out by default).
    for element in ("html", "body"):
        color = page.evaluate(
            f"getComputedStyle(document.querySelector('{element}')).backgroundColor"
        )
        assert color in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert all(title in pdf_text(page) for title in TITLES)


def test_audit_packet_button_prints_the_packet_alone(logged: Page) -> None:
    page = logged
    page.evaluate("window.print = () => { window.printed = (window.printed || 0) + 1; }")
    page.get_by_role("button", name="Print audit packet").click()
    expect(page.locator("html")).to_have_attribute("data-printing", "packet")
    assert page.evaluate("window.printed") >= 1
    page.emulate_media(media="print")
    packet = page.locator("[data-packet]")
    expect(packet).to_be_visible()
    expect(results(page)).to_be_hidden()
    expect(page.locator("[data-activities-section]")).to_be_hidden()
    expect(page.locator("form[data-activity]")).to_be_hidden()
    heading = " ".join(packet.locator("h1, h2").first.inner_text().split())
    assert "audit packet" in heading  # "CEC audit packet", or calc.packet's summary's
    text = pdf_text(page)
    assert text.startswith(heading)
    for title in DONE:
        assert title in text
    for words in (*NOT_ON_PAPER, "Where you stand", "Your activities", "CEC calculator"):
        assert words not in text
    # Once printed (afterprint), Ctrl+P prints where you stand again, and not the packet.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.documentElement.dataset.printing") is None
    expect(packet).to_be_hidden()
    text = pdf_text(page)
    assert "Where you stand" in text and "Your activities" in text
    assert heading not in text


def test_ctrl_p_on_a_first_visit_is_not_blank(page: Page, site_url: str) -> None:
    open_calculator(page, site_url, "desktop")
    expect(results(page)).to_have_attribute("data-state", "idle", timeout=READY_MS)
    text = pdf_text(page)
    assert "Where you stand" in text
    assert headline(page) in text
    assert "No activities yet" in text
    for words in NOT_ON_PAPER:
        assert words not in text
