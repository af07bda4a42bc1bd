"""Every page of the built site in Chromium: accessible (axe: every rule it has, WCAG 2.2 AA
and its best practices) in both palettes, and search working with no network but the site's
own."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import BuiltSite

# No `runOnly`: axe runs all its rules (WCAG 2.0 to 2.2, A and AA, and best practices), all but
# the experimental ones.
WCAG = {"resultTypes": ["violations"]}


def site_pages(built_site: BuiltSite) -> list[str]:
    sitemap = (built_site.path / "sitemap.xml").read_text(encoding="utf-8")
    return [urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(
    page: Page, site_url: str, built_site: BuiltSite, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    paths = site_pages(built_site)
    assert len(paths) >= 11
    found = {}
    for path in paths:
        page.goto(site_url.rstrip("/") + path)
        page.wait_for_load_state("load")
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}


def search_finds_renewing(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially("reinstatement", delay=30)
    expect(page.locator(".md-search-result__list")).to_contain_text("Renewing", timeout=10_000)


def test_search_finds_pages_offline(page: Page, site_url: str) -> None:
    search_finds_renewing(page, site_url)


def first_results(page: Page, site_url: str, query: str) -> list[str]:
    """The titles of the pages a search lists, in order."""
    page.goto(site_url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    search.press_sequentially(query, delay=30)
    items = page.locator(".md-search-result__item > .md-search-result__link h1")
    expect(items.first).to_be_visible(timeout=10_000)
    return [t.strip() for t in items.all_inner_texts()]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("late fee", {"Renewing your certification"}),
        ("CPR", {"Renewing your certification", "What counts"}),
        ("how many CECs", {"How many CECs do I need?"}),
    ],
)
def test_search_puts_the_answer_first(
    page: Page, site_url: str, query: str, first: set[str]
) -> None:
    titles = first_results(page, site_url, query)
    assert titles[0] in first, titles
    # Pages for the site's maintainers are not in the way of a trainer's question.
    assert not {"For maintainers", "Performance"} & set(titles), titles


def test_the_menu_is_for_trainers(page: Page, site_url: str) -> None:
    page.goto(site_url)
    menu = page.locator(".md-nav--primary")
    expect(menu).not_to_contain_text("For maintainers")
    expect(menu).not_to_contain_text("Performance")
    # Still one click away, from every page's footer.
    expect(page.get_by_role("link", name="For maintainers")).to_have_count(1)


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_home_page_answers_in_its_first_screen(
    page: Page, site_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url)
    table = page.get_by_role("table").first
    expect(table).to_contain_text("ACSM-CPT")
    cta = page.get_by_role("link", name="Open the calculator")
    for element in (table, cta):
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, (width, box)
    expect(page.get_by_role("heading", name="Three things to do to renew")).to_be_visible()
