"""A certificate's text read into a draft activity: each value with the words it was read from,
or left empty with the reason. Nothing here is added to a log: the professional confirms each
draft first (issue 30), so a value read wrong is worse than one left empty, and an amount is
never taken from a number that does not stand next to a credit word.

The text comes from the certificate's PDF (``calc.cli read-certificate`` reads it with pypdf); this
module sees only text, so that the same reading runs in the page and on the command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from calc.model import Rules
from calc.text import ambiguous_date, fmt, long_date, name_key, read_file_date

FIELDS = ("date", "title", "provider", "organization", "amount", "unit", "number")


@dataclass(frozen=True)
class Read:
    """One field of a draft: its value (None when unsure), the words it was read from, and,
    when empty, why."""

    value: str | None
    words: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Draft:
    has_text: bool
    fields: dict[str, Read]


NOT_READ = Read(None, "", "not found on the certificate")

# A date as certificates write it: 2025-03-04, 3/4/2025 (or with - or .), 4 March 2025,
# March 4, 2025 (months in full or cut to three letters).
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATES = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ -]+{_MONTH}\.?,?[ -]+\d{{4}}"
    rf"|{_MONTH}\.?[ -]+\d{{1,2}}(?:st|nd|rd|th)?,?[ ]+\d{{4}})\b",
    re.IGNORECASE,
)
# Lines whose date is not the day the course was completed: a card's expiry, a renewal due day,
# the day a provider's approval runs to.
_OTHER_DAY = re.compile(
    r"expir|valid (?:until|through|thru)|renew|due|recommended|approval period|through", re.I
)
_DONE_DAY = re.compile(r"complet|date|awarded|issued|attended|earned|held|presented on", re.I)

# An amount is a number next to a credit word: "2.0 CECs", "Approved for 1.5 ACSM CECs",
# "0.2 CEUs", "3 contact hours", "CECs: 2". A body's name may stand between the two.
_NUMBER = r"(?P<n>\d+(?:[.,]\d+)?|[.,]\d+)"
_BODY = r"(?:(?:ACSM|ACE|NASM|NSCA|AFAA|NETA|NCSF|ISSA|IACET|AEA)\s+)?"
_CREDIT = (
    r"(?P<u>AMA PRA Category 1 Credits?|CMEs?|CECs?|CEUs?|contact[ -]hours?"
    r"|(?:semester |quarter )?credit[ -]hours?|clock hours?|hours?|hrs?\.?)"
)
_AMOUNTS = (
    re.compile(rf"(?<![\w.,]){_NUMBER}\s*{_BODY}{_CREDIT}(?!\w)", re.I),
    re.compile(
        rf"(?<!\w){_BODY}{_CREDIT}\s*(?:awarded|earned)?\s*[:=]\s*{_NUMBER}(?![\w.,])", re.I
    ),
)
# How certificates name units, as the unit ids of rules/acsm/units.yaml.
_UNIT_WORDS = {
    "cec": "cec",
    "ceu": "ceu",
    "cme": "cme",
    "ama pra category 1 credit": "cme",
    "contact hour": "contact_hour",
    "clock hour": "hour",
    "hour": "hour",
    "hr": "hour",
    "semester credit hour": "college_credit_hour",
    "quarter credit hour": "college_quarter_credit_hour",
}
_TOTAL = re.compile(r"\btotal\b", re.I)

# What a title follows on a certificate, and what ends it.
_TITLE = re.compile(
    r"(?:for (?:successfully )?(?:completing|completion of|attending|participating in)"
    r"|has (?:successfully )?(?:completed|attended|participated in)"
    r"|(?:course|program|programme|webinar|workshop|session|activity|event)(?: title)?\s*:"
    r"|\btitle\s*:)\s*(?P<t>.*)",
    re.I,
)
_TITLE_END = re.compile(
    r"\s+(?:on|dated?)\s+\S.*$|\s*[(\[].*$|\s+(?:for|worth|approved for)\s+[\d.,]+\s+\S.*$"
    r"|\s+\d+(?:[.,]\d+)?\s*(?:CECs?|CEUs?|contact hours?)\b.*$",
    re.I,
)
# An approval, course or certificate number: the label, then a code with at least one digit.
_NUMBER_LABEL = re.compile(
    r"(?:approval|course|certificate|certification|cep|program|activity|provider|reference)"
    r"\s*(?:number|no\.?|#|id|code)\s*[:#.]?\s*(?P<c>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,})",
    re.I,
)
# Who gave the course, in the certificate's words.
_BY = re.compile(
    r"(?:presented|provided|offered|sponsored|issued|hosted|awarded)\s+by\s*:?\s*(?P<o>[^\n,.;]+)",
    re.I,
)
# Names that say nothing about who gave the course.
_GENERIC = {"other"}


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _day(found: str) -> tuple[date | None, str]:
    """The day a date names, or why it cannot be told ("3/4/2025 could be March 4 or April 3")."""
    if ambiguous_date(found):
        one, other = read_file_date(found, False), read_file_date(found, True)
        if one is not None and other is not None:
            return None, (
                f"{found} could be {long_date(one, day_first=False)} or "
                f"{long_date(other, day_first=False)}"
            )
    day = read_file_date(found, False) or read_file_date(found, True)
    return day, "" if day else f"{found} is not a real day"


def read_date(lines: list[str]) -> Read:
    """The day the course was completed: the one date given, or the one on a line that says it
    is the completion (issue) day; a card's expiry or a renewal day is never taken."""
    candidates: list[tuple[date, str, bool]] = []
    unsure: list[tuple[str, bool]] = []
    for line in lines:
        if _OTHER_DAY.search(line):
            continue
        done = bool(_DONE_DAY.search(line))
        for found in _DATES.finditer(line):
            day, why = _day(found.group())
            if day is None:
                unsure.append((why, done))
            else:
                candidates.append((day, line, done))
    days = sorted({day for day, _, _ in candidates})
    if len(days) == 1 and not unsure:
        day, line, _ = candidates[0]
        return Read(day.isoformat(), line)
    labelled = sorted({(day, line) for day, line, done in candidates if done})
    if len({day for day, _ in labelled}) == 1 and not any(done for _, done in unsure):
        day, line = labelled[0]
        return Read(day.isoformat(), line)
    if not days and not unsure:
        return NOT_READ
    if not days:
        return Read(None, "", unsure[0][0])
    shown = ", ".join(long_date(day, day_first=False) for day in days)
    why = f"{len(days)} dates found ({shown}) and none is marked as the day completed"
    if len(days) == 1:
        why = f"{shown} found, but also {'; '.join(w for w, _ in unsure)}"
    return Read(None, "", why)


