"""Invariants of the tally and of the log files, over logs Hypothesis makes up."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calc.bundle import rules_from_bundle
from calc.citations import apply
from calc.engine import merged, service_years, tally
from calc.fields import parse_activities, parse_profile
from calc.logfiles import read_csv, read_json, write_csv, write_json
from calc.model import Activity, Profile, Rules
from tests.conftest import load_bundle

RULES: Rules = rules_from_bundle(load_bundle())
TODAY = date(2026, 6, 1)

amounts = st.decimals(
    min_value=Decimal("0.001"), max_value=200, places=3, allow_nan=False, allow_infinity=False
)
# Few titles, so that copies (same date, organization, amount, unit and title) come up.
titles = st.sampled_from(["", "Course", "course!", "Workshop"]) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
).map(str.strip)
DAYS = st.dates(min_value=date(2022, 6, 1), max_value=date(2027, 6, 1))


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    completed = draw(DAYS)
    category = draw(st.none() | st.sampled_from(sorted(RULES.categories)))
    kind = RULES.categories[category or RULES.default_category]
    # Committee service records its period, ending on its date (an older record may not); a
    # CPR course may wait for its length.
    served = kind.service_period and draw(st.booleans())
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=completed)) if served else None
    amount = None if kind.length_in_hours and draw(st.booleans()) else draw(amounts)
    unit = draw(st.none() | st.sampled_from(sorted(RULES.units)))
    return Activity(
        completed=completed,
        title=draw(titles),
        provider=draw(st.sampled_from(sorted(RULES.providers))),
        amount=amount,
        # A course's length is in hours unless said otherwise, as the form and a file read it.
        unit=unit or (kind.suggested_unit if kind.length_in_hours else None),
        category=category,
        in_scope=draw(st.booleans()),
        certificate=draw(st.booleans()),
        decimal_system=draw(st.none() | st.booleans()),
        reported=draw(st.none() | st.booleans()),
        separate=draw(st.booleans()),
        service_from=start,
        service_to=completed if served else None,
        organization=draw(titles),
    )


certifications = st.lists(
    st.sampled_from(["gei", "cpt", "ep", "cep", "rcep", "cet", "cift", "paphs"]),
    min_size=1,
    max_size=3,
    unique=True,
)


days = st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31))


@st.composite
def profiles(draw: st.DrawFn, as_of: date = TODAY) -> Profile:
    end = date(draw(st.integers(2024, 2027)), 12, 31)
    renewed = draw(st.none() | st.dates(min_value=date(2022, 1, 1), max_value=as_of))
    return Profile(tuple(draw(certifications)), end, None, draw(st.none() | days), as_of, renewed)


logs = st.lists(activities(), max_size=25)


@given(profiles(), logs, st.randoms())
def test_order_of_activities_never_changes_the_totals(
    p: Profile, log: list[Activity], rnd: random.Random
) -> None:
    shuffled = log[:]
    rnd.shuffle(shuffled)
    a, b = tally(RULES, p, log), tally(RULES, p, shuffled)
    assert (a.earned, a.required, a.remaining, a.status, a.planned, a.outlook) == (
        b.earned,
        b.required,
        b.remaining,
        b.status,
        b.planned,
        b.outlook,
    )


@given(profiles(), logs)
def test_counted_is_between_zero_and_converted_and_sums_to_earned(
    p: Profile, log: list[Activity]
) -> None:
    t = tally(RULES, p, log)
    for d in t.decisions:
        assert Decimal(0) <= d.cecs <= d.converted
        assert d.counted == (d.cecs > 0)
    assert t.earned == sum((d.cecs for d in t.decisions), Decimal(0))
    assert t.remaining == max(Decimal(0), t.required - t.earned)
    assert [d.activity for d in t.decisions] == log


@given(profiles(), logs)
def test_caps_are_never_exceeded(p: Profile, log: list[Activity]) -> None:
    t = tally(RULES, p, log)
    per_year: defaultdict[tuple[str, int], Decimal] = defaultdict(Decimal)
    per_cycle: defaultdict[str, Decimal] = defaultdict(Decimal)
    served: defaultdict[str, tuple[tuple[date, date], ...]] = defaultdict(tuple)
    for d in t.decisions:
        per_year[(d.category, d.activity.completed.year)] += d.cecs + d.would
        per_cycle[d.category] += d.cecs + d.would
        served[d.category] = merged(served[d.category], d.served)
    for d in t.decisions:
        cat = RULES.categories[d.category]
        day = d.activity.completed
        if cat.cap_per_year and (cap := apply(RULES, cat.cap_per_year, day)):
            assert per_year[(d.category, day.year)] <= cap.value
        if cat.cap_per_cycle and (cap := apply(RULES, cat.cap_per_cycle, day)):
            assert per_cycle[d.category] <= cap.value
        if cat.cap_per_service_year and (cap := apply(RULES, cat.cap_per_service_year, day)):
            # Per year of service, all terms together: no day of service counts twice.
            years = sum((service_years(s, e) for s, e in served[d.category]), Decimal(0))
            assert per_cycle[d.category] <= cap.value * years
            # And each term within its own years inside the cycle.
            own = sum((service_years(s, e) for s, e in d.served), Decimal(0))
            assert d.cecs + d.would <= cap.value * own


@given(profiles(), logs, st.data())
def test_a_copy_of_an_activity_adds_nothing_and_marking_it_separate_never_lowers_earned(
    p: Profile, log: list[Activity], data: st.DataObject
) -> None:
    if not log:
        return
    original = data.draw(st.sampled_from(log))
    copy = replace(original, separate=False)
    before = tally(RULES, p, log)
    with_copy = tally(RULES, p, [*log, copy])
    # Entered twice, it counts once: nothing is added (the first of the two still counts).
    assert with_copy.earned == before.earned or original.separate
    if not original.separate:
        assert with_copy.decisions[-1].cecs == 0 and with_copy.decisions[-1].copy_of is not None
        assert with_copy.outlook.verdict.headline.endswith("counted once.")
    separate = tally(RULES, p, [*log, replace(copy, separate=True)])
    assert separate.earned >= with_copy.earned


@given(profiles(), logs, activities())
def test_adding_an_activity_never_lowers_earned(
    p: Profile, log: list[Activity], extra: Activity
) -> None:
    assert tally(RULES, p, [*log, extra]).earned >= tally(RULES, p, log).earned


@given(logs)
def test_csv_export_then_import_is_the_identity(log: list[Activity]) -> None:
    parsed, problems = read_csv(write_csv(log, RULES))
    assert problems == [] and parsed is not None
    back, problems = parse_activities(parsed.rows, RULES, TODAY)
    assert problems == []
    assert back == log


@given(profiles(), logs)
def test_json_export_then_import_is_the_identity(p: Profile, log: list[Activity]) -> None:
    parsed, problems = read_json(write_json(p, log))
    assert problems == [] and parsed is not None
    back, problems = parse_activities(parsed.rows, RULES, TODAY)
    assert problems == [] and back == log
    profile, problems = parse_profile({**parsed.profile, "as_of": TODAY.isoformat()}, RULES, TODAY)
    assert problems == [] and profile == p


@given(logs)
def test_csv_export_never_starts_a_text_cell_with_a_formula(log: list[Activity]) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(write_csv(log, RULES).removeprefix("\ufeff"), newline="")))
    assert rows[0][1] == "Title" and rows[0][3] == "Organization name"
    for row in rows[1:]:
        for text in (row[1], row[3]):
            assert not text.startswith(("=", "+", "-", "@", "\t", "\r"))
