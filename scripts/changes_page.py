"""What changed: every dated entry of every rule, as a change a trainer can read, newest first.

Each rule value in rules/*.yaml starts on a date, so the rules already say what changed and when.
This module turns each entry into one change, in words, for the "What changed" page
(scripts/templates/changes.md.j2, through the ``changes`` global gen_pages gives it) and for its
Atom feed (``feed``, which scripts/mkdocs_hooks.py adds to the site as changes/feed.xml).

A change is one of four kinds: a rule's first value (``start``), a value replacing another
(``change``), a newer source giving the same value (``same``), and a null value ending one
(``retire``). Nothing here knows a rule: the words come from the rules themselves (a category's,
a certification's or a provider's name, a unit's name, a statement's own text, the description
its schema gives a rule) and from the phrasing below, which is per kind of field that many
things share (every category's yearly cap, every certification's fee), never per rule. A rule the
phrasing does not know reads "<its description>: <its value>".

    python -m scripts.changes_page [--feed URL]   # the changes as text (or the feed) to read
"""

from __future__ import annotations

import argparse
import html
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from calc.rulefiles.load import BODY
from calc.rulefiles.schemas import Schemas, load_schemas
from calc.text import parse_date
from scripts.pagetext import PAGE_NAMES, long_date, month_day, num, number_words, origin, usd

RULES = Path(__file__).resolve().parent.parent / "rules"
PAGE = "changes"  # the page's name among the docs: changes.md, served at changes/
FEED = f"{PAGE}/feed.xml"
TITLE = "What changed"
ATOM = "http://www.w3.org/2005/Atom"

# How a field shared by many things reads. In the patterns, {name} is the thing's name, {lname}
# the same in running text ("college coursework"), {abbr} its abbreviation, {short} a unit's name
# for one, {value} the value in words. "now": the value holds; "gone": a null value ended it;
# "none": a first value that is null. True/false fields say "yes" and "no", and "began" for a
# first true from its own date. A list's lead is "list". Values named by a key ("current") read
# by that key.
PHRASES: dict[str, dict[str, str]] = {
    "in_force": {
        "yes": "ACSM accepts CECs for {lname}",
        "began": "ACSM began accepting CECs for {lname}",
        "no": "ACSM does not accept CECs for {lname}",
    },
    "cap_per_year": {
        "now": "{name} counts for up to {value} a year",
        "gone": "{name} no longer has a cap of {value} a year",
    },
    "cap_per_cycle": {
        "now": "{name} counts for up to {value} per cycle",
        "gone": "{name} no longer has a cap of {value} per cycle",
    },
    "cap_per_service_year": {
        "now": "{name} counts for up to {value} per year of service",
        "gone": "{name} no longer has a cap of {value} per year of service",
    },
    "per_completion": {
        "now": "{name}: ACSM's page may mean {value} for each completed course (shown beside "
        "the count, not counted)",
        "gone": "{name}: the reading of {value} for each completed course no longer applies",
    },
    "conditions": {"list": "Conditions for {lname}"},
    "standing": {
        "current": "{name} ({abbr}) is open to new candidates",
        "closed": "{name} ({abbr}) is closed to new candidates; holders may still renew",
        "unknown": "ACSM has not confirmed whether {name} ({abbr}) is still open to new candidates",
    },
    "required_cecs": {
        "now": "Renewing the {abbr} takes {value} a cycle",
        "gone": "Renewing the {abbr} no longer takes {value} a cycle",
    },
    "renewal_fee_usd": {
        "now": "The {abbr} renewal fee is {value}",
        "gone": "The {abbr} renewal fee is no longer {value}",
    },
    "decimal_system": {
        "yes": "{name} counts 0.1 credit per hour (ACSM: each 0.1 = 1 CEC)",
        "no": "{name} does not count 0.1 credit per hour",
    },
    "hours_per_credit": {"now": "One credit from {name} stands for {value}"},
    "cecs_per_unit": {"now": "One {short} counts as {value}"},
    # A unit counting a share of ACSM's figure (a quarter credit hour): the figure is not its own.
    "cecs_per_unit+share": {"now": "One {short} counts a share of {value}"},
    "share": {"now": "One {short} counts {value} of ACSM's figure"},
    "reported_automatically": {
        "none": "ACSM does not say it adds CECs from {name} to your dashboard by itself"
    },
}
# What a number counts, by its field, or by the end of its key (a key ending _usd is money).
COUNTS: dict[str, tuple[str, str]] = {
    "cap_per_year": ("CEC", "CECs"),
    "cap_per_cycle": ("CEC", "CECs"),
    "cap_per_service_year": ("CEC", "CECs"),
    "per_completion": ("CEC", "CECs"),
    "required_cecs": ("CEC", "CECs"),
    "cecs_per_unit": ("ACSM CEC", "ACSM CECs"),
    "hours_per_credit": ("hour", "hours"),
}
SUFFIXES: dict[str, tuple[str, str]] = {"_years": ("year", "years"), "_days": ("day", "days")}
# A standing in a few words, for "was ..." (the schema's values: current, closed, unknown).
STANDING = {"current": "open to new candidates", "closed": "closed to new candidates"}
# Words that keep their capitals when a key is read as words.
ACRONYMS = {"acsm": "ACSM", "aed": "AED", "cec": "CEC", "cecs": "CECs", "cpr": "CPR"}


