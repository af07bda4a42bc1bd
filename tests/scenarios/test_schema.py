"""The scenario files are checked against scenario.schema.json, which allows exactly the keys the
runner reads: a misspelt key (`earnd:`, `cecz:`) is an error naming it, not a check silently
skipped. CPython only (inside Pyodide the scenarios come as JSON from already checked files)."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any

import pytest

if os.environ.get("CEC_SCENARIOS_JSON"):
    pytest.skip("the scenarios come as JSON, checked when it was written", allow_module_level=True)
pytest.importorskip("jsonschema")
yaml = pytest.importorskip("yaml")

from calc.fields import COLUMNS, PROFILE_FIELDS  # noqa: E402
from tests.scenarios import test_scenarios as runner  # noqa: E402
from tests.scenarios.load import (  # noqa: E402
    EXPECTATIONS,
    HERE,
    SCHEMA,
    ScenarioError,
    check_file,
    load_scenarios,
)

DEFS = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
GOOD = """\
scenarios:
  - name: a good case
    profile: {certifications: [cpt], cycle_end: 2026-12-31, as_of: 2026-06-01}
    activities:
      - {date: 2025-03-01, provider: ace, amount: 1.5, cecs: 15}
    expect: {required: 45, earned: 15}
"""


def keys(name: str) -> set[str]:
    return set(DEFS[name]["properties"])


def refused(tmp_path: Path, text: str) -> str:
    (tmp_path / "typo.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenarios(tmp_path)
    return str(caught.value)


@pytest.mark.parametrize("file", sorted(HERE.glob("*.yaml")), ids=lambda p: p.name)
def test_every_scenario_file_matches_the_schema(file: Path) -> None:
    check_file(yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader), file.name)


def test_a_good_case_loads(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    [case] = load_scenarios(tmp_path)
    assert case["expect"] == {"required": "45", "earned": "15"}


def test_a_misspelt_expectation_is_refused_by_name(tmp_path: Path) -> None:
    message = refused(tmp_path, GOOD.replace("earned: 15", "earnd: 15"))
    assert message == (
        "typo.yaml: scenario 'a good case', expect: "
        "Additional properties are not allowed ('earnd' was unexpected)"
    )


def test_a_misspelt_activity_key_is_refused_by_name(tmp_path: Path) -> None:
    message = refused(tmp_path, GOOD.replace("cecs: 15", "cecz: 15"))
    assert message.startswith("typo.yaml: scenario 'a good case', activities[0]: ")
    assert "'cecz' was unexpected" in message


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("as_of:", "as_off:", "profile: Additional properties are not allowed ('as_off'"),
        ("    expect:", "    expects:", "'a good case': Additional properties are not allowed ("),
        ("scenarios:", "scenario:", "typo.yaml: the file: Additional properties are not allowed ("),
        ("  - name: a good case\n", "  - \n", "scenario #1: 'name' is a required property"),
        ("amount: 1.5", "amount: [1.5]", "activities[0].amount: ['1.5'] is not of type 'string'"),
    ],
)
def test_other_mistakes_are_refused_by_place(
    tmp_path: Path, old: str, new: str, words: str
) -> None:
    assert GOOD.count(old) == 1
    assert words in refused(tmp_path, GOOD.replace(old, new))


def test_every_mistake_is_named_at_once(tmp_path: Path) -> None:
    message = refused(tmp_path, GOOD.replace("earned", "earnd").replace("cecs", "cecz"))
    assert len(message.splitlines()) == 2
    assert "'earnd'" in message and "'cecz'" in message


def test_the_schema_allows_exactly_what_the_runner_reads() -> None:
    assert keys("expect") == set(runner.EXPECT_KEYS)
    assert len(runner.EXPECT_KEYS) == len(set(runner.EXPECT_KEYS))
    assert keys("activity") == set(COLUMNS) | set(EXPECTATIONS)
    assert keys("profile") == {*PROFILE_FIELDS, "as_of"}
    assert keys("case") == {"name", "file", "profile", "activities", "expect", "problems", "error"}


def read_keys(variable: str) -> set[str]:
    """Keys test_scenarios.py reads literally from ``variable``: v["k"], v.get("k"), "k" in v."""
    tree = ast.parse(Path(runner.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()

    def named(node: Any) -> bool:
        return isinstance(node, ast.Name) and node.id == variable

    def text(node: Any) -> str | None:
        return (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        )

    for node in ast.walk(tree):
        key = None
        if isinstance(node, ast.Subscript) and named(node.value):
            key = text(node.slice)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and named(node.func.value)
            and node.args
        ):
            key = text(node.args[0])
        elif (
            isinstance(node, ast.Compare)
            and any(isinstance(o, ast.In) for o in node.ops)
            and any(named(c) for c in node.comparators)
        ):
            key = text(node.left)
        if key is not None:
            found.add(key)
    return found


@pytest.mark.parametrize(
    ("variable", "schema"), [("expect", "expect"), ("case", "case"), ("given", "activity")]
)
def test_every_key_the_runner_reads_is_in_the_schema(variable: str, schema: str) -> None:
    read = read_keys(variable)
    assert read, f"test_scenarios.py no longer reads {variable}: update this test"
    assert read <= keys(schema), sorted(read - keys(schema))
    if variable == "expect":
        assert read <= set(runner.EXPECT_KEYS)
