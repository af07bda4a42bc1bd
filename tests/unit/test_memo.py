"""What the page's calculator remembers between recomputes: only what changed is worked out
again. (That the answers stay right whatever it remembers is tests/property/test_incremental.py;
this is that the memory is used at all, which is what keeps a 1,000-activity log fast.)"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from typing import Any

import pytest

from calc import memo
from calc.memo import Calculator
from calc.model import Rules

TODAY = date(2025, 6, 1)
PROFILE = {"certifications": ["cpt"], "cycle_end": "2025-12-31"}


def texts(*rows: dict[str, str]) -> list[str]:
    """The activities as the page sends them: each one's JSON text."""
    return [json.dumps(row) for row in rows]


COURSE = {"date": "2025-03-01", "title": "Course", "provider": "ace", "amount": "1.5"}
WEBINAR = {"date": "2025-04-01", "title": "Webinar", "provider": "acsm", "amount": "2"}
# A year of committee service each; the second's first nine months overlap the first's.
COMMITTEE = {
    "date": "2025-02-01",
    "provider": "acsm",
    "amount": "6",
    "category": "committee",
    "service_from": "2024-02-02",
    "service_to": "2025-02-01",
}
LATER = {
    **COMMITTEE,
    "date": "2025-05-01",
    "service_from": "2024-05-02",
    "service_to": "2025-05-01",
}


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many records the calculator checks and decisions it makes, by title or date."""
    done: Counter[str] = Counter()
    check, decide = memo.check_record, memo.decide

    def counted_check(raw: Any, *args: Any) -> Any:
        done["checked " + json.loads(raw).get("title", "")] += 1
        return check(raw, *args)

    def counted_decide(rules: Rules, cycle: Any, a: Any, *args: Any) -> Any:
        done["decided " + a.completed.isoformat()] += 1
        return decide(rules, cycle, a, *args)

    monkeypatch.setattr(memo, "check_record", counted_check)
    monkeypatch.setattr(memo, "decide", counted_decide)
    return done


def compute(calc: Calculator, rows: list[str], base: str | None = None) -> dict[str, Any]:
    """The page's result, without its token (each result has a new one)."""
    profile, activities, problems = calc.parse(PROFILE, rows, TODAY)
    assert profile is not None and not problems
    result = calc.page_result(profile, activities, base)
    del result["token"]
    return result


def token_of(calc: Calculator, rows: list[str], base: str | None = None) -> tuple[str, Any]:
    profile, activities, _ = calc.parse(PROFILE, rows, TODAY)
    assert profile is not None
    result = calc.page_result(profile, activities, base)
    return result.pop("token"), result


def test_a_page_holding_the_last_result_is_sent_only_what_changed(rules: Rules) -> None:
    calc = Calculator(rules)
    first, full = token_of(calc, texts(COURSE, WEBINAR))
    assert len(full["activities"]) == 2 and "changed" not in full
    edited = {**WEBINAR, "amount": "3"}
    second, patch = token_of(calc, texts(COURSE, edited), first)
    assert second != first
    assert "activities" not in patch and patch["count"] == 2
    assert list(patch["changed"]) == ["1"]
    assert (
        patch["changed"]["1"] == compute(Calculator(rules), texts(COURSE, edited))["activities"][1]
    )
    # One added at the end: only it.
    _, added = token_of(calc, texts(COURSE, edited, COURSE), second)
    assert list(added["changed"]) == ["2"] and added["count"] == 3


def test_any_other_base_gets_every_activity(rules: Rules) -> None:
    calc = Calculator(rules)
    first, _ = token_of(calc, texts(COURSE, WEBINAR))
    second, _ = token_of(calc, texts(COURSE, WEBINAR), first)
    # The page never applied the second answer: its base is the first, which is no longer
    # this calculator's last.
    _, again = token_of(calc, texts(COURSE, WEBINAR), first)
    assert len(again["activities"]) == 2 and "changed" not in again
    # A token of another calculator (another worker, an earlier visit) is never mistaken.
    other = Calculator(rules)
    theirs, _ = token_of(other, texts(COURSE))
    assert theirs != second
    _, full = token_of(calc, texts(COURSE, WEBINAR), theirs)
    assert "activities" in full
    # A fresh calculator (a worker started again) given the page's old token answers in full.
    fresh = Calculator(rules)
    _, whole = token_of(fresh, texts(COURSE, WEBINAR), second)
    assert len(whole["activities"]) == 2 and "changed" not in whole