def _unit_id(word: str) -> str:
    """The unit a credit word names ("CECs", "contact-hours", "hrs."), or "" when it does not
    say (a "credit hour" alone: a college's or a course's?)."""
    key = " ".join(w[:-1] if w.endswith("s") and len(w) > 2 else w for w in name_key(word).split())
    return _UNIT_WORDS.get(key, "")


def _amounts(lines: list[str]) -> list[tuple[Decimal, str, str, bool]]:
    found: list[tuple[Decimal, str, str, bool]] = []
    for line in lines:
        for pattern in _AMOUNTS:
            for match in pattern.finditer(line):
                try:
                    number = Decimal(match["n"].replace(",", "."))
                except InvalidOperation:  # pragma: no cover - the pattern admits digits only
                    continue
                found.append((number, _unit_id(match["u"]), line, bool(_TOTAL.search(line))))
    return found


def read_amount(lines: list[str], own_unit: str | None) -> tuple[Read, Read]:
    """The credits and their unit: the one amount given (the same figure said twice is one),
    the total of several, or the one in the provider's own unit; else left empty, with the
    amounts seen."""
    found = [a for a in _amounts(lines) if a[0] > 0]
    if not found:
        return NOT_READ, NOT_READ
    unknown = [a for a in found if not a[1]]
    known = [a for a in found if a[1]]
    distinct = sorted({(n, u) for n, u, _, _ in known})
    if not known:
        words = unknown[0][2]
        why = f"the unit of {fmt(unknown[0][0])} is not clear: say which unit the certificate means"
        return Read(None, words, why), Read(None, words, why)
    if len(distinct) > 1:
        totals = sorted({(n, u) for n, u, _, total in known if total})
        in_own = sorted({(n, u) for n, u in distinct if u == own_unit})
        for choice in (totals, in_own):
            if len(choice) == 1:
                distinct = choice
                break
    if len(distinct) > 1:
        shown = ", ".join(f"{fmt(n)} {u.replace('_', ' ')}" for n, u in distinct)
        why = f"several amounts found ({shown}): enter the one the certificate awards"
        return Read(None, "", why), Read(None, "", why)
    number, unit = distinct[0]
    line = next(line for n, u, line, _ in known if (n, u) == (number, unit))
    return Read(fmt(number), line), Read(unit, line)


