"""python -m calc tally: what a professional or a script sees on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calc.cli import main
from calc.model import Rules

ROOT = Path(__file__).resolve().parents[2]
CSV = """date,title,provider,amount,unit,category,in_scope,certificate,service_from,service_to
2025-03-01,ACE course,ace,1.5,,,yes,yes,,
2025-04-01,Committee,acsm,10,,committee,,no,2024-04-02,2025-04-01
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def log(tmp_path: Path) -> Path:
    path = tmp_path / "log.csv"
    path.write_text(CSV)
    return path


def test_text_report(capsys: pytest.CaptureFixture[str], log: Path) -> None:
    code, out, err = run(
        capsys,
        "tally",
        str(log),
        "--certification",
        "cpt",
        "--cycle-end",
        "2026-12-31",
        "--as-of",
        "2026-06-01",
    )
    assert (code, err) == (0, "")
    assert "1.5 x 10 = 15 CECs" in out
    assert "Earned:    23 CECs" in out and "Status:    short" in out
    assert "[ ] 1 counted activity has no certificate" in out


def test_json_report_has_the_documented_fields(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    code, out, _ = run(
        capsys,
        "tally",
        str(log),
        "--certification",
        "cpt,ep",
        "--cycle-end",
        "2026-12-31",
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert code == 0
    assert (data["required_cecs"], data["earned_cecs"], data["remaining_cecs"]) == (
        "60",
        "23",
        "37",
    )
    assert data["status"] == "short"
    assert [a["cecs"] for a in data["activities"]] == ["15", "8"]
    assert data["activities"][1]["counted"] is True
    assert {"explanation", "sources"} <= set(data["activities"][0])
    assert data["activities"][0]["sources"][0]["url"].startswith("https://")
    assert {c["id"] for c in data["checklist"]} == {
        "cecs",
        "cpr",
        "reported",
        "renewal",
        "renewal_window",
        "fee",
        "certificates",
    }
    assert data["verdict"]["state"] == "short"
    assert data["verdict"]["headline"] == (
        "37 CECs to go by 2026-12-31: 23 of 60 CECs so far. Enter when your CPR/AED card "
        "expires: it must be current when you renew."
    )
    assert data["dates"]["grace_period_end"] == "2027-06-30"


def test_repeated_and_comma_separated_certifications_agree(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    base = (
        "tally",
        str(log),
        "--cycle-end",
        "2026-12-31",
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
    )
    _, one, _ = run(capsys, *base, "--certification", "cpt", "--certification", "ep")
    _, two, _ = run(capsys, *base, "--certification", "cpt,ep")
    assert one == two


def test_json_log_carries_the_profile_and_flags_override_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "log.json"
    path.write_text(
        json.dumps(
            {
                "profile": {
                    "certifications": ["cpt"],
                    "cycle_end": "2026-12-31",
                    "as_of": "2026-06-01",
                },
                "activities": [{"date": "2025-01-01", "provider": "acsm", "amount": "5"}],
            }
        )
    )
    _, out, _ = run(capsys, "tally", str(path), "--format", "json")
    assert json.loads(out)["required_cecs"] == "45"
    _, out, _ = run(capsys, "tally", str(path), "--format", "json", "--certification", "ep")
    assert json.loads(out)["required_cecs"] == "60"


def test_bad_input_prints_every_problem_with_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rules: Rules
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,provider,amount\n2025-13-01,acsm,1\n2025-01-01,zzz,abc\n")
    code, out, err = run(
        capsys, "tally", str(path), "--certification", "cpt", "--cycle-end", "2026-12-31"
    )
    assert (code, out) == (2, "")
    # Every provider the rules list, in their order (ACSM, ACSM-approved provider, ACE, ...):
    # read from the rules, so that a provider a maintainer adds changes nothing here.
    providers = ", ".join(p.abbreviation for p in rules.providers.values())
    assert err.splitlines() == [
        f"{path}:2:date: 2025-13-01 is not a real date",
        f"{path}:3:provider: unknown provider 'zzz' (use one of: {providers})",
        f"{path}:3:amount: must be a plain number such as 1.5 (at most 3 decimals)",
    ]


def test_profile_problems_name_the_flag(capsys: pytest.CaptureFixture[str], log: Path) -> None:
    code, _, err = run(capsys, "tally", str(log), "--certification", "cpt", "--cycle-end", "soon")
    assert code == 2 and err == "--cycle-end: must be a date written YYYY-MM-DD\n"
    code, _, err = run(capsys, "tally", str(log), "--certification", "cpt")
    assert (
        err
        == f"{log}:profile:cycle_end: is required (give --cycle-end, or a profile in a JSON log)\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"date,provider,amount\n2025-01-01,acsm,\xff\n",
            ':2: the file is not UTF-8 text: save it as "CSV UTF-8" and try again',
        ),
        (b'{"activities": [', ":1:17: not valid JSON: Expecting value"),
        (b"date,provider,amount\n2025-01-01,acsm,1,2\n", ":2: has 4 cells; the header names 3"),
    ],
)
def test_unreadable_logs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "log"
    path.write_bytes(content)
    code, _, err = run(
        capsys, "tally", str(path), "--certification", "cpt", "--cycle-end", "2026-12-31"
    )
    assert code == 2
    assert err == f"{path}{message}\n"


def test_missing_log_and_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path
) -> None:
    code, _, err = run(capsys, "tally", str(tmp_path / "nope.csv"), "--cycle-end", "2026-12-31")
    assert code == 2 and "cannot read the log" in err
    code, _, err = run(capsys, "tally", str(log), "--rules", str(tmp_path / "none"))
    assert code == 2 and "no such rules folder or bundle file" in err
    (tmp_path / "bundle.json").write_text("{}")
    code, _, err = run(capsys, "tally", str(log), "--rules", str(tmp_path / "bundle.json"))
    assert code == 2 and "rules bundle is malformed" in err
    (tmp_path / "broken.json").write_text("{")
    code, _, err = run(capsys, "tally", str(log), "--rules", str(tmp_path / "broken.json"))
    assert code == 2 and "cannot read the rules bundle" in err


def test_an_impossible_requirement_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    code, _, err = run(
        capsys, "tally", str(log), "--certification", "eim", "--cycle-end", "2026-12-31"
    )
    assert code == 2 and ": no CEC requirement of its own; also choose" in err


def test_bundle_command_and_rules_from_a_bundle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path
) -> None:
    out_file = tmp_path / "rules.json"
    assert run(capsys, "rules", "bundle", str(ROOT / "rules"), "-o", str(out_file))[0] == 0
    code, out, _ = run(
        capsys,
        "tally",
        str(log),
        "--rules",
        str(out_file),
        "--certification",
        "gei",
        "--cycle-end",
        "2026-12-31",
        "--format",
        "json",
    )
    assert code == 0 and json.loads(out)["required_cecs"] == "45"
    code, out, _ = run(capsys, "rules", "bundle", str(ROOT / "rules"))
    assert json.loads(out)["bundle_format"] == 1


def test_module_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "calc", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0 and "tally" in done.stdout
