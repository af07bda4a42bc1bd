// @ts-check
// The calculator's Python runs here, off the main thread: Pyodide from the site's own files,
// the calc package unpacked from calc.zip (the same sources CPython runs), rules from rules.json.
// Every call goes through calc.bridge: JSON text in, JSON text out, never an exception.
//
// Starting Python costs seconds, mostly the interpreter setting itself up. So a Python that is
// ready, with calc imported and the rules loaded, has its memory saved in this browser's Cache
// Storage; later visits restore it in well under a second. The snapshot must hold none of the
// user's data, and making it on a first visit would delay the first answer (by 0.2-0.3 s in
// `make bench`: Pyodide's snapshot mode, copying 30 MB, and the memory it holds until stored).
// So the worker answering the page never makes it: once its first answer is out, it starts this
// same file a second time, as a "snapshot maker" that starts Python the same way, never receives
// a call, saves its memory, and ends.
// The snapshot is named after Pyodide's version and the exact calc.zip and rules.json, so any
// new build makes a new one.
import { loadPyodide, version } from "../pyodide/pyodide.mjs";

/** @typedef {import("../pyodide/pyodide.mjs").PyodideAPI} Pyodide */
/** @typedef {any} Bridge calc.bridge, a PyProxy: each function takes and answers strings */
/** @typedef {[Uint8Array, string]} Files calc.zip's bytes and rules.json's text */

const base = new URL("../", import.meta.url);
const indexURL = new URL("pyodide/", base).href;
const OPERATIONS = new Set([
  "compute",
  "preview",
  "import_log",
  "export_log",
  "check_activity",
  "calendar",
  "packet",
  "make_zip",
  "read_backup",
  "rules_change",
  "other_bodies",
  "body_packet",
]);
// The operations on other bodies, which need their rules loaded first (loadBodies).
const ON_BODIES = new Set(["other_bodies", "body_packet"]);
// Operations on files (zips, certificates): the page's files are written into a folder of
// Pyodide's file system for the call, named in a last argument ({dir, inputs}); the files the
// answer names in "outputs" go back to the page as bytes; then the folder is removed.
const WITH_FILES = new Set(["make_zip", "read_backup"]);
const SNAPSHOTS = "calc-python-snapshots";
// The snapshot maker is told by its name (not by its URL: the service worker answers any query
// of this file with the file itself, and the worker's address is then the file's).
const MAKER = self.name === "cec-snapshot-maker";
// How long after the first answer the snapshot maker starts: the page's first renders and the
// service worker's first downloads come first.
const MAKER_DELAY_MS = 1000;

// How long each step of starting took (ms since the worker began), for `make bench`; `origin`
// (when the worker began, as a timestamp) places them on the page's own timeline.
/** @type {Record<string, number>} */
const timings = { origin: performance.timeOrigin };
/** @param {string} name */
const mark = (name) => {
  timings[name] = Math.round(performance.now());
};

// This worker's Python, once started (for its file system: see WITH_FILES).
/** @type {Pyodide | null} */
let python = null;

/**
 * @template {"bytes" | "text"} K
 * @param {URL} url
 * @param {K} kind
 * @returns {Promise<K extends "bytes" ? Uint8Array : string>}
 */
async function fetchOk(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return /** @type {any} */ (kind === "bytes" ? new Uint8Array(await response.arrayBuffer()) : await response.text());
}

/** @returns {Promise<Files>} */
function fetchFiles() {
  return Promise.all([fetchOk(new URL("calculator/calc.zip", base), "bytes"), fetchOk(new URL("rules.json", base), "text")]);
}

/** @param {Uint8Array} calcZip @param {string} rules */
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

const CALC_SRC = "/home/pyodide/calc-src";

/** @param {Pyodide} pyodide @param {Uint8Array} calcZip */
function unpack(pyodide, calcZip) {
  pyodide.unpackArchive(calcZip, "zip", { extractDir: CALC_SRC });
}

/**
 * Python started the long way, calc imported, the rules loaded.
 * @param {Promise<Files>} files
 * @param {boolean} makeSnapshot
 * @returns {Promise<{pyodide: Pyodide, bridge: Bridge}>}
 */
