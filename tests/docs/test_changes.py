"""The "What changed" page and its Atom feed (scripts/changes_page.py): the words, their order, their
links, every dated entry of the real rules exactly once, and a feed that parses as Atom 1.0."""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

import feedparser
import pytest

from scripts import changes_page as changes
from scripts.gen_pages import environment, gather_sources, render, rules_of
from scripts.pagetext import PAGE_NAMES, Page
from tests.conftest import BuiltSite, as_of
from tests.docs.golden import BENCH, DAY

SITE = "https://example.org/cec/"
MARKER = re.compile(
    r'<span class="cec-change" id="([^"]+)" data-rule="([^"]+)" data-from="([^"]+)">'
)


def entry(day: str, value: Any, basis: str = "effective", **more: Any) -> dict[str, Any]:
    """A dated entry as the bundle holds it."""
    return {
        "from": day,
        "value": value,
        "source": "acsm-recertification-2025",
        "status": "confirmed",
        "basis": basis,
        "note": None,
        "assumption": None,
        **more,
    }


@pytest.fixture(scope="module")
def edited(bundle: dict[str, Any]) -> dict[str, Any]:
    """The real rules as they stood on DAY (a value a maintainer dates later is not theirs to
    list) with three new dated values: an announced cap (after DAY), a new fee and a late fee
    retired (null)."""
    b = copy.deepcopy(bundle)
    as_of(b, DAY.isoformat())
    for rule, added in (
        (b["categories"]["cpr"]["cap_per_year"], entry("2027-01-01", "6")),
        (b["certifications"]["cpt"]["renewal_fee_usd"], entry("2026-07-01", "65")),
        (b["renewal"]["late_fee_usd"], entry("2026-09-01", None)),
    ):
        # In its place among the dates: a value a maintainer adds later stays after it.
        rule["entries"] = sorted([*rule["entries"], added], key=lambda e: str(e["from"]))
    return b


@pytest.fixture(scope="module")
def small(edited: dict[str, Any]) -> dict[str, Any]:
    """A few rules of the edited set, one of each kind of value: numbers, money, true/false, a
    standing, a statement and a list."""
    keep = {
        "categories": {"cpr": edited["categories"]["cpr"]},
        "certifications": {"cpt": edited["certifications"]["cpt"]},
        "renewal": {k: edited["renewal"][k] for k in ("late_fee_usd", "renewal_steps")},
        "tracking": {"dashboard": edited["tracking"]["dashboard"]},
    }
    return {"last_verified": edited["last_verified"], "sources": edited["sources"], **keep}


FEE = "Fee added when renewing during the grace period"
# Newest first; on one day, what took effect that day ("From") before what a source said by then
# ("By"), each in the menu's order of pages.
EXPECTED = [
    "From January 1, 2027 (upcoming): CPR, AED and First Aid certification counts for up to 6 CECs a year (was 5 CECs)",
    f"From September 1, 2026: {FEE}: no longer $80",
    "From July 1, 2026: The ACSM-CPT renewal fee is $65 (was $60)",
    "From January 1, 2025: ACSM began accepting CECs for CPR, AED and First Aid certification",
    "From January 1, 2025: CPR, AED and First Aid certification counts for up to 5 CECs a year",
    "From January 1, 2025: CPR, AED and First Aid certification: ACSM's page may mean 5 CECs for "
    "each completed course (shown beside the count, not counted)",
    "By January 1, 2025: Renewing the ACSM-CPT takes 45 CECs a cycle (unchanged)",
    "By January 1, 2025: The ACSM-CPT renewal fee is $60 (was not known)",
    f"By January 1, 2025: {FEE}: $80 (was $75)",
    "By January 1, 2025: Renewal steps (replacing the list of October 15, 2019)",
    "By January 1, 2025: Log your CECs on the ACSM Certification CEC Dashboard (replacing the wording of October 8, 2019)",
    "By August 20, 2024: ACSM Certified Personal Trainer (ACSM-CPT) is open to new candidates (unchanged)",
    "From January 1, 2022: The ACSM-CPT renewal fee is no longer $45",
    f"From January 1, 2020: {FEE}: $75 (was $25)",
    "By October 15, 2019: Renewal steps (replacing the list of May 20, 2019)",
    'From October 8, 2019: Your ACSM profile shows your certifications with a CEC progress bar, the cycle\'s start and expiration dates and the CECs required ("My Certifications / My CEC History")',
    "By May 20, 2019: Renewal steps",
    "By February 4, 2015: ACSM Certified Personal Trainer (ACSM-CPT) is open to new candidates",
    "By February 4, 2015: Renewing the ACSM-CPT takes 45 CECs a cycle",
    "By February 4, 2015: The ACSM-CPT renewal fee is $45",
    f"By February 4, 2015: {FEE}: $25",
]


