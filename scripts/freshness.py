"""Do the sources still say what the rules quote? (``make freshness``; weekly in CI.)

For every source in ``rules/*/sources.yaml`` (ACSM's and every other body's) with an address,
fetch the page (one request per host
at a time, with a timeout and a user agent naming the project), turn HTML or PDF into text,
normalise what typography changes (whitespace, curly quotes, dashes, table rules) and look for
every ``quote`` that cites the source. Print a Markdown report: each source reachable or not,
each quote found or missing (with the value and the rule file resting on it), whether the page's
text changed since the last check (``page_sha256`` in sources.yaml), and the values resting on a
copy of ACSM's site or a third party, to replace with an ACSM source.

    python -m scripts.freshness [--rules DIR] [--pages DIR] [--timeout S] [--mark-verified]
                                [--today YYYY-MM-DD] [--report FILE]

``--pages DIR`` reads saved copies (``DIR/SOURCE_ID.html``, ``.pdf`` or ``.txt``) instead of the
network: for the tests, and to review a page saved by hand. ``--mark-verified`` writes, for each
source whose quotes were all found, its ``retrieved`` day and ``page_sha256``; and
``last_verified`` when every quote was found. Exit 0: every quote found; 1: a quote is missing
or a page is gone; 2: the check could not run (the rules do not load, a bad argument).

The watch tells a maintainer; it never changes a rule value (docs/maintainers.md).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import sys
import unicodedata
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calc.rulefiles import RulesError  # noqa: E402
from calc.rulefiles.load import ACSM, load_all  # noqa: E402

REPOSITORY = "https://github.com/cec-guide/cec-guide"
USER_AGENT = f"CEC-Guide-freshness/1 (+{REPOSITORY}; checks that rule quotes still stand)"
TIMEOUT = 30.0
# Sources whose word alone confirms nothing (sources.yaml's kind): listed apart, to replace.
UNSURE_KINDS = ("acsm-copy", "third-party")

# --- Text -------------------------------------------------------------------------------------

# What typography changes and the words do not: curly quotes, dashes, spaces of every width, the
# rules between table cells (a quote from a table reads "ACSM-CPT | 45 | $60"), soft hyphens.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "|": " ",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)
_ELLIPSIS = re.compile(r"\s*\.\.\.\s*")


def normalise(text: str) -> str:
    """Text as compared: NFKC (non-breaking spaces, the ellipsis character), plain quotes and
    dashes, no table rules, single spaces, any case."""
    plain = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(plain.split()).casefold()


def found_in(quote: str, text: str) -> bool:
    """Whether the quote's words stand in the (normalised) text: a quote shortened with "..."
    is found when its pieces stand in that order."""
    at = 0
    for piece in _ELLIPSIS.split(normalise(quote)):
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


class _Text(HTMLParser):
    """A page's readable text: no scripts, styles or templates; blocks and cells apart."""

    SKIP: ClassVar = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    BREAK: ClassVar = frozenset(
        [
            "p",
            "div",
            "br",
            "li",
            "tr",
            "td",
            "th",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "section",
            "article",
            "header",
            "footer",
            "table",
            "ul",
            "ol",
            "dt",
            "dd",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BREAK:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAK:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # a dependency of this check only

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def page_text(data: bytes, kind: str) -> str:
    """The text of a page by its kind: "pdf", "html" or "txt"."""
    if kind == "pdf":
        return pdf_text(data)
    words = data.decode("utf-8", errors="replace")
    return html_text(words) if kind == "html" else words


# --- Fetching -----------------------------------------------------------------------------------


@dataclass
class Page:
    """What reading a source gave: its normalised text, or why there is none."""

    text: str | None
    status: str  # "200", "404", "timed out after 30 s", "saved copy", "no saved copy"...
    gone: bool = False  # a page that answers but is not there (404, 410) or cannot be read

    @property
    def sha256(self) -> str | None:
        return hashlib.sha256(self.text.encode()).hexdigest() if self.text is not None else None


def _kind_of(content_type: str, url: str, data: bytes) -> str:
    if "pdf" in content_type or url.lower().endswith(".pdf") or data.startswith(b"%PDF"):
        return "pdf"
    return "html" if "html" in content_type or b"<" in data[:1024] else "txt"


def fetch(url: str, timeout: float) -> Page:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            data = answer.read()
            kind = _kind_of(answer.headers.get("Content-Type", ""), url, data)
            return Page(normalise(page_text(data, kind)), str(answer.status))
    except urllib.error.HTTPError as error:
        return Page(None, f"HTTP {error.code}", gone=True)
    except TimeoutError:
        return Page(None, f"timed out after {timeout:g} s", gone=True)
    except urllib.error.URLError as error:
        why = error.reason
        if isinstance(why, TimeoutError):
            return Page(None, f"timed out after {timeout:g} s", gone=True)
        return Page(None, f"not reachable ({why})", gone=True)
    except (OSError, ValueError) as error:  # a reset connection, a PDF that cannot be read
        return Page(None, f"could not be read ({error})", gone=True)


def saved(folder: Path, sid: str) -> Page:
    for kind in ("html", "pdf", "txt"):
        path = folder / f"{sid}.{kind}"
        if path.is_file():
            try:
                return Page(normalise(page_text(path.read_bytes(), kind)), "saved copy")
            except (OSError, ValueError) as error:
                return Page(None, f"saved copy could not be read ({error})", gone=True)
    return Page(None, f"no saved copy ({sid}.html, .pdf or .txt)", gone=True)


def read_all(
    sources: dict[str, dict[str, Any]], pages: Path | None, timeout: float
) -> dict[str, Page]:
    """Every source's page; from the network, one request per host at a time (hosts in
    parallel), or from saved copies."""
    if pages is not None:
        return {sid: saved(pages, sid) for sid in sources}
    by_host: dict[str, list[str]] = defaultdict(list)
    for sid, source in sources.items():
        by_host[urlsplit(source["url"]).netloc.lower()].append(sid)

    def host(ids: list[str]) -> list[tuple[str, Page]]:
        return [(sid, fetch(sources[sid]["url"], timeout)) for sid in ids]

    with ThreadPoolExecutor(max_workers=4) as pool:
        return {sid: page for done in pool.map(host, by_host.values()) for sid, page in done}


# --- What the rules quote -----------------------------------------------------------------------


@dataclass(frozen=True)
class Quote:
    source: str
    words: str
    rule: str  # "certifications.cpt.renewal_fee_usd"
    since: str  # the entry's day
    value: Any
    status: str
    body: str = ACSM  # the folder of rules/ it is in

    @property
    def file(self) -> str:
        if self.body != ACSM:
            return f"rules/{self.body}/body.yaml"
        return f"rules/{ACSM}/{self.rule.split('.')[0]}.yaml"

    def place(self) -> str:
        value = "null" if self.value is None else self.value
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        value = str(value)
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"`{self.rule}` = {shown} (from {self.since}) in {self.file}"


def dated_rules(node: Any) -> Iterator[dict[str, Any]]:
    """Every dated rule of the bundle (a mapping with "rule" and "entries")."""
    if isinstance(node, dict):
        if "rule" in node and "entries" in node:
            yield node
            return
        for value in node.values():
            yield from dated_rules(value)
    elif isinstance(node, list):
        for value in node:
            yield from dated_rules(value)


def quotes_of(bundle: dict[str, Any], body: str = ACSM) -> list[Quote]:
    return [
        Quote(e["source"], e["quote"], rule["rule"], e["from"], e["value"], e["status"], body)
        for key, part in bundle.items()
        if key != "sources"
        for rule in dated_rules(part)
        for e in rule["entries"]
        if e.get("quote")
    ]


def resting_on(bundle: dict[str, Any]) -> dict[str, list[str]]:
    """The rules each source is cited by (any entry, quoted or not)."""
    cited: dict[str, list[str]] = defaultdict(list)
    for key, part in bundle.items():
        if key == "sources":
            continue
        for rule in dated_rules(part):
            for e in rule["entries"]:
                if rule["rule"] not in cited[e["source"]]:
                    cited[e["source"]].append(rule["rule"])
    return cited


# --- The report ----------------------------------------------------------------------------------


@dataclass
class Check:
    day: date
    sources: dict[str, dict[str, Any]]
    pages: dict[str, Page]
    quotes: list[Quote]
    cited: dict[str, list[str]]
    missing: list[Quote] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.missing = [
            q
            for q in self.quotes
            if (text := self.pages[q.source].text) is not None and not found_in(q.words, text)
        ]

    @property
    def gone(self) -> list[str]:
        return [sid for sid, page in self.pages.items() if page.gone]

    def changed(self, sid: str) -> bool | None:
        """Whether the page's text differs from the last verified one (None: never verified or
        not read now)."""
        before = self.sources[sid].get("page_sha256")
        now = self.pages[sid].sha256
        return None if before is None or now is None else before != now

    def verified(self, sid: str) -> bool:
        """A page read whose quotes are all found."""
        return not self.pages[sid].gone and not any(q.source == sid for q in self.missing)

    @property
    def exit_code(self) -> int:
        return 1 if self.missing or self.gone else 0

    def report(self) -> str:
        quoted = defaultdict(list)
        for q in self.quotes:
            quoted[q.source].append(q)
        reachable = len(self.sources) - len(self.gone)
        lines = [
            f"# Rule sources check, {self.day.isoformat()}",
            "",
            f"{len(self.sources)} sources with an address: {reachable} read, "
            f"{len(self.gone)} not. {len(self.quotes)} quotes: "
            f"{len(self.quotes) - len(self.missing)} found, {len(self.missing)} missing"
            + (
                f", {sum(len(quoted[s]) for s in self.gone)} not checked (page not read)."
                if self.gone
                else "."
            ),
        ]
        if self.missing:
            lines += ["", "## Quotes not found", ""]
            lines += [
                f'- **{q.source}** ({self.sources[q.source]["url"]}): "{q.words}"  \n'
                f"  rests on it: {q.place()}"
                for q in self.missing
            ]
        if self.gone:
            lines += ["", "## Pages not read", ""]
            for sid in self.gone:
                rules = ", ".join(f"`{r}`" for r in self.cited.get(sid, [])) or "no rule"
                lines.append(
                    f"- **{sid}** ({self.sources[sid]['url']}): {self.pages[sid].status}; "
                    f"cited by {rules}"
                )
        changed = [sid for sid in self.sources if self.changed(sid)]
        if changed:
            lines += ["", "## Pages changed since the last check", ""]
            for sid in changed:
                missing = sum(1 for q in self.missing if q.source == sid)
                verdict = f"{missing} quote(s) missing" if missing else "its quotes still found"
                lines.append(
                    f"- **{sid}** ({self.sources[sid]['url']}), last verified "
                    f"{self.sources[sid]['retrieved']}: {verdict}"
                )
        unsure = [s for s, src in self.sources.items() if src["kind"] in UNSURE_KINDS]
        if unsure:
            lines += ["", "## To replace with an ACSM source", ""]
            lines += [
                "Values resting on a copy of ACSM's site or a third party are never shown as "
                "confirmed; an ACSM page saying the same would confirm them.",
                "",
            ]
            for sid in unsure:
                rules = ", ".join(f"`{r}`" for r in self.cited.get(sid, [])) or "no rule"
                lines.append(f"- **{sid}** ({self.sources[sid]['kind']}): {rules}")
        lines += ["", "## Every source", "", "| source | page | quotes found | changed |"]
        lines.append("|---|---|---|---|")
        for sid in self.sources:
            mine = quoted.get(sid, [])
            missing = sum(1 for q in self.missing if q.source == sid)
            count = (
                "not checked" if self.pages[sid].gone else f"{len(mine) - missing} of {len(mine)}"
            )
            change = {True: "yes", False: "no", None: "not known"}[self.changed(sid)]
            lines.append(f"| {sid} | {self.pages[sid].status} | {count} | {change} |")
        return "\n".join(lines) + "\n"


def check(
    bundle: dict[str, Any],
    pages: Path | None,
    timeout: float,
    day: date,
    bodies: dict[str, dict[str, Any]] | None = None,
) -> Check:
    """ACSM's quotes and every other body's (``bodies``, from ``load_all``) against their pages."""
    bodies = bodies or {}
    everyone = [bundle, *bodies.values()]
    sources = {sid: s for part in everyone for sid, s in part["sources"].items() if s.get("url")}
    quotes = quotes_of(bundle) + [q for bid, b in bodies.items() for q in quotes_of(b, bid)]
    cited: dict[str, list[str]] = {}
    for part in everyone:
        cited.update(resting_on(part))
    return Check(day, sources, read_all(sources, pages, timeout), quotes, cited)


# --- Marking what was verified -------------------------------------------------------------------


def mark_verified(path: Path, result: Check) -> list[str]:
    """Write ``retrieved`` and ``page_sha256`` for each source of the file at ``path`` whose
    quotes were all found, and ``last_verified`` when every one was; line by line, so comments
    and layout stay. Returns the sources marked."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    listed = {m[1] for line in lines if (m := re.match(r"^  ([a-z0-9][a-z0-9-]*):\s*$", line))}
    marked = [sid for sid in result.sources if sid in listed and result.verified(sid)]
    day = result.day.isoformat()
    for sid in marked:
        digest = result.pages[sid].sha256
        start = next(i for i, line in enumerate(lines) if line.rstrip() == f"  {sid}:")
        end = next(
            (i for i in range(start + 1, len(lines)) if re.match(r"^ {0,2}\S", lines[i])),
            len(lines),
        )
        block = range(start + 1, end)
        at = {m[1]: i for i in block if (m := re.match(r"^    ([a-z_0-9]+):", lines[i]))}
        lines[at["retrieved"]] = f"    retrieved: {day}\n"
        if "page_sha256" in at:
            lines[at["page_sha256"]] = f"    page_sha256: {digest}\n"
        else:
            lines.insert(at["retrieved"] + 1, f"    page_sha256: {digest}\n")
    if result.exit_code == 0:
        lines = [
            f"last_verified: {day}\n" if line.startswith("last_verified:") else line
            for line in lines
        ]
    path.write_text("".join(lines), encoding="utf-8")
    return marked


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=ROOT / "rules")
    parser.add_argument("--pages", type=Path, help="read saved copies from this folder")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help="seconds per request")
    parser.add_argument("--today", help="the day of the check (YYYY-MM-DD); default today")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--mark-verified", action="store_true")
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        day = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        print(f"freshness: --today {args.today!r}: write the day as YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.pages is not None and not args.pages.is_dir():
        print(f"freshness: --pages {args.pages}: no such folder", file=sys.stderr)
        return 2
    try:
        bundle, bodies = load_all(str(args.rules))
    except RulesError as exc:
        print(f"freshness: the rule files have problems:\n{exc}", file=sys.stderr)
        return 2
    result = check(bundle, args.pages, args.timeout, day, bodies)
    report = result.report()
    print(report, end="")
    if args.report is not None:
        args.report.write_text(report, encoding="utf-8")
    if args.mark_verified:
        marked = [
            sid
            for folder in [ACSM, *bodies]
            for sid in mark_verified(args.rules / folder / "sources.yaml", result)
        ]
        print(f"\nMarked verified: {', '.join(marked) or 'none'}.", file=sys.stderr)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
