"""The engine with rules a maintainer might write tomorrow: a category capped per cycle only, a
conversion retired. The shipped rules do not have these, so the scenarios cannot show them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from calc.engine import DONE, ONE_DAY, ZERO, Decision, cycle_of, decide, service_years, tally
from calc.model import Activity, Profile, Rules

PROFILE = Profile(("ep",), date(2025, 12, 31), None, None, date(2025, 12, 1))


def test_a_cycle_holds_its_first_and_last_days_and_no_other(rules: Rules) -> None:
    cycle = cycle_of(rules, PROFILE)
    assert cycle.start in cycle and cycle.end in cycle
    assert cycle.start - ONE_DAY not in cycle and cycle.end + ONE_DAY not in cycle
    # A day's text is not a day: not in the cycle, rather than an error comparing it.
    assert cycle.end.isoformat() not in cycle


def test_a_category_capped_per_cycle_only(rules: Rules) -> None:
    # Committee service without its cap per year of service: only the cycle's cap is left.
    committee = replace(
        rules.categories["committee"], cap_per_service_year=None, service_period=False
    )
    changed = replace(rules, categories={**rules.categories, "committee": committee})
    log = [
        Activity(date(2023, 6, 1), "Committee", "acsm", Decimal(20), category="committee"),
        Activity(date(2024, 6, 1), "Committee", "acsm", Decimal(10), category="committee"),
    ]
    t = tally(changed, PROFILE, log)
    assert [d.cecs for d in t.decisions] == [Decimal(20), Decimal(4)]
    assert t.decisions[1].explanation.endswith(
        "; ACSM committee or volunteer service counts at most 24 CECs per cycle, 20 already "
        "counted: counts 4 of 10 (6 lost)"
    )
    assert t.decisions[1].citations[-1].rule == "categories.committee.cap_per_cycle"


def test_no_conversion_known_counts_zero_with_the_reason(rules: Rules) -> None:
    eq = rules.equivalence
    gone = replace(
        eq.one_to_one, entries=tuple(replace(e, value=None) for e in eq.one_to_one.entries)
    )
    changed = replace(rules, equivalence=replace(eq, one_to_one=gone))
    t = tally(changed, PROFILE, [Activity(date(2024, 6, 1), "Course", "acsm", Decimal(3))])
    (d,) = t.decisions
    assert (d.cecs, d.converted, d.citations) == (Decimal(0), Decimal(0), ())
    assert d.explanation == "No conversion for ACSM CECs is known on 2024-06-01: counts 0 CECs"


def test_outside_the_scope_when_the_scope_rule_is_retired(rules: Rules) -> None:
    scope = rules.within_scope
    retired = replace(
        rules,
        within_scope=replace(scope, entries=tuple(replace(e, value=None) for e in scope.entries)),
    )
    log = [Activity(date(2024, 6, 1), "Massage", "acsm", Decimal(2), in_scope=False)]
    (d,) = tally(retired, PROFILE, log).decisions
    assert d.cecs == 0 and d.explanation.endswith(
        "; outside the scope of your certification: counts 0 (2 lost)"
    )
    assert [c.rule for c in d.citations] == [
        "providers.acsm.decimal_system",
        "conversion.one_to_one",
    ]


def test_a_category_not_in_force_on_its_first_day_cites_nothing_for_it(rules: Rules) -> None:
    # A category whose first entry says "not accepted" (value false): nothing to cite for a date.
    committee = rules.categories["committee"]
    first = committee.in_force.entries[0]
    never = replace(
        committee, in_force=replace(committee.in_force, entries=(replace(first, value=None),))
    )
    changed = replace(rules, categories={**rules.categories, "committee": never})
    log = [Activity(date(2024, 6, 1), "Committee", "acsm", Decimal(4), category="committee")]
    (d,) = tally(changed, PROFILE, log).decisions
    assert d.cecs == 0
    # Not "only from 2023-01-01": no day is known from which it counts (issue 31).
    assert d.explanation.endswith(
        "; no rule says ACSM accepts ACSM committee or volunteer service CECs for 2024-06-01: "
        "counts 0 (4 lost)"
    )
    assert [c.rule for c in d.citations] == [
        "providers.acsm.decimal_system",
        "conversion.one_to_one",
    ]


def test_a_category_acsm_stopped_accepting_says_so_and_cites_that_entry(rules: Rules) -> None:
    # Committee service accepted from 2023, then (say) not from 2024-01-01: a 2024 term counts 0
    # by the entry that says so; a 2023 one still counts; one before 2023 counts only from then.
    committee = rules.categories["committee"]
    first = committee.in_force.entries[0]
    stopped = replace(first, start=date(2024, 1, 1), value=False)
    ended = replace(committee, in_force=replace(committee.in_force, entries=(first, stopped)))
    changed = replace(rules, categories={**rules.categories, "committee": ended})

    def served(year: int) -> Decision:
        log = [
            Activity(
                date(year, 12, 31),
                "Committee",
                "acsm",
                Decimal(4),
                category="committee",
                service_from=date(year, 1, 1),
                service_to=date(year, 12, 31),
            )
        ]
        profile = Profile(("cpt",), date(2024, 12, 31), None, None, date(2024, 12, 31))
        (d,) = tally(changed, profile, log).decisions
        return d

    late = served(2024)
    assert late.cecs == 0 and late.explanation.endswith(
        "; ACSM does not accept ACSM committee or volunteer service CECs for 2024-12-31: "
        "counts 0 (4 lost)"
    )
    assert late.citations[-1].rule == "categories.committee.in_force"
    assert late.citations[-1].since == date(2024, 1, 1)
    assert served(2023).cecs == 4
    early = served(2022)
    assert early.cecs == 0 and early.explanation.endswith(
        "; ACSM accepts ACSM committee or volunteer service CECs only from 2023-01-01: "
        "counts 0 (4 lost)"
    )
    assert early.citations[-1].since == date(2023, 1, 1)


def test_self_reporting_without_acsms_steps(rules: Rules) -> None:
    steps = rules.tracking.self_reporting_steps
    tracking = replace(
        rules.tracking,
        self_reporting_steps=replace(
            steps, entries=tuple(replace(e, value=None) for e in steps.entries)
        ),
    )
    changed = replace(rules, tracking=tracking)
    t = tally(changed, PROFILE, [Activity(date(2024, 6, 1), "Course", "ace", Decimal("0.1"))])
    (reported,) = [c for c in t.outlook.checklist if c.id == "reported"]
    assert reported.text == (
        "1 activity (1 CEC) still to enter in ACSM's Self-Reporting Tool. Mark each one as entered once you have"
    )
    assert reported.steps == () and reported.citations == ()


def test_no_certification_with_a_requirement_names_them_all(rules: Rules) -> None:
    from calc.engine import TallyError

    cpt = replace(rules.certifications["cpt"], required_cecs=None)
    changed = replace(rules, certifications={**rules.certifications, "cpt": cpt})
    profile = Profile(("eim", "cpt"), date(2026, 12, 31), None, None, date(2026, 6, 1))
    try:
        tally(changed, profile, [])
    except TallyError as exc:
        assert str(exc) == (
            "Exercise is Medicine Credential, ACSM Certified Personal Trainer: no CEC requirement "
            "of its own; also choose the certification that keeps it active"
        )
    else:
        raise AssertionError("refused")


def test_same_day_activities_share_a_cap_the_same_way_in_any_order(rules: Rules) -> None:
    # Hypothesis found this: two committee terms ending on one day, 8 CECs of room for their
    # year of service. Filled in the log's order, "who got the room" (and so how many activities
    # counted and how many lack proof) changed when the log was sorted differently.
    log = [
        Activity(
            date(2024, 2, 1),
            "Chapter board",
            "acsm",
            Decimal(6),
            category="committee",
            service_from=date(2023, 2, 2),
            service_to=date(2024, 2, 1),
        ),
        Activity(
            date(2024, 2, 1),
            "Mentoring",
            "acsm",
            Decimal(5),
            category="committee",
            certificate=True,
            service_from=date(2023, 8, 2),
            service_to=date(2024, 2, 1),
        ),
    ]
    ahead, behind = tally(rules, PROFILE, log), tally(rules, PROFILE, log[::-1])
    assert [d.cecs for d in ahead.decisions] == [Decimal(6), Decimal(2)]
    assert [d.cecs for d in behind.decisions] == [Decimal(2), Decimal(6)]
    assert "and 2 with your other service counted in the same period" in (
        ahead.decisions[1].explanation
    )
    assert ahead.outlook == behind.outlook


# --- Copies: which one counts, whatever the log's order ---

D = date(2025, 3, 1)


def counted(rules: Rules, log: list[Activity]) -> list[Decimal]:
    return [d.cecs for d in tally(rules, PROFILE, log).decisions]


def test_of_copies_that_differ_in_an_answer_the_unanswered_counts_in_any_order(
    rules: Rules,
) -> None:
    # The same course typed twice, once marked as entered in ACSM's tool: the copy without the
    # answer counts (and stays to report), whichever was typed first.
    said = Activity(D, "Webinar", "acsm", Decimal(2), reported=True)
    unsaid = Activity(D, "Webinar", "acsm", Decimal(2))
    for log in ([said, unsaid], [unsaid, said]):
        t = tally(rules, PROFILE, log)
        by_answer = {d.activity.reported: d for d in t.decisions}
        assert (by_answer[None].cecs, by_answer[True].cecs) == (Decimal(2), Decimal(0))
        assert by_answer[True].copy_of == log.index(unsaid) + 1
    # An organization's CEUs typed twice, once said to be on the decimal system: the lower
    # reading counts, in any order.
    yes = Activity(D, "In-service", "other", Decimal(3), "ceu", decimal_system=True)
    unsure = Activity(D, "In-service", "other", Decimal(3), "ceu")
    assert counted(rules, [yes, unsure]) == [Decimal(0), Decimal(3)]
    assert counted(rules, [unsure, yes]) == [Decimal(3), Decimal(0)]


@pytest.mark.parametrize(
    "field",
    ["unit", "category", "service_from", "service_to"],
)
def test_of_copies_that_differ_in_one_field_the_same_one_counts_in_any_order(
    rules: Rules, field: str
) -> None:
    # The same committee term typed twice, once with this field left out and once with it given
    # (its own value, or the one it would be read as): still one course, and which row counts
    # does not depend on which was typed first.
    given = Activity(
        D, "Board", "acsm", Decimal(2), "cec", rules.default_category,
        service_from=date(2024, 4, 2), service_to=D,
    )  # fmt: skip
    left_out = replace(given, **{field: None})
    for log in ([given, left_out], [left_out, given]):
        decisions = tally(rules, PROFILE, log).decisions
        counting = [d.activity for d in decisions if d.copy_of is None]
        assert counting == [left_out], (field, [d.explanation for d in decisions])


def test_an_unlisted_organization_without_its_name_counts_with_a_to_do(rules: Rules) -> None:
    """A file's row without the organization's name is read and counted all the same; the name
    is for the audit. A listed provider needs none."""
    unnamed = Activity(D, "In-service", "other", Decimal(3), "hour")
    named = Activity(D, "In-service", "other", Decimal(3), "hour", organization="City Gym")
    listed = Activity(D, "Webinar", "acsm", Decimal(2))
    said = "Add the organization's name (Organization name): an auditor will ask who gave it."
    found = [tally(rules, PROFILE, [a]).decisions[0] for a in (unnamed, named, listed)]
    assert [(d.cecs, d.warnings) for d in found] == [
        (Decimal(3), (said,)),
        (Decimal(3), ()),
        (Decimal(2), ()),
    ]


def test_same_day_rows_that_differ_in_what_may_be_left_out_are_ordered_without_fail(
    rules: Rules,
) -> None:
    # A course length not given beside one given; a category left out beside one named; older
    # committee service without its period beside one with it; a course from a spreadsheet with a
    # term start and no end beside the same with both (the period is not asked of a course, and
    # not refused): each pair tallies in any order.
    pairs = [
        (
            Activity(D, "Yoga", "acsm", Decimal(2), service_from=date(2024, 3, 2)),
            Activity(D, "Yoga", "acsm", Decimal(2), service_from=date(2024, 3, 2), service_to=D),
        ),
        (
            Activity(D, "CPR", "other", None, "hour", "cpr"),
            Activity(D, "CPR", "other", Decimal(2), "hour", "cpr"),
        ),
        (
            Activity(D, "Yoga", "acsm", Decimal(2)),
            Activity(D, "Yoga", "acsm", Decimal(2), category="education"),
        ),
        (
            Activity(D, "Board", "acsm", Decimal(4), category="committee"),
            Activity(
                D,
                "Board",
                "acsm",
                Decimal(4),
                category="committee",
                service_from=date(2024, 3, 2),
                service_to=D,
            ),
        ),
    ]
    for first, second in pairs:
        ahead, behind = (
            tally(rules, PROFILE, [first, second]),
            tally(rules, PROFILE, [second, first]),
        )
        assert ahead.earned == behind.earned and ahead.outlook == behind.outlook


def test_same_day_capped_rows_fill_the_cap_smallest_first_in_any_order(rules: Rules) -> None:
    four = Activity(D, "CPR", "other", Decimal(4), "hour", "cpr")
    three = Activity(D, "CPR", "other", Decimal(3), "hour", "cpr")
    assert counted(rules, [four, three]) == [Decimal(2), Decimal(3)]
    assert counted(rules, [three, four]) == [Decimal(3), Decimal(2)]


# --- Caps ---


def test_when_two_caps_bind_the_tighter_counts_and_is_cited(rules: Rules) -> None:
    # A maintainer gives CPR courses a cap per cycle too (6): in 2025, 5 a year leaves room, the
    # cycle's 6 less.
    cpr = rules.categories["cpr"]
    committee_cap = rules.categories["committee"].cap_per_cycle
    assert committee_cap is not None
    cycle_cap = replace(committee_cap, id="categories.cpr.cap_per_cycle")
    entries = tuple(replace(e, value=Decimal(6)) for e in cycle_cap.entries)
    changed = replace(
        rules,
        categories={
            **rules.categories,
            "cpr": replace(cpr, cap_per_cycle=replace(cycle_cap, entries=entries)),
        },
    )
    log = [
        Activity(date(2024, 12, 31), "Old CPR", "other", Decimal(4), "hour", "cpr"),
        Activity(date(2025, 2, 1), "CPR", "other", Decimal(4), "hour", "cpr"),
        Activity(date(2026, 2, 1), "First Aid", "other", Decimal(4), "hour", "cpr"),
    ]
    t = tally(changed, Profile(("ep",), date(2026, 12, 31), None, None, date(2026, 12, 1)), log)
    assert [d.cecs for d in t.decisions] == [Decimal(0), Decimal(4), Decimal(2)]
    assert t.decisions[2].cut_by == "categories.cpr.cap_per_cycle"
    assert "counts at most 6 CECs per cycle, 4 already counted: counts 2 of 4" in (
        t.decisions[2].explanation
    )


def test_an_activity_that_fills_a_cap_exactly_is_not_cut_by_it(rules: Rules) -> None:
    log = [
        Activity(date(2025, 2, 1), "CPR", "other", Decimal(4), "hour", "cpr"),
        Activity(date(2025, 3, 1), "First Aid", "other", Decimal(1), "hour", "cpr"),
    ]
    d = tally(rules, PROFILE, log).decisions[1]
    assert (d.cecs, d.cut_by) == (Decimal(1), None)
    assert [c.rule for c in d.citations] == ["units.hour.cecs_per_unit", "categories.cpr.in_force"]


def test_a_completion_reading_without_acsms_words_is_said_plainly(rules: Rules) -> None:
    # A maintainer records the other reading of CPR courses (a completion counts 5) without
    # ACSM's words: the decision says ACSM may count it, and quotes nothing.
    cpr = rules.categories["cpr"]
    rule = cpr.per_completion
    assert rule is not None
    unquoted = replace(rule, entries=tuple(replace(e, quote=None) for e in rule.entries))
    changed = replace(
        rules, categories={**rules.categories, "cpr": replace(cpr, per_completion=unquoted)}
    )
    course = Activity(D, "CPR/AED", "other", Decimal(2), "hour", "cpr", organization="Red Cross")
    (d,) = tally(changed, PROFILE, [course]).decisions
    assert d.cecs == 2
    assert d.explanation.endswith(
        ". ACSM may count a completion: if ACSM reads it that way, this counts 5"
    )
    assert d.citations[-1].rule == "categories.cpr.per_completion"


# --- Committee service: its years ---


def served(first: date, last: date, amount: str = "10", title: str = "Board") -> Activity:
    return Activity(
        last,
        title,
        "acsm",
        Decimal(amount),
        category="committee",
        service_from=first,
        service_to=last,
    )


def test_a_year_and_a_day_of_service_counts_a_day_more_than_a_year(rules: Rules) -> None:
    assert counted(rules, [served(date(2024, 1, 1), date(2025, 1, 1))]) == [Decimal("8.02")]
    assert counted(rules, [served(date(2024, 1, 1), date(2024, 12, 31))]) == [Decimal(8)]


def test_a_year_and_a_day_of_service_is_the_year_and_one_day_of_the_next() -> None:
    # A whole year from the first day's anniversary to the next; the day after it is one of the
    # 365 days of the following year of service (2025), not a 366th of the leap year 2024.
    assert service_years(date(2024, 1, 1), date(2024, 12, 31)) == 1
    assert service_years(date(2024, 1, 1), date(2025, 1, 1)) == 1 + Decimal(1) / Decimal(365)


def test_terms_that_share_a_day_share_it(rules: Rules) -> None:
    # Two years of service in all (2023 and 2024): 16, though the second term begins on the
    # first one's last day (alone it would be a year and a day, 8.02).
    log = [
        served(date(2023, 1, 1), date(2023, 12, 31)),
        served(date(2023, 12, 31), date(2024, 12, 31), title="Mentoring"),
    ]
    assert counted(rules, log) == [Decimal(8), Decimal(8)]


def test_a_term_its_years_allow_in_full_is_not_cut_by_the_cap_per_year_of_service(
    rules: Rules,
) -> None:
    # A year of service allows 8: 8 or 5 count in full, cut by no cap; 10 is cut to 8 by it.
    year = (date(2024, 1, 1), date(2024, 12, 31))
    found = [tally(rules, PROFILE, [served(*year, amount)]).decisions[0] for amount in "85"]
    assert [(d.cecs, d.cut_by) for d in found] == [(Decimal(8), None), (Decimal(5), None)]
    cut = tally(rules, PROFILE, [served(*year, "10")]).decisions[0]
    assert (cut.cecs, cut.cut_by) == (Decimal(8), "categories.committee.cap_per_service_year")


def test_committee_service_keeps_the_warnings_of_its_row(rules: Rules) -> None:
    # Entered under another organization without its name: the to-do for the name stays beside
    # the one for the period served, when that is left out too.
    board = Activity(D, "Chapter board", "other", Decimal(8), "hour", "committee")
    period = replace(board, service_from=date(2024, 3, 2), service_to=D)
    name = "Add the organization's name (Organization name): an auditor will ask who gave it."
    assert tally(rules, PROFILE, [period]).decisions[0].warnings == (name,)
    guessed = tally(rules, PROFILE, [board]).decisions[0].warnings
    assert guessed[0] == name and guessed[1].startswith("Add the period you served")
    assert len(guessed) == 2


def test_a_term_with_only_its_first_day_counts_as_an_older_record(rules: Rules) -> None:
    half = replace(served(date(2024, 4, 2), date(2025, 4, 1)), service_to=None)
    d = tally(rules, PROFILE, [half]).decisions[0]
    assert d.cecs == Decimal(8)
    assert d.warnings[0].startswith("Add the period you served")


def test_a_service_category_without_a_cap_per_year_of_service_counts_as_any_other(
    rules: Rules,
) -> None:
    committee = replace(rules.categories["committee"], cap_per_service_year=None)
    changed = replace(rules, categories={**rules.categories, "committee": committee})
    assert counted(changed, [served(date(2024, 1, 1), date(2024, 12, 31))]) == [Decimal(10)]


def test_service_begun_after_the_cycle_ends_counts_toward_the_next_cycle(rules: Rules) -> None:
    # Like any activity dated after the cycle: kept for the next one, not "lost", not a plan.
    term = served(date(2026, 1, 1), date(2026, 6, 30))
    for as_of in (date(2025, 12, 1), date(2026, 7, 1)):
        d = tally(rules, replace(PROFILE, as_of=as_of), [term]).decisions[0]
        assert (d.cecs, d.next_cycle, d.planned, d.lost) == (ZERO, True, False, ZERO)
        assert d.explanation.endswith(
            "dated 2026-06-30, after your cycle ends on 2025-12-31: it counts toward your next "
            "cycle, not this one"
        )
    # One that straddles the cycle's end counts its days inside (half a year), in this cycle.
    done = replace(PROFILE, as_of=date(2026, 7, 1))
    d = tally(rules, done, [served(date(2025, 7, 1), date(2026, 6, 30))]).decisions[0]
    assert (d.cecs, d.next_cycle) == (Decimal("4.03"), False)


def test_committee_service_still_running_after_the_cycle_ends_counts_its_days_inside(
    rules: Rules,
) -> None:
    # Its days inside the cycle are all served once the cycle is over: they count now (not a plan
    # until the term ends), and in this cycle even when the renewal came after the cycle's end
    # (not after the renewal, which its last day is).
    term = served(date(2025, 7, 1), date(2026, 6, 30))
    for late in (
        replace(PROFILE, as_of=date(2026, 3, 1)),
        replace(PROFILE, as_of=date(2026, 3, 1), renewed_on=date(2026, 1, 20)),
    ):
        d = tally(rules, late, [term]).decisions[0]
        assert (d.cecs, d.planned, d.next_cycle) == (Decimal("4.03"), False, False)


def test_an_activity_done_after_a_late_renewal_is_said_to_follow_the_renewal(
    rules: Rules,
) -> None:
    # Renewed in the grace period, after the cycle's end: an activity after the renewal is said
    # to follow it; one between the cycle's end and the renewal, to follow the cycle's end.
    late = Profile(("cpt",), date(2025, 12, 31), None, None, date(2026, 3, 1), date(2026, 1, 20))
    after_renewal, after_end = (
        tally(rules, late, [Activity(day, "Webinar", "acsm", Decimal(2))]).decisions[0]
        for day in (date(2026, 2, 1), date(2026, 1, 10))
    )
    assert after_renewal.next_cycle and after_renewal.explanation.endswith(
        "dated 2026-02-01, after you renewed on 2026-01-20: it counts toward your next cycle, not "
        "this one"
    )
    assert after_end.next_cycle and after_end.explanation.endswith(
        "dated 2026-01-10, after your cycle ends on 2025-12-31: it counts toward your next cycle, "
        "not this one"
    )


def test_a_term_of_service_decided_alone_is_held_to_its_years(rules: Rules) -> None:
    # decide() with nothing counted before it (no caps' use given, as for an activity alone in a
    # log): the cap per year of service still applies to the term's own years.
    term = served(date(2024, 1, 1), date(2024, 12, 31))
    d = decide(rules, cycle_of(rules, PROFILE), term, None, DONE)
    assert (d.cecs, d.served) == (Decimal(8), ((date(2024, 1, 1), date(2024, 12, 31)),))


def test_without_a_cap_per_cycle_the_calendar_year_reading_is_not_held_to_one(
    rules: Rules,
) -> None:
    # A maintainer drops committee service's cap per cycle: read per calendar year touched, the
    # same term (four calendar years) would be 4 x 8 = 32, nothing holds it to 24.
    committee = replace(rules.categories["committee"], cap_per_cycle=None)
    changed = replace(rules, categories={**rules.categories, "committee": committee})
    first = Profile(("ep",), date(2026, 12, 31), date(2023, 3, 1), None, date(2026, 12, 1))
    d = tally(changed, first, [served(date(2023, 12, 1), date(2026, 1, 31), "30")]).decisions[0]
    assert d.explanation.endswith(
        "Read as 8 per calendar year your service touched (2023, 2024, 2025 and 2026), it would "
        "be up to 32"
    )


def test_the_other_reading_of_service_is_kept_within_the_cycles_cap(rules: Rules) -> None:
    first = Profile(("ep",), date(2026, 12, 31), date(2023, 3, 1), None, date(2026, 12, 1))
    # Two years and 62 days in a cycle, touching four calendar years: 8 a calendar year would be
    # 32, but a cycle counts at most 24.
    d = tally(rules, first, [served(date(2023, 12, 1), date(2026, 1, 31), "30")]).decisions[0]
    assert d.explanation.endswith(
        "Read as 8 per calendar year your service touched (2023, 2024, 2025 and 2026), it would "
        "be up to 24"
    )
    # A calendar year exactly: the two readings agree, and only one is said.
    year = tally(rules, PROFILE, [served(date(2024, 1, 1), date(2024, 12, 31), "8")]).decisions[0]
    assert year.explanation == (
        "ACSM awards its own CECs, so each credit counts as 1 ACSM CEC: 8 x 1 = 8 CECs; served "
        "2024-01-01 to 2024-12-31, 1 year of service in your cycle; ACSM committee or volunteer "
        "service counts at most 8 CECs per year of service, so up to 8"
    )


def test_an_activity_without_a_conversion_adds_no_hours_to_its_day(rules: Rules) -> None:
    eq = rules.equivalence
    gone = replace(
        eq.one_to_one, entries=tuple(replace(e, value=None) for e in eq.one_to_one.entries)
    )
    changed = replace(rules, equivalence=replace(eq, one_to_one=gone))
    day = [
        Activity(
            D, "Conference", "other", Decimal(24), "contact_hour", organization="State Conference"
        ),
        Activity(D, "ACSM session", "acsm", Decimal(3)),  # 1 = 1 retired: no conversion
    ]
    assert [d.warnings for d in tally(changed, PROFILE, day).decisions] == [(), ()]


def test_courses_of_two_unlisted_organizations_on_one_day_are_not_copies(rules: Rules) -> None:
    """For an organization the rules do not list, its name says who gave the course: the Red
    Cross's and a gym's CPR course on one day both count; the same name, however it is typed,
    is a copy. A listed provider's own part (a chapter) does not tell copies apart."""
    red_cross = Activity(D, "CPR/AED", "other", Decimal(4), "hour", organization="Red Cross")
    gym = replace(red_cross, organization="City Gym")
    typed_again = replace(red_cross, organization="red  cross!")
    assert counted(rules, [red_cross, gym]) == [Decimal(4), Decimal(4)]
    assert counted(rules, [red_cross, typed_again]) == [Decimal(4), Decimal(0)]
    chapter = Activity(D, "Meeting", "acsm_approved", Decimal(2), organization="Southeast")
    other_chapter = replace(chapter, organization="Midwest")
    assert sorted(counted(rules, [chapter, other_chapter])) == [Decimal(0), Decimal(2)]


def test_committee_service_is_no_hours_on_its_last_day(rules: Rules) -> None:
    # A year of service ends on a conference day: its CECs are for the year served, not hours
    # spent that day, so neither the day nor the term alone is questioned.
    term = served(date(2024, 7, 1), date(2025, 6, 30), "30")
    conference = Activity(
        date(2025, 6, 30), "Conference", "other", Decimal(20), "contact_hour", organization="X"
    )
    decisions = tally(rules, PROFILE, [term, conference]).decisions
    assert [w for d in decisions for w in d.warnings if "hours" in w] == []
