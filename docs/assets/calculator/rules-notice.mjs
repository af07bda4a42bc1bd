// @ts-check
// Rules change, and the site says so where it matters: the calculator remembers the rules it
// last computed with (their text, hash and last-verified date, in this browser). When a visit
// brings different rules, Python (calc.rulechanges) says what the change did to this log, and a
// notice says it until dismissed. Changes that concern someone else are not mentioned.
import { el } from "./dom.mjs";
import * as python from "./python.mjs";

const KEY = "cec-guide:rules-seen";

/** Text whose dates (YYYY-MM-DD) never break across lines. @param {string} text */
function withDates(text) {
  return text.split(/(\d{4}-\d{2}-\d{2})/).map((part, i) => (i % 2 ? el("span", { cls: "cec-date", text: part }) : part));
}

/** @param {string} text */
async function digest(text) {
  const bytes = new TextEncoder().encode(text);
  if (globalThis.crypto?.subtle) {
    const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return [...hash.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
  }
  // Outside secure contexts there is no crypto.subtle: a plain checksum tells versions apart too.
  let hash = 2166136261;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 16777619);
  return `fnv-${(hash >>> 0).toString(16)}-${bytes.length}`;
}

/** @returns {{hash: string, verified: string, text: string} | null} */
function seen() {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) || "null");
    return kept && typeof kept.hash === "string" && typeof kept.text === "string" ? kept : null;
  } catch {
    return null;
  }
}

/** @param {{hash: string, verified: string, text: string}} rules */
function remember(rules) {
  try {
    localStorage.setItem(KEY, JSON.stringify(rules));
  } catch {
    // No room or no storage: the next visit compares with the older rules again; nothing is lost.
  }
}

/**
 * Compares the rules of this visit with those last computed with; shows what changed for this
 * log in `notice` (and remembers these rules once there is nothing to say, or it is dismissed).
 * @param {HTMLElement} notice
 * @param {string} request the log as compute's request
 * @param {string} today
 * @param {string} changesPage the address of the page listing every change
 */
export async function check(notice, request, today, changesPage) {
  try {
    await compare(notice, request, today, changesPage);
  } finally {
    // Checked, whatever it found: a test (or a person's tool) waits for this, not for time.
    notice.dataset.checked = "true";
  }
}

/**
 * @param {HTMLElement} notice
 * @param {string} request
 * @param {string} today
 * @param {string} changesPage
 */
async function compare(notice, request, today, changesPage) {
  let text;
  try {
    const response = await fetch(new URL("../rules.json", import.meta.url));
    if (!response.ok) return;
    text = await response.text();
  } catch {
    return;
  }
  const current = { hash: await digest(text), verified: JSON.parse(text).last_verified || "", text };
  const before = seen();
  if (!before) return remember(current);
  if (before.hash === current.hash) return;
  const answer = await python.call("rules_change", before.text, request, today);
  if (!answer.ok || !answer.sentences?.length) return remember(current);
  const dismiss = el("button", { cls: "md-button", text: "Dismiss", attrs: { type: "button" } });
  dismiss.addEventListener("click", () => {
    remember(current);
    notice.hidden = true;
  });
  const when =
    before.verified && current.verified && before.verified !== current.verified
      ? ` (checked against ACSM's pages on ${current.verified}; your last results used those of ${before.verified})`
      : "";
  notice.replaceChildren(
    el("h2", { text: "The rules changed since your last visit" }),
    el("p", {}, ...withDates(`What the change does to your numbers${when}:`)),
    el("ul", {}, ...answer.sentences.map((/** @type {string} */ s) => el("li", {}, ...withDates(s)))),
    el("p", {}, el("a", { text: "Every change to the rules", attrs: { href: changesPage } }), " · ", dismiss),
  );
  notice.hidden = false;
}
