"""What the calculator says when a rule has no value on the day: every dated rule in the bundle
is retired in turn (its entries' values set to null, as a maintainer would when ACSM withdraws
one) and six professionals' results are compared with the shipped rules' results.

The results with the shipped rules, then the differences, one block per rule, are kept in
``golden/retired_rules.txt``: a reviewer reads there what each rule decides and that nothing is
claimed without it ("not known" rather than a guess). No rule may make the calculator fail: a refusal (an error the page shows) is allowed, an
exception is not. After a deliberate change of rules or wording:

    .venv/bin/python -m tests.unit.test_retired_rules --update
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calc.bundle import rules_from_bundle
from calc.engine import TallyError, tally
from calc.model import Activity, Profile, Rules
from calc.report import dumps, tally_json
from tests.conftest import load_bundle

GOLDEN = Path(__file__).with_name("golden") / "retired_rules.txt"


def act(day: str, provider: str, amount: str, **fields: Any) -> Activity:
    return Activity(
        date.fromisoformat(day), fields.pop("title", "x"), provider, Decimal(amount), **fields
    )


LOG = (
    act("2024-03-01", "ace", "1.5", certificate=True, reported=True),
    act("2024-05-01", "acsm", "2", title="webinar"),
    act(
        "2024-06-01",
        "acsm",
        "10",
        category="committee",
        service_from=date(2023, 6, 2),
        service_to=date(2024, 6, 1),
    ),
    act(
        "2025-08-01",
        "other",
        "3",
        unit="college_quarter_credit_hour",
        category="college",
        organization="State University",
    ),
    act("2025-02-01", "other", "3", unit="hour", category="cpr", organization="Red Cross"),
    act("2025-03-01", "ncsf", "3"),
    act("2025-04-01", "other", "2", unit="contact_hour", in_scope=False, organization="City Spa"),
    act("2025-05-01", "other", "2", unit="ceu", organization="City Gym"),
    act(
        "2025-06-01",
        "other",
        "3",
        unit="college_credit_hour",
        category="college",
        organization="State University",
    ),
    act("2026-09-01", "acsm_approved", "6", title="plan"),
)
BIG = (*LOG, act("2025-07-01", "acsm", "60"))
D = date.fromisoformat
PROFILES: dict[str, tuple[Profile, tuple[Activity, ...]]] = {
    "before the window": (
        Profile(("cpt",), D("2026-12-31"), None, D("2027-03-01"), D("2025-06-01")),
        LOG,
    ),
    "window open, three certifications": (
        Profile(("cpt", "ep", "cep"), D("2026-12-31"), None, D("2026-11-30"), D("2026-06-01")),
        BIG,
    ),
    "grace period, two certifications": (
        Profile(("ep", "cpt"), D("2026-12-31"), None, None, D("2027-02-01")),
        BIG,
    ),
    "lapsed": (Profile(("ep",), D("2026-12-31"), None, D("2028-01-01"), D("2027-08-01")), LOG),
    "renewed": (
        Profile(("cpt",), D("2026-12-31"), None, D("2027-06-01"), D("2026-12-01"), D("2026-11-15")),
        BIG,
    ),
    "first cycle, with a credential": (
        Profile(("cpt", "eim"), D("2026-12-31"), D("2024-03-01"), D("2027-03-01"), D("2026-06-01")),
        LOG,
    ),
}


def rule_paths(bundle: Any) -> Iterator[list[Any]]:
    """The place in the bundle of every dated rule (a mapping with "rule" and "entries")."""
    if isinstance(bundle, dict):
        if "rule" in bundle and "entries" in bundle:
            yield []
            return
        items: Any = bundle.items()
    elif isinstance(bundle, list):
        items = enumerate(bundle)
    else:
        return
    for key, value in items:
        for path in rule_paths(value):
            yield [key, *path]


def flat(value: Any, path: str = "") -> Iterator[str]:
    """The result as "path: value" lines; a list of sources as the rules they name."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources":
                yield f"{path}.sources: {', '.join(s['rule'] for s in item)}"
            else:
                yield from flat(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            name = item.get("id", i) if isinstance(item, dict) else i
            yield from flat(item, f"{path}[{name}]")
    else:
        yield f"{path}: {value}"


def result(rules: Rules, profile: Profile, log: tuple[Activity, ...]) -> dict[str, str]:
    try:
        data = json.loads(
            dumps(tally_json(tally(rules, profile, list(log)), rules)), parse_float=Decimal
        )
        lines = flat(data)
    except TallyError as exc:
        return {"refused": str(exc)}
    return dict(line.split(": ", 1) for line in lines)


def report(bundle: dict[str, Any]) -> str:
    shipped = rules_from_bundle(bundle)
    before = {name: result(shipped, *case) for name, case in PROFILES.items()}
    out = ["With the rules as shipped:"]
    for name, lines in before.items():
        out += [f"  {name}:", *(f"    {key}: {value}" for key, value in sorted(lines.items()))]
    out.append("")
    for path in rule_paths(bundle):
        changed = copy.deepcopy(bundle)
        rule = changed
        for key in path:
            rule = rule[key]
        for entry in rule["entries"]:
            entry["value"] = None
        rules = rules_from_bundle(changed)
        block = []
        for name, case in PROFILES.items():
            after = result(rules, *case)
            if "refused" in after and "refused" not in before[name]:
                block += [f"  {name}: refused: {after['refused']}"]
                continue
            lines = [
                f"    {key}: {before[name].get(key, '(none)')}\n      -> {after.get(key, '(none)')}"
                for key in sorted(before[name].keys() | after.keys())
                if before[name].get(key) != after.get(key)
            ]
            if lines:
                block += [f"  {name}:", *lines]
        out += [f"{rule['rule']}:", *(block or ["  (no difference)"])]
    return "\n".join(out) + "\n"


def test_every_rule_retired_in_turn(bundle: dict[str, Any]) -> None:
    assert report(bundle) == GOLDEN.read_text(encoding="utf-8")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    GOLDEN.write_text(report(load_bundle()), encoding="utf-8")
    print(f"wrote {GOLDEN}")


def test_a_retired_rule_is_never_cited_nor_its_value_used(bundle: dict[str, Any]) -> None:
    """Beside the reviewed snapshot: with a rule retired, no answer cites it (every value the
    calculator applies is cited, so an answer that used it would name it among its sources)."""
    for path in rule_paths(bundle):
        changed = copy.deepcopy(bundle)
        rule = changed
        for key in path:
            rule = rule[key]
        for entry in rule["entries"]:
            entry["value"] = None
        rules = rules_from_bundle(changed)
        for name, case in PROFILES.items():
            after = result(rules, *case)
            cited = [v for k, v in after.items() if k.endswith(".sources")]
            assert not any(rule["rule"] in v.split(", ") for v in cited), (rule["rule"], name)


def retired(bundle: dict[str, Any], path: list[Any], history: bool) -> Rules:
    """The rules with the one at PATH retired: every entry's value null, or (HISTORY) its last
    value in force for the year 2000 only, then null from 2001, long before any day the
    profiles look at."""
    changed = copy.deepcopy(bundle)
    rule = changed
    for key in path:
        rule = rule[key]
    valued = [e for e in rule["entries"] if e["value"] is not None]
    if history and valued:
        rule["entries"] = [
            {**valued[-1], "from": "2000-01-01"},
            {**valued[-1], "from": "2001-01-01", "value": None},
        ]
    else:
        for entry in rule["entries"]:
            entry["value"] = None
    return rules_from_bundle(changed)


def each_rule(bundle: dict[str, Any]) -> Iterator[Any]:
    """Each dated rule's place, as a test case named by the rule."""
    for path in rule_paths(bundle):
        rule = bundle
        for key in path:
            rule = rule[key]
        yield pytest.param(path, id=rule["rule"])


@pytest.mark.parametrize("path", list(each_rule(load_bundle())))
def test_a_retired_rules_past_value_is_never_used(bundle: dict[str, Any], path: list[Any]) -> None:
    """A rule in force once, with its value and its source, then retired: every answer is the
    one given when the rule never had a value (which the snapshot above shows and the test
    above checks cites nothing retired). Its past value is in the rules, and used for nothing:
    neither counted, nor said, nor cited."""
    gone, past = retired(bundle, path, history=False), retired(bundle, path, history=True)
    for name, case in PROFILES.items():
        assert result(past, *case) == result(gone, *case), name