# A rule's first value known only by a source's day: what the site learned then, not a change.
RECORDED = {
    "By May 20, 2019: Renewal steps",
    "By February 4, 2015: ACSM Certified Personal Trainer (ACSM-CPT) is open to new candidates",
    "By February 4, 2015: Renewing the ACSM-CPT takes 45 CECs a cycle",
    "By February 4, 2015: The ACSM-CPT renewal fee is $45",
    f"By February 4, 2015: {FEE}: $25",
}


def test_each_change_reads_as_a_sentence_newest_first(small: dict[str, Any]) -> None:
    found = changes.collect(small, DAY, PAGE_NAMES, recorded=None)
    assert [c.title() for c in found] == EXPECTED
    # The page and the feed list the changes; the first values known by a source's day apart.
    only = [c.title() for c in changes.collect(small, DAY, PAGE_NAMES)]
    assert only == [t for t in EXPECTED if t not in RECORDED]
    apart = changes.first_recorded(small, DAY, PAGE_NAMES)
    assert {c.title() for c in apart} == RECORDED and len(apart) == 5
    assert [c.kind for c in found[:3]] == ["change", "retire", "change"]
    assert {c.kind for c in found} == {"start", "change", "same", "retire"}
    steps = next(c for c in found if c.rule == "renewal.renewal_steps" and c.kind == "change")
    assert steps.items[1] == "Keep a current CPR/AED certification."
    assert [c.upcoming for c in found] == [True] + [False] * (len(found) - 1)


def test_the_words_follow_the_rules_not_the_code(small: dict[str, Any]) -> None:
    other = copy.deepcopy(small)
    other["categories"]["cpr"]["name"] = "Lifeguard training"
    other["certifications"]["cpt"]["abbreviation"] = "XYZ"
    (fee,) = [
        e
        for e in other["certifications"]["cpt"]["renewal_fee_usd"]["entries"]
        if e["from"] == "2026-07-01"
    ]
    fee["value"] = "125"
    titles = [c.title() for c in changes.collect(other, DAY, PAGE_NAMES)]
    assert titles[0].endswith("Lifeguard training counts for up to 6 CECs a year (was 5 CECs)")
    assert "From July 1, 2026: The XYZ renewal fee is $125 (was $60)" in titles
    assert not any("ACSM-CPT" in t or "CPR, AED" in t for t in titles)


def test_a_rule_the_phrasing_does_not_know_reads_by_its_schema() -> None:
    assert changes.field_of("renewal.late_fee_usd") == changes.Field("Number", FEE)
    assert changes.field_of("audits.proof_due_days") == changes.Field("Number", "Proof due")
    assert changes.field_of("renewal.cycle_end").kind == "MonthDay"
    with pytest.raises(KeyError):
        changes.field_of("renewal.no_such_rule")


def page_markdown(bundle: dict[str, Any], today: date = DAY) -> str:
    page = Page("changes", today)
    text = environment().get_template("changes.md.j2").render(rules=bundle, page=page)
    return gather_sources(text, page, bundle["sources"])


def item(markdown: str, fragment: str) -> str:
    """One change's list item, from its marker to the next item or the end of its list."""
    start = markdown.index(f'id="{fragment}"')
    end = re.compile(r"\n(?:- |\n)").search(markdown, start)
    return markdown[start : end.start() if end else len(markdown)]


