"""The rules folder as a whole: files missing or extra, encodings, the bundle, the command."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from calc.cli import main
from calc.rulefiles import RulesError, bundle_json, load_dir
from calc.rulefiles.load import load_all

ROOT = Path(__file__).resolve().parents[2]
STABLE_IDS = {
    "certifications": {"gei", "cpt", "ep", "cep", "rcep", "cet", "cift", "paphs", "eim"},
    "units": {"cec", "ceu", "cme", "contact_hour", "hour", "college_credit_hour"},
    "providers": {
        "acsm",
        "ace",
        "nasm",
        "nsca",
        "iacet",
        "afaa",
        "aea",
        "neta",
        "issa",
        "cooper",
        "ncsf",
        "ama",
        "other",
    },
    "categories": {"education", "college", "committee", "cpr"},
}


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_dir(str(folder))
    return [f"{Path(p.file).name}:{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def rules_entries(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "entries" in node and "rule" in node:
            yield node
        else:
            for value in node.values():
                yield from rules_entries(value)


def test_stable_ids_exist(bundle: dict[str, Any]) -> None:
    for collection, ids in STABLE_IDS.items():
        assert ids <= set(bundle[collection]), collection


def test_every_value_has_a_date_and_an_existing_source(bundle: dict[str, Any]) -> None:
    rules = list(rules_entries(bundle))
    assert len(rules) > 100
    for rule in rules:
        for entry in rule["entries"]:
            date.fromisoformat(entry["from"])
            assert entry["source"] in bundle["sources"], rule["rule"]
            assert entry["status"] in ("confirmed", "unconfirmed")


def test_rule_ids_and_anchors_are_unique_and_stable(bundle: dict[str, Any]) -> None:
    rules = list(rules_entries(bundle))
    ids = [r["rule"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {(r["page"], r["anchor"]) for r in rules}.__len__() == len(rules)
    committee = bundle["categories"]["committee"]["cap_per_cycle"]
    assert (committee["rule"], committee["page"], committee["anchor"]) == (
        "categories.committee.cap_per_cycle",
        "what-counts",
        "categories-committee-cap-per-cycle",
    )


def test_bundle_is_deterministic(rules_copy: Callable[[str], Path]) -> None:
    first = bundle_json(load_dir(str(ROOT / "rules")))
    second = bundle_json(load_dir(str(rules_copy("real"))))
    assert first == second
    assert json.loads(first)["bundle_format"] == 1


def test_unconfirmed_facts_are_marked(bundle: dict[str, Any]) -> None:
    cpr_cap = bundle["categories"]["cpr"]["cap_per_year"]["entries"][-1]
    assert cpr_cap["status"] == "unconfirmed"
    extra_fee = bundle["renewal"]["additional_certification_fee_usd"]["entries"][-1]
    assert extra_fee["status"] == "unconfirmed"


def test_missing_and_unexpected_files_are_reported(rules_copy: Callable[[str], Path]) -> None:
    folder = rules_copy("minimal")
    (folder / "acsm" / "audits.yaml").unlink()
    (folder / "acsm" / "audit.yaml").write_text("audits: {}\n")
    got = problems_of(folder)
    assert got[0] == (
        "audit.yaml:1:1: no schema describes this file here; this folder's rule files are: "
        "audits.yaml, categories.yaml, certifications.yaml, providers.yaml, renewal.yaml, "
        "sources.yaml, tracking.yaml, units.yaml"
    )
    assert got[1].startswith("audits.yaml:1:1: cannot read the file")


def test_a_file_that_is_not_utf8_is_reported_at_the_bad_byte(
    rules_copy: Callable[[str], Path],
) -> None:
    folder = rules_copy("minimal")
    path = folder / "acsm" / "tracking.yaml"
    path.write_bytes(path.read_bytes().replace(b"A dashboard", b"A dash\xe9board"))
    assert problems_of(folder) == ["tracking.yaml:2:41: the file is not valid UTF-8"]


def test_every_problem_in_every_file_comes_in_one_run(rules_copy: Callable[[str], Path]) -> None:
    # The small fixture rule set: a fee or a source changed in the live rules changes nothing.
    folder = rules_copy("minimal")
    for name, old, new in [
        ("certifications.yaml", "kind: primary", "kind: primry"),
        ("renewal.yaml", "{value: 25, source: src-a", "{value: -25, source: src-a"),
        ("units.yaml", "source: src-a", "source: src-z"),
    ]:
        path = folder / "acsm" / name
        path.write_text(path.read_text().replace(old, new, 1))
    got = problems_of(folder)
    assert [g.split(":")[0] for g in got] == ["certifications.yaml", "renewal.yaml", "units.yaml"]
    assert re.search(r"'primry' is not one of", got[0])


def test_schema_folder_that_cannot_be_read_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "common.schema.json").write_text("{not json")
    with pytest.raises(RulesError) as caught:
        load_dir(str(tmp_path))
    assert "cannot read the JSON Schemas" in str(caught.value)


def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m calc rules check ARGS`, run in this process (so that mutation testing sees
    which code it runs), from the project folder."""
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["rules", "check", *args])
    finally:
        os.chdir(cwd)
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_check_command_summarises_valid_rules(bundle: dict[str, Any]) -> None:
    done = run_check()
    assert done.returncode == 0, done.stderr
    counts = ", ".join(
        f"{len(bundle[key])} {key}"
        for key in ("certifications", "units", "providers", "categories", "sources")
    )
    others = sorted(path.parent.name for path in (ROOT / "rules").glob("*/body.yaml"))
    also = f"rules: also valid: the rules of {', '.join(others)}\n" if others else ""
    assert done.stdout == (
        f"rules: valid: {counts}; last verified {bundle['last_verified']}\n{also}"
    )


