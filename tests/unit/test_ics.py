"""The "Add to calendar" file (.ics, RFC 5545): the dates a trainer needs, none in the past.

The sample trainer holds the ACSM-CPT, whose cycle runs 2024-01-01 to 2026-12-31; the rules ask
45 CECs and give a grace period to June 30. Files are read back with the icalendar library, as
a calendar program would (those tests are skipped inside Pyodide, which lacks it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from calc import bridge
from calc.engine import Tally, tally
from calc.ics import (
    _escape,
    _fold,
    expected_by,
    ics,
    midpoint,
    pace_check_day,
    pace_checkpoints,
)
from calc.model import Activity, Profile, Rules
from calc.status import cycle_share
from calc.text import fmt

END = date(2026, 12, 31)
START = date(2024, 1, 1)
CPR_CARD = date(2026, 10, 15)
ACE_WORKSHOP = Activity(date(2025, 3, 1), "ACE workshop", "ace", Decimal("1.5"))  # 15 CECs


def trainer(
    rules: Rules,
    today: date,
    activities: tuple[Activity, ...] = (ACE_WORKSHOP,),
    *,
    cpr: date | None = CPR_CARD,
    end: date = END,
    renewed: date | None = None,
    certifications: tuple[str, ...] = ("cpt",),
) -> Tally:
    return tally(rules, Profile(certifications, end, None, cpr, today, renewed), activities)


@dataclass(frozen=True)
class Seen:
    """One event as a calendar program shows it."""

    summary: str
    day: date
    uid: str
    description: str
    reminders: tuple[timedelta, ...]  # each alarm's TRIGGER, relative to the day


def read(text: str) -> list[Seen]:
    """The events of an .ics file, parsed by the icalendar library."""
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(text)
    assert (str(cal["VERSION"]), str(cal["PRODID"])) == (
        "2.0",
        "-//CEC Guide//Renewal calendar//EN",
    )
    return [
        Seen(
            str(e["SUMMARY"]),
            e.decoded("DTSTART"),
            str(e["UID"]),
            str(e["DESCRIPTION"]),
            tuple(a.decoded("TRIGGER") for a in e.walk("VALARM")),
        )
        for e in cal.walk("VEVENT")
    ]


def events_of(rules: Rules, t: Tally) -> list[Seen]:
    return read(ics(rules, t, t.profile.as_of))


def days_before(*days: int) -> tuple[timedelta, ...]:
    return tuple(timedelta(days=-d) for d in days)


def kind(e: Seen) -> str:
    """What an event is, whatever its numbers: "CEC pace check", "ACSM cycle ends"..."""
    return e.summary.split(":")[0]


def steady_pace(t: Tally, day: date) -> Decimal:
    """What the rules give: the requirement times the share of the cycle passed by that day,
    to the nearest whole CEC, a half rounding up."""
    share = cycle_share(t.cycle.start, t.cycle.end, day)
    return (t.required * share).quantize(Decimal(1), rounding=ROUND_HALF_UP)


SOURCE = "These dates are CEC Guide's reading of ACSM's rules; ACSM's own pages decide."


def asking_no_card(rules: Rules) -> Rules:
    """The rules, but never asking for a CPR/AED card at renewal."""
    renewal = rules.renewal
    never = replace(
        renewal.cpr_aed_required,
        entries=tuple(replace(e, value=False) for e in renewal.cpr_aed_required.entries),
    )
    return replace(rules, renewal=replace(renewal, cpr_aed_required=never))


def without_grace_period(rules: Rules) -> Rules:
    """The rules, but giving no grace period after the cycle's end."""
    renewal = rules.renewal
    none = replace(
        renewal.grace_period_end,
        entries=tuple(replace(e, value=None) for e in renewal.grace_period_end.entries),
    )
    return replace(rules, renewal=replace(renewal, grace_period_end=none))


# --- What the file holds --------------------------------------------------------------------


