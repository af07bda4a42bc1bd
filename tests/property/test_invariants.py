"""Invariants of the tally and of the log files, over logs Hypothesis makes up."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calc.bundle import rules_from_bundle
from calc.citations import apply
from calc.engine import tally
from calc.fields import parse_activities, parse_profile
from calc.logfiles import read_csv, read_json, write_csv, write_json
from calc.model import Activity, Profile, Rules
from tests.conftest import load_bundle

RULES: Rules = rules_from_bundle(load_bundle())
TODAY = date(2026, 6, 1)

amounts = st.decimals(min_value=0, max_value=200, places=3, allow_nan=False, allow_infinity=False)
titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
).map(str.strip)


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    return Activity(
        completed=draw(st.dates(min_value=date(2022, 6, 1), max_value=date(2027, 6, 1))),
        title=draw(titles),
        provider=draw(st.sampled_from(sorted(RULES.providers))),
        amount=draw(amounts),
        unit=draw(st.none() | st.sampled_from(sorted(RULES.units))),
        category=draw(st.none() | st.sampled_from(sorted(RULES.categories))),
        in_scope=draw(st.booleans()),
        certificate=draw(st.booleans()),
        decimal_system=draw(st.none() | st.booleans()),
        reported=draw(st.none() | st.booleans()),
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
    for d in t.decisions:
        per_year[(d.category, d.activity.completed.year)] += d.cecs
        per_cycle[d.category] += d.cecs
    for d in t.decisions:
        cat = RULES.categories[d.category]
        day = d.activity.completed
        if cat.cap_per_year and (cap := apply(RULES, cat.cap_per_year, day)):
            assert per_year[(d.category, day.year)] <= cap.value
        if cat.cap_per_cycle and (cap := apply(RULES, cat.cap_per_cycle, day)):
            assert per_cycle[d.category] <= cap.value


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

    for row in list(csv.reader(io.StringIO(write_csv(log, RULES), newline="")))[1:]:
        assert not row[1].startswith(("=", "+", "-", "@", "\t", "\r"))
