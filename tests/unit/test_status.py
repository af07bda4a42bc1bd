"""The checklist and fee when the rules do not know a value on the day (a maintainer retired
it, or ACSM has not published it): the calculator says so rather than guess or fail."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.engine import Tally, tally
from calc.model import Activity, Profile, Rules


def retired(rule: Any) -> Any:
    return replace(rule, entries=tuple(replace(e, value=None) for e in rule.entries))


def checked(t: Tally, cid: str) -> Any:
    (found,) = [c for c in t.outlook.checklist if c.id == cid]
    return found


COURSE = Activity(date(2025, 3, 1), "Course", "ace", Decimal("4.5"), certificate=True)


def test_no_proof_period_known(rules: Rules) -> None:
    changed = replace(
        rules, audits=replace(rules.audits, keep_proof_years=retired(rules.audits.keep_proof_years))
    )
    t = tally(
        changed, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [COURSE]
    )
    assert t.outlook.dates.keep_proof_until is None
    certificates = checked(t, "certificates")
    assert (certificates.text, certificates.citations) == (
        "Every counted activity has its certificate",
        (),
    )


@pytest.mark.parametrize("gone", ["retired", "never given"])
def test_without_a_link_to_acsms_page_the_to_dos_still_say_what_to_do(
    rules: Rules, gone: str
) -> None:
    page = rules.tracking.acsm_page
    assert page is not None
    tracking = replace(rules.tracking, acsm_page=retired(page) if gone == "retired" else None)
    changed = replace(rules, tracking=tracking)
    t = tally(
        changed, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [COURSE]
    )
    for cid in ("renewal", "reported"):
        item = checked(t, cid)
        assert (
            item.link is None and item.text == checked(tally(rules, t.profile, [COURSE]), cid).text
        )


def test_no_reinstatement_fee_known(rules: Rules) -> None:
    renewal = replace(
        rules.renewal, reinstatement_fee_usd=retired(rules.renewal.reinstatement_fee_usd)
    )
    changed = replace(rules, renewal=renewal)
    t = tally(changed, Profile(("cpt",), date(2025, 12, 31), None, None, date(2026, 7, 1)), [])
    fee = t.outlook.fee
    assert (fee.phase, fee.total, fee.explanation, fee.citations) == (
        "reinstatement",
        None,
        "The reinstatement fee is not known for this date",
        (),
    )


@pytest.mark.parametrize("gone", ["retired", "never given"])
def test_no_renewal_fee_known(rules: Rules, gone: str) -> None:
    cpt = rules.certifications["cpt"]
    assert cpt.renewal_fee_usd is not None
    fee_rule = retired(cpt.renewal_fee_usd) if gone == "retired" else None
    changed = replace(
        rules,
        certifications={**rules.certifications, "cpt": replace(cpt, renewal_fee_usd=fee_rule)},
    )
    t = tally(changed, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    fee = t.outlook.fee
    assert (fee.phase, fee.total, fee.explanation, fee.citations) == (
        "regular",
        None,
        "The ACSM-CPT renewal fee in force on 2026-06-01 is not known",
        (),
    )


def test_no_fee_for_additional_certifications_known(rules: Rules) -> None:
    renewal = replace(
        rules.renewal,
        additional_certification_fee_usd=retired(rules.renewal.additional_certification_fee_usd),
    )
    changed = replace(rules, renewal=renewal)
    t = tally(changed, Profile(("cpt", "ep"), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    fee = t.outlook.fee
    assert (fee.phase, fee.total, fee.explanation, fee.citations) == (
        "regular",
        None,
        "The fee for additional certifications is not known",
        (),
    )


def test_when_the_rules_say_no_card_is_needed(rules: Rules) -> None:
    needed = rules.renewal.cpr_aed_required
    no = replace(needed, entries=tuple(replace(e, value=False) for e in needed.entries))
    changed = replace(rules, renewal=replace(rules.renewal, cpr_aed_required=no))
    t = tally(changed, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    cpr = checked(t, "cpr")
    assert (cpr.id, cpr.state, cpr.text) == ("cpr", "done", "No CPR/AED certification is required")
    assert [c.rule for c in cpr.citations] == ["renewal.cpr_aed_required"]


@pytest.mark.parametrize(
    ("expires", "as_of", "renewed"),
    [
        (None, "2026-06-01", None),
        ("2026-05-01", "2026-06-01", None),
        ("2026-09-01", "2026-06-01", None),
        ("2027-09-01", "2026-06-01", None),
        ("2026-11-01", "2026-12-10", "2026-12-05"),
    ],
    ids=[
        "not entered",
        "expired",
        "expires before renewal is due",
        "current",
        "not current on renewal",
    ],
)
def test_every_cpr_answer_cites_the_rule(
    rules: Rules, expires: str | None, as_of: str, renewed: str | None
) -> None:
    profile = Profile(
        ("cpt",),
        date(2026, 12, 31),
        None,
        date.fromisoformat(expires) if expires else None,
        date.fromisoformat(as_of),
        date.fromisoformat(renewed) if renewed else None,
    )
    cpr = checked(tally(rules, profile, []), "cpr")
    assert [c.rule for c in cpr.citations] == ["renewal.cpr_aed_required"]


def test_a_confirmed_fee_for_more_certifications_is_not_marked(rules: Rules) -> None:
    extra = rules.renewal.additional_certification_fee_usd
    sure = replace(extra, entries=tuple(replace(e, status="confirmed") for e in extra.entries))
    changed = replace(rules, renewal=replace(rules.renewal, additional_certification_fee_usd=sure))
    t = tally(changed, Profile(("cpt", "ep"), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    assert (
        t.outlook.fee.explanation == "ACSM-EP renewal fee $70 + $5 x 1 more certification(s) = $75"
    )


def test_no_activities_yet_still_cites_how_long_proof_is_kept(rules: Rules) -> None:
    t = tally(rules, Profile(("cpt",), date(2026, 12, 31), None, None, date(2026, 6, 1)), [])
    certificates = checked(t, "certificates")
    assert certificates.text == "No counted activities yet"
    assert [c.rule for c in certificates.citations] == ["audits.keep_proof_years"]


LAPSED = Profile(("cpt",), date(2022, 12, 31), None, None, date(2026, 1, 1))


def test_without_a_known_reach_of_reinstatement_a_long_lapse_still_gets_the_fee(
    rules: Rules,
) -> None:
    # A maintainer's rules that do not say how far ACSM's reinstatement text reaches: nothing is
    # "beyond" it, and the fee is said as the rules give it.
    changed = replace(rules, renewal=replace(rules.renewal, reinstatement_known_years=None))
    fee = tally(changed, LAPSED, []).outlook.fee
    assert (fee.total, fee.explanation) == (
        Decimal(165),
        "Reinstatement fee $165 (another copy of ACSM's page says $225: ask ACSM), since the "
        "grace period ended 2023-06-30",
    )
    beyond = tally(rules, LAPSED, []).outlook.fee
    assert beyond.total is None
    assert [c.rule for c in beyond.citations] == ["renewal.reinstatement_known_years"]


def test_a_lapse_beyond_the_known_reach_says_so_and_cites_that_reach(rules: Rules) -> None:
    t = tally(rules, LAPSED, [])
    window, renewal = checked(t, "renewal_window"), checked(t, "renewal")
    assert (window.state, window.text) == (
        "warning",
        "The grace period ended on 2023-06-30, and your cycle ended more than 3 years ago: ask "
        "ACSM whether you can still reinstate or must take the exam again",
    )
    assert [c.rule for c in window.citations] == [
        "renewal.renewal_window_years",
        "renewal.grace_period_end",
        "audits.keep_proof_years",
        "renewal.reinstatement_known_years",
    ]
    assert [c.rule for c in renewal.citations] == ["renewal.reinstatement_known_years"]


def test_a_fee_without_another_figure_is_marked_only_when_unconfirmed(rules: Rules) -> None:
    lapsed = Profile(("cpt",), date(2024, 12, 31), None, None, date(2025, 7, 1))
    changed = replace(rules, renewal=replace(rules.renewal, reinstatement_fee_other_usd=None))
    assert tally(changed, lapsed, []).outlook.fee.explanation == (
        "Reinstatement fee $165 (unconfirmed), since the grace period ended 2025-06-30"
    )
    fee = rules.renewal.reinstatement_fee_usd
    sure = replace(fee, entries=tuple(replace(e, status="confirmed") for e in fee.entries))
    confirmed = replace(changed, renewal=replace(changed.renewal, reinstatement_fee_usd=sure))
    assert tally(confirmed, lapsed, []).outlook.fee.explanation == (
        "Reinstatement fee $165, since the grace period ended 2025-06-30"
    )


def _fee_from(rules: Rules, day: date, value: str) -> Rules:
    """The rules with the ACSM-CPT renewal fee changed to VALUE from DAY (a dated entry added,
    as a maintainer adds one)."""
    cpt = rules.certifications["cpt"]
    fee = cpt.renewal_fee_usd
    assert fee is not None
    raised = replace(
        fee, entries=(*fee.entries, replace(fee.entries[-1], start=day, value=Decimal(value)))
    )
    return replace(
        rules, certifications={**rules.certifications, "cpt": replace(cpt, renewal_fee_usd=raised)}
    )


@pytest.mark.parametrize(
    ("today", "total", "explanation"),
    [
        # Before renewal opens: the fee she will pay is the one in force when it opens.
        (
            date(2026, 6, 1),
            Decimal(75),
            "ACSM-CPT renewal fee $75 (the fee in force when renewal opens, 2027-01-01)",
        ),
        (date(2027, 3, 1), Decimal(75), "ACSM-CPT renewal fee $75"),
    ],
)
def test_the_fee_quoted_is_the_one_in_force_when_renewal_can_be_paid(
    rules: Rules, today: date, total: Decimal, explanation: str
) -> None:
    changed = _fee_from(rules, date(2027, 1, 1), "75")
    t = tally(changed, Profile(("cpt",), date(2027, 12, 31), None, None, today), [])
    assert t.outlook.dates.renewal_opens == date(2027, 1, 1)
    assert (t.outlook.fee.total, t.outlook.fee.explanation) == (total, explanation)
    assert t.outlook.fee.citations[0].since == date(2027, 1, 1)


def test_a_fee_raised_after_renewal_opens_is_not_the_one_she_pays_today(rules: Rules) -> None:
    # Renewal is open now, at the fee in force today (read from the rules, so that a fee a
    # maintainer dates before June changes nothing here); $15 more only from June: renewing today
    # costs today's fee.
    listed = rules.certifications["cpt"].renewal_fee_usd
    today = listed.at(date(2027, 2, 1)) if listed else None
    assert today is not None and today.value is not None
    now, raised = today.value, today.value + 15
    changed = _fee_from(rules, date(2027, 6, 1), str(raised))
    t = tally(changed, Profile(("cpt",), date(2027, 12, 31), None, None, date(2027, 2, 1)), [])
    assert (t.outlook.fee.total, t.outlook.fee.explanation) == (now, f"ACSM-CPT renewal fee ${now}")
    # A renewal recorded on a day is charged that day's fee, whatever today is.
    for renewed_on, fee in ((date(2027, 3, 1), now), (date(2027, 7, 1), raised)):
        profile = Profile(("cpt",), date(2027, 12, 31), None, None, date(2027, 8, 1), renewed_on)
        renewed = tally(changed, profile, []).outlook.fee
        assert (renewed.total, renewed.explanation) == (
            Decimal(fee),
            f"ACSM-CPT renewal fee ${fee}",
        )