def test_mid_cycle_the_file_holds_every_date_ahead(rules: Rules) -> None:
    """On 2025-06-01, with 15 of 45 CECs and a CPR/AED card expiring 2026-10-15: the pace check
    at the cycle's midpoint, renewal opening, the card's expiry, the cycle end and the grace
    period's end, in date order, each with its reminders."""
    t = trainer(rules, date(2025, 6, 1))
    events = events_of(rules, t)
    pace = steady_pace(t, date(2025, 7, 1))
    assert [(e.day, e.summary, e.reminders) for e in events] == [
        (date(2025, 7, 1), f"CEC pace check: about {fmt(pace)} of {fmt(t.required)} CECs", ()),
        (date(2026, 1, 1), "ACSM renewal opens", ()),
        (CPR_CARD, "CPR/AED card expires", days_before(60)),
        (END, "ACSM cycle ends: renew by today", days_before(90, 30, 7)),
        (date(2027, 6, 30), "ACSM grace period ends", days_before(14)),
    ]
    pace_check, _, card, cycle_end, _ = events
    assert f"By now you should have about {fmt(pace)} CECs" in pace_check.description
    assert "must be current when you renew your ACSM certification" in card.description
    to_go = t.required - t.earned  # 45 - 15
    assert (
        f"On 2025-06-01, when this file was made, you had {fmt(t.earned)} of {fmt(t.required)} CECs: "
        in (cycle_end.description)
    )
    assert f"{fmt(to_go)} CECs still to go" in cycle_end.description
    for e in events:
        assert "CEC Guide's reading of ACSM's rules; ACSM's own pages decide." in e.description


def test_what_each_event_says_mid_cycle(rules: Rules) -> None:
    """Word for word, as a calendar program shows them (unescaped, unfolded): on 2025-06-01,
    with 15 of 45 CECs, a card asked for and a grace period given."""
    said = {kind(e): e.description for e in events_of(rules, trainer(rules, date(2025, 6, 1)))}
    standing = "On 2025-06-01, when this file was made, you had 15 of 45 CECs: 30 CECs still to go."
    assert said["ACSM renewal opens"] == (
        "From today you can renew your ACSM certification, once your CECs are reported. "
        f"Your cycle ends on 2026-12-31: renew by then. {SOURCE}"
    )
    assert said["CEC pace check"] == (
        "By now you should have about 23 CECs: a steady pace toward the 45 CECs you need by "
        "2026-12-31, with 50% of your cycle passed. On 2025-06-01, when this file was made, "
        f"you had 15. {SOURCE}"
    )
    assert said["ACSM cycle ends"] == (
        "Last day to renew your ACSM certification without the late fee: submit the renewal and "
        f"pay the fee. You need 45 CECs and a current CPR/AED card. {standing} {SOURCE}"
    )


def test_the_share_of_the_cycle_passed_is_in_whole_percent_rounded_down(rules: Rules) -> None:
    """The check on 2025-12-31: 731 of the cycle's 1,096 days, 66.7%, said as 66% (never more
    than has passed)."""
    t = trainer(rules, date(2025, 9, 1))
    (check,) = [e for e in events_of(rules, t) if kind(e) == "CEC pace check"]
    assert check.day == date(2025, 12, 31)
    assert cycle_share(START, END, check.day) == Decimal(731) / Decimal(1096)
    assert ", with 66% of your cycle passed." in check.description


@pytest.mark.parametrize("to_go", [Decimal(1), Decimal("0.5")])
def test_a_pace_check_while_any_cec_is_still_to_go(rules: Rules, to_go: Decimal) -> None:
    nearly = Activity(date(2025, 3, 1), "Nearly everything", "acsm", 45 - to_go)
    t = trainer(rules, date(2025, 6, 1), (nearly,))
    assert t.remaining == to_go
    checks = [e for e in events_of(rules, t) if kind(e) == "CEC pace check"]
    assert [e.day for e in checks] == [date(2025, 7, 1)]


def test_the_dates_are_the_rules_dates(rules: Rules) -> None:
    """Renewal opening, cycle end and grace end are those of the tally's key dates (themselves
    from the rules), not dates the calendar works out on its own."""
    t = trainer(rules, date(2025, 6, 1))
    d = t.outlook.dates
    days = {kind(e): e.day for e in events_of(rules, t)}
    assert days["ACSM renewal opens"] == d.renewal_opens
    assert days["ACSM cycle ends"] == d.cycle_end
    assert days["ACSM grace period ends"] == d.grace_period_end


@pytest.mark.parametrize("certification", ["cpt", "ep"])  # 45 and 60 CECs
def test_the_pace_check_says_what_the_rules_give(rules: Rules, certification: str) -> None:
    t = trainer(rules, date(2025, 6, 1), (), certifications=(certification,))
    (check,) = [e for e in events_of(rules, t) if kind(e) == "CEC pace check"]
    pace = steady_pace(t, check.day)
    assert pace == expected_by(t, check.day)
    assert check.summary == f"CEC pace check: about {fmt(pace)} of {fmt(t.required)} CECs"
    assert f"By now you should have about {fmt(pace)} CECs" in check.description