# --- The rules' own words ------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """What the schema says of one dated rule: its kind of value (``x-dated``: Number, Text,
    TextList, Boolean, MonthDay, Standing) and its label, from the description written beside it
    (up to its first bracket or semicolon), else its key in words."""

    kind: str
    label: str


@cache
def _schemas(rules_dir: str) -> Schemas:
    return load_schemas(rules_dir)


def _key_words(key: str) -> str:
    for suffix in ("_usd", *SUFFIXES):
        key = key.removesuffix(suffix)
    words = [ACRONYMS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _label(description: Any, key: str) -> str:
    if not isinstance(description, str) or not description.strip():
        return _key_words(key)
    first = description.split(" (")[0].split("; ")[0].strip()
    return first.removesuffix(".")


def field_of(rule_id: str, rules_dir: Path = RULES) -> Field:
    """The schema's word on the rule ``rule_id`` ("renewal.late_fee_usd")."""
    schemas = _schemas(str(rules_dir))
    parts = rule_id.split(".")
    for stem, schema in schemas.by_file.items():
        if stem == BODY:  # another body's rules: not the calculator's
            continue
        node: Any = schema
        for part in parts:
            resolved = schemas.resolve(node)
            props = resolved.get("properties", {})
            node = props.get(part, resolved.get("additionalProperties"))
            if not isinstance(node, dict):
                break
        else:
            kind = schemas.resolve(node).get("x-dated")
            if isinstance(kind, str):
                return Field(kind, _label(node.get("description"), parts[-1]))
    raise KeyError(f"no schema describes the dated rule {rule_id!r}")


def _lower_first(text: str) -> str:
    """A name as it reads inside a sentence: "College coursework" as "college coursework", but
    "ACSM committee service" as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _day(text: str) -> date:
    day = parse_date(text)
    if day is None:
        raise ValueError(f"{text!r} is not a date written YYYY-MM-DD")
    return day


# --- How changes are said ------------------------------------------------------------------------

# A link's target: ("change", fragment) on this page, ("page", "renewing#anchor") on a reference
# page, ("url", address) elsewhere.
Target = tuple[str, str]


@dataclass(frozen=True)
class Style:
    """How text and links are written: Markdown for the page, HTML for the feed, plain text for
    the feed's titles."""

    escape: Callable[[str], str]
    link: Callable[[str, Target], str]


def _md_href(target: Target) -> str:
    kind, where = target
    if kind == "change":
        return f"#{where}"
    if kind == "page":
        page, _, anchor = where.partition("#")
        return f"{page}.md#{anchor}"
    return where


MARKDOWN = Style(lambda text: text, lambda words, target: f"[{words}]({_md_href(target)})")
PLAIN = Style(lambda text: text, lambda words, target: words)


def _text(words: str) -> str:
    return html.escape(words, quote=False)


def html_style(site_url: str) -> Style:
    """Absolute links, for a feed read anywhere."""

    def href(target: Target) -> str:
        kind, where = target
        if kind == "change":
            return f"{site_url}{PAGE}/#{where}"
        if kind == "page":
            page, _, anchor = where.partition("#")
            return f"{site_url}{page}/#{anchor}"
        return where

    return Style(
        _text,
        lambda words, target: f'<a href="{html.escape(href(target))}">{_text(words)}</a>',
    )


