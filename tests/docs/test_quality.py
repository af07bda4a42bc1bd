"""The words a reader sees on each user page, read from the built HTML (the page's <article>,
tags stripped): no "Source: source", no number glued to a word ("60CECs"), no sentence said twice
on one page, and none of the research notes' language.

One test per page (tests/pages.py); a page's test lists every problem it found on that page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import BuiltSite
from tests.pages import NOT_USER_PAGES, all_pages, sitemap_pages, user_pages

# Elements that end a run of text: what is on either side of them is never read as one phrase.
BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "desc",
    "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "label", "li", "main", "nav", "ol", "option", "p", "pre",
    "section", "select", "summary", "svg", "table", "tbody", "td", "text", "tfoot", "th", "thead",
    "title", "tr", "ul",
}  # fmt: skip
CELLS = {"td", "th"}
HIDDEN = {"script", "style", "template"}
CODE = {"code", "kbd", "pre", "samp"}
VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

# Words from the research notes that must never reach a reader.
RESEARCH = re.compile(r"could not be read|\bcut off\b|\bstaging\b|corkscrew|rebrandx", re.I)
# A number written against a word: "60CECs", "2.5hours". Two letters ("1st", "11:59PM") are fine.
GLUED = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*[A-Za-z]{3,}")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
SHORTEST_SENTENCE = 40


@dataclass
class Block:
    text: str  # whitespace collapsed
    prose: str  # the same, with code replaced by a space
    # Text that may repeat by design: a table cell ("three years", "see the providers below"), a
    # list item that starts with a link (a citation in a section's sources, a page in a menu).
    may_repeat: bool
    # False for an SVG picture's title and description: read out in place of the picture, not
    # shown, so they may say what the caption says.
    shown: bool


class PageText(HTMLParser):
    """The visible text of a page's <article>, as blocks, plus every "source" link's context."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.source_links: list[str] = []  # the text before each link that reads "source"
        self.tooltips: list[str] = []  # title attributes inside the article
        self._article = 0
        self._hidden = 0
        self._code = 0
        self._open: list[str] = []  # enclosing block elements
        self._run: list[tuple[str, bool]] = []  # (text, in code) since the last block boundary
        self._link_start: int | None = None
        self._skip_link = False
        self._leading_link = False

    def _joined(self, run: list[tuple[str, bool]]) -> str:
        return " ".join("".join(text for text, _ in run).split())

    def _flush(self) -> None:
        text = self._joined(self._run)
        if text:
            prose = " ".join("".join(" " if code else t for t, code in self._run).split())
            inner = self._open[-1] if self._open else ""
            may_repeat = any(tag in CELLS for tag in self._open) or (
                inner == "li" and self._leading_link
            )
            shown = not (inner in ("title", "desc") and "svg" in self._open)
            self.blocks.append(Block(text, prose, may_repeat, shown))
        self._run = []
        self._link_start = None
        self._leading_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self._article += 1
        if not self._article:
            return
        if tag in HIDDEN:
            self._hidden += 1
        if tag in CODE:
            self._code += 1
        if found.get("title"):
            self.tooltips.append(str(found["title"]))
        if tag in BLOCKS:
            self._flush()
            if tag not in VOID:
                self._open.append(tag)
        if tag == "a":
            # The "¶" permalink after each heading is not text anybody reads.
            self._skip_link = "headerlink" in (found.get("class") or "").split()
            self._link_start = len(self._run)
            if not self._joined(self._run):
                self._leading_link = True

    def handle_endtag(self, tag: str) -> None:
        if not self._article:
            return
        if tag == "a" and self._link_start is not None:
            before, link = self._run[: self._link_start], self._run[self._link_start :]
            if self._joined(link).lower() == "source":
                self.source_links.append(self._joined(before))
            self._link_start = None
        if tag == "a":
            self._skip_link = False
        if tag in BLOCKS:
            self._flush()
            if tag in self._open:
                del self._open[len(self._open) - 1 - self._open[::-1].index(tag) :]
        if tag in HIDDEN:
            self._hidden -= 1
        if tag in CODE:
            self._code -= 1
        if tag == "article":
            self._article -= 1

    def handle_data(self, data: str) -> None:
        if self._article and not self._hidden and not self._skip_link:
            self._run.append((data, self._code > 0))


