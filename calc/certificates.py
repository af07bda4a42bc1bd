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
from decimal import Decimal

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
# A meeting over several days, "May 27-30, 2025": its last day is when it was completed.
_RANGE = re.compile(rf"\b({_MONTH})\.?\s+\d{{1,2}}\s*[-\u2013]\s*(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)
_DATES = re.compile(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ -]+{_MONTH}\.?,?[ -]+\d{{4}}"
    rf"|{_MONTH}\.?[ -]+\d{{1,2}}(?:st|nd|rd|th)?,?[ ]+\d{{4}})\b",
    re.IGNORECASE,
)
# Lines whose date is not the day the course was completed: a card's expiry, a renewal due day,
# the day a provider's approval runs to.
_OTHER_DAY = re.compile(
    r"expir|(?:valid|good|approved) (?:until|through|thru)|renew|due|recommended"
    r"|approval period|print|order|purchas|register|enrol|generated|birth",
    re.I,
)
# Lines that say their date is the day of the course (strong), or only the day the certificate
# was issued (weak: taken when nothing stronger is given).
_DONE_DAY = re.compile(
    r"complet|attended|held|presented on|conferred|passed|semester|term"
    r"|\b(?:course|event|class|training|session|exam|activity) date|date of (?!issue)",
    re.I,
)
_ISSUE_DAY = re.compile(r"issue|awarded|earned|^date\b", re.I)
# Two days joined ("January 13, 2025 - May 9, 2025"): a course over that time, done on the last.
_JOINED = re.compile(r"^\s*(?:-|\u2013|to|through|until)\s*$", re.I)

# An amount is a number next to a credit word: "2.0 CECs", "Approved for 1.5 ACSM CECs",
# "0.2 CEUs", "3 contact hours", "CECs: 2". A body's abbreviation may stand between the two
# (the rules' providers', see _amount_patterns).
_NUMBER = r"(?P<n>\d+(?:[.,]\d+)?|[.,]\d+)"
_CREDIT = (
    r"(?P<u>AMA PRA Category 1 Credits?|CMEs?|CECs?|CEUs?|contact[ -]hours?"
    r"|(?:semester |quarter )?credit[ -]hours?|clock hours?|hours?|hrs?\.?)"
)
_ABBREVIATION = re.compile(r"[A-Z]{2,6}")


Patterns = tuple[re.Pattern[str], ...]


