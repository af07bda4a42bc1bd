"""An iCalendar (.ics) file of the cycle's key dates, made in the browser with no server.

All-day events: renewal opening, a steady-pace checkpoint at the end of each earlier year of the
cycle, the cycle end and the end of the grace period. UIDs are stable, so importing an updated
file again updates the events instead of doubling them (RFC 5545).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from calc.engine import Tally
from calc.status import cycle_share
from calc.text import fmt

_PRODID = "-//CEC Guide//Renewal calendar//EN"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _event(
    day: date, key: str, summary: str, description: str, stamp: str, alarm: bool = False
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{key}-{day.strftime('%Y%m%d')}@cec-guide",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "TRANSP:TRANSPARENT",
    ]
    if alarm:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(summary)}",
            "TRIGGER:-P14D",
            "END:VALARM",
        ]
    return [*lines, "END:VEVENT"]


def checkpoints(t: Tally) -> list[tuple[date, Decimal]]:
    """(day, CECs a steady pace has by then) at the end of each calendar year before the last."""
    start, end = t.cycle.start, t.cycle.end
    found = []
    for year in range(start.year, end.year):
        day = date(year, 12, 31)
        share = cycle_share(start, end, day)
        found.append((day, (t.required * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    return found


def ics(t: Tally, today: date) -> str:
    stamp = today.strftime("%Y%m%dT000000Z")
    d = t.outlook.dates
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", "CALSCALE:GREGORIAN"]
    if d.renewal_opens:
        lines += _event(
            d.renewal_opens,
            "renewal-opens",
            "ACSM renewal opens",
            "The final year of your cycle: you can renew once your CECs are reported.",
            stamp,
        )
    for day, cecs in checkpoints(t):
        lines += _event(
            day,
            "pace",
            f"CEC checkpoint: {fmt(cecs)} of {fmt(t.required)} CECs",
            f"A steady pace reaches {fmt(cecs)} of the {fmt(t.required)} CECs you need by today.",
            stamp,
        )
    lines += _event(
        d.cycle_end,
        "cycle-end",
        "ACSM cycle ends: renew by today",
        f"Renew by today to avoid the late fee. You need {fmt(t.required)} CECs and a current "
        "CPR/AED certification.",
        stamp,
        alarm=True,
    )
    if d.grace_period_end:
        lines += _event(
            d.grace_period_end,
            "grace-end",
            "ACSM grace period ends",
            "Last day to renew with the late fee; after it only reinstatement remains.",
            stamp,
            alarm=True,
        )
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
