"""Mutated copies of the real rule files (lines deleted, doubled, swapped or re-indented, keys
removed, values of the wrong type, dates shuffled, YAML broken): each is refused with
FILE:LINE:COLUMN messages that point inside the file, or accepted and consistent with the
schema and the calculator's model. Never a traceback."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from calc.bundle import rules_from_bundle
from calc.rulefiles import RulesError, load_dir
from tests.hostile.conftest import record
from tests.rules.test_fixtures import _EditorLoader, editor_view

ROOT = Path(__file__).resolve().parents[2]
# Every body's files: ACSM's in acsm/, each other body's in its own folder.
FILES = sorted(str(p.relative_to(ROOT / "rules")) for p in (ROOT / "rules").glob("*/*.yaml"))
TOKENS = [
    "-5",
    "abc",
    "null",
    "[]",
    "{",
    "yes",
    "2025-13-01",
    "1e400",
    "''",
    "~",
    "&a",
    "*b",
    "!!python/object/apply:os.system ['true']",
    "0x1F",
    ".inf",
    "\t",
    "- item",
    "{value: 1}",
]
CASES = 240


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield (*path, i)
            yield from _paths(value, (*path, i))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(text: str, rnd: random.Random) -> tuple[str, str]:
    """One random change to a rule file's text: (what was done, the new text)."""
    lines = _lines(text)
    kind = rnd.choice(
        [
            "delete",
            "double",
            "swap",
            "indent",
            "value",
            "truncate",
            "garbage",
            "drop key",
            "retype",
            "shuffle dates",
        ]
    )
    i = rnd.randrange(len(lines))
    if kind == "delete":
        del lines[i]
    elif kind == "double":
        lines.insert(i, lines[i])
    elif kind == "swap" and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif kind == "indent":
        lines[i] = rnd.choice([" ", "  ", "   "]) + lines[i] if rnd.random() < 0.5 else lines[i][1:]
    elif kind == "value":
        candidates = [
            n for n, line in enumerate(lines) if ": " in line and not line.lstrip().startswith("#")
        ]
        n = rnd.choice(candidates)
        head, _, _ = lines[n].partition(": ")
        lines[n] = f"{head}: {rnd.choice(TOKENS)}"
    elif kind == "truncate":
        return kind, text[: rnd.randrange(len(text))]
    elif kind == "garbage":
        at = rnd.randrange(len(text))
        return kind, text[:at] + rnd.choice(
            ["\x07", ":", "\t", "- ", "{", "]", "'", '"', "%YAML 9"]
        ) + text[at:]
    else:
        data = yaml.load(text, Loader=_EditorLoader)  # _EditorLoader is a SafeLoader
        paths = list(_paths(data))
        path = rnd.choice(paths)
        parent = _parent(data, path)
        if kind == "drop key" and isinstance(parent, dict):
            del parent[path[-1]]
        elif kind == "retype":
            value = parent[path[-1]]
            parent[path[-1]] = rnd.choice([str(value), 7, [value], {"x": value}, None, True])
        elif kind == "shuffle dates":
            dated = [
                p
                for p in paths
                if isinstance(_parent(data, (*p, None)), dict)
                and len(_parent(data, (*p, None))) > 1
                and all(str(k)[:2] in ("19", "20") for k in _parent(data, (*p, None)))
            ]
            if dated:
                target = _parent(data, (*rnd.choice(dated), None))
                items = list(target.items())
                rnd.shuffle(items)
                target.clear()
                target.update(items)
        return kind, yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    return kind, "\n".join(lines)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fuzz") / "rules"
    shutil.copytree(ROOT / "rules", target)
    return target


@pytest.mark.parametrize("seed", range(CASES))
def test_mutated_rule_file(folder: Path, seed: int) -> None:
    rnd = random.Random(seed)
    name = rnd.choice(FILES)
    original = (ROOT / "rules" / name).read_text(encoding="utf-8")
    kind, text = mutate(original, rnd)
    (folder / name).write_text(text, encoding="utf-8")
    try:
        try:
            bundle = load_dir(str(folder))
        except RulesError as exc:
            assert exc.problems
            for problem in exc.problems:
                path = Path(problem.file)
                assert path.exists(), problem
                lines = path.read_text(encoding="utf-8", errors="replace").count("\n") + 1
                assert 1 <= problem.line <= lines + 1 and problem.column >= 1, problem
                assert problem.message.strip(), problem
        else:
            # Accepted: then it must be valid to an editor's schema check too, and usable.
            for path in folder.glob("*/*.yaml"):
                assert editor_view(path) == [], (kind, path.name)
            rules_from_bundle(bundle)
    except BaseException:
        record("rule-file mutations", "failed")
        raise
    finally:
        (folder / name).write_text(original, encoding="utf-8")
    record("rule-file mutations", "handled")
