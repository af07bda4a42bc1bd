"""The audit packet's summary page as an auditor reads it, and the page's list of stored files at
its limits: the parts of the page in their order and nothing between them, a renewal's day, an
untitled activity, the rules' sources (each once, marked when unconfirmed, a link only when a web
address), and the sentences refusing a list of files that does not fit the log.

The log and the helpers that read the page come from test_packet.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from calc import bridge
from calc.model import Rules
from calc.packet import MAX_FILE_NAME, MAX_FILES, StoredFile, read_files
from tests.unit.test_packet import (
    PROFILE,
    SUMMIT,
    WORKSHOP,
    Node,
    facts,
    made,
    page,
    pdf,
    table_lines,
)


@pytest.fixture(autouse=True)
def loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"] is True


# --- The page's parts, in the order an auditor reads them ---

# The elements whose text the page shows; anything else holds only other elements.
TEXT_HOLDERS = {"title", "style", "h1", "h2", "dt", "dd", "th", "td", "p", "li", "a"}


def parts(node: Node) -> list[str]:
    """The elements right inside ``node``, as ``tag`` or ``tag.class``."""
    return [
        f"{c.tag}.{c.attrs['class']}" if c.attrs.get("class") else c.tag
        for c in node.children
        if isinstance(c, Node)
    ]


def stray_text(node: Node) -> list[tuple[str, str]]:
    """Text outside the headings, facts, cells, paragraphs and list items: (where, what)."""
    found = []
    for c in node.children:
        if isinstance(c, Node):
            found += stray_text(c)
        elif c.strip() and node.tag not in TEXT_HOLDERS:
            found.append((node.tag, c))
    return found


def test_the_page_is_its_parts_in_order_with_nothing_between_them() -> None:
    doc = page(made()["html"]).root
    assert stray_text(doc) == []
    assert parts(doc) == ["html"]
    html = doc.one("html")
    assert parts(html) == ["head", "body"]
    assert parts(html.one("head")) == ["meta", "meta", "title", "style"]
    assert parts(html.one("body")) == ["main", "footer"]
    assert parts(doc.one("main")) == [
        "h1",
        "dl.facts",
        "h2",
        "table.lines",
        "p.left-out",
        "h2",
        "p.attestation",
        "div.signature",
        "p.not-acsm",
        "h2",
        "ul.sources",
    ]
    # Every fact, header, line and source is a whole element of its own.
    assert [parts(div) for div in doc.one("dl").all("div")] == [["dt", "dd"]] * 10
    assert parts(doc.one("thead").one("tr")) == ["th"] * 7
    assert [len(parts(tr)) for tr in doc.one("tbody").all("tr")] == [7] * 4
    assert parts(doc.one("ul", "sources")) == ["li", "li"]


def test_a_page_with_no_line_and_no_source_has_nothing_between_its_parts() -> None:
    doc = page(made([SUMMIT], [[pdf("ticket.pdf")]])["html"]).root
    assert stray_text(doc) == []
    assert parts(doc.one("main")) == [
        "h1",
        "dl.facts",
        "h2",
        "p.none",
        "p.left-out",
        "h2",
        "p.attestation",
        "div.signature",
        "p.not-acsm",
    ]


def test_without_a_name_the_page_is_titled_plainly() -> None:
    profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
    doc = page(made(profile=profile)["html"]).root
    assert doc.one("title").text() == "ACSM continuing education: audit packet"


# --- Facts and lines ---


def test_a_renewal_day_is_a_fact_in_words_after_the_cpr_card() -> None:
    profile = {**PROFILE, "renewed_on": "2026-04-01"}
    shown = facts(page(made([WORKSHOP], [[]], profile)["html"]).root)
    assert shown["Renewed on"] == "April 1, 2026"
    assert list(shown)[-4:] == [
        "CPR/AED card expires",
        "Renewed on",
        "Made on",
        "Rules last verified",
    ]


def test_a_profile_without_a_renewal_day_has_no_such_fact() -> None:
    shown = facts(page(made([WORKSHOP], [[]])["html"]).root)
    assert "Renewed on" not in shown


@pytest.mark.parametrize(
    "title",
    ["", "\u202e\u200b", "\x07"],
    ids=["empty", "only invisible characters", "a control character"],
)
def test_an_activity_whose_title_shows_nothing_is_untitled(title: str) -> None:
    answer = made([{**WORKSHOP, "title": title}], [[pdf("cert.pdf")]])
    assert table_lines(page(answer["html"]).root)[0][2] == "(untitled)"
    assert [f["name"] for f in answer["files"]] == ["01-2025-03-01-untitled.pdf"]


def test_half_an_emoji_is_not_shown_and_the_page_is_valid_utf8() -> None:
    # A name or title cut in the middle of an emoji (U+1F600 is "\ud83d\ude00" in JSON) leaves
    # a lone surrogate, which no UTF-8 file can hold.
    profile = {**PROFILE, "name": "Dana \ud83d Reyes"}
    workshop = {**WORKSHOP, "title": "Strength \ude00workshop"}
    html = made([workshop], [[]], profile)["html"]
    assert html.encode("utf-8")
    doc = page(html).root
    assert facts(doc)["Name"] == "Dana Reyes"
    assert table_lines(doc)[0][2] == "Strength workshop"


# --- The rules' sources ---


def sources(doc: Node) -> tuple[list[str], list[str | None]]:
    """The sources' lines as read, and the addresses they link to."""
    listed = doc.one("ul", "sources")
    return [li.text() for li in listed.all("li")], [a.attrs["href"] for a in listed.all("a")]


