"""calc.rulechanges in words: each rule's sentence (its value and its "no value" words) after an
edit of the shipped rules a maintainer could make in rules/*.yaml; money, years and month-days as
written; singular and plural; which activities each sentence counts, and which rules are read at
all; the order of the sentences; and the short answers for logs and bundles that cannot be read.
The whole sentence is compared each time: it is what the professional reads."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from calc.bundle import rules_from_json
from calc.model import Activity, Profile, Rules
from calc.rulechanges import change_answer, compare
from tests.conftest import as_of as rules_as_of
from tests.unit.test_rulechanges import (
    LOG,
    PROFILE,
    RECORDS,
    REQUEST_PROFILE,
    TODAY,
    Bundle,
    act,
    bundle_text,
    changed,
    entries,
    in_force,
    retire,
)

Edit = Callable[[Bundle], object]

# Holding ACSM-CPT (45 CECs, $60) and ACSM-EP (60 CECs, $70): the highest requirement counts,
# and the fee is the EP's plus $5 for the CPT.
TWO = Profile(("cpt", "ep"), date(2026, 12, 31), None, date(2027, 6, 1), TODAY)


@pytest.fixture(scope="module")
def old(bundle: Bundle) -> Rules:
    return rules_from_json(bundle_text(bundle))


def value(*path: str, at: int | None = None, **fields: Any) -> Edit:
    """Fields of one entry of the rule at ``path`` changed (by default the one in force on
    TODAY, so that a value a maintainer dates later changes nothing here)."""

    def edit(b: Bundle) -> None:
        (in_force(b, *path) if at is None else entries(b, *path)[at]).update(fields)

    return edit


def starts(day: str, *path: str) -> Edit:
    """The entry of the rule at ``path`` in force on TODAY moved to start on ``day``."""

    def edit(b: Bundle) -> None:
        in_force(b, *path)["from"] = day
        entries(b, *path).sort(key=lambda e: str(e["from"]))

    return edit


def from_day(day: str, new: object, *path: str) -> Edit:
    """A new entry from ``day`` for the rule at ``path``: its value changes then (None retires
    it), as rules/*.yaml adds one."""

    def edit(b: Bundle) -> None:
        listed = entries(b, *path)
        listed.append({**in_force(b, *path), "from": day, "value": new, "note": None})
        listed.sort(key=lambda e: str(e["from"]))

    return edit


def said(
    bundle: Bundle,
    old: Rules,
    edit: Edit,
    profile: Profile = PROFILE,
    log: list[Activity] = LOG,
) -> tuple[str, ...]:
    return compare(old, changed(bundle, edit), profile, log).sentences


def cpr(day: str, hours: str = "4", provider: str = "other", unit: str | None = "hour") -> Activity:
    """A CPR/AED course of ``hours`` (ACSM: at most 5 CECs a year from 2025)."""
    return act(day, provider, hours, unit=unit, category="cpr")


# --- Every rule's value in words, and its words for no value


@pytest.mark.parametrize(
    ("edit", "sentences"),
    [
        pytest.param(
            from_day("2025-03-01", False, "categories", "cpr", "in_force"),
            (
                "Your CECs went from 42 to 41 (required: 45).",
                "CPR, AED and First Aid certification: not accepted from 2025-03-01 (was "
                "accepted), so 1 of your activities counts 1 CEC less.",
            ),
            id="a category no longer accepted",
        ),
        pytest.param(
            from_day("2025-03-01", None, "categories", "cpr", "in_force"),
            (
                "Your CECs went from 42 to 41 (required: 45).",
                "CPR, AED and First Aid certification: not accepted from 2025-03-01 (was "
                "accepted), so 1 of your activities counts 1 CEC less.",
            ),
            id="a category's acceptance retired",
        ),
        pytest.param(
            value("categories", "cpr", "cap_per_year", value="6"),
            (
                "Your CECs went from 42 to 43 (required: 45).",
                "CPR, AED and First Aid certification: capped at 6 CECs a year from 2025-01-01 "
                "(was 5 CECs a year), so 1 of your activities counts 1 CEC more.",
            ),
            id="a yearly cap raised by 1",
        ),
        pytest.param(
            from_day("2025-03-01", None, "categories", "cpr", "cap_per_year"),
            (
                "Your CECs went from 42 to 45 (required: 45).",
                "CPR, AED and First Aid certification: no yearly cap from 2025-03-01 (was capped "
                "at 5 CECs a year), so 1 of your activities counts 3 CECs more.",
            ),
            id="a yearly cap retired",
        ),
        pytest.param(
            value("certifications", "cpt", "required_cecs", value="40"),
            (
                # 42 of 40: nothing left to go, so nothing said of it.
                "Your requirement went from 45 to 40 CECs.",
                "ACSM-CPT: 40 CECs required per cycle from 2025-01-01 (was 45 CECs required per "
                "cycle), so your requirement goes from 45 to 40 CECs.",
            ),
            id="a requirement lowered below what they have",
        ),
        pytest.param(
            from_day("2026-01-01", None, "certifications", "cpt", "renewal_fee_usd"),
            (
                "ACSM-CPT: renewal fee not known from 2026-01-01 (was $60), so your fee goes "
                "from $60 to not known.",
            ),
            id="a renewal fee retired",
        ),
        pytest.param(
            value("certifications", "cpt", "standing", value="closed"),
            ("ACSM-CPT: standing closed from 2024-08-20 (was current).",),
            id="a certification closed",
        ),
        pytest.param(
            from_day("2026-01-01", None, "certifications", "cpt", "standing"),
            ("ACSM-CPT: standing not known from 2026-01-01 (was current).",),
            id="a certification's standing retired",
        ),
        pytest.param(
            from_day("2024-01-01", None, "providers", "ace", "decimal_system"),
            (
                # Unlisted, ACE's credits count as the professional says; not said: 1 = 1.
                "Your CECs went from 42 to 28.5 (required: 45).",
                "American Council on Exercise: not listed as counting 0.1 per hour or not from "
                "2024-01-01 (was counted as 0.1 per hour), so 1 of your activities counts 13.5 "
                "CECs less.",
            ),
            id="a provider no longer listed",
        ),
        pytest.param(
            starts("2024-01-01", "providers", "acsm", "reported_automatically"),
            (
                "ACSM itself: reported to ACSM automatically from 2024-01-01 (was not reported "
                "to ACSM automatically); your CECs do not change.",
            ),
            id="reported automatically earlier",
        ),
        pytest.param(
            from_day("2025-06-01", None, "providers", "acsm", "reported_automatically"),
            (
                "ACSM itself: not reported to ACSM automatically from 2025-06-01 (was reported "
                "to ACSM automatically); your CECs do not change.",
            ),
            id="reported automatically no longer",
        ),
        pytest.param(
            # Its words are ACSM's text, not quoted: the same words, said reworded.
            value(
                "providers",
                "acsm",
                "reported_automatically",
                value="ACSM adds its own courses to your dashboard.",
            ),
            (
                "ACSM itself: reported to ACSM automatically from 2025-02-22: reworded; your "
                "CECs do not change.",
            ),
            id="what ACSM reports reworded",
        ),
        pytest.param(
            value("units", "contact_hour", "cecs_per_unit", value="2"),
            (
                "Your CECs went from 42 to 44 (required: 45).",
                "Contact hours: worth 2 CECs each from 2019-05-20 (was 1 CEC each), so 1 of your "
                "activities counts 2 CECs more.",
            ),
            id="a unit worth more",
        ),
        pytest.param(
            # ACSM's own CECs and the plan of 3 count by the general rule, 1 = 1.
            from_day("2025-01-01", None, "conversion", "one_to_one"),
            (
                "With your plans you would reach 42 CECs instead of 45.",
                "Converting other organizations' credits: no general rule from 2025-01-01 (was "
                "as a rule, 1 credit = 1 CEC), so 1 of your plans counts 3 CECs less.",
            ),
            id="the general rule retired",
        ),
        pytest.param(
            value("conversion", "one_to_one", value="2"),
            (
                "Your CECs went from 42 to 62 (required: 45).",
                "With your plans you would reach 68 CECs instead of 45.",
                "Converting other organizations' credits: as a rule, 1 credit = 2 CECs from "
                "2019-05-20 (was 1 CEC), so 1 of your activities counts 20 CECs more and 1 of "
                "your plans counts 3 CECs more.",
            ),
            id="the general rule doubled",
        ),
        pytest.param(
            value("conversion", "decimal_system", value="5"),
            (
                "Your CECs went from 42 to 34.5 (required: 45).",
                "Converting other organizations' credits: from an organization counting 0.1 per "
                "hour, 1 credit = 5 CECs from 2019-05-20 (was 10 CECs), so 1 of your activities "
                "counts 7.5 CECs less.",
            ),
            id="the decimal system halved",
        ),
        pytest.param(
            from_day("2024-01-01", None, "conversion", "decimal_system"),
            (
                "Your CECs went from 42 to 27 (required: 45).",
                "Converting other organizations' credits: no rule for organizations counting 0.1 "
                "per hour from 2024-01-01 (was from an organization counting 0.1 per hour, 1 "
                "credit = 10 CECs), so 1 of your activities counts 15 CECs less.",
            ),
            id="the decimal system retired",
        ),
        pytest.param(
            from_day("2025-06-01", None, "renewal", "cycle_years"),
            (
                "Under the new rules your log cannot be tallied: no cycle length is known for a "
                "cycle ending 2026-12-31.",
                "Renewal: cycle length not known from 2025-06-01 (was cycles of 3 years).",
            ),
            id="the cycle length retired",
        ),
        pytest.param(
            value("renewal", "cycle_end", value="06-30"),
            ("Renewal: cycles end on June 30 from 2019-10-15 (was December 31).",),
            id="cycles end in June",
        ),
        pytest.param(
            # Written as a day of a leap year, not of the year 2001.
            value("renewal", "cycle_end", value="02-29"),
            ("Renewal: cycles end on February 29 from 2019-10-15 (was December 31).",),
            id="cycles end on a leap day",
        ),
        pytest.param(
            from_day("2026-01-01", None, "renewal", "cycle_end"),
            ("Renewal: cycle end not known from 2026-01-01 (was cycles end on December 31).",),
            id="the cycle end retired",
        ),
        pytest.param(
            from_day("2026-01-01", None, "renewal", "grace_period_end"),
            (
                "Renewal: no grace period from 2026-01-01 (was grace period ends on June 30), so "
                "the grace period ends not known instead of 2027-06-30.",
            ),
            id="the grace period retired",
        ),
        pytest.param(
            # Before the cycle ends the fee holds no late fee: only the rule is said.
            value("renewal", "late_fee_usd", value="90"),
            ("Renewal: late fee $90 from 2025-01-01 (was $80).",),
            id="the late fee raised",
        ),
        pytest.param(
            from_day("2026-01-01", None, "renewal", "late_fee_usd"),
            ("Renewal: late fee not known from 2026-01-01 (was $80).",),
            id="the late fee retired",
        ),
        pytest.param(
            value("renewal", "reinstatement_fee_usd", value="175"),
            ("Renewal: reinstatement fee $175 from 2025-01-01 (was $165).",),
            id="the reinstatement fee raised",
        ),
        pytest.param(
            from_day("2026-01-01", None, "renewal", "reinstatement_fee_usd"),
            ("Renewal: reinstatement fee not known from 2026-01-01 (was $165).",),
            id="the reinstatement fee retired",
        ),
        pytest.param(
            value("renewal", "renewal_window_years", value="2"),
            (
                "Renewal: renewal opens 2 years before the cycle ends from 2019-10-08 (was 1 "
                "year before the cycle ends), so renewal opens 2025-01-01 instead of 2026-01-01.",
            ),
            id="the renewal window widened",
        ),
        pytest.param(
            from_day("2019-12-01", None, "renewal", "renewal_window_years"),
            (
                "Renewal: when renewal opens not known from 2019-12-01 (was renewal opens 1 year "
                "before the cycle ends), so renewal opens not known instead of 2026-01-01.",
            ),
            id="the renewal window retired",
        ),
        pytest.param(
            value("renewal", "cpr_aed_required", value=False),
            (
                "Renewal: no CPR/AED card required from 2025-01-01 (was a current CPR/AED card "
                "required to renew).",
            ),
            id="no CPR/AED card required",
        ),
        pytest.param(
            from_day("2026-01-01", None, "renewal", "cpr_aed_required"),
            (
                "Renewal: CPR/AED requirement not known from 2026-01-01 (was a current CPR/AED "
                "card required to renew).",
            ),
            id="the CPR/AED requirement retired",
        ),
        pytest.param(
            value("audits", "keep_proof_years", value="2"),
            (
                "Audits: keep proof for 2 years from 2019-05-20 (was 1 year), so you keep your "
                "certificates until 2029-06-30 instead of 2028-06-30.",
            ),
            id="proof kept longer",
        ),
        pytest.param(
            from_day("2020-01-01", None, "audits", "keep_proof_years"),
            (
                "Audits: how long to keep proof not known from 2020-01-01 (was keep proof for 1 "
                "year), so you keep your certificates until not known instead of 2028-06-30.",
            ),
            id="how long to keep proof retired",
        ),
    ],
)
def test_a_rule_changed_is_said_in_its_own_words(
    bundle: Bundle, old: Rules, edit: Edit, sentences: tuple[str, ...]
) -> None:
    assert said(bundle, old, edit) == sentences


def test_a_fee_the_earlier_rules_did_not_know(bundle: Bundle, old: Rules) -> None:
    # The page remembers rules from before ACSM published its 2025 fees: none was known since
    # 2022. The shipped rules know it. (The 2025 entry, the one in force on TODAY, goes: not the
    # last, which may be a fee a maintainer dates later.)
    fee = ("certifications", "cpt", "renewal_fee_usd")
    earlier = changed(bundle, lambda b: entries(b, *fee).remove(in_force(b, *fee)))
    assert compare(earlier, old, PROFILE, LOG).sentences == (
        "ACSM-CPT: renewal fee $60 from 2025-01-01 (was not known), so your fee goes from not "
        "known to $60.",
    )


# A year of committee service ending 2025-04-30, 10 CECs claimed.
YEAR_SERVED = act(
    "2025-04-30",
    "acsm",
    "10",
    category="committee",
    service_from=date(2024, 5, 1),
    service_to=date(2025, 4, 30),
)


def test_a_cap_per_cycle_in_words(bundle: Bundle, old: Rules) -> None:
    # A year of committee service (8 CECs a year of service) ending 2025-04-30, 10 CECs claimed.
    served = YEAR_SERVED
    log = [*LOG, served]
    lowered = value("categories", "committee", "cap_per_cycle", value="6")
    assert said(bundle, old, lowered, log=log) == (
        "Your CECs went from 50 to 48 (required: 45).",
        "ACSM committee or volunteer service: capped at 6 CECs per cycle from 2023-01-01 (was 24 "
        "CECs per cycle), so 1 of your activities counts 2 CECs less.",
    )
    gone = from_day("2025-01-01", None, "categories", "committee", "cap_per_cycle")
    assert said(bundle, old, gone, log=log) == (
        "ACSM committee or volunteer service: no cap per cycle from 2025-01-01 (was capped at 24 "
        "CECs per cycle); your CECs do not change.",
    )


# A term of committee service from 2026 into 2027, dated by its last day served, after the cycle
# ends: the year served inside the cycle counts (8 CECs a year of service), once done.
STRADDLING = act(
    "2027-03-31",
    "acsm",
    "12",
    category="committee",
    service_from=date(2026, 1, 1),
    service_to=date(2027, 3, 31),
)


@pytest.mark.parametrize(
    ("edit", "sentence"),
    [
        pytest.param(
            from_day("2027-01-01", "6", "categories", "committee", "cap_per_service_year"),
            "ACSM committee or volunteer service: capped at 6 CECs per year of service from "
            "2027-01-01 (was 8 CECs per year of service), so 1 of your plans counts 2 CECs less.",
            id="its cap lowered",
        ),
        pytest.param(
            # No cap per year of service: it is dated by its last day, and belongs to the next
            # cycle (a plan no more).
            from_day("2027-01-01", None, "categories", "committee", "cap_per_service_year"),
            "ACSM committee or volunteer service: no cap per year of service from 2027-01-01 (was "
            "capped at 8 CECs per year of service), so 1 of your plans counts 8 CECs less.",
            id="its cap retired",
        ),
        pytest.param(
            from_day("2027-01-01", False, "categories", "committee", "in_force"),
            "ACSM committee or volunteer service: not accepted from 2027-01-01 (was accepted), so "
            "1 of your plans counts 8 CECs less.",
            id="no longer accepted",
        ),
    ],
)
def test_service_past_the_cycle_end_counted_in_it_has_its_rules_read(
    bundle: Bundle, old: Rules, edit: Edit, sentence: str
) -> None:
    change = compare(old, changed(bundle, edit), PROFILE, [*LOG, STRADDLING])
    assert change.sentences[1:] == (sentence,)
    assert change.rule_ids[0].startswith("categories.committee.")


def test_service_past_the_cycle_end_is_read_beside_service_inside_it(
    bundle: Bundle, old: Rules
) -> None:
    # A year served inside the cycle (10 CECs claimed, 8 counted under the cap of 8 in force when
    # it ended) is read on its own day; the term dated after the cycle still on its last day.
    # Two years of service at 6 a year allow 12, less the first year's 8: the term's plan counts
    # 4, not 8.
    inside = YEAR_SERVED
    edit = from_day("2027-01-01", "6", "categories", "committee", "cap_per_service_year")
    assert said(bundle, old, edit, log=[*LOG, inside, STRADDLING]) == (
        "With your plans you would reach 57 CECs instead of 61.",
        "ACSM committee or volunteer service: capped at 6 CECs per year of service from "
        "2027-01-01 (was 8 CECs per year of service), so 1 of your plans counts 4 CECs less.",
    )


# An NCSF course planned for December 2026, 1 NCSF CEU: NCSF's 2 hours per credit, once ACSM
# confirms it (in the shipped rules it is not, and the lower general rule counts), at ACSM's 1 CEC
# per hour of participation.
NCSF_PLAN = act("2026-12-01", "ncsf", "1", title="NCSF course")


@pytest.mark.parametrize(
    ("edit", "sentence"),
    [
        pytest.param(
            value("providers", "ncsf", "hours_per_credit", value="3"),
            "National Council on Strength and Fitness: 3 hours per credit from 2026-11-28 (was 2 "
            "hours per credit), so 1 of your plans counts 1 CEC more.",
            id="hours per credit raised",
        ),
        pytest.param(
            lambda b: b["providers"]["ncsf"].pop("hours_per_credit"),
            "National Council on Strength and Fitness: no hours per credit now (was 2 hours per "
            "credit), so 1 of your plans counts 1 CEC less.",
            id="hours per credit gone",
        ),
        pytest.param(
            value("conversion", "per_hour_in_doubt", value="1.5"),
            "Converting other organizations' credits: in doubt, 1.5 CECs per hour of "
            "participation from 2019-05-20 (was 1 CEC per hour of participation), so 1 of your "
            "plans counts 1 CEC more.",
            id="per hour raised",
        ),
        pytest.param(
            from_day("2026-01-01", None, "conversion", "per_hour_in_doubt"),
            "Converting other organizations' credits: no rule per hour in doubt from 2026-01-01 "
            "(was in doubt, 1 CEC per hour of participation), so 1 of your plans counts 2 CECs "
            "less.",
            id="per hour retired",
        ),
    ],
)
def test_hours_per_credit_and_per_hour_in_words(bundle: Bundle, edit: Edit, sentence: str) -> None:
    confirmed = copy.deepcopy(bundle)
    entries(confirmed, "providers", "ncsf", "hours_per_credit")[0]["status"] = "confirmed"
    earlier = rules_from_json(bundle_text(confirmed))
    change = compare(earlier, changed(confirmed, edit), PROFILE, [*LOG, NCSF_PLAN])
    assert change.sentences[1:] == (sentence,)
    assert change.sentences[0].startswith("With your plans you would reach ")


@pytest.mark.parametrize(
    ("edit", "sentence"),
    [
        pytest.param(
            value("renewal", "additional_certification_fee_usd", value="10"),
            "Renewal: fee per additional certification $10 from 2025-01-01 (was $5), so your fee "
            "goes from $75 to $80.",
            id="the fee per additional certification raised",
        ),
        pytest.param(
            from_day("2026-01-01", None, "renewal", "additional_certification_fee_usd"),
            "Renewal: fee per additional certification not known from 2026-01-01 (was $5), so "
            "your fee goes from $75 to not known.",
            id="the fee per additional certification retired",
        ),
        pytest.param(
            # The EP's 60 stays the highest: the CPT's requirement is read, and does nothing.
            value("certifications", "cpt", "required_cecs", value="50"),
            "ACSM-CPT: 50 CECs required per cycle from 2025-01-01 (was 45 CECs required per "
            "cycle).",
            id="the lower requirement raised",
        ),
        pytest.param(
            value("renewal", "highest_certification_only", value="Only the highest counts."),
            "Renewal: new wording of the rule for several certifications from 2019-10-08.",
            id="the rule for several certifications reworded",
        ),
    ],
)
def test_rules_for_several_certifications(
    bundle: Bundle, old: Rules, edit: Edit, sentence: str
) -> None:
    assert said(bundle, old, edit, TWO) == (sentence,)


def test_a_requirement_that_becomes_the_highest_moves_the_fee(bundle: Bundle, old: Rules) -> None:
    # The CPT's 65 now beats the EP's 60: the fee is the CPT's $60 plus $5 for the EP.
    edit = value("certifications", "cpt", "required_cecs", value="65")
    assert said(bundle, old, edit, TWO) == (
        "Your requirement went from 60 to 65 CECs: 23 CECs to go.",
        "ACSM-CPT: 65 CECs required per cycle from 2025-01-01 (was 45 CECs required per cycle), "
        "so your requirement goes from 60 to 65 CECs and your fee goes from $75 to $65.",
    )


@pytest.mark.parametrize(
    ("as_of", "edit", "sentence"),
    [
        pytest.param(
            date(2027, 3, 1),
            value("renewal", "late_fee_usd", value="90"),
            "Renewal: late fee $90 from 2025-01-01 (was $80), so your fee goes from $140 to $150.",
            id="the late fee, in the grace period",
        ),
        pytest.param(
            date(2027, 3, 1),
            from_day("2026-01-01", None, "renewal", "late_fee_usd"),
            "Renewal: late fee not known from 2026-01-01 (was $80), so your fee goes from $140 to "
            "not known.",
            id="the late fee retired, in the grace period",
        ),
        pytest.param(
            date(2027, 9, 1),
            value("renewal", "reinstatement_fee_usd", value="175"),
            "Renewal: reinstatement fee $175 from 2025-01-01 (was $165), so your fee goes from "
            "$165 to $175.",
            id="the reinstatement fee, lapsed",
        ),
    ],
)
def test_fees_after_the_cycle_ends(bundle: Bundle, as_of: date, edit: Edit, sentence: str) -> None:
    # The fees paid in 2027 as the rules stood on TODAY: a fee a maintainer dates in 2027 is a
    # new rule, not a change of these words.
    known = copy.deepcopy(bundle)
    rules_as_of(known, TODAY.isoformat())
    old = rules_from_json(bundle_text(known))
    profile = Profile(("cpt",), date(2026, 12, 31), None, date(2027, 6, 1), as_of)
    assert said(known, old, edit, profile) == (sentence,)


@pytest.mark.parametrize(
    ("edit", "profile", "log", "sentence"),
    [
        pytest.param(
            value("scope", "within_scope", value="Content outside your scope counts 0."),
            PROFILE,
            [*LOG, act("2025-04-01", "acsm", "2", in_scope=False)],
            "Scope: new wording of the scope rule from 2019-05-20; your CECs do not change.",
            id="scope",
        ),
        pytest.param(
            value("renewal", "reinstatement", value=["Ask ACSM for reinstatement."]),
            PROFILE,
            LOG,
            "Renewal: new wording of the reinstatement steps from 2019-10-15.",
            id="reinstatement",
        ),
        pytest.param(
            value("renewal", "grace_status", value="Expired until you renew."),
            PROFILE,
            LOG,
            "Renewal: new wording of the status during the grace period from 2019-10-15.",
            id="grace status",
        ),
        pytest.param(
            value("tracking", "self_reporting_steps", value=["Log in.", "Report your CECs."]),
            PROFILE,
            LOG,
            "Reporting your CECs: new wording of the self-reporting steps from 2019-05-20.",
            id="self-reporting steps",
        ),
        pytest.param(
            value("certifications", "eim", "maintenance", value="Keep your ACSM certification."),
            Profile(("cpt", "eim"), date(2026, 12, 31), None, date(2027, 6, 1), TODAY),
            LOG,
            "EIM Credential: new wording of how it is kept from 2022-06-01.",
            id="maintenance",
        ),
        pytest.param(
            # A text with no words of its own here is named by its field.
            value("tracking", "acsm_page", value="ACSM's page for renewing"),
            PROFILE,
            LOG,
            "Reporting your CECs: new wording of acsm page from 2025-01-01.",
            id="a text without a label",
        ),
    ],
)
def test_a_text_is_said_reworded_by_its_label(
    bundle: Bundle,
    old: Rules,
    edit: Edit,
    profile: Profile,
    log: list[Activity],
    sentence: str,
) -> None:
    assert said(bundle, old, edit, profile, log) == (sentence,)


def test_a_text_confirmed_is_said_by_its_label(bundle: Bundle, old: Rules) -> None:
    edit = value("providers", "ace", "convention", status="unconfirmed")
    assert said(bundle, old, edit) == (
        "American Council on Exercise: the description of its credits from 2013-05-01: now "
        "unconfirmed (was confirmed); your CECs do not change.",
    )


def test_a_value_that_grows_is_said_whole(bundle: Bundle, old: Rules) -> None:
    # The words it opens with in common are left out of the earlier value, never all of them.
    rcep = Profile(("rcep",), date(2026, 12, 31), None, date(2027, 6, 1), TODAY)
    edit = value("certifications", "rcep", "standing", value="closed to new candidates")
    assert said(bundle, old, edit, rcep) == (
        "RCEP: standing closed to new candidates from 2018-09-03 (was closed).",
    )


def test_a_source_the_new_rules_lack_is_named_by_its_id(bundle: Bundle, old: Rules) -> None:
    edit = value("categories", "cpr", "cap_per_year", source="acsm-recertification-2026")
    assert said(bundle, old, edit) == (
        "Under the new rules your log cannot be tallied: the rules cannot be applied (KeyError: "
        "'acsm-recertification-2026').",
        "CPR, AED and First Aid certification: capped at 5 CECs a year from 2025-01-01: now from "
        "acsm-recertification-2026.",
    )


# --- Which rules are read for them


@pytest.mark.parametrize(
    ("edit", "log", "sentence"),
    [
        pytest.param(
            # Cited by the decisions alone (ACE's 1.5 CECs): no owner of theirs holds it.
            value("conversion", "decimal_system", status="unconfirmed"),
            LOG,
            "Converting other organizations' credits: from an organization counting 0.1 per "
            "hour, 1 credit = 10 CECs from 2019-05-20: now unconfirmed (was confirmed); your CECs "
            "do not change.",
            id="a conversion their activities cite",
        ),
        pytest.param(
            # The CPR courses are logged in hours, not in the other organization's own CECs.
            value("units", "hour", "convention", value="ACSM counts 1 CEC per hour."),
            LOG,
            "Hours of participation: new wording of the description of its credits from "
            "2019-05-20; your CECs do not change.",
            id="the unit they logged",
        ),
        pytest.param(
            # The Cooper Institute's course logged without a unit: in its own, contact hours.
            value("units", "contact_hour", "convention", value="1 CEC per contact hour."),
            LOG,
            "Contact hours: new wording of the description of its credits from 2019-05-20; your "
            "CECs do not change.",
            id="their provider's own unit",
        ),
        pytest.param(
            # ACSM's 2024 course and an ACSM course logged in CECs in 2025: the provider is
            # read on the days of both, however they were logged.
            starts("2024-01-01", "providers", "acsm", "reported_automatically"),
            [*LOG, act("2025-05-01", "acsm", "2", unit="cec")],
            "ACSM itself: reported to ACSM automatically from 2024-01-01 (was not reported to "
            "ACSM automatically); your CECs do not change.",
            id="a provider logged two ways",
        ),
    ],
)
def test_rules_their_log_reads(
    bundle: Bundle, old: Rules, edit: Edit, log: list[Activity], sentence: str
) -> None:
    assert said(bundle, old, edit, log=log) == (sentence,)


def test_a_change_is_said_when_the_earlier_rules_lack_a_provider_they_logged(
    bundle: Bundle, old: Rules
) -> None:
    # The update lists a new provider (New Co, NASM's rules) and raises the CPR cap: the earlier
    # rules cannot tally the log, so what the cap did is not counted, but the cap is said.
    def edit(b: Bundle) -> None:
        b["providers"]["newco"] = {**b["providers"]["nasm"], "name": "New Co", "abbreviation": "NC"}
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"

    log = [*LOG, act("2025-07-01", "newco", "0.3")]
    assert said(bundle, old, edit, log=log) == (
        "Under the earlier rules your log could not be tallied (activity 8: unknown provider "
        "'newco'); now you have 48 of 45 CECs.",
        "CPR, AED and First Aid certification: capped at 8 CECs a year from 2025-01-01 (was 5 "
        "CECs a year).",
    )


# --- What each sentence counts: the activities its own rules moved


def test_an_activity_of_the_provider_counts_when_its_room_under_a_cap_moves(
    bundle: Bundle, old: Rules
) -> None:
    # ACE's CPR courses: one in ACE CECs (0.2, 2 CECs on the decimal system), one of 4 hours
    # (ACE's rule does not apply to hours). Off the decimal system the first counts 0.2, which
    # leaves the second all its 4 CECs under the cap of 5.
    log = [cpr("2025-02-01", "0.2", "ace", unit=None), cpr("2025-03-01", "4", "ace")]
    edit = value("providers", "ace", "decimal_system", value=False)
    assert said(bundle, old, edit, log=log) == (
        "Your CECs went from 5 to 4.2 (required: 45).",
        "American Council on Exercise: not counted as 0.1 per hour from 2019-05-20 (was counted "
        "as 0.1 per hour), so 2 of your activities count 0.8 CECs less.",
    )


def test_an_activity_of_the_category_counts_when_its_room_under_a_cap_moves(
    bundle: Bundle,
) -> None:
    # CPR capped at 5 a year and 6 per cycle; the yearly cap lowered to 3. The 2026 course, cut
    # to 1 by the cycle's cap before, has 3 of room now: it cites no yearly cap either way.
    both = copy.deepcopy(bundle)
    year = both["categories"]["cpr"]["cap_per_year"]
    both["categories"]["cpr"]["cap_per_cycle"] = {
        **year,
        "rule": "categories.cpr.cap_per_cycle",
        "anchor": "categories-cpr-cap-per-cycle",
        "entries": [{**year["entries"][0], "value": "6"}],
    }
    earlier = rules_from_json(bundle_text(both))
    new = changed(both, value("categories", "cpr", "cap_per_year", value="3"))
    log = [cpr("2025-02-01"), cpr("2025-03-01"), cpr("2026-02-01", "3")]
    assert compare(earlier, new, PROFILE, log).sentences == (
        "CPR, AED and First Aid certification: capped at 3 CECs a year from 2025-01-01 (was 5 "
        "CECs a year), so 3 of your activities change, with no change in total.",
    )


def test_a_shorter_cycle_drops_what_was_done_on_its_old_first_day(
    bundle: Bundle, old: Rules
) -> None:
    log = [act("2024-01-01", "acsm", "2"), act("2025-01-01", "acsm", "3")]
    edit = value("renewal", "cycle_years", value="2")
    assert said(bundle, old, edit, log=log) == (
        "Your CECs went from 5 to 3 (required: 45).",
        "Renewal: cycles of 2 years from 2025-01-01 (was 3 years), so 1 of your activities "
        "counts 2 CECs less and your cycle starts 2025-01-01 instead of 2024-01-01.",
    )


def test_a_longer_cycle_takes_in_what_was_done_on_its_new_first_day(
    bundle: Bundle, old: Rules
) -> None:
    edit = value("renewal", "cycle_years", value="4")
    assert said(bundle, old, edit, log=[act("2023-01-01", "acsm", "2"), *LOG]) == (
        "Your CECs went from 42 to 44 (required: 45).",
        "Renewal: cycles of 4 years from 2025-01-01 (was 3 years), so 1 of your activities counts "
        "2 CECs more and your cycle starts 2023-01-01 instead of 2024-01-01.",
    )


def test_a_shorter_cycle_counts_only_what_it_moved_out(bundle: Bundle, old: Rules) -> None:
    # A 2-year cycle starts 2025-01-01, and the same update lowers the CPR cap to 3: the CPR course
    # done on that first day, inside either cycle, counts 1 CEC less for the cap alone.
    def edit(b: Bundle) -> None:
        in_force(b, "renewal", "cycle_years")["value"] = "2"
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "3"

    log = [act("2024-06-01", "acsm", "2"), cpr("2025-01-01")]
    assert said(bundle, old, edit, log=log) == (
        "Your CECs went from 6 to 3 (required: 45).",
        "Renewal: cycles of 2 years from 2025-01-01 (was 3 years), so 1 of your activities "
        "counts 2 CECs less and your cycle starts 2025-01-01 instead of 2024-01-01.",
        "CPR, AED and First Aid certification: capped at 3 CECs a year from 2025-01-01 (was 5 "
        "CECs a year), so 1 of your activities counts 1 CEC less.",
    )


def test_one_update_of_several_rules_says_what_each_did(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        in_force(b, "renewal", "cycle_years")["value"] = "2"
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"
        retire(b, "2025-01-01", "units", "contact_hour", "cecs_per_unit")
        in_force(b, "certifications", "cpt", "required_cecs")["value"] = "50"
        in_force(b, "certifications", "cpt", "renewal_fee_usd")["value"] = "65"

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    # The 2-year cycle drops the 2024 courses (35 CECs); the CPR cap, the contact hours and the
    # requirement and fee each say their own effect alone, the most CECs first.
    assert change.sentences == (
        "Your CECs went from 42 to 8 (required: 50).",
        "Your requirement went from 45 to 50 CECs: 42 CECs to go.",
        "Renewal: cycles of 2 years from 2025-01-01 (was 3 years), so 2 of your activities count "
        "35 CECs less and your cycle starts 2025-01-01 instead of 2024-01-01.",
        "CPR, AED and First Aid certification: capped at 8 CECs a year from 2025-01-01 (was 5 "
        "CECs a year), so 1 of your activities counts 3 CECs more.",
        "Contact hours: not converted from 2025-01-01 (was worth 1 CEC each), so 1 of your "
        "activities counts 2 CECs less.",
        "ACSM-CPT: 50 CECs required per cycle from 2025-01-01 (was 45 CECs required per cycle); "
        "renewal fee $65 from 2025-01-01 (was $60), so your requirement goes from 45 to 50 CECs "
        "and your fee goes from $60 to $65.",
    )
    assert change.rule_ids == (
        "renewal.cycle_years",
        "categories.cpr.cap_per_year",
        "units.contact_hour.cecs_per_unit",
        "certifications.cpt.required_cecs",
        "certifications.cpt.renewal_fee_usd",
    )


def test_each_certification_and_unit_has_its_own_sentence(bundle: Bundle, old: Rules) -> None:
    # Holding ACSM-CPT and ACSM-EP: both requirements raised (the EP's, the highest, is theirs);
    # contact hours no longer converted and hours of participation reworded.
    def edit(b: Bundle) -> None:
        in_force(b, "certifications", "cpt", "required_cecs")["value"] = "50"
        in_force(b, "certifications", "ep", "required_cecs")["value"] = "70"
        retire(b, "2025-01-01", "units", "contact_hour", "cecs_per_unit")
        in_force(b, "units", "hour", "convention")["value"] = "ACSM counts 1 CEC per hour."

    assert said(bundle, old, edit, TWO) == (
        "Your CECs went from 42 to 40 (required: 70).",
        "Your requirement went from 60 to 70 CECs: 30 CECs to go.",
        "Contact hours: not converted from 2025-01-01 (was worth 1 CEC each), so 1 of your "
        "activities counts 2 CECs less.",
        "ACSM-EP: 70 CECs required per cycle from 2025-01-01 (was 60 CECs required per cycle), so "
        "your requirement goes from 60 to 70 CECs.",
        "ACSM-CPT: 50 CECs required per cycle from 2025-01-01 (was 45 CECs required per cycle).",
        "Hours of participation: new wording of the description of its credits from 2019-05-20; "
        "your CECs do not change.",
    )


# --- The order: the most CECs moved first, plans' included


@pytest.mark.parametrize(
    ("log", "cpr_edit", "cpr_sentence"),
    [
        pytest.param(
            LOG,
            value("categories", "cpr", "cap_per_year", value="6"),
            "CPR, AED and First Aid certification: capped at 6 CECs a year from 2025-01-01 (was 5 "
            "CECs a year), so 1 of your activities counts 1 CEC more.",
            id="an activity: 1 CEC more",
        ),
        pytest.param(
            [*LOG, cpr("2026-10-01")],
            from_day("2026-01-01", "3", "categories", "cpr", "cap_per_year"),
            "CPR, AED and First Aid certification: capped at 3 CECs a year from 2026-01-01 (was 5 "
            "CECs a year), so 1 of your plans counts 1 CEC less.",
            id="a plan: 1 CEC less",
        ),
    ],
)
def test_the_change_that_moves_more_comes_first(
    bundle: Bundle, old: Rules, log: list[Activity], cpr_edit: Edit, cpr_sentence: str
) -> None:
    def edit(b: Bundle) -> None:
        retire(b, "2025-01-01", "units", "contact_hour", "cecs_per_unit")
        cpr_edit(b)

    # Contact hours no longer converted: the Cooper Institute's 2 CECs, more than the 1 CEC the
    # CPR cap moves (a category's sentence would come first if they moved as much).
    assert said(bundle, old, edit, log=log)[-2:] == (
        "Contact hours: not converted from 2025-01-01 (was worth 1 CEC each), so 1 of your "
        "activities counts 2 CECs less.",
        cpr_sentence,
    )


def test_a_change_that_did_something_comes_before_one_that_did_nothing(
    bundle: Bundle, old: Rules
) -> None:
    # Neither moves a CEC: the grace period's new end moves a key date, the requirement's new
    # status changes nothing, and is said after it though certifications come before renewal.
    def edit(b: Bundle) -> None:
        in_force(b, "certifications", "cpt", "required_cecs")["status"] = "unconfirmed"
        entries(b, "renewal", "grace_period_end")[0]["value"] = "02-28"

    assert said(bundle, old, edit) == (
        "Renewal: grace period ends on February 28 from 2019-10-15 (was June 30), so the grace "
        "period ends 2027-02-28 instead of 2027-06-30.",
        "ACSM-CPT: 45 CECs required per cycle from 2025-01-01: now unconfirmed (was confirmed).",
    )


# --- Logs and bundles that cannot be read: short answers


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        pytest.param(
            ["not an activity"],
            "activity 8: an activity must be an object of fields",
            id="a record that is no activity",
        ),
        pytest.param(
            [json.dumps({"date": "2025-07-01", "provider": "ZZ", "amount": "1"})],
            "activity 8 (provider): unknown provider 'ZZ'",
            id="an unknown provider",
        ),
        pytest.param(
            [
                json.dumps({"date": "2025-07-01", "provider": "ZZ", "amount": "1"}),
                json.dumps({"date": "2025-07-02", "provider": "ACE", "amount": "-1"}),
            ],
            "activity 8 (provider): unknown provider 'ZZ' and 1 more",
            id="two problems",
        ),
        pytest.param(
            [
                json.dumps({"date": "2025-07-01", "provider": "ZZ", "amount": "x"}),
                json.dumps({"date": "2025-07-02", "provider": "ACE", "amount": "-1"}),
                "[]",
            ],
            "activity 8 (provider): unknown provider 'ZZ' and 3 more",
            id="four problems",
        ),
    ],
)
def test_a_log_neither_rule_set_reads_says_where_first(
    bundle: Bundle, rules: Rules, extra: list[str], problem: str
) -> None:
    answer = change_answer(bundle_text(bundle), rules, REQUEST_PROFILE, [*RECORDS, *extra], TODAY)
    assert answer == {
        "ok": True,
        "sentences": [],
        "rules": [],
        "before": {"problem": problem},
        "after": {"problem": problem},
    }


def _a_day_that_is_no_day(b: Bundle) -> str:
    entries(b, "categories", "cpr", "cap_per_year")[0]["from"] = "2025-13-01"
    return bundle_text(b)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        pytest.param(
            # The page's copy cut short (storage full).
            lambda b: '{"bundle_format": 1, "sources": {',
            "rules bundle is not JSON: Expecting property name enclosed in double quotes: line 1 "
            "column 34 (char 33)",
            id="a bundle cut short",
        ),
        pytest.param(
            _a_day_that_is_no_day,
            "rules bundle is malformed: '2025-13-01' is not a date written YYYY-MM-DD",
            id="a rule from a day that is no day",
        ),
    ],
)
def test_an_earlier_bundle_that_cannot_be_read_says_why(
    bundle: Bundle, rules: Rules, text: Callable[[Bundle], str], why: str
) -> None:
    answer = change_answer(text(copy.deepcopy(bundle)), rules, REQUEST_PROFILE, RECORDS, TODAY)
    assert answer == {
        "ok": False,
        "error": f"the rules last computed with cannot be read, so what changed is not known ({why})",
    }


def test_a_reworded_unit_is_not_credited_with_what_another_rule_moved(
    bundle: Bundle, old: Rules
) -> None:
    # One update rewords hours of participation and lowers the CPR cap: the CPR course, in hours,
    # counts less for the cap alone; the new wording moves no CEC.
    def edit(b: Bundle) -> None:
        in_force(b, "units", "hour", "convention")["value"] = "ACSM counts 1 CEC per hour."
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "3"

    assert said(bundle, old, edit, log=[act("2024-06-01", "acsm", "2"), cpr("2025-01-01")]) == (
        "Your CECs went from 6 to 5 (required: 45).",
        "CPR, AED and First Aid certification: capped at 3 CECs a year from 2025-01-01 (was 5 "
        "CECs a year), so 1 of your activities counts 1 CEC less.",
        "Hours of participation: new wording of the description of its credits from 2019-05-20; "
        "your CECs do not change.",
    )


def test_a_retired_no_is_said_as_a_no(bundle: Bundle, old: Rules) -> None:
    # AFAA's "not counted as 0.1 per hour" retired: the words the two sides share at the start
    # ("not") are the meaning, not a repetition to leave out.
    edit = from_day("2025-01-01", None, "providers", "afaa", "decimal_system")
    log = [*LOG, act("2025-07-01", "afaa", "3")]
    assert said(bundle, old, edit, log=log) == (
        "Athletics and Fitness Association of America: not listed as counting 0.1 per hour or "
        "not from 2025-01-01 (was not counted as 0.1 per hour); your CECs do not change.",
    )
