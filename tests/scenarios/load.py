"""Read the scenario files. Under CPython they are parsed here (every value kept as the text
written, as a professional would type it); inside Pyodide, which has no YAML parser, they come
from the JSON that `make test-pyodide` writes with `python -m tests.scenarios.load`."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Every key a scenario file may hold; a misspelt one is an error, not a check silently skipped.
SCHEMA = HERE / "scenario.schema.json"
# Keys on a scenario's activity that are expectations, not input.
EXPECTATIONS = ("cecs", "explains", "notes", "planned", "would", "warns", "cites")


class ScenarioError(ValueError):
    """A scenario file does not match scenario.schema.json: the message names the file, the case
    and the key."""


def check_file(document: Any, file: str, schema: Path = SCHEMA) -> None:
    """Raise ScenarioError naming every place where ``document`` (one file, as parsed) breaks
    ``schema``. CPython only: jsonschema is not installed inside Pyodide."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
    problems = []
    for error in validator.iter_errors(document):
        path = list(error.absolute_path)
        where = ""
        cases = document.get("scenarios") if isinstance(document, dict) else None
        if len(path) >= 2 and path[0] == "scenarios" and isinstance(cases, list):
            case = cases[int(path[1])]
            name = case.get("name") if isinstance(case, dict) else None
            where = f"scenario {name!r}" if name else f"scenario #{int(path[1]) + 1}"
            path = path[2:]
        at = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        place = ", ".join(filter(None, (where, at))) or "the file"
        problems.append(f"{file}: {place}: {error.message}")
    if problems:
        raise ScenarioError("\n".join(problems))


def log_activities(case: dict[str, Any]) -> list[dict[str, Any]]:
    """A case's activities as a professional enters them: without the expectations."""
    return [
        {k: v for k, v in a.items() if k not in EXPECTATIONS} for a in case.get("activities", [])
    ]


def load_scenarios(folder: Path = HERE) -> list[dict[str, Any]]:
    path = os.environ.get("CEC_SCENARIOS_JSON")
    if path:
        # Written by `python -m tests.scenarios.load` from files checked against the schema.
        data: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))
        return data
    return read_cases(folder, SCHEMA)


def read_cases(folder: Path, schema: Path) -> list[dict[str, Any]]:
    """Every case of the YAML files in ``folder``, each checked against ``schema`` and named by
    its file; names must be unique. CPython only (PyYAML)."""
    import yaml

    found = []
    for file in sorted(folder.glob("*.yaml")):
        # BaseLoader keeps every scalar as the text written: "1.5" stays "1.5", "yes" stays "yes".
        document = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        check_file(document, file.name, schema)
        for case in document["scenarios"]:
            case["file"] = file.name
            found.append(case)
    names = [c["name"] for c in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"scenario names must be unique: {sorted(duplicates)}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description="write the scenarios as JSON")
    parser.add_argument("--json", required=True, metavar="FILE")
    parser.add_argument(
        "--bodies", metavar="FILE", help="also write other bodies' rules and scenarios here"
    )
    args = parser.parse_args()
    Path(args.json).write_text(json.dumps(load_scenarios(), indent=1), encoding="utf-8")
    if args.bodies:
        from tests.conftest import load_bodies
        from tests.scenarios.test_bodies import load

        data = {"rules": load_bodies(), "scenarios": load()}
        Path(args.bodies).write_text(json.dumps(data, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
