"""What a rules update did to one professional's numbers (calc.rulechanges): the shipped rules
stand for the bundle the page remembers, and a copy with one rule changed, as a maintainer
would change it in rules/*.yaml, for the newer bundle a later visit brings."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings

from calc.bundle import rules_from_bundle, rules_from_json
from calc.engine import Tally, tally
from calc.fields import activity_record, profile_record
from calc.model import Activity, Profile, Rules
from calc.rulechanges import (
    Headline,
    change_answer,
    compare,
    dated_rules,
    places,
    rule_differences,
)
from tests.property.test_invariants import RULES, logs, profiles

Bundle = dict[str, Any]
TODAY = date(2026, 6, 1)
PROFILE = Profile(("cpt",), date(2026, 12, 31), None, date(2027, 6, 1), TODAY)


def act(day: str, provider: str, amount: str, **fields: Any) -> Activity:
    return Activity(
        date.fromisoformat(day), fields.pop("title", "x"), provider, Decimal(amount), **fields
    )


# A personal trainer's log in the last year of a 2024-2026 cycle, counted under the shipped
# rules: 20 + 15 (1.5 ACE CECs, decimal system) + 0 (CPR before ACSM accepted it) + 4 + 1 (CPR,
# the yearly cap of 5) + 2 (contact hours) = 42 CECs of 45, and a plan of 3.
LOG = [
    act("2024-03-01", "acsm", "20"),
    act("2024-05-01", "ace", "1.5"),
    act("2024-09-01", "other", "4", unit="hour", category="cpr"),
    act("2025-02-01", "other", "4", unit="hour", category="cpr"),
    act("2025-03-01", "other", "4", unit="hour", category="cpr"),
    act("2025-06-01", "cooper", "2"),
    act("2026-09-01", "acsm", "3", title="plan"),
]


def bundle_text(bundle: Bundle) -> str:
    """The bundle's JSON text, as the build writes it (and the page keeps it)."""
    try:
        from calc.rulefiles import bundle_json
    except ImportError:  # inside Pyodide, where the YAML loader's PyYAML is absent
        return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")) + "\n"
    return bundle_json(bundle)


def changed(bundle: Bundle, edit: Callable[[Bundle], object]) -> Rules:
    """The rules of a copy of ``bundle`` changed by ``edit``, read as the page reads a bundle."""
    new = copy.deepcopy(bundle)
    edit(new)
    return rules_from_json(bundle_text(new))


def entries(bundle: Bundle, *path: str) -> list[dict[str, Any]]:
    """The dated entries of the rule at ``path`` ("categories", "cpr", "cap_per_year")."""
    found: Any = bundle
    for key in path:
        found = found[key]
    listed: list[dict[str, Any]] = found["entries"]
    return listed


def in_force(bundle: Bundle, *path: str, day: date = TODAY) -> dict[str, Any]:
    """The entry of the rule at ``path`` in force on ``day``: the one a test edits, so that a
    value a maintainer dates after it (next year's fee) changes nothing here (issue 27)."""
    listed = entries(bundle, *path)
    started = [e for e in listed if e["from"] <= day.isoformat()]
    # A first value dated by its source (basis: source) also holds before that day.
    return started[-1] if started else listed[0]


def retire(bundle: Bundle, day: str, *path: str) -> None:
    """Retire a rule from ``day``: an entry whose value is null, as rules/*.yaml writes it, in
    its place among the rule's dates."""
    listed = entries(bundle, *path)
    listed.append({**in_force(bundle, *path), "from": day, "value": None, "note": None})
    listed.sort(key=lambda e: str(e["from"]))


@pytest.fixture(scope="module")
def old(bundle: Bundle) -> Rules:
    return rules_from_json(bundle_text(bundle))


def headline(t: Tally) -> Headline:
    return Headline(t.earned, t.required, t.remaining, t.planned)


# --- Which rules differ


