// @ts-check
// The professional's log, saved in this browser (localStorage) after every change. Nothing is
// ever overwritten silently: saved data that cannot be read is kept aside, as it was, and can be
// downloaded.
const KEY = "cec-guide:log";
const RESULT_KEY = "cec-guide:last-result";

/** @typedef {{activity: string[], profile: string[]}} Fields */
/** @typedef {{profile: Record<string, any>, activities: Record<string, string>[], previous?: Record<string, any>[]}} Log */

// `fields` is the log's shape as calc.fields defines it, handed to the page by the build (its
// contract, data-contract): the columns, the format's name and version are written once, in Python.
/**
 * @param {Fields} fields
 * @returns {Log}
 */
export function emptyLog(fields) {
  const profile = Object.fromEntries(fields.profile.map((name) => [name, name === "certifications" ? [] : ""]));
  return { profile, activities: [] };
}

/** @param {unknown} value @returns {value is string} */
function isText(value) {
  return typeof value === "string";
}

// Every activity has an id of its own, kept with it in storage (not in the records Python reads,
// nor in exported files): tabs open on the calculator merge their changes activity by activity
// (app.mjs). Activities are replaced, never changed in place, so the id is kept with the object.
/** @type {WeakMap<object, string>} */
const ids = new WeakMap();
let made = 0;