def test_the_midpoint_is_the_first_day_by_which_half_the_cycle_has_passed() -> None:
    for start, end in [(START, END), (date(2025, 1, 1), END), (date(2026, 3, 2), END)]:
        middle = midpoint(start, end)
        assert cycle_share(start, end, middle) >= Decimal("0.5")
        assert cycle_share(start, end, middle - timedelta(days=1)) < Decimal("0.5")
    assert midpoint(START, END) == date(2025, 7, 1)  # 548 of 1,096 days


@pytest.mark.parametrize(
    ("today", "check"),
    [
        (date(2024, 2, 1), date(2025, 7, 1)),  # the midpoint is ahead: it is the check
        (date(2025, 7, 1), date(2025, 7, 1)),  # on the day itself
        (date(2025, 7, 2), date(2025, 12, 31)),  # passed: the next year-end checkpoint
        (date(2025, 12, 31), date(2025, 12, 31)),
        (date(2026, 1, 1), None),  # the final year: the cycle end says what is left
    ],
)
def test_one_pace_check_the_midpoint_or_the_next_year_end(
    rules: Rules, today: date, check: date | None
) -> None:
    t = trainer(rules, today, ())
    assert pace_check_day(t, today) == check
    checks = [e.day for e in events_of(rules, t) if kind(e) == "CEC pace check"]
    assert checks == ([check] if check else [])


def test_the_checkpoints_are_the_midpoint_then_the_year_ends_after_it(rules: Rules) -> None:
    three_years = trainer(rules, date(2024, 2, 1), ())
    assert pace_checkpoints(three_years) == [date(2025, 7, 1), date(2025, 12, 31)]
    # A two-year first cycle whose midpoint is December 31 itself: that day is one checkpoint.
    two_years = tally(rules, Profile(("cpt",), END, date(2025, 1, 1), None, date(2025, 6, 1)), [])
    assert pace_checkpoints(two_years) == [date(2025, 12, 31)]


def test_a_one_day_cycle_has_no_pace_check(rules: Rules) -> None:
    """Its midpoint is its end, where the cycle's end says what is still to go."""
    t = tally(rules, Profile(("cpt",), END, END, None, END), [])
    assert pace_checkpoints(t) == []
    assert pace_check_day(t, END) is None
    assert [kind(e) for e in events_of(rules, t)] == ["ACSM cycle ends", "ACSM grace period ends"]


def test_no_pace_check_once_every_cec_is_earned(rules: Rules) -> None:
    done = Activity(date(2025, 3, 1), "Everything", "acsm", Decimal(45))
    t = trainer(rules, date(2025, 6, 1), (done,))
    assert t.remaining == 0
    events = events_of(rules, t)
    assert "CEC pace check" not in [kind(e) for e in events]
    (cycle_end,) = [e for e in events if kind(e) == "ACSM cycle ends"]
    assert f"you had all {fmt(t.required)} CECs you need" in cycle_end.description


def test_a_half_cec_rounds_up(rules: Rules) -> None:
    # A two-year first cycle: half of it has passed on 2025-12-31, half of 45 CECs is 22.5.
    profile = Profile(("cpt",), END, date(2025, 1, 1), None, date(2025, 6, 1))
    t = tally(rules, profile, [])
    day = pace_check_day(t, profile.as_of)
    assert day == date(2025, 12, 31)
    exact = t.required * cycle_share(t.cycle.start, t.cycle.end, day)
    assert exact % 1 == Decimal("0.5")
    assert expected_by(t, day) == exact + Decimal("0.5")


# --- CPR/AED --------------------------------------------------------------------------------


def test_no_cpr_date_no_cpr_event(rules: Rules) -> None:
    events = events_of(rules, trainer(rules, date(2025, 6, 1), cpr=None))
    assert "CPR/AED card expires" not in [e.summary for e in events]
    assert len(events) == 4  # the rest is all there


def test_a_card_already_expired_is_no_event(rules: Rules) -> None:
    events = events_of(rules, trainer(rules, date(2025, 6, 1), cpr=date(2025, 5, 31)))
    assert "CPR/AED card expires" not in [e.summary for e in events]


