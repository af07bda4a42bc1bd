// Run calc's tests inside Pyodide under Node: the same test files, the same calc sources, the
// WebAssembly CPython the page uses. Usage: node tests/pyodide/run.mjs WHEEL_DIR [pytest args...]
// Exits with pytest's code; "no tests collected" (5) is a failure like any other non-zero code.
// Once the tests pass, 1 if calc imported a module of the standard library that the page does not
// pack (tests/pyodide/imports.py); with CEC_STDLIB_UPDATE=1, the list is rewritten instead.
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const [wheelDir, ...pytestArgs] = process.argv.slice(2);
if (!wheelDir) {
  console.error("usage: node tests/pyodide/run.mjs WHEEL_DIR [pytest args...]");
  process.exit(2);
}

const pyodide = await loadPyodide();
const wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl"));
if (wheels.length === 0) {
  console.error(`no wheels in ${wheelDir}: run make test (it downloads them)`);
  process.exit(2);
}
// A package load that misses locally would try the CDN and only log; pass local files only.
await pyodide.loadPackage(
  wheels.map((name) => resolve(join(wheelDir, name))),
  { checkIntegrity: false },
);
pyodide.mountNodeFS("/project", root);
pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
pyodide.globals.set("env", pyodide.toPy({ ...process.env }));
const code = pyodide.runPython(`
import os, sys
sys.dont_write_bytecode = True
os.chdir("/project")
sys.path.insert(0, "/project")
for key in ("CEC_RULES_BUNDLE", "CEC_SCENARIOS_JSON", "CEC_BODIES_JSON"):
    if key in env:
        os.environ[key] = env[key].replace(${JSON.stringify(root)}, "/project")
from pathlib import Path
from tests.pyodide import imports
imports.start()  # before any test imports calc
import pytest
print(f"pytest in Pyodide: Python {sys.version.split()[0]} on {sys.platform}")
code = int(pytest.main(["-p", "no:cacheprovider", *pytest_args]))
listed = Path("/project/scripts/stdlib_modules.txt")
code or imports.check(listed, update=env.get("CEC_STDLIB_UPDATE") == "1")
`);
process.exit(code);