def test_the_page_lists_them_by_day_with_links(small: dict[str, Any]) -> None:
    text = page_markdown(small)
    markers = MARKER.findall(text)
    listed, _, recorded = text.partition("## Known from a source's day")
    days = [day for _, _, day in MARKER.findall(listed)]
    assert days == sorted(days, reverse=True) and len(markers) == len(EXPECTED)
    assert len(MARKER.findall(recorded)) == len(RECORDED)
    assert "By May 20, 2019: Renewal steps" in recorded
    # The announced cap comes first, under its own heading, open.
    announced, _, past = listed.partition("## Already in force or past")
    assert "## Announced, not yet in force" in announced
    assert '<details class="cec-changes" id="changes-2027-01-01" markdown="1" open>' in announced
    assert "<summary>January 1, 2027 (upcoming): 1 change (What counts)</summary>" in announced
    assert "From January 1, 2027 (upcoming):" in announced and "2026" not in announced
    # Of the days past, only the newest is open.
    assert past.count(" open>") == 1 and 'id="changes-2026-09-01" markdown="1" open>' in past
    cap = item(text, "change-2027-01-01-categories-cpr-cap-per-year")
    assert (
        "CPR, AED and First Aid certification counts for up to 6 CECs a year (was 5 CECs)." in cap
    )
    assert "[What counts](what-counts.md#categories-cpr-cap-per-year)" in cap
    assert "source: [ACSM Recertification](https://acsm.org/certification/recertification)" in cap
    # An unconfirmed value is marked; what the site assumes is said once on the page.
    assumption = small["categories"]["cpr"]["cap_per_year"]["entries"][0]["assumption"]
    assert text.count(assumption) == 1
    old_cap = item(text, "change-2025-01-01-categories-cpr-cap-per-year")
    assert '<span class="cec-unconfirmed">unconfirmed</span> ' + assumption in old_cap
    fee = item(text, "change-2026-07-01-certifications-cpt-renewal-fee-usd")
    assert "The ACSM-CPT renewal fee is $65 (was $60)." in fee
    assert "[How many CECs](certifications.md#certifications-cpt-renewal-fee-usd)" in fee
    # A replaced statement or list links to the one it replaces.
    steps = item(text, "change-2025-01-01-renewal-renewal-steps")
    assert (
        "(replacing the list of [October 15, 2019](#change-2019-10-15-renewal-renewal-steps)):"
        in steps
    )
    assert 'id="change-2019-10-15-renewal-renewal-steps"' in text
    assert "\n    - Keep a current CPR/AED certification." in text


def test_nothing_is_upcoming_once_its_day_has_come(small: dict[str, Any]) -> None:
    later = page_markdown(small, date(2027, 1, 1))
    assert "upcoming" not in later and "## Announced" not in later
    assert "From January 1, 2027:\n\n- " in later
    assert (
        "CPR, AED and First Aid certification counts for up to 6 CECs a year (was 5 CECs)." in later
    )


# --- The real rules --------------------------------------------------------------------------


def dated_entries(bundle: dict[str, Any], recorded: bool | None = None) -> list[tuple[str, str]]:
    """Every rule's dated entries; ``recorded=False`` leaves out each rule's first value known
    only by a source's day (not a change: the page lists those apart, the feed not at all)."""
    return [
        (r["rule"], e["from"])
        for r in rules_of(bundle)
        for i, e in enumerate(r["entries"])
        if recorded is None or (i == 0 and e["basis"] == "source") == recorded
    ]


def test_every_dated_entry_of_the_real_rules_appears_exactly_once(bundle: dict[str, Any]) -> None:
    text = render(bundle, DAY, BENCH)["changes.md"]
    found = [(rule, day) for _, rule, day in MARKER.findall(text)]
    expected = dated_entries(bundle)
    assert len(expected) > 100
    assert sorted(found) == sorted(expected)
    assert len(set(found)) == len(found)
    listed = MARKER.findall(text.partition("## Known from a source's day")[0])
    days = [day for _, _, day in listed]
    assert days == sorted(days, reverse=True)
    # Each links to the page that shows its rule, at the rule's own anchor.
    for rule in rules_of(bundle):
        for e in rule["entries"]:
            said = item(text, f"change-{e['from']}-{rule['anchor']}")
            assert f"]({rule['page']}.md#{rule['anchor']})" in said, rule["rule"]
            assert f"({bundle['sources'][e['source']]['url']})" in said, rule["rule"]
            assert ("cec-unconfirmed" in said) == (e["status"] == "unconfirmed"), rule["rule"]
    assert f"{len(listed)} changes on " in text
    assert len(listed) == len(dated_entries(bundle, recorded=False))


