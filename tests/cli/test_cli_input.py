"""What the command line says about input it cannot use as given, and about how it read it: no
traceback, the place first, and every choice it made said in both formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from calc import cli
from calc.cli import main
from calc.dated import add_years
from calc.fields import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
FLAGS = ("--certification", "cpt", "--cycle-end", "2026-12-31", "--as-of", "2026-06-01")
CSV = "date,title,provider,amount\n2025-03-01,Course,acsm,2\n"
RANGE = "is not between 1900-01-01 and 2200-12-31; check the year"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, content: str | dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


@pytest.fixture
def log(tmp_path: Path) -> Path:
    return write(tmp_path, "log.csv", CSV)


# Dates at the ends of the calendar ------------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
@pytest.mark.parametrize(
    "flag", ["--cycle-end", "--cycle-start", "--cpr-expires", "--as-of", "--renewed-on"]
)
def test_a_flag_date_far_outside_any_cycle_is_refused_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flag: str, day: str
) -> None:
    # Before anything is read: the log here does not even exist.
    args = ("tally", str(tmp_path / "none.csv"), "--certification", "cpt", flag, day)
    assert run(capsys, *args) == (2, "", f"{flag}: {day} {RANGE}\n")


def test_a_json_log_profile_date_far_outside_any_cycle_is_refused_at_its_place(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = {"certifications": ["cpt"], "cycle_end": "9999-12-31", "as_of": "0001-01-01"}
    path = write(tmp_path, "log.json", {"profile": profile, "activities": []})
    assert run(capsys, "tally", str(path)) == (
        2,
        "",
        f"{path}:profile:cycle_end: 9999-12-31 {RANGE}\n{path}:profile:as_of: 0001-01-01 {RANGE}\n",
    )


@pytest.mark.parametrize(
    "error", [OverflowError("date value out of range"), ValueError("year 10000 is out of range")]
)
def test_date_arithmetic_that_overflows_is_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    log: Path,
    error: Exception,
) -> None:
    def overflow(*_: object) -> None:
        raise error

    monkeypatch.setattr(cli, "tally", overflow)
    assert run(capsys, "tally", str(log), *FLAGS) == (
        2,
        "",
        f"{log}: cannot work out the cycle's dates ({error}); check the years given\n",
    )


def test_rows_dated_at_the_calendar_ends_are_refused_by_row(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = ["0001-01-01", "9999-12-31", "12/31/9999", "1/1/0001"]
    path = write(
        tmp_path, "log.csv", "date,provider,amount\n" + "".join(f"{d},acsm,1\n" for d in rows)
    )
    assert run(capsys, "tally", str(path), *FLAGS) == (
        2,
        "",
        f"{path}:2:date: is before 1990; check the year\n"
        f"{path}:3:date: is more than 3 years ahead; check the year\n"
        f"{path}:4:date: is more than 3 years ahead; check the year\n"
        f"{path}:5:date: is before 1990; check the year\n",
    )


# Files too deep or too big --------------------------------------------------------------------


def test_a_deeply_nested_rules_bundle_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path
) -> None:
    rules = write(tmp_path, "rules.json", "[" * 100_000 + "]" * 100_000)
    expected = f"{rules}:1:1: cannot read the rules bundle: nested more than 32 levels deep\n"
    assert run(capsys, "tally", str(log), *FLAGS, "--rules", str(rules)) == (2, "", expected)
    assert run(capsys, "rules", "check", str(rules)) == (2, "", expected)


def test_brackets_inside_strings_do_not_count_as_nesting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path, bundle: dict[str, Any]
) -> None:
    rules = write(tmp_path, "rules.json", {**bundle, "comment": "[" * 1000})
    code, out, err = run(capsys, "tally", str(log), *FLAGS, "--rules", str(rules))
    assert (code, err) == (0, "") and "Status:    short" in out


def test_a_deeply_nested_log_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "log.json", '{"activities": ' + "[" * 100_000 + "]" * 100_000 + "}")
    expected = f"{path}:1: not a usable log: nested more than 32 levels deep\n"
    assert run(capsys, "tally", str(path), *FLAGS) == (2, "", expected)


@pytest.mark.parametrize("which", ["log", "rules bundle"])
def test_a_file_over_20_mb_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log: Path, which: str
) -> None:
    big = write(tmp_path, "big.json", "{" + " " * 25_000_000 + "}")
    args = [str(big), *FLAGS] if which == "log" else [str(log), *FLAGS, "--rules", str(big)]
    expected = f"{big}:1:1: cannot read the {which}: it is larger than 20 MB\n"
    assert run(capsys, "tally", *args) == (2, "", expected)


# Certifications by any of their names --------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "ACSM-CPT",
        "acsm-cpt",
        " Acsm-Cpt ",
        "ACSM Certified Personal Trainer",
        "acsm certified personal trainer",
        "CPT",
    ],
)
def test_a_certification_is_named_by_its_id_abbreviation_or_name(
    capsys: pytest.CaptureFixture[str], log: Path, name: str
) -> None:
    base = ("tally", str(log), "--cycle-end", "2026-12-31", "--as-of", "2026-06-01")
    by_id = run(capsys, *base, "--certification", "cpt,ep", "--format", "json")
    by_name = run(capsys, *base, "--certification", f"{name},ACSM-EP", "--format", "json")
    assert by_name == by_id and json.loads(by_name[1])["certifications"] == ["cpt", "ep"]


def test_unknown_certifications_are_listed_with_every_accepted_name(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    code, out, err = run(
        capsys, "tally", str(log), "--certification", "ACSM,cpt", "--certification", "x\x1b[2J"
    )
    assert (code, out) == (2, "")
    assert err == (
        "--certification: unknown certifications 'ACSM', 'x\\x1b[2J'; use one of: "
        "gei (ACSM-GEI, ACSM Group Exercise Instructor), "
        "cpt (ACSM-CPT, ACSM Certified Personal Trainer), "
        "ep (ACSM-EP, ACSM Certified Exercise Physiologist), "
        "cep (ACSM-CEP, ACSM Certified Clinical Exercise Physiologist), "
        "rcep (RCEP, ACSM Registered Clinical Exercise Physiologist), "
        "cet (ACSM/ACS CET, ACSM/ACS Certified Cancer Exercise Trainer), "
        "cift (ACSM/NCHPAD CIFT, ACSM/NCHPAD Certified Inclusive Fitness Trainer), "
        "paphs (ACSM/NPAS PAPHS, ACSM/NPAS Physical Activity in Public Health Specialist), "
        "eim (EIM Credential, Exercise is Medicine Credential); or another body's: "
        + OTHER_BODIES
        + "\n"
    )


# Other bodies' certifications, as the error lists them: every body's rules folder (rules/<body>/).
OTHER_BODIES = (
    "ace-pt (ACE Certified Personal Trainer), "
    "ace-gfi (ACE Certified Group Fitness Instructor), "
    "ace-hc (ACE Certified Health Coach), "
    "ace-mes (ACE Certified Medical Exercise Specialist), "
    "afaa-gfi (AFAA Certified Group Fitness Instructor), "
    "afaa-pft (AFAA Certified Personal Fitness Trainer), "
    "issa-cpt (ISSA Certified Personal Trainer), "
    "nasm-cpt (NASM Certified Personal Trainer), "
    "ncsf-cpt (NCSF Certified Personal Trainer), "
    "neta-gei (NETA Group Exercise Instructor), "
    "neta-pt (NETA Personal Trainer), "
    "nsca-cscs (Certified Strength and Conditioning Specialist), "
    "nsca-cpt (NSCA Certified Personal Trainer), "
    "nsca-csps (Certified Special Population Specialist), "
    "nsca-tsac-f (Tactical Strength and Conditioning Facilitator)"
)


# How the file was read ------------------------------------------------------------------------

NOTE = "Dates such as 05/06/2025 were read as month/day/year (May 6, 2025)."


def test_the_date_reading_note_is_near_the_top_of_the_text_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "log.csv", "date,title,provider,amount\n05/06/2025,Course,acsm,2\n")
    code, out, err = run(capsys, "tally", str(path), *FLAGS)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:6] == [
        "",
        "Notes on reading the file:",
        f"  {NOTE}",
        "",
        "Certifications: ACSM-CPT",
    ]
    assert "   1  2025-05-06        2  Course" in out.splitlines()


def test_the_reading_notes_are_in_the_json_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "log.csv", "Date,Provider,CEUs\n05/06/2025,acsm,2\n14/06/2025,acsm,1\n")
    code, out, _ = run(capsys, "tally", str(path), *FLAGS, "--format", "json")
    assert code == 0
    assert json.loads(out)["notes"] == [
        "Dates such as 05/06/2025 were read as day/month/year (5 June 2025), since 14/06/2025 in "
        "the same file can only be read that way.",
        "The column “CEUs” names the unit: every amount was read as CEUs.",
    ]


# User text on a terminal ----------------------------------------------------------------------


def test_a_title_cannot_add_report_lines_or_send_escape_codes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    title = "Course\nStatus:    complete\r\x1b[2J\x9b31m\u2028\u2029\u202eevil\u2066\x7f\x00end"
    activity = {"date": "2025-03-01", "title": title, "provider": "acsm", "amount": "2"}
    path = write(tmp_path, "log.json", {"activities": [activity]})
    code, out, _ = run(capsys, "tally", str(path), *FLAGS)
    assert code == 0
    shown = "Course\ufffdStatus:    complete\ufffd\ufffd[2J\ufffd31m\ufffd\ufffd\ufffdevil\ufffd\ufffd\ufffdend"
    assert f"   1  2025-03-01        2  {shown}" in out.splitlines()
    assert "Status:    short" in out.splitlines()
    assert "Status:    complete" not in out.splitlines()
    _, out, _ = run(capsys, "tally", str(path), *FLAGS, "--format", "json")
    assert json.loads(out)["activities"][0]["title"] == title  # JSON escapes them itself


def test_a_problem_quoting_the_file_cannot_send_escape_codes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "log.csv", "date,provider,amount,\x1b[2Jnotes\n2025-03-01,acsm,1,x\n")
    code, out, err = run(capsys, "tally", str(path), *FLAGS)
    assert (code, out) == (2, "")
    assert err == f"{path}:1:\ufffd[2Jnotes: unknown column (columns: {', '.join(COLUMNS)})\n"


# The day the report is as of ------------------------------------------------------------------


def test_an_as_of_before_the_cycle_is_a_warning_in_both_formats(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    args = ("tally", str(log), "--certification", "cpt", "--cycle-end", "2026-12-31")
    warning = (
        "--as-of 1990-01-01 is before your cycle began (2024-01-01): the report is as of a day "
        "when the cycle had not started"
    )
    code, out, _ = run(capsys, *args, "--as-of", "1990-01-01")
    assert code == 0 and out.splitlines()[-2:] == ["Note:", f"  {warning}"]
    _, out, _ = run(capsys, *args, "--as-of", "1990-01-01", "--format", "json")
    assert json.loads(out)["warnings"] == [warning]


def test_an_as_of_more_than_a_year_ahead_is_a_warning_in_both_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    today = date.today()
    ahead = add_years(today, 1).toordinal() + 1
    as_of = date.fromordinal(ahead).isoformat()
    path = write(tmp_path, "log.json", {"profile": {"as_of": as_of}, "activities": []})
    end = f"{today.year + 3}-12-31"
    args = ("tally", str(path), "--certification", "cpt", "--cycle-end", end)
    warning = (
        f"The log's as_of {as_of} is more than a year after today ({today}): the report is as of "
        "a day still to come"
    )
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.splitlines()[-1] == f"  {warning}"
    _, out, _ = run(capsys, *args, "--format", "json")
    assert json.loads(out)["warnings"][-1] == warning
    _, out, _ = run(capsys, *args, "--as-of", add_years(today, 1).isoformat())
    assert "after today" not in out  # a year ahead exactly: planning, not a slip


# A JSON log's profile and the flags ----------------------------------------------------------


def profile_log(tmp_path: Path) -> Path:
    profile = {
        "certifications": ["cpt"],
        "cycle_end": "2026-12-31",
        "cycle_start": "",
        "renewed_on": "2026-10-01",
        "name": "Ana Lima",
    }
    activities = [{"date": "2025-03-01", "provider": "acsm", "amount": "45"}]
    return write(tmp_path, "log.json", {"profile": profile, "activities": activities})


def test_flags_that_differ_from_the_logs_profile_are_named_in_both_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = profile_log(tmp_path)
    args = ("tally", str(path), "--renewed-on", "2026-11-01", "--as-of", "2026-11-20")
    said = [
        "The log's profile says renewed_on 2026-10-01; --renewed-on 2026-11-01 was used.",
        "From the log's profile (no flag gave them): certifications cpt, cycle_end 2026-12-31.",
    ]
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.splitlines()[-3:] == ["Note:", *(f"  {s}" for s in said)]
    assert "  [x] Renewed on 2026-11-01" in out.splitlines()
    _, out, _ = run(capsys, *args, "--format", "json")
    assert json.loads(out)["warnings"] == said


def test_flags_that_agree_with_the_logs_profile_say_nothing_of_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = profile_log(tmp_path)
    args = ("--certification", "ACSM-CPT", "--cycle-end", "2026-12-31")
    _, out, _ = run(capsys, "tally", str(path), *args, "--as-of", "2026-11-20")
    assert out.splitlines()[-2:] == [
        "Note:",
        "  From the log's profile (no flag gave them): renewed_on 2026-10-01.",
    ]
    _, out, _ = run(capsys, "tally", str(path), "--format", "json")
    assert json.loads(out)["warnings"] == []  # the profile alone: nothing to choose between


def test_a_long_or_odd_profile_value_is_quoted_short_and_safe(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31\x1b[2J" + "x" * 1000}
    path = write(tmp_path, "log.json", {"profile": profile, "activities": []})
    args = ("tally", str(path), "--cycle-end", "2026-12-31", "--as-of", "2026-06-01")
    _, out, _ = run(capsys, *args)
    assert out.splitlines()[-3:-1] == [
        "Note:",
        f"  The log's profile says cycle_end 2026-12-31\ufffd[2J{'x' * 26}…; --cycle-end 2026-12-31 "
        "was used.",
    ]


# Streams --------------------------------------------------------------------------------------


def test_a_bundle_that_cannot_be_written_is_a_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "none" / "b.json"
    assert run(capsys, "rules", "bundle", str(ROOT / "rules"), "-o", str(target)) == (
        2,
        "",
        f"{target}: cannot write the bundle: No such file or directory\n",
    )


def calc(log: Path, *args: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "calc", "tally", str(log), *FLAGS, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_reader_that_stops_early_is_no_error(log: Path) -> None:
    with calc(log) as done:
        assert done.stdout is not None and done.stderr is not None
        done.stdout.close()  # as `| head -0` does, before anything is written
        assert (done.wait(), done.stderr.read()) == (0, b"")


def test_a_terminal_in_a_legacy_encoding_gets_question_marks_and_exact_json(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "log.csv", "date,title,provider,amount\n2025-03-01,Café “x”,acsm,2\n")
    out, err = calc(path, PYTHONIOENCODING="ascii").communicate()
    assert err == b"" and b"   1  2025-03-01        2  Caf? ?x?\n" in out
    out, err = calc(path, "--format", "json", PYTHONIOENCODING="ascii").communicate()
    assert err == b"" and json.loads(out)["activities"][0]["title"] == "Café “x”"


@pytest.mark.parametrize(
    ("theirs", "said"),
    [
        # Names as the pages print them, or a comma-separated text: the same as the flag's.
        (["ACSM-CPT", "ACSM Certified Exercise Physiologist"], []),
        ("cpt, ep", []),
        (" ACSM-EP ,ACSM-CPT", []),
        # Different: quoted whole up to 40 characters, a list as a sentence lists it.
        (
            ["ACSM Certified Personal Trainer", "ACSM-EP"],
            [
                "The log's profile says certifications ACSM Certified Personal Trainer, ACSM-EP; "
                "--certification cpt, ep, gei was used."
            ],
        ),
        (
            ["ACSM Certified Personal Trainer", "ACSM-CEP"],
            [
                "The log's profile says certifications ACSM Certified Personal Trainer, ACSM-CE…; "
                "--certification cpt, ep, gei was used."
            ],
        ),
        (5, ["The log's profile says certifications 5; --certification cpt, ep, gei was used."]),
    ],
    ids=["names", "text", "spaced text", "40 characters", "41 characters", "a number"],
)
def test_certifications_in_the_logs_profile_compare_by_what_they_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, theirs: object, said: list[str]
) -> None:
    profile = {"certifications": theirs, "cycle_end": "2026-12-31"}
    path = write(tmp_path, "log.json", {"profile": profile, "activities": []})
    flags = ["--certification", "cpt,ep"] if not said else ["--certification", "cpt,ep,gei"]
    args = ("tally", str(path), *flags, "--cycle-end", "2026-12-31", "--format", "json")
    _, out, _ = run(capsys, *args, "--as-of", "2026-06-01")
    assert json.loads(out)["warnings"] == said


# The edges of what the command line takes --------------------------------------------------


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("1900-01-01", "is before 1990; check the year"),
        ("2200-12-31", "is more than 10 years ahead; check the year"),
    ],
)
def test_the_first_and_last_days_it_takes_reach_the_profiles_own_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, day: str, said: str
) -> None:
    path = write(tmp_path, "log.json", {"profile": {"cycle_end": day}, "activities": []})
    code, _, err = run(capsys, "tally", str(path), "--certification", "cpt")
    assert (code, err) == (2, f"{path}:profile:cycle_end: {said}\n")


def test_an_as_of_on_the_cycles_first_day_is_no_warning(
    capsys: pytest.CaptureFixture[str], log: Path
) -> None:
    args = ("tally", str(log), "--certification", "cpt", "--cycle-end", "2026-12-31")
    _, out, _ = run(capsys, *args, "--as-of", "2024-01-01", "--format", "json")
    assert json.loads(out)["warnings"] == []


def test_today_before_a_cycle_that_has_not_begun_is_said_as_today(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    today = date.today()
    start = date(today.year + 2, 1, 1)
    path = write(tmp_path, "log.csv", "date,provider,amount\n")
    args = ("--certification", "cpt", "--cycle-start", start.isoformat())
    ends = ("--cycle-end", date(today.year + 4, 12, 31).isoformat(), "--format", "json")
    _, out, _ = run(capsys, "tally", str(path), *args, *ends)
    assert json.loads(out)["warnings"] == [
        f"Today, {today}, is before your cycle began ({start}): the report is as of a day when "
        "the cycle had not started"
    ]


def test_the_json_warnings_keep_the_tallys_own_beside_the_command_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A copy (the tally's warning) and an as-of before the cycle (the command line's).
    text = "date,title,provider,amount\n2025-03-01,Yoga,acsm,2\n2025-03-01,yoga,acsm,2\n"
    path = write(tmp_path, "log.csv", text)
    args = ("--certification", "cpt", "--cycle-end", "2026-12-31", "--as-of", "2023-06-01")
    _, out, _ = run(capsys, "tally", str(path), *args, "--format", "json")
    assert json.loads(out)["warnings"] == [
        "2 activities look like the same course entered twice: counted once.",
        "--as-of 2023-06-01 is before your cycle began (2024-01-01): the report is as of a day "
        "when the cycle had not started",
    ]


def test_json_for_a_terminal_in_a_legacy_encoding_is_escaped_and_indented(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io

    path = write(tmp_path, "log.csv", "date,title,provider,amount\n2025-03-01,Café,acsm,2\n")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii", newline="\n"))
    assert main(["tally", str(path), *FLAGS, "--format", "json"]) == 0
    sys.stdout.flush()
    text = raw.getvalue().decode("ascii")
    assert '\n      "title": "Caf\\u00e9",\n' in text
    assert json.loads(text)["activities"][0]["title"] == "Café"


def test_a_json_bundle_rewritten_without_the_yaml_loader_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundle = tmp_path / "rules.json"
    assert main(["rules", "bundle", "-o", str(bundle)]) == 0
    # As on a machine without PyYAML: the loader cannot be imported.
    monkeypatch.setitem(sys.modules, "calc.rulefiles", None)
    code, _, err = run(capsys, "rules", "bundle", str(bundle))
    assert code == 2 and "(calc.rulefiles is missing)" in err


def test_a_file_of_exactly_20_mb_is_read_and_one_byte_more_is_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Padded with lines of spaces, which hold no activity.
    head = "date,provider,amount\n2025-03-01,acsm,2\n"
    limit = 20 * 2**20
    lines, rest = divmod(limit - len(head), 100)
    path = write(tmp_path, "log.csv", head + (" " * 99 + "\n") * lines + " " * (rest - 1) + "\n")
    assert path.stat().st_size == limit
    assert run(capsys, "tally", str(path), *FLAGS)[0] == 0
    path.write_text(head + (" " * 99 + "\n") * lines + " " * rest + "\n")
    code, _, err = run(capsys, "tally", str(path), *FLAGS)
    assert (code, err) == (2, f"{path}:1:1: cannot read the log: it is larger than 20 MB\n")


def test_a_folder_given_as_the_log_is_named_as_the_system_says(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "tally", str(tmp_path), *FLAGS)
    assert (code, err) == (2, f"{tmp_path}:1:1: cannot read the log: Is a directory\n")


def test_a_text_report_on_a_legacy_terminal_shows_question_marks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io

    path = write(tmp_path, "log.csv", "date,title,provider,amount\n2025-03-01,Café,acsm,2\n")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii", newline="\n"))
    assert main(["tally", str(path), *FLAGS]) == 0
    sys.stdout.flush()
    assert "   1  2025-03-01        2  Caf?\n" in raw.getvalue().decode("ascii")


def test_a_reader_gone_mid_report_ends_quietly_in_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io

    path = write(tmp_path, "log.csv", CSV)
    read, written = os.pipe()
    os.close(read)  # the reader is gone before anything is written
    stdout = io.TextIOWrapper(os.fdopen(written, "wb"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    try:
        assert main(["tally", str(path), *FLAGS]) == 0
        # Whatever is printed now goes nowhere, without a second error.
        print("more", flush=True)
    finally:
        monkeypatch.undo()
        stdout.close()


def test_a_cpr_course_without_its_length_has_no_amount_in_the_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "date,title,provider,organization,amount,category\n2025-03-01,CPR,other,Red Cross,,cpr\n"
    path = write(tmp_path, "log.csv", text)
    _, out, _ = run(capsys, "tally", str(path), *FLAGS, "--format", "json")
    [activity] = json.loads(out)["activities"]
    assert (activity["amount"], activity["unit"], activity["cecs"]) == ("", "hour", "0")
    assert activity["warnings"] == [
        "To do: enter how long the course was, in hours; until then it counts 0."
    ]
