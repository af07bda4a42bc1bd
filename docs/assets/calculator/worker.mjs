// The calculator's Python runs here, off the main thread: Pyodide from the site's own files,
// the calc package unpacked from calc.zip (the same sources CPython runs), rules from rules.json.
// Every call goes through calc.bridge: JSON text in, JSON text out, never an exception.
//
// Starting Python costs seconds, mostly the interpreter setting itself up. So once it is ready,
// with calc imported and the rules loaded (and before any of the user's data is seen), its memory
// is saved in this browser's Cache Storage; later visits restore it in well under a second.
// The snapshot is named after Pyodide's version and the exact calc.zip and rules.json, so any
// new build makes a new one.
import { loadPyodide, version } from "../pyodide/pyodide.mjs";

const base = new URL("../", import.meta.url);
const indexURL = new URL("pyodide/", base).href;
const OPERATIONS = new Set(["compute", "import_log", "export_log", "check_activity", "calendar"]);
const SNAPSHOTS = "calc-python-snapshots";

// How long each step of starting took (ms since the worker began), for `make bench`.
const timings = {};
const mark = (name) => (timings[name] = Math.round(performance.now()));

async function fetchOk(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return kind === "bytes" ? new Uint8Array(await response.arrayBuffer()) : response.text();
}

async function snapshotName(calcZip, rules) {
  const text = new TextEncoder().encode(`${version}\n${rules}`);
  const all = new Uint8Array(text.length + calcZip.length);
  all.set(text);
  all.set(calcZip, text.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  const hex = [...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return new URL(`python-snapshot-${hex}`, base).href;
}

async function snapshotCache() {
  try {
    return self.caches ? await caches.open(SNAPSHOTS) : null; // none outside secure contexts
  } catch {
    return null;
  }
}

async function boot(starting, files, name, cache) {
  const [pyodide, [calcZip, rules]] = await Promise.all([starting, files]);
  mark("pyodide");
  pyodide.unpackArchive(calcZip, "zip", { extractDir: "/home/pyodide/calc-src" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/calc-src')");
  let bridge = pyodide.pyimport("calc.bridge");
  mark("calc");
  const loaded = JSON.parse(bridge.load_rules(rules));
  if (!loaded.ok) throw new Error(loaded.error);
  mark("rules");
  if (cache) {
    try {
      bridge.destroy(); // a snapshot may hold no reference to a JavaScript object
      const snapshot = pyodide.makeMemorySnapshot();
      bridge = pyodide.pyimport("calc.bridge");
      mark("snapshot");
      keep(cache, await name(calcZip, rules), snapshot);
    } catch {
      bridge = pyodide.pyimport("calc.bridge");
    }
  }
  return bridge;
}

async function keep(cache, name, snapshot) {
  try {
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(name, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // No room, or no storage: the next visit starts the long way.
  }
}

async function restore(saved) {
  try {
    const pyodide = await loadPyodide({ indexURL, _loadSnapshot: saved.arrayBuffer().then((b) => new Uint8Array(b)) });
    mark("restored");
    return pyodide.pyimport("calc.bridge");
  } catch {
    return null;
  }
}

async function start() {
  const cache = await snapshotCache();
  const files = Promise.all([fetchOk(new URL("calculator/calc.zip", base), "bytes"), fetchOk(new URL("rules.json", base), "text")]);
  const [kept] = cache ? await cache.keys() : [];
  if (kept) {
    // A snapshot from an earlier visit: use it if it was made of these very files.
    const [calcZip, rules] = await files;
    if (kept.url === (await snapshotName(calcZip, rules))) {
      const bridge = await restore(await cache.match(kept));
      if (bridge) return bridge;
      await cache.delete(kept).catch(() => {});
    }
  }
  // No usable snapshot: start Python at once, while the small files arrive.
  return boot(loadPyodide({ indexURL, _makeSnapshot: Boolean(cache) }), files, snapshotName, cache);
}

const ready = start();

ready.then(
  () => postMessage({ type: "status", state: "ready", timings }),
  (error) => postMessage({ type: "status", state: "error", message: String(error?.message || error) }),
);

// Answers go back as JSON text, parsed by the page: cheaper than cloning a large object graph.
onmessage = async (event) => {
  const { id, op, args } = event.data;
  let text;
  try {
    if (!OPERATIONS.has(op)) throw new Error(`unknown operation ${op}`);
    const bridge = await ready;
    text = bridge[op](...args);
  } catch (error) {
    text = JSON.stringify({ ok: false, error: String(error?.message || error) });
  }
  postMessage({ type: "result", id, text });
};