def test_every_dated_rule_is_found_where_it_sits(old: Rules) -> None:
    found = places(old)
    cap = found["categories.cpr.cap_per_year"]
    assert (cap.kind, cap.key, cap.field) == ("category", "cpr", "cap_per_year")
    assert cap.subject == old.categories["cpr"].name
    assert found["certifications.cpt.renewal_fee_usd"].subject == "ACSM-CPT"
    assert found["providers.ace.decimal_system"].subject == "American Council on Exercise"
    assert {p.kind for p in found.values()} == {
        "certification",
        "category",
        "provider",
        "unit",
        "conversion",
        "scope",
        "renewal",
        "audits",
        "tracking",
    }
    assert dated_rules(old)["renewal.late_fee_usd"] is old.renewal.late_fee_usd


def test_identical_bundles_differ_nowhere(old: Rules, rules: Rules) -> None:
    differences = rule_differences(old, rules)
    assert differences.keys() == dated_rules(old).keys()
    assert not any(differences.values())


def test_one_value_changed_differs_in_that_rule_alone(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"

    differences = rule_differences(old, changed(bundle, edit))
    assert [rid for rid, differs in differences.items() if differs] == [
        "categories.cpr.cap_per_year"
    ]


@pytest.mark.parametrize(
    ("edit", "differs"),
    [
        (lambda b: entries(b, "renewal", "late_fee_usd")[0].update(status="unconfirmed"), True),
        (lambda b: entries(b, "renewal", "late_fee_usd")[1].update(source="acsm-faq12"), True),
        (lambda b: entries(b, "renewal", "late_fee_usd")[1].update(basis="source"), True),
        (lambda b: entries(b, "renewal", "late_fee_usd")[0].update(**{"from": "2015-01-01"}), True),
        (lambda b: retire(b, "2030-01-01", "renewal", "late_fee_usd"), True),
        (lambda b: entries(b, "renewal", "late_fee_usd")[0].update(note="Said otherwise."), False),
    ],
    ids=["status", "source", "basis", "start", "retired", "note only"],
)
def test_what_makes_a_rule_differ(
    bundle: Bundle, old: Rules, edit: Callable[[Bundle], object], differs: bool
) -> None:
    assert rule_differences(old, changed(bundle, edit))["renewal.late_fee_usd"] is differs


def test_a_rule_only_one_side_has_differs(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        del b["categories"]["committee"]["cap_per_cycle"]

    differences = rule_differences(old, changed(bundle, edit))
    assert differences["categories.committee.cap_per_cycle"] is True
    assert rule_differences(changed(bundle, edit), old)["categories.committee.cap_per_cycle"]


# --- What a change did to the professional's numbers, in words


def test_a_yearly_cap_raised(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"

    new = changed(bundle, edit)
    change = compare(old, new, PROFILE, LOG)
    assert change.before == headline(tally(old, PROFILE, LOG))
    assert change.after == headline(tally(new, PROFILE, LOG))
    # The second 2025 CPR course counted 1 of its 4 CECs under the cap of 5 (4 + 1); under a cap
    # of 8 it counts all 4 (4 + 4): 42 + 3 = 45, exactly the ACSM-CPT's 45.
    assert (change.before.earned, change.after.earned) == (Decimal(42), Decimal(45))
    assert change.sentences == (
        "Your CECs went from 42 to 45 (required: 45).",
        "CPR, AED and First Aid certification: capped at 8 CECs a year from 2025-01-01 (was 5 "
        "CECs a year), so 1 of your activities counts 3 CECs more.",
    )
    assert change.rule_ids == ("categories.cpr.cap_per_year",)
    assert (change.rules[0].page, change.rules[0].anchor) == (
        "what-counts",
        "categories-cpr-cap-per-year",
    )


def test_a_category_accepted_earlier_now_counts(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        for rule in ("in_force", "cap_per_year"):
            entries(b, "categories", "cpr", rule)[0]["from"] = "2024-01-01"

    new = changed(bundle, edit)
    change = compare(old, new, PROFILE, LOG)
    assert change.before == headline(tally(old, PROFILE, LOG))
    assert change.after == headline(tally(new, PROFILE, LOG))
    # The 2024 CPR course (4 hours) counted 0 while ACSM accepted CPR CECs only from 2025.
    assert change.after.earned - change.before.earned == 4
    assert change.sentences == (
        "Your CECs went from 42 to 46 (required: 45).",
        "CPR, AED and First Aid certification: accepted from 2024-01-01 (was not accepted); "
        "capped at 5 CECs a year from 2024-01-01 (was no yearly cap), so 1 of your activities "
        "counts 4 CECs more.",
    )
    assert change.rule_ids == ("categories.cpr.in_force", "categories.cpr.cap_per_year")


def test_a_fee_raised_moves_no_cec(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        in_force(b, "certifications", "cpt", "renewal_fee_usd")["value"] = "65"

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    assert change.before == change.after == headline(tally(old, PROFILE, LOG))
    assert change.sentences == (
        "ACSM-CPT: renewal fee $65 from 2025-01-01 (was $60), so your fee goes from $60 to $65.",
    )


def test_a_requirement_raised(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        in_force(b, "certifications", "cpt", "required_cecs")["value"] = "50"

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    assert isinstance(change.after, Headline)
    assert (change.after.required, change.after.remaining) == (Decimal(50), Decimal(8))
    assert change.sentences == (
        "Your requirement went from 45 to 50 CECs: 8 CECs to go.",
        "ACSM-CPT: 50 CECs required per cycle from 2025-01-01 (was 45 CECs required per cycle), "
        "so your requirement goes from 45 to 50 CECs.",
    )


def test_a_conversion_retired(bundle: Bundle, old: Rules) -> None:
    new = changed(
        bundle, lambda b: retire(b, "2025-01-01", "units", "contact_hour", "cecs_per_unit")
    )
    change = compare(old, new, PROFILE, LOG)
    assert change.after == headline(tally(new, PROFILE, LOG))
    assert change.sentences == (
        "Your CECs went from 42 to 40 (required: 45).",
        "Contact hours: not converted from 2025-01-01 (was worth 1 CEC each), so 1 of your "
        "activities counts 2 CECs less.",
    )


def test_a_plan_counted_differently_is_said_apart(bundle: Bundle, old: Rules) -> None:
    # Another 4-hour CPR course planned for 2026: under a cap of 3 it would count 3, not 4.
    log = [*LOG, act("2026-10-01", "other", "4", unit="hour", category="cpr", title="plan")]

    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "cap_per_year").append(
            {
                **entries(b, "categories", "cpr", "cap_per_year")[0],
                "from": "2026-01-01",
                "value": "3",
            }
        )

    change = compare(old, changed(bundle, edit), PROFILE, log)
    assert change.sentences == (
        "With your plans you would reach 48 CECs instead of 49.",
        "CPR, AED and First Aid certification: capped at 3 CECs a year from 2026-01-01 (was 5 "
        "CECs a year), so 1 of your plans counts 1 CEC less.",
    )


def test_a_status_change_that_moves_nothing_is_still_said(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "cap_per_year")[0]["status"] = "confirmed"

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    assert change.sentences == (
        "CPR, AED and First Aid certification: capped at 5 CECs a year from 2025-01-01: now "
        "confirmed (was unconfirmed); your CECs do not change.",
    )


def test_the_most_cecs_come_first(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        in_force(b, "certifications", "cpt", "renewal_fee_usd")["value"] = "65"
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"
        entries(b, "providers", "ace", "decimal_system")[0]["value"] = False

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    # ACE's 1.5 CECs: 15 on the decimal system, 1.5 off it (-13.5); the CPR cap gives back 3.
    assert change.sentences[0] == "Your CECs went from 42 to 31.5 (required: 45)."
    assert [s.split(":")[0] for s in change.sentences[1:]] == [
        "American Council on Exercise",
        "CPR, AED and First Aid certification",
        "ACSM-CPT",
    ]
    # In plain words, not ACSM's "decimal system" (issue 26).
    assert change.sentences[1] == (
        "American Council on Exercise: not counted as 0.1 per hour from 2019-05-20 (was counted "
        "as 0.1 per hour), so 1 of your activities counts 13.5 CECs less."
    )


def test_a_retired_certification_says_why_there_is_no_tally(bundle: Bundle, old: Rules) -> None:
    new = changed(
        bundle, lambda b: retire(b, "2026-01-01", "certifications", "cpt", "required_cecs")
    )
    change = compare(old, new, PROFILE, LOG)
    assert change.before == headline(tally(old, PROFILE, LOG))
    assert change.after == (
        "no CEC requirement for ACSM-CPT is known for a cycle ending 2026-12-31"
    )
    assert change.sentences == (
        "Under the new rules your log cannot be tallied: no CEC requirement for ACSM-CPT is "
        "known for a cycle ending 2026-12-31.",
        "ACSM-CPT: no CEC requirement known from 2026-01-01 (was 45 CECs required per cycle).",
    )


def test_a_certification_the_earlier_rules_lack(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        b["certifications"]["new"] = {**b["certifications"]["cpt"], "abbreviation": "ACSM-NEW"}

    new = changed(bundle, edit)
    profile = Profile(("new",), date(2026, 12, 31), None, None, TODAY)
    change = compare(old, new, profile, LOG)
    assert change.before == "unknown certification 'new'"
    assert change.sentences[0] == (
        "Under the earlier rules your log could not be tallied (unknown certification 'new'); "
        "now you have 42 of 45 CECs."
    )


@pytest.mark.parametrize(
    "edit",
    [
        lambda b: in_force(b, "certifications", "gei", "renewal_fee_usd").update(value="65"),
        lambda b: in_force(b, "certifications", "ep", "required_cecs").update(value="70"),
        lambda b: entries(b, "categories", "committee", "cap_per_service_year")[0].update(
            value="6"
        ),
        lambda b: entries(b, "categories", "college", "in_force")[0].update(value=False),
        lambda b: entries(b, "providers", "nsca", "decimal_system")[0].update(value=False),
        lambda b: retire(b, "2020-01-01", "units", "cme", "cecs_per_unit"),
        # A change after the cycle, the as-of day and every activity: not yet theirs.
        lambda b: retire(b, "2030-01-01", "categories", "cpr", "cap_per_year"),
        lambda b: retire(b, "2030-01-01", "renewal", "late_fee_usd"),
        # Only for holders of several certifications.
        lambda b: in_force(b, "renewal", "additional_certification_fee_usd").update(value="99"),
    ],
    ids=[
        "another certification's fee",
        "another certification's requirement",
        "a category never logged",
        "another category never logged",
        "a provider never logged",
        "a unit never used",
        "a cap from 2030",
        "a late fee from 2030",
        "a fee for several certifications",
    ],
)
def test_changes_that_do_not_touch_them_say_nothing(
    bundle: Bundle, old: Rules, edit: Callable[[Bundle], object]
) -> None:
    new = changed(bundle, edit)
    assert any(rule_differences(old, new).values())
    change = compare(old, new, PROFILE, LOG)
    assert (change.sentences, change.rules) == ((), ())
    assert change.before == change.after


def test_identical_bundles_say_nothing(old: Rules, rules: Rules) -> None:
    change = compare(old, rules, PROFILE, LOG)
    assert (change.sentences, change.rules) == ((), ())
    assert change.before == change.after == headline(tally(rules, PROFILE, LOG))


def test_renewal_dates_moved(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "renewal", "grace_period_end")[0]["value"] = "02-28"

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    # A cycle ending 2026-12-31 has its grace period in the next year: to June 30, 2027 under the
    # shipped rules, to February 28, 2027 under the changed ones.
    assert change.sentences == (
        "Renewal: grace period ends on February 28 from 2019-10-15 (was June 30), so the grace "
        "period ends 2027-02-28 instead of 2027-06-30.",
    )


def test_a_shorter_cycle_drops_what_came_before_it(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        in_force(b, "renewal", "cycle_years")["value"] = "2"

    new = changed(bundle, edit)
    change = compare(old, new, PROFILE, LOG)
    assert change.after == headline(tally(new, PROFILE, LOG))
    # A 2-year cycle ending 2026-12-31 starts 2025-01-01: the 2024 activities (20 + 15 CECs, and
    # the CPR course that counted 0) fall outside it.
    assert change.sentences == (
        "Your CECs went from 42 to 7 (required: 45).",
        "Renewal: cycles of 2 years from 2025-01-01 (was 3 years), so 2 of your activities count "
        "35 CECs less and your cycle starts 2025-01-01 instead of 2024-01-01.",
    )


def test_a_category_accepted_later_moves_room_under_its_cap(bundle: Bundle, old: Rules) -> None:
    # The second 2025 CPR course, 5 hours, had 1 CEC of room left under the cap of 5; accepted
    # only from 2025-03-01, the first course counts 0 and the second all 5: 42 either way.
    log = [*LOG[:4], act("2025-03-01", "other", "5", unit="hour", category="cpr"), *LOG[5:]]

    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "in_force")[0]["from"] = "2025-03-01"

    change = compare(old, changed(bundle, edit), PROFILE, log)
    assert change.before == change.after
    assert change.sentences == (
        "CPR, AED and First Aid certification: not accepted before 2025-03-01 (was accepted), so "
        "2 of your activities change, with no change in total.",
    )


def test_a_rule_gone_from_the_bundle(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        del b["categories"]["cpr"]["cap_per_year"]

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    assert change.sentences[1] == (
        "CPR, AED and First Aid certification: no yearly cap now (was capped at 5 CECs a year), "
        "so 1 of your activities counts 3 CECs more."
    )


@pytest.mark.parametrize(
    ("edit", "backwards", "said"),
    [
        (
            lambda b: entries(b, "providers", "ace", "convention")[0].update(value="Reworded."),
            False,
            "new wording of the description of its credits from 2013-05-01",
        ),
        (
            lambda b: retire(b, "2024-01-01", "providers", "ace", "convention"),
            False,
            "the description of its credits withdrawn from 2024-01-01",
        ),
        (
            lambda b: b["providers"]["ace"].pop("convention"),
            True,
            "the description of its credits added from 2013-05-01",
        ),
    ],
    ids=["reworded", "withdrawn", "added"],
)
def test_a_wording_is_said_changed_not_quoted(
    bundle: Bundle, old: Rules, edit: Callable[[Bundle], object], backwards: bool, said: str
) -> None:
    new = changed(bundle, edit)
    change = compare(new, old, PROFILE, LOG) if backwards else compare(old, new, PROFILE, LOG)
    assert change.sentences == (f"American Council on Exercise: {said}; your CECs do not change.",)


def test_a_new_source_is_named(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "cap_per_year")[0]["source"] = "acsm-faq12"

    change = compare(old, changed(bundle, edit), PROFILE, LOG)
    title = old.sources["acsm-faq12"].title
    assert change.sentences == (
        "CPR, AED and First Aid certification: capped at 5 CECs a year from 2025-01-01: now from "
        f"{title}; your CECs do not change.",
    )


def test_an_earlier_bundle_that_cannot_be_applied(bundle: Bundle, rules: Rules) -> None:
    # A month-day that is no day: the earlier bundle reads, but its grace period cannot be dated.
    broken = changed(
        bundle, lambda b: entries(b, "renewal", "grace_period_end")[0].update(value="13-45")
    )
    change = compare(broken, rules, PROFILE, LOG)
    # Python's own words for the bad month vary by version ("..., not 13" since 3.14).
    why = str(change.before)
    assert why.startswith("the rules cannot be applied (ValueError: month must be in 1..12")
    assert change.sentences == (
        f"Under the earlier rules your log could not be tallied ({why}); now you have 42 of 45 "
        "CECs.",
        "Renewal: grace period ends on June 30 from 2019-10-15 (was 13-45).",
    )


def test_a_provider_the_earlier_rules_lack(bundle: Bundle, old: Rules) -> None:
    def edit(b: Bundle) -> None:
        b["providers"]["newco"] = {**b["providers"]["nasm"], "name": "New Co", "abbreviation": "NC"}

    log = [*LOG, act("2025-07-01", "newco", "0.3")]
    change = compare(old, changed(bundle, edit), PROFILE, log)
    assert change.before == "activity 8: unknown provider 'newco'"


@pytest.mark.parametrize(
    ("edit", "added", "why"),
    [
        (
            lambda b: b["units"].update(minute={**b["units"]["hour"], "name": "Minutes"}),
            act("2025-07-01", "other", "90", unit="minute"),
            "activity 8: unknown unit 'minute'",
        ),
        (
            lambda b: b["categories"].update(teaching={**b["categories"]["education"]}),
            act("2025-07-01", "acsm", "2", category="teaching"),
            "activity 8: unknown category 'teaching'",
        ),
    ],
    ids=["a unit", "a category"],
)
def test_a_unit_or_category_the_earlier_rules_lack(
    bundle: Bundle, old: Rules, edit: Callable[[Bundle], object], added: Activity, why: str
) -> None:
    change = compare(old, changed(bundle, edit), PROFILE, [*LOG, added])
    assert change.before == why


def test_a_log_neither_rule_set_tallies_says_no_rule_changed(bundle: Bundle) -> None:
    # Neither bundle knows the ACSM-CPT's requirement for a cycle ending 2026-12-31; the newer
    # one raises the fee and the late fee. With no answer under either, no answer read them: the
    # reason alone is shown, and no sentence.
    def unknown(b: Bundle) -> None:
        retire(b, "2026-01-01", "certifications", "cpt", "required_cecs")

    def edit(b: Bundle) -> None:
        unknown(b)
        in_force(b, "certifications", "cpt", "renewal_fee_usd")["value"] = "65"
        in_force(b, "renewal", "late_fee_usd")["value"] = "90"

    change = compare(changed(bundle, unknown), changed(bundle, edit), PROFILE, LOG)
    why = "no CEC requirement for ACSM-CPT is known for a cycle ending 2026-12-31"
    assert change.before == change.after == why
    assert (change.sentences, change.rules) == ((), ())


# --- The bridge's helper: JSON in, JSON out


REQUEST_PROFILE = {**profile_record(PROFILE), "as_of": TODAY.isoformat()}
RECORDS = [json.dumps(activity_record(a)) for a in LOG]  # the page's form: each record's text


def test_change_answer_reads_both_bundles_and_the_page_log(bundle: Bundle) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"

    answer = change_answer(
        bundle_text(bundle), changed(bundle, edit), REQUEST_PROFILE, RECORDS, TODAY
    )
    assert answer == {
        "ok": True,
        "sentences": [
            "Your CECs went from 42 to 45 (required: 45).",
            "CPR, AED and First Aid certification: capped at 8 CECs a year from 2025-01-01 (was 5 "
            "CECs a year), so 1 of your activities counts 3 CECs more.",
        ],
        "rules": [
            {
                "rule": "categories.cpr.cap_per_year",
                "page": "what-counts",
                "anchor": "categories-cpr-cap-per-year",
            }
        ],
        "before": {"earned_cecs": "42", "required_cecs": "45", "remaining_cecs": "3"},
        "after": {"earned_cecs": "45", "required_cecs": "45", "remaining_cecs": "0"},
    }
    json.dumps(answer)  # plain data


def test_change_answer_names_the_planned_cecs_when_they_changed(bundle: Bundle) -> None:
    def edit(b: Bundle) -> None:
        entries(b, "providers", "acsm", "decimal_system")[0]["value"] = True

    answer = change_answer(
        bundle_text(bundle), changed(bundle, edit), REQUEST_PROFILE, RECORDS, TODAY
    )
    # ACSM's own CECs on the decimal system would count ten times: 20 as 200, the plan 3 as 30.
    assert (answer["before"]["planned_cecs"], answer["after"]["planned_cecs"]) == ("3", "30")
    assert answer["after"]["earned_cecs"] == "222"


def test_change_answer_a_log_the_earlier_rules_cannot_read(bundle: Bundle) -> None:
    def edit(b: Bundle) -> None:
        b["providers"]["newco"] = {**b["providers"]["nasm"], "name": "New Co", "abbreviation": "NC"}

    records = [*RECORDS, json.dumps({"date": "2025-07-01", "provider": "NC", "amount": "0.3"})]
    answer = change_answer(
        bundle_text(bundle), changed(bundle, edit), REQUEST_PROFILE, records, TODAY
    )
    assert answer["before"] == {"problem": "activity 8 (provider): unknown provider 'NC'"}
    # NASM's CEUs as New Co's: 0.3 on the decimal system is 3 CECs, 42 + 3.
    assert answer["sentences"] == [
        "Under the earlier rules your log could not be tallied (activity 8 (provider): unknown "
        "provider 'NC'); now you have 45 of 45 CECs."
    ]


def test_change_answer_reads_the_log_as_the_earlier_rules_read_it(bundle: Bundle) -> None:
    # The earlier bundle knew no ACSM-CPT requirement for this cycle, so it could not tally the
    # log; the update knows it, and merges AFAA into NASM (its name now one of NASM's). The AFAA
    # course reads as NASM's under the new rules: AFAA's own rules, read for it under the
    # earlier ones, are gone, and are said with the requirement.
    earlier = copy.deepcopy(bundle)
    retire(earlier, "2026-01-01", "certifications", "cpt", "required_cecs")

    def merge(b: Bundle) -> None:
        del b["providers"]["afaa"]
        b["providers"]["nasm"]["aliases"] = ["AFAA"]

    records = [*RECORDS, json.dumps({"date": "2025-07-01", "provider": "afaa", "amount": "0.3"})]
    answer = change_answer(
        bundle_text(earlier), changed(bundle, merge), REQUEST_PROFILE, records, TODAY
    )
    # NASM's 0.3 CEUs on the decimal system: 3 CECs, 42 + 3.
    assert answer["after"]["earned_cecs"] == "45"
    assert [s.split(":")[0] for s in answer["sentences"][1:]] == [
        "ACSM-CPT",
        "Athletics and Fitness Association of America",
    ]
    assert [r["rule"] for r in answer["rules"]] == [
        "certifications.cpt.required_cecs",
        "providers.afaa.decimal_system",
        "providers.afaa.convention",
    ]


def test_change_answer_a_log_neither_rule_set_reads_says_nothing(
    bundle: Bundle, rules: Rules
) -> None:
    answer = change_answer(bundle_text(bundle), rules, {"cycle_end": "2026-12-31"}, [], TODAY)
    problem = {"problem": "your profile (certifications): choose at least one certification"}
    assert answer == {"ok": True, "sentences": [], "rules": [], "before": problem, "after": problem}


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "rules bundle is not JSON: Expecting value: line 1 column 1 (char 0)"),
        ("{}", "rules bundle is malformed: KeyError: 'bundle_format'"),
        ('{"bundle_format": 2}', "rules bundle format 2 is not 1"),
        ("[" * 100_000, "nested more than 32 levels"),
    ],
    ids=["empty", "not a bundle", "a later format", "nested too deep"],
)
def test_an_unreadable_earlier_bundle_is_a_clear_answer(rules: Rules, text: str, why: str) -> None:
    answer = change_answer(text, rules, REQUEST_PROFILE, RECORDS, TODAY)
    assert answer == {
        "ok": False,
        "error": f"the rules last computed with cannot be read, so what changed is not known ({why})",
    }


def test_a_bundle_missing_a_cited_source_says_so_instead_of_failing(bundle: Bundle) -> None:
    def edit(b: Bundle) -> None:
        del b["sources"][entries(b, "conversion", "one_to_one")[0]["source"]]

    broken = changed(bundle, edit)
    change = compare(broken, rules_from_bundle(bundle), PROFILE, LOG)
    assert change.before == "the rules cannot be applied (KeyError: 'acsm-blog-earning-2019')"


# --- Properties, over logs Hypothesis makes up


@settings(max_examples=50)
@given(profiles(), logs)
def test_a_bundle_compared_with_itself_says_nothing(p: Profile, log: list[Activity]) -> None:
    change = compare(RULES, RULES, p, log)
    assert change.sentences == ()
    assert change.rules == ()
    assert change.before == change.after


def _cap_raised() -> Rules:
    from tests.conftest import load_bundle

    b = load_bundle()
    entries(b, "categories", "cpr", "cap_per_year")[0]["value"] = "8"
    retire(b, "2026-01-01", "certifications", "ep", "required_cecs")
    return rules_from_bundle(b)


RAISED = _cap_raised()


@settings(max_examples=50)
@given(profiles(), logs)
def test_the_numbers_are_the_tallies_and_a_change_is_always_said(
    p: Profile, log: list[Activity]
) -> None:
    change = compare(RULES, RAISED, p, log)
    for rules, side in ((RULES, change.before), (RAISED, change.after)):
        if isinstance(side, Headline):
            assert side == headline(tally(rules, p, log))
    if change.before != change.after:
        assert change.sentences and change.rules
    assert set(change.rule_ids) <= {
        "categories.cpr.cap_per_year",
        "certifications.ep.required_cecs",
    }


# --- Through the page's door (calc.bridge) ---


def test_the_bridge_answers_what_a_rules_update_did_to_the_page_log(bundle: Bundle) -> None:
    """The page keeps the bundle it last computed with; the worker, loaded with the new rules,
    compares through bridge.rules_change: here the old rules capped CPR at 8 a year, the new
    ones (the shipped) at 5, so the page's log lost 3 CECs."""
    from calc import bridge

    older = copy.deepcopy(bundle)
    entries(older, "categories", "cpr", "cap_per_year")[0]["value"] = "8"
    assert json.loads(bridge.load_rules(bundle_text(bundle)))["ok"]
    profile = {"certifications": ["cpt"], "cycle_end": "2026-12-31", "cpr_expires": "2027-06-01"}
    records = [
        {"date": a.completed.isoformat(), "title": a.title, "provider": a.provider}
        | {"amount": str(a.amount), "unit": a.unit or "", "category": a.category or ""}
        for a in LOG
    ]
    request = json.dumps({"profile": profile, "activities": records})
    answer = json.loads(bridge.rules_change(bundle_text(older), request, TODAY.isoformat()))
    assert answer["ok"] is True
    assert answer["sentences"] == [
        "Your CECs went from 45 to 42 (required: 45).",
        "CPR, AED and First Aid certification: capped at 5 CECs a year from 2025-01-01 (was 8 "
        "CECs a year), so 1 of your activities counts 3 CECs less.",
    ]
    assert [r["rule"] for r in answer["rules"]] == ["categories.cpr.cap_per_year"]
    assert (answer["before"]["earned_cecs"], answer["after"]["earned_cecs"]) == ("45", "42")
    # Nothing that concerns them: no sentence at all; an unreadable old bundle: an error.
    same = json.loads(bridge.rules_change(bundle_text(bundle), request, TODAY.isoformat()))
    assert same["ok"] is True and same["sentences"] == []
    broken = json.loads(bridge.rules_change("[" * 100, request, TODAY.isoformat()))
    assert broken["ok"] is False and "cannot be read" in broken["error"]
    assert json.loads(bridge.rules_change("{}", "not json"))["ok"] is False
