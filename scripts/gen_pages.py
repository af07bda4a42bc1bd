"""Render the docs pages that come from the rules: one Jinja2 template per page, fed the bundle.

Undefined variables are errors, so a renamed rule breaks the build instead of leaving a blank.
Every rule value goes on a page through the ``val`` macro (scripts/templates/_macros.j2), which
marks it with its rule id, its anchor, its source and, when the fact is unconfirmed, says so.

    python -m scripts.gen_pages --out DIR     # write the pages to DIR to read or diff them
"""

from __future__ import annotations

import argparse
import html
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from calc import archive
from calc.bundle import rules_from_bundle
from calc.convert import asks_decimal, convert, describe
from calc.fields import COLUMNS, LABELS, PROFILE_FIELDS
from calc.logfiles import LOG_FORMAT, LOG_VERSION
from calc.model import Activity
from calc.rulefiles.load import load_all
from scripts import changes_page, timeline
from scripts.pagetext import (
    PAGE_NAMES,
    Page,
    kind_label,
    long_date,
    month_day,
    num,
    number_words,
    origin,
    tenths,
    usd,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Each other certifying body's page (rules/<body>/), at bodies/<body>.md.
BODIES = "bodies"
BODY_PAGE = "body/page.md.j2"
# The page that sets ACSM and every other body side by side.
COMPARING = "several"


class TemplateProblem(Exception):
    """A template could not be rendered: the message says where."""


def times(amount: Any, factor: Any) -> str:
    """A worked example's product, exact."""
    return num(Decimal(str(amount)) * Decimal(str(factor)))


def rules_of(node: Any) -> list[dict[str, Any]]:
    """Every dated rule in (a part of) the bundle, in bundle order."""
    if isinstance(node, dict):
        if "rule" in node and "entries" in node:
            return [node]
        return [r for value in node.values() for r in rules_of(value)]
    return []


def cited_by(bundle: dict[str, Any], source: str) -> list[str]:
    """Links to every page whose rules cite ``source``, as Markdown."""
    pages = dict.fromkeys(
        r["page"] for r in rules_of(bundle) if any(e["source"] == source for e in r["entries"])
    )
    return [f"[{PAGE_NAMES.get(p, p)}]({p}.md)" for p in pages]


def changes_by_day(bundle: dict[str, Any], today: date) -> list[changes_page.Group]:
    """The "What changed" page's list: every dated change in the rules by day, newest first, in
    the menu's page order within a day (scripts/changes_page.py)."""
    return changes_page.groups(bundle, today, PAGE_NAMES)


def changes_recorded(bundle: dict[str, Any], today: date) -> list[changes_page.Change]:
    """The values the "What changed" page lists after the changes: first known from a source's
    day, in the menu's page order (scripts/changes_page.py)."""
    return changes_page.first_recorded(bundle, today, PAGE_NAMES)


def conversions(bundle: dict[str, Any], today: date) -> str:
    """How each provider's credits convert, in words, per unit, as JSON for the calculator form
    (a data attribute: Material's instant navigation re-runs <script> elements, JSON ones too).
    Shown as soon as a provider is picked, before Python has loaded; the words come from calc
    itself, so page and calculator cannot disagree. Where the answer to "is this organization on
    the decimal system?" decides, the words are given for each answer ("" when not said)."""
    rules = rules_from_bundle(bundle)

    def words(pid: str, uid: str) -> str | dict[str, str]:
        if not asks_decimal(rules, pid, uid, today):
            return describe(rules, pid, uid, today)
        return {
            key: describe(rules, pid, uid, today, answer)
            for key, answer in (("", None), ("yes", True), ("no", False))
        }

    table = {
        pid: {
            "unit": provider.unit,
            "named": provider.named,  # the organization's name is required (calc.fields)
            "words": {uid: words(pid, uid) for uid in rules.units},
        }
        for pid, provider in rules.providers.items()
    }
    return json.dumps(table, ensure_ascii=False)


def worth(bundle: dict[str, Any], unit_id: str, amount: Any, today: date) -> str:
    """What ``amount`` of a unit counts in ACSM CECs on ``today``, as the calculator counts it
    (calc.convert: a share of ACSM's figure, rounded down as it rounds), for the units page."""
    rules = rules_from_bundle(bundle)
    example = Activity(today, "example", "other", Decimal(str(amount)), unit=unit_id)
    cecs = convert(rules, example).cecs
    return "not known" if cecs is None else num(cecs)


# The profile's fields in the words of the calculator's form (the activity's are calc.fields').
PROFILE_LABELS = {
    "certifications": "Certifications",
    "cycle_end": "Cycle end date",
    "cycle_start": "Cycle start date",
    "cpr_expires": "CPR/AED card expires",
    "renewed_on": "Date renewed",
    "name": "Your name",
    "acsm_number": "ACSM certification number",
}


def labels() -> dict[str, str]:
    """Every field's label, for the form's markup and its script alike."""
    return {**LABELS, **PROFILE_LABELS}


def certificate_files() -> dict[str, Any]:
    """The certificate files the calculator keeps (calc.archive): the file input's `accept`, the
    limit in words, and both for the page's script (in its contract)."""
    kinds = archive.CERTIFICATE_KINDS
    return {
        "accept": ",".join([*(f".{ext}" for ext in kinds), *dict.fromkeys(kinds.values())]),
        "max_bytes": archive.MAX_CERTIFICATE_BYTES,
        "max_mb": archive.MAX_CERTIFICATE_BYTES // (1024 * 1024),
        "kinds": kinds,
    }


def contract(bundle: dict[str, Any]) -> str:
    """What the calculator's script must agree on with Python, as JSON for the page (a data
    attribute): the log's fields, its file format and version, the fields' labels, the titles of
    the pages results link to, and each unit's name for one and for many. Written here once, from
    calc and the rules, so that the two cannot drift apart."""
    rules = rules_from_bundle(bundle)
    return json.dumps(
        {
            "fields": {"activity": list(COLUMNS), "profile": list(PROFILE_FIELDS)},
            "format": LOG_FORMAT,
            "version": LOG_VERSION,
            "labels": labels(),
            "pages": PAGE_NAMES,
            "units": {uid: [u.short, u.plural] for uid, u in rules.units.items()},
            "files": certificate_files(),
        },
        ensure_ascii=False,
    )


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.do"],
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        num=num,
        usd=usd,
        tenths=tenths,
        month_day=month_day,
        long_date=long_date,
        words=number_words,
        kind_label=kind_label,
        origin=origin,
    )
    env.globals.update(
        times=times,
        cited_by=cited_by,
        changes=changes_by_day,
        recorded=changes_recorded,
        conversions=conversions,
        contract=contract,
        labels=labels,
        certificate_files=certificate_files,
        worth=worth,
        routes_for=routes_for,
    )
    env.filters["day_before"] = day_before
    return env


