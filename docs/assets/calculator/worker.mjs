// The calculator's Python runs here, off the main thread: Pyodide from the site's own files,
// the calc package unpacked from calc.zip (the same sources CPython runs), rules from rules.json.
// Every call goes through calc.bridge: JSON text in, JSON text out, never an exception.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../", import.meta.url);
const OPERATIONS = new Set(["compute", "import_log", "export_log", "check_activity", "calendar"]);

async function fetchOk(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return kind === "bytes" ? new Uint8Array(await response.arrayBuffer()) : response.text();
}

async function start() {
  const [pyodide, calcZip, rules] = await Promise.all([
    loadPyodide({ indexURL: new URL("pyodide/", base).href }),
    fetchOk(new URL("calculator/calc.zip", base), "bytes"),
    fetchOk(new URL("rules.json", base), "text"),
  ]);
  pyodide.unpackArchive(calcZip, "zip", { extractDir: "/home/pyodide/calc-src" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/calc-src')");
  const bridge = pyodide.pyimport("calc.bridge");
  const loaded = JSON.parse(bridge.load_rules(rules));
  if (!loaded.ok) throw new Error(loaded.error);
  return bridge;
}

const ready = start();

ready.then(
  () => postMessage({ type: "status", state: "ready" }),
  (error) => postMessage({ type: "status", state: "error", message: String(error?.message || error) }),
);

onmessage = async (event) => {
  const { id, op, args } = event.data;
  let response;
  try {
    if (!OPERATIONS.has(op)) throw new Error(`unknown operation ${op}`);
    const bridge = await ready;
    response = JSON.parse(bridge[op](...args));
  } catch (error) {
    response = { ok: false, error: String(error?.message || error) };
  }
  postMessage({ type: "result", id, response });
};
