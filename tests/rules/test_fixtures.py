"""One broken rule file per kind of mistake, each with the exact messages and places expected.

Each file under fixtures/broken/ replaces one file of the small valid rule set (fixtures/minimal)
and says in its header comments which file it replaces, what the JSON Schema alone makes of it
(what an editor shows: `schema: invalid`, or `valid` when only the loader can tell), and every
`FILE:LINE:COLUMN: message` the loader must print.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry, Resource

from calc.rulefiles import RulesError, load_dir

ROOT = Path(__file__).resolve().parents[2]
BROKEN = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yaml"))


def header(path: Path, key: str) -> list[str]:
    prefix = f"# {key}: "
    return [
        line[len(prefix) :] for line in path.read_text().splitlines() if line.startswith(prefix)
    ]


class _EditorLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML as editors read it (YAML 1.2 core schema): dates stay text. The same parser as the
    loader (libyaml), so that the two differ only in what the schema can and cannot see."""


_EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(path: Path) -> list[str]:
    """What jsonschema (as an editor runs it) reports for a rule file: error messages, or []."""
    schema_dir = ROOT / "rules" / "schema"
    registry: Registry[Any] = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text())))
        for p in schema_dir.glob("*.json")
    )
    stem = path.name.removesuffix(".yaml")
    schema = json.loads((schema_dir / f"{stem}.schema.json").read_text())
    try:
        data = yaml.load(path.read_text(), Loader=_EditorLoader)  # _EditorLoader is a SafeLoader
    except yaml.YAMLError as exc:
        return [f"YAML: {exc}"]
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    return [e.message for e in validator.iter_errors(data)] if data is not None else ["empty"]


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_broken_file_is_reported_where_it_is_wrong(
    fixture: Path, rules_copy: Callable[[str], Path]
) -> None:
    [target] = header(fixture, "replaces")
    folder = rules_copy("minimal")
    (folder / "acsm" / target).write_text(fixture.read_text())
    with pytest.raises(RulesError) as caught:
        load_dir(str(folder))
    got = [
        f"{os.path.basename(p.file)}:{p.line}:{p.column}: {p.message}"
        for p in caught.value.problems
    ]
    assert got == header(fixture, "expect")


@pytest.mark.parametrize("fixture", BROKEN, ids=lambda p: p.stem)
def test_schema_and_loader_agree(fixture: Path, rules_copy: Callable[[str], Path]) -> None:
    [target] = header(fixture, "replaces")
    [verdict] = header(fixture, "schema")
    folder = rules_copy("minimal")
    (folder / "acsm" / target).write_text(fixture.read_text())
    editor_errors = editor_view(folder / "acsm" / target)
    # Structural mistakes are caught by the schema (in the editor) and the loader alike; the
    # others (duplicate keys, dates, references) only the loader can see.
    assert (editor_errors != []) == (verdict == "invalid"), editor_errors


@pytest.mark.parametrize("which", ["real", "minimal"])
def test_valid_rules_pass_schema_and_loader(which: str, rules_copy: Callable[[str], Path]) -> None:
    folder = rules_copy(which)
    load_dir(str(folder))
    for path in sorted(folder.glob("*/*.yaml")):
        assert editor_view(path) == [], path


def test_every_rule_file_points_editors_at_its_schema() -> None:
    for path in sorted((ROOT / "rules").glob("*/*.yaml")):
        first = path.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{path.stem}.schema.json"
        assert (ROOT / "rules" / "schema" / f"{path.stem}.schema.json").is_file()
