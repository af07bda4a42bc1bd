"""The fee a scenario states, from the live rules: `make goldens` runs
`python -m tests.scenarios.fees --update` after a rule change (docs/maintainers.md).

A renewal expert wrote each scenario's fee as ACSM asked it on the scenario's dates. When a
maintainer adds a dated fee that applies to those dates, the figure must move with it: this runs
every scenario that states a fee against the live rules and, where the rules now give another
total, rewrites that case's figures in its own file: `fee_usd`, each "$N" of that total in its
expected words, and the fee's whole sentence (`texts: {fee: ...}`), which is compared exactly.
Nothing else is touched, so `git diff` shows a reviewer each figure that moved. A case still
wrong after that (a part of the fee moved but not the total) is named, to correct by hand.

Without --update it only lists what would move, and exits 1 if anything would.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Moved:
    file: str
    name: str
    total: tuple[str, str]  # (as written, from the rules)
    sentence: tuple[str, str] | None  # the fee's sentence, when the case states it


def plain(amount: Any) -> str:
    """A dollar figure as a scenario writes it: 140, 152.50."""
    value = Decimal(str(amount))
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value)


def moved(cases: list[dict[str, Any]], bundle: dict[str, Any]) -> list[Moved]:
    from tests.scenarios.test_scenarios import run

    found = []
    for case in cases:
        expect = case.get("expect", {})
        if "fee_usd" not in expect:
            continue
        answer = run(case, bundle)
        if not answer.get("ok"):
            continue  # the scenario itself fails: not a fee to regenerate
        result = answer["result"]
        total = plain(result["fee"]["total_usd"])
        sentence = None
        if "fee" in expect.get("texts", {}):
            fee = next(c for c in result["checklist"] if c["id"] == "fee")["text"]
            if fee != expect["texts"]["fee"]:
                sentence = (expect["texts"]["fee"], fee)
        if Decimal(total) != Decimal(expect["fee_usd"]) or sentence:
            found.append(Moved(case["file"], case["name"], (expect["fee_usd"], total), sentence))
    return found


def block(lines: list[str], name: str) -> tuple[int, int]:
    """The lines of the case called ``name``, from its `- name:` to the next case's."""
    starts = [i for i, line in enumerate(lines) if re.match(r"\s*- name:", line)]
    mine = [i for i in starts if lines[i].split("name:", 1)[1].strip().strip("\"'") == name]
    if len(mine) != 1:
        raise LookupError(f"the case {name!r} is not found once")
    after = [i for i in starts if i > mine[0]]
    return mine[0], after[0] if after else len(lines)


def rewrite(text: str, change: Moved) -> str:
    lines = text.splitlines(keepends=True)
    first, end = block(lines, change.name)
    expect = next(i for i in range(first, end) if re.match(r"\s*expect:", lines[i]))
    old, new = change.total
    for i in range(expect, end):
        line = lines[i]
        if change.sentence:
            # First, while the sentence is still as written: it holds the old total too.
            was, now = change.sentence
            line = line.replace(
                f"fee: {json.dumps(was, ensure_ascii=False)}",
                f"fee: {json.dumps(now, ensure_ascii=False)}",
            )
        line = re.sub(rf"\bfee_usd: {re.escape(old)}\b", f"fee_usd: {new}", line)
        if old != new:
            line = re.sub(rf"\${re.escape(old)}(?![\d.])", f"${new}", line)
        lines[i] = line
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the figures in place")
    args = parser.parse_args(argv)

    from tests.conftest import load_bundle
    from tests.scenarios.load import load_scenarios

    bundle = load_bundle()
    changes = moved(load_scenarios(), bundle)
    for change in changes:
        was, now = change.total
        words = f"fee ${was} -> ${now}" if was != now else "fee sentence"
        print(f"{change.file}: {change.name}: {words}")
    if not args.update:
        return 1 if changes else 0
    for file in sorted({c.file for c in changes}):
        path = HERE / file
        text = path.read_text(encoding="utf-8")
        for change in (c for c in changes if c.file == file):
            text = rewrite(text, change)
        path.write_text(text, encoding="utf-8")
    left = moved(load_scenarios(), bundle)
    for change in left:
        print(f"{change.file}: {change.name}: still not the rules' fee: correct it by hand")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
