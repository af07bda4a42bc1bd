"""Where the professional stands beyond the CEC count: the headline, checklist, fee, key dates
and pace.

Nothing here says "done" before ACSM would: renewal is done only once the professional records
the day they submitted it, CPR/AED is judged on that day, and the dates of the renewal window are
information, never a tick.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from calc.citations import Applied, Citation, apply
from calc.dated import add_years, month_day_after
from calc.model import Profile, Rules
from calc.text import cecs, fmt, money

# Within this share of the requirement, pace counts as "on track". A presentation choice, not an
# ACSM rule.
PACE_TOLERANCE = Decimal("0.05")

DONE, TODO, INFO, WARNING = "done", "todo", "info", "warning"


@dataclass(frozen=True)
class Check:
    id: str
    state: str  # done, todo, info (a fact to know) or warning (a fact that costs something)
    text: str
    citations: tuple[Citation, ...] = ()
    steps: tuple[str, ...] = ()  # how to do it, in order

    @property
    def ok(self) -> bool | None:
        return True if self.state == DONE else False if self.state == TODO else None


@dataclass(frozen=True)
class Verdict:
    """The one sentence a professional reads first."""

    state: str  # done, renew, short, grace, lapsed, check
    headline: str
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyDates:
    cycle_start: date
    cycle_end: date
    renewal_opens: date | None
    grace_period_end: date | None
    keep_proof_until: date | None
    as_of: date
    renewed_on: date | None


@dataclass(frozen=True)
class Fee:
    phase: str  # "regular", "late" (grace period) or "reinstatement"
    total: Decimal | None  # None: some part of it is not known for that date
    explanation: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Pace:
    state: str  # not_started, behind, on_track, ahead, complete
    expected: Decimal  # CECs a steady pace would have by the as-of date
    elapsed_percent: int


@dataclass(frozen=True)
class Standing:
    """What the activities add up to, as the outlook needs it."""

    required: Decimal
    highest: str  # the certification whose requirement and fee apply
    earned: Decimal
    counted: int
    missing_proof: int
    to_report: int
    to_report_cecs: Decimal
    auto_reported: int  # ACSM's own, said to reach the dashboard by itself, not yet marked


@dataclass(frozen=True)
class Outlook:
    verdict: Verdict
    checklist: tuple[Check, ...]
    dates: KeyDates
    fee: Fee
    pace: Pace
    warnings: tuple[str, ...]


def _cites(*found: Applied[Any] | None) -> tuple[Citation, ...]:
    return tuple(f.citation for f in found if f is not None)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _dates(rules: Rules, profile: Profile, start: date) -> tuple[KeyDates, tuple[Citation, ...]]:
    end = profile.cycle_end
    window = apply(rules, rules.renewal.renewal_window_years, end)
    grace = apply(rules, rules.renewal.grace_period_end, end)
    keep = apply(rules, rules.audits.keep_proof_years, end)
    grace_end = month_day_after(end, grace.value) if grace else None
    # An audit can come up to a year after the day of renewal: the recorded day, else the latest
    # day renewal is still possible (never earlier than today, for a cycle already lapsed).
    renewal_day = profile.renewed_on or max(grace_end or end, profile.as_of)
    dates = KeyDates(
        cycle_start=start,
        cycle_end=end,
        renewal_opens=add_years(end, -int(window.value)) + timedelta(days=1) if window else None,
        grace_period_end=grace_end,
        keep_proof_until=add_years(renewal_day, int(keep.value)) if keep else None,
        as_of=profile.as_of,
        renewed_on=profile.renewed_on,
    )
    return dates, _cites(window, grace, keep)


def _fee(rules: Rules, profile: Profile, highest: str, dates: KeyDates) -> Fee:
    day = profile.renewed_on or profile.as_of
    r = rules.renewal
    if dates.grace_period_end and day > dates.grace_period_end:
        fee = apply(rules, r.reinstatement_fee_usd, day)
        text = (
            f"Reinstatement fee {money(fee.value)} (the grace period ended "
            f"{dates.grace_period_end.isoformat()})"
            if fee
            else "The reinstatement fee is not known for this date"
        )
        return Fee("reinstatement", fee.value if fee else None, text, _cites(fee))
    cert = rules.certifications[highest]
    base = apply(rules, cert.renewal_fee_usd, day) if cert.renewal_fee_usd else None
    if base is None:
        return Fee(
            "regular",
            None,
            f"The {cert.abbreviation} renewal fee in force on {day.isoformat()} is not known",
            (),
        )
    total = base.value
    parts = [f"{cert.abbreviation} renewal fee {money(base.value)}"]
    found: list[Applied[Any]] = [base]
    others = [
        c
        for c in profile.certifications
        if c != highest and rules.certifications[c].renewal_fee_usd is not None
    ]
    if others:
        extra = apply(rules, r.additional_certification_fee_usd, day)
        if extra is None:
            return Fee("regular", None, "The fee for additional certifications is not known", ())
        total += extra.value * len(others)
        doubt = " (unconfirmed)" if extra.citation.unconfirmed else ""
        parts.append(f"{money(extra.value)} x {len(others)} more certification(s){doubt}")
        found.append(extra)
    phase = "regular"
    if day > profile.cycle_end:
        late = apply(rules, r.late_fee_usd, day)
        if late is None:
            return Fee("late", None, "The late fee is not known for this date", _cites(*found))
        total += late.value
        parts.append(f"{money(late.value)} late fee (grace period)")
        found.append(late)
        phase = "late"
    said = parts[0] if len(parts) == 1 else " + ".join(parts) + f" = {money(total)}"
    return Fee(phase, total, said, _cites(*found))


def _phase(dates: KeyDates) -> str:
    """Where today falls: before the window, open, grace (expired status) or lapsed."""
    day, opens, grace = dates.as_of, dates.renewal_opens, dates.grace_period_end
    if day <= dates.cycle_end:
        return "before" if opens is not None and day < opens else "open"
    return "grace" if grace is None or day <= grace else "lapsed"


def _window(rules: Rules, dates: KeyDates, citations: tuple[Citation, ...]) -> Check:
    """When renewal is possible: information or a warning, never a tick."""
    end = dates.cycle_end.isoformat()
    grace = dates.grace_period_end.isoformat() if dates.grace_period_end else "not known"
    if dates.renewed_on is not None:
        return Check("renewal_window", INFO, f"You renewed on {dates.renewed_on.isoformat()}")
    phase = _phase(dates)
    if phase == "before" and dates.renewal_opens is not None:
        text = (
            f"Renewal opens on {dates.renewal_opens.isoformat()}, in the final year of your cycle"
        )
        return Check("renewal_window", INFO, text, citations)
    if phase == "open":
        return Check("renewal_window", INFO, f"Renewal is open until {end}", citations)
    if phase == "grace":
        status = apply(rules, rules.renewal.grace_status, dates.as_of)
        said = f" {status.value}" if status else ""
        text = (
            f"Your certification expired on {end}.{said} Renew by {grace}; the fee now includes "
            "the late fee."
        )
        return Check("renewal_window", WARNING, text, (*citations, *_cites(status)))
    text = (
        f"The grace period ended on {grace}: your cycle has lapsed and only reinstatement remains"
    )
    return Check("renewal_window", WARNING, text, citations)


def _renewal(rules: Rules, dates: KeyDates, fee: Fee) -> Check:
    """Submitting the renewal form and paying: done only once the professional says so."""
    if dates.renewed_on is not None:
        late = " (in the grace period)" if dates.renewed_on > dates.cycle_end else ""
        return Check("renewal", DONE, f"Renewed on {dates.renewed_on.isoformat()}{late}")
    amount = money(fee.total) if fee.total is not None else "amount not known"
    phase = _phase(dates)
    if phase == "lapsed":
        steps = apply(rules, rules.renewal.reinstatement, dates.as_of)
        text = f"Ask ACSM for reinstatement and pay the reinstatement fee, {amount}"
        return Check(
            "renewal", TODO, text, (*fee.citations, *_cites(steps)), steps.value if steps else ()
        )
    by = dates.grace_period_end if phase == "grace" else dates.cycle_end
    late = " with the late fee" if phase == "grace" else ""
    day = by.isoformat() if by else "the deadline"
    text = f"Submit the renewal form and pay the fee{late}, {amount}, by {day}"
    return Check("renewal", TODO, text, fee.citations)


def _cpr(rules: Rules, profile: Profile, dates: KeyDates) -> Check:
    """ACSM asks for a current CPR/AED certification when you renew: judged on the day of
    renewal once recorded; until then on the last day renewal is due."""
    required = apply(rules, rules.renewal.cpr_aed_required, profile.cycle_end)
    # Not known on the day: asked for all the same, the reading that never ticks too early.
    if required is not None and not required.value:
        return Check("cpr", DONE, "No CPR/AED certification is required", _cites(required))
    cites = _cites(required)
    expires = profile.cpr_expires
    renewed = profile.renewed_on
    if expires is None:
        text = (
            "A current CPR/AED certification is required when you renew: enter when your card "
            "expires"
        )
        return Check("cpr", TODO, text, cites)
    until = expires.isoformat()
    if renewed is not None:
        if expires >= renewed:
            text = f"CPR/AED card current on {renewed.isoformat()}, the day you renewed"
            return Check("cpr", DONE, text, cites)
        text = (
            f"Your CPR/AED card expired on {until}, before the day you renewed "
            f"({renewed.isoformat()}): ACSM requires a current card when you renew"
        )
        return Check("cpr", TODO, text, cites)
    if expires < profile.as_of:
        return Check("cpr", TODO, f"Your CPR/AED card expired on {until}: renew it", cites)
    if _phase(dates) in ("before", "open") and expires < profile.cycle_end:
        text = (
            f"Your CPR/AED card expires on {until}, before your renewal is due "
            f"({profile.cycle_end.isoformat()}): renew the card, or renew your certification "
            "while the card is current"
        )
        return Check("cpr", TODO, text, cites)
    return Check("cpr", DONE, f"CPR/AED card current until {until}", cites)


def _reported(rules: Rules, s: Standing, day: date) -> Check:
    steps_rule = apply(rules, rules.tracking.self_reporting_steps, day)
    steps = steps_rule.value if steps_rule else ()
    auto = (
        f"; ACSM should add {_plural(s.auto_reported, 'activity', 'activities')} from its own "
        "courses, events or webinars by itself: check your dashboard"
        if s.auto_reported
        else ""
    )
    if s.counted == 0:
        return Check("reported", INFO, "No counted CECs to report yet")
    if s.to_report == 0:
        text = "Nothing left to enter in ACSM's Self-Reporting Tool" + auto
        return Check("reported", DONE, text)
    text = (
        f"{_plural(s.to_report, 'activity', 'activities')} ({cecs(s.to_report_cecs)}) still "
        f"to enter in ACSM's Self-Reporting Tool{auto}. Mark each one as entered once you have"
    )
    return Check("reported", TODO, text, _cites(steps_rule), steps)


def cycle_share(start: date, end: date, day: date) -> Decimal:
    """How much of the cycle has passed by the end of ``day``: 0 before it, 1 from its end."""
    total = (end - start).days + 1
    return Decimal(min(total, max(0, (day - start).days + 1))) / Decimal(total)


def _pace(required: Decimal, earned: Decimal, dates: KeyDates) -> Pace:
    share = cycle_share(dates.cycle_start, dates.cycle_end, dates.as_of)
    expected = required * share
    tolerance = required * PACE_TOLERANCE
    if earned >= required:
        state = "complete"
    elif share == 0:
        state = "not_started"
    elif earned > expected + tolerance:
        state = "ahead"
    elif earned >= expected - tolerance:
        state = "on_track"
    else:
        state = "behind"
    shown = expected.quantize(Decimal("0.1")).normalize()
    return Pace(state, shown, int(share * 100))


def _verdict(
    s: Standing, cpr: Check, renewal: Check, dates: KeyDates, fee: Fee, cpr_known: bool
) -> Verdict:
    short = s.required - s.earned
    total = f"{fmt(s.earned)} of {fmt(s.required)} CECs"
    if dates.renewed_on is not None:
        day = dates.renewed_on.isoformat()
        gaps = []
        if short > 0:
            gaps.append(f"only {total} count by that day")
        if cpr.state != DONE:
            gaps.append("your CPR/AED card was not current that day (or its expiry is not entered)")
        keep = dates.keep_proof_until.isoformat() if dates.keep_proof_until else "a year"
        if gaps:
            return Verdict(
                "check",
                f"You renewed on {day}, but {' and '.join(gaps)}: if ACSM audits this renewal, it "
                f"will ask for proof. Keep your certificates until {keep}.",
            )
        return Verdict(
            "done",
            f"Done: you renewed on {day} with {total} and a current CPR/AED card. Keep your "
            f"certificates until {keep}.",
        )
    phase = _phase(dates)
    end = dates.cycle_end.isoformat()
    if phase == "lapsed":
        assert dates.grace_period_end is not None  # lapsed: the grace period's end is known
        grace = dates.grace_period_end.isoformat()
        amount = f" ({money(fee.total)} fee)" if fee.total is not None else ""
        return Verdict(
            "lapsed",
            f"Your cycle lapsed when the grace period ended on {grace}: only reinstatement "
            f"remains{amount}, with {total} from that cycle.",
            renewal.steps,
        )
    so_far = "CECs complete" if short <= 0 else f"{cecs(short)} to go ({total})"
    cpr_first = (
        ""
        if cpr.state == DONE
        else " Renew your CPR/AED card first."
        if cpr_known
        else " Enter when your CPR/AED card expires: it must be current when you renew."
    )
    if phase == "grace":
        by = (
            f"by {dates.grace_period_end.isoformat()}"
            if dates.grace_period_end
            else "as soon as you can (the grace period's end is not known)"
        )
        return Verdict(
            "grace",
            f"Your certification expired on {end} and is in its grace period: {so_far}; renew "
            f"{by} with the late fee.{cpr_first}",
        )
    if short <= 0:
        return Verdict("renew", f"CECs complete: now renew by {end}.{cpr_first}")
    return Verdict("short", f"{cecs(short)} to go by {end}: {total} so far.{cpr_first}")


def outlook(rules: Rules, profile: Profile, start: date, s: Standing) -> Outlook:
    dates, date_cites = _dates(rules, profile, start)
    fee = _fee(rules, profile, s.highest, dates)
    short = s.required - s.earned
    cecs_text = f"{fmt(s.earned)} of {fmt(s.required)} CECs earned" + (
        "" if short <= 0 else f": {fmt(short)} to go"
    )
    earned = Check("cecs", DONE if short <= 0 else TODO, cecs_text)
    keep = apply(rules, rules.audits.keep_proof_years, profile.cycle_end)
    proof = (
        Check("certificates", INFO, "No counted activities yet", _cites(keep))
        if s.counted == 0
        else Check("certificates", DONE, "Every counted activity has its certificate", _cites(keep))
        if s.missing_proof == 0
        else Check(
            "certificates",
            TODO,
            f"{s.missing_proof} counted activit{'y has' if s.missing_proof == 1 else 'ies have'} "
            "no certificate: get one and keep it in case of an audit",
            _cites(keep),
        )
    )
    cpr = _cpr(rules, profile, dates)
    renewal = _renewal(rules, dates, fee)
    checklist = [earned, cpr]
    if profile.renewed_on is None:
        checklist.append(_reported(rules, s, profile.as_of))
    checklist += [
        renewal,
        proof,
        _window(rules, dates, date_cites),
        Check("fee", INFO, fee.explanation, fee.citations),
    ]
    return Outlook(
        _verdict(s, cpr, renewal, dates, fee, profile.cpr_expires is not None),
        tuple(checklist),
        dates,
        fee,
        _pace(s.required, s.earned, dates),
        _warnings(rules, profile, dates),
    )


def _warnings(rules: Rules, profile: Profile, dates: KeyDates) -> tuple[str, ...]:
    warnings = []
    for cid in profile.certifications:
        cert = rules.certifications[cid]
        standing = apply(rules, cert.standing, profile.as_of)
        if standing and standing.value == "closed":
            warnings.append(f"{cert.abbreviation} is closed to new candidates")
        elif standing and standing.value == "unknown":
            warnings.append(
                f"Whether {cert.abbreviation} is still offered, and on what terms, could not be "
                "confirmed: check with ACSM"
            )
    cycle_end = apply(rules, rules.renewal.cycle_end, profile.cycle_end)
    if cycle_end and profile.cycle_end.strftime("%m-%d") != cycle_end.value:
        warnings.append(
            f"ACSM cycles end on {cycle_end.value} (month-day): check the end date on your "
            "certificate"
        )
    renewed = profile.renewed_on
    if renewed and renewed < dates.cycle_start:
        warnings.append(
            f"You recorded renewing on {renewed.isoformat()}, before this cycle began "
            f"({dates.cycle_start.isoformat()}): enter the day you renewed for this cycle"
        )
    elif renewed and dates.renewal_opens and renewed < dates.renewal_opens:
        warnings.append(
            f"You recorded renewing on {renewed.isoformat()}, before renewal opened "
            f"({dates.renewal_opens.isoformat()}): check the date"
        )
    if renewed and dates.grace_period_end and renewed > dates.grace_period_end:
        warnings.append(
            f"You recorded renewing on {renewed.isoformat()}, after the grace period ended "
            f"({dates.grace_period_end.isoformat()}): that would be a reinstatement"
        )
    return tuple(warnings)
