"""Another body's audit packet: what ACE, NASM or NSCA asks for when it audits a renewal, from
the same log. The page zips it as ACSM's (``ace-audit-packet-YYYY-MM-DD.zip``): the summary page
(:func:`summary_html`), the certificate files of the activities that count for that body, named
after the summary's numbered lines, and those lines as CSV. Every figure comes from the body's
tally; every text the professional typed is escaped. The page's layout and file names are
ACSM's packet's (:mod:`calc.packet`), so that both read alike."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from calc.bodies.tally import (
    CAPPED,
    COUNTED,
    NEEDS_PETITION,
    BodyTally,
    CertTally,
    Count,
    day_words,
)
from calc.fields import given_by
from calc.model import Activity, Rules
from calc.packet import (
    ATTESTATION,
    KEPT_NOT_ATTACHED,
    NO_FILE,
    STYLE,
    Attached,
    Person,
    StoredFile,
    extension,
    slug,
)
from calc.text import fmt, long_dates

HEADERS = ("No.", "Date", "Activity", "Given by", "Amount", "How it counts", "Certificate")
CSV_HEADERS = ("number", "date", "title", "given_by", "amount", "unit", "status", "reason")
FOOTER = "Made with CEC Guide, independent of {body}. {body}'s own pages decide."


@dataclass(frozen=True)
class BodyLine:
    """One numbered line: an activity that counts for the body."""

    number: str
    index: int  # 0-based, as the log's activities
    activity: Activity
    count: Count
    files: tuple[Attached, ...]


def zip_name(body: str, day: date) -> str:
    return f"{body}-audit-packet-{day.isoformat()}.zip"


def csv_name(body: str, day: date) -> str:
    return f"{body}-log-{day.isoformat()}.csv"


def lines(
    cert: CertTally, activities: Sequence[Activity], files: Sequence[Sequence[StoredFile]]
) -> list[BodyLine]:
    """The lines of the activities that count for ``cert`` (an amount above 0), in the log's
    order, with the names of their files in the zip (as ACSM's packet names them)."""
    counted = [i for i, c in enumerate(cert.counts) if c.status in (COUNTED, CAPPED) and c.amount]
    width = max(2, len(str(len(counted))))
    found = []
    for line, i in enumerate(counted, start=1):
        number = f"{line:0{width}d}"
        a = activities[i]
        attached = tuple(
            Attached(i, j, _file_name(number, a, j, f)) for j, f in enumerate(files[i])
        )
        found.append(BodyLine(number, i, a, cert.counts[i], attached))
    return found


def _file_name(number: str, a: Activity, position: int, file: StoredFile) -> str:
    suffix = f"-{position + 1}" if position else ""
    return f"{number}-{a.completed.isoformat()}-{slug(a.title)}{suffix}.{extension(file)}"


def waiting(cert: CertTally) -> int:
    """How many activities would count once the body approves a petition."""
    return sum(1 for c in cert.counts if c.status == NEEDS_PETITION)


def _facts(t: BodyTally, cert: CertTally, who: Person, today: date) -> list[tuple[str, str]]:
    unit = t.body.units
    facts = [("Name", who.name or "not given")]
    facts.append(("Certification", ", ".join(c.certification.name for c in t.certifications)))
    if cert.cycle is not None:
        facts.append(("Cycle", f"{day_words(cert.cycle.start)} to {day_words(cert.cycle.end)}"))
    if cert.required is not None:
        facts.append(("Required", f"{fmt(cert.required)} {unit}"))
    facts.append(("Counted here", f"{fmt(cert.earned)} {unit}"))
    facts.append(("Where it stands", long_dates(cert.headline)))
    facts.append(("Prepared on", day_words(today)))
    return facts


def summary_html(
    t: BodyTally, rules: Rules, found: Sequence[BodyLine], who: Person, today: date
) -> str:
    """The summary page: a standalone HTML document (no script, nothing loaded), as ACSM's."""
    e = html.escape
    cert = t.first
    name = t.body.abbreviation
    title = f"{name} continuing education: audit packet"
    facts = "".join(
        f"<div><dt>{e(term)}</dt><dd>{e(value)}</dd></div>"
        for term, value in _facts(t, cert, who, today)
    )
    checks = "".join(
        f"<li>{'Met' if k.ok else 'Not yet met'}: {e(long_dates(k.text))}</li>"
        for k in cert.checklist
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
        f"<h1>{e(title)}</h1>",
        f'<dl class="facts">{facts}</dl>',
        f"<h2>What {e(name)} asks</h2>",
        f'<ul class="checks">{checks}</ul>',
        "<h2>Continuing education counted</h2>",
    ]
    if found:
        head = "".join(f'<th scope="col">{e(h)}</th>' for h in HEADERS)
        rows = "".join(_row(line, rules, t.body.units) for line in found)
        total = (
            f'<tr><th scope="row" colspan="4">Total {e(t.body.units)} counted</th>'
            f'<td class="cecs">{fmt(cert.earned)}</td><td colspan="2"></td></tr>'
        )
        parts.append(
            f'<table class="lines"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody><tfoot>{total}</tfoot></table>"
        )
    else:
        parts.append(f'<p class="none">No activity counts for {e(name)} yet.</p>')
    petitions = waiting(cert)
    if petitions:
        parts.append(
            f'<p class="left-out">{petitions} more '
            f"{'activity counts' if petitions == 1 else 'activities count'} only once "
            f"{e(name)} approves a petition: see the calculator.</p>"
        )
    parts += [
        "<h2>Attestation</h2>",
        f'<p class="attestation">{html.escape(ATTESTATION)}</p>',
        '<div class="signature"><p>Signature</p><p>Date</p></div>',
        f'<p class="not-acsm">This summary was prepared by the certified professional with CEC '
        f"Guide; it is not a form of {e(name)}'s.</p>",
        "</main>",
        f"<footer><p>{e(FOOTER.format(body=name))}</p></footer>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)


def _row(line: BodyLine, rules: Rules, unit: str) -> str:
    e = html.escape
    a = line.activity
    files = (
        "<br>".join(e(f.name) for f in line.files)
        if line.files
        else (KEPT_NOT_ATTACHED if a.certificate else NO_FILE)
    )
    cells = [
        f'<td class="number">{line.number}</td>',
        f'<td class="date">{e(day_words(a.completed))}</td>',
        f"<td>{e(a.title) or 'untitled'}</td>",
        f"<td>{e(given_by(rules, a))}</td>",
        f'<td class="cecs">{fmt(line.count.amount)} {e(unit)}</td>',
        f'<td class="how">{e(long_dates(line.count.reason))}</td>',
        f"<td>{files}</td>",
    ]
    return f"<tr>{''.join(cells)}</tr>"


def lines_csv(t: BodyTally, rules: Rules, activities: Sequence[Activity]) -> str:
    """Every activity of the log with what it counts for the body (numbered where it counts),
    for a spreadsheet: the packet's CSV."""
    cert = t.first
    none: list[list[StoredFile]] = [[] for _ in activities]
    numbers = {line.index: line.number for line in lines(cert, activities, none)}
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # CRLF line ends, as spreadsheets expect (csv's default)
    writer.writerow(CSV_HEADERS)
    for i, a in enumerate(activities):
        c = cert.counts[i]
        writer.writerow(
            [
                numbers.get(i),  # None (not counted there) is written as an empty cell
                a.completed.isoformat(),
                a.title,
                given_by(rules, a),
                fmt(c.amount),
                t.body.units,
                c.status,
                c.reason,
            ]
        )
    return "\ufeff" + buffer.getvalue()
