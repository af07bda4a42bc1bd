"""The audit packet: what ACSM asks for when it audits a renewal, made ready to hand over.

The page zips three things (``acsm-audit-packet-YYYY-MM-DD.zip``): a printable summary page
(:func:`summary_html`), every certificate file the professional stored, named after the
summary's numbered lines (:func:`lines`), and the log as CSV. This module makes the summary and
the names; the page adds the files' bytes.

Every figure comes from the tally and the rules; every text the professional typed is escaped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from calc.citations import Citation
from calc.engine import Decision, Tally
from calc.fields import given_by, loads
from calc.model import Rules
from calc.report import amount_text
from calc.text import cecs, fmt, long_date, long_dates

TITLE = "ACSM continuing education: audit packet"
SUMMARY_NAME = "00-summary.html"
MAX_NAME = 200
MAX_NUMBER = 40
MAX_SLUG = 40
MAX_EXTENSION = 5
MAX_FILES = 100  # per activity: more than any certificate needs
MAX_FILE_NAME = 1000
NOT_GIVEN = "not given"
NO_FILE = "not attached"
KEPT_NOT_ATTACHED = "kept by you, not attached"
ATTESTATION = (
    "I confirm that I completed the continuing education listed above, that the attached "
    "certificates are copies of the originals, and that this information is accurate."
)
NOT_ACSM_FORM = (
    "This summary was prepared by the certified professional with CEC Guide; it is not a form "
    "of ACSM's."
)
FOOTER = "Made with CEC Guide, independent of ACSM. ACSM's own pages decide."
# The file types phones and scanners save certificates as, for a file whose name gives none.
MIME_EXTENSIONS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
}
FALLBACK_EXTENSION = "bin"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_EXTENSION = re.compile(rf"[a-z0-9]{{1,{MAX_EXTENSION}}}")


@dataclass(frozen=True)
class StoredFile:
    """A certificate file as the page stores it (its bytes stay in the page)."""

    name: str
    type: str = ""
    size: int = 0


@dataclass(frozen=True)
class Person:
    """Who the packet is for, as typed in the profile ("" when not given)."""

    name: str
    acsm_number: str


@dataclass(frozen=True)
class Attached:
    """One stored file going into the zip: where it is in the page's lists, and its name."""

    activity: int  # 0-based, as the log's activities
    file: int  # 0-based, as that activity's files
    name: str


@dataclass(frozen=True)
class Line:
    """One numbered line of the summary: an activity that counts."""

    number: str  # as written in the table and at the start of its files' names: "01"
    decision: Decision
    files: tuple[Attached, ...]


@dataclass(frozen=True)
class Packet:
    lines: tuple[Line, ...]
    plans: int  # activities left out: dated after the as-of day
    nothing: int  # activities left out: done, but counting 0

    @property
    def files(self) -> tuple[Attached, ...]:
        return tuple(f for line in self.lines for f in line.files)


def _shown(text: str) -> str:
    """Text as the summary shows it: control characters as spaces, and invisible format
    characters (such as right-to-left overrides, which could disguise a title) left out."""
    kept = []
    for char in text:
        kind = unicodedata.category(char)
        if kind == "Cc":
            kept.append(" ")
        elif kind not in ("Cf", "Cs"):
            kept.append(char)
    return " ".join("".join(kept).split())


def _given(value: Any, most: int) -> str:
    return _shown(value)[:most].strip() if isinstance(value, str) else ""


def person(raw_profile: Mapping[str, Any]) -> Person:
    """The name and ACSM certification number of a profile as the page keeps it (anything
    other than text counts as not given)."""
    return Person(
        _given(raw_profile.get("name"), MAX_NAME),
        _given(raw_profile.get("acsm_number"), MAX_NUMBER),
    )


def zip_name(day: date) -> str:
    return f"acsm-audit-packet-{day.isoformat()}.zip"


def csv_name(day: date) -> str:
    return f"cec-log-{day.isoformat()}.csv"


def read_files(text: str, count: int) -> list[list[StoredFile]] | str:
    """The page's list of stored files, one list per activity of the log (``count`` of them),
    or a sentence saying what is wrong with it."""
    try:
        found = loads(text)
    except (ValueError, RecursionError):
        return "The list of certificate files is not valid JSON."
    if not isinstance(found, list):
        return "The certificate files must come as a list, one entry per activity."
    if len(found) != count:
        return (
            f"The certificate files list has {len(found)} "
            f"entr{'y' if len(found) == 1 else 'ies'}, but the log has {count} "
            f"activit{'y' if count == 1 else 'ies'}: there must be one entry per activity."
        )
    files: list[list[StoredFile]] = []
    for row, stored in enumerate(found, start=1):
        if not isinstance(stored, list):
            return f"The certificate files of activity {row} must be a list."
        if len(stored) > MAX_FILES:
            return f"Activity {row} has {len(stored)} files; at most {MAX_FILES} are supported."
        kept = []
        for number, item in enumerate(stored, start=1):
            where = f"Certificate file {number} of activity {row}"
            if not isinstance(item, dict):
                return f"{where} must be an object with its name, type and size."
            name, kind, size = item.get("name"), item.get("type", ""), item.get("size", 0)
            if not isinstance(name, str) or len(name) > MAX_FILE_NAME:
                return f"{where} must have a name of at most {MAX_FILE_NAME} characters."
            if not isinstance(kind, str):
                return f"{where} must have a type written as text, such as application/pdf."
            if not isinstance(size, int) or isinstance(size, bool) or size < 0:
                return f"{where} must have a size that is a whole number of bytes."
            kept.append(StoredFile(name, kind, size))
        files.append(kept)
    return files


