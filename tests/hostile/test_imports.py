"""Every hostile log file gets a clear answer or correct handling, never an exception; and a
failed import never hands the page a half-read log."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from calc import bridge
from tests.hostile.cases import cases
from tests.hostile.conftest import record

CASES = list(cases())
FIELD = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
AMOUNT = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@pytest.fixture(scope="module", autouse=True)
def rules_loaded(bundle: dict[str, Any]) -> None:
    assert json.loads(bridge.load_rules(json.dumps(bundle)))["ok"]


def clear(message: str) -> bool:
    return bool(message.strip()) and "Traceback" not in message and "internal error" not in message


def check(text: str) -> None:
    answer = json.loads(bridge.import_log(text, today="2026-06-01"))
    assert answer["ok"] in (True, False)
    if not answer["ok"]:
        if "problems" in answer:
            assert answer["problems"], "a refusal names at least one problem"
            for problem in answer["problems"]:
                assert isinstance(problem["row"], int) and problem["row"] >= 0
                assert isinstance(problem["column"], str)
                assert clear(problem["message"]), problem
        else:
            assert clear(answer["error"]), answer
        return
    # Accepted: every activity is complete, checked, and computes.
    for activity in answer["activities"]:
        assert FIELD.match(activity["date"]) and AMOUNT.match(activity["amount"])
        assert all(isinstance(v, str) for v in activity.values())
    request = {
        "profile": answer["profile"] or {"certifications": ["cpt"], "cycle_end": "2026-12-31"},
        "activities": answer["activities"],
    }
    computed = json.loads(bridge.compute(json.dumps(request), today="2026-06-01"))
    assert computed["ok"] or computed.get("problems") or clear(computed.get("error", "")), computed


@pytest.mark.parametrize(("name", "text"), CASES, ids=[name for name, _ in CASES])
def test_hostile_import(name: str, text: str) -> None:
    try:
        check(text)
    except BaseException:
        record("hostile imports", "failed")
        raise
    record("hostile imports", "handled")


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 200


REFUSED = {
    "file in latin-1": "not UTF-8",
    "file in utf-16": "not UTF-8",
    "10 MB of rows": "at most 10000",
    "100,000 rows": "at most 10000",
    "100,000 activities in JSON": "at most 10000",
    "JSON nested 10,000 deep": "nested more than 32 levels",
    "JSON cut at 1": "not valid JSON",
    "amount 'NaN'": "plain number",
    "amount '1e3'": "plain number",
    "date '2025-02-30'": "not a real date",
    "extra column": "unknown column",
    "provider 'zzz'": "unknown provider",
}


@pytest.mark.parametrize(("name", "words"), sorted(REFUSED.items()))
def test_known_bad_files_are_refused_with_a_clear_reason(name: str, words: str) -> None:
    text = dict(CASES)[name]
    answer = json.loads(bridge.import_log(text, today="2026-06-01"))
    assert answer["ok"] is False
    said = " ".join(p["message"] for p in answer.get("problems", [])) + answer.get("error", "")
    assert words in said


def test_formula_and_markup_titles_are_kept_as_text() -> None:
    for name, title in [
        ("formula title '=1+1'", "=1+1"),
        ("payload '<script>alert(1)</script>' in title", "<script>alert(1)</script>"),
    ]:
        answer = json.loads(bridge.import_log(dict(CASES)[name], today="2026-06-01"))
        assert answer["activities"][0]["title"] == title
