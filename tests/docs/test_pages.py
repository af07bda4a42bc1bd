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
from calc.rulefiles.located import read
from scripts.gen_pages import render, rules_of
from scripts.pagetext import Page, num, usd
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
    assert sorted(p.name for p in GOLDEN.glob("*.md")) == sorted(PAGES)


def test_the_performance_page_shows_the_figures_given(bundle: dict[str, Any]) -> None:
    # The golden copies come from tests/docs/fixtures/, not from the last `make bench`.
    unmeasured = render(bundle, DAY, {})
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
        for cap in ("cap_per_year", "cap_per_cycle"):
            if cap in cat:
                assert set(spans(counts, f"categories.{cid}.{cap}")) == {num(current(cat[cap]))}


def section_of(page: str, at: int) -> str:
    """The section (from its ## heading to the next) holding position ``at``."""
    start = page.rfind("\n## ", 0, at)
    end = page.find("\n## ", at)
    return page[start if start >= 0 else 0 : end if end >= 0 else len(page)]


def test_unconfirmed_values_say_so_once_per_section_in_plain_words(bundle: dict[str, Any]) -> None:
    for rule in rules_of(bundle):
        entry = Page("x", DAY).entry(rule)
        page = PAGES[f"{rule['page']}.md"]
        section = section_of(page, page.index(f'id="{rule["anchor"]}"'))
        # At most one "unconfirmed" mark per section, and never on a value itself.
        assert section.count('class="cec-unconfirmed"') <= 1, rule["rule"]
        if entry["status"] == "unconfirmed":
            assert 'class="cec-unconfirmed"' in section, rule["rule"]
            assert html.escape(entry["assumption"]) in section, rule["rule"]


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
    return re.sub(r' data-conversions="[^"]*"', "", text)


def edit_value(folder: Path, file: str, path: tuple[str, ...], new: str) -> str:
    """Replace one value in a rule file, found by its position; returns the old text."""
    target = folder / file
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
            ("categories", "committee", "cap_per_year", "2023-01-01", "value"),
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
    after = render(load_dir(str(folder)), DAY, BENCH)
    rule = ".".join(path[:-2])
    showing = {name for name, text in PAGES.items() if spans(text, rule)}
    assert showing, f"no page shows {rule}"
    # The calculator's conversion words are data for its script, not text on the page. The
    # "What changed" page lists every value a rule ever had (its own tests check the words).
    changed = {name for name in PAGES if without_data(PAGES[name]) != without_data(after[name])}
    assert changed == showing | {"changes.md"}
    for name in showing:
        assert set(spans(after[name], rule)) <= {shown, new}, name
    assert Decimal(new) != Decimal(0)
