"""The command line's whole text report for one log, line by line, as a renewal expert checked
it: the headline first, every activity with its arithmetic, plans apart, the checklist with
ACSM's self-reporting steps, and the key dates (proof kept a year after the latest renewal day)."""

from __future__ import annotations

from pathlib import Path

import pytest

from calc.cli import main

ROOT = Path(__file__).resolve().parents[2]

# The massage's organization is not named, as a spreadsheet's row may leave it: read, with a to-do.
LOG = """date,title,provider,organization,amount,unit,category,in_scope,certificate,decimal_system,\
reported,service_from,service_to
2024-03-01,ACE functional training,ace,,1.5,,,yes,yes,,yes,,
2024-06-15,Hospital in-service,other,Mercy Hospital,3,,,yes,no,,,,
,Committee year,acsm,,10,,committee,yes,yes,,,2024-04-11,2025-04-10
2025-09-01,"Off-topic, massage",other,,2,contact_hour,,no,yes,,,,
2026-09-15,Fall workshop,acsm_approved,,6,,,yes,no,,,,
"""

EXPECTED = """\
19 CECs to go by 2026-12-31: 26 of 45 CECs so far. Renew your CPR/AED card first.

Certifications: ACSM-CPT
Cycle: 2024-01-01 to 2026-12-31 (as of 2026-06-01)
Requirement: ACSM-CPT requires 45 CECs per cycle

 Row  Date           CECs  Activity
   1  2024-03-01       15  ACE functional training
                           ACE counts 0.1 CEC per hour, so each 0.1 counts as 1 ACSM CEC: 1.5 x 10 = 15 CECs
   2  2024-06-15        3  Hospital in-service
                           Another organization (not listed); each credit counts as 1 ACSM CEC: 3 x 1 = 3 CECs (if this organization counts 0.1 per hour, like ACE or NSCA, answer yes: 30 CECs)
   3  2025-04-10        8  Committee year
                           ACSM awards its own CECs, so each credit counts as 1 ACSM CEC: 10 x 1 = 10 CECs; served 2024-04-11 to 2025-04-10, 1 year of service in your cycle; ACSM committee or volunteer service counts at most 8 CECs per year of service, so up to 8: counts 8 of 10 (2 lost). Read as 8 per calendar year your service touched (2024 and 2025), it would be up to 16
   4  2025-09-01        0  Off-topic, massage
                           Each contact hour counts as 1 ACSM CEC: 2 x 1 = 2 CECs; outside the scope of your certification: counts 0 (2 lost)
                           Add the organization's name (Organization name): an auditor will ask who gave it.
   5  2026-09-15        0  [planned] Fall workshop
                           Planned for 2026-09-15, after 2026-06-01: counts 0 until done. Once done: ACSM Approved Providers and regional chapters award ACSM CECs, so each credit counts as 1 ACSM CEC: 6 x 1 = 6 CECs

Earned:    26 CECs
Required:  45 CECs
Remaining: 19 CECs
Planned:   6 CECs (with your planned courses: 32 of 45)
Status:    short
Pace:      behind (80% of the cycle elapsed; a steady pace would have 36.3 CECs)

Checklist:
  [ ] 26 of 45 CECs earned: 19 to go
  [ ] Your CPR/AED card expires on 2026-11-30, before your renewal is due (2026-12-31): renew the card, or renew your certification while the card is current
  [ ] 2 activities (11 CECs) still to enter in ACSM's Self-Reporting Tool. Mark each one as entered once you have
        1. Log in to your MyACSM profile.
        2. Click My Profile, then the My CEC/CME History tab, then the Self-Reporting Tool button.
        3. Enter the course information in the form and submit it.
  [ ] Submit the renewal form and pay the fee, $60, by 2026-12-31
  [ ] 1 counted activity has no certificate: get one and keep it in case of an audit
  [i] Renewal is open until 2026-12-31
  [i] ACSM-CPT renewal fee $60

Key dates:
  Renewal opens:     2026-01-01
  Cycle ends:        2026-12-31
  Grace period ends: 2027-06-30
  Keep proof until:  2028-06-30 (at least)
"""