def _amount_patterns(rules: Rules) -> Patterns:
    """The amounts a certificate may write, with the abbreviations of the rules' providers: built
    once per certificate (read_certificate) and handed to each reading that needs them."""
    bodies = sorted(
        {
            p.abbreviation
            for p in rules.providers.values()
            if _ABBREVIATION.fullmatch(p.abbreviation)
        }
    )
    body = rf"(?:(?P<b>{'|'.join(map(re.escape, bodies))})\s+)?" if bodies else "(?P<b>)"
    return (
        re.compile(rf"(?<![\w.,]){_NUMBER}\s*{body}{_CREDIT}(?!\w)", re.I),
        re.compile(
            rf"(?<!\w){body}{_CREDIT}\s*(?:awarded|earned|claimed)?\s*[:=]\s*{_NUMBER}(?![\w.,])",
            re.I,
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
# What the certificate says it awards ("approved for", "CEUs earned:"), before a figure it only
# mentions (a quiz's name, a session of a conference).
_AWARDED = re.compile(r"award|earn|approved for|claim|grant|has been approved", re.I)
# "Hours" alone is a credit only where the line speaks of credit or attendance, not "available 24
# hours a day".
_TIME_UNITS = {"hour"}
_CREDIT_CONTEXT = re.compile(
    r"credit|\bCE\b|continuing|award|approv|earn|complet|attend|particip|duration|length"
    r"|instruction|training|total",
    re.I,
)
_NOT_LENGTH = re.compile(r"^\s*(?:a|per|each|every)\s+(?:day|week|month)|^\s*ago", re.I)
# "0.1 CEU = 1 contact hour": how a unit converts, not what this course awards.
_EQUIVALENCE = re.compile(r"=|\bequals?\b|\bequivalent\b|\bper\b", re.I)


def _only_converts(line: str) -> bool:
    """A line of equivalents ("0.1 CEU = 1 contact hour", "Equivalents: 0.8 ACE CECs"): how units
    convert, not what this course awards, nor who gave it."""
    return bool(_EQUIVALENCE.search(line)) and not _AWARDED.search(line)


# What a title follows on a certificate, and what ends it.
_TITLE = re.compile(
    r"(?:for (?:successfully )?(?:completing|completion of|attending|participating in)"
    r"|(?:has )?(?:successfully )?(?:completed|attended|participated in|passed)"
    r"|(?:course|program|programme|webinar|workshop|session|activity|event)(?: title)?\s*:"
    r"|\btitle\s*:)\s*(?P<t>.*)",
    re.I,
)
_TITLE_END = re.compile(
    r"\s+(?:on|dated?)\s+\S.*$|\s*[(\[].*$|\s+(?:for|worth|approved for)\s+[\d.,]+\s+\S.*$"
    r"|\s+in\s+[A-Z][\w .]*,.*$|,.*$"
    r"|\s+\d+(?:[.,]\d+)?\s*(?:CECs?|CEUs?|contact hours?)\.?\s*$",
    re.I,
)
# What stands where a title would but names no course ("the requirements for", "the live
# activity", "the NETA workshop"): the title is on the next line.
_NOT_A_TITLE = re.compile(
    r"^(?:(?:the|a|an|this|following|live|online|recorded|[A-Z]{2,6})\s+){0,3}"
    r"(?:course|webinar|workshop|activity|program|programme|event|session|training|seminar"
    r"|class|requirements|evaluations?)(?:\s+(?:for|of|in))?$|(?:^|\s)(?:for|in|of|with|accordance)$",
    re.I,
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


# An approval, course or certificate number: the label, then a code with at least one digit.
_NUMBER_LABEL = re.compile(
    r"(?P<label>approval|course|certificate|certification|cep|program|activity|event|ecard"
    r"|provider|reference)"
    r"\s*(?:number|no\.?|#|id|code)\s*[:#.]?\s*(?P<c>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,})",
    re.I,
)
# A provider's own number says who gave the course, not which course: taken only when alone.
_PROVIDER_LABEL = "provider"
# Who gave the course, in the certificate's words.
_BY = re.compile(
    r"(?:presented|provided|offered|sponsored|issued|hosted|awarded|delivered)\s+by\s*:?\s*"
    r"(?:the\s+)?(?P<o>[^\n,.;|]+?)(?=\s+(?:on|in|at|from)\s|\s*[,.;|(]|\s*$)",
    re.I,
)
_APPROVED_AS = re.compile(
    r"^(?:the\s+)?(?P<o>[A-Z][^,.;|]+?),?\s+is\s+an?\s+(?:[A-Z]+[- ])?approved\s+provider",
    re.I,
)
NO_PROVIDER = "no organization the site knows is named"
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
    is the day of the course (else the issue day, when only one is given); a meeting over
    several days is done on its last; a card's expiry or a renewal day is never taken."""
    # (day, line, strength: 2 said to be the course's day, 1 the issue day, 0 not said)
    candidates: list[tuple[date, str, int]] = []
    unsure: list[tuple[str, int]] = []
    for line in lines:
        if _OTHER_DAY.search(line):
            continue
        strength = 2 if _DONE_DAY.search(line) else 1 if _ISSUE_DAY.search(line) else 0
        for found in _RANGE.finditer(line):
            day = read_file_date(f"{found[1]} {found[2]}, {found[3]}", False)
            if day is not None:
                candidates.append((day, line, 2))
        rest = _RANGE.sub(" ", line)
        matches = list(_DATES.finditer(rest))
        for i, found in enumerate(matches):
            joined = i + 1 < len(matches) and _JOINED.match(
                rest[found.end() : matches[i + 1].start()]
            )
            day, why = _day(found.group())
            if joined:
                continue  # the first day of a span: the last is when it was done
            if day is None:
                unsure.append((why, strength))
                continue
            span = i > 0 and _JOINED.match(rest[matches[i - 1].end() : found.start()])
            candidates.append((day, line, 2 if span else strength))
    for level in (None, 2, 1):
        chosen = {(d, line) for d, line, s in candidates if level is None or s == level}
        said = any(level is None or s >= level for _, s in unsure)
        if len({d for d, _ in chosen}) == 1 and not said:
            day, line = min(chosen)
            return Read(day.isoformat(), line)
    days = sorted({d for d, _, _ in candidates})
    if not days:
        return Read(None, "", unsure[0][0]) if unsure else NOT_READ
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


@dataclass(frozen=True)
class _Amount:
    number: Decimal
    unit: str
    line: str
    total: bool
    awarded: bool
    body: str  # the abbreviation written with it ("ACSM" in "6 ACSM CECs"), or ""


def _amounts(lines: list[str], patterns: Patterns) -> list[_Amount]:
    found: list[_Amount] = []
    for line in lines:
        if _only_converts(line):
            continue
        for pattern in patterns:
            for match in pattern.finditer(line):
                number = Decimal(match["n"].replace(",", "."))
                unit = _unit_id(match["u"])
                after = line[match.end() :]
                if unit in _TIME_UNITS and (
                    not _CREDIT_CONTEXT.search(line) or _NOT_LENGTH.match(after)
                ):
                    continue
                found.append(
                    _Amount(
                        number,
                        unit,
                        line,
                        bool(_TOTAL.search(line)),
                        bool(_AWARDED.search(line)),
                        (match["b"] or "").upper(),
                    )
                )
    return found


def _words_of(name: str) -> set[str]:
    return set(re.findall(r"[A-Z0-9]+", name.upper()))


def read_amount(
    lines: list[str], rules: Rules, patterns: Patterns, provider: str | None
) -> tuple[Read, Read]:
    """The credits and their unit: the one amount given (the same figure said twice is one);
    of several, the total, else the one the certificate says it awards, else the one written
    with the provider's own name ("6 ACSM CECs" from an ACSM Approved Provider) or in its own
    unit; else left empty, with the amounts seen."""
    found = [a for a in _amounts(lines, patterns) if a.number > 0]
    if not found:
        return NOT_READ, NOT_READ
    known = [a for a in found if a.unit]
    if not known:
        words = found[0].line
        why = (
            f"the unit of {fmt(found[0].number)} is not clear: say which unit the certificate means"
        )
        return Read(None, words, why), Read(None, words, why)
    own = rules.providers[provider] if provider else None
    tests = (
        lambda a: a.total,
        lambda a: a.awarded,
        lambda a: bool(own and a.body and a.body in _words_of(f"{own.abbreviation} {own.name}")),
        lambda a: bool(own and a.unit == own.unit),
    )
    chosen = known
    for test in tests:
        if len({(a.number, a.unit) for a in chosen}) == 1:
            break
        narrowed = [a for a in chosen if test(a)]
        if narrowed:
            chosen = narrowed
    distinct = sorted({(a.number, a.unit) for a in chosen})
    if len(distinct) > 1:
        shown = ", ".join(f"{fmt(n)} {u.replace('_', ' ')}" for n, u in distinct)
        why = f"several amounts found ({shown}): enter the one the certificate awards"
        return Read(None, "", why), Read(None, "", why)
    return Read(fmt(chosen[0].number), chosen[0].line), Read(chosen[0].unit, chosen[0].line)


def read_provider(lines: list[str], rules: Rules, patterns: Patterns) -> Read:
    """The organization by a name or alias the rules know, when the certificate names one;
    several different ones: left to the user. A body's name written with an amount ("0.6 ACE
    CECs") or in a line of equivalents says what the credit is worth elsewhere, not who gave the
    course; a credit's own name ("AMA PRA Category 1 Credits") does say."""
    kept = []
    for line in lines:
        if _only_converts(line):
            continue
        for pattern in patterns:
            line = pattern.sub(lambda m: f" {m['u']} ", line)
        kept.append(line)
    text = "\n".join(kept)
    key = f" {name_key(text)} "
    found: dict[str, set[str]] = {}
    for name, pid in rules.provider_names.items():
        if name and name not in _GENERIC and not rules.providers[pid].named and f" {name} " in key:
            found.setdefault(pid, set()).add(name)
    # A name that is part of another organization's name found ("acsm" of "acsm regional
    # chapter"): the certificate speaks of the other one.
    hits = {
        pid: max(names, key=len)
        for pid, names in found.items()
        if not any(
            f" {name} " in f" {other} "
            for name in names
            for o, others in found.items()
            if o != pid
            for other in others
        )
    }
    if not hits:
        return Read(None, "", NO_PROVIDER)
    if len(hits) > 1:
        names = ", ".join(rules.providers[pid].abbreviation for pid in sorted(hits))
        return Read(None, "", f"several organizations named ({names}): choose the one that gave it")
    pid, name = next(iter(hits.items()))
    # The words as the certificate writes them, for the evidence.
    written = re.search(r"\W+".join(map(re.escape, name.split())), text, re.I)
    return Read(pid, written.group() if written else name)


def _title_in(text: str) -> str:
    return _TITLE_END.sub("", _ARTICLE.sub("", text.strip())).strip(" :\"'\u201c\u201d")


# A line that labels a value ("Date: ...", "Provider #: ..."), not a title with a colon in it.
_LABEL_LINE = re.compile(
    r"^(?:date|course|program|provider|approval|certificate|credits?|ceus?|cecs?|category"
    r"|location|instructor|presenter|student|name|held|issued)\b[^:]{0,20}:",
    re.I,
)


def _could_be_title(line: str) -> bool:
    """A line on its own that may be a title: it starts as one (not "with the curriculum of")
    and labels nothing."""
    return bool(re.match(r"[A-Z0-9\"\u201c]", line) and re.search(r"[A-Za-z]{3}", line)) and not (
        _DATES.search(line) or _NUMBER_LABEL.search(line) or _LABEL_LINE.search(line)
    )


def read_title(lines: list[str], patterns: Patterns) -> Read:
    """What the course was: the words after "for completing", "has attended", "Course:"...; or,
    where those words name no course ("the requirements for"), the next line."""
    for i, line in enumerate(lines):
        found = _TITLE.search(line)
        if not found:
            continue
        title, words = _title_in(found["t"]), line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if (not title or _NOT_A_TITLE.search(title)) and nxt:
            label = _TITLE.match(nxt)
            candidate = _title_in(label["t"]) if label else nxt
            if label or _could_be_title(nxt):
                title, words = _title_in(candidate), f"{line} {nxt}"
        # "attended 2 hours of continuing education": an amount, not a title.
        amount = any(p.search(title) for p in patterns)
        if title and not _NOT_A_TITLE.search(title) and not amount:
            return Read(title, words)
    return Read(None, "", 'no line says what the course was (after "for completing" or "Course:")')


def read_number(lines: list[str]) -> Read:
    codes = {
        (m["c"], line, m["label"].lower() == _PROVIDER_LABEL)
        for line in lines
        for m in _NUMBER_LABEL.finditer(line)
    }
    if any(not by_provider for _, _, by_provider in codes):
        codes = {code for code in codes if not code[2]}
    distinct = sorted({c for c, _, _ in codes})
    if len(distinct) == 1:
        return Read(distinct[0], next(line for c, line, _ in codes if c == distinct[0]))
    if distinct:
        return Read(None, "", f"several numbers found ({', '.join(distinct)})")
    return NOT_READ


def read_organization(lines: list[str]) -> Read:
    for line in lines:
        found = _BY.search(line) or _APPROVED_AS.search(line)
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
    patterns = _amount_patterns(rules)
    provider = read_provider(lines, rules, patterns)
    organization = read_organization(lines)
    named = next((p.id for p in rules.providers.values() if p.named), None)
    unnamed = provider.reason == NO_PROVIDER
    if unnamed and organization.value is not None and named is not None:
        # An organization the rules do not list, by its own name: "Another organization".
        provider = Read(named, organization.words)
    amount, unit = read_amount(lines, rules, patterns, provider.value)
    return Draft(
        True,
        {
            "date": read_date(lines),
            "title": read_title(lines, patterns),
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
