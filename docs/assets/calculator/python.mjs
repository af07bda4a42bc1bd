// @ts-check
// The one Python worker of the visit, and calls to it. Started when the calculator is first
// shown; kept across Material's instant navigation (this module lives as long as the tab).
/** @typedef {{state: "loading" | "ready" | "error", message: string}} Status */
/** @type {Worker | null} */
let worker = null;
/** @type {Status} */
let status = { state: "loading", message: "" };
let nextId = 1;
/** @type {Map<number, (answer: any) => void>} */
const pending = new Map();
/** @type {Set<(status: Status) => void>} */
const listeners = new Set();

/** @param {Status["state"]} state @param {string} [message] */
function setStatus(state, message = "") {
  status = { state, message };
  if (state === "ready") keepOffline();
  for (const listener of listeners) listener(status);
}

// Once Python runs, the service worker is registered (if the visit began elsewhere it already
// is) and keeps Python's files for offline use (see sw.js).
function keepOffline() {
  navigator.serviceWorker
    ?.register(new URL("../../sw.js", import.meta.url))
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => registration.active?.postMessage({ type: "cache-runtime" }))
    .catch(() => {});
}

export function wasmSupported() {
  try {
    // The smallest valid module: magic number and version.
    return typeof WebAssembly === "object" && WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch {
    return false;
  }
}

/** @param {MessageEvent} event */
function receive(event) {
  const message = event.data;
  if (message.type === "status") {
    if (message.timings) performance.mark("cec-worker-ready", { detail: message.timings });
    setStatus(message.state, message.message);
  } else if (message.type === "result") {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    const answer = JSON.parse(message.text);
    if (message.bytes?.length) answer.bytes = message.bytes;
    resolve?.(answer);
  }
}

export function start() {
  if (worker) return;
  if (!wasmSupported()) {
    setStatus("error", "this browser cannot run WebAssembly");
    return;
  }
  worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  worker.onmessage = receive;
  worker.onerror = (event) => {
    setStatus("error", event.message || "the calculator could not start");
    for (const resolve of pending.values()) resolve({ ok: false, error: "the calculator could not start" });
    pending.clear();
  };
}

export function current() {
  return status;
}

/**
 * Calls a function of calc.bridge with string arguments; answers its parsed JSON.
 * @param {string} op
 * @param {...string} args
 * @returns {Promise<any>}
 */
export function call(op, ...args) {
  start();
  if (status.state === "error") return Promise.resolve({ ok: false, error: status.message });
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker?.postMessage({ id, op, args });
  });
}

/**
 * Calls a function of calc.bridge that works on files (a zip made or read): the blobs' bytes
 * are handed to Python as files; the answer's `bytes` are the files it made, in the order of its
 * `outputs`.
 * @param {string} op
 * @param {string[]} args
 * @param {Blob[]} blobs
 * @returns {Promise<any>}
 */
export async function callWithFiles(op, args, blobs) {
  start();
  if (status.state === "error") return { ok: false, error: status.message };
  // Read here and handed over as bytes (transferred, not copied), so that a file the browser
  // can no longer read (moved, deleted) is said here, before the worker is asked anything.
  /** @type {ArrayBuffer[]} */
  let buffers;
  try {
    buffers = await Promise.all(blobs.map((blob) => blob.arrayBuffer()));
  } catch {
    return { ok: false, error: "The browser could not read the file: it may have been moved or deleted. Choose it again" };
  }
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker?.postMessage({ id, op, args, buffers }, buffers);
  });
}

/** @param {(status: Status) => void} listener */
export function onStatus(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