export function newId() {
  made += 1;
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${made}`;
}

/** @param {object} activity @returns {string} */
export function idOf(activity) {
  let id = ids.get(activity);
  if (id === undefined) {
    id = newId();
    ids.set(activity, id);
  }
  return id;
}

/**
 * @template {object} T
 * @param {T} activity @param {string} id @returns {T}
 */
export function withId(activity, id) {
  ids.set(activity, id);
  return activity;
}

// An activity saved before ids existed gets one made of its place and content, the same in every
// tab that reads it, so that tabs opened on such a log still agree on which activity is which.
/** @param {number} index @param {string} text */
function legacyId(index, text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return `saved-${index}-${(hash >>> 0).toString(36)}`;
}

// What each of the other certifications held keeps (calc.bodies.profile reads the same keys).
export const OTHER_FIELDS = ["certification", "certified", "cycle_start", "cycle_end", "renewed_on"];

/** A profile's fields, each as text (certifications a list). @param {any} data @param {Fields} fields */
function profileOf(data, fields) {
  const profile = data && typeof data === "object" ? data : {};
  /** @type {Record<string, any>} */
  const found = {};
  for (const name of fields.profile) {
    const value = profile[name];
    if (name === "certifications") found[name] = Array.isArray(value) ? value.filter(isText) : [];
    else found[name] = isText(value) ? value : "";
  }
  // The certifications held from other bodies (calc.bridge.other_bodies): each its id and days.
  const others = Array.isArray(profile.others) ? profile.others.filter((/** @type {unknown} */ o) => o && typeof o === "object") : [];
  if (others.length) {
    found.others = others.map((/** @type {any} */ o) =>
      Object.fromEntries(OTHER_FIELDS.filter((key) => isText(o[key]) && o[key]).map((key) => [key, o[key]])),
    );
  }
  return found;
}

// A log read from storage or a file is checked for shape only; its content is checked by Python.
/**
 * @param {any} data
 * @param {Fields} fields
 * @returns {Log | null}
 */
export function normalise(data, fields) {
  if (!data || typeof data !== "object" || !Array.isArray(data.activities)) return null;
  const log = emptyLog(fields);
  log.profile = profileOf(data.profile, fields);
  // The profiles of finished cycles ("Start the next cycle"): their audit packets stay.
  if (Array.isArray(data.previous)) {
    const kept = data.previous.filter((/** @type {unknown} */ p) => p && typeof p === "object");
    if (kept.length) log.previous = kept.map((/** @type {any} */ p) => profileOf(p, fields));
  }
  const seen = new Set();
  for (const [index, raw] of data.activities.entries()) {
    if (!raw || typeof raw !== "object") return null;
    /** @type {Record<string, string>} */
    const activity = {};
    for (const field of fields.activity) {
      const value = raw[field];
      if (value !== undefined && value !== null && !isText(value)) return null;
      activity[field] = value ?? "";
    }
    let id = isText(raw.id) && raw.id && !seen.has(raw.id) ? raw.id : legacyId(index, JSON.stringify(activity));
    if (seen.has(id)) id = newId();
    seen.add(id);
    log.activities.push(withId(activity, id));
  }
  return log;
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The saved log's text as it is now (another tab may have written it), or null. */
export function savedText() {
  try {
    return storage()?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

/** Whether a `storage` event is about the saved log. @param {StorageEvent} event */
export function isLogEvent(event) {
  return event.key === KEY || event.key === null; // null: the whole storage was cleared
}

// { log, problem, text }: problem is null, or { raw } when saved data exists but is unusable;
// text is what was read (null when nothing was).
/**
 * @param {{fields: Fields, format: string}} contract
 * @returns {{log: Log, problem: {raw: string} | null, unavailable?: boolean, text: string | null}}
 */
export function load(contract) {
  const fields = contract.fields;
  const store = storage();
  if (!store) return { log: emptyLog(fields), problem: null, unavailable: true, text: null };
  let raw = null;
  try {
    raw = store.getItem(KEY);
  } catch {
    return { log: emptyLog(fields), problem: null, unavailable: true, text: null };
  }
  if (raw === null) return { log: emptyLog(fields), problem: null, text: null };
  let parsed = null;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const log = parsed && parsed.format === contract.format ? normalise(parsed, fields) : null;
  if (!log) return { log: emptyLog(fields), problem: { raw }, text: raw };
  return { log, problem: null, text: raw };
}

// Keeps unreadable saved data under a key of its own before anything new is saved.
/** @param {string} raw */
export function setAside(raw) {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(`${KEY}:unreadable:${new Date().toISOString()}`, raw);
    return true;
  } catch {
    return false;
  }
}

/**
 * The log as it is saved (and backed up): each activity with its id.
 * @param {Log} log
 * @param {{format: string, version: number}} contract
 */
export function serialise(log, contract) {
  const activities = log.activities.map((activity) => ({ id: idOf(activity), ...activity }));
  return JSON.stringify({
    format: contract.format,
    version: contract.version,
    saved: new Date().toISOString(),
    profile: log.profile,
    activities,
    ...(log.previous?.length ? { previous: log.previous } : {}),
  });
}

/**
 * Saves the log.
 * @param {Log} log
 * @param {{format: string, version: number}} contract
 * @returns {string | null} the text written, or null when the browser refused it
 */
export function save(log, contract) {
  const store = storage();
  if (!store) return null;
  const text = serialise(log, contract);
  try {
    store.setItem(KEY, text);
    return text;
  } catch {
    return null;
  }
}

/** @param {Log} log @param {any} result */
export function saveResult(log, result) {
  try {
    storage()?.setItem(RESULT_KEY, JSON.stringify({ log: JSON.stringify(log), result }));
  } catch {
    // The cached result only speeds up the next visit; losing it loses nothing.
  }
}

// The last result, when it was computed for exactly this log.
/** @param {Log} log */
export function loadResult(log) {
  try {
    const cached = JSON.parse(storage()?.getItem(RESULT_KEY) || "null");
    return cached && cached.log === JSON.stringify(log) ? cached.result : null;
  } catch {
    return null;
  }
}

/** @param {string} name @param {string | Blob | Uint8Array<ArrayBuffer>} data @param {string} type */
export function download(name, data, type) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// What the user chose for a spreadsheet's values the rules do not know ("Stunden" is hours), by
// field and by the value as Python compares names; asked once, then applied to every file.
const CHOICES_KEY = "cec-guide:import-choices";

/** @returns {Record<string, Record<string, string>>} */
export function importChoices() {
  try {
    const kept = JSON.parse(storage()?.getItem(CHOICES_KEY) || "{}");
    return kept && typeof kept === "object" && !Array.isArray(kept) ? kept : {};
  } catch {
    return {};
  }
}

/** @param {{column: string, key: string}[]} asked @param {string[]} chosen ids, in the same order */
export function rememberChoices(asked, chosen) {
  const kept = importChoices();
  asked.forEach((value, i) => {
    const column = kept[value.column] && typeof kept[value.column] === "object" ? kept[value.column] : {};
    kept[value.column] = { ...column, [value.key]: chosen[i] };
  });
  try {
    storage()?.setItem(CHOICES_KEY, JSON.stringify(kept));
  } catch {
    // No room or no storage: the next file asks again; this import goes on with the choices.
  }
  return kept;
}
