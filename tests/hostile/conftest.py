"""Counts for the hostile-input suites, printed at the end of the run: cases tried, handled
(a clear answer, or correct handling), failed (anything else)."""

from __future__ import annotations

from collections import Counter

import pytest

COUNTS: dict[str, Counter[str]] = {}


def record(suite: str, outcome: str) -> None:
    COUNTS.setdefault(suite, Counter())[outcome] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for suite, counts in sorted(COUNTS.items()):
        tried = sum(counts.values())
        terminalreporter.write_line(
            f"{suite}: {tried} cases tried, {counts['handled']} handled, {counts['failed']} failed"
        )


def plain(name: str) -> str:
    """A case's name as a test id that pytest leaves alone: a backslash as "/", any character
    outside printable ASCII as U+XXXX. pytest escapes an id's backslashes and other characters
    in place, again at each collection in one process; mutmut collects twice, and then could
    not find such a test by its name."""
    return "".join("/" if c == "\\" else c if " " <= c <= "~" else f"U+{ord(c):04X}" for c in name)
