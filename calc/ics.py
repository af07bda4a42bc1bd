"""An iCalendar (.ics) file of the dates still ahead for a renewal, made in the browser with no
server (RFC 5545: CRLF line ends, lines folded at 75 octets, escaped text, all-day events).

What it holds, each as an all-day event and only when dated today or later:

- the CPR/AED card's expiry (when entered, and the rules ask for a card), reminder 60 days before;
- the day renewal opens (when the rules give the renewal window);
- one pace check: "by now you should have about X CECs" (see :func:`pace_check_day`);
- the cycle's end, reminders 90, 30 and 7 days before, with the CECs still to go;
- the grace period's end (when the rules give one), reminder 14 days before.

Once renewal is recorded only the CPR/AED card is left: the cycle's dates no longer ask for
anything. Every number comes from the tally (the rules' requirement, the earned CECs); the
reminder lead times are presentation choices, not ACSM rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from calc.citations import apply
from calc.engine import Tally
from calc.model import Rules
from calc.status import cycle_share
from calc.text import cecs, fmt

_PRODID = "-//CEC Guide//Renewal calendar//EN"

# How many days before each date its reminders ring.
CPR_REMINDERS = (60,)
CYCLE_END_REMINDERS = (90, 30, 7)
GRACE_END_REMINDERS = (14,)

# What each event is: the first part of its UID.
CPR_CARD = "cpr-card"
RENEWAL_OPENS = "renewal-opens"
PACE_CHECK = "pace-check"
CYCLE_END = "cycle-end"
GRACE_END = "grace-end"

SOURCE_NOTE = "These dates are CEC Guide's reading of ACSM's rules; ACSM's own pages decide."


@dataclass(frozen=True)
class Reminder:
    days_before: int
    text: str


@dataclass(frozen=True)
class Event:
    uid: str
    day: date
    summary: str
    description: str
    reminders: tuple[Reminder, ...] = ()


def uid(t: Tally, what: str) -> str:
    """An event's UID, the same in every file made for the same thing, so that importing a newer
    file updates the event instead of adding a second one.

    The rule: what the event is, the certifications held (sorted), and for the cycle's events
    the cycle's end: ``cycle-end-cpt-20261231@cec-guide``. Never today's date, the CECs or the
    activities: a file made later, after more courses, names the same events. A new cycle (or
    another set of certifications) is new events. The CPR/AED card is not the cycle's: its UID
    leaves the cycle out, so a card entered again with a new expiry moves its one event, across
    cycles too."""
    held = "+".join(sorted(set(t.profile.certifications)))
    cycle = "" if what == CPR_CARD else f"-{t.cycle.end.strftime('%Y%m%d')}"
    return f"{what}-{held}{cycle}@cec-guide"


def expected_by(t: Tally, day: date) -> Decimal:
    """The CECs a steady pace has by the end of ``day``: the requirement times the share of the
    cycle passed, to the nearest whole CEC (a half rounds up)."""
    share = cycle_share(t.cycle.start, t.cycle.end, day)
    return (t.required * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def midpoint(start: date, end: date) -> date:
    """The first day by whose end half of the cycle has passed (``cycle_share`` >= 1/2)."""
    days = (end - start).days + 1
    return start + timedelta(days=(days + 1) // 2 - 1)


def pace_checkpoints(t: Tally) -> list[date]:
    """The days a pace check can fall on, in order: the cycle's midpoint, then December 31 of
    each later year before the cycle's final year (the year-end steady-pace checkpoints). None
    for a one-day cycle, whose midpoint is its end."""
    start, end = t.cycle.start, t.cycle.end
    middle = midpoint(start, end)
    if middle >= end:
        return []
    year_ends = (date(year, 12, 31) for year in range(middle.year, end.year))
    return [middle, *(day for day in year_ends if day > middle)]


def pace_check_day(t: Tally, today: date) -> date | None:
    """The one pace check's day. The rule: the cycle's midpoint; once it has passed, the next
    year-end checkpoint (today counts as ahead); none once those have passed too, in the final
    year, where the cycle's end says what is still to go."""
    return next((day for day in pace_checkpoints(t) if day >= today), None)


def _cpr_required(rules: Rules, t: Tally) -> bool:
    # Not known for the cycle: asked for all the same, as the checklist does.
    required = apply(rules, rules.renewal.cpr_aed_required, t.cycle.end)
    return required is None or required.value


def _standing(t: Tally, today: date) -> str:
    made = f"On {today.isoformat()}, when this file was made, you had"
    if t.remaining == 0:
        return f"{made} all {fmt(t.required)} CECs you need."
    return f"{made} {fmt(t.earned)} of {fmt(t.required)} CECs: {cecs(t.remaining)} still to go."


