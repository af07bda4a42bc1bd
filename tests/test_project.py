"""The project's promises about itself: no CDN anywhere, and calc installs with plain pip."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CDN = re.compile(r"cdn\.jsdelivr|unpkg\.com|fonts\.googleapis|fonts\.gstatic|cdn[j]s|cdn\.pyodide")


def test_no_source_file_points_at_a_cdn() -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    offenders = [
        name
        for name in tracked
        if not name.endswith(".md")
        and (ROOT / name).is_file()
        and CDN.search((ROOT / name).read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []


def test_calc_installs_with_pip_and_runs_elsewhere(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    [wheel] = tmp_path.glob("cec_guide_calc-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "calc/engine.py" in names
    assert not any(n.startswith(("tests/", "scripts/")) for n in names)
    target = tmp_path / "installed"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    out = subprocess.run(
        [sys.executable, "-c", "import calc.engine, calc.bridge; print(calc.engine.__file__)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith(str(target))


def test_the_workflow_linter_finds_a_mistake(tmp_path: Path) -> None:
    # `make lint` runs it on .github/workflows: it must be able to fail.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.evnt }}\n"
    )
    good = [str(p) for p in sorted((ROOT / ".github" / "workflows").glob("*.yml"))]
    run = ["node", str(ROOT / "scripts" / "lint_workflows.mjs")]
    found = subprocess.run([*run, str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert found.returncode == 1
    assert found.stderr.startswith(f'{bad}:6:23: property "evnt" is not defined')
    assert subprocess.run([*run, *good], cwd=ROOT, capture_output=True).returncode == 0