def test_the_page_is_kept_out_of_search_and_links_its_feed_in_its_text(
    bundle: dict[str, Any],
) -> None:
    text = render(bundle, DAY, BENCH)["changes.md"]
    front = text.split("\n---\n", 1)[0]
    assert "search:\n  exclude: true" in front
    # No <link rel="alternate"> in the head: Material reads every one as another language's
    # site and asks for a sitemap.xml beside it (a 404 in the console); the body links the feed.
    assert "feed:" not in front
    assert f"[the Atom feed]({changes.FEED})" in text


# --- The feed --------------------------------------------------------------------------------


def parsed(text: str) -> Any:
    feed = feedparser.parse(text)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_the_feed_is_atom_with_one_entry_per_change_newest_first(bundle: dict[str, Any]) -> None:
    feed = parsed(changes.feed(bundle, SITE, DAY, PAGE_NAMES))
    assert len(feed.entries) == len(dated_entries(bundle, recorded=False))
    assert feed.feed.id == f"{SITE}changes/"
    assert {(link.rel, link.href) for link in feed.feed.links} == {
        ("self", f"{SITE}changes/feed.xml"),
        ("alternate", f"{SITE}changes/"),
    }
    stamps = [e.updated_parsed for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert feed.feed.updated_parsed == stamps[0]
    expected_ids = {
        f"{SITE}changes/#change-{e['from']}-{r['anchor']}"
        for r in rules_of(bundle)
        for i, e in enumerate(r["entries"])
        if not (i == 0 and e["basis"] == "source")
    }
    assert {e.id for e in feed.entries} == expected_ids
    assert all(e.link == e.id for e in feed.entries)


def test_feed_entries_say_the_change_and_link_its_page_and_source(small: dict[str, Any]) -> None:
    feed = parsed(changes.feed(small, SITE, DAY, PAGE_NAMES))
    assert [e.title for e in feed.entries] == [t for t in EXPECTED if t not in RECORDED]
    cap = feed.entries[0]
    assert cap.updated == "2027-01-01T00:00:00Z"
    links = {link.rel: link.href for link in cap.links}
    assert links["related"] == f"{SITE}what-counts/#categories-cpr-cap-per-year"
    assert links["via"] == "https://acsm.org/certification/recertification"
    body = cap.content[0].value
    assert "counts for up to 6 CECs a year (was 5 CECs)." in body
    assert f'<a href="{SITE}what-counts/#categories-cpr-cap-per-year">What counts</a>' in body
    steps = next(e for e in feed.entries if e.id.endswith("2025-01-01-renewal-renewal-steps"))
    assert "<li>Keep a current CPR/AED certification.</li>" in steps.content[0].value
    assert (
        f'<a href="{SITE}changes/#change-2019-10-15-renewal-renewal-steps">'
        in steps.content[0].value
    )


def test_entry_ids_stay_the_same_from_build_to_build(edited: dict[str, Any]) -> None:
    first = parsed(changes.feed(edited, SITE, DAY, PAGE_NAMES))
    again = parsed(changes.feed(copy.deepcopy(edited), SITE, DAY, PAGE_NAMES))
    years_later = parsed(changes.feed(edited, SITE, date(2030, 1, 1), PAGE_NAMES))
    ids = [e.id for e in first.entries]
    assert ids == [e.id for e in again.entries] == [e.id for e in years_later.entries]
    assert len(set(ids)) == len(ids)
    # Only the words say whether a change is still to come.
    assert first.entries[0].title.startswith("From January 1, 2027 (upcoming): ")
    assert years_later.entries[0].title.startswith("From January 1, 2027: ")


def test_the_feed_needs_the_sites_address(small: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="site_url"):
        changes.feed(small, "", DAY, PAGE_NAMES)


def test_the_built_site_serves_the_feed_beside_the_page(built_site: BuiltSite) -> None:
    feed = parsed((built_site.path / changes.FEED).read_text(encoding="utf-8"))
    assert feed.feed.id == f"{built_site.url}changes/"
    page = (built_site.path / "changes" / "index.html").read_text(encoding="utf-8")
    assert '<a href="feed.xml">the Atom feed</a>' in page
    listed = page.partition('id="known-from-a-sources-day"')[0]
    assert len(MARKER.findall(listed)) == len(feed.entries)
