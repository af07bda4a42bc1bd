"""The profile file of ``tally --profile`` (calc.bodies.profile.read_profile): every certification
held, of any body, each with its own days; every problem at its place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from calc.bodies.model import Body, bodies_from
from calc.bodies.profile import ACSM, Profile, certification_names, held_records, read_profile
from calc.bodies.tally import Held
from calc.bundle import rules_from_bundle
from calc.model import Rules
from tests.conftest import load_bodies, load_bundle

RULES: Rules = rules_from_bundle(load_bundle())
BODIES: dict[str, Body] = bodies_from(load_bodies())
NAMES = "(an id such as cpt, ace-pt or nsca-cscs, or a name such as ACSM-CPT)"
ENTRY_FIELDS = "certification, cycle_end, cycle_start, certified, cpr_expires, renewed_on"
DATE = "must be a date written YYYY-MM-DD"


def read(data: Any, cpr_flag: date | None = None) -> Profile:
    return read_profile(data, RULES, BODIES, cpr_flag)


def problems(data: Any) -> list[str]:
    return read(data).problems


# What is not a profile ----------------------------------------------------------------------


@pytest.mark.parametrize("data", [None, [], ["ace-pt"], "ace-pt", 5])
def test_a_profile_must_be_a_mapping(data: Any) -> None:
    found = read(data)
    assert found == Profile(problems=["must be a mapping with a list of certifications"])


@pytest.mark.parametrize("certifications", [None, [], "ace-pt", {"certification": "ace-pt"}, 3])
def test_a_profile_must_list_a_certification(certifications: Any) -> None:
    data = {"as_of": "2026-06-01", "certifications": certifications}
    found = read(data)
    assert found.problems == ["certifications: must list at least one certification"]
    assert (found.held, found.acsm, found.as_of) == ({}, {}, date(2026, 6, 1))
    assert problems({"as_of": "2026-06-01"}) == found.problems


def test_unknown_fields_are_named_at_the_top_and_in_an_entry() -> None:
    data = {
        "name": "Sam",
        "as_of": "2026-06-01",
        "cycle_end": "2026-12-31",
        "certifications": [{"certification": "ace-pt", "certified": "2025-03-31", "note": "x"}],
    }
    assert problems(data) == [
        "name: unknown field (fields: as_of, cpr_expires, certifications)",
        "cycle_end: unknown field (fields: as_of, cpr_expires, certifications)",
        f"certifications[1].note: unknown field (fields: {ENTRY_FIELDS})",
    ]


def test_an_entry_that_is_not_a_mapping_is_named_and_the_rest_still_read() -> None:
    data = {"certifications": ["ace-pt", {"certification": "ace-gfi", "certified": "2025-03-31"}]}
    found = read(data)
    assert found.problems == [
        "certifications[1]: must be a mapping (certification: ace-pt, certified: ...)"
    ]
    assert found.held == {"ace": [Held("ace-gfi", certified=date(2025, 3, 31))]}


@pytest.mark.parametrize("said", [None, "", "   ", False])
def test_an_entry_without_a_certification_says_it_is_required(said: Any) -> None:
    entry = {} if said is None else {"certification": said}
    assert problems({"certifications": [entry]}) == [
        f"certifications[1].certification: is required {NAMES}"
    ]


@pytest.mark.parametrize(("said", "quoted"), [("ace", "'ace'"), (" CPT-X ", "'CPT-X'"), (7, "'7'")])
def test_an_unknown_certification_is_quoted(said: Any, quoted: str) -> None:
    data = {"certifications": [{"certification": "ace-pt"}, {"certification": said}]}
    assert problems(data) == [
        f"certifications[2].certification: unknown certification {quoted} {NAMES}"
    ]


def test_an_unknown_certification_has_its_days_left_unread() -> None:
    data = {"certifications": [{"certification": "nope", "certified": "soon"}]}
    assert problems(data) == [
        f"certifications[1].certification: unknown certification 'nope' {NAMES}"
    ]


@pytest.mark.parametrize(
    "key", ["cycle_end", "cycle_start", "certified", "cpr_expires", "renewed_on"]
)
@pytest.mark.parametrize("bad", ["31/12/2026", "2026-02-30", "soon", 20261231, True])
def test_every_day_of_an_entry_must_be_a_date(key: str, bad: Any) -> None:
    data = {"certifications": [{"certification": "ace-pt", "certified": "2025-03-31", key: bad}]}
    found = read(data)
    assert found.problems == [f"certifications[1].{key}: {DATE}"]


@pytest.mark.parametrize("key", ["as_of", "cpr_expires"])
def test_the_top_days_must_be_dates(key: str) -> None:
    data = {key: "June 1", "certifications": [{"certification": "ace-pt"}]}
    found = read(data)
    assert found.problems == [f"{key}: {DATE}"]
    assert found.as_of is None


def test_every_problem_is_said_at_once_in_file_order() -> None:
    data = {
        "as_of": "x",
        "extra": 1,
        "cpr_expires": "y",
        "certifications": [
            {"certification": "ace-pt", "cycle_end": "z", "certified": "w"},
            3,
            {"certification": "nope"},
        ],
    }
    assert problems(data) == [
        "extra: unknown field (fields: as_of, cpr_expires, certifications)",
        f"as_of: {DATE}",
        f"cpr_expires: {DATE}",
        f"certifications[1].cycle_end: {DATE}",
        f"certifications[1].certified: {DATE}",
        "certifications[2]: must be a mapping (certification: ace-pt, certified: ...)",
        f"certifications[3].certification: unknown certification 'nope' {NAMES}",
    ]


# What is read -------------------------------------------------------------------------------


def test_each_bodys_certifications_are_held_in_file_order_with_their_own_days() -> None:
    data = {
        "as_of": date(2026, 6, 1),  # as YAML reads a day
        "certifications": [
            {
                "certification": "ace-pt",
                "cycle_end": "2027-03-31",
                "cycle_start": date(2025, 4, 1),
                "cpr_expires": "2027-06-01",
                "renewed_on": "2025-03-01",
            },
            {"certification": "nsca-cscs", "certified": "2025-02-01"},
            {"certification": "ace-gfi", "certified": "", "cycle_end": None},
        ],
    }
    assert read(data) == Profile(
        acsm={},
        held={
            "ace": [
                Held(
                    "ace-pt",
                    cycle_end=date(2027, 3, 31),
                    cycle_start=date(2025, 4, 1),
                    cpr_expires=date(2027, 6, 1),
                    renewed_on=date(2025, 3, 1),
                ),
                Held("ace-gfi"),
            ],
            "nsca": [Held("nsca-cscs", certified=date(2025, 2, 1))],
        },
        as_of=date(2026, 6, 1),
        problems=[],
    )


@pytest.mark.parametrize(
    ("said", "body", "cert"),
    [
        ("ace-pt", "ace", "ace-pt"),
        ("ACE-PT", "ace", "ace-pt"),
        ("ACE Certified Personal Trainer", "ace", "ace-pt"),
        ("ace certified  personal trainer", "ace", "ace-pt"),
        ("ACE Personal Trainer", "ace", "ace-pt"),  # an alias
        ("ace_pt", "ace", "ace-pt"),  # punctuation as spaces
        (" CSCS ", "nsca", "nsca-cscs"),
        ("nsca cscs", "nsca", "nsca-cscs"),
        ("Certified Strength and Conditioning Specialist", "nsca", "nsca-cscs"),
        ("neta gei", "neta", "neta-gei"),
    ],
)
def test_a_certification_is_named_by_id_name_or_alias_in_any_case(
    said: str, body: str, cert: str
) -> None:
    found = read({"certifications": [{"certification": said}]})
    assert (found.problems, found.held) == ([], {body: [Held(cert)]})


@pytest.mark.parametrize(
    "said", ["cpt", "CPT", "ACSM-CPT", "acsm cpt", "ACSM Certified Personal Trainer"]
)
def test_an_acsm_certification_is_named_by_id_abbreviation_or_name(said: str) -> None:
    found = read({"certifications": [{"certification": said, "cycle_end": "2026-12-31"}]})
    assert found == Profile(
        acsm={"certifications": ["cpt"], "cycle_end": "2026-12-31"}, held={}, problems=[]
    )


def test_certification_names_map_every_name_to_its_body_and_id() -> None:
    names = certification_names(RULES, BODIES)
    assert names["acsm cpt"] == (ACSM, "cpt")
    assert names["exercise is medicine credential"] == (ACSM, "eim")
    assert names["ace pt"] == ("ace", "ace-pt")
    assert names["tsac f"] == ("nsca", "nsca-tsac-f")
    assert names["nsca tsac f"] == ("nsca", "nsca-tsac-f")
    assert "acsm" not in names and "ace" not in names  # a body is not a certification


def test_acsm_names_come_first_where_a_name_is_both() -> None:
    ace = BODIES["ace"]
    clash = replace(ace.certifications["ace-pt"], aliases=("CPT",))
    bodies = {"ace": replace(ace, certifications={"ace-pt": clash})}
    assert certification_names(RULES, bodies)["cpt"] == (ACSM, "cpt")
    assert certification_names(RULES, bodies)["ace pt"] == ("ace", "ace-pt")


# CPR/AED cards ------------------------------------------------------------------------------


def test_the_top_cpr_card_is_used_where_an_entry_gives_none() -> None:
    data = {
        "cpr_expires": "2027-01-01",
        "certifications": [
            {"certification": "ace-pt", "certified": "2025-03-31"},
            {"certification": "nasm-cpt", "certified": "2025-03-31", "cpr_expires": "2028-01-01"},
        ],
    }
    found = read(data, cpr_flag=date(2029, 1, 1))
    assert found.held == {
        "ace": [Held("ace-pt", certified=date(2025, 3, 31), cpr_expires=date(2027, 1, 1))],
        "nasm": [Held("nasm-cpt", certified=date(2025, 3, 31), cpr_expires=date(2028, 1, 1))],
    }


def test_the_flags_cpr_card_is_used_where_the_file_gives_none() -> None:
    data = {"certifications": [{"certification": "ace-pt"}]}
    assert read(data, cpr_flag=date(2029, 1, 1)).held == {
        "ace": [Held("ace-pt", cpr_expires=date(2029, 1, 1))]
    }
    assert read(data).held == {"ace": [Held("ace-pt")]}


def test_a_top_cpr_card_that_is_not_a_date_leaves_the_flags() -> None:
    data = {"cpr_expires": "soon", "certifications": [{"certification": "ace-pt"}]}
    found = read(data, cpr_flag=date(2029, 1, 1))
    assert found.held == {"ace": [Held("ace-pt", cpr_expires=date(2029, 1, 1))]}
    assert found.problems == [f"cpr_expires: {DATE}"]


# ACSM's certifications: one cycle -----------------------------------------------------------


def test_acsm_certifications_become_one_acsm_profile() -> None:
    data = {
        "certifications": [
            {"certification": "ACSM-CPT", "cycle_end": "2026-12-31", "cpr_expires": "2027-01-01"},
            {"certification": "ace-pt", "certified": "2025-03-31"},
            {
                "certification": "ep",
                "cycle_end": date(2026, 12, 31),
                "cycle_start": "2024-02-01",
                "renewed_on": "2026-10-01",
            },
        ]
    }
    found = read(data)
    assert found.problems == []
    assert found.acsm == {
        "certifications": ["cpt", "ep"],
        "cycle_end": "2026-12-31",
        "cpr_expires": "2027-01-01",
        "cycle_start": "2024-02-01",
        "renewed_on": "2026-10-01",
    }
    assert found.held == {"ace": [Held("ace-pt", certified=date(2025, 3, 31))]}


@pytest.mark.parametrize("key", ["cycle_end", "cycle_start", "cpr_expires", "renewed_on"])
def test_acsm_certifications_that_disagree_on_a_day_are_refused(key: str) -> None:
    data = {
        "certifications": [
            {"certification": "cpt", key: "2026-12-31"},
            {"certification": "ep", key: "2026-12-31"},  # the same: fine
            {"certification": "gei", key: "2027-12-31"},
        ]
    }
    found = read(data)
    assert found.problems == [
        f"certifications[3].{key}: your ACSM certifications share one cycle, but another gives "
        "2026-12-31"
    ]
    assert found.acsm[key] == "2026-12-31"
    assert found.acsm["certifications"] == ["cpt", "ep", "gei"]


def test_a_day_certified_is_refused_for_an_acsm_certification() -> None:
    data = {"certifications": [{"certification": "cpt", "certified": "2020-01-01"}]}
    found = read(data)
    assert found.problems == [
        "certifications[1].certified: for an ACSM certification give cycle_end, the day your "
        "cycle ends"
    ]
    assert found.acsm == {"certifications": ["cpt"]}


def test_the_top_cpr_card_joins_the_acsm_profile_unless_an_entry_gives_one() -> None:
    top = {"cpr_expires": "2027-01-01"}
    plain = {"certifications": [{"certification": "cpt", "cycle_end": "2026-12-31"}]}
    assert read({**top, **plain}).acsm["cpr_expires"] == "2027-01-01"
    assert read(plain, cpr_flag=date(2028, 2, 2)).acsm["cpr_expires"] == "2028-02-02"
    assert "cpr_expires" not in read(plain).acsm
    own = {"certifications": [{"certification": "cpt", "cpr_expires": "2029-03-03"}]}
    assert read({**top, **own}).acsm["cpr_expires"] == "2029-03-03"


def test_no_acsm_profile_without_an_acsm_certification() -> None:
    data = {"cpr_expires": "2027-01-01", "certifications": [{"certification": "ace-pt"}]}
    assert read(data).acsm == {}


def test_a_log_keeps_its_other_certifications_as_text_without_empty_days() -> None:
    entries = [
        {"certification": "ace-pt", "certified": date(2025, 3, 31), "cycle_end": "", "x": 1},
        {"certification": "nsca-cscs", "renewed_on": None},
        "not a mapping",
    ]
    assert held_records(entries) == [
        {"certification": "ace-pt", "certified": "2025-03-31"},
        {"certification": "nsca-cscs"},
    ]
    assert held_records("ace-pt") == [] and held_records(None) == []


def test_every_entry_after_one_that_cannot_be_read_is_still_read() -> None:
    found = read(
        {
            "certifications": [
                3,
                {"certification": "ace-px"},
                {"certification": "ace-pt", "certified": "someday"},
                {"certification": "nasm-cpt", "certified": "2025-01-01"},
            ]
        }
    )
    assert found.problems == [
        "certifications[1]: must be a mapping (certification: ace-pt, certified: ...)",
        "certifications[2].certification: unknown certification 'ace-px' (an id such as cpt, "
        "ace-pt or nsca-cscs, or a name such as ACSM-CPT)",
        "certifications[3].certified: must be a date written YYYY-MM-DD",
    ]
    assert [h.certification for h in found.held["nasm"]] == ["nasm-cpt"]