def _cycle_events(rules: Rules, t: Tally, today: date) -> list[Event]:
    d = t.outlook.dates
    end = d.cycle_end.isoformat()
    found = []
    if d.renewal_opens:
        found.append(
            Event(
                uid(t, RENEWAL_OPENS),
                d.renewal_opens,
                "ACSM renewal opens",
                f"From today you can renew your ACSM certification, once your CECs are reported. "
                f"Your cycle ends on {end}: renew by then.",
            )
        )
    check = pace_check_day(t, today)
    if check is not None and t.remaining > 0:
        should = expected_by(t, check)
        passed = int(cycle_share(t.cycle.start, t.cycle.end, check) * 100)
        found.append(
            Event(
                uid(t, PACE_CHECK),
                check,
                f"CEC pace check: about {fmt(should)} of {fmt(t.required)} CECs",
                f"By now you should have about {fmt(should)} CECs: a steady pace toward the "
                f"{fmt(t.required)} CECs you need by {end}, with {passed}% of your cycle passed. "
                f"On {today.isoformat()}, when this file was made, you had {fmt(t.earned)}.",
            )
        )
    standing = _standing(t, today)
    card = " and a current CPR/AED card" if _cpr_required(rules, t) else ""
    late = " without the late fee" if d.grace_period_end else ""
    found.append(
        Event(
            uid(t, CYCLE_END),
            d.cycle_end,
            "ACSM cycle ends: renew by today",
            f"Last day to renew your ACSM certification{late}: submit the renewal and pay the "
            f"fee. You need {fmt(t.required)} CECs{card}. {standing}",
            tuple(
                Reminder(days, f"Renew your ACSM certification by {end}. {standing}")
                for days in CYCLE_END_REMINDERS
            ),
        )
    )
    if d.grace_period_end:
        grace = d.grace_period_end.isoformat()
        found.append(
            Event(
                uid(t, GRACE_END),
                d.grace_period_end,
                "ACSM grace period ends",
                f"If you have not renewed by {end}: last day to renew, with the late fee. After "
                f"it only reinstatement remains. {standing}",
                tuple(
                    Reminder(
                        days,
                        f"The ACSM grace period ends on {grace}: if you have not renewed yet, "
                        "renew by then, with the late fee.",
                    )
                    for days in GRACE_END_REMINDERS
                ),
            )
        )
    return found


def events(rules: Rules, t: Tally, today: date) -> list[Event]:
    """The file's events in date order: none dated before ``today``, and no reminder that
    would ring before it (a calendar would ring it at once, or never)."""
    found = []
    card = t.profile.cpr_expires
    if card is not None and _cpr_required(rules, t):
        warning = "it must be current when you renew your ACSM certification."
        found.append(
            Event(
                uid(t, CPR_CARD),
                card,
                "CPR/AED card expires",
                f"Your CPR/AED card expires today. Renew your CPR/AED card: {warning}",
                tuple(
                    Reminder(
                        days,
                        f"Renew your CPR/AED card: it expires on {card.isoformat()}, and {warning}",
                    )
                    for days in CPR_REMINDERS
                ),
            )
        )
    if t.profile.renewed_on is None:
        found += _cycle_events(rules, t, today)
    ahead = [
        Event(
            e.uid,
            e.day,
            e.summary,
            e.description,
            tuple(r for r in e.reminders if e.day - timedelta(days=r.days_before) >= today),
        )
        for e in found
        if e.day >= today
    ]
    return sorted(ahead, key=lambda e: e.day)  # stable: same-day events keep the order above


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


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def _lines(e: Event, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{e.uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_day(e.day)}",
        f"DTEND;VALUE=DATE:{_day(e.day + timedelta(days=1))}",
        f"SUMMARY:{_escape(e.summary)}",
        f"DESCRIPTION:{_escape(f'{e.description} {SOURCE_NOTE}')}",
        "TRANSP:TRANSPARENT",
    ]
    for r in e.reminders:
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{_escape(r.text)}",
            f"TRIGGER:-P{r.days_before}D",
            "END:VALARM",
        ]
    return [*lines, "END:VEVENT"]


def ics(rules: Rules, t: Tally, today: date) -> str:
    """The file's text. With every date passed it holds no event (the page says so instead of
    offering it: see ``calc.bridge.calendar``)."""
    stamp = today.strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_PRODID}", "CALSCALE:GREGORIAN"]
    for e in events(rules, t, today):
        lines += _lines(e, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
