"""Every hostile command line gets exit 0 or 2, never a traceback, and what its case says it must
give; no text report or message sends a terminal a control character."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calc.cli import main
from tests.conftest import load_bundle
from tests.hostile.cli_cases import Case, cases
from tests.hostile.conftest import plain, record

CASES = list(cases(load_bundle()))
SUITE = "hostile command lines"
# What terminal_line replaces, less the line ends the output is made of.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def check(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = {
        "{log}": (tmp_path / "log", case.log),
        "{rules}": (tmp_path / "rules.json", case.rules),
    }
    for path, text in files.values():
        if text is not None:
            path.write_text(text() if callable(text) else text, encoding="utf-8")
    named = {key: str(path) for key, (path, _) in files.items()}
    try:
        code = main([named.get(arg, arg) for arg in case.args])
    except SystemExit as exited:  # argparse's own refusals
        code = exited.code  # type: ignore[assignment]
    out, err = capsys.readouterr()
    assert code in (0, 2) and "Traceback" not in out + err
    assert code == case.code, err or out
    assert (err if code == 0 else out) == ""
    said = out if code == 0 else err
    for words in case.says:
        for key, path in named.items():
            words = words.replace(key, path)
        assert words in said
    for words in case.never:
        assert words not in out + err
    assert not CONTROL.search(err)
    if "json" not in case.args:  # JSON escapes what it must itself, and stays exact
        assert not CONTROL.search(out)


@pytest.mark.parametrize("case", CASES, ids=[plain(c.name) for c in CASES])
def test_hostile_command_line(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        check(case, tmp_path, capsys)
    except BaseException:
        record(SUITE, "failed")
        raise
    record(SUITE, "handled")


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 100
    assert len({c.name for c in CASES}) == len(CASES)