async function boot(files, makeSnapshot) {
  const [pyodide, [calcZip, rules]] = await Promise.all([loadPyodide({ indexURL, _makeSnapshot: makeSnapshot }), files]);
  mark("pyodide");
  python = pyodide;
  unpack(pyodide, calcZip);
  pyodide.runPython(`import sys; sys.path.insert(0, '${CALC_SRC}')`);
  const bridge = pyodide.pyimport("calc.bridge");
  mark("calc");
  const loaded = JSON.parse(bridge.load_rules(rules));
  if (!loaded.ok) throw new Error(loaded.error);
  mark("rules");
  return { pyodide, bridge };
}

/** @param {Cache} cache @param {string} name @param {Uint8Array<ArrayBuffer>} snapshot */
async function keep(cache, name, snapshot) {
  try {
    for (const old of await cache.keys()) await cache.delete(old);
    await cache.put(name, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch {
    // No room, or no storage: the next visit starts the long way.
  }
}

/** @param {Response} saved @param {Uint8Array} calcZip @returns {Promise<Bridge | null>} */
async function restore(saved, calcZip) {
  try {
    const pyodide = await loadPyodide({ indexURL, _loadSnapshot: saved.arrayBuffer().then((b) => new Uint8Array(b)) });
    mark("restored");
    python = pyodide;
    // The snapshot holds Python's memory, not its files: calc's sources are unpacked again, or
    // every module the bridge imports only when first needed (the packet, the calendar, log
    // files) would be missing on a return visit.
    unpack(pyodide, calcZip);
    return pyodide.pyimport("calc.bridge");
  } catch {
    return null;
  }
}

// The snapshot maker's whole job. This worker receives no message of the page: nothing of the
// user's reaches its Python.
async function makeSnapshot() {
  const cache = await snapshotCache();
  if (!cache) return;
  const files = fetchFiles();
  const { pyodide, bridge } = await boot(files, true);
  bridge.destroy(); // a snapshot may hold no reference to a JavaScript object
  // A fresh copy of Python's memory, never a shared buffer: typed as such for Response.
  const snapshot = /** @type {Uint8Array<ArrayBuffer>} */ (pyodide.makeMemorySnapshot());
  const [calcZip, rules] = await files;
  await keep(cache, await snapshotName(calcZip, rules), snapshot);
}

// Resolved when the first answer has been posted.
/** @type {() => void} */
let answered = () => {};
const firstAnswer = new Promise((resolve) => {
  answered = () => resolve(undefined);
});
/** @param {number} ms */
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// After the first answer (or a while, if no call comes), the snapshot maker, in a worker of this
// one's. Where workers cannot start workers, later visits simply start the long way too.
async function startMaker() {
  await Promise.race([firstAnswer, delay(5000)]);
  await delay(MAKER_DELAY_MS);
  if (typeof Worker === "undefined") return;
  try {
    // Its own address too, so that it is told apart from the page's worker (in DevTools, in tests).
    const url = new URL("worker.mjs?snapshot-maker", import.meta.url);
    const maker = new Worker(url, { type: "module", name: "cec-snapshot-maker" });
    maker.onmessage = maker.onerror = () => maker.terminate();
  } catch {
    // As above: no snapshot this time.
  }
}

// The standard library's modules that neither Pyodide nor calc imports are in a second zip
// (scripts/compile_python.mjs): fetched only if something ever imports one, and then at once,
// since an import cannot wait (scripts/stdlib_more.py). Not in the snapshot maker: a snapshot
// may hold no JavaScript function.
/** @param {Pyodide} pyodide */
function fetchRestOnDemand(pyodide) {
  const url = new URL("pyodide/python_stdlib_more.zip", base).href;
  const fetchSync = () => {
    const request = new XMLHttpRequest();
    request.open("GET", url, false); // allowed in a worker
    request.responseType = "arraybuffer";
    request.send();
    if (request.status !== 200) throw new Error(`${url}: HTTP ${request.status}`);
    return new Uint8Array(request.response);
  };
  pyodide.pyimport("_stdlib_more").install(fetchSync);
}

/** @returns {Promise<Bridge>} */
async function start() {
  const bridge = await startPython();
  try {
    if (python) fetchRestOnDemand(python);
  } catch {
    // A safety net only (calc imports nothing from the second zip): never a reason not to start.
  }
  return bridge;
}

/** @returns {Promise<Bridge>} */
async function startPython() {
  const cache = await snapshotCache();
  const files = fetchFiles();
  const [kept] = cache ? await cache.keys() : [];
  if (cache && kept) {
    // A snapshot from an earlier visit: use it if it was made of these very files.
    const [calcZip, rules] = await files;
    if (kept.url === (await snapshotName(calcZip, rules))) {
      const saved = await cache.match(kept);
      const bridge = saved && (await restore(saved, calcZip));
      if (bridge) return bridge;
      await cache.delete(kept).catch(() => {});
    }
  }
  // No usable snapshot: start Python at once, while the small files arrive.
  const { bridge } = await boot(files, false);
  if (cache) startMaker();
  return bridge;
}

if (MAKER) {
  makeSnapshot()
    .catch(() => {}) // no snapshot: later visits start the long way
    .finally(() => {
      postMessage({ type: "snapshot" });
      close();
    });
} else {
  const ready = start();

  ready.then(
    () => postMessage({ type: "status", state: "ready", timings }),
    (/** @type {any} */ error) => postMessage({ type: "status", state: "error", message: String(error?.message || error) }),
  );

  /**
   * @param {Pyodide} pyodide @param {string} dir
   * @param {ArrayBuffer[]} buffers
   */
  function writeInputs(pyodide, dir, buffers) {
    pyodide.FS.mkdirTree(dir);
    const inputs = [];
    for (const [i, buffer] of buffers.entries()) {
      const path = `${dir}/in-${i}`;
      pyodide.FS.writeFile(path, new Uint8Array(buffer));
      inputs.push(path);
    }
    return inputs;
  }

  /** @param {Pyodide} pyodide @param {string} dir */
  function removeFolder(pyodide, dir) {
    try {
      for (const name of pyodide.FS.readdir(dir)) if (name !== "." && name !== "..") pyodide.FS.unlink(`${dir}/${name}`);
      pyodide.FS.rmdir(dir);
    } catch {
      // Nothing was written, or it is gone already.
    }
  }

  // The other certifying bodies' rules: fetched and loaded with the first call that needs them
  // (a profile holding ACE's or NSCA's certification), never with the first answer.
  /** @type {Promise<void> | null} */
  let bodiesLoaded = null;
  /** @param {Bridge} bridge */
  function loadBodies(bridge) {
    bodiesLoaded ??= fetchOk(new URL("bodies.json", base), "text").then((text) => {
      const answer = JSON.parse(bridge.load_bodies(text));
      if (!answer.ok) throw new Error(answer.error);
    });
    // A failed fetch (offline on a first visit) is tried again with the next call.
    bodiesLoaded.catch(() => {
      bodiesLoaded = null;
    });
    return bodiesLoaded;
  }

  // Answers go back as JSON text, parsed by the page: cheaper than cloning a large object graph.
  self.onmessage = async (event) => {
    const { id, op, args, buffers } = event.data;
    let text;
    /** @type {Uint8Array[]} */
    const bytes = [];
    const dir = `/tmp/cec-io-${id}`;
    try {
      if (!OPERATIONS.has(op)) throw new Error(`unknown operation ${op}`);
      const bridge = await ready;
      if (ON_BODIES.has(op)) await loadBodies(bridge);
      if (WITH_FILES.has(op)) {
        if (!python) throw new Error("files cannot be handled before Python has started");
        const inputs = writeInputs(python, dir, buffers || []);
        text = bridge[op](...args, JSON.stringify({ dir, inputs }));
        for (const path of JSON.parse(text).outputs || []) bytes.push(python.FS.readFile(path));
      } else text = bridge[op](...args);
    } catch (/** @type {any} */ error) {
      text = JSON.stringify({ ok: false, error: String(error?.message || error) });
    } finally {
      if (python && WITH_FILES.has(op)) removeFolder(python, dir);
    }
    postMessage(
      { type: "result", id, text, bytes },
      bytes.map((b) => b.buffer),
    );
    answered();
  };
}