def test_the_whole_text_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG)
    flags = ["--certification", "cpt", "--cycle-end", "2026-12-31", "--cpr-expires", "2026-11-30"]
    assert main(["tally", str(log), *flags, "--as-of", "2026-06-01"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == EXPECTED.splitlines()


def report(capsys: pytest.CaptureFixture[str], tmp_path: Path, csv: str, *flags: str) -> list[str]:
    """The text report's lines for a log given as CSV text, with these flags."""
    log = tmp_path / "log.csv"
    log.write_text(csv)
    assert main(["tally", str(log), *flags]) == 0
    return capsys.readouterr().out.splitlines()


def test_after_renewal_the_report_says_done_and_when_to_keep_proof_until(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = report(
        capsys,
        tmp_path,
        "date,provider,amount,certificate\n2025-02-01,ace,4.5,yes\n",
        *("--certification", "cpt", "--cycle-end", "2026-12-31", "--cpr-expires", "2027-08-01"),
        *("--renewed-on", "2026-11-15", "--as-of", "2026-11-20"),
    )
    assert out[0] == (
        "Done: you renewed on 2026-11-15 with 45 of 45 CECs and a current CPR/AED card. "
        "Keep your certificates until 2028-01-01."
    )
    assert "  [x] Renewed on 2026-11-15" in out
    assert "  [x] CPR/AED card current on 2026-11-15, the day you renewed" in out
    assert "  [i] You renewed on 2026-11-15" in out
    # An early renewal recertifies for the next cycle: a year after it starts.
    assert "  Keep proof until:  2028-01-01 (at least)" in out
    assert not any("Self-Reporting" in line for line in out)


def test_a_lapsed_cycle_lists_what_reinstatement_needs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    flags = ("--certification", "ep", "--cycle-end", "2025-12-31", "--as-of", "2026-07-01")
    out = report(capsys, tmp_path, "date,provider,amount\n", *flags)
    assert out[0].startswith("Your certification lapsed on 2026-06-30, when its grace period ended")
    assert out[1].startswith("  1. After the grace period ends on June 30 you can ask for")
    assert any(line.startswith("  [!] The grace period ended on 2026-06-30") for line in out)


def test_the_json_report_gives_each_activity_in_full(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    log = tmp_path / "log.csv"
    log.write_text(LOG)
    flags = ["--certification", "cpt", "--cycle-end", "2026-12-31", "--as-of", "2026-06-01"]
    assert main(["tally", str(log), *flags, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    committee = data["activities"][2]
    sources = committee.pop("sources")
    assert committee.pop("counts_for") == {
        "acsm": {
            "amount": committee["cecs"],
            "status": "capped",
            "reason": committee["explanation"],
        }
    }
    assert committee == {
        "row": 3,
        "date": "2025-04-10",
        "title": "Committee year",
        "provider": "acsm",
        "amount": "10",
        "unit": "cec",
        "amount_text": "10 CECs",
        "category": "committee",
        "in_scope": True,
        "certificate": True,
        "decimal_system": None,
        "reported": None,
        "separate": False,
        "service_from": "2024-04-11",
        "service_to": "2025-04-10",
        "copy_of": None,
        "converted_cecs": "10",
        "cecs": "8",
        "counted": True,
        "planned": False,
        "next_cycle": False,
        "would_cecs": "0",
        "to_report": True,
        "lost_cecs": "2",
        "explanation": (
            "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC: 10 x 1 = 10 CECs; "
            "served 2024-04-11 to 2025-04-10, 1 year of service in your cycle; ACSM committee or "
            "volunteer service counts at most 8 CECs per year of service, so up to 8: counts 8 of "
            "10 (2 lost). Read as 8 per calendar year your service touched (2024 and 2025), it "
            "would be up to 16"
        ),
        "notes": [],
        "warnings": [],
    }
    assert [s["rule"] for s in sources] == [
        "providers.acsm.decimal_system",
        "conversion.one_to_one",
        "categories.committee.in_force",
        "categories.committee.cap_per_service_year",
    ]
    assert set(sources[0]) == {
        "rule",
        "source",
        "title",
        "url",
        "page",
        "anchor",
        "status",
        "since",
        "quote",
    }
    plan = data["activities"][4]
    assert (plan["planned"], plan["cecs"], plan["would_cecs"]) == (True, "0", "6")
    assert (data["planned_cecs"], data["with_plans_cecs"]) == ("6", "32")
    assert data["verdict"] == {
        "state": "short",
        "headline": "19 CECs to go by 2026-12-31: 26 of 45 CECs so far. Enter when your CPR/AED "
        "card expires: it must be current when you renew.",
        "steps": [],
    }


def test_two_certifications_an_untitled_activity_and_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = report(
        capsys,
        tmp_path,
        "date,title,provider,amount\n2024-02-01,,ncsf,3\n",
        *("--certification", "cpt,eim", "--cycle-end", "2026-12-31", "--as-of", "2025-06-01"),
    )
    assert out[2] == "Certifications: ACSM-CPT, EIM Credential"
    assert out[7] == "   1  2024-02-01        3  (untitled)"
    assert "Planned:" not in "\n".join(out)  # no plans, no line for them
    assert out[-3:] == [
        "",
        "Note:",
        "  Exercise is Medicine Credential: The credential has no CEC requirement of its own: you "
        "keep it by keeping an active NCCA-accredited certification (such as an ACSM "
        "certification).",
    ]


def test_dates_the_rules_do_not_give_are_not_known(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import json

    assert main(["rules", "bundle", str(ROOT / "rules"), "-o", str(tmp_path / "b.json")]) == 0
    bundle = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    for key in ("grace_period_end", "renewal_window_years"):  # retired by a maintainer
        for entry in bundle["renewal"][key]["entries"]:
            entry["value"] = None
    for entry in bundle["audits"]["keep_proof_years"]["entries"]:
        entry["value"] = None
    (tmp_path / "b.json").write_text(json.dumps(bundle), encoding="utf-8")
    out = report(
        capsys,
        tmp_path,
        "date,title,provider,amount\n2025-02-01,Course,acsm,21\n",
        *("--certification", "cpt", "--cycle-end", "2026-12-31", "--as-of", "2025-06-01"),
        *("--rules", str(tmp_path / "b.json")),
    )
    assert (
        "Pace:      on track (47% of the cycle elapsed; a steady pace would have 21.3 CECs)" in out
    )
    assert out[-5:] == [
        "Key dates:",
        "  Renewal opens:     not known",
        "  Cycle ends:        2026-12-31",
        "  Grace period ends: not known",
        "  Keep proof until:  not known (at least)",
    ]
