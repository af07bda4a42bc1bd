// @ts-check
// Private share links: a log travels compressed in the link's fragment (after "#"), which
// browsers never send to a server. What counts travels (certifications, cycle dates, and each
// activity's date, organization, amount, unit, category, the answers that decide its conversion,
// whether it is a separate activity, the period of committee service, and whether its
// certificate is in hand and it is entered in ACSM's tool, which the checklist's to-dos follow);
// titles and the organizations' own names only when asked; the user's name, numbers and files
// never.
//
// CompressionStream (deflate-raw) and base64url are written here rather than taken from a
// library: the browser has the compression built in, and the rest is a few lines.

import { normalise } from "./store.mjs";

const PREFIX = "#share=";
const VERSION = 4;
// Long links break in mail and chat programs well before browsers' own limits; a log that needs
// more than this is better moved with "Back up everything".
export const MAX_LINK_CHARS = 60_000;
// Decompressed, a shared log is never larger than this: a link that inflates past it is refused
// (as a zip bomb would be) before it is read.
const MAX_JSON_BYTES = 2 * 1024 * 1024;
// Each activity's fields in the link, in order (a list, not an object: shorter links). Links of
// version 1 carried the first seven; they still open.
const FIELDS_V1 = ["date", "provider", "amount", "unit", "category", "in_scope", "decimal_system"];
const FIELDS_V2 = [...FIELDS_V1, "separate", "service_from", "service_to"];
// Version 4 adds whether the certificate is in hand and the activity entered in ACSM's tool:
// without them the recipient's checklist asked for certificates and entries the sender had.
const FIELDS = [...FIELDS_V2, "certificate", "reported"];
// Version 3 adds the organization's name after the title (with titles), or only whether there is
// one (without): a recipient's log then asks for no name the sender gave, without learning it.
const FIELDS_OF = { 1: FIELDS_V1, 2: FIELDS_V2, 3: FIELDS_V2, 4: FIELDS };
const NOT_SHARED = "(name not shared)";
const PROFILE = ["certifications", "cycle_end", "cycle_start", "cpr_expires", "renewed_on"];

/** @param {Uint8Array} bytes */
function toBase64url(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text */
function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("it holds characters a share link never has");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** @param {Uint8Array} bytes @param {CompressionStream | DecompressionStream} stream */
async function through(bytes, stream, limit = Number.POSITIVE_INFINITY) {
  const reader = new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (bytes)]).stream().pipeThrough(stream).getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error("it unpacks far larger than any log");
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

export function supported() {
  return typeof CompressionStream === "function" && typeof DecompressionStream === "function";
}

/**
 * The link for a log.
 * @param {import("./store.mjs").Log} log
 * @param {boolean} titles whether the activities' titles go too
 * @param {string} page the calculator's address (without a fragment)
 * @param {(number | null | undefined)[]} [copies] for each activity, the row it is a copy of
 *   (the sender's last result), if any
 */
export async function link(log, titles, page, copies = []) {
  const profile = Object.fromEntries(PROFILE.map((name) => [name, log.profile[name] ?? ""]));
  // Without their titles, activities that differ only by title would look like copies of one
  // another to the recipient: each one that is neither a copy nor copied goes as separate, so the
  // recipient counts what the sender counts. (Two different courses that were each entered twice
  // on the same day, for the same amount, would still merge: the recipient would count less.)
  const copied = new Set(copies.filter((row) => row));
  const separate = FIELDS.indexOf("separate");
  const activities = log.activities.map((a, i) => {
    const row = FIELDS.map((name) => a[name] ?? "");
    if (!titles && !copies[i] && !copied.has(i + 1)) row[separate] = "yes";
    return titles ? [...row, a.title ?? "", a.organization ?? ""] : [...row, a.organization ? "1" : ""];
  });
  const json = JSON.stringify({ v: VERSION, titles, profile, activities });
  const packed = await through(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return `${page}${PREFIX}${toBase64url(packed)}`;
}

/** Whether this address carries a shared log. @param {string} hash */
export function isShared(hash) {
  return hash.startsWith(PREFIX);
}

/**
 * The log a link carries, as the page keeps a log (activities without titles get none). Throws
 * an Error saying, in words, what is wrong with a damaged or tampered link.
 * @param {string} hash the address's fragment, "#share=..."
 * @param {import("./store.mjs").Fields} fields
 * @returns {Promise<{log: import("./store.mjs").Log, titles: boolean}>}
 */
export async function read(hash, fields) {
  const text = hash.slice(PREFIX.length);
  if (!text) throw new Error("it is empty");
  if (text.length > MAX_LINK_CHARS) throw new Error("it is longer than any share link this page makes");
  let data;
  try {
    const json = await through(fromBase64url(text), new DecompressionStream("deflate-raw"), MAX_JSON_BYTES);
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json));
  } catch (error) {
    const why = /** @type {any} */ (error)?.message || "";
    throw new Error(why.startsWith("it ") ? why : "it is cut short or changed: it cannot be unpacked");
  }
  /** @type {string[] | undefined} */
  const carried = data && FIELDS_OF[/** @type {keyof FIELDS_OF} */ (data.v)];
  if (!carried || !Array.isArray(data.activities) || typeof data.profile !== "object" || !data.profile) {
    throw new Error("it was not made by this page, or by a version it cannot read");
  }
  /** @type {Record<string, any>} */
  const profile = {};
  for (const name of fields.profile) {
    const value = data.profile[name];
    if (name === "certifications") profile[name] = Array.isArray(value) ? value.filter((c) => typeof c === "string") : [];
    else profile[name] = PROFILE.includes(name) && typeof value === "string" ? value : "";
  }
  const activities = data.activities.map((/** @type {unknown} */ row, /** @type {number} */ i) => {
    if (!Array.isArray(row) || row.length < carried.length || !row.every((cell) => typeof cell === "string")) {
      throw new Error(`its activity ${i + 1} is not one this page wrote`);
    }
    /** @type {Record<string, string>} */
    const activity = Object.fromEntries(fields.activity.map((name) => [name, ""]));
    carried.forEach((name, k) => {
      activity[name] = row[k];
    });
    const extra = row.slice(carried.length);
    activity.title = data.titles ? extra[0] || "" : "";
    if (data.v >= 3) activity.organization = data.titles ? extra[1] || "" : extra[0] ? NOT_SHARED : "";
    return activity;
  });
  const log = normalise({ profile, activities }, fields);
  if (!log) throw new Error("it holds a log this page cannot read");
  return { log, titles: Boolean(data.titles) };
}
