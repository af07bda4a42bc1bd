"""YAML oddities a hand-edited file can contain, each reported at its place."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calc.rulefiles.located import parse


def problems(text: str) -> list[str]:
    _, found = parse(text, "f.yaml")
    return [str(p) for p in found]


def test_numbers_are_read_exactly_as_written() -> None:
    doc, found = parse("a: 0.1\nb: 45\nc: 1.50\n", "f.yaml")
    assert found == []
    assert doc.data == {"a": Decimal("0.1"), "b": Decimal(45), "c": Decimal("1.50")}
    assert doc.values[("b",)] == (2, 4) and doc.keys[("c",)] == (3, 1)


@pytest.mark.parametrize("number", ["0x10", ".nan", "-.inf", "1:30"])
def test_numbers_not_in_plain_digits_are_refused(number: str) -> None:
    assert problems(f"a: {number}\n") == [
        f"f.yaml:1:4: {number!r} is not a number written in plain digits (such as 12 or 0.5)"
    ]


def test_merge_keys_and_complex_keys_are_refused() -> None:
    assert problems("base: &b {x: 1}\nother:\n  <<: *b\n") == [
        "f.yaml:3:3: merge keys ('<<') are not allowed"
    ]
    assert problems("? [a, b]\n: 1\n") == ["f.yaml:1:3: a key must be plain text"]


def test_a_recursive_alias_stops_at_a_depth_limit() -> None:
    [message] = problems("a: &x [*x]\n")
    assert message.endswith("nesting is too deep (recursive alias?)")


def test_control_characters_are_reported_where_they_are() -> None:
    assert problems("a: 1\nb: x\x07y\n") == [
        "f.yaml:2:5: YAML: the character U+0007 is not allowed"
    ]


def test_booleans_null_and_text() -> None:
    doc, _ = parse("a: yes\nb: false\nc: null\nd: 2025-01-01\ne: text\n", "f.yaml")
    assert doc.data == {"a": True, "b": False, "c": None, "d": "2025-01-01", "e": "text"}


def test_a_file_with_only_comments_is_empty() -> None:
    assert problems("# nothing\n") == ["f.yaml:1:1: the file is empty"]


def test_syntax_errors_point_at_the_line() -> None:
    [message] = problems("a: [1, 2\n")
    assert message.startswith("f.yaml:2:1: YAML syntax: while parsing a flow sequence")
