"""The built site as files: every page says when the rules were checked, every link lands."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.conftest import BuiltSite


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src"):
            if found.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(str(found[name]))


def parse(path: Path) -> _Collect:
    collector = _Collect()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def html_pages(site: BuiltSite) -> list[Path]:
    return sorted(p for p in site.path.rglob("*.html") if p.name != "404.html")


def test_every_page_says_when_the_rules_were_verified(built_site: BuiltSite) -> None:
    pages = html_pages(built_site)
    assert len(pages) >= 11
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r"Rules last verified on [A-Z][a-z]+ \d{1,2}, \d{4}\.", text), page
        assert '<meta name="description" content="' in text, page


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite) -> None:
    parsed = {page: parse(page) for page in built_site.path.rglob("*.html")}
    checked = 0
    for page, found in parsed.items():
        base = built_site.url + str(page.relative_to(built_site.path)).replace("index.html", "")
        for link in found.links:
            url = urlsplit(urljoin(base, link))
            if f"{url.scheme}://{url.netloc}/" != built_site.url:
                continue  # an external source link: it is a citation, not part of the site
            target = built_site.path / unquote(url.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page}: {link}"
            if url.fragment and target.suffix == ".html":
                assert url.fragment in parsed[target].ids, f"{page}: {link}"
            checked += 1
    assert checked > 200


def test_search_index_is_built_with_every_page(built_site: BuiltSite) -> None:
    index = (built_site.path / "search" / "search_index.json").read_text(encoding="utf-8")
    for title in ("How many CECs do I need?", "Audits", "Units and provider conventions"):
        assert title in index


def test_the_site_ships_its_own_pyodide_and_calc(built_site: BuiltSite) -> None:
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert (built_site.path / "assets" / "pyodide" / name).is_file()
    assert (built_site.path / "assets" / "calculator" / "calc.zip").is_file()
    assert (built_site.path / "assets" / "rules.json").is_file()


def test_the_standard_library_comes_in_two_and_the_second_is_never_fetched_ahead(
    built_site: BuiltSite,
) -> None:
    import zipfile

    from scripts import pyodide_files

    runtime = built_site.path / "assets" / "pyodide"
    first = zipfile.ZipFile(runtime / "python_stdlib.zip").namelist()
    second = zipfile.ZipFile(runtime / "python_stdlib_more.zip").namelist()
    stock = zipfile.ZipFile(pyodide_files.PACKAGE / "python_stdlib.zip").namelist()
    # What Pyodide and calc import, as bytecode only, with the finder of the rest...
    assert all(name.endswith(".pyc") for name in first)
    assert "_stdlib_more.pyc" in first and "json/decoder.pyc" in first
    assert "decimal.pyc" in first and "datetime.pyc" in first
    # ... the rest as source: each module in one of the two, but for the packages no path of the
    # calculator can reach (scripts/compile_python.mjs).
    packed = {n.removesuffix(".pyc") for n in first}
    more = {n.removesuffix(".py") for n in second}
    assert not packed & more
    left_out = {n.removesuffix(".py") for n in stock if n.endswith(".py")} - packed - more
    assert {name.split("/")[0] for name in left_out} == {
        *("_pyrepl", "bdb", "doctest", "email", "ftplib", "http", "imaplib", "mailbox"),
        *("multiprocessing", "pdb", "pickletools", "poplib", "pydoc", "smtplib"),
        *("tarfile", "unittest", "wsgiref", "xml", "xmlrpc"),
    }
    assert "difflib.py" in second
    # calc as bytecode, without what the page never imports.
    calc = zipfile.ZipFile(built_site.path / "assets" / "calculator" / "calc.zip").namelist()
    assert "calc/bridge.pyc" in calc and "calc/engine.pyc" in calc
    assert all(name.endswith(".pyc") for name in calc)
    assert not [n for n in calc if n.startswith(("calc/cli", "calc/__main__", "calc/rulefiles"))]
    # The service worker keeps the runtime once the calculator has loaded it, but this one only
    # if it was ever fetched.
    sw = (built_site.path / "sw.js").read_text(encoding="utf-8")
    runtime_list = json.loads(re.search(r"const RUNTIME = (\[.*?\]);", sw).group(1))
    assert "assets/pyodide/python_stdlib.zip" in runtime_list
    assert not [name for name in runtime_list if "python_stdlib_more" in name]


def test_every_page_carries_the_content_security_policy(built_site: BuiltSite) -> None:
    from scripts.security import inline_script_hashes

    pages = sorted(built_site.path.rglob("*.html"))
    every_hash = set().union(*(inline_script_hashes(p.read_text(encoding="utf-8")) for p in pages))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert found, page
        # Before any script, or it would not govern it.
        assert found.start() < text.index("<script")
        directives = dict(d.strip().split(" ", 1) for d in found.group(1).split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'self'"
        sources = directives["script-src"].split()
        assert sources[:2] == ["'self'", "'wasm-unsafe-eval'"]
        assert set(sources[2:]) == every_hash
        assert "'unsafe-eval'" not in found.group(1) and "'unsafe-inline'" not in found.group(1)


def test_the_service_worker_is_versioned_and_lists_the_pages(built_site: BuiltSite) -> None:
    text = (built_site.path / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]{16})";', text)
    assert version
    files = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text).group(1))  # type: ignore[union-attr]
    assert {
        "./",
        "calculator/",
        "assets/calculator/calc.zip",
        "assets/rules.json",
        "sitemap.xml",
    } <= set(files)
    assert not any(f.startswith("assets/pyodide/") for f in files)
    # Nothing a visitor never asks for: source maps, search languages other than English.
    assert (built_site.path / "assets/javascripts/lunr/wordcut.js").is_file()
    assert not [f for f in files if f.endswith(".map") or "/lunr/" in f]
    for f in files:
        assert (built_site.path / (f + "index.html" if f.endswith("/") else f)).is_file(), f