def test_no_card_event_when_the_rules_ask_for_no_card(rules: Rules) -> None:
    changed = asking_no_card(rules)
    events = events_of(changed, trainer(changed, date(2025, 6, 1)))
    assert "CPR/AED card expires" not in [e.summary for e in events]
    assert all("CPR" not in e.description for e in events)
    (cycle_end,) = [e for e in events if kind(e) == "ACSM cycle ends"]
    assert "pay the fee. You need 45 CECs. On 2025-06-01, when" in cycle_end.description


# --- No grace period ------------------------------------------------------------------------


def test_without_a_grace_period_no_late_fee_is_mentioned(rules: Rules) -> None:
    changed = without_grace_period(rules)
    t = trainer(changed, date(2025, 6, 1))
    assert t.outlook.dates.grace_period_end is None
    events = events_of(changed, t)
    assert "ACSM grace period ends" not in [kind(e) for e in events]
    (cycle_end,) = [e for e in events if kind(e) == "ACSM cycle ends"]
    assert cycle_end.description.startswith(
        "Last day to renew your ACSM certification: submit the renewal and pay the fee. "
        "You need 45 CECs and a current CPR/AED card. On 2025-06-01, when"
    )


# --- Nothing in the past --------------------------------------------------------------------


def months(first: date, last: date) -> list[date]:
    found, day = [], first
    while day <= last:
        found.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return found


def test_no_event_and_no_reminder_before_the_day_the_file_is_made(rules: Rules) -> None:
    """The first of every month from the cycle's start to past the grace period's end."""
    for today in months(START, date(2027, 8, 1)):
        events = events_of(rules, trainer(rules, today))
        for e in events:
            assert e.day >= today, (today, e.summary)
            for trigger in e.reminders:
                assert e.day + trigger >= today, (today, e.summary, trigger)
        assert ("ACSM cycle ends" in [kind(e) for e in events]) == (today <= END)


def test_reminders_already_past_are_left_out(rules: Rules) -> None:
    # 20 days before the cycle ends: only the 7-day reminder is still ahead.
    events = events_of(rules, trainer(rules, date(2026, 12, 11)))
    (cycle_end,) = [e for e in events if kind(e) == "ACSM cycle ends"]
    assert cycle_end.reminders == days_before(7)


@pytest.mark.parametrize(
    ("today", "kept"),
    [
        (date(2026, 12, 24), days_before(7)),  # it rings today: kept
        (date(2026, 12, 25), ()),  # it rang yesterday
    ],
)
def test_a_reminder_ringing_on_the_day_the_file_is_made_is_kept(
    rules: Rules, today: date, kept: tuple[timedelta, ...]
) -> None:
    events = events_of(rules, trainer(rules, today))
    (cycle_end,) = [e for e in events if kind(e) == "ACSM cycle ends"]
    assert cycle_end.reminders == kept


def test_in_the_grace_period_only_its_end_and_the_card_are_left(rules: Rules) -> None:
    t = trainer(rules, date(2027, 2, 1), cpr=date(2027, 8, 1))
    events = events_of(rules, t)
    assert [(e.summary, e.day) for e in events] == [
        ("ACSM grace period ends", date(2027, 6, 30)),
        ("CPR/AED card expires", date(2027, 8, 1)),
    ]
    assert f"{fmt(t.required - t.earned)} CECs still to go" in events[0].description


def test_once_renewed_only_the_card_is_left(rules: Rules) -> None:
    """Renewal is done: no grace period, no cycle end, no pace check to keep."""
    renewed = trainer(rules, date(2026, 11, 20), renewed=date(2026, 11, 15), cpr=date(2027, 8, 1))
    assert [e.summary for e in events_of(rules, renewed)] == ["CPR/AED card expires"]


def test_with_every_date_past_the_page_says_why_and_the_file_holds_no_event(
    rules: Rules, bundle: dict[str, Any]
) -> None:
    bridge.load_rules(json.dumps(bundle))
    profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
    request = json.dumps({"profile": profile, "activities": []})
    # The day after the grace period ended: the cycle has lapsed.
    assert json.loads(bridge.calendar(request, "2027-07-01")) == {
        "ok": False,
        "error": "Every date of this cycle has passed: there is nothing left to put in a calendar.",
    }
    done = json.dumps({"profile": {**profile, "renewed_on": "2026-11-15"}, "activities": []})
    assert json.loads(bridge.calendar(done, "2026-11-20")) == {
        "ok": False,
        "error": "You renewed on 2026-11-15: nothing of that cycle is left to put in a calendar.",
    }

    lapsed = trainer(rules, date(2027, 7, 1))
    text = ics(rules, lapsed, date(2027, 7, 1))
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert read(text) == []  # still a calendar a program reads, holding nothing