def preview(calc: Calculator, rows: list[str], candidate: dict[str, str]) -> dict[str, Any]:
    """What ``candidate`` would count, added to the log ``rows``."""
    profile, activities, problems = calc.parse(PROFILE, rows, TODAY)
    new, faults = calc.check(json.dumps(candidate), TODAY)
    assert profile is not None and not problems and new is not None and not faults
    return calc.preview(profile, activities, [*activities, new], len(activities))


def test_a_repeat_works_nothing_out_again(rules: Rules, work: Counter[str]) -> None:
    calc = Calculator(rules)
    first = compute(calc, texts(COURSE, WEBINAR))
    assert work == {
        "checked Course": 1,
        "checked Webinar": 1,
        "decided 2025-03-01": 1,
        "decided 2025-04-01": 1,
    }
    work.clear()
    assert compute(calc, texts(COURSE, WEBINAR)) == first
    assert work == {}


def test_an_edit_works_out_that_activity_only(rules: Rules, work: Counter[str]) -> None:
    calc = Calculator(rules)
    compute(calc, texts(COURSE, WEBINAR))
    work.clear()
    compute(calc, texts(COURSE, {**WEBINAR, "amount": "3"}))
    assert work == {"checked Webinar": 1, "decided 2025-04-01": 1}
    work.clear()
    # An earlier activity of an uncapped category: the later ones' decisions do not depend on it.
    compute(calc, texts({**COURSE, "amount": "2"}, {**WEBINAR, "amount": "3"}))
    assert work == {"checked Course": 1, "decided 2025-03-01": 1}


def test_an_edit_to_a_capped_activity_decides_the_later_ones_of_its_category_again(
    rules: Rules, work: Counter[str]
) -> None:
    # The later committee activity's room under the cap depends on the earlier one.
    calc = Calculator(rules)
    compute(calc, texts(COMMITTEE, LATER, COURSE))
    work.clear()
    compute(calc, texts({**COMMITTEE, "amount": "5"}, LATER, COURSE))
    assert work == {"checked ": 1, "decided 2025-02-01": 1, "decided 2025-05-01": 1}


