"""Invariants of reading certificates (calc.certificates), over texts Hypothesis makes up: an
amount is only ever read from a number written next to a credit word; whatever is read comes
with words the certificate holds; and lines without a figure never turn an amount read into
another one."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calc.bundle import rules_from_bundle
from calc.certificates import read_certificate
from calc.model import Rules
from tests.conftest import load_bundle

RULES: Rules = rules_from_bundle(load_bundle())

# Words a certificate holds that are not credit words, with numbers among them: years, rooms,
# phone numbers, session counts, decimals.
WORDS = st.sampled_from(
    [
        "Certificate", "of", "Completion", "Jordan", "Lee", "Room", "Suite", "Level", "Volume",
        "Issue", "session", "sessions", "attended", "awarded", "presented", "Main", "Street",
        "Call", "phone", "score", "percent", "page", "Exam", "passed", "approved", "for", "the",
        "ACSM", "ACE", "NASM", "NSCA", "Wellness", "Center", "Strength", "Basics", "years",
        "minutes", "days", "on", "Total", "=", ":", "-", "/", "#",
    ]
)  # fmt: skip
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=99999).map(str),
    st.decimals(min_value=0, max_value=999, places=2, allow_nan=False).map(str),
)
LINES = st.lists(st.lists(WORDS | NUMBERS, min_size=1, max_size=9).map(" ".join), max_size=12)
CREDITS = st.sampled_from(["CECs", "CEUs", "contact hours", "ACSM CECs", "NASM CEUs", "CEC"])


@given(LINES)
def test_no_credit_word_no_amount(lines: list[str]) -> None:
    draft = read_certificate("\n".join(lines), RULES)
    assert draft.fields["amount"].value is None
    assert draft.fields["unit"].value is None


@given(LINES, st.decimals(min_value=Decimal("0.1"), max_value=99, places=1), CREDITS, LINES)
def test_the_one_amount_given_is_read_whatever_surrounds_it(
    before: list[str], amount: Decimal, credit: str, after: list[str]
) -> None:
    text = "\n".join([*before, f"This course is approved for {amount} {credit}.", *after])
    read = read_certificate(text, RULES).fields["amount"]
    assert read.value is not None and Decimal(read.value) == amount
    assert read.words in text


@given(LINES)
def test_every_value_read_comes_with_the_certificates_own_words(lines: list[str]) -> None:
    text = "\n".join(lines)
    flat = " ".join(text.split())
    for name, read in read_certificate(text, RULES).fields.items():
        if read.value is not None:
            assert read.words and " ".join(read.words.split()) in flat, name
        else:
            assert read.reason, name
