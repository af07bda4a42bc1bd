// @ts-check
// Certificate files, kept in this browser's IndexedDB beside the log (which stays in
// localStorage): never sent anywhere. Each file belongs to one activity, by the activity's id
// (store.mjs). A file refused (too large, empty, of another kind, no room) is refused alone:
// nothing already stored is touched. Other tabs hear of every change (BroadcastChannel).

const DB = "cec-guide-files";
const STORE = "files";
const CHANNEL = "cec-guide-files";
// What a certificate may come as, and how large: from calc.archive, through the page's contract
// (configure), so that the page and the backups Python reads agree.
/** @type {Record<string, string>} extension -> MIME type */
let KINDS = {};
let MAX_FILE_BYTES = 0;

/** @param {{kinds: Record<string, string>, max_bytes: number}} rules */
export function configure(rules) {
  KINDS = rules.kinds;
  MAX_FILE_BYTES = rules.max_bytes;
}

/** @typedef {{id: string, activity: string, name: string, type: string, size: number, added: string}} FileInfo */
/** @typedef {FileInfo & {blob: Blob}} StoredFile */
/** @typedef {FileInfo & {blob: Blob | ArrayBuffer}} Kept a file as IndexedDB holds it */

/** @type {Promise<IDBDatabase | null> | null} */
let opening = null;

/** @returns {Promise<IDBDatabase | null>} null where the browser keeps no IndexedDB (some private modes) */
function open() {
  opening ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: "id" });
        store.createIndex("activity", "activity");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

/** Whether files can be kept here at all. */
export async function available() {
  return (await open()) !== null;
}

/**
 * @template T
 * @param {"readonly" | "readwrite"} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T> | void} work
 * @returns {Promise<T | undefined>}
 */
async function transaction(mode, work) {
  const db = await open();
  if (!db) throw new Error("this browser does not let the page keep files");
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    // Ended at the first error, all of it undone: Safari's engine leaves a transaction whose
    // write failed open, holding the store, so that every later one would wait for ever.
    /** @param {unknown} error */
    const fail = (error) => {
      try {
        tx.abort();
      } catch {
        // Already ended.
      }
      reject(error);
    };
    tx.oncomplete = () => resolve(request ? request.result : undefined);
    tx.onerror = (event) => fail(/** @type {IDBRequest} */ (event.target)?.error || tx.error);
    tx.onabort = () => reject(tx.error || new Error("the browser stopped saving the file"));
    /** @type {IDBRequest<T> | void} */
    let request;
    try {
      request = work(tx.objectStore(STORE));
    } catch (error) {
      fail(error);
    }
  });
}

// Kept as bytes (an ArrayBuffer), never as a Blob: Safari's engine refuses Blobs in IndexedDB in
// private browsing (and in WebKitGTK's automation), and the transaction that tried one then
// never ends, holding the store. Files kept as Blobs by earlier versions still read back.
/**
 * Adds files in one transaction (after clearing the store, for a restore): all or nothing.
 * @param {Kept[]} files
 * @param {boolean} clear
 */
async function write(files, clear) {
  const bytes = await Promise.all(
    files.map(async (file) => (file.blob instanceof Blob ? { ...file, blob: await file.blob.arrayBuffer() } : file)),
  );
  await transaction("readwrite", (store) => {
    if (clear) store.clear();
    for (const file of bytes) store.add(file);
  });
}

/** @param {Kept} file @returns {StoredFile} */
function asBlob(file) {
  return file.blob instanceof Blob ? { ...file, blob: file.blob } : { ...file, blob: new Blob([file.blob], { type: file.type }) };
}

/** The kind of a file the page keeps, or null. @param {{name: string, type: string}} file */
export function kindOf(file) {
  const ext = file.name.toLowerCase().split(".").pop() || "";
  if (Object.hasOwn(KINDS, ext)) return KINDS[ext];
  return Object.values(KINDS).includes(file.type) ? file.type : null;
}

/** A name safe to show and to save: no folders, no control characters. @param {string} name */
export function displayName(name) {
  const base = name.split(/[/\\]/).pop() || "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean.slice(0, 120) || "certificate";
}

/** @param {number} bytes */
export function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * Why a file cannot be kept, in a sentence naming it; null when it can.
 * @param {{name: string, type: string, size: number}} file
 */
export function refusal(file) {
  const name = displayName(file.name);
  if (file.size === 0) return `${name} is empty (0 bytes): choose the certificate's file itself.`;
  if (file.size > MAX_FILE_BYTES) {
    return `${name} is ${sizeText(file.size)}: the limit is ${sizeText(MAX_FILE_BYTES)} a file. A scan or photo of a certificate is far smaller.`;
  }
  if (!kindOf(file)) return `${name} is not a PDF or a photo (JPEG, PNG, WebP or HEIC), so it was not kept.`;
  return null;
}

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
/** @type {Set<() => void>} */
const listeners = new Set();
if (channel) channel.onmessage = () => notify(false);