def test_the_memory_starts_again_past_its_limit(
    rules: Rules, work: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # It keeps the limit's worth and one more, then starts again: records by their text,
    # decisions by their inputs (here, each course on a day of its own).
    monkeypatch.setattr(memo, "MEMO_LIMIT", 2)
    monkeypatch.setattr(memo, "TALLY_LIMIT", 1)  # else a is a whole tally remembered
    calc = Calculator(rules)
    a, b, c, d = (
        texts({**COURSE, "title": t, "date": f"2025-03-0{n}"}) for n, t in enumerate("abcd", 1)
    )
    compute(calc, a)
    compute(calc, b)
    compute(calc, a)
    assert work["decided 2025-03-01"] == 1
    compute(calc, c)
    compute(calc, a)
    assert work["checked a"] == 1  # three records remembered: a is still there
    assert work["decided 2025-03-01"] == 2  # three decisions were past the limit
    compute(calc, d)  # a fourth record: past the limit, the records start again
    compute(calc, b)
    assert work["checked b"] == 2


def test_a_tally_is_remembered_whole_while_a_few_others_are_made(
    rules: Rules, work: Counter[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(memo, "TALLY_LIMIT", 2)
    calc = Calculator(rules)
    first = compute(calc, texts(COURSE))
    compute(calc, texts(WEBINAR))
    work.clear()
    again = compute(calc, texts(COURSE))
    # The same answer (its table of citations has grown meanwhile: it names one more).
    assert {**again, "citations": None} == {**first, "citations": None}
    assert work == {}
    compute(calc, texts(COMMITTEE))  # a third log: the oldest of the two is let go
    compute(calc, texts(COURSE, WEBINAR))  # made from remembered decisions, but made
    work.clear()
    monkeypatch.setattr(memo, "tally", None)  # any tally made now would fail
    compute(calc, texts(COURSE, WEBINAR))
    with pytest.raises(TypeError):
        compute(calc, texts(WEBINAR))


def test_a_preview_decides_the_new_activity_only(rules: Rules, work: Counter[str]) -> None:
    calc = Calculator(rules)
    log = texts(COURSE, COMMITTEE)
    compute(calc, log)
    work.clear()
    first = preview(calc, log, WEBINAR)
    assert work == {"checked Webinar": 1, "decided 2025-04-01": 1}
    work.clear()
    # Each keystroke: the log's tally and the other decisions are remembered.
    assert preview(calc, log, {**WEBINAR, "amount": "3"})["cecs"] == "3"
    assert work == {"checked Webinar": 1, "decided 2025-04-01": 1}
    work.clear()
    assert preview(calc, log, WEBINAR) == first
    assert work == {}


def test_the_logs_tally_outlives_any_number_of_previews(
    rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each keystroke tallies a new log (the log with what is typed) and asks again for the log's
    # own tally: that one is used last, so it is never the one let go.
    made: list[int] = []
    tally = memo.tally

    def counted(rules: Rules, profile: Any, activities: Any, *args: Any) -> Any:
        made.append(len(activities))
        return tally(rules, profile, activities, *args)

    monkeypatch.setattr(memo, "tally", counted)
    calc = Calculator(rules)
    log = texts(COURSE, COMMITTEE)
    compute(calc, log)
    for amount in range(1, 3 * memo.TALLY_LIMIT):
        preview(calc, log, {**WEBINAR, "amount": str(amount)})
    assert made == [2] + [3] * (3 * memo.TALLY_LIMIT - 1)


def test_a_preview_of_a_capped_activity_decides_the_later_ones_of_its_category_again(
    rules: Rules, work: Counter[str]
) -> None:
    calc = Calculator(rules)
    log = texts(COURSE, LATER)
    compute(calc, log)
    work.clear()
    # Both terms together are a year and 89 days of service, 8 x (1 + 89/365) = 9.95 (rounded
    # down): COMMITTEE's 6, filled first, leaves LATER 3.95 of its 6.
    found = preview(calc, log, COMMITTEE)
    assert work == {"checked ": 1, "decided 2025-02-01": 1, "decided 2025-05-01": 1}
    assert (found["cecs"], found["before"]["earned_cecs"], found["earned_cecs"]) == (
        "6",
        "21",
        "24.95",
    )


def test_the_tallies_kept_are_the_last_used(rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four tallies are kept, the last used first: a log asked for again is moved ahead of
    those made before it, so three new ones do not push it out."""
    made: Counter[int] = Counter()
    real = memo.tally

    def counted(rules: Rules, profile: Any, activities: Any, *args: Any) -> Any:
        made[len(activities)] += 1
        return real(rules, profile, activities, *args)

    monkeypatch.setattr(memo, "tally", counted)
    calc = Calculator(rules)
    logs = {n: texts(*({**COURSE, "title": f"Course {k}"} for k in range(n))) for n in range(1, 8)}
    for n in (1, 2, 3, 4):
        compute(calc, logs[n])
    compute(calc, logs[1])  # kept: not made again, and now the last used
    for n in (5, 6, 7):
        compute(calc, logs[n])
    compute(calc, logs[1])  # still kept
    compute(calc, logs[2])  # the oldest: made again
    assert made == {1: 1, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1}


def test_each_calculator_names_its_results_apart(rules: Rules) -> None:
    one, two = Calculator(rules), Calculator(rules)
    first, _ = token_of(one, texts(COURSE))
    second, _ = token_of(one, texts(COURSE))
    other, _ = token_of(two, texts(COURSE))
    prefix = first.partition("-")[0]
    assert len(prefix) == 12 and int(prefix, 16) >= 0
    assert (first, second) == (f"{prefix}-1", f"{prefix}-2")
    assert other.partition("-")[0] != prefix and other.endswith("-1")