def read_provider(text: str, rules: Rules) -> Read:
    """The organization by a name or alias the rules know, when the certificate names one (an
    ACSM Approved Provider before ACSM itself); several different ones: left to the user."""
    key = f" {name_key(text)} "
    hits: dict[str, tuple[int, str]] = {}
    for name, pid in rules.provider_names.items():
        if not name or name in _GENERIC or rules.providers[pid].named:
            continue
        at = key.find(f" {name} ")
        if at >= 0 and (pid not in hits or len(name) > len(hits[pid][1])):
            hits[pid] = (at, name)
    # A longer name found where a shorter one is ("acsm approved provider" holds "acsm"): the
    # longer one is meant.
    for pid, (at, name) in list(hits.items()):
        for other, (oat, oname) in hits.items():
            inside = other != pid and oat <= at and at + len(name) <= oat + len(oname)
            if inside and len(oname) > len(name):
                hits.pop(pid)
                break
    if not hits:
        return Read(None, "", "no organization the site knows is named")
    if len(hits) > 1:
        names = ", ".join(rules.providers[pid].abbreviation for pid in sorted(hits))
        return Read(None, "", f"several organizations named ({names}): choose the one that gave it")
    pid, (_, name) = next(iter(hits.items()))
    # The words as the certificate writes them, for the evidence.
    written = re.search(r"\W+".join(map(re.escape, name.split())), text, re.I)
    return Read(pid, written.group() if written else name)


def read_title(lines: list[str]) -> Read:
    for i, line in enumerate(lines):
        found = _TITLE.search(line)
        if not found:
            continue
        title = _TITLE_END.sub("", found["t"]).strip(" :\"'“”")
        words = line
        if not title and i + 1 < len(lines):
            title = _TITLE_END.sub("", lines[i + 1]).strip(" :\"'“”")
            words = f"{line} {lines[i + 1]}"
        if title:
            return Read(title, words)
    return Read(None, "", 'no line says what the course was (after "for completing" or "Course:")')


def read_number(lines: list[str]) -> Read:
    codes = {(m["c"], line) for line in lines for m in _NUMBER_LABEL.finditer(line)}
    distinct = sorted({c for c, _ in codes})
    if len(distinct) == 1:
        return Read(distinct[0], next(line for c, line in codes if c == distinct[0]))
    if distinct:
        return Read(None, "", f"several numbers found ({', '.join(distinct)})")
    return NOT_READ


def read_organization(lines: list[str]) -> Read:
    for line in lines:
        found = _BY.search(line)
        if found and found["o"].strip():
            return Read(found["o"].strip(), line)
    return Read(None, "", "no line says who presented or provided the course")


def read_certificate(text: str, rules: Rules) -> Draft:
    """The draft activity a certificate's text gives."""
    lines = _lines(text)
    if not any(re.search(r"[A-Za-z]{3}", line) for line in lines):
        return Draft(
            False, {name: Read(None, "", "this file has no text to read") for name in FIELDS}
        )
    provider = read_provider(text, rules)
    organization = read_organization(lines)
    named = next((p.id for p in rules.providers.values() if p.named), None)
    if provider.value is None and organization.value is not None and named is not None:
        # An organization the rules do not list, by its own name: "Another organization".
        provider = Read(named, organization.words)
    own = rules.providers[provider.value].unit if provider.value else None
    amount, unit = read_amount(lines, own)
    return Draft(
        True,
        {
            "date": read_date(lines),
            "title": read_title(lines),
            "provider": provider,
            "organization": organization,
            "amount": amount,
            "unit": unit,
            "number": read_number(lines),
        },
    )


def draft_record(name: str, draft: Draft) -> dict[str, object]:
    """One draft as the command line prints it (``--format json``)."""
    record: dict[str, object] = {"file": name, "has_text": draft.has_text}
    record.update({f: draft.fields[f].value for f in FIELDS})
    record["evidence"] = {
        f: (draft.fields[f].words if draft.fields[f].value is not None else None) for f in FIELDS
    }
    record["unsure"] = {f: draft.fields[f].reason for f in FIELDS if draft.fields[f].value is None}
    return record


def draft_lines(name: str, draft: Draft) -> Iterable[str]:
    """One draft for people: each value with the words it was read from, or why it is empty."""
    yield f"{name}:"
    if not draft.has_text:
        yield "  This file has no text to read: enter the details."
        return
    for f in FIELDS:
        read = draft.fields[f]
        if read.value is None:
            yield f"  {f}: (empty) {read.reason}"
        else:
            yield f'  {f}: {read.value}    read from: "{read.words}"'