def _where(exc: jinja2.TemplateError, template: Path) -> str:
    """``scripts/templates/NAME:LINE`` of a template error (Jinja puts the template's own line
    in the traceback for errors raised while rendering)."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == str(template):
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"{template.relative_to(ROOT)}:{line or 1}"


def measurements(folder: Path = ROOT / "bench") -> dict[str, Any]:
    """The last `make bench` and `make lighthouse` figures (bench/*.json), for the Performance
    page; empty when not measured yet. Tests pass a folder of fixed figures instead."""
    found: dict[str, Any] = {}
    for name in ("results", "lighthouse"):
        path = folder / f"{name}.json"
        if path.is_file():
            found[name] = json.loads(path.read_text(encoding="utf-8"))
    return found


_CITE = re.compile(r"<!--cite:([0-9]+)-->")


def _published(value: str) -> str:
    """A source's own date as precisely as it gives it, in words: "October 15, 2019",
    "January 2020", "2025"."""
    if len(value) == 10:
        return long_date(value)
    if len(value) == 7:
        year, month = value.split("-")
        return f"{long_date(f'{year}-{month}-01').split()[0]} {year}"
    return value


def _sources_block(page: Page, indexes: list[int], sources: dict[str, Any]) -> str:
    """A section's sources, out of the reading line: once, in a closed disclosure, grouped by
    source, each with its kind when it is not ACSM and the source's own words where the rules
    quote them; and where the section rests on something ACSM has not confirmed, one sentence in
    plain words saying what the site assumes. A value shown without its sources (the FAQ) brings
    only that sentence."""
    # Per source, each quote with the values it supports ("" for values quoted nowhere), in the
    # order the section shows them: "$60 “ACSM-CPT | 45 | $60”; $80 “Late fee ... | $80”".
    by_source: dict[str, dict[str, list[str]]] = {}
    assumptions: list[str] = []
    for i in indexes:
        entry, shown, listed = page.cited[i]
        if listed:
            quote = " ".join(str(entry.get("quote") or "").split())
            values = by_source.setdefault(entry["source"], {}).setdefault(quote, [])
            if shown and shown not in values:
                values.append(shown)
        said = entry.get("assumption")
        if entry.get("status") == "unconfirmed" and said and said not in page.assumed:
            page.assumed.add(said)  # said once per page, where the value first appears
            assumptions.append(said)
    # What the site assumes comes first in the section's disclosure, whose summary says so: the
    # inline marker already flags each value, and a page of answers stays short enough to read.
    assumed = (
        '<p class="cec-assumption">'
        + html.escape(" ".join(" ".join(a.split()) for a in assumptions))
        + "</p>"
        if assumptions
        else ""
    )
    summary = (
        '<span class="cec-unconfirmed">unconfirmed</span> What we assume' if assumptions else ""
    )
    items = []
    for sid, quoted in by_source.items():
        s = sources[sid]
        when = f", {_published(str(s['published']))}" if s.get("published") else ", undated"
        read = f"; read {long_date(s['retrieved'])}"
        kind = f"; {kind_label(s)}" if s["kind"] != "acsm" else ""
        said = [
            " ".join(
                filter(None, [html.escape(", ".join(values)), q and f"<q>{html.escape(q)}</q>"])
            )
            for q, values in quoted.items()
        ]
        what = f": {'; '.join(w for w in said if w)}" if any(said) else ""
        items.append(
            f'<li><a href="{html.escape(s["url"])}">{html.escape(s["title"])}</a> '
            f"({html.escape(s['publisher'])}{when}{read}{html.escape(kind)}){what}</li>"
        )
    if not items and not assumed:
        return ""
    summary = f"{summary}, and sources" if items and summary else summary or "Sources"
    bullets = f"<ul>{''.join(items)}</ul>" if items else ""
    kind = "cec-sources" if items else "cec-assumed"  # a page of answers lists no sources
    return f'\n\n<details class="{kind}"><summary>{summary}</summary>{assumed}{bullets}</details>\n'


def gather_sources(text: str, page: Page, sources: dict[str, Any]) -> str:
    """Replace the citation markers of each section (up to the next ## heading; on a page of
    questions, the next ### too) by one sources block at the section's end."""
    out = []
    for section in page.section_heading.split(text):
        indexes = [int(n) for n in _CITE.findall(section)]
        body = _CITE.sub("", section)
        block = _sources_block(page, indexes, sources)
        out.append(body.rstrip("\n") + block + "\n\n" if block else body)
    return "".join(out).rstrip("\n") + "\n"


def day_before(day: str) -> str:
    """The day before an ISO day: the last day of a span that the next one starts after."""
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


def routes_for(body: dict[str, Any], provider: str) -> list[dict[str, Any]]:
    """The routes of another body that an activity from ``provider`` may take, in the order the
    body's rules try them (an approval-number route first applies only to an activity that
    carries the number; the next is what happens otherwise)."""
    return [r for r in body["routes"] if provider in r["providers"] or "*" in r["providers"]]


def render(
    bundle: dict[str, Any],
    today: date | None = None,
    bench: dict[str, Any] | None = None,
    bodies: dict[str, dict[str, Any]] | None = None,
) -> dict[str, str]:
    """Every generated page: docs path -> Markdown (plus the timeline picture). ``bench``: the
    Performance page's figures; None reads the last ones measured (``measurements()``).
    ``bodies``: the other certifying bodies' rules (``load_all``), a page each (``BODY_PAGE``)."""
    env = environment()
    day = today or date.today()
    bench = measurements() if bench is None else bench
    bodies = bodies or {}
    # (template, page name, the rules it reads, the sources it cites): the page comparing the
    # bodies cites every body's sources (their ids are unique across rules/, load_all checks).
    everyone = {**bundle["sources"]}
    for body in bodies.values():
        everyone.update(body["sources"])
    jobs = [
        (
            template,
            name,
            bundle,
            everyone if name == COMPARING else bundle["sources"],
        )
        for template in sorted(TEMPLATES.glob("*.md.j2"))
        for name in [template.name.removesuffix(".md.j2")]
    ]
    jobs += [
        (TEMPLATES / BODY_PAGE, f"{BODIES}/{bid}", body, body["sources"])
        for bid, body in bodies.items()
    ]
    pages = {}
    for template, name, rules, sources in jobs:
        page = Page(name, day)
        try:
            text = env.get_template(str(template.relative_to(TEMPLATES))).render(
                rules=rules,
                sources=sources,
                page=page,
                timeline=timeline,
                bench=bench,
                acsm=bundle,
                bodies=bodies,
            )
            pages[f"{name}.md"] = gather_sources(text, page, sources)
        except jinja2.TemplateError as exc:
            raise TemplateProblem(f"{_where(exc, template)}: {exc}") from exc
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", default=str(ROOT / "rules"))
    parser.add_argument("--out", required=True)
    parser.add_argument("--today", help="render as on this day (YYYY-MM-DD); default today")
    args = parser.parse_args()
    out = Path(args.out)
    today = date.fromisoformat(args.today) if args.today else None
    acsm, bodies = load_all(args.rules)
    for name, text in render(acsm, today, bodies=bodies).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text, encoding="utf-8")
        print(out / name)


if __name__ == "__main__":
    main()