@dataclass(frozen=True)
class Ref:
    """The entry a change replaces, for a link to it."""

    day: date
    fragment: str


@dataclass(frozen=True)
class Change:
    rule: str  # the rule's id, "categories.cpr.cap_per_year"
    day: date
    basis: str  # effective: from this day; source: by this day, the day of the source
    kind: str  # start, change, same, retire
    page: str  # the reference page that shows the rule ("what-counts")
    page_title: str
    anchor: str  # the rule's anchor on that page
    source: Mapping[str, Any]  # its title, url, publisher
    unconfirmed: bool
    assumption: str | None  # for an unconfirmed value: what the site assumes, in plain words
    upcoming: bool  # after the day the page is built for
    items: tuple[str, ...]  # a list's statements
    said: _Said  # how to say it
    # The statements of the list this one replaces (the page says only what is new in it).
    old_items: tuple[str, ...] = ()

    @property
    def recorded(self) -> bool:
        """A rule's first value known only from a source's day: what the site learned then, not
        a change in ACSM's rules (listed apart, and not in the feed)."""
        return self.kind == "start" and self.basis == "source"

    @property
    def fragment(self) -> str:
        """This change's id on the page: the day and the rule, so it stays as long as both do."""
        return f"change-{self.day.isoformat()}-{self.anchor}"

    @property
    def lead(self) -> str:
        """ "From January 1, 2025" (in effect that day) or "By ..." (the source's day)."""
        word = "From" if self.basis == "effective" else "By"
        return f"{word} {long_date(self.day.isoformat())}" + (
            " (upcoming)" if self.upcoming else ""
        )

    def sentence(self, style: Style = PLAIN) -> str:
        """What changed, in one sentence (without its full stop)."""
        return self.said.sentence(style)

    def note(self, style: Style = PLAIN) -> str:
        """What it changed from, for brackets after the sentence: "was $75", "unchanged"..."""
        return self.said.note(style)

    @property
    def markdown(self) -> str:
        """The sentence for the page."""
        return self.said.sentence(MARKDOWN)

    @property
    def markdown_note(self) -> str:
        return self.said.note(MARKDOWN)

    def title(self) -> str:
        """The change on one line of plain text, with its date."""
        note = self.note()
        return f"{self.lead}: {self.sentence()}" + (f" ({note})" if note else "")

    @property
    def page_target(self) -> Target:
        return ("page", f"{self.page}#{self.anchor}")


@dataclass(frozen=True)
class Group:
    """The changes of one day, in the order of the site's pages."""

    day: date
    upcoming: bool
    changes: tuple[Change, ...]
    pages: tuple[str, ...]  # the titles of the pages they change, in the menu's order

    @property
    def fragment(self) -> str:
        return f"changes-{self.day.isoformat()}"

    @property
    def size(self) -> int:
        return len(self.changes)

    @property
    def parts(self) -> list[tuple[str, list[Change]]]:
        """("From ...", changes in effect that day), then ("By ...", changes known by then)."""
        found: list[tuple[str, list[Change]]] = []
        for basis in ("effective", "source"):
            these = [c for c in self.changes if c.basis == basis]
            if these:
                found.append((these[0].lead, these))
        return found


