"""The page shows exactly the numbers `python -m calc tally --format json` gives, for every
scenario file case, each imported into one calculator page as its JSON log."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from calc.cli import main
from tests.scenarios.load import load_scenarios, log_activities

CASES = [c for c in load_scenarios() if "problems" not in c and "error" not in c]
MARKS = {"done": "done", "todo": "to do", "info": "note", "warning": "warning"}


def log_of(case: dict[str, Any]) -> dict[str, Any]:
    profile = {k: v for k, v in case["profile"].items() if k != "as_of"}
    activities = log_activities(case)
    return {"format": "cec-guide-log", "version": 1, "profile": profile, "activities": activities}


def cli(path: Path, as_of: str) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["tally", str(path), "--as-of", as_of, "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(out.getvalue(), parse_float=Decimal)
    return data


def shown(page: Page, name: str) -> Decimal | str:
    text = page.get_by_role("region", name="Where you stand").locator(f"[data-{name}]").inner_text()
    try:
        return Decimal(text.removesuffix(" CECs").removesuffix(" CEC"))
    except ArithmeticError:
        return text  # compared, and shown, as it is


def test_page_and_command_line_agree_on_every_scenario(
    page: Page, site_url: str, tmp_path: Path
) -> None:
    assert len(CASES) >= 25
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(site_url + "calculator/")
    results = page.get_by_role("region", name="Where you stand")
    for i, case in enumerate(CASES):
        as_of = case["profile"]["as_of"]
        page.clock.set_fixed_time(datetime.fromisoformat(f"{as_of}T12:00:00"))
        path = tmp_path / f"case{i}.json"
        path.write_text(json.dumps(log_of(case)))
        expected = cli(path, as_of)
        page.get_by_label("Import").set_input_files(str(path))
        expect(page.locator("[data-import-problems]")).to_contain_text(f"from case{i}.json")
        expect(results).to_have_attribute("data-state", "ready", timeout=90_000)
        got = {name: shown(page, name) for name in ("earned", "required", "remaining")}
        want = {
            "earned": Decimal(str(expected["earned_cecs"])),
            "required": Decimal(str(expected["required_cecs"])),
            "remaining": Decimal(str(expected["remaining_cecs"])),
        }
        assert got == want, case["name"]
        # In the log's order (the page lists newest first, and plans apart): what each counts
        # now (a plan's "0 CECs now, 10 once done" begins with it) and why.
        rows = page.evaluate(
            """() => [...document.querySelectorAll('[data-calculator] li.cec-activity')]
                .sort((a, b) => a.dataset.row - b.dataset.row)
                .map((li) => [li.querySelector('.cec-activity-cecs').textContent,
                              li.querySelector('.cec-explanation').textContent])"""
        )
        cecs = [Decimal(text.split(" ")[0]) for text, _ in rows]
        assert cecs == [Decimal(str(a["cecs"])) for a in expected["activities"]], case["name"]
        texts = [why for _, why in rows]
        assert texts == [a["explanation"] for a in expected["activities"]], case["name"]
        # The same verdict, the same checklist (each item's mark and words), the same plans.
        expect(results.get_by_role("status")).to_have_text(expected["verdict"]["headline"])
        items = results.locator("[data-checklist] > li")
        expect(items).to_have_count(len(expected["checklist"]))
        for n, check in enumerate(expected["checklist"]):
            item = items.nth(n)
            expect(item.locator(".cec-mark")).to_have_text(MARKS[check["state"]])
            expect(item).to_contain_text(check["text"])
        planned = results.locator("[data-planned]")
        if Decimal(str(expected["planned_cecs"])):
            expect(planned).to_contain_text(f"{expected['with_plans_cecs']} of ")
        else:
            expect(planned).to_be_hidden()
