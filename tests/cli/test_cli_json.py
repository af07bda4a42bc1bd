"""The command line's JSON report, whole (every field but the activities, which
tests/cli/test_cli_report.py checks): what a script reading it can rely on. Sources are shown by
rule; one is checked whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from calc.cli import main
from tests.conftest import quoted

LOG = "date,title,provider,amount,certificate\n2025-02-01,Café course,ace,2,yes\n"
FLAGS = ("--certification", "cpt", "--cycle-end", "2026-12-31", "--as-of", "2026-06-01")


def by_rule(value: Any) -> Any:
    """The report with each list of sources as the rules they name."""
    if isinstance(value, dict):
        return {
            key: [s["rule"] for s in item] if key == "sources" else by_rule(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [by_rule(item) for item in value]
    return value


def test_the_whole_json_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundle: dict[str, Any]
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    assert main(["tally", str(log), *FLAGS, "--cpr-expires", "2027-01-31", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert '"title": "Café course"' in out  # readable, not \u00e9
    data = json.loads(out)
    assert data["requirement"]["sources"] == [
        {
            "rule": "certifications.cpt.required_cecs",
            "source": "acsm-recertification-2025",
            "title": "ACSM Recertification",
            "url": "https://acsm.org/certification/recertification",
            "page": "certifications",
            "anchor": "certifications-cpt-required-cecs",
            "status": "confirmed",
            "since": "2025-01-01",
            "quote": quoted(bundle, "certifications.cpt.required_cecs", "2025-01-01"),
        }
    ]
    assert "45" in data["requirement"]["sources"][0]["quote"]
    data.pop("activities")
    # ACSM alone held: one entry in the shape every body's result takes, with the same numbers.
    (acsm,) = data.pop("bodies")
    assert acsm["body"] == "acsm" and acsm["certifications"] == data["certifications"]
    assert (acsm["required"], acsm["earned"], acsm["remaining"]) == (
        data["required_cecs"],
        data["earned_cecs"],
        data["remaining_cecs"],
    )
    assert acsm["cycle"] == data["cycle"] and acsm["verdict"]["state"] == data["verdict"]["state"]
    assert [c["id"] for c in acsm["checklist"]] == [c["id"] for c in data["checklist"]]
    assert by_rule(data) == expected(bundle["last_verified"])


def expected(last_verified: str) -> dict[str, Any]:
    return {
        "verdict": {
            "state": "short",
            "headline": "25 CECs to go by 2026-12-31: 20 of 45 CECs so far.",
            "steps": [],
        },
        "required_cecs": "45",
        "earned_cecs": "20",
        "remaining_cecs": "25",
        "planned_cecs": "0",
        "with_plans_cecs": "20",
        "status": "short",
        "certifications": ["cpt"],
        "cycle": {"start": "2024-01-01", "end": "2026-12-31"},
        "requirement": {
            "certification": "cpt",
            "explanation": "ACSM-CPT requires 45 CECs per cycle",
            "sources": ["certifications.cpt.required_cecs"],
            "notes": [],
        },
        "checklist": [
            {
                "id": "cecs",
                "state": "todo",
                "ok": False,
                "text": "20 of 45 CECs earned: 25 to go",
                "steps": [],
                "sources": [],
                "link": None,
            },
            {
                "id": "cpr",
                "state": "done",
                "ok": True,
                "text": "CPR/AED card current until 2027-01-31",
                "steps": [],
                "sources": ["renewal.cpr_aed_required"],
                "link": None,
            },
            {
                "id": "reported",
                "state": "todo",
                "ok": False,
                "text": "1 activity (20 CECs) still to enter in ACSM's Self-Reporting Tool. "
                "Mark each one as entered once you have",
                "steps": [
                    "Log in to your MyACSM profile.",
                    "Click My Profile, then the My CEC/CME History tab, then the "
                    "Self-Reporting Tool button.",
                    "Enter the course information in the form and submit it.",
                ],
                "sources": ["tracking.self_reporting_steps"],
                "link": {
                    "text": "ACSM's recertification page",
                    "url": "https://acsm.org/certification/recertification",
                },
            },
            {
                "id": "renewal",
                "state": "todo",
                "ok": False,
                "text": "Submit the renewal form and pay the fee, $60, by 2026-12-31",
                "steps": [],
                "sources": ["certifications.cpt.renewal_fee_usd"],
                "link": {
                    "text": "ACSM's recertification page",
                    "url": "https://acsm.org/certification/recertification",
                },
            },
            {
                "id": "certificates",
                "state": "done",
                "ok": True,
                "text": "Every counted activity has its certificate",
                "steps": [],
                "sources": ["audits.keep_proof_years"],
                "link": None,
            },
            {
                "id": "renewal_window",
                "state": "info",
                "ok": None,
                "text": "Renewal is open until 2026-12-31",
                "steps": [],
                "sources": [
                    "renewal.renewal_window_years",
                    "renewal.grace_period_end",
                    "audits.keep_proof_years",
                ],
                "link": None,
            },
            {
                "id": "fee",
                "state": "info",
                "ok": None,
                "text": "ACSM-CPT renewal fee $60",
                "steps": [],
                "sources": ["certifications.cpt.renewal_fee_usd"],
                "link": None,
            },
        ],
        "dates": {
            "cycle_start": "2024-01-01",
            "cycle_end": "2026-12-31",
            "renewal_opens": "2026-01-01",
            "grace_period_end": "2027-06-30",
            "keep_proof_until": "2028-06-30",
            "as_of": "2026-06-01",
            "renewed_on": None,
        },
        "fee": {
            "phase": "regular",
            "total_usd": "60",
            "explanation": "ACSM-CPT renewal fee $60",
            "sources": ["certifications.cpt.renewal_fee_usd"],
        },
        "deadline": {"date": "2026-12-31", "days_left": 213, "grace": False},
        "next_cycle": None,
        "pace": {"state": "behind", "expected_cecs": "36.3", "elapsed_percent": 80},
        "warnings": [],
        "rules_last_verified": last_verified,
        "notes": [],
    }
