"""How the generated pages write the rules' values: numbers, money, days, and the value of a
dated rule in force on the build day, and the rules pages' titles. Shared by the page generator,
the changes feed and the timeline picture."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from calc.dated import in_force
from calc.text import fmt, parse_date

# Each rules page's title in the navigation, by its file's name: what a change's entry links to
# (the page generator and the changes feed alike).
PAGE_NAMES = {
    "certifications": "How many CECs",
    "what-counts": "What counts",
    "units": "Units and providers",
    "renewing": "Renewing",
    "audits": "Audits",
    "tracking": "Tracking",
}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def num(value: Any) -> str:
    """A bundle number (an exact decimal string) as people write it."""
    return fmt(Decimal(str(value)))


def tenths(value: Any) -> str:
    """A credit of a body that writes its unit in tenths ("2.0 CECs", "0.5 CEUs"): a whole number
    keeps its ".0", as that body's pages write it."""
    text = num(value)
    return text if "." in text else f"{text}.0"


def usd(value: Any) -> str:
    return f"${num(value)}"


def month_day(value: str) -> str:
    """'12-31' as 'December 31'."""
    month, day = (int(part) for part in value.split("-"))
    return f"{MONTHS[month - 1]} {day}"


def _day(value: str) -> date:
    day = parse_date(value)
    if day is None:
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
    return day


def long_date(value: str) -> str:
    """'2025-02-22' as 'February 22, 2025'."""
    day = _day(value)
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def number_words(value: Any) -> str:
    """Small whole numbers in words ("one year", "three years"), others in digits."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    n = Decimal(str(value))
    return words[int(n)] if n == n.to_integral_value() and 0 <= n <= 10 else num(n)


# Who speaks, by a source's kind (sources.yaml): the Sources page's label for each.
KINDS = {
    "acsm": "ACSM",
    "acsm-copy": "copy of ACSM's site",
    "other-body": "other certifying body",
    "copy": "copy of the body's own site",
    "third-party": "third party",
}
# The kinds whose word alone confirms nothing: a value from one says where it comes from.
NOT_ACSM = ("acsm-copy", "copy", "third-party")


def kind_label(source: Any) -> str:
    """ "third party", "copy of ACSM's site"...: what kind of source this is."""
    return KINDS[source["kind"]]


def origin(source: Any) -> str:
    """ "from a third party", "from a copy of ACSM's site", said beside a value that rests on
    such a source; "" for ACSM and the other certifying bodies."""
    return f"from a {KINDS[source['kind']]}" if source["kind"] in NOT_ACSM else ""


class Page:
    """What one page's rendering needs to remember: which anchors it has placed already, so
    that a value shown twice carries its anchor once."""

    def __init__(self, name: str, today: date) -> None:
        self.name = name
        self.today = today
        self.placed: set[str] = set()
        # Every value shown, with the entry that backs it, in page order: each becomes a marker
        # in the text, gathered per section into its "Sources" disclosure (see gen_pages). A
        # value shown without its sources (``listed`` false: the FAQ, Home) still brings what the
        # site assumes, when ACSM has not confirmed it.
        self.cited: list[tuple[dict[str, Any], str, bool]] = []
        self.assumed: set[str] = set()  # what the site assumes, said once on the page
        # Where a section ends, for its sources: at each "## " heading; on a page of questions,
        # at each "### " question too, so that what an answer assumes follows that answer.
        self.section_heading = re.compile(r"(?m)^(?=## )")
        # Lists already shown on the page, by their items: a second list the same says so
        # instead of repeating every line (the "What changed" page).
        self.lists: dict[tuple[str, ...], str] = {}

    def cite(self, entry: dict[str, Any], shown: str, listed: bool = True) -> str:
        """A marker for the section's sources: the entry backing a value shown as ``shown``."""
        self.cited.append((entry, shown, listed))
        return f"<!--cite:{len(self.cited) - 1}-->"

    def assume(self, entry: dict[str, Any]) -> str:
        """For a value shown without its sources: a marker bringing what the site assumes, when
        the value is unconfirmed; nothing otherwise."""
        if entry.get("status") != "unconfirmed":
            return ""
        return self.cite(entry, "", listed=False)

    def per_question(self) -> str:
        """Sections end at each question (### heading) as well: what an answer assumes is said
        right after it. Returns "" so that a template can call it in place."""
        self.section_heading = re.compile(r"(?m)^(?=###? )")
        return ""

    def same_list(self, items: Any, where: str) -> str:
        """Where the same list was shown before on this page ("" the first time, which records
        it as shown at ``where``)."""
        key = tuple(" ".join(str(i).split()) for i in items)
        if key in self.lists:
            return self.lists[key]
        self.lists[key] = where
        return ""

    def first(self, anchor: str) -> bool:
        new = anchor not in self.placed
        self.placed.add(anchor)
        return new

    def entry(self, rule: dict[str, Any]) -> dict[str, Any]:
        """The entry in force on the build day, as the calculator reads it (calc.dated); before
        the first, that entry with no value ("not known")."""
        entries: list[dict[str, Any]] = rule["entries"]
        found = in_force(entries, self.today, lambda e: _day(e["from"]), lambda e: e["basis"])
        return found if found is not None else {**entries[0], "value": None}

    def upcoming(self, rule: dict[str, Any]) -> list[dict[str, Any]]:
        return [e for e in rule["entries"] if _day(e["from"]) > self.today]
