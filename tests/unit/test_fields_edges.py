"""Edges of calc.fields that the other tests of it leave open: how the header table every CSV
column is matched against is built, and how the list columns (topics, approvals, petitions) take a
JSON log's lists: a list of texts read item by item, anything else refused with its row, column
and message."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from calc.fields import (
    COLUMNS,
    HEADERS,
    InputProblem,
    _headers,
    check_record,
    header_key,
    parse_activity,
)
from calc.model import Rules

TODAY = date(2026, 6, 1)
ROW = 7  # any row but the first: a problem must name the row it was found in
GOOD = {"date": "2026-03-01", "title": "Core", "provider": "ace", "amount": "0.5"}
NOT_TEXT = "must be text, each item separated by ;"


# The header table ---------------------------------------------------------------------------
# HEADERS is built once, when calc.fields is imported. A mutation run imports it before it
# switches a mutant on, so a test reading HEADERS alone never sees a broken builder: these tests
# build the table again with _headers() and hold it to what HEADERS must say.


def test_the_header_table_is_the_one_every_csv_column_is_matched_against() -> None:
    assert _headers() == HEADERS


def test_an_exported_files_computed_cec_columns_are_left_out_when_read_back() -> None:
    # "" is "leave the column out": the CECs counted and planned are computed, never read.
    table = _headers()
    assert table["acsm cecs"] == ""
    assert table["planned cecs"] == ""
    # ... while a trainer's own "CECs" column still holds the amount.
    assert table["cecs"] == "amount"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("date", "date"),  # the field's own name
        ("Date completed", "date"),  # the page's label, as exports write it
        ("Completion Date:", "date"),  # an alias, in any case and punctuation
        ("in_scope", "in_scope"),
        ("Within the scope of my certification", "in_scope"),
        ("Sponsor", "organization"),
        ("Provider ID", "provider"),
        ("Semester credit hours", "amount"),
        ("Petitions approved by", "petitions"),
        ("Hours attended", "participation_hours"),
    ],
)
def test_a_column_is_recognised_by_its_field_name_its_label_or_an_alias(
    header: str, field: str
) -> None:
    assert _headers()[header_key(header)] == field


def test_every_recognised_header_names_a_field_or_leaves_its_column_out() -> None:
    assert set(_headers().values()) == {"", *COLUMNS}


# List columns in a JSON log -----------------------------------------------------------------


def test_a_json_logs_lists_of_texts_are_read_item_by_item(rules: Rules) -> None:
    record = {
        **GOOD,
        "topics": ["Ethics", "Nutrition"],
        "approvals": ["ACE 1", "NASM 2"],
        "petitions": ["ACE", "NETA"],
    }
    activity, problems = check_record(json.dumps(record), rules, TODAY)
    assert problems == []
    assert activity is not None
    # Each item alone: two items are two topics, not one text with a separator in it.
    assert activity.topics == ("ethics", "nutrition")
    assert activity.approvals == (("ace", "1"), ("nasm", "2"))
    assert activity.petitions == ("ace", "neta")


@pytest.mark.parametrize("column", ["topics", "approvals", "petitions"])
@pytest.mark.parametrize(
    "value",
    [
        pytest.param([1, "Ethics"], id="a number among texts"),
        pytest.param([Decimal("1.5")], id="a JSON decimal"),
        pytest.param([None], id="a null"),
        pytest.param([["ACE 1"]], id="a list in the list"),
        # A mapping's text ("{'ACE': '1'}") could pass for a topic or even an approval: refused.
        pytest.param({"ACE": "1"}, id="a mapping"),
    ],
)
def test_a_list_column_holding_anything_but_texts_is_refused_where_it_was_found(
    rules: Rules, column: str, value: Any
) -> None:
    activity, problems = parse_activity({**GOOD, column: value}, ROW, rules, TODAY)
    assert activity is None
    assert problems == [InputProblem(ROW, column, NOT_TEXT)]


def test_the_page_is_told_which_list_column_is_not_text(rules: Rules) -> None:
    raw = json.dumps({**GOOD, "topics": [1], "petitions": {"ACE": True}})
    assert check_record(raw, rules, TODAY) == (
        None,
        [("topics", NOT_TEXT), ("petitions", NOT_TEXT)],
    )