# --- Stable UIDs ----------------------------------------------------------------------------


def uids(
    bundle: dict[str, Any], today: str, activities: list[dict[str, str]], **profile: str | list[str]
) -> dict[str, str]:
    """Each event's UID in the file the page would download, by what the event is."""
    bridge.load_rules(json.dumps(bundle))
    request = {
        "profile": {"certifications": ["cpt"], "cycle_end": "2026-12-31", **profile},
        "activities": activities,
    }
    answer = json.loads(bridge.calendar(json.dumps(request), today))
    assert answer["ok"], answer
    return {kind(e): e.uid for e in read(answer["text"])}


ACE = {"date": "2025-03-01", "provider": "ace", "amount": "1.5"}
ACSM = {"date": "2025-05-01", "provider": "acsm", "amount": "2"}
NASM = {"date": "2025-04-01", "provider": "nasm", "amount": "0.8"}


def test_each_uid_spelled_out(rules: Rules) -> None:
    """What the event is, the certifications held joined by "+", and (not for the card) the
    cycle's end."""
    t = trainer(rules, date(2025, 6, 1), certifications=("gei", "cpt"))
    assert {kind(e): e.uid for e in events_of(rules, t)} == {
        "CEC pace check": "pace-check-cpt+gei-20261231@cec-guide",
        "ACSM renewal opens": "renewal-opens-cpt+gei-20261231@cec-guide",
        "CPR/AED card expires": "cpr-card-cpt+gei@cec-guide",
        "ACSM cycle ends": "cycle-end-cpt+gei-20261231@cec-guide",
        "ACSM grace period ends": "grace-end-cpt+gei-20261231@cec-guide",
    }


def test_a_later_file_names_the_same_events(bundle: dict[str, Any]) -> None:
    """Made on another day, with another log in another order (other totals, the pace check
    moved from the midpoint to December 31): the same UIDs, so importing it updates the events
    instead of doubling them."""
    first = uids(bundle, "2025-06-01", [ACE], cpr_expires="2026-10-15")
    later = uids(bundle, "2025-09-01", [ACSM, ACE, NASM], cpr_expires="2026-11-20")
    assert set(first) == {
        "CEC pace check",
        "ACSM renewal opens",
        "CPR/AED card expires",
        "ACSM cycle ends",
        "ACSM grace period ends",
    }
    assert later == first
    assert len(set(first.values())) == len(first)  # one UID per event


def test_a_new_cycle_is_new_events_but_the_same_card(bundle: dict[str, Any]) -> None:
    this_cycle = uids(bundle, "2025-06-01", [ACE], cpr_expires="2026-10-15")
    next_cycle = uids(bundle, "2025-06-01", [ACE], cycle_end="2029-12-31", cpr_expires="2026-10-15")
    card = "CPR/AED card expires"
    assert next_cycle[card] == this_cycle[card]
    for what in this_cycle.keys() - {card}:
        assert next_cycle[what] != this_cycle[what], what
    other_certification = uids(
        bundle, "2025-06-01", [ACE], cpr_expires="2026-10-15", certifications=["ep"]
    )
    assert set(other_certification.values()).isdisjoint(this_cycle.values())


def test_uids_ignore_the_order_of_certifications(rules: Rules) -> None:
    one = events_of(rules, trainer(rules, date(2025, 6, 1), certifications=("cpt", "gei")))
    other = events_of(rules, trainer(rules, date(2025, 6, 1), certifications=("gei", "cpt")))
    assert [e.uid for e in one] == [e.uid for e in other]


# --- RFC 5545 -------------------------------------------------------------------------------

