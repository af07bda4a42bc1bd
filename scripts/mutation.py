"""Mutation testing of ``calc`` (``make mutation``): mutmut changes the code one small edit at a
time (a ``<`` for a ``<=``, a string for another...) and runs the unit, command-line, rule-file,
scenario and property tests against each change; a mutant the tests do not notice has "survived".

mutmut is configured in ``pyproject.toml`` (``[tool.mutmut]``) and works in ``mutants/``. Each
run starts afresh: mutmut 3 keeps the result of every mutant whose function did not change, so
after new tests its old survivors would stay survivors. ``--resume`` continues a run that was
stopped (same code and tests only). To retest a few mutants after a run, name them:
``.venv/bin/mutmut run "calc.dated.x_add_years*"``.

Survivors that no test can kill (the change does not alter behaviour) are listed, each with its
reason, in ``tests/mutation/equivalent.txt``: they still count as not killed, but are shown
apart. Each module's score is printed and written to ``tests/mutation/scores.txt`` (module,
killed, total, day, commit), which a test in ``make test`` reads: a module of ``calc`` without
a line there was never measured. The last line is the score: mutants killed (or timed out) of
all mutants tested.

``--modules calc.engine calc.status`` (``make mutation MODULES="calc.engine calc.status"``)
tests only those modules' mutants, afresh, and keeps the other modules' results: minutes
instead of an hour, for the module an issue changed.

    python -m scripts.mutation [--modules M ...] [--resume] [--diffs FILE] [--max-children N]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.txt"
SCORES = ROOT / "tests" / "mutation" / "scores.txt"
# The bar each module is held to (README): killed of all tested, in percent.
BAR = 95
# A mutant's module: its name up to the function's marker (x_ for a function, xǁ for a method).
_MODULE = re.compile(r"^(.*?)\.(?:x_|xǁ)")
MUTMUT = Path(sys.executable).parent / "mutmut"  # the console script; not `python -m mutmut`

# mutmut's verdicts (`mutmut results`). A timeout is a mutant the tests caught by running too
# long (an endless loop, say): killed. "no tests": no selected test runs the function, so the
# mutant lives. Skipped mutants are not scored; untried ones mean the run did not finish.
KILLED = ("killed", "timeout", "caught by type check")
NOT_KILLED = ("survived", "no tests", "suspicious", "segfault")
UNTRIED = ("not checked", "check was interrupted by user")


def mutmut(*args: str, capture: bool = False) -> str:
    """Run mutmut in the project root; raise if it fails."""
    done = subprocess.run(
        [str(MUTMUT), *args], cwd=ROOT, check=True, text=True, capture_output=capture
    )
    return done.stdout if capture else ""


def results() -> dict[str, str]:
    """Every mutant's name and verdict, from `mutmut results --all true`."""
    verdicts = {}
    for line in mutmut("results", "--all", "true", capture=True).splitlines():
        name, sep, verdict = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            verdicts[name] = verdict
    return verdicts


def read_equivalent(path: Path = EQUIVALENT) -> dict[str, str]:
    """The mutants listed as equivalent: one a line, its name then why no test can kill it."""
    listed: dict[str, str] = {}
    if not path.is_file():
        return listed
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path.relative_to(ROOT)}:{number}: {name}: give the reason")
        listed[name] = reason.strip()
    return listed


def function_of(mutant: str) -> str:
    return mutant.partition("__mutmut_")[0]


def module_of(mutant: str) -> str:
    found = _MODULE.match(mutant)
    return found[1] if found else function_of(mutant).rpartition(".")[0]