def slug(title: str) -> str:
    """A title as part of a file name: lowercase ASCII letters, digits and single hyphens,
    accents dropped ("Café" as "cafe"), at most 40 characters; "untitled" for none."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    return words[:MAX_SLUG].rstrip("-") or "untitled"


def extension(file: StoredFile) -> str:
    """A stored file's extension: its name's (lowercased, letters and digits, at most 5),
    else its type's, else "bin"."""
    _, dot, after = file.name.rpartition(".")
    written = after.strip().lower()
    if dot and _EXTENSION.fullmatch(written):
        return written
    kind = file.type.split(";")[0].strip().lower()
    return MIME_EXTENSIONS.get(kind, FALLBACK_EXTENSION)


def file_name(number: str, d: Decision, position: int, file: StoredFile) -> str:
    """``NN-YYYY-MM-DD-title.ext`` for the ``position``-th file (0-based) of line ``number``:
    ``-2``, ``-3`` before the extension for the second and later."""
    suffix = f"-{position + 1}" if position else ""
    day = d.activity.completed.isoformat()
    return f"{number}-{day}-{slug(d.activity.title)}{suffix}.{extension(file)}"


def lines(t: Tally, files: Sequence[Sequence[StoredFile]]) -> Packet:
    """The summary's numbered lines, one per activity that counts, in the log's order, with
    the names of their files in the zip. Plans and activities that count nothing are left out,
    and so are their files."""
    counted = [(i, d) for i, d in enumerate(t.decisions) if d.counted]
    width = max(2, len(str(len(counted))))
    numbered = []
    for line, (i, d) in enumerate(counted, start=1):
        number = f"{line:0{width}d}"
        attached = tuple(Attached(i, j, file_name(number, d, j, f)) for j, f in enumerate(files[i]))
        numbered.append(Line(number, d, attached))
    plans = sum(1 for d in t.decisions if d.planned)
    nothing = sum(1 for d in t.decisions if not d.planned and not d.counted)
    return Packet(tuple(numbered), plans, nothing)


def left_out(packet: Packet) -> str:
    """One sentence saying how many entered activities the table leaves out, and why; "" when
    it lists them all."""
    total = packet.plans + packet.nothing
    if not total:
        return ""
    why = "see the calculator for why"
    if total == 1:
        reason = "it is a plan" if packet.plans else f"it counted nothing ({why})"
        return f"1 entered activity is not listed: {reason}."
    parts = []
    if packet.plans:
        parts.append(f"{packet.plans} {'is a plan' if packet.plans == 1 else 'are plans'}")
    if packet.nothing:
        parts.append(f"{packet.nothing} counted nothing ({why})")
    return f"{total} entered activities are not listed: {' and '.join(parts)}."


def _certificates(line: Line) -> str:
    if line.files:
        return "<br>".join(html.escape(f.name) for f in line.files)
    return KEPT_NOT_ATTACHED if line.decision.activity.certificate else NO_FILE


def _sources(citations: Iterable[Citation], rules: Rules) -> list[tuple[str, str, bool]]:
    """Each distinct source (title, URL, whether a rule taken from it is unconfirmed), in the
    order first cited."""
    found: dict[str, bool] = {}
    for c in citations:
        found[c.source] = found.get(c.source, False) or c.unconfirmed
    return [(rules.sources[s].title, rules.sources[s].url, u) for s, u in found.items()]


def _link(url: str) -> str:
    text = html.escape(url)
    return f'<a href="{text}">{text}</a>' if url.startswith(("https://", "http://")) else text


STYLE = """
@page { margin: 15mm 14mm; }
html { background: #fff; color: #000; }
body { font: 11pt/1.4 Georgia, "Times New Roman", serif; margin: 2rem auto; max-width: 48rem;
  padding: 0 1rem; }
h1 { font-size: 17pt; margin: 0 0 0.8rem; }
h2 { font-size: 13pt; margin: 1.4rem 0 0.5rem; break-after: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; }
dt { font-weight: bold; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #000; padding: 0.25rem 0.35rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.number, td.cecs, tfoot td { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
a { color: #000; }
.signature { display: grid; grid-template-columns: 2fr 1fr; gap: 2rem; margin-top: 2.5rem; }
.signature p { border-top: 1px solid #000; margin: 0; padding-top: 0.2rem; }
footer { border-top: 1px solid #000; margin-top: 2rem; padding-top: 0.4rem; font-size: 9pt; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  a { text-decoration: none; }
}
"""


