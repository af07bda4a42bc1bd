"""A citation names the entry applied on the day: its source, its status, the day it starts and
the source's own words for it, which the calculator shows one click from each decision."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from calc.citations import apply
from calc.dated import Entry, Rule
from calc.model import Rules, Source

OLD = Source(
    "old-page", "Old page", "https://example.org/old", "ACSM", None, date(2019, 1, 1), "high"
)
NEW = Source(
    "new-page", "New page", "https://example.org/new", "ACSM", None, date(2025, 1, 1), "high"
)
FEE: Rule[int] = Rule(
    id="certifications.cpt.renewal_fee_usd",
    page="renewing",
    anchor="fee",
    entries=(
        Entry(date(2019, 1, 1), 45, "old-page", quote="The fee is $45"),
        Entry(date(2025, 1, 1), 60, "new-page", status="unconfirmed"),
        Entry(date(2027, 1, 1), None, "new-page", quote="No fee"),
    ),
)


def test_the_citation_carries_the_entry_in_force_and_its_words(rules: Rules) -> None:
    these = replace(rules, sources={"old-page": OLD, "new-page": NEW})
    old = apply(these, FEE, date(2024, 12, 31))
    assert old is not None and old.value == 45
    assert (old.citation.source, old.citation.url, old.citation.quote) == (
        "old-page",
        "https://example.org/old",
        "The fee is $45",
    )
    assert (old.citation.since, old.citation.status, old.citation.unconfirmed) == (
        date(2019, 1, 1),
        "confirmed",
        False,
    )
    assert (old.citation.rule, old.citation.page, old.citation.anchor) == (
        FEE.id,
        "renewing",
        "fee",
    )
    new = apply(these, FEE, date(2025, 1, 1))
    assert new is not None and new.value == 60
    # A value without words is cited without them, never with the last entry's.
    assert (new.citation.source, new.citation.quote, new.citation.unconfirmed) == (
        "new-page",
        None,
        True,
    )
    assert new.citation.since == date(2025, 1, 1)


def test_nothing_is_applied_before_the_first_entry_or_once_retired(rules: Rules) -> None:
    these = replace(rules, sources={"old-page": OLD, "new-page": NEW})
    assert apply(these, FEE, date(2018, 12, 31)) is None
    assert apply(these, FEE, date(2027, 1, 1)) is None
