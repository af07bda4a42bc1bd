"""Tables are wrapped at build time (scripts/tables.py) and styled exactly as the theme styles the
tables it wraps itself."""

from __future__ import annotations

import re
from pathlib import Path

from scripts import tables
from tests.conftest import BuiltSite

ROOT = Path(__file__).resolve().parents[2]


def css_rules(css: str) -> set[tuple[tuple[str, ...], str, str]]:
    """(enclosing at-rules, selector, declarations) of every style rule, whitespace normalised."""

    def norm(text: str) -> str:
        text = re.sub(r"\s+", " ", text.strip())
        return re.sub(r"\s*([:;,>+{}])\s*", r"\1", text).rstrip(";")

    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found = set()
    stack: list[tuple[str, int]] = []
    start = 0
    for brace in re.finditer(r"[{}]", css):
        if brace.group() == "{":
            stack.append((norm(css[start : brace.start()]), brace.end()))
        else:
            selector, body = stack.pop()
            if not selector.startswith("@"):
                context = tuple(s for s, _ in stack)
                found.add((context, selector, norm(css[body : brace.start()])))
        start = brace.end()
    return found


def test_the_theme_leaves_no_table_to_wrap(built_site: BuiltSite) -> None:
    for page in built_site.path.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        bare = re.findall(r"<table(?![^>]*\bclass=)[^>]*>", html)
        assert not bare, page
        assert html.count(tables.OPEN + f'<table class="{tables.CLASS}"') == html.count("<table")


def test_site_css_styles_them_as_the_theme_would(built_site: BuiltSite) -> None:
    theme_css = next((built_site.path / "assets" / "stylesheets").glob("main.*.min.css"))
    theirs = {
        (ctx, sel.replace("table:not([class])", f"table.{tables.CLASS}"), body)
        for ctx, sel, body in css_rules(theme_css.read_text(encoding="utf-8"))
        if "table:not([class])" in sel
    }
    assert len(theirs) >= 10
    ours = css_rules((ROOT / "docs" / "assets" / "site.css").read_text(encoding="utf-8"))
    assert theirs - ours == set()
    assert {r for r in ours if f"table.{tables.CLASS}" in r[1]} - theirs == set()


def test_prewrap_wraps_only_tables_without_a_class() -> None:
    html = '<p>a</p><table id="t"><tr><td><table class="x"><tr><td>1</td></tr></table></td></tr></table><TABLE></TABLE>'
    assert tables.prewrap(html) == (
        f'<p>a</p>{tables.OPEN}<table class="{tables.CLASS}" id="t"><tr><td>'
        '<table class="x"><tr><td>1</td></tr></table></td></tr></table>'
        f'{tables.CLOSE}{tables.OPEN}<table class="{tables.CLASS}"></TABLE>{tables.CLOSE}'
    )
    assert tables.prewrap("no tables") == "no tables"
