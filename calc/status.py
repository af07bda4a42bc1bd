"""Where the professional stands beyond the CEC count: checklist, fee, key dates and pace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from calc.citations import Citation, apply, fmt, money
from calc.dated import add_years, month_day_after
from calc.logbook import Profile
from calc.model import Rules

# Within this share of the requirement, pace counts as "on track". A presentation choice, not an
# ACSM rule.
PACE_TOLERANCE = Decimal("0.05")


@dataclass(frozen=True)
class Check:
    id: str
    ok: bool | None  # None: cannot tell (information missing) or informational
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class KeyDates:
    cycle_start: date
    cycle_end: date
    renewal_opens: date | None
    grace_period_end: date | None
    keep_proof_until: date | None
    as_of: date


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
class Outlook:
    checklist: tuple[Check, ...]
    dates: KeyDates
    fee: Fee
    pace: Pace
    warnings: tuple[str, ...]


def _cites(*found: object) -> tuple[Citation, ...]:
    return tuple(f.citation for f in found if f is not None and hasattr(f, "citation"))


def _dates(rules: Rules, profile: Profile, start: date) -> tuple[KeyDates, tuple[Citation, ...]]:
    end = profile.cycle_end
    window = apply(rules, rules.renewal.renewal_window_years, end)
    grace = apply(rules, rules.renewal.grace_period_end, end)
    keep = apply(rules, rules.audits.keep_proof_years, end)
    dates = KeyDates(
        cycle_start=start,
        cycle_end=end,
        renewal_opens=add_years(end, -int(window.value)) + timedelta(days=1) if window else None,
        grace_period_end=month_day_after(end, grace.value) if grace else None,
        keep_proof_until=add_years(end, int(keep.value)) if keep else None,
        as_of=profile.as_of,
    )
    return dates, _cites(window, grace, keep)


def _fee(rules: Rules, profile: Profile, highest: str, dates: KeyDates) -> Fee:
    day = profile.as_of
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
    found: list[object] = [base]
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


def _window(dates: KeyDates, citations: tuple[Citation, ...]) -> Check:
    day, opens, grace = dates.as_of, dates.renewal_opens, dates.grace_period_end
    end = dates.cycle_end.isoformat()
    if opens is None:
        return Check("renewal_window", None, "When renewal opens is not known", ())
    if day < opens:
        text = f"Renewal opens on {opens.isoformat()}, in the final year of your cycle"
        return Check("renewal_window", False, text, citations)
    if day <= dates.cycle_end:
        return Check("renewal_window", True, f"Renewal is open: renew by {end}", citations)
    if grace is not None and day <= grace:
        text = f"Grace period: renew by {grace.isoformat()}, with the late fee"
        return Check("renewal_window", True, text, citations)
    text = "The grace period has ended: only reinstatement remains, with CECs from that cycle"
    return Check("renewal_window", False, text, citations)


def _cpr(rules: Rules, profile: Profile) -> Check:
    required = apply(rules, rules.renewal.cpr_aed_required, profile.cycle_end)
    if required is None or not required.value:
        return Check("cpr", True, "No CPR/AED certification is required", _cites(required))
    end = profile.cycle_end.isoformat()
    cites = _cites(required)
    if profile.cpr_expires is None:
        text = "A current CPR/AED certification is required: enter when your card expires"
        return Check("cpr", None, text, cites)
    expires = profile.cpr_expires.isoformat()
    if profile.cpr_expires >= profile.cycle_end:
        return Check("cpr", True, f"CPR/AED card current on {end} (expires {expires})", cites)
    text = f"CPR/AED card expires {expires}, before your cycle ends on {end}: renew it"
    return Check("cpr", False, text, cites)


def _pace(required: Decimal, earned: Decimal, dates: KeyDates) -> Pace:
    total = (dates.cycle_end - dates.cycle_start).days + 1
    elapsed = min(total, max(0, (dates.as_of - dates.cycle_start).days + 1))
    share = Decimal(elapsed) / Decimal(total)
    expected = required * share
    tolerance = required * PACE_TOLERANCE
    if earned >= required:
        state = "complete"
    elif elapsed == 0:
        state = "not_started"
    elif earned > expected + tolerance:
        state = "ahead"
    elif earned >= expected - tolerance:
        state = "on_track"
    else:
        state = "behind"
    shown = expected.quantize(Decimal("0.1")).normalize()
    return Pace(state, shown, int(share * 100))


def outlook(
    rules: Rules,
    profile: Profile,
    start: date,
    required: Decimal,
    highest: str,
    earned: Decimal,
    missing_proof: int,
) -> Outlook:
    dates, date_cites = _dates(rules, profile, start)
    fee = _fee(rules, profile, highest, dates)
    short = required - earned
    cecs = Check(
        "cecs",
        short <= 0,
        f"{fmt(earned)} of {fmt(required)} CECs earned"
        + ("" if short <= 0 else f": {fmt(short)} to go"),
    )
    keep = apply(rules, rules.audits.keep_proof_years, profile.cycle_end)
    proof = Check(
        "certificates",
        missing_proof == 0,
        "Every counted activity has its certificate"
        if missing_proof == 0
        else f"{missing_proof} counted activit{'y has' if missing_proof == 1 else 'ies have'} "
        "no certificate: get one and keep it in case of an audit",
        _cites(keep),
    )
    fee_check = Check("fee", None, fee.explanation, fee.citations)
    checklist = (cecs, _cpr(rules, profile), _window(dates, date_cites), fee_check, proof)
    return Outlook(checklist, dates, fee, _pace(required, earned, dates), _warnings(rules, profile))


def _warnings(rules: Rules, profile: Profile) -> tuple[str, ...]:
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
    return tuple(warnings)