class _Words:
    """The words for one rule's values: its field's phrasing, or its label and kind of value."""

    def __init__(self, rule: Mapping[str, Any], owner: Mapping[str, Any] | None, key: str) -> None:
        self.field = field_of(rule["rule"])
        self.key = key
        self.owner = owner
        shared = owner is not None and key == "cecs_per_unit" and "share" in owner
        phrase_key = f"{key}+share" if shared else key
        self.phrase = PHRASES.get(phrase_key, {}) if owner is not None else {}
        name = str(owner.get("name", "")) if owner is not None else ""
        self.names = {
            "name": name,
            "lname": _lower_first(name),
            "abbr": str(owner.get("abbreviation", name)) if owner is not None else "",
            "short": str(owner.get("short", name)) if owner is not None else "",
        }
        self.label = (
            f"{name}, {_lower_first(self.field.label)}" if owner is not None else self.field.label
        )

    def show(self, value: Any) -> str:
        """A value in words, as in "was ..."."""
        if value is None:
            return "not known"
        kind = self.field.kind
        if kind == "Boolean":
            return "yes" if value else "no"
        if kind == "MonthDay":
            return month_day(str(value))
        if kind == "Standing":
            return STANDING.get(str(value), "not confirmed")
        if kind != "Number":
            return str(value)
        if self.key.endswith("_usd"):
            return usd(value)
        one_many = COUNTS.get(self.key) or next(
            (words for suffix, words in SUFFIXES.items() if self.key.endswith(suffix)), None
        )
        if one_many is None:
            return num(value)
        shown = number_words(value) if self.key.endswith("_years") else num(value)
        return f"{shown} {one_many[0] if Decimal(str(value)) == 1 else one_many[1]}"

    def _fill(self, pattern: str, value: Any = None) -> str:
        return pattern.format(**self.names, value=self.show(value))

    def now(self, value: Any, began: bool = False) -> str:
        """The sentence saying ``value`` holds (a list: its lead)."""
        kind, phrase = self.field.kind, self.phrase
        if value is None:
            return self._fill(phrase["none"]) if "none" in phrase else f"{self.label}: not known"
        if kind == "Text":
            return _statement(str(value))
        if kind == "TextList":
            return self._fill(phrase["list"]) if "list" in phrase else self.label
        if kind == "Boolean" and "yes" in phrase:
            said = ("began" if began and "began" in phrase else "yes") if value else "no"
            return self._fill(phrase[said])
        if kind == "Standing" and str(value) in phrase:
            return self._fill(phrase[str(value)])
        if "now" in phrase:
            return self._fill(phrase["now"], value)
        return f"{self.label}: {self.show(value)}"

    def gone(self, old: Any, ref: str) -> str:
        """The sentence saying ``old`` no longer holds; ``ref``, a link to the day it began."""
        if self.field.kind == "Text":
            return f"{self.label}: the wording of {ref} no longer applies"
        if self.field.kind == "TextList":
            return f"{self.now(old)}: the list of {ref} no longer applies"
        if "gone" in self.phrase:
            return self._fill(self.phrase["gone"], old)
        if self.owner is None:
            return f"{self.label}: no longer {self.show(old)}"
        return f"No longer in force: {self.now(old)}"


@dataclass(frozen=True)
class _Said:
    """One entry of a rule, said: the rule's words, the kind of change, the value and the one
    before it (``prev``, where that one is on the page)."""

    words: _Words
    kind: str
    value: Any
    old: Any
    began: bool  # a first value that takes effect on its own day
    prev: Ref | None

    @property
    def listing(self) -> bool:
        """A statement or a list: said as itself, and linked to the one it replaces."""
        return self.words.field.kind in ("Text", "TextList")

    @property
    def what(self) -> str:
        return "wording" if self.words.field.kind == "Text" else "list"

    def sentence(self, style: Style) -> str:
        words = self.words
        if self.kind == "retire":
            return style.escape(words.gone(self.old, "\0")).replace("\0", _link(style, self.prev))
        if self.kind == "same" and self.listing and self.value is not None:
            lead = words.label if words.field.kind == "Text" else words.now(self.value)
            return style.escape(f"{lead}: unchanged")
        return style.escape(words.now(self.value, self.began))

    def note(self, style: Style) -> str:
        if self.kind == "same":
            if self.listing and self.value is not None:
                return f"{style.escape(f'as in the {self.what} of')} {_link(style, self.prev)}"
            return "unchanged"
        if self.kind != "change":
            return ""
        if self.listing:
            if self.old is None:
                return ""
            return f"{style.escape(f'replacing the {self.what} of')} {_link(style, self.prev)}"
        if self.words.field.kind == "Boolean" and "yes" in self.words.phrase:
            return ""  # the sentence says it: "... does not count 0.1 credit per hour"
        was = self.words.show(self.old)
        if self.words.field.kind == "Standing" and was in self.sentence(PLAIN):
            return ""  # "... whether it is still open to new candidates" says it too
        return style.escape(f"was {was}")


def _statement(text: str) -> str:
    """A statement from the rules, without its full stop (one is added after the notes)."""
    text = " ".join(text.split())
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def _link(style: Style, ref: Ref | None) -> str:
    """A link to the change ``ref`` on this page, named by its day."""
    assert ref is not None, "only a change after another refers to the one before"
    return style.link(long_date(ref.day.isoformat()), ("change", ref.fragment))