def modules_of_calc(root: Path = ROOT) -> list[str]:
    """Every module of calc that mutation testing covers (not the build-time rule loader, nor
    the package's empty files)."""
    found = []
    for path in sorted((root / "calc").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if "rulefiles" not in parts and path.stem not in ("__init__", "__main__"):
            found.append(".".join(parts))
    return found


def by_module(verdicts: dict[str, str]) -> dict[str, tuple[int, int]]:
    """(killed, tested) of each module's mutants."""
    counts: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, verdict in verdicts.items():
        if verdict in KILLED or verdict in NOT_KILLED:
            entry = counts[module_of(name)]
            entry[0] += verdict in KILLED
            entry[1] += 1
    return {module: (k, n) for module, (k, n) in sorted(counts.items())}


def read_scores(path: Path = SCORES) -> dict[str, tuple[int, int, str, str]]:
    """The committed scores: module -> (killed, total, day, commit)."""
    scores: dict[str, tuple[int, int, str, str]] = {}
    if not path.is_file():
        return scores
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            module, killed, total, day, commit = line.split()
            scores[module] = (int(killed), int(total), day, commit)
    return scores


def write_scores(measured: dict[str, tuple[int, int]], path: Path = SCORES) -> None:
    """Each measured module's line replaced (or added), the others kept as they were."""
    scores = read_scores(path)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "calc", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    for module, (killed, total) in measured.items():
        scores[module] = (killed, total, date.today().isoformat(), commit + ("+" if dirty else ""))
    lines = [
        "# Mutation scores by module, written by `make mutation` (scripts/mutation.py): module,",
        "# mutants killed, mutants tested, the day and the commit measured (+: with changes not",
        "# yet committed). Every module of calc is to have a line here (README, `make mutation`).",
        *(f"{m} {k} {n} {d} {c}" for m, (k, n, d, c) in sorted(scores.items())),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def module_lines(measured: dict[str, tuple[int, int]]) -> Iterable[str]:
    for module, (killed, tested) in measured.items():
        percent = 100 * killed / tested if tested else 0.0
        mark = "" if percent >= BAR else f"  (below {BAR}%)"
        yield f"  {module:<22} {killed:>5} of {tested:>5} ({percent:.1f}%){mark}"


def score_line(killed: int, tested: int) -> str:
    percent = 100 * killed / tested if tested else 0.0
    return f"mutation score: {killed} killed of {tested} ({percent:.1f}%)"


def write_diffs(names: list[str], path: Path, workers: int) -> None:
    """Every named mutant as `mutmut show` prints it: its verdict and the diff."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        shown = list(pool.map(lambda name: mutmut("show", name, capture=True), names))
    path.write_text("\n".join(shown), encoding="utf-8")
    print(f"{len(names)} mutants not killed, with their diffs: {path}")


def summary(verdicts: dict[str, str], equivalent: dict[str, str]) -> tuple[int, int]:
    """Print the mutants not killed and the counts; return (killed, tested)."""
    counts = Counter(verdicts.values())
    not_killed = sorted(n for n, v in verdicts.items() if v in NOT_KILLED)
    explained = [n for n in not_killed if n in equivalent]
    unexplained = [n for n in not_killed if n not in equivalent and verdicts[n] != "no tests"]
    untested: defaultdict[str, list[str]] = defaultdict(list)  # function -> mutants no test runs
    for name in not_killed:
        if verdicts[name] == "no tests" and name not in equivalent:
            untested[function_of(name)].append(name)

    if unexplained:
        print(f"\nNot killed ({len(unexplained)}; `.venv/bin/mutmut show NAME` shows one):")
        for name in unexplained:
            print(f"  {name}  {verdicts[name]}")
    if untested:
        total = sum(len(names) for names in untested.values())
        print(f"\nNo test runs these functions ({total} mutants):")
        for function, names in sorted(untested.items()):
            print(f"  {function}  {len(names)} mutants")
    if explained:
        print(f"\nEquivalent, as {EQUIVALENT.relative_to(ROOT)} explains ({len(explained)}):")
        for name in explained:
            print(f"  {name}  {equivalent[name]}")
    killed_listed = sorted(n for n in equivalent if verdicts.get(n) in KILLED)
    stale = sorted(n for n in equivalent if n not in verdicts)
    if killed_listed or stale:
        print(f"\nListed in {EQUIVALENT.relative_to(ROOT)} but killed or gone (remove them):")
        for name in killed_listed + stale:
            print(f"  {name}  {verdicts.get(name, 'no such mutant')}")

    killed = sum(counts[v] for v in KILLED)
    tested = killed + sum(counts[v] for v in NOT_KILLED)
    parts = [f"{counts[v]} {v}" for v in (*KILLED, *NOT_KILLED) if counts[v]]
    others = [f"{n} {v}" for v, n in sorted(counts.items()) if v not in KILLED + NOT_KILLED]
    line = f"\n{tested} mutants tested: {', '.join(parts)}"
    print(line + (f"; not scored: {', '.join(others)}" if others else ""))
    print(
        f"not killed: {tested - killed}, of which {len(explained)} listed as equivalent"
        f" and {tested - killed - len(explained)} to kill or explain"
    )
    return killed, tested


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resume", action="store_true", help="continue a stopped run")
    parser.add_argument("--diffs", type=Path, metavar="FILE", help="write survivors' diffs")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--modules", nargs="*", default=[], metavar="MODULE", help="only these (calc.engine ...)"
    )
    args = parser.parse_args(argv)
    equivalent = read_equivalent()  # first: a malformed list stops the run before it starts
    known = modules_of_calc()
    unknown = [m for m in args.modules if m not in known]
    if unknown:
        print(f"not a module of calc: {', '.join(unknown)} (known: {', '.join(known)})")
        return 2

    start = time.monotonic()
    if not args.resume and not args.modules:
        shutil.rmtree(MUTANTS, ignore_errors=True)
    # The property tests' lighter profile (tests/property/__init__.py): once per mutant, all of
    # them at 150 examples would take hours on two cores.
    os.environ["CEC_HYPOTHESIS_PROFILE"] = "mutation"
    # Named mutants are tested again even when mutmut holds a result for them: a module's run is
    # fresh without throwing the others' results away.
    patterns = [f"{m}.*" for m in args.modules]
    try:
        mutmut("run", "--max-children", str(args.max_children), *patterns)
        verdicts = results()
    except subprocess.CalledProcessError as error:
        print(f"mutmut failed: {error}", file=sys.stderr)
        return 1
    if args.modules:
        verdicts = {n: v for n, v in verdicts.items() if module_of(n) in args.modules}
    minutes, seconds = divmod(round(time.monotonic() - start), 60)
    print(f"\nmutmut ran for {minutes}m{seconds:02d}s")

    if args.diffs:
        names = sorted(n for n, v in verdicts.items() if v in NOT_KILLED)
        write_diffs(names, args.diffs, args.max_children)
    if args.modules:
        # The other modules' listed mutants were not tested this run: neither killed nor gone.
        equivalent = {n: why for n, why in equivalent.items() if module_of(n) in args.modules}
    killed, tested = summary(verdicts, equivalent)
    untried = sorted(n for n, v in verdicts.items() if v in UNTRIED)
    if untried or not tested:
        print(f"mutmut left {len(untried)} mutants untried: {untried[:5]}", file=sys.stderr)
    measured = by_module(verdicts)
    print("\nBy module:")
    print("\n".join(module_lines(measured)))
    if not untried:
        write_scores(measured)
        print(f"written to {SCORES.relative_to(ROOT)}")
    print(score_line(killed, tested))
    return 1 if untried or not tested else 0


if __name__ == "__main__":
    sys.exit(main())
