"""The weekly watch on the rules' sources (scripts/freshness.py), on the small fixture rule set
and saved copies of its pages: never the network, never the live rules."""

from __future__ import annotations

import http.server
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from calc.rulefiles import load_dir
from calc.rulefiles.load import load_all
from scripts import freshness

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "rules" / "fixtures" / "minimal"

# The fixture rules quote "The source's words." from both sources; two quotes are made apart
# here, one with typographic quotes as a maintainer might paste them.
SELECTION = "Members are chosen \u201cat random\u201d each year."
FEE = "The renewal fee is $60."
PAGE_A = """<!doctype html><html><head><title>Audits</title>
<style>p { color: red }</style><script>var s = "Members are chosen";</script></head>
<body><h1>Audits</h1><p>The source\u2019s words.</p>
<p>Members are chosen "at\u00a0random"
   each year.</p>
<table><tr><td>ACSM-CPT</td><td>45</td></tr></table></body></html>"""


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(MINIMAL, folder)
    shutil.copytree(ROOT / "rules" / "schema", folder / "schema")
    audits = folder / "acsm" / "audits.yaml"
    audits.write_text(
        audits.read_text().replace(
            "{value: At random., source: src-a, quote: The source's words.}",
            f'{{value: At random., source: src-a, quote: "{SELECTION}"}}',
        )
    )
    certs = folder / "acsm" / "certifications.yaml"
    certs.write_text(
        certs.read_text().replace(
            "{value: 60, source: src-b, quote: The source's words.}",
            f"{{value: 60, source: src-b, quote: {FEE}}}",
        )
    )
    # A third party, cited by a value already unconfirmed: listed to replace.
    sources = folder / "acsm" / "sources.yaml"
    sources.write_text(
        sources.read_text()
        + "  src-c:\n    title: A study guide\n    url: https://example.net/guide\n"
        "    publisher: Someone\n    kind: third-party\n    published: null\n"
        "    retrieved: 2026-01-01\n    confidence: low\n"
    )
    scope = folder / "acsm" / "categories.yaml"
    scope.write_text(
        scope.read_text().replace(
            "A recognized organization., source: src-b", "A recognized organization., source: src-c"
        )
    )
    load_dir(str(folder))  # the fixture still loads
    return folder


def pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (Helvetica), as a certificate or a fee sheet would be."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "src-a.html").write_text(PAGE_A, encoding="utf-8")
    (folder / "src-b.pdf").write_bytes(pdf(f"{FEE} The source's words."))
    (folder / "src-c.txt").write_text("Anything at all.", encoding="utf-8")
    # The demo body's own page, and the copy of it that confirms nothing.
    (folder / "demo-a.html").write_text("<p>The body\u2019s words.</p>", encoding="utf-8")
    (folder / "demo-copy.txt").write_text("A copy.", encoding="utf-8")
    return folder


