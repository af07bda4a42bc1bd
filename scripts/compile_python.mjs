// Precompile, inside the pinned Pyodide itself (Python 3.14 bytecode), what the calculator's
// Python imports: Pyodide's standard library ships as source, and compiling it at every start is
// most of the seconds Python takes to become ready. Run by scripts/python_build.py.
//
//   node scripts/compile_python.mjs CALC_SOURCE_ZIP RULES_JSON OUT_DIR
//
// Writes OUT_DIR/python_stdlib.zip (the stock zip, with every module the calculator imports
// replaced by its bytecode and packages it cannot reach left out) and OUT_DIR/calc.zip (the calc sources plus their bytecode).
// Which modules: those imported while this very Pyodide runs the calculator through every bridge
// call. Anything else stays as source, so a rarer import still works, just slower.
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [calcZip, rulesJson, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error("usage: node scripts/compile_python.mjs CALC_SOURCE_ZIP RULES_JSON OUT_DIR");
  process.exit(2);
}
const py = await loadPyodide();
process.on("uncaughtException", (error) => {
  console.error(String(error?.message || error)); // not the minified line Node would print
  process.exit(1);
});
py.FS.writeFile("/tmp/calc-src.zip", readFileSync(calcZip));
py.globals.set("rules_text", readFileSync(rulesJson, "utf8"));
try {
  py.runPython(`
import json, sys, zipfile

CALC = "/tmp/calc-src"
zipfile.ZipFile("/tmp/calc-src.zip").extractall(CALC)
sys.path.insert(0, CALC)
before = set(sys.modules)

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

stdlib = next(p for p in sys.path if p.endswith(".zip") and "/lib/python" in p)
used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(stdlib + "/") and origin.endswith(".py"):
        used.add(origin[len(stdlib) + 1:])

def bytecode(source, name):
    """Unchecked hash-based .pyc bytes (PEP 552): loaded without looking at any source."""
    import importlib._bootstrap_external as ext
    import importlib.util
    code = compile(source, name, "exec", dont_inherit=True)
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
    "multiprocessing", "pdb", "pickletools", "poplib", "pydoc", "pydoc_data", "smtplib",
    "tarfile", "unittest", "wsgiref", "xml", "xmlrpc",
}
top = lambda name: name.split("/")[0].removesuffix(".py")
reached = sorted(name for name in used if top(name) in OMIT)
if reached:
    raise SystemExit(f"the calculator imports modules this build leaves out: {reached}")

# The standard library: modules the calculator uses become bytecode only (no source).
with zipfile.ZipFile(stdlib) as zin, zipfile.ZipFile("/tmp/python_stdlib.zip", "w") as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if top(info.filename) in OMIT:
            continue
        if info.filename in used:
            write(zout, info.filename[:-3] + ".pyc", bytecode(data, info.filename))
        else:
            zout.writestr(info, data)

# calc: the same sources, each with its bytecode beside it (tracebacks still show the source).
with zipfile.ZipFile("/tmp/calc-src.zip") as zin, zipfile.ZipFile("/tmp/calc.zip", "w") as zout:
    for info in sorted(zin.infolist(), key=lambda i: i.filename):
        data = zin.read(info.filename)
        write(zout, info.filename, data)
        if info.filename.endswith(".py"):
            name = info.filename.replace(".py", ".cpython-%d%d.pyc" % sys.version_info[:2])
            folder, _, base = name.rpartition("/")
            write(zout, f"{folder}/__pycache__/{base}", bytecode(data, info.filename))
print(f"compiled {len(used)} standard library modules and {sum(1 for i in zipfile.ZipFile('/tmp/calc-src.zip').infolist() if i.filename.endswith('.py'))} calc modules")
`);
} catch (error) {
  console.error(String(error?.message || error));
  process.exit(1);
}
writeFileSync(`${outDir}/python_stdlib.zip`, py.FS.readFile("/tmp/python_stdlib.zip"));
writeFileSync(`${outDir}/calc.zip`, py.FS.readFile("/tmp/calc.zip"));