def read(page: Path) -> PageText:
    parsed = PageText()
    parsed.feed(page.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def tail(text: str, width: int = 50) -> str:
    return text if len(text) <= width else "…" + text[-width:]


def problems(parsed: PageText) -> list[str]:
    found: list[str] = []
    for before in parsed.source_links:
        if re.search(r"\bSource:$", before):
            found.append(f'"Source: source": {tail(before)} [source]')
        elif re.search(r"\d$", before.rstrip("( ")):
            found.append(f'"source" as link text right after a number: {tail(before)} [source]')
    for block in parsed.blocks:
        for glued in GLUED.finditer(block.prose):
            token = next(t for t in block.prose.split() if glued.group() in t)
            if "://" not in token and "www." not in token and "@" not in token:
                found.append(f'number glued to a word: "{glued.group()}" in "{block.text}"')
        for note in RESEARCH.finditer(block.text):
            found.append(f'research-note language "{note.group()}": "{block.text}"')
    for title in parsed.tooltips:
        for note in RESEARCH.finditer(title):
            found.append(f'research-note language "{note.group()}" in a tooltip: "{title}"')
    seen: dict[str, list[bool]] = defaultdict(list)
    for block in (b for b in parsed.blocks if b.shown):
        for sentence in SENTENCE_END.split(block.text):
            if len(sentence) >= SHORTEST_SENTENCE:
                seen[sentence].append(block.may_repeat)
    for sentence, by_design in seen.items():
        if len(by_design) > 1 and not all(by_design):
            found.append(f'sentence repeated {len(by_design)} times: "{sentence}"')
    return found


def built_page(site: BuiltSite, path: str) -> Path:
    return site.path / path.lstrip("/") / "index.html"


def test_the_page_list_is_the_sitemap(built_site: BuiltSite) -> None:
    assert sorted(sitemap_pages(built_site.path)) == all_pages()
    assert set(NOT_USER_PAGES) <= set(all_pages())


@pytest.mark.parametrize("path", user_pages())
def test_page_text_reads_well(built_site: BuiltSite, path: str) -> None:
    parsed = read(built_page(built_site, path))
    assert len(parsed.blocks) > 5, f"{path}: no article text found"
    found = problems(parsed)
    assert not found, f"{path}: {len(found)} problem(s) in the text:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p>Source: <a href="x">source</a></p>', '"Source: source"'),
        ('<p>within 30 <span>(<a href="x">source</a>)</span> days</p>', "right after a number"),
        ("<p>ACSM-CEP <a><span>60</span></a>CECs per cycle</p>", '"60CECs"'),
        ("<p>It takes 2.5hours.</p>", '"2.5hours"'),
        ("<td>A staging copy</td>", '"staging"'),
        ('<p><span title="The page was cut off">unconfirmed</span></p>', "in a tooltip"),
        (
            "<p>Keep proof of every CEC for one year after you renew.</p><ul><li>"
            "Keep proof of every CEC for one year after you renew.</li></ul>",
            "repeated 2 times",
        ),
    ],
)
def test_each_check_finds_its_problem(html: str, expected: str) -> None:
    parsed = PageText()
    parsed.feed(f"<article>{html}</article>")
    found = problems(parsed)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize(
    "html",
    [
        "<p>The 1st, 2nd, 3rd and 4th years; by 11:59 PM; 11:59PM; 45 CECs in 3 years.</p>",
        "<p>In the final year (<a>source</a>) of the cycle; see <a>the sources</a>.</p>",
        "<table><tr><td>by February 4, 2015</td><td>45</td><td><a>source</a></td></tr></table>",
        '<p>See <a href="x">https://example.org/2025abc</a> and <code>sha256abc</code>.</p>',
        '<h2>Audits<a class="headerlink" href="#a">¶</a></h2><p>The cut-off date is December 31.</p>',
        "<table><tr><td>Fees rose; the new amounts are listed below.</td></tr>"
        "<tr><td>Fees rose; the new amounts are listed below.</td></tr></table>",
        "<p>Short sentence. Short sentence.</p>",
        '<ul><li><a href="https://acsm.org/r">ACSM Recertification</a> (American College of Sports Medicine, 2025)</li></ul>'
        '<ul><li><a href="https://acsm.org/r">ACSM Recertification</a> (American College of Sports Medicine, 2025)</li></ul>',
        "<figure><svg><title>t</title><desc>A cycle lasts three years and ends on December 31.</desc></svg>"
        "<figcaption>A cycle lasts three years and ends on December 31.</figcaption></figure>",
        "<p>Recertify / Renew (c. 2018) (American College of Sports Medicine) and (Oct. 2021) (American College of Sports Medicine)</p>",
    ],
)
def test_correct_text_passes(html: str) -> None:
    parsed = PageText()
    parsed.feed(f"<article>{html}</article>")
    assert problems(parsed) == []