def _dated(
    node: Any, key: str = "", owner: Mapping[str, Any] | None = None
) -> Iterator[tuple[dict[str, Any], Mapping[str, Any] | None, str]]:
    """Every dated rule in the bundle, in bundle order, with the named thing it belongs to (a
    category, a certification...; None for a rule of its own) and its key."""
    if isinstance(node, dict):
        if "rule" in node and "entries" in node:
            yield node, owner, key
            return
        named = node if isinstance(node.get("name"), str) else None
        for k, value in node.items():
            yield from _dated(value, k, named)


def _changes_of(
    rule: dict[str, Any],
    owner: Mapping[str, Any] | None,
    key: str,
    sources: Mapping[str, Any],
    today: date,
    page_names: Mapping[str, str],
) -> Iterator[Change]:
    words = _Words(rule, owner, key)
    entries: list[dict[str, Any]] = rule["entries"]
    for i, entry in enumerate(entries):
        day = _day(entry["from"])
        value = entry["value"]
        before = entries[i - 1] if i else None
        old = before["value"] if before is not None else None
        prev = (
            Ref(_day(before["from"]), f"change-{before['from']}-{rule['anchor']}")
            if before
            else None
        )
        if before is None:
            kind = "start"
        elif value is None and old is not None:
            kind = "retire"
        elif value == old:
            kind = "same"
        else:
            kind = "change"
        said = _Said(
            words, kind, value, old, kind == "start" and entry["basis"] == "effective", prev
        )
        shows_items = words.field.kind == "TextList" and value is not None and kind != "same"
        replaced = kind == "change" and shows_items and isinstance(old, list)
        yield Change(
            rule=rule["rule"],
            day=day,
            basis=entry["basis"],
            kind=kind,
            page=rule["page"],
            page_title=page_names.get(rule["page"], rule["page"]),
            anchor=rule["anchor"],
            source=sources[entry["source"]],
            unconfirmed=entry.get("status") == "unconfirmed",
            assumption=entry.get("assumption"),
            upcoming=day > today,
            items=tuple(" ".join(str(v).split()) for v in value) if shows_items else (),
            said=said,
            old_items=tuple(" ".join(str(v).split()) for v in old or ()) if replaced else (),
        )


def collect(
    bundle: Mapping[str, Any],
    today: date,
    page_names: Mapping[str, str],
    recorded: bool | None = False,
) -> list[Change]:
    """Every change in the rules, newest first; on one day, those in effect that day before those
    known by then, each in the order of the site's pages (``page_names``, the menu's order), then
    of the rules. ``recorded``: False, the changes; True, the first values known only from a
    source's day (see :attr:`Change.recorded`); None, both."""
    order = {name: i for i, name in enumerate(page_names)}
    found = [
        change
        for rule, owner, key in _dated(dict(bundle))
        for change in _changes_of(rule, owner, key, bundle["sources"], today, page_names)
        if recorded is None or change.recorded == recorded
    ]
    # Sorts are stable: on one day, the rules keep their order within a page.
    found.sort(key=lambda c: (c.basis != "effective", order.get(c.page, len(order))))
    found.sort(key=lambda c: c.day, reverse=True)
    return found


def groups(bundle: Mapping[str, Any], today: date, page_names: Mapping[str, str]) -> list[Group]:
    """The changes by day, newest first: what the page lists."""
    by_day: dict[date, list[Change]] = {}
    for change in collect(bundle, today, page_names, recorded=False):
        by_day.setdefault(change.day, []).append(change)
    order = {name: i for i, name in enumerate(page_names)}
    return [
        Group(
            day,
            day > today,
            tuple(changes),
            tuple(
                page_names.get(page, page)
                for page in sorted(
                    {c.page for c in changes}, key=lambda p: order.get(p, len(order))
                )
            ),
        )
        for day, changes in by_day.items()
    ]


def first_recorded(
    bundle: Mapping[str, Any], today: date, page_names: Mapping[str, str]
) -> list[Change]:
    """The rules' first values known only from a source's day, in the order of the site's pages:
    listed after the changes, since the day is when the source was read, not when ACSM began."""
    order = {name: i for i, name in enumerate(page_names)}
    found = collect(bundle, today, page_names, recorded=True)
    return sorted(found, key=lambda c: order.get(c.page, len(order)))