def _facts(t: Tally, rules: Rules, who: Person, today: date) -> list[tuple[str, str]]:
    certs = [rules.certifications[c] for c in t.profile.certifications]
    standing = "requirement met" if t.status == "complete" else f"{cecs(t.remaining)} short"
    facts = [
        ("Name", who.name or NOT_GIVEN),
        ("ACSM certification number", who.acsm_number or NOT_GIVEN),
        (
            "Certification" if len(certs) == 1 else "Certifications",
            "; ".join(f"{c.name} ({c.abbreviation})" for c in certs),
        ),
        ("Cycle", f"{_day(t.cycle.start)} to {_day(t.cycle.end)}"),
        ("Requirement", f"{t.requirement.explanation}."),
        ("CECs", f"{cecs(t.earned)} earned of {cecs(t.required)} required ({standing})"),
        ("Status", long_dates(t.outlook.verdict.headline)),
    ]
    if t.profile.cpr_expires is not None:
        facts.append(("CPR/AED card expires", _day(t.profile.cpr_expires)))
    if t.profile.renewed_on is not None:
        facts.append(("Renewed on", _day(t.profile.renewed_on)))
    facts += [
        ("Made on", _day(today)),
        ("Rules last verified", _day(rules.last_verified)),
    ]
    return facts


def _day(day: date) -> str:
    """A day as people write it in the US, where ACSM is: December 31, 2026."""
    return long_date(day, day_first=False)


def _amount(d: Decision, rules: Rules) -> str:
    """The amount in the organization's own unit: "1.5 CECs (ACE)", so that an organization's
    CECs are never read as ACSM CECs beside them."""
    text = amount_text(d, rules)
    if rules.units[d.unit].provider_defined:
        provider = rules.providers[d.activity.provider]
        who = d.activity.organization if provider.named else ""
        return f"{text} ({who or provider.abbreviation})"
    return text


def _row(line: Line, rules: Rules) -> str:
    d = line.decision
    a = d.activity
    cells = [
        f'<td class="number">{line.number}</td>',
        f'<td class="date">{_day(a.completed)}</td>',
        f"<td>{html.escape(_shown(a.title)) or '(untitled)'}</td>",
        f"<td>{html.escape(given_by(rules, a))}</td>",
        f"<td>{html.escape(_amount(d, rules))}</td>",
        f'<td class="cecs">{fmt(d.cecs)}</td>',
        f"<td>{_certificates(line)}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


HEADERS = (
    "No.",
    "Date completed",
    "Title",
    "Organization",
    "Amount",
    "ACSM CECs",
    "Certificate file",
)


def summary_html(t: Tally, rules: Rules, packet: Packet, who: Person, today: date) -> str:
    """The summary page: a standalone HTML document (no script, nothing loaded from anywhere)
    that prints on A4 or Letter."""
    e = html.escape
    title = f"{TITLE} ({who.name}, {today.isoformat()})" if who.name else TITLE
    facts = "".join(
        f"<div><dt>{e(term)}</dt><dd>{e(value)}</dd></div>"
        for term, value in _facts(t, rules, who, today)
    )
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{e(TITLE)}</h1>",
        f'<dl class="facts">{facts}</dl>',
        "<h2>Continuing education counted</h2>",
    ]
    if packet.lines:
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in HEADERS)
        rows = "".join(_row(line, rules) for line in packet.lines)
        total = (
            f'<tr><th scope="row" colspan="5">Total ACSM CECs counted</th>'
            f'<td class="cecs">{fmt(t.earned)}</td><td></td></tr>'
        )
        parts.append(
            f'<table class="lines"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody><tfoot>{total}</tfoot></table>"
        )
    else:
        parts.append('<p class="none">No activity counts yet.</p>')
    missing = left_out(packet)
    if missing:
        parts.append(f'<p class="left-out">{e(missing)}</p>')
    parts += [
        "<h2>Attestation</h2>",
        f'<p class="attestation">{e(ATTESTATION)}</p>',
        '<div class="signature"><p>Signature</p><p>Date</p></div>',
        f'<p class="not-acsm">{e(NOT_ACSM_FORM)}</p>',
    ]
    cited = _sources((c for line in packet.lines for c in line.decision.citations), rules)
    if cited:
        items = "".join(
            f"<li>{e(name)}{' (unconfirmed)' if unconfirmed else ''}: {_link(url)}</li>"
            for name, url, unconfirmed in cited
        )
        parts += ["<h2>Rules' sources</h2>", f'<ul class="sources">{items}</ul>']
    parts += [
        "</main>",
        f"<footer><p>{e(FOOTER)}</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)