def test_check_command_prints_every_problem_and_exits_2(rules_copy: Callable[[str], Path]) -> None:
    folder = rules_copy("minimal")
    (folder / "acsm" / "tracking.yaml").write_text("tracking:\n  dashboard: 3\n")
    done = run_check(str(folder))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines == [
        f"{folder}/acsm/tracking.yaml:1:1: missing required key 'auto_reported' in 'tracking'",
        f"{folder}/acsm/tracking.yaml:1:1: missing required key 'self_reporting' in 'tracking'",
        f"{folder}/acsm/tracking.yaml:1:1: missing required key 'self_reporting_steps' in 'tracking'",
        f"{folder}/acsm/tracking.yaml:2:14: expected a mapping (key: value lines), found a number 3",
    ]
    assert "Traceback" not in done.stderr


def test_another_bodys_folder_is_checked_like_acsms(rules_copy: Callable[[str], Path]) -> None:
    folder = rules_copy("minimal")
    body = folder / "demo" / "body.yaml"
    text = body.read_text()
    for old, new in [
        ("id: demo", "id: dmeo"),  # not the folder's name
        ("providers: [acsm]", "providers: [acsn]"),  # no such provider in ACSM's providers.yaml
        ("value: none", "value: nothing"),  # not a gate
        ("source: demo-copy\n        status: unconfirmed\n", "source: demo-copy\n"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    body.write_text(text)
    (folder / "demo" / "notes.yaml").write_text("a: 1\n")
    (folder / "stray.yaml").write_text("a: 1\n")
    (folder / "empty").mkdir()
    got = problems_of(folder)
    assert got == [
        "body.yaml:2:7: id 'dmeo' must be the folder's name, 'demo'",
        "body.yaml:15:7: entry '2024-01-01' has no quote: add the source's exact words for this "
        "value (quote), or derived_from naming the rules it is worked out from, or mark it "
        "status: unconfirmed with an assumption",
        "body.yaml:17:17: source 'demo-copy' is of kind 'copy' in sources.yaml: a value resting "
        "on it must say status: unconfirmed, with its assumption",
        "body.yaml:24:17: unknown provider id 'acsn' (did you mean 'acsm'? 3 in providers)",
        "body.yaml:25:32: 'nothing' is not one of: none, approval_number, petition, unknown, null",
        "notes.yaml:1:1: no schema describes this file here; this folder's rule files are: "
        "body.yaml, sources.yaml",
        "empty:1:1: a folder here holds one body's rules: body.yaml and sources.yaml (ACSM's are "
        "in acsm/); add them or remove the folder",
        "stray.yaml:1:1: rule files belong in a body's folder: ACSM's in acsm/, another body's "
        "in a folder named for it",
    ]


def test_other_bodies_rules_are_bundled_apart_from_acsms(rules_copy: Callable[[str], Path]) -> None:
    folder = rules_copy("minimal")
    acsm, bodies = load_all(str(folder))
    assert "demo" not in acsm and list(bodies) == ["demo"]
    gate = bodies["demo"]["routes"][1]["gate"]
    assert (gate["rule"], gate["page"]) == ("demo.routes.1.gate", "bodies/demo")
    assert [(e["from"], e["value"], e["status"]) for e in gate["entries"]] == [
        ("2024-01-01", "petition", "confirmed")
    ]
    assert bodies["demo"]["certifications"]["demo-pt"]["cycle_end"]["entries"][0]["status"] == (
        "unconfirmed"
    )


def test_a_source_id_is_unique_across_the_bodies(rules_copy: Callable[[str], Path]) -> None:
    folder = rules_copy("minimal")
    sources = folder / "demo" / "sources.yaml"
    sources.write_text(sources.read_text().replace("  demo-copy:", "  src-a:"))
    body = folder / "demo" / "body.yaml"
    body.write_text(body.read_text().replace("source: demo-copy", "source: src-a"))
    assert problems_of(folder) == [
        "sources.yaml:11:3: source id 'src-a' is already acsm's: give this one another id (each "
        "source id is unique across rules/)"
    ]
