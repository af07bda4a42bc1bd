"""``tally LOG --profile P.yaml`` and ``--certification ace-pt``: other certifying bodies on the
command line, in text and JSON, with ACSM's result first when an ACSM certification is held and
none of it when the profile names none; the profile's problems at their place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calc.cli import main

LOG = (
    "date,title,provider,amount,format,topics\n"
    "2026-03-01,Core training,ace,0.5,,ethics\n"
    "2026-04-01,Strength workshop,acsm,5,live,\n"
    "2026-07-01,Planned course,nsca,0.3,,\n"
)
ALL = """\
as_of: 2026-06-01
cpr_expires: 2027-06-01
certifications:
  - certification: ACSM-CPT
    cycle_end: 2026-12-31
  - certification: ace-pt
    certified: 2025-03-31
  - certification: nsca-cscs
"""
ACE_ONLY = """\
as_of: 2026-06-01
certifications:
  - certification: ACE Personal Trainer
    certified: 2025-03-31
    cpr_expires: 2027-06-01
"""
ACE_HEADLINE = "ACE Certified Personal Trainer: 0.5 of 2 ACE CECs, renew by March 31, 2027"
PETITION = (
    "ACE-approved courses (with their CEP number): counts once you add its number; or Other "
    "courses, by petition to ACE: would count {} ACE CECs once ACE approves it ($25, not "
    "confirmed by ACE)"
)
OWN = "ACE's own courses (not confirmed by ACE): 0.5 ACE CECs as ACE gives them"
ACE_LINES = [
    ACE_HEADLINE,
    "  [ ] 0.5 of 2 ACE CECs: 1.5 to go",
    "  [x] Professional conduct and ethics: 0.5 of at least 0.1 ACE CECs",
    "  [x] CPR/AED card current until June 1, 2027",
    "  Activities for ACE (ACE Certified Personal Trainer):",
    f"    1. Core training: 0.5 ACE CECs, counts: {OWN}",
    f"    2. Strength workshop: 0 ACE CECs, needs a petition: {PETITION.format('0.5')}",
    f"    3. Planned course: 0 ACE CECs, planned: {PETITION.format('0.3')}",
]
FORMAT_UNKNOWN = (
    "Other organizations' live events (in person or live-streamed): only if live; or Other "
    "organizations' online or home-study courses: only if recorded (say whether it was live or "
    "recorded)"
)
NSCA_LIVE = (
    "Other organizations' live events (in person or live-streamed): 5 hours of participation at "
    "0.1 an hour"
)
NSCA_PLANNED = (
    "would count 0.3 once done: NSCA's own events, quizzes and courses: 0.3 NSCA CEUs "
    "as NSCA gives them"
)
NSCA_LINES = [
    "NSCA Certified Strength and Conditioning Specialist: 0.5 of 6 NSCA CEUs, renew by December "
    "31, 2026",
    "  [ ] 0.5 of 6 NSCA CEUs: 5.5 to go",
    "  [x] CPR/AED card current until June 1, 2027",
    "  [ ] Credits from at least 2 categories: 1 so far (an activity's category is known only "
    "where its route gives one)",
    "  Note: Certified during this cycle? NSCA asks less: give the day you earned it (certified) "
    "to count it",
    "  Activities for NSCA (Certified Strength and Conditioning Specialist):",
    f"    1. Core training: 0 NSCA CEUs, not known: {FORMAT_UNKNOWN}",
    f"    2. Strength workshop: 0.5 NSCA CEUs, counts: {NSCA_LIVE}",
    f"    3. Planned course: 0 NSCA CEUs, planned: {NSCA_PLANNED}",
]
ACE_COUNTS = [
    {"amount": "0.5", "status": "counted", "reason": OWN},
    {"amount": "0", "status": "needs_petition", "reason": PETITION.format("0.5")},
    {"amount": "0", "status": "planned", "reason": f"{PETITION.format('0.3')}"},
]
NSCA_COUNTS = [
    {"amount": "0", "status": "unknown", "reason": FORMAT_UNKNOWN},
    {"amount": "0.5", "status": "counted", "reason": NSCA_LIVE},
    {"amount": "0", "status": "planned", "reason": NSCA_PLANNED},
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def json_log(tmp_path: Path, profile: dict[str, Any]) -> str:
    header, *rows = LOG.splitlines()
    activities = [dict(zip(header.split(","), row.split(","), strict=True)) for row in rows]
    return write(tmp_path, "log.json", json.dumps({"profile": profile, "activities": activities}))


@pytest.fixture
def log(tmp_path: Path) -> str:
    return write(tmp_path, "log.csv", LOG)


def tally(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str, profile: str, *more: str
) -> tuple[int, str, str]:
    return run(capsys, "tally", log, "--profile", write(tmp_path, "p.yaml", profile), *more)


# With an ACSM certification -----------------------------------------------------------------


def test_the_text_report_gives_acsms_result_then_each_bodys(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    code, out, err = tally(capsys, tmp_path, log, ALL)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    # ACSM's result is named first: beside the other bodies', its lines say "CECs" only.
    assert lines[:2] == [
        "ACSM Certified Personal Trainer:",
        "35 CECs to go by 2026-12-31: 10 of 45 CECs so far.",
    ]
    assert "Certifications: ACSM-CPT" in lines
    start = lines.index(ACE_HEADLINE)
    assert lines[start - 1 :] == ["", *ACE_LINES, "", *NSCA_LINES]


def test_the_json_report_lists_acsm_first_and_each_activitys_counts_for_every_body(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    code, out, _ = tally(capsys, tmp_path, log, ALL, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [b["body"] for b in data["bodies"]] == ["acsm", "ace", "nsca"]
    acsm, ace, nsca = data["bodies"]
    assert {k: acsm[k] for k in ("certifications", "required", "earned", "remaining", "cycle")} == {
        "certifications": ["cpt"],
        "required": "45",
        "earned": "10",
        "remaining": "35",
        "cycle": {"start": "2024-01-01", "end": "2026-12-31"},
    }
    assert acsm["verdict"] == {
        "state": data["verdict"]["state"],
        "headline": data["verdict"]["headline"],
    }
    assert (ace["earned"], ace["verdict"]["headline"]) == ("0.5", ACE_HEADLINE)
    assert (nsca["required"], nsca["cycle"]) == ("6", {"start": "2024-01-01", "end": "2026-12-31"})
    for row, activity in enumerate(data["activities"]):
        found = activity["counts_for"]
        assert list(found) == ["acsm", "ace", "nsca"]
        assert found["acsm"]["reason"] == activity["explanation"]
        assert found["acsm"]["amount"] == activity["cecs"]
        assert (found["ace"], found["nsca"]) == (ACE_COUNTS[row], NSCA_COUNTS[row])
    assert [a["counts_for"]["acsm"]["status"] for a in data["activities"]] == [
        "counted",
        "counted",
        "planned",
    ]


def test_an_acsm_certification_named_by_a_flag_joins_a_profile_of_other_bodies(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    flags = ("--certification", "cpt", "--cycle-end", "2026-12-31", "--format", "json")
    code, out, _ = tally(capsys, tmp_path, log, ACE_ONLY, *flags)
    assert code == 0
    data = json.loads(out)
    assert [b["body"] for b in data["bodies"]] == ["acsm", "ace"]
    assert data["bodies"][1]["earned"] == "0.5"


# Without one --------------------------------------------------------------------------------


def test_a_profile_of_other_bodies_alone_gives_their_result_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    code, out, err = tally(capsys, tmp_path, log, ACE_ONLY)
    assert (code, err, out) == (0, "", "\n".join(ACE_LINES) + "\n")


def test_the_json_of_other_bodies_alone_has_no_acsm_fields(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    code, out, _ = tally(capsys, tmp_path, log, ACE_ONLY, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["bodies", "activities", "notes"]
    assert [b["body"] for b in data["bodies"]] == ["ace"]
    assert data["notes"] == []
    first = data["activities"][0]
    assert first == {
        "row": 1,
        "date": "2026-03-01",
        "title": "Core training",
        "provider": "ace",
        "organization": "",
        "amount": "0.5",
        "unit": "",
        "category": "",
        "in_scope": "yes",
        "certificate": "no",
        "decimal_system": "",
        "reported": "",
        "separate": "",
        "service_from": "",
        "service_to": "",
        "participation_hours": "",
        "format": "",
        "topics": "ethics",
        "approvals": "",
        "petitions": "",
        "counts_for": {"ace": ACE_COUNTS[0]},
    }
    assert [a["row"] for a in data["activities"]] == [1, 2, 3]
    assert [a["counts_for"] for a in data["activities"]] == [{"ace": c} for c in ACE_COUNTS]
    assert data["activities"][1]["format"] == "live"


def test_a_log_profile_naming_acsm_is_not_used_when_the_profile_file_names_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = json_log(tmp_path, {"certifications": ["cpt"], "cycle_end": "2026-12-31"})
    code, out, _ = tally(capsys, tmp_path, log, ACE_ONLY, "--format", "json")
    assert code == 0 and list(json.loads(out)) == ["bodies", "activities", "notes"]


def test_the_as_of_flag_is_used_over_the_profiles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    code, out, _ = tally(capsys, tmp_path, log, ACE_ONLY, "--as-of", "2026-07-01")
    assert code == 0
    # 2026-07-01: the planned course is done (and needs a petition).
    assert out.splitlines()[-1] == (
        f"    3. Planned course: 0 ACE CECs, needs a petition: {PETITION.format('0.3')}"
    )


def test_the_notes_on_reading_the_file_come_last(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = write(tmp_path, "log.csv", "date,title,provider,amount\n03/01/2026,Core,ace,0.5\n")
    code, out, _ = tally(capsys, tmp_path, log, ACE_ONLY)
    assert code == 0
    assert out.splitlines()[-3:] == [
        "",
        "Notes on reading the file:",
        "  Dates such as 03/01/2026 were read as month/day/year (March 1, 2026).",
    ]
    code, out, _ = tally(capsys, tmp_path, log, ACE_ONLY, "--format", "json")
    assert json.loads(out)["notes"] == [
        "Dates such as 03/01/2026 were read as month/day/year (March 1, 2026)."
    ]


# --certification without a profile ----------------------------------------------------------


def test_another_bodys_certification_as_a_flag_asks_for_its_day(
    capsys: pytest.CaptureFixture[str], log: str
) -> None:
    why = "give the day you earned your ACE Certified Personal Trainer, or your cycle's last day"
    code, out, err = run(capsys, "tally", log, "--certification", "ace-pt", "--as-of", "2026-06-01")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"ACE Certified Personal Trainer: {why}",
        "  Activities for ACE (ACE Certified Personal Trainer):",
        f"    1. Core training: 0 ACE CECs, not known: {why}",
        f"    2. Strength workshop: 0 ACE CECs, not known: {why}",
        f"    3. Planned course: 0 ACE CECs, not known: {why}",
    ]


def test_another_bodys_certification_as_a_flag_in_json(
    capsys: pytest.CaptureFixture[str], log: str
) -> None:
    code, out, _ = run(capsys, "tally", log, "--certification", "ACE-CPT", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["bodies", "activities", "notes"]
    (ace,) = data["bodies"]
    assert (ace["body"], ace["certifications"], ace["verdict"]["state"]) == (
        "ace",
        ["ace-pt"],
        "unknown",
    )


def test_acsm_and_another_body_named_by_flags(capsys: pytest.CaptureFixture[str], log: str) -> None:
    flags = ("--certification", "cpt,ace-pt", "--cycle-end", "2026-12-31", "--as-of", "2026-06-01")
    code, out, _ = run(capsys, "tally", log, *flags, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [b["body"] for b in data["bodies"]] == ["acsm", "ace"]
    assert data["bodies"][0]["certifications"] == ["cpt"]
    assert data["bodies"][1]["verdict"]["state"] == "unknown"


def test_a_cycle_end_flag_is_not_ignored_for_another_bodys_certification(
    capsys: pytest.CaptureFixture[str], log: str
) -> None:
    flags = ("--certification", "ace-pt", "--cycle-end", "2027-03-31", "--as-of", "2026-06-01")
    code, out, _ = run(capsys, "tally", log, *flags)
    assert code in (0, 2)
    assert "or your cycle's last day" not in out


# The profile's problems ---------------------------------------------------------------------


def test_the_profiles_problems_are_printed_at_their_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    profile = """\
certifications:
  - certification: ace-pt
    certified: 2025-03-31
  - certification: nasm-cpt
    cycle_end: 31/12/2026
  - certification: nobody
