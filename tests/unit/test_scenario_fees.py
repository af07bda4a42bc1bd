"""`make goldens` mends the fee a scenario states after a fee change (tests/scenarios/fees.py):
only the case whose fee moved, only its expected figures, and the words that state that total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.scenarios.fees import Moved, block, moved, plain, rewrite

FILE = """scenarios:
  - name: in 2026, at the regular fee
    profile: {certifications: [cpt], cycle_end: 2026-12-31, as_of: 2026-06-01}
    expect: {fee_usd: 140, checks: {renewal: "pay $140"}}

  - name: in the grace period, with the late fee
    profile: {certifications: [cpt], cycle_end: 2026-12-31, as_of: 2027-01-01, note: "$140"}
    expect:
      fee_usd: 140
      checks: {renewal: "Submit the renewal form and pay the fee with the late fee, $140, by then"}
      texts: {fee: "Renewal fee $60 + late fee $80 = $140"}
      headline: "$1400 and $140.50 are other figures"

  - name: the last one
    expect: {fee_usd: 140}
"""

GRACE = Moved(
    "window.yaml",
    "in the grace period, with the late fee",
    ("140", "155"),
    ("Renewal fee $60 + late fee $80 = $140", "Renewal fee $75 + late fee $80 = $155"),
)


def test_only_the_moved_cases_expected_figures_change() -> None:
    after = rewrite(FILE, GRACE).splitlines()
    before = FILE.splitlines()
    assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [8, 9, 10]
    assert after[8] == "      fee_usd: 155"
    assert after[9].endswith(
        '"Submit the renewal form and pay the fee with the late fee, $155, by then"}'
    )
    assert after[10] == '      texts: {fee: "Renewal fee $75 + late fee $80 = $155"}'
    # Other amounts that begin with the same digits, and the input above `expect`, stay.
    assert after[11] == before[11] and after[6] == before[6]


def test_a_sentence_alone_moves_without_the_total() -> None:
    change = Moved(
        GRACE.file, GRACE.name, ("140", "140"), ("Renewal fee $60 + late fee $80 = $140", "x")
    )
    after = rewrite(FILE, change)
    assert '      texts: {fee: "x"}' in after.splitlines()
    assert after.count("$140") == FILE.count("$140") - 1


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("in 2026, at the regular fee", (1, 5)),
        ("in the grace period, with the late fee", (5, 13)),
        ("the last one", (13, 15)),
    ],
)
def test_a_case_is_its_lines_up_to_the_next(name: str, lines: tuple[int, int]) -> None:
    assert block(FILE.splitlines(), name) == lines


def test_a_case_not_found_once_is_an_error() -> None:
    with pytest.raises(LookupError, match="'no such case'"):
        block(FILE.splitlines(), "no such case")
    with pytest.raises(LookupError):
        block((FILE + FILE).splitlines(), "the last one")


@pytest.mark.parametrize(
    ("amount", "written"), [("140", "140"), ("140.00", "140"), ("152.5", "152.5")]
)
def test_a_figure_is_written_as_a_scenario_writes_it(amount: str, written: str) -> None:
    assert plain(Decimal(amount)) == written


def test_the_shipped_scenarios_state_the_rules_fees(bundle: dict[str, object]) -> None:
    # What `make goldens` would mend today: nothing, or the scenarios fail too.
    from tests.scenarios.load import load_scenarios

    assert moved(load_scenarios(), dict(bundle)) == []


def test_a_fee_the_rules_now_give_otherwise_is_found(bundle: dict[str, object]) -> None:
    from tests.scenarios.load import load_scenarios

    cases = [
        c
        for c in load_scenarios()
        if c["name"] == "the grace period's last day still allows renewal"
    ]
    cases[0]["expect"]["fee_usd"] = "139"
    assert moved(cases, dict(bundle)) == [
        Moved(
            "window.yaml", "the grace period's last day still allows renewal", ("139", "140"), None
        )
    ]
