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
    # Where to do it, when that is ACSM's own page: the link's words, with the source whose
    # address it is.
    link: Applied[str] | None = None

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
    amount: str = ""  # the amount in words, as sure as its sources ("$165 (another copy...)")


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
    copies: tuple[int, ...] = ()  # for each activity entered more than once, how many times


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
    # An audit can come up to a year after recertification: after the recorded day of renewal,
    # else the latest day renewal is still possible (never earlier than today, for a cycle already
    # lapsed); and never before the next cycle starts, since an early renewal recertifies for it
    # (renewing in October keeps proof until the January after next).
    renewal_day = profile.renewed_on or max(grace_end or end, profile.as_of)
    recertified = max(renewal_day, end + timedelta(days=1))
    dates = KeyDates(
        cycle_start=start,
        cycle_end=end,
        renewal_opens=add_years(end, -int(window.value)) + timedelta(days=1) if window else None,
        grace_period_end=grace_end,
        keep_proof_until=add_years(recertified, int(keep.value)) if keep else None,
        as_of=profile.as_of,
        renewed_on=profile.renewed_on,
    )
    return dates, _cites(window, grace, keep)


def beyond_known(rules: Rules, dates: KeyDates) -> Applied[Decimal] | None:
    """The rule saying how far ACSM's published reinstatement text reaches, when today is past
    it: a lapse so long that the site promises no fee and no reinstatement."""
    rule = rules.renewal.reinstatement_known_years
    known = apply(rules, rule, dates.cycle_end) if rule else None
    if known is None or dates.as_of <= add_years(dates.cycle_end, int(known.value)):
        return None
    return known


def _reinstatement_fee(rules: Rules, day: date, dates: KeyDates) -> Fee:
    r = rules.renewal
    beyond = beyond_known(rules, dates)
    if beyond is not None:
        text = (
            f"ACSM has not published a reinstatement fee for a cycle that ended more than "
            f"{fmt(beyond.value)} years ago"
        )
        return Fee("reinstatement", None, text, _cites(beyond))
    fee = apply(rules, r.reinstatement_fee_usd, day)
    if fee is None:
        return Fee("reinstatement", None, "The reinstatement fee is not known for this date", ())
    other = (
        apply(rules, r.reinstatement_fee_other_usd, day) if r.reinstatement_fee_other_usd else None
    )
    assert dates.grace_period_end is not None  # only asked for once the grace period ended
    amount = _fee_words(fee, other)
    text = (
        f"Reinstatement fee {amount}, since the grace period ended "
        f"{dates.grace_period_end.isoformat()}"
    )
    return Fee("reinstatement", fee.value, text, _cites(fee, other), amount)


def _fee_words(fee: Applied[Decimal], other: Applied[Decimal] | None) -> str:
    """A fee as sure as its sources: "$165", "$165 (unconfirmed)", or with the other figure a
    less certain copy of ACSM's page gives, "$165 (another copy of ACSM's page says $225: ask
    ACSM)"."""
    if other is not None and other.value != fee.value:
        return (
            f"{money(fee.value)} (another copy of ACSM's page says {money(other.value)}: ask ACSM)"
        )
    return money(fee.value) + (" (unconfirmed)" if fee.citation.unconfirmed else "")


def _lapsed_fee(fee: Fee) -> str:
    """The reinstatement fee in words (both figures when sources disagree), or that it is not
    known."""
    return fee.amount or "amount not known"


def _fee_day(profile: Profile, dates: KeyDates) -> date:
    """The day the renewal fee is paid: the recorded renewal day; else today, or the day renewal
    opens when that is later (a fee raised before then is the one she will pay)."""
    if profile.renewed_on is not None:
        return profile.renewed_on
    opens = dates.renewal_opens
    return opens if opens is not None and opens > profile.as_of else profile.as_of


def _fee(rules: Rules, profile: Profile, highest: str, dates: KeyDates) -> Fee:
    day = _fee_day(profile, dates)
    r = rules.renewal
    if dates.grace_period_end and day > dates.grace_period_end:
        return _reinstatement_fee(rules, day, dates)
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
    if day > profile.as_of and profile.renewed_on is None:
        said += f" (the fee in force when renewal opens, {day.isoformat()})"
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
    beyond = beyond_known(rules, dates)
    if beyond is not None:
        text = (
            f"The grace period ended on {grace}, and your cycle ended more than "
            f"{fmt(beyond.value)} years ago: ask ACSM whether you can still reinstate or must "
            "take the exam again"
        )
        return Check("renewal_window", WARNING, text, (*citations, beyond.citation))
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
        beyond = beyond_known(rules, dates)
        if beyond is not None:
            text = "Ask ACSM whether you can still reinstate or must take the exam again"
            return Check("renewal", TODO, text, fee.citations)
        steps = apply(rules, rules.renewal.reinstatement, dates.as_of)
        text = (
            "Ask ACSM for reinstatement: send its reinstatement request form with the required "
            f"documents and pay the reinstatement fee, {_lapsed_fee(fee)}"
        )
        return Check(
            "renewal", TODO, text, (*fee.citations, *_cites(steps)), steps.value if steps else ()
        )
    by = dates.grace_period_end if phase == "grace" else dates.cycle_end
    late = " with the late fee" if phase == "grace" else ""
    day = by.isoformat() if by else "the deadline"
    text = f"Submit the renewal form and pay the fee{late}, {amount}, by {day}"
    return Check("renewal", TODO, text, fee.citations, link=_acsm_page(rules, dates.as_of))


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
    return Check("reported", TODO, text, _cites(steps_rule), steps, _acsm_page(rules, day))