"""
    path = write(tmp_path, "p.yaml", profile)
    code, out, err = run(capsys, "tally", log, "--profile", path)
    assert (code, out) == (2, "")
    assert err == (
        f"{path}:certifications[2].cycle_end: must be a date written YYYY-MM-DD\n"
        f"{path}:certifications[3].certification: unknown certification 'nobody' (an id such as "
        "cpt, ace-pt or nsca-cscs, or a name such as ACSM-CPT)\n"
    )


def test_a_profile_that_is_not_yaml(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    path = write(tmp_path, "p.yaml", "certifications: [\n")
    code, out, err = run(capsys, "tally", log, "--profile", path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: cannot read the profile: ")
    assert err.count("\n") == 1  # YAML's own lines, on one line


def test_a_profile_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    path = str(tmp_path / "none.yaml")
    assert run(capsys, "tally", log, "--profile", path) == (
        2,
        "",
        f"{path}:1:1: cannot read the profile: No such file or directory\n",
    )


def test_a_profile_that_lists_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    path = write(tmp_path, "p.yaml", "as_of: 2026-06-01\n")
    assert run(capsys, "tally", log, "--profile", path) == (
        2,
        "",
        f"{path}:certifications: must list at least one certification\n",
    )


def test_a_profile_that_is_not_a_mapping(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    path = write(tmp_path, "p.yaml", "- ace-pt\n")
    assert run(capsys, "tally", log, "--profile", path) == (
        2,
        "",
        f"{path}: must be a mapping with a list of certifications\n",
    )


def test_a_profile_day_that_does_not_exist_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    path = write(
        tmp_path, "p.yaml", "as_of: 2026-13-01\ncertifications: [{certification: ace-pt}]\n"
    )
    code, out, err = run(capsys, "tally", log, "--profile", path)
    assert (code, out) == (2, "")
    assert err.startswith(path)


def test_a_profile_whose_years_overflow_the_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    profile = (
        "as_of: 2026-06-01\ncertifications: [{certification: ace-pt, certified: 9999-06-01}]\n"
    )
    code, out, err = tally(capsys, tmp_path, log, profile)
    assert (code, out) == (2, "")
    assert err == (
        f"{log}: cannot work out a cycle's dates (year 10001 is out of range); check the years "
        "in the profile\n"
    )


# Where the profile's values come from -------------------------------------------------------


def test_without_a_profile_file_a_logs_acsm_certification_keeps_acsms_result(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = json_log(tmp_path, {"certifications": ["cpt"], "cycle_end": "2026-12-31"})
    code, out, _ = run(
        capsys,
        "tally",
        log,
        "--certification",
        "ace-pt",
        "--as-of",
        "2026-06-01",
        "--format",
        "json",
    )
    assert code == 0
    assert [b["body"] for b in json.loads(out)["bodies"]] == ["acsm", "ace"]


def test_the_logs_as_of_is_used_where_the_profile_file_gives_none(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = json_log(tmp_path, {"as_of": "2026-07-01"})
    profile = ACE_ONLY.replace("as_of: 2026-06-01\n", "")
    code, out, _ = tally(capsys, tmp_path, log, profile)
    assert code == 0
    # On 2026-07-01 the third course is done: it waits for a petition, not planned.
    assert out.splitlines()[-1] == (
        f"    3. Planned course: 0 ACE CECs, needs a petition: {PETITION.format('0.3')}"
    )


def test_an_as_of_from_the_profile_file_before_the_cycle_is_said_to_come_from_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: str
) -> None:
    profile = "as_of: 2023-06-01\ncertifications: [{certification: cpt, cycle_end: 2026-12-31}]\n"
    code, out, _ = tally(capsys, tmp_path, log, profile, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [b["body"] for b in data["bodies"]] == ["acsm"]
    assert (
        "The profile's as_of 2023-06-01 is before your cycle began (2024-01-01): the report is "
        "as of a day when the cycle had not started"
    ) in data["warnings"]


def test_values_from_the_profile_file_are_not_said_to_come_from_flags(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = json_log(tmp_path, {"certifications": ["ep"], "cycle_end": "2025-12-31"})
    profile = "as_of: 2026-06-01\ncertifications: [{certification: cpt, cycle_end: 2026-12-31}]\n"
    code, out, _ = tally(capsys, tmp_path, log, profile, "--format", "json")
    assert code == 0
    warnings = json.loads(out)["warnings"]
    assert not [w for w in warnings if "--cycle-end" in w or "--certification" in w], warnings


# A log file the page exported, with the other certifications in its profile -------------------


def test_a_log_files_other_certifications_are_counted_without_a_profile_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    others = [{"certification": "ace-pt", "certified": "2025-03-31"}]
    profile = {
        "certifications": ["cpt"],
        "cycle_end": "2026-12-31",
        "cpr_expires": "2027-06-01",
        "as_of": "2026-06-01",
        "others": others,
    }
    code, out, err = run(capsys, "tally", json_log(tmp_path, profile), "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [b["body"] for b in data["bodies"]] == ["acsm", "ace"]
    assert data["bodies"][1]["verdict"]["headline"] == ACE_HEADLINE
    assert data["activities"][0]["counts_for"]["ace"]["status"] == "counted"
    # A profile file, when given, is the whole list: the log's others are not added to it.
    code, out, _ = run(
        capsys,
        "tally",
        json_log(tmp_path, profile),
        "--profile",
        write(
            tmp_path,
            "p.yaml",
            "as_of: 2026-06-01\ncertifications: [{certification: nasm-cpt, certified: 2025-03-31}]\n",
        ),
        "--format",
        "json",
    )
    assert [b["body"] for b in json.loads(out)["bodies"]] == ["nasm"]


@pytest.mark.parametrize(
    ("others", "said"),
    [
        (
            [{"certification": "ace-px"}],
            "profile.others[1].certification: unknown certification 'ace-px'",
        ),
        (
            [{"certification": "ace-pt", "certified": "someday"}],
            "profile.others[1].certified: must be a date",
        ),
        (
            [{"certification": "ACSM-CPT"}],
            "profile.others: list only other bodies' certifications here",
        ),
        ("ace-pt", "profile.others: must be a list of certifications"),
    ],
)
def test_a_log_files_wrong_other_certification_is_said_at_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, others: object, said: str
) -> None:
    profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31", "others": others}
    path = json_log(tmp_path, profile)
    code, out, err = run(capsys, "tally", path)
    assert (code, out) == (2, "")
    assert f"{path}: {said}" in err
