"""The generated pages: golden copies, values straight from the rules, anchors for every rule."""

from __future__ import annotations

import html
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calc.rulefiles import load_dir
from calc.rulefiles.load import load_all
from calc.rulefiles.located import read
from scripts.gen_pages import render, rules_of
from scripts.pagetext import Page, num, usd
from tests.conftest import as_of
from tests.docs.golden import BENCH, DAY, GOLDEN, pages

ROOT = Path(__file__).resolve().parents[2]
PAGES = pages()


def spans(text: str, rule: str) -> list[str]:
    """The text of every value of ``rule`` shown on a page."""
    found = re.findall(
        r'<span class="cec-value[^"]*" data-rule="' + re.escape(rule) + r'"[^>]*>([^<]*)</span>',
        text,
    )
    return [html.unescape(t) for t in found]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_its_golden_copy(name: str) -> None:
    golden = (GOLDEN / name).read_text(encoding="utf-8")
    assert PAGES[name] == golden, (
        f"{name} changed: if that is intended, run `python -m tests.docs.golden --update` "
        "and review the diff"
    )


def test_no_golden_copy_is_left_over() -> None:
    assert sorted(str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*.md")) == sorted(PAGES)


def test_the_performance_page_shows_the_figures_given(bundle: dict[str, Any]) -> None:
    # The golden copies come from tests/docs/fixtures/, not from the last `make bench`.
    unmeasured = render(bundle, DAY, {}, load_all(str(ROOT / "rules"))[1])
    assert {name for name in PAGES if PAGES[name] != unmeasured[name]} == {"performance.md"}
    assert "Not measured yet: run `make bench`." in unmeasured["performance.md"]
    assert sorted(BENCH) == ["lighthouse", "results"] and all(BENCH.values())


def test_every_rule_has_its_anchor_on_its_page(bundle: dict[str, Any]) -> None:
    for rule in rules_of(bundle):
        page = PAGES[f"{rule['page']}.md"]
        assert page.count(f'id="{rule["anchor"]}"') == 1, rule["rule"]


def current(rule: dict[str, Any]) -> Any:
    return Page("x", DAY).entry(rule)["value"]


def test_the_tables_hold_exactly_the_rules_values(bundle: dict[str, Any]) -> None:
    page = PAGES["certifications.md"]
    for cid, cert in bundle["certifications"].items():
        if "required_cecs" not in cert:
            continue
        cecs, fee = current(cert["required_cecs"]), current(cert["renewal_fee_usd"])
        assert set(spans(page, f"certifications.{cid}.required_cecs")) == {num(cecs)}
        assert spans(page, f"certifications.{cid}.renewal_fee_usd") == [
            usd(fee) if fee else "not known"
        ]
    units = PAGES["units.md"]
    for uid, unit in bundle["units"].items():
        if "cecs_per_unit" in unit:
            factor = num(current(unit["cecs_per_unit"]))
            assert factor in spans(units, f"units.{uid}.cecs_per_unit")
    for pid, provider in bundle["providers"].items():
        if "decimal_system" in provider:
            assert spans(units, f"providers.{pid}.decimal_system") == [
                "yes" if current(provider["decimal_system"]) else "no"
            ]
    for name, rule in bundle["conversion"].items():
        assert num(current(rule)) in spans(units, f"conversion.{name}")
    counts = PAGES["what-counts.md"]
    for cid, cat in bundle["categories"].items():
        for cap in ("cap_per_year", "cap_per_service_year", "cap_per_cycle", "per_completion"):
            if cap in cat:
                assert set(spans(counts, f"categories.{cid}.{cap}")) == {num(current(cat[cap]))}


def section_of(page: str, at: int) -> str:
    """The section (from its ## heading to the next) holding position ``at``."""
    start = page.rfind("\n## ", 0, at)
    end = page.find("\n## ", at)
    return page[start if start >= 0 else 0 : end if end >= 0 else len(page)]


def test_what_the_site_assumes_is_said_once_by_the_time_its_value_is_home(
    bundle: dict[str, Any],
) -> None:
    for rule in rules_of(bundle):
        entry = Page("x", DAY).entry(rule)
        if entry["status"] != "unconfirmed":
            continue
        page = PAGES[f"{rule['page']}.md"]
        at = page.index(f'id="{rule["anchor"]}"')
        said = html.escape(" ".join(entry["assumption"].split()))
        # In plain words, once on the page: in the section where the value has its home, or in
        # an earlier one where the page showed it first.
        assert page.count(said) == 1, rule["rule"]
        assert page.index(said) < at + len(section_of(page, at)), rule["rule"]


# A value as the pages show it, then the mark of an unconfirmed one when there is one: a link to
# the value's home page may come between.
SHOWN = re.compile(
    r'<span class="cec-value[^"]*" data-rule="(?P<rule>[^"]+)"[^>]*>(?P<value>[^<]*)</span>'
    r"(?:\]\([^)]*\))?"
    # Another body's amount is followed by its unit, then its mark ("2.0 ACE CECs unconfirmed").
    r'(?:(?: [^<\n|]{1,20}?)?(?P<mark> <span class="cec-unconfirmed">(?P<said>[^<]*)</span>))?'
)
FROM = {
    "third-party": "from a third party",
    "acsm-copy": "from a copy of ACSM's site",
    "copy": "from a copy of the body's own site",
}
BODIES = load_all(str(ROOT / "rules"))[1]


def in_force_by_rule(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every rule's entry in force, ACSM's and every other body's."""
    rules = every_rule(bundle) + [rule for body in BODIES.values() for rule in every_rule(body)]
    return {rule["rule"]: Page("x", DAY).entry(rule) for rule in rules}


def every_rule(node: Any) -> list[dict[str, Any]]:
    """Every dated rule, in lists too (another body's routes)."""
    if isinstance(node, dict):
        if "rule" in node and "entries" in node:
            return [node]
        node = list(node.values())
    if isinstance(node, list):
        return [rule for value in node for rule in every_rule(value)]
    return []


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_value_is_as_sure_as_its_source(bundle: dict[str, Any], name: str) -> None:
    """On every page, the FAQ and Home included: an unconfirmed value is followed by its mark,
    a confirmed one never is; a value resting on a third party or a copy of ACSM's site says
    so, in its mark or in the words just before it ("another copy of ACSM's page says")."""
    entries = in_force_by_rule(bundle)
    text = PAGES[name]
    found = list(SHOWN.finditer(text))
    for shown in found:
        rule, entry = shown["rule"], entries[shown["rule"]]
        unsure = entry["status"] == "unconfirmed"
        assert bool(shown["mark"]) == unsure, (name, rule, shown.group(0))
        if not unsure:
            continue
        said = shown["said"]
        assert said.startswith("unconfirmed"), (name, rule, said)
        sources = {**bundle["sources"]}
        for body in BODIES.values():
            sources.update(body["sources"])
        kind = sources[entry["source"]]["kind"]
        if kind in FROM:
            before = text[max(0, shown.start() - 60) : shown.start()]
            assert FROM[kind] in said or "copy of ACSM" in before or "third party" in before, (
                name,
                rule,
                said,
            )
        else:
            assert said == "unconfirmed", (name, rule, said)
    if name not in ("changes.md", "sources.md", "performance.md"):
        assert found, name


def test_the_faq_marks_its_answers_and_says_what_they_assume(bundle: dict[str, Any]) -> None:
    """The FAQ has no sources of its own (each value links to its page), yet it marks what is
    unconfirmed and, after the answer that first shows it, says what the site assumes."""
    faq = PAGES["faq.md"]
    cpr = bundle["categories"]["cpr"]["cap_per_year"]
    assert re.search(
        rf'data-rule="categories.cpr.cap_per_year">{num(current(cpr))}</span>\]\([^)]*\) '
        r'<span class="cec-unconfirmed">unconfirmed</span> CECs a year',
        faq,
    )
    # What it assumes follows the first answer that shows it, once; the FAQ lists no sources.
    said = html.escape(" ".join(Page("x", DAY).entry(cpr)["assumption"].split()))
    assert faq.count(said) == 1 and "cec-sources" not in faq
    first_answer = faq.split("### Do CPR, AED or First Aid courses earn CECs?")[1].split("\n### ")[
        0
    ]
    assert said in first_answer
    hands_on = faq.split("### Do CPR, AED or First Aid courses earn CECs?")[1].split("\n## ")[0]
    assert "unconfirmed, from a third party</span>" in hands_on


@pytest.mark.parametrize(
    ("name", "question"),
    [
        ("what-counts.md", "# What counts"),
        ("faq.md", "### How do I earn CECs?"),
    ],
)
def test_what_counts_is_never_said_without_the_second_criterion(name: str, question: str) -> None:
    """Wherever a page says what counts, ACSM's criterion (b) is there too: CECs or contact
    hours awarded by the sponsor or by another major fitness organization."""
    section = PAGES[name].split(question, 1)[1].split("\n## ", 1)[0]
    for rule in ("scope.educational_activities", "scope.within_scope", "scope.awarded_by"):
        assert f'data-rule="{rule}"' in section, (name, rule)
    for page, text in PAGES.items():
        assert "Any educational activity within the scope" not in text, page


def test_the_reinstatement_fee_shows_both_figures_wherever_it_appears(
    bundle: dict[str, Any],
) -> None:
    renewal = bundle["renewal"]
    fee = usd(current(renewal["reinstatement_fee_usd"]))
    other = usd(current(renewal["reinstatement_fee_other_usd"]))
    both = f"{fee} unconfirmed (another copy of ACSM's page says {other} unconfirmed: ask ACSM)"
    for name, least in (("renewing.md", 3), ("faq.md", 1)):
        text = PAGES[name]
        fees = [m.start() for m in re.finditer(r'data-rule="renewal.reinstatement_fee_usd"', text)]
        assert len(fees) >= least, name
        for at in fees:
            # As a reader reads it: without the markup and the links' addresses.
            after = re.sub(r"<[^>]+>|\]\([^)]*\)|\[", "", text[at : at + 700])
            assert both in after, (name, after[:200])
    history = PAGES["renewing.md"].split("| Reinstatement fee |")[1].split("\n\n")[0]
    assert f"| {fee} (another copy of ACSM's page says {other}: ask ACSM) |" in history
    assert "(unconfirmed, from a copy of ACSM's site)" in history


def test_every_section_keeps_its_sources_out_of_the_reading_line() -> None:
    for name, page in PAGES.items():
        assert "<!--cite:" not in page, name
        assert ">source</a>" not in page, name
        for section in re.split(r"(?m)^(?=## )", page):
            # A section that is the home of a value (its anchor) cites it; one that links to
            # values on other pages leaves the evidence there, one click away.
            if re.search(r'class="cec-value[^"]*" data-rule="[^"]*" id=', section):
                assert section.count('<details class="cec-sources">') == 1, (name, section[:80])


def without_data(text: str) -> str:
    """A page without the data its scripts read (data-* attributes: the calculator form's
    conversion words, its help for a category's amount...), which the script shows as it needs
    them: what is compared is the text of the page."""
    return re.sub(r' data-[a-z-]+="[^"]*"', "", text)


def edit_value(folder: Path, file: str, path: tuple[str, ...], new: str) -> str:
    """Replace one value in a rule file, found by its position; returns the old text."""
    target = folder / "acsm" / file
    doc, problems = read(str(target), file)
    assert problems == []
    line, column = doc.values[path]
    lines = target.read_text(encoding="utf-8").split("\n")
    text = lines[line - 1]
    old = re.match(r"[^,}\s]+", text[column - 1 :])
    assert old is not None
    lines[line - 1] = text[: column - 1] + new + text[column - 1 + len(old.group(0)) :]
    target.write_text("\n".join(lines), encoding="utf-8")
    return old.group(0)


@pytest.mark.parametrize(
    ("file", "path", "new", "shown"),
    [
        (
            "certifications.yaml",
            ("certifications", "cpt", "required_cecs", "2025-01-01", "value"),
            "47",
            "47",
        ),
        (
            "certifications.yaml",
            ("certifications", "ep", "renewal_fee_usd", "2025-01-01", "value"),
            "72",
            "$72",
        ),
        ("renewal.yaml", ("renewal", "late_fee_usd", "2025-01-01", "value"), "85", "$85"),
        (
            "categories.yaml",
            ("categories", "committee", "cap_per_service_year", "2023-01-01", "value"),
            "9",
            "9",
        ),
        (
            "providers.yaml",
            ("conversion", "decimal_system", "2019-05-20", "value"),
            "12",
            "12",
        ),
        ("audits.yaml", ("audits", "proof_due_days", "2019-05-20", "value"), "45", "45"),
    ],
)
def test_changing_a_rule_changes_every_page_that_shows_it(
    tmp_path: Path, file: str, path: tuple[str, ...], new: str, shown: str
) -> None:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    edit_value(folder, file, path, new)
    edited, bodies = load_all(str(folder))
    after = render(edited, DAY, BENCH, bodies)
    rule = ".".join(path[:-2])
    showing = {name for name, text in PAGES.items() if spans(text, rule)}
    assert showing, f"no page shows {rule}"
    # The calculator's conversion words and help are data for its script, not text on the page.
    # The "What changed" page lists every value a rule ever had (its own tests check the words).
    changed = {name for name in PAGES if without_data(PAGES[name]) != without_data(after[name])}
    assert changed == showing | {"changes.md"}
    for name in showing:
        assert set(spans(after[name], rule)) <= {shown, new}, name
    assert Decimal(new) != Decimal(0)


def fee_sentence(page: str) -> str:
    """The Renewing page's fees, as a reader reads them: "$60 for ACSM-GEI and ACSM-CPT, ..."."""
    line = next(line for line in page.splitlines() if "renewal_fee_usd" in line)
    return re.sub(r"<[^>]+>|\]\([^)]*\)|\[", "", line)


def test_each_certification_pays_its_own_fee_on_the_renewing_page(tmp_path: Path) -> None:
    # The rules as they stood on DAY: a fee a maintainer dates later is said beside these
    # ("$60; $75 from January 1, 2027"), and is not what this test is about.
    def renewing(folder: Path) -> str:
        bundle = load_dir(str(folder))
        as_of(bundle, DAY.isoformat())
        page: str = render(bundle, DAY, BENCH)["renewing.md"]
        return page

    before = renewing(ROOT / "rules")
    assert fee_sentence(before) == "($60 for ACSM-GEI and ACSM-CPT, $70 for ACSM-EP and ACSM-CEP),"
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    path = ("certifications", "cpt", "renewal_fee_usd", "2025-01-01", "value")
    edit_value(folder, "certifications.yaml", path, "65")
    after = renewing(folder)
    # Only the CPT's fee moves: its own part of the sentence, and no other line of the page.
    assert fee_sentence(after) == (
        "($60 for ACSM-GEI, $65 for ACSM-CPT, $70 for ACSM-EP and ACSM-CEP),"
    )
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    # ... and the section's sources, which list the figure they give.
    assert len(changed) == 2 and "renewal_fee_usd" in changed[0][0]
    sources_before, sources_after = changed[1]
    assert sources_before.startswith('<details class="cec-sources">')
    # (The source's quotes stay: each figure's words, in the order the values cite them.)
    quotes = re.compile(r" ?<q>.*?</q>")
    assert set(quotes.findall(sources_before)) <= set(quotes.findall(sources_after))
    assert quotes.sub("", sources_after) == quotes.sub("", sources_before).replace(
        ": $60; $70;", ": $60; $65; $70;"
    )
