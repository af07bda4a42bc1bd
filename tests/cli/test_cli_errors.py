"""What the command line says when something is wrong, in full: the place first (a flag, or
FILE:ROW:COLUMN), then what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from calc.cli import main
from calc.logfiles import LOG_FORMAT, LOG_VERSION
from calc.model import Rules

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ("--certification", "cpt", "--cycle-end", "2026-12-31", "--as-of", "2026-06-01")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def json_log(tmp_path: Path, profile: dict[str, Any]) -> Path:
    path = tmp_path / "log.json"
    data = {"format": LOG_FORMAT, "version": LOG_VERSION, "profile": profile, "activities": []}
    path.write_text(json.dumps(data))
    return path


def test_a_bad_profile_value_in_a_json_log_names_its_place_without_the_flag_hint(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = json_log(tmp_path, {"certifications": ["cpt"], "cycle_end": "2026-13-01"})
    assert run(capsys, "tally", str(log)) == (
        2,
        "",
        f"{log}:profile:cycle_end: 2026-13-01 is not a real date\n",
    )


def test_an_unknown_certification_flag(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rules: Rules
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,provider,amount\n")
    code, out, err = run(
        capsys, "tally", str(log), "--certification", "cpt,xyz", "--cycle-end", "2026-12-31"
    )
    assert (code, out) == (2, "")
    accepted = ", ".join(
        f"{c.id} ({c.abbreviation}, {c.name})" for c in rules.certifications.values()
    )
    assert err.startswith(f"--certification: unknown certification 'xyz'; use one of: {accepted}; ")
    assert "or another body's: ace-pt (ACE Certified Personal Trainer), " in err
    assert "cpt (ACSM-CPT, ACSM Certified Personal Trainer), " in err


def test_every_problem_on_a_line_of_its_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,provider,amount\n2025-01-01,zzz,1\n2025-01-02,acsm,x\n")
    code, _, err = run(capsys, "tally", str(log), *FLAGS)
    assert code == 2
    assert [line.partition(": ")[0] for line in err.splitlines()] == [
        f"{log}:2:provider",
        f"{log}:3:amount",
    ]


def test_a_bad_byte_is_named_by_its_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(
        b"\ndate,provider,amount\n2025-01-01,acsm,1\n2025-01-02,caf\xe9,1\n2025-01-03,acsm,1\n"
    )
    code, _, err = run(capsys, "tally", str(log), *FLAGS)
    assert code == 2
    assert err == f'{log}:4: the file is not UTF-8 text: save it as "CSV UTF-8" and try again\n'


def test_broken_rule_files_are_listed_one_problem_a_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    (folder / "acsm" / "tracking.yaml").write_text("tracking:\n  dashboard: 3\n")
    code, out, err = run(capsys, "rules", "check", str(folder))
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"{folder}/acsm/tracking.yaml:2:14: expected a mapping (key: value lines), found a number 3"
    )
    assert len(err.splitlines()) == 4


def test_reading_rule_files_without_pyyaml_says_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The calculator itself needs only the standard library; reading YAML rules needs PyYAML.
    for name in [
        m for m in sys.modules if m == "calc.rulefiles" or m.startswith("calc.rulefiles.")
    ]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "yaml", None)
    code, out, err = run(capsys, "rules", "check", str(ROOT / "rules"))
    assert (code, out) == (2, "")
    assert err == (
        "reading YAML rules needs PyYAML and jsonschema (yaml is missing): pip install "
        "'cec-guide-calc[rules]', or pass --rules BUNDLE.json\n"
    )


def test_the_json_report_is_indented_for_reading(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,provider,amount\n2025-01-01,acsm,1\n")
    code, out, _ = run(capsys, "tally", str(log), *FLAGS, "--format", "json")
    assert code == 0
    assert out == json.dumps(json.loads(out), indent=2) + "\n"


def test_files_are_utf8_whatever_the_locale(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # On a machine whose default encoding is not UTF-8 (Windows, or a bare POSIX locale), a
    # rules bundle with accented text must still be read as UTF-8.
    bundle_file = tmp_path / "b.json"
    assert main(["rules", "bundle", str(ROOT / "rules"), "-o", str(bundle_file)]) == 0
    bundle = json.loads(bundle_file.read_text(encoding="utf-8"))
    bundle["certifications"]["cpt"]["abbreviation"] = "ACSM-CPT é"
    bundle_file.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    args = ["rules", "check", str(bundle_file)]
    assert main(args) == 0  # in this process too, so that the same code is known to run
    expected = capsys.readouterr().out
    env = {
        **os.environ,
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONIOENCODING": "utf-8",
    }
    done = subprocess.run(
        [sys.executable, "-m", "calc", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stderr, done.stdout) == (0, "", expected)


def test_a_bundle_is_written_as_utf8_whatever_the_locale(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    certifications = folder / "acsm" / "certifications.yaml"
    text = certifications.read_text(encoding="utf-8")
    certifications.write_text(
        text.replace("Personal Trainer", "Personal Trainer (é)", 1), encoding="utf-8"
    )
    in_process, other = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["rules", "bundle", str(folder), "-o", str(in_process)]) == 0
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "calc", "rules", "bundle", str(folder), "-o", str(other)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert "Personal Trainer (é)" in other.read_text(encoding="utf-8")
    assert other.read_bytes() == in_process.read_bytes()


def test_rules_commands_read_the_rules_folder_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["rules", "bundle"]) == 0
    default = capsys.readouterr().out
    assert main(["rules", "bundle", "rules"]) == 0
    assert capsys.readouterr().out == default
    assert main(["rules", "check"]) == 0
    assert capsys.readouterr().out.startswith("rules: valid: ")


COMMITTEE = {"date": "2025-04-10", "provider": "acsm", "amount": "8", "category": "committee"}


def test_committee_service_without_its_period_is_refused_in_a_file_written_now(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("date,provider,amount,category\n2025-04-10,acsm,8,committee\n")
    code = main(["tally", str(log), *FLAGS])
    _, err = capsys.readouterr()
    need = (
        "is required for ACSM committee or volunteer service: the period you served, as ACSM asks"
    )
    assert (code, err.splitlines()) == (
        2,
        [f"{log}:2:service_from: {need}", f"{log}:2:service_to: {need}"],
    )
    current = tmp_path / "log.json"
    data = {"format": LOG_FORMAT, "version": LOG_VERSION, "activities": [COMMITTEE]}
    current.write_text(json.dumps(data))
    assert main(["tally", str(current), *FLAGS]) == 2
    assert f"{current}:1:service_from: {need}" in capsys.readouterr().err


def test_an_older_logs_committee_row_counts_a_year_ending_on_its_date_and_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": LOG_FORMAT, "version": 1, "activities": [COMMITTEE]}))
    assert main(["tally", str(old), *FLAGS, "--format", "json"]) == 0
    [activity] = json.loads(capsys.readouterr().out)["activities"]
    assert (activity["cecs"], activity["warnings"]) == (
        "8",
        [
            "Add the period you served (Served from and Served to): until then this counts as "
            "one year of service ending 2025-04-10."
        ],
    )
