// Precompile, inside the pinned Pyodide itself (Python 3.14 bytecode), what the calculator's
// Python imports, and split the standard library in two: Pyodide ships it as one 2.5 MB zip of
// source, and compiling that at every start is most of the seconds Python takes to become ready,
// while every visitor downloads it. Run by scripts/python_build.py.
//
//   node scripts/compile_python.mjs CALC_SOURCE_ZIP RULES_JSON STDLIB_LIST OUT_DIR
//
// Writes OUT_DIR/python_stdlib.zip: only the modules Pyodide imports to start, those listed in
// STDLIB_LIST (scripts/stdlib_modules.txt: what calc imports while the whole test suite runs in
// Pyodide, tests/pyodide/run.mjs) and those the calculator imports through every bridge call
// here, all as bytecode, plus `_stdlib_more`, which fetches OUT_DIR/python_stdlib_more.zip (every
// other module, as source) the first time something imports one of them: never, for the page.
// And OUT_DIR/calc.zip: calc as bytecode.
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [calcZip, rulesJson, stdlibList, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node scripts/compile_python.mjs CALC_SOURCE_ZIP RULES_JSON STDLIB_LIST OUT_DIR");
  process.exit(2);
}
const py = await loadPyodide();
process.on("uncaughtException", (error) => {
  console.error(String(error?.message || error)); // not the minified line Node would print
  process.exit(1);
});
py.FS.writeFile("/tmp/calc-src.zip", readFileSync(calcZip));
py.globals.set("MORE", readFileSync(new URL("stdlib_more.py", import.meta.url), "utf8"));
py.globals.set("rules_text", readFileSync(rulesJson, "utf8"));
py.globals.set("stdlib_list", readFileSync(stdlibList, "utf8"));
try {
  py.runPython(`
import json, sys, zipfile

CALC = "/tmp/calc-src"
zipfile.ZipFile("/tmp/calc-src.zip").extractall(CALC)
sys.path.insert(0, CALC)
# What the test suite found calc to import (a module each line: "json/decoder.py"), imported here
# so that it is packed with what it imports in turn.
import importlib
for line in stdlib_list.splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        name = line.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        importlib.import_module(name)

# Exercise every path the page uses, so that every module those paths import gets loaded.
from calc import bridge
assert json.loads(bridge.load_rules(rules_text))["ok"]
profile = {"certifications": ["cpt", "eim"], "cycle_end": "2026-12-31", "cpr_expires": "2027-01-01"}
log = [{"date": "2025-01-02", "title": "=x", "provider": "ace", "amount": "1.5"},
       {"date": "2025-02-02", "provider": "acsm", "amount": "9", "category": "committee"}]
request = json.dumps({"profile": profile, "activities": log})
fast = "\\x1e".join([json.dumps({"profile": profile}), *(json.dumps(a) for a in log)])
bridge.compute(fast, "2026-06-01")
bridge.compute(request, "2027-03-01")
bridge.compute(json.dumps({"profile": {}, "activities": [{"date": "x"}]}), "2026-06-01")
bridge.check_activity(json.dumps(log[0]), "2026-06-01")
bridge.export_log(request, "csv", "2026-06-01")
bridge.export_log(request, "json", "2026-06-01")
bridge.calendar(request, "2026-06-01")
bridge.import_log("date,provider,amount\\n2025-01-01,acsm,1\\n", "2026-06-01")
bridge.import_log(request, "2026-06-01")
bridge.import_log("date,provider\\n", "2026-06-01")

# And the finder of the second zip, which the page imports first.
exec(compile(MORE, "_stdlib_more.py", "exec"), {"__name__": "_stdlib_more"})

stdlib = next(p for p in sys.path if p.endswith(".zip") and "/lib/python" in p)
used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(stdlib + "/") and origin.endswith(".py"):
        used.add(origin[len(stdlib) + 1:])

def bytecode(source, name, optimize=2, tree=None):
    """Unchecked hash-based .pyc bytes (PEP 552): loaded without looking at any source. Compiled
    from tree (an edited parse of the source) when given."""
    import importlib._bootstrap_external as ext
    import importlib.util
    code = compile(source if tree is None else tree, name, "exec", dont_inherit=True, optimize=optimize)
    return bytes(ext._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))

def write(zip_out, name, data):
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    zip_out.writestr(info, data)

# Packages no path of the calculator can reach (mail, networking, XML, debugging, testing,
# process pools, the REPL): left out, since bytecode is larger than the source it replaces and
# every visitor downloads this zip. A wrong entry fails the build here, not the page later.
OMIT = {
    "_pyrepl", "bdb", "doctest", "email", "ftplib", "http", "imaplib", "mailbox",
    "multiprocessing", "pdb", "pickletools", "poplib", "pydoc", "smtplib",
    "tarfile", "unittest", "wsgiref", "xml", "xmlrpc",
}
top = lambda name: name.split("/")[0].removesuffix(".py")
reached = sorted(name for name in used if top(name) in OMIT)
if reached:
    raise SystemExit(f"the calculator imports modules this build leaves out: {reached}")

# The standard library, in two: what is used, as bytecode only (no source), in the zip Pyodide
# starts from; the rest, as source, in a zip fetched only if something imports from it.
# Docstrings and asserts are left out of the bytecode (-OO): 0.2 MB less for every visitor, and
# CPython's standard library is built to run so.
more = {}
with zipfile.ZipFile(stdlib) as zin, zipfile.ZipFile("/tmp/python_stdlib.zip", "w") as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if top(info.filename) in OMIT or info.is_dir():
            continue
        if info.filename in used:
            write(zout, info.filename[:-3] + ".pyc", bytecode(data, info.filename))
        else:
            more[info.filename] = data
    names = sorted({n.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for n in more if n.endswith(".py")})
    finder = MORE.replace("NAMES: tuple[str, ...] = ()", f"NAMES: tuple[str, ...] = {tuple(names)!r}")
    assert finder != MORE, "stdlib_more.py no longer has NAMES"
    write(zout, "_stdlib_more.pyc", bytecode(finder.encode(), "_stdlib_more.py"))
with zipfile.ZipFile("/tmp/python_stdlib_more.zip", "w") as zout:
    for name, data in sorted(more.items()):
        write(zout, name, data)

# calc: bytecode only (a .pyc where the .py was, which Python loads without a source), and its
# docstrings left out but not its asserts: the page shows no traceback, so the sources are bytes
# no visitor needs. Left out too: what the page never imports (the command line; the YAML loader,
# which needs PyYAML). The tests run the sources themselves, in CPython and in Pyodide.
import ast
NOT_IN_PAGE = ("calc/cli.py", "calc/__main__.py", "calc/rulefiles/")

def without_docstrings(source, name):
    tree = ast.parse(source, name)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                node.body = body[1:] or [ast.Pass(lineno=first.lineno, col_offset=first.col_offset)]
    return tree

with zipfile.ZipFile("/tmp/calc-src.zip") as zin, zipfile.ZipFile("/tmp/calc.zip", "w") as zout:
    for info in sorted(zin.infolist(), key=lambda i: i.filename):
        if info.filename.startswith(NOT_IN_PAGE) or not info.filename.endswith(".py"):
            continue
        data = zin.read(info.filename)
        tree = without_docstrings(data, info.filename)
        write(zout, info.filename[:-3] + ".pyc", bytecode(data, info.filename, optimize=0, tree=tree))
print(f"compiled {len(used)} standard library modules and {sum(1 for i in zipfile.ZipFile('/tmp/calc-src.zip').infolist() if i.filename.endswith('.py'))} calc modules")
`);
} catch (error) {
  console.error(String(error?.message || error));
  process.exit(1);
}
writeFileSync(`${outDir}/python_stdlib.zip`, py.FS.readFile("/tmp/python_stdlib.zip"));
writeFileSync(`${outDir}/python_stdlib_more.zip`, py.FS.readFile("/tmp/python_stdlib_more.zip"));
writeFileSync(`${outDir}/calc.zip`, py.FS.readFile("/tmp/calc.zip"));