def _acsm_page(rules: Rules, day: date) -> Applied[str] | None:
    """The link to ACSM's own page a to-do that sends the professional there gives."""
    page = rules.tracking.acsm_page
    return apply(rules, page, day) if page else None


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


def copies_sentence(groups: tuple[int, ...]) -> str:
    """What the duplicate rule did, in one sentence: "2 activities look like the same course
    entered twice: counted once." ("" when no activity was entered more than once)."""
    if not groups:
        return ""
    total = sum(groups)
    if len(groups) > 1:
        return (
            f"{total} activities look like {len(groups)} courses each entered more than once: "
            "each counted once."
        )
    times = "twice" if total == 2 else f"{total} times"
    return f"{total} activities look like the same course entered {times}: counted once."


def _verdict(
    rules: Rules,
    s: Standing,
    cpr: Check,
    renewal: Check,
    dates: KeyDates,
    fee: Fee,
    cpr_known: bool,
) -> Verdict:
    short = s.required - s.earned
    total = f"{fmt(s.earned)} of {fmt(s.required)} CECs"
    if dates.renewed_on is not None:
        day = dates.renewed_on.isoformat()
        keep = dates.keep_proof_until.isoformat() if dates.keep_proof_until else "a year"
        card = (
            "your CPR/AED card was not current that day (or its expiry is not entered)"
            if cpr.state != DONE
            else ""
        )
        if short > 0:
            also = f" Also, {card}." if card else ""
            return Verdict(
                "short",
                f"Your renewal on {day} did not meet the requirement: {total}.{also} Earn the "
                f"missing {cecs(short)} and ask ACSM how to send {'it' if short == 1 else 'them'}"
                "; if ACSM audits this renewal, it will ask for proof. Keep your certificates "
                f"until {keep}.",
                (
                    f"Earn the missing {cecs(short)} (they are not in this renewal's total).",
                    "Ask ACSM whether you can add them to this renewal, and how.",
                    f"Keep every certificate until {keep}.",
                ),
            )
        if card:
            return Verdict(
                "check",
                f"You renewed on {day}, but {card}: if ACSM audits this renewal, it will ask for "
                f"proof. Keep your certificates until {keep}.",
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
        beyond = beyond_known(rules, dates)
        if beyond is not None:
            return Verdict(
                "lapsed",
                f"Your certification lapsed on {grace}, when its grace period ended, and your "
                f"cycle ended more than {fmt(beyond.value)} years ago ({end}). ACSM's published "
                "rules do not say what happens after so long: ask ACSM whether you can still "
                "reinstate or must take the exam again.",
            )
        enough = (
            f"you have all {fmt(s.required)} CECs from that cycle"
            if short <= 0
            else f"you have {total} from that cycle, and new CECs cannot be added"
        )
        return Verdict(
            "lapsed",
            f"Your certification lapsed on {grace}, when its grace period ended. To reinstate "
            "it, ACSM asks for its reinstatement request form, the required documents and a "
            f"fee of {_lapsed_fee(fee)}. Only CECs earned in the lapsed cycle count: {enough}.",
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
    if _phase(dates) == "lapsed" and profile.renewed_on is None:
        # CECs can no longer be earned for a lapsed cycle: never "N to go".
        earned = Check(
            "cecs",
            DONE if short <= 0 else WARNING,
            f"{fmt(s.earned)} of {fmt(s.required)} CECs earned in the lapsed cycle"
            + ("" if short <= 0 else "; new CECs cannot be used to reinstate it"),
        )
    else:
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
    verdict = _verdict(rules, s, cpr, renewal, dates, fee, profile.cpr_expires is not None)
    copied = copies_sentence(s.copies)
    if copied:
        verdict = Verdict(verdict.state, f"{verdict.headline} {copied}", verdict.steps)
    return Outlook(
        verdict,
        tuple(checklist),
        dates,
        fee,
        _pace(s.required, s.earned, dates),
        ((copied,) if copied else ()) + _warnings(rules, profile, dates),
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
