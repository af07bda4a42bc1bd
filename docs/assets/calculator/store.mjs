// The professional's log, saved in this browser (localStorage) after every change. Nothing is
// ever overwritten silently: saved data that cannot be read is kept aside, as it was, and can be
// downloaded.
const KEY = "cec-guide:log";
const RESULT_KEY = "cec-guide:last-result";
const FORMAT = "cec-guide-log";

// `fields` is the log's shape as calc.fields defines it ({activity: [...], profile: [...]}),
// handed to the page by the build (data-fields): the columns are written once, in Python.
export function emptyLog(fields) {
  const profile = Object.fromEntries(fields.profile.map((name) => [name, name === "certifications" ? [] : ""]));
  return { profile, activities: [] };
}

function isText(value) {
  return typeof value === "string";
}

// A log read from storage or a file is checked for shape only; its content is checked by Python.
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

// { log, problem }: problem is null, or { message, raw } when saved data exists but is unusable.
export function load(fields) {
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
  const log = parsed && parsed.format === FORMAT ? normalise(parsed, fields) : null;
  if (!log) return { log: emptyLog(fields), problem: { raw } };
  return { log, problem: null };
}

// Keeps unreadable saved data under a key of its own before anything new is saved.
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

export function save(log) {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(KEY, JSON.stringify({ format: FORMAT, version: 1, saved: new Date().toISOString(), ...log }));
    return true;
  } catch {
    return false;
  }
}

export function saveResult(log, result) {
  try {
    storage()?.setItem(RESULT_KEY, JSON.stringify({ log: JSON.stringify(log), result }));
  } catch {
    // The cached result only speeds up the next visit; losing it loses nothing.
  }
}

// The last result, when it was computed for exactly this log.
export function loadResult(log) {
  try {
    const cached = JSON.parse(storage()?.getItem(RESULT_KEY) || "null");
    return cached && cached.log === JSON.stringify(log) ? cached.result : null;
  } catch {
    return null;
  }
}

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
