"""The command line's help, whole: what someone typing ``python -m calc tally --help`` reads
before their first run. A changed option or wording shows up here, to be reviewed."""

from __future__ import annotations

import pytest

from calc.cli import main

HELP = {
    "": """\
usage: python -m calc [-h] {tally,read-certificate,rules} ...

The command line: ``python -m calc tally LOG ...``, ``python -m calc read-certificate FILE...``
and ``python -m calc rules check [DIR]``. Exit codes: 0 done (whether the CECs are complete or
short), 2 bad input or invalid rules; every problem is printed as ``FILE:ROW:COLUMN: message`` on
stderr, never a traceback.

positional arguments:
  {tally,read-certificate,rules}
    tally               tally an activity log against the rules
    read-certificate    read certificates (PDF) into draft activities, each value with the words
                        it was read from
    rules               check or bundle a rules folder

options:
  -h, --help            show this help message and exit
""",
    "tally": """\
usage: python -m calc tally [-h] [--certification CERT] [--profile PROFILE.yaml]
                            [--cycle-end YYYY-MM-DD] [--cycle-start YYYY-MM-DD]
                            [--cpr-expires YYYY-MM-DD] [--as-of YYYY-MM-DD]
                            [--renewed-on YYYY-MM-DD] [--format {text,json}] [--rules PATH]
                            LOG

positional arguments:
  LOG                   the activity log: CSV, or the JSON the calculator page exports

options:
  -h, --help            show this help message and exit
  --certification CERT  a certification held: its id (cpt), abbreviation (ACSM-CPT) or name, in
                        any case (repeat, or comma-separate: cpt,ep); another body's too (ace-pt,
                        nsca-cscs)
  --profile PROFILE.yaml
                        every certification you hold, of any body (ACE, NASM, NSCA...), each with
                        its own dates (see the README)
  --cycle-end YYYY-MM-DD
                        the day your cycle ends
  --cycle-start YYYY-MM-DD
                        when the cycle began, if not the usual day: the day you were certified
                        (first cycle) or reinstated
  --cpr-expires YYYY-MM-DD
                        when your CPR/AED card expires
  --as-of YYYY-MM-DD    the day to judge on (default today)
  --renewed-on YYYY-MM-DD
                        the day you submitted the renewal form and paid (until then, renewal is a
                        to-do)
  --format {text,json}  text to read (default), or json for a script
  --rules PATH          rules folder or JSON bundle (default: the rules/ folder beside calc)

``tally`` also says how it read its input, in both formats. How the file was read (a date such as
05/06/2025 read as month/day) comes under "Notes on reading the file:" in the text, as ``notes``
in the JSON. Warnings come under "Note:" in the text, at the end of ``warnings`` in the JSON: a
field that a JSON log's profile and a flag both give differently (the flag's value is used); the
fields taken from the log's profile when flags give others; an as-of day before the cycle began or
more than a year after today.
""",
    "read-certificate": """\
usage: python -m calc read-certificate [-h] [--format {text,json}] FILE [FILE ...]

positional arguments:
  FILE                  certificate PDFs (photos: not read)

options:
  -h, --help            show this help message and exit
  --format {text,json}  text to read (default), or json for a script
""",
    "rules": """\
usage: python -m calc rules [-h] {check,bundle} ...

positional arguments:
  {check,bundle}
    check         check every rule file; exit 0 when valid, 2 when not
    bundle        write the JSON rules bundle

options:
  -h, --help      show this help message and exit
""",
    "rules check": """\
usage: python -m calc rules check [-h] [DIR]

positional arguments:
  DIR         the rules folder (default: rules)

options:
  -h, --help  show this help message and exit
""",
    "rules bundle": """\
usage: python -m calc rules bundle [-h] [-o FILE] [DIR]

positional arguments:
  DIR                   the rules folder (default: rules)

options:
  -h, --help            show this help message and exit
  -o FILE, --output FILE
                        where to write it (default: standard output)
""",
}


@pytest.mark.parametrize("command", HELP, ids=lambda c: c or "top")
def test_help(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps to the terminal's width
    with pytest.raises(SystemExit) as exited:
        main([*command.split(), "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.splitlines() == HELP[command].splitlines()


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2
    assert "the following arguments are required: command" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["rules"])
    assert "required: rules_command" in capsys.readouterr().err