def test_each_source_is_listed_once_in_the_order_first_cited_and_links_to_its_page(
    rules: Rules,
) -> None:
    faq = rules.sources["acsm-faq12"]
    blog = rules.sources["acsm-blog-earning-2019"]
    assert faq.url.startswith("http://") and blog.url.startswith("https://")
    # The workshop's line cites FAQ 12 first; the blog comes next, and both again later.
    assert sources(page(made()["html"]).root) == (
        [f"{faq.title}: {faq.url}", f"{blog.title}: {blog.url}"],
        [faq.url, blog.url],
    )


def test_a_source_is_unconfirmed_if_any_line_cites_it_for_an_unconfirmed_rule(
    rules: Rules,
) -> None:
    # ACSM's 2025 page: CPR courses count (confirmed) up to 5 CECs a year (unconfirmed); the
    # committee service after it cites only confirmed rules of the same page.
    cpr = {
        "date": "2025-03-01",
        "title": "CPR course",
        "provider": "other",
        "organization": "Red Cross",
        "amount": "4",
        "unit": "hour",
        "category": "cpr",
    }
    committee = {
        "date": "2025-04-10",
        "title": "Committee service",
        "provider": "acsm",
        "amount": "8",
        "category": "committee",
        "service_from": "2024-04-11",
        "service_to": "2025-04-10",
    }
    page_2025 = rules.sources["acsm-recertification-2025"]
    for log in ([cpr, committee], [committee, cpr]):
        listed, _ = sources(page(made(log, [[], []])["html"]).root)
        assert f"{page_2025.title} (unconfirmed): {page_2025.url}" in listed
        assert not any(item.startswith(f"{page_2025.title}:") for item in listed)
    listed, _ = sources(page(made([committee], [[]])["html"]).root)
    assert f"{page_2025.title}: {page_2025.url}" in listed


def test_a_source_address_that_is_not_a_web_address_is_shown_but_not_a_link(
    bundle: dict[str, Any], rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only http:// and https:// addresses are links: a javascript: one, in a bundle that
    skipped the rules' schema, would run when clicked."""
    monkeypatch.setattr(bridge, "_calculator", bridge._calculator)  # the real rules back after
    odd = copy.deepcopy(bundle)
    odd["sources"]["acsm-faq12"]["url"] = "javascript:alert(1)"
    assert json.loads(bridge.load_rules(json.dumps(odd)))["ok"] is True
    faq = rules.sources["acsm-faq12"]
    blog = rules.sources["acsm-blog-earning-2019"]
    assert sources(page(made()["html"]).root) == (
        [f"{faq.title}: javascript:alert(1)", f"{blog.title}: {blog.url}"],
        [blog.url],
    )


# --- The list of stored files, at its limits ---


@pytest.mark.parametrize(
    ("files_text", "count", "message"),
    [
        ("[[], []]", 1, "The certificate files list has 2 entries, but the log has 1 activity"),
        ("[]", 2, "The certificate files list has 0 entries, but the log has 2 activities"),
        ("[[]]", 2, "The certificate files list has 1 entry, but the log has 2 activities"),
    ],
)
def test_a_list_of_files_not_one_per_activity_says_both_counts(
    files_text: str, count: int, message: str
) -> None:
    assert read_files(files_text, count) == f"{message}: there must be one entry per activity."


def test_an_activity_may_have_up_to_100_files() -> None:
    assert MAX_FILES == 100
    hundred = [{"name": f"page {n}.jpg"} for n in range(100)]
    read = read_files(json.dumps([hundred]), 1)
    assert isinstance(read, list) and len(read[0]) == 100
    assert read_files(json.dumps([[], [*hundred, {"name": "one more.jpg"}]]), 2) == (
        "Activity 2 has 101 files; at most 100 are supported."
    )


def test_a_file_name_may_have_up_to_1000_characters() -> None:
    assert MAX_FILE_NAME == 1000
    longest = "a" * 996 + ".pdf"
    assert read_files(json.dumps([[{"name": longest}]]), 1) == [[StoredFile(longest)]]
    assert read_files(json.dumps([[{"name": "a" + longest}]]), 1) == (
        "Certificate file 1 of activity 1 must have a name of at most 1000 characters."
    )


def test_each_file_is_read_with_its_name_type_and_size() -> None:
    text = json.dumps(
        [[pdf("certificate.pdf"), {"name": "IMG_0042.JPG", "type": "image/jpeg", "size": 0}]]
    )
    assert read_files(text, 1) == [
        [
            StoredFile("certificate.pdf", "application/pdf", 12345),
            StoredFile("IMG_0042.JPG", "image/jpeg", 0),
        ]
    ]