/** @param {boolean} tell whether other tabs are told too */
function notify(tell) {
  if (tell) channel?.postMessage("changed");
  for (const listener of listeners) listener();
}

/** Called when files change, here or in another tab. @param {() => void} listener */
export function onChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Keeps a file for an activity. Throws an Error whose message names the file when it cannot.
 * @param {string} activity the activity's id
 * @param {File} file
 * @returns {Promise<FileInfo>}
 */
export async function add(activity, file) {
  const why = refusal(file);
  if (why) throw new Error(why);
  const name = displayName(file.name);
  let bytes;
  try {
    // Read now: a file the browser cannot read (moved, or on a disconnected drive) is refused
    // here with its name, not stored broken.
    bytes = await file.arrayBuffer();
  } catch {
    throw new Error(`${name} could not be read: it may have been moved or deleted. Choose it again.`);
  }
  /** @type {Kept} */
  const stored = {
    id: globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`,
    activity,
    name,
    type: kindOf(file) || "application/octet-stream",
    size: bytes.byteLength,
    added: new Date().toISOString(),
    blob: bytes,
  };
  try {
    await write([stored], false);
  } catch (error) {
    const full = /** @type {any} */ (error)?.name === "QuotaExceededError";
    throw new Error(
      full
        ? `${name} was not kept: this browser's storage for the site is full. Nothing already kept was changed; remove a file or free space, then try again.`
        : `${name} was not kept: ${/** @type {any} */ (error)?.message || "the browser refused to save it"}. Nothing already kept was changed.`,
    );
  }
  notify(true);
  const { blob: _, ...info } = stored;
  return info;
}

/** Every file kept, without their bytes, by activity id. @returns {Promise<Map<string, FileInfo[]>>} */
export async function byActivity() {
  /** @type {Map<string, FileInfo[]>} */
  const found = new Map();
  let all = /** @type {StoredFile[] | undefined} */ ([]);
  try {
    all = await transaction("readonly", (store) => store.getAll());
  } catch {
    return found;
  }
  for (const { blob: _, ...info } of all || []) {
    found.set(info.activity, [...(found.get(info.activity) || []), info]);
  }
  for (const list of found.values()) list.sort((a, b) => a.added.localeCompare(b.added));
  return found;
}

/** A kept file with its bytes, or null. @param {string} id @returns {Promise<StoredFile | null>} */
export async function get(id) {
  try {
    const found = /** @type {Kept | undefined} */ (await transaction("readonly", (store) => store.get(id)));
    return found ? asBlob(found) : null;
  } catch {
    return null;
  }
}

/** @param {string} id */
export async function remove(id) {
  await transaction("readwrite", (store) => store.delete(id));
  notify(true);
}

/**
 * Replaces every kept file with these (a restored backup). All or nothing: if one cannot be
 * stored, what was kept before stays as it was.
 * @param {StoredFile[]} files
 */
export async function replaceAll(files) {
  await write(files, true);
  notify(true);
}

/** Removes the files of activities no longer in the log (after their removal can no longer be undone). @param {Set<string>} keep */
export async function prune(keep) {
  const all = /** @type {StoredFile[]} */ ((await transaction("readonly", (store) => store.getAll())) || []);
  const gone = all.filter((file) => !keep.has(file.activity));
  if (!gone.length) return;
  await transaction("readwrite", (store) => {
    for (const file of gone) store.delete(file.id);
  });
  notify(true);
}

/**
 * How much room there is, and whether the browser promised to keep the files (asked once).
 * @returns {Promise<{usage: number | null, quota: number | null, persisted: boolean | null}>}
 */
export async function room() {
  const storage = navigator.storage;
  if (!storage?.estimate) return { usage: null, quota: null, persisted: null };
  /** @type {boolean | null} */
  let persisted = null;
  try {
    // Firefox asks the person, and an answer may never come: after a few seconds it counts as
    // no promise.
    const asked = (async () => (await storage.persisted?.()) || (await storage.persist?.()) || false)();
    persisted = await Promise.race([asked, new Promise((resolve) => setTimeout(() => resolve(null), 3000))]);
  } catch {
    persisted = null;
  }
  try {
    const { usage, quota } = await storage.estimate();
    return { usage: usage ?? null, quota: quota ?? null, persisted };
  } catch {
    return { usage: null, quota: null, persisted };
  }
}