# A trainer in the grace period on 2027-03-01 with a card expiring 2027-08-01: the whole file,
# checked by hand. CRLF line ends; lines of at most 75 octets, folded with a leading space;
# commas and semicolons escaped; all-day events (VALUE=DATE, ending the next day); DTSTAMP the
# day the file was made; PRODID and VERSION first.
GRACE_FILE = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//CEC Guide//Renewal calendar//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    "UID:grace-end-cpt-20261231@cec-guide",
    "DTSTAMP:20270301T000000Z",
    "DTSTART;VALUE=DATE:20270630",
    "DTEND;VALUE=DATE:20270701",
    "SUMMARY:ACSM grace period ends",
    "DESCRIPTION:If you have not renewed by 2026-12-31: last day to renew\\, with",
    "  the late fee. After it only reinstatement remains. On 2027-03-01\\, when t",
    " his file was made\\, you had 15 of 45 CECs: 30 CECs still to go. These date",
    " s are CEC Guide's reading of ACSM's rules\\; ACSM's own pages decide.",
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:The ACSM grace period ends on 2027-06-30: if you have not renew",
    " ed yet\\, renew by then\\, with the late fee.",
    "TRIGGER:-P14D",
    "END:VALARM",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:cpr-card-cpt@cec-guide",
    "DTSTAMP:20270301T000000Z",
    "DTSTART;VALUE=DATE:20270801",
    "DTEND;VALUE=DATE:20270802",
    "SUMMARY:CPR/AED card expires",
    "DESCRIPTION:Your CPR/AED card expires today. Renew your CPR/AED card: it mu",
    " st be current when you renew your ACSM certification. These dates are CEC ",
    " Guide's reading of ACSM's rules\\; ACSM's own pages decide.",
    "TRANSP:TRANSPARENT",
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    "DESCRIPTION:Renew your CPR/AED card: it expires on 2027-08-01\\, and it must",
    "  be current when you renew your ACSM certification.",
    "TRIGGER:-P60D",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
]


def test_the_whole_file_of_a_trainer_in_the_grace_period(rules: Rules) -> None:
    t = trainer(rules, date(2027, 3, 1), cpr=date(2027, 8, 1))
    assert ics(rules, t, date(2027, 3, 1)) == "".join(line + "\r\n" for line in GRACE_FILE)


def test_every_line_is_short_and_ends_in_crlf(rules: Rules) -> None:
    text = ics(rules, trainer(rules, date(2025, 6, 1)), date(2025, 6, 1))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_folding_never_splits_a_character() -> None:
    line = "DESCRIPTION:" + "é" * 80  # 2 octets each
    folded = _fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_a_line_of_75_octets_stays_whole_and_one_more_octet_folds() -> None:
    line = "SUMMARY:" + "a" * 67  # 75 octets
    assert _fold(line) == line
    assert _fold(line + "b") == f"{line}\r\n b"
    # "é" is 2 octets: at octet 75 it would be split, so it starts the next line whole.
    accented = "SUMMARY:" + "a" * 66 + "é"  # 76 octets
    assert _fold(accented) == "SUMMARY:" + "a" * 66 + "\r\n é"


def test_a_long_accented_title_folds_and_unfolds_to_the_same_text() -> None:
    title = "Renouvellement de la certification ACSM, échéance très proche; à faire"
    line = f"SUMMARY:{_escape(title)}"
    folded = _fold(line)
    parts = folded.split("\r\n")
    assert len(parts) == 2 and all(len(p.encode()) <= 75 for p in parts)
    assert len(parts[0].encode()) >= 74  # filled up to the limit, less a split character
    assert folded.replace("\r\n ", "") == line
    icalendar = pytest.importorskip("icalendar")
    event = icalendar.Event.from_ical(f"BEGIN:VEVENT\r\n{folded}\r\nEND:VEVENT\r\n")
    assert str(event["SUMMARY"]) == title


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
    assert cycle_share(START, END, date(2023, 12, 31)) == 0
    assert cycle_share(START, END, START) == Decimal(1) / Decimal(1096)
    assert cycle_share(START, END, date(2024, 12, 31)) == Decimal(366) / Decimal(1096)
    assert cycle_share(START, END, END) == 1
    assert cycle_share(START, END, date(2027, 6, 1)) == 1


# --- The page's door ------------------------------------------------------------------------


def test_bridge_gives_the_calendar_or_a_reason(bundle: dict[str, Any]) -> None:
    bridge.load_rules(json.dumps(bundle))
    profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31"}
    good = json.loads(
        bridge.calendar(json.dumps({"profile": profile, "activities": []}), "2026-06-01")
    )
    assert good["ok"] and good["text"].startswith("BEGIN:VCALENDAR")
    bad = json.loads(bridge.calendar(json.dumps({"profile": {}, "activities": []}), "2026-06-01"))
    assert bad["ok"] is False and bad["problems"]
    eim = {"profile": {**profile, "certifications": ["eim"]}, "activities": []}
    assert "no CEC requirement" in json.loads(bridge.calendar(json.dumps(eim)))["error"]
    assert json.loads(bridge.calendar("nope"))["ok"] is False
