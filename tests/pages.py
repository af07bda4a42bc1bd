"""The site's pages, known before it is built, so that checks can be parametrized by page: one
page per hand-written Markdown file under docs/ and one per page template in scripts/templates/.
tests/docs/test_quality.py checks this list against the built site's sitemap.

User pages are the ones written for fitness professionals: every page but the list of sources,
the calculator (its own tests cover it), and the two pages for maintainers.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent

NOT_USER_PAGES = ("/sources/", "/calculator/", "/maintainers/", "/performance/")


def _url_path(markdown: str) -> str:
    """'index.md' as '/', 'what-counts.md' as '/what-counts/' (MkDocs' directory URLs)."""
    parts = markdown.removesuffix(".md").split("/")
    if parts[-1] == "index":
        parts.pop()
    return "/" + "".join(f"{part}/" for part in parts)


def all_pages() -> list[str]:
    docs = ROOT / "docs"
    names = [str(p.relative_to(docs)) for p in docs.rglob("*.md")]
    names += [p.name.removesuffix(".j2") for p in (ROOT / "scripts" / "templates").glob("*.md.j2")]
    # ... and one per other certifying body (rules/<body>/body.yaml), from its own template.
    names += [f"bodies/{p.parent.name}.md" for p in (ROOT / "rules").glob("*/body.yaml")]
    return sorted({_url_path(name) for name in names})


def user_pages() -> list[str]:
    return [path for path in all_pages() if path not in NOT_USER_PAGES]


def sitemap_pages(site: Path) -> list[str]:
    """The paths the built site's sitemap lists (as tests/e2e/test_site_pages.py reads them)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    return [urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
