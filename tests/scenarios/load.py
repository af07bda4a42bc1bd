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
# Keys on a scenario's activity that are expectations, not input.
EXPECTATIONS = ("cecs", "explains", "notes", "planned", "would", "warns")


def log_activities(case: dict[str, Any]) -> list[dict[str, Any]]:
    """A case's activities as a professional enters them: without the expectations."""
    return [
        {k: v for k, v in a.items() if k not in EXPECTATIONS} for a in case.get("activities", [])
    ]


def load_scenarios() -> list[dict[str, Any]]:
    path = os.environ.get("CEC_SCENARIOS_JSON")
    if path:
        data: list[dict[str, Any]] = json.loads(Path(path).read_text(encoding="utf-8"))
        return data
    import yaml

    found = []
    for file in sorted(HERE.glob("*.yaml")):
        # BaseLoader keeps every scalar as the text written: "1.5" stays "1.5", "yes" stays "yes".
        for case in yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)[
            "scenarios"
        ]:
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
    args = parser.parse_args()
    Path(args.json).write_text(json.dumps(load_scenarios(), indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
