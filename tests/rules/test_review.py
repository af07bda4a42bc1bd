"""What `rules check` says beyond valid rules (calc.rulefiles.review): ids the page templates use
that the rules no longer define, and warnings that publish (a source no rule cites, a source
read "after" today). On the small fixture rule set."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from calc.rulefiles.review import review
from tests.rules.test_loader import run_check

TODAY = date(2026, 12, 7)
UNUSED = (
    "  src-c:\n    title: Source C\n    url: https://example.org/c\n    publisher: Example\n"
    "    kind: acsm\n    published: null\n    retrieved: 2999-01-01\n    confidence: high\n"
)


def test_valid_fixture_rules_have_nothing_more_to_say(rules_copy: Callable[[str], Path]) -> None:
    assert review(str(rules_copy("minimal")), TODAY) == ([], [])


def test_a_source_no_rule_cites_and_one_read_after_today_are_warnings(
    rules_copy: Callable[[str], Path],
) -> None:
    folder = rules_copy("minimal")
    sources = folder / "acsm" / "sources.yaml"
    sources.write_text(sources.read_text() + UNUSED)
    line = len(sources.read_text().splitlines()) - 7  # src-c's own line
    errors, warnings = review(str(folder), TODAY)
    assert errors == []
    assert [f"{Path(w.file).name}:{w.line}:{w.column}: {w.message}" for w in warnings] == [
        f"sources.yaml:{line}:3: warning: source 'src-c' is cited by no rule",
        f"sources.yaml:{line + 6}:16: warning: retrieved 2999-01-01 is after today (2026-12-07)",
    ]
    # The command still passes: warnings publish. They are said on stderr.
    done = run_check(str(folder))
    assert done.returncode == 0 and done.stdout.startswith(f"{folder}: valid: ")
    assert done.stderr.splitlines()[0].endswith("warning: source 'src-c' is cited by no rule")


def test_an_id_a_page_template_uses_must_stay_defined(
    rules_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "what-counts.md.j2").write_text(
        "{% for id, c in rules.categories.items() %}{{ c.name }}{% endfor %}\n"
        "Committee: {{ m.val(rules.categories.comittee.cap_per_cycle) }}\n"
        "Education: {{ rules.categories.education.name }}\n"
    )
    (templates / "notes.txt").write_text("rules.categories.nothing is not a template\n")
    errors, _ = review(str(rules_copy("minimal")), TODAY, str(templates))
    assert [f"{Path(e.file).name}:{e.line}:{e.column}: {e.message}" for e in errors] == [
        "what-counts.md.j2:2:38: this page uses categories id 'comittee', which categories.yaml "
        "does not define (did you mean 'committee'?): rename it here too, or keep the id"
    ]


def test_the_sites_own_templates_are_checked_against_its_rules(
    rules_copy: Callable[[str], Path],
) -> None:
    # The site's rules with a category renamed: the pages that use its id are named.
    folder = rules_copy("real")
    path = folder / "acsm" / "categories.yaml"
    path.write_text(path.read_text().replace("\n  cpr:\n", "\n  cpr_aed:\n"))
    errors, _ = review(str(folder), TODAY, str(Path(__file__).parents[2] / "scripts" / "templates"))
    assert errors and all("categories id 'cpr'" in e.message for e in errors)
    assert all("(did you mean 'cpr_aed'?)" in e.message for e in errors)
