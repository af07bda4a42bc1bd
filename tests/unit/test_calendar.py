"""The .ics file of key dates (RFC 5545): folded lines, escaped text, stable UIDs."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc import bridge
from calc.calendar import _escape, checkpoints, ics
from calc.engine import tally
from calc.model import Profile, Rules
from calc.status import cycle_share

PROFILE = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")


def test_events_and_checkpoints(rules: Rules) -> None:
    t = tally(rules, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    assert checkpoints(t) == [(date(2024, 12, 31), 15), (date(2025, 12, 31), 30)]
    text = ics(t, date(2026, 6, 1))
    assert text.endswith("END:VCALENDAR\r\n")
    lines = unfold(text)
    assert "DTSTART;VALUE=DATE:20261231" in lines
    assert "UID:cycle-end-20261231@cec-guide" in lines
    assert "DTSTAMP:20260601T000000Z" in lines
    assert lines.count("BEGIN:VALARM") == 2
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_text_is_escaped_and_long_lines_folded(rules: Rules) -> None:
    t = tally(rules, Profile(("ep", "cpt"), date(2027, 12, 31), None, None, date(2026, 6, 1)), [])
    text = ics(t, date(2026, 6, 1))
    assert "\r\n " in text  # a folded description
    assert "CPR/AED certification." in "".join(unfold(text))
    assert "fee\\; after it" in text


def test_bridge_gives_the_calendar_or_a_reason(bundle: dict[str, Any]) -> None:
    bridge.load_rules(json.dumps(bundle))
    good = json.loads(
        bridge.calendar(json.dumps({"profile": PROFILE, "activities": []}), "2026-06-01")
    )
    assert good["ok"] and good["text"].startswith("BEGIN:VCALENDAR")
    bad = json.loads(bridge.calendar(json.dumps({"profile": {}, "activities": []}), "2026-06-01"))
    assert bad["ok"] is False and bad["problems"]
    eim = {"profile": {**PROFILE, "certifications": ["eim"]}, "activities": []}
    assert "no CEC requirement" in json.loads(bridge.calendar(json.dumps(eim)))["error"]
    assert json.loads(bridge.calendar("nope"))["ok"] is False


EXPECTED_ICS = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//CEC Guide//Renewal calendar//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    "UID:renewal-opens-20260101@cec-guide",
    "DTSTAMP:20260601T000000Z",
    "DTSTART;VALUE=DATE:20260101",
    "DTEND;VALUE=DATE:20260102",
    "SUMMARY:ACSM renewal opens",
    "DESCRIPTION:The final year of your cycle: you can renew once your CECs are ",
    " reported.",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:pace-20241231@cec-guide",
    "DTSTAMP:20260601T000000Z",
    "DTSTART;VALUE=DATE:20241231",
    "DTEND;VALUE=DATE:20250101",
    "SUMMARY:CEC checkpoint: 15 of 45 CECs",
    "DESCRIPTION:A steady pace reaches 15 of the 45 CECs you need by today.",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:pace-20251231@cec-guide",
    "DTSTAMP:20260601T000000Z",
    "DTSTART;VALUE=DATE:20251231",
    "DTEND;VALUE=DATE:20260101",
    "SUMMARY:CEC checkpoint: 30 of 45 CECs",
    "DESCRIPTION:A steady pace reaches 30 of the 45 CECs you need by today.",
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:cycle-end-20261231@cec-guide",
    "DTSTAMP:20260601T000000Z",
    "DTSTART;VALUE=DATE:20261231",
    "DTEND;VALUE=DATE:20270101",
    "SUMMARY:ACSM cycle ends: renew by today",
    "DESCRIPTION:Renew by today to avoid the late fee. You need 45 CECs and a cu",
    " rrent CPR/AED certification.",
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:ACSM cycle ends: renew by today",
    "TRIGGER:-P14D",
    "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:grace-end-20270630@cec-guide",
    "DTSTAMP:20260601T000000Z",
    "DTSTART;VALUE=DATE:20270630",
    "DTEND;VALUE=DATE:20270701",
    "SUMMARY:ACSM grace period ends",
    "DESCRIPTION:Last day to renew with the late fee\\; after it only reinstateme",
    " nt remains.",
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:ACSM grace period ends",
    "TRIGGER:-P14D",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
]


def test_the_whole_calendar_of_a_cpt_cycle(rules: Rules) -> None:
    """Every line, as checked by hand: renewal opening, a checkpoint at the end of each earlier
    year (15 and 30 of 45), the cycle end and the grace period's end with a reminder two weeks
    before each, CRLF line ends, lines folded at 75 octets, ';' escaped."""
    t = tally(rules, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    text = ics(t, date(2026, 6, 1))
    assert text == "".join(line + "\r\n" for line in EXPECTED_ICS)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words: fine", "plain words: fine"),
        ("a, b; c", "a\\, b\\; c"),
        ("C:\\CEC\\log", "C:\\\\CEC\\\\log"),
        ("line one\nline two", "line one\\nline two"),
    ],
)
def test_text_is_escaped_as_icalendar_requires(text: str, escaped: str) -> None:
    # RFC 5545, 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
    assert _escape(text) == escaped


def test_a_cycles_share_by_the_end_of_a_day() -> None:
    start, end = date(2024, 1, 1), date(2026, 12, 31)  # 1,096 days
    assert cycle_share(start, end, date(2023, 12, 31)) == 0
    assert cycle_share(start, end, start) == Decimal(1) / Decimal(1096)
    assert cycle_share(start, end, date(2024, 12, 31)) == Decimal(366) / Decimal(1096)
    assert cycle_share(start, end, end) == 1
    assert cycle_share(start, end, date(2027, 6, 1)) == 1


def test_a_checkpoint_on_a_half_cec_rounds_up(rules: Rules) -> None:
    # A two-year first cycle: by its first December 31 a steady pace has 22.5 of 45 CECs.
    profile = Profile(("cpt",), date(2026, 12, 31), date(2025, 1, 1), None, date(2025, 6, 1))
    assert checkpoints(tally(rules, profile, [])) == [(date(2025, 12, 31), 23)]
