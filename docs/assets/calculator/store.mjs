// @ts-check
// The professional's log, saved in this browser (localStorage) after every change. Nothing is
// ever overwritten silently: saved data that cannot be read is kept aside, as it was, and can be
// downloaded.
const KEY = "cec-guide:log";
const RESULT_KEY = "cec-guide:last-result";

/** @typedef {{activity: string[], profile: string[]}} Fields */
/** @typedef {{profile: Record<string, any>, activities: Record<string, string>[]}} Log */

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

// A log read from storage or a file is checked for shape only; its content is checked by Python.
/**
 * @param {any} data
 * @param {Fields} fields
 * @returns {Log | null}
 */
export function normalise(data, fields) {
  if (!data || typeof data !== "object" || !Array.isArray(data.activities)) return null;
  const profile = data.profile && typeof data.profile === "object" ? data.profile : {};
  const log = emptyLog(fields);
  for (const name of fields.profile) {
    const value = profile[name];
    if (name === "certifications") log.profile[name] = Array.isArray(value) ? value.filter(isText) : [];
    else log.profile[name] = isText(value) ? value : "";
  }
  for (const raw of data.activities) {
    if (!raw || typeof raw !== "object") return null;
    /** @type {Record<string, string>} */
    const activity = {};
    for (const field of fields.activity) {
      const value = raw[field];
      if (value !== undefined && value !== null && !isText(value)) return null;
      activity[field] = value ?? "";
    }
    log.activities.push(activity);
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

// { log, problem }: problem is null, or { raw } when saved data exists but is unusable.
/**
 * @param {{fields: Fields, format: string}} contract
 * @returns {{log: Log, problem: {raw: string} | null, unavailable?: boolean}}
 */
export function load(contract) {
  const fields = contract.fields;
  const store = storage();
  if (!store) return { log: emptyLog(fields), problem: null, unavailable: true };
  let raw = null;
  try {
    raw = store.getItem(KEY);
  } catch {
    return { log: emptyLog(fields), problem: null, unavailable: true };
  }
  if (raw === null) return { log: emptyLog(fields), problem: null };
  let parsed = null;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const log = parsed && parsed.format === contract.format ? normalise(parsed, fields) : null;
  if (!log) return { log: emptyLog(fields), problem: { raw } };
  return { log, problem: null };
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
 * @param {Log} log
 * @param {{format: string, version: number}} contract
 */
export function save(log, contract) {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(KEY, JSON.stringify({ format: contract.format, version: contract.version, saved: new Date().toISOString(), ...log }));
    return true;
  } catch {
    return false;
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

/** @param {string} name @param {string} text @param {string} type */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