def run(rules: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = freshness.main(["--rules", str(rules), "--today", "2026-12-07", *args])
    return code, capsys.readouterr().out


def test_every_quote_found_in_the_saved_pages(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run(rules, "--pages", str(pages), capsys=capsys)
    acsm, bodies = load_all(str(rules))
    quotes = len(freshness.quotes_of(acsm)) + len(freshness.quotes_of(bodies["demo"], "demo"))
    assert code == 0, report
    assert report.startswith("# Rule sources check, 2026-12-07\n")
    assert f"5 sources with an address: 5 read, 0 not. {quotes} quotes: {quotes} found" in report
    assert "## Quotes not found" not in report
    # The PDF is read: src-b's quotes stand in it alone.
    assert "| src-b | saved copy | 2 of 2 | not known |" in report


def test_a_quote_gone_from_its_page_names_the_source_the_value_and_the_file(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = pages / "src-a.html"
    page.write_text(page.read_text().replace("each year", "each month"), encoding="utf-8")
    code, report = run(rules, "--pages", str(pages), capsys=capsys)
    assert code == 1
    missing = report.split("## Quotes not found\n\n")[1].split("\n\n")[0]
    assert missing == (
        f'- **src-a** (https://example.org/a): "{SELECTION}"  \n'
        "  rests on it: `audits.selection` = At random. (from 2019-01-01) in rules/acsm/audits.yaml"
    )


def test_a_third_party_source_is_listed_to_replace(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = run(rules, "--pages", str(pages), capsys=capsys)
    assert "## To replace with an ACSM source" in report
    assert "- **src-c** (third-party): `scope.awarded_by`" in report
    assert "**src-a** (acsm)" not in report


def test_a_saved_copy_missing_is_a_page_not_read(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "src-b.pdf").unlink()
    code, report = run(rules, "--pages", str(pages), capsys=capsys)
    assert code == 1
    assert "- **src-b** (https://example.org/b): no saved copy (src-b.html, .pdf or .txt)" in report
    assert (
        "| src-b | no saved copy (src-b.html, .pdf or .txt) | not checked | not known |" in report
    )


def test_typography_is_not_a_change_but_words_are(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(rules, "--pages", str(pages), "--mark-verified", capsys=capsys)
    assert code == 0
    sources = (rules / "acsm" / "sources.yaml").read_text()
    assert sources.startswith("last_verified: 2026-12-07\n")
    assert sources.count("    retrieved: 2026-12-07\n    page_sha256: ") == 3
    # Another body's sources are marked in its own file.
    demo = (rules / "demo" / "sources.yaml").read_text()
    assert demo.startswith("last_verified: 2026-12-07\n")
    assert demo.count("    retrieved: 2026-12-07\n    page_sha256: ") == 2
    load_dir(str(rules))  # still valid rules
    page = pages / "src-a.html"
    # Curly quotes made straight, a non-breaking space made plain, lines rewrapped: the same.
    page.write_text(
        PAGE_A.replace("\u2019", "'").replace("\u00a0", " ").replace("\n   each", " each"),
        encoding="utf-8",
    )
    _, report = run(rules, "--pages", str(pages), capsys=capsys)
    assert "## Pages changed" not in report
    assert re.search(r"\| src-a \| saved copy \| (\d+) of \1 \| no \|", report), report
    page.write_text(PAGE_A.replace("<h1>Audits</h1>", "<h1>Audits, 2027</h1>"), encoding="utf-8")
    code, report = run(rules, "--pages", str(pages), capsys=capsys)
    assert code == 0  # every quote still stands: a change to read, not a failure
    assert (
        "- **src-a** (https://example.org/a), last verified 2026-12-07: its quotes still found"
        in report
    )


def test_mark_verified_leaves_a_source_with_a_missing_quote_alone(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = pages / "src-a.html"
    page.write_text(page.read_text().replace("each year", "each month"), encoding="utf-8")
    before = (rules / "acsm" / "sources.yaml").read_text()
    code, _ = run(rules, "--pages", str(pages), "--mark-verified", capsys=capsys)
    after = (rules / "acsm" / "sources.yaml").read_text()
    assert code == 1
    assert after.startswith("last_verified: 2026-01-01\n")  # not every quote was found
    src_a = after.split("  src-a:\n")[1].split("  src-b:")[0]
    assert src_a == before.split("  src-a:\n")[1].split("  src-b:")[0]
    assert "page_sha256" in after.split("  src-b:\n")[1]


@pytest.fixture
def server() -> Iterator[str]:
    """A local web server: /a the page, /gone a 404, /slow answers after the test's timeout."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/slow":
                time.sleep(2)
            if self.path in ("/a", "/slow"):
                body = PAGE_A.encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # /slow: the check gave up waiting, as it should
                return
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_gone_or_too_slow_is_reported_not_a_crash(
    rules: Path, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sources = rules / "acsm" / "sources.yaml"
    sources.write_text(
        sources.read_text()
        .replace("https://example.org/a", f"{server}/a")
        .replace("https://example.org/b", f"{server}/gone")
        .replace("https://example.net/guide", f"{server}/slow")
    )
    code, report = run(rules, "--timeout", "0.5", capsys=capsys)
    assert code == 1
    assert f"- **src-b** ({server}/gone): HTTP 404; cited by" in report
    assert f"- **src-c** ({server}/slow): timed out after 0.5 s; cited by `scope.awarded_by`" in (
        report
    )
    assert re.search(r"\| src-a \| 200 \| (\d+) of \1 \| not known \|", report), report


def test_the_request_names_the_project(server: str) -> None:
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("User-Agent", ""))
            self.send_error(410)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.handle_request, daemon=True).start()
    page = freshness.fetch(f"http://127.0.0.1:{httpd.server_address[1]}/x", 5)
    httpd.server_close()
    assert (page.text, page.status, page.gone) == (None, "HTTP 410", True)
    assert seen == [freshness.USER_AGENT] and "CEC-Guide" in seen[0]


@pytest.mark.parametrize(
    ("quote", "text", "found"),
    [
        ("ACSM-CPT | 45 | $60", "<td>ACSM-CPT</td> <td>45</td> <td>$60</td>", True),
        ("earn up to 8 CECs ... per year", "earn up to 8 CECs by volunteering per year", True),
        ("per year ... earn up to 8 CECs", "earn up to 8 CECs by volunteering per year", False),
        ("\u201cC\u201d or better", 'a grade of "C" or better', True),
        ("3-year cycle", "3\u2013year cycle", True),
        ("45 CECs", "4 5 CECs", False),
    ],
)
def test_what_counts_as_the_same_words(quote: str, text: str, found: bool) -> None:
    assert freshness.found_in(quote, freshness.normalise(freshness.html_text(text))) is found


def test_it_cannot_run_without_its_rules_or_pages(
    tmp_path: Path, rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert freshness.main(["--rules", str(tmp_path / "none")]) == 2
    assert "the rule files have problems" in capsys.readouterr().err
    assert freshness.main(["--rules", str(rules), "--pages", str(tmp_path / "none")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert freshness.main(["--rules", str(rules), "--today", "soon"]) == 2
    assert "write the day as YYYY-MM-DD" in capsys.readouterr().err


def test_another_bodys_quote_gone_names_its_own_file(
    rules: Path, pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "demo-a.html").write_text("<p>Other words.</p>", encoding="utf-8")
    code, report = run(rules, "--pages", str(pages), capsys=capsys)
    assert code == 1
    missing = report.split("## Quotes not found\n\n")[1].split("\n\n")[0]
    assert missing.startswith('- **demo-a** (https://example.org/demo): "The body\'s words."  \n')
    assert (
        "  rests on it: `demo.body.unit.per_hour` = 0.1 (from 2024-01-01) in rules/demo/body.yaml"
        in missing
    )