# --- The feed ------------------------------------------------------------------------------------


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entry_html(change: Change, style: Style) -> str:
    """One change as the feed's HTML: the sentence, a list's statements, what the site assumes,
    and links to the reference page and the source."""
    note = change.note(style)
    parts = [
        f"<p>{_text(change.lead)}: {change.sentence(style)}"
        + (f" ({note})" if note else "")
        + (":" if change.items else ".")
        + "</p>"
    ]
    if change.items:
        parts.append("<ul>" + "".join(f"<li>{_text(i)}</li>" for i in change.items) + "</ul>")
    if change.unconfirmed:
        where = origin(change.source)
        said = f" {_text(where[:1].upper() + where[1:])}." if where else ""
        said += f" {_text(' '.join(change.assumption.split()))}" if change.assumption else ""
        parts.append(f"<p><strong>Unconfirmed.</strong>{said}</p>")
    source = change.source
    parts.append(
        f"<p>See {style.link(change.page_title, change.page_target)}. Source: "
        f"{style.link(source['title'], ('url', source['url']))} "
        f"({_text(source['publisher'])}).</p>"
    )
    return "".join(parts)


def feed(
    bundle: Mapping[str, Any], site_url: str, today: date, page_names: Mapping[str, str]
) -> str:
    """The changes as an Atom 1.0 feed: one entry per change, newest first. An entry's id is the
    page's address and the change's fragment (its day and its rule), so it stays the same from
    build to build; its ``updated`` is the change's day."""
    if not site_url.startswith(("http://", "https://")):
        raise ValueError(f"the feed needs the site's absolute address (site_url), not {site_url!r}")
    base = site_url if site_url.endswith("/") else site_url + "/"
    page_url = f"{base}{PAGE}/"
    style = html_style(base)
    changes = collect(bundle, today, page_names, recorded=False)
    # Updated when a change was: not when the rules were last checked and found the same.
    newest = max((c.day for c in changes), default=_day(bundle["last_verified"]))
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "en"})
    ET.SubElement(root, "id").text = page_url
    ET.SubElement(root, "title").text = f"CEC Guide: {TITLE.lower()}"
    ET.SubElement(root, "subtitle").text = (
        "Every dated change in the ACSM renewal rules CEC Guide follows, newest first. "
        '"From" a day: in effect that day; "by" a day: the day of the source that says so.'
    )
    ET.SubElement(root, "updated").text = _stamp(newest)
    self_link = {"rel": "self", "type": "application/atom+xml", "href": base + FEED}
    ET.SubElement(root, "link", self_link)
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": page_url})
    author = ET.SubElement(root, "author")
    ET.SubElement(author, "name").text = "CEC Guide"
    for change in changes:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "id").text = f"{page_url}#{change.fragment}"
        ET.SubElement(entry, "title", {"type": "text"}).text = change.title()
        ET.SubElement(entry, "updated").text = _stamp(change.day)
        links = [
            {"rel": "alternate", "type": "text/html", "href": f"{page_url}#{change.fragment}"},
            {
                "rel": "related",
                "type": "text/html",
                "href": f"{base}{change.page}/#{change.anchor}",
                "title": change.page_title,
            },
            {"rel": "via", "href": change.source["url"], "title": change.source["title"]},
        ]
        for link in links:
            ET.SubElement(entry, "link", link)
        ET.SubElement(entry, "category", {"term": change.page, "label": change.page_title})
        ET.SubElement(entry, "content", {"type": "html"}).text = entry_html(change, style)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def main() -> None:
    from calc.rulefiles import load_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feed", metavar="SITE_URL", help="print the Atom feed for this address")
    parser.add_argument("--today", help="as on this day (YYYY-MM-DD); default today")
    args = parser.parse_args()
    bundle = load_dir(str(RULES))
    today = date.fromisoformat(args.today) if args.today else date.today()
    if args.feed:
        print(feed(bundle, args.feed, today, PAGE_NAMES), end="")
        return
    for change in collect(bundle, today, PAGE_NAMES):
        items = "".join(f"\n    - {item}" for item in change.items)
        print(f"{change.title()}{':' if items else '.'}{items}")


if __name__ == "__main__":
    main()
