"""The calculator's Python as the page gets it: the standard library and calc precompiled to
Python 3.14 bytecode by the pinned Pyodide itself (scripts/compile_python.mjs, under Node).

Pyodide ships its standard library as source; compiling it at every start is most of the time
Python takes to become ready, and all of it is downloaded by every visitor. So the page gets the
modules it imports as bytecode, and the rest in a second zip it fetches only if ever needed. The
result is cached under .cache/python-build/, keyed by the Pyodide version, the calc sources, the
rules, the list of modules calc imports and the compiler, so it runs again only when one of them
changes (a few seconds).

    python -m scripts.python_build      # prints where the three zips are
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from scripts import package_calc, pyodide_files

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "python-build"
COMPILER = Path(__file__).resolve().parent / "compile_python.mjs"
# What calc imports from the standard library, as the whole test suite in Pyodide found it
# (tests/pyodide/run.mjs checks it and rewrites it with CEC_STDLIB_UPDATE=1).
STDLIB_LIST = Path(__file__).resolve().parent / "stdlib_modules.txt"
FINDER = Path(__file__).resolve().parent / "stdlib_more.py"
OUTPUTS = ("python_stdlib.zip", "python_stdlib_more.zip", "calc.zip")


class BuildFailed(RuntimeError):
    pass


def ensure(rules_json: str) -> dict[str, Path]:
    """Paths of the compiled python_stdlib.zip, python_stdlib_more.zip and calc.zip for these
    sources and rules."""
    calc_zip = package_calc.zip_bytes(ROOT)
    digest = hashlib.sha256()
    for part in (
        pyodide_files.version().encode(),
        calc_zip,
        rules_json.encode(),
        COMPILER.read_bytes(),
        STDLIB_LIST.read_bytes(),
        FINDER.read_bytes(),
        (pyodide_files.PACKAGE / "python_stdlib.zip").read_bytes(),
    ):
        digest.update(hashlib.sha256(part).digest())
    out = CACHE / digest.hexdigest()[:16]
    result = {name: out / name for name in OUTPUTS}
    if all(p.is_file() for p in result.values()):
        return result
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "calc-src.zip").write_bytes(calc_zip)
        (work / "rules.json").write_text(rules_json, encoding="utf-8")
        done = subprocess.run(
            [
                "node",
                str(COMPILER),
                str(work / "calc-src.zip"),
                str(work / "rules.json"),
                str(STDLIB_LIST),
                str(work),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BuildFailed(f"compiling the calculator's Python failed:\n{done.stderr[-2000:]}")
        if CACHE.exists():
            shutil.rmtree(CACHE)  # one build at a time is all that is ever needed
        out.mkdir(parents=True)
        for name in result:
            shutil.copy(work / name, out / name)
    return result


def main() -> None:
    from calc.rulefiles import bundle_json, load_dir

    for name, path in ensure(bundle_json(load_dir(str(ROOT / "rules")))).items():
        print(f"{name}: {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
