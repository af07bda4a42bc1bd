// @ts-check
// Small helpers every part of the calculator page shares. Everything the user typed, and every
// text Python sends back, is set with textContent: never parsed as HTML.

/**
 * @param {string} tag
 * @param {{cls?: string, text?: string, attrs?: Record<string, string>}} [options]
 * @param {...(Node | string | null | undefined)} children
 * @returns {HTMLElement}
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.cls) node.className = options.cls;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  node.append(.../** @type {(Node | string)[]} */ (children.filter((child) => child !== null && child !== undefined)));
  return node;
}

/**
 * A count in words: "1 activity", "3 activities", "1.5 CECs".
 * @param {number | string} count
 * @param {string} one
 * @param {string} many
 */
export function plural(count, one, many) {
  return `${count} ${Number(count) === 1 ? one : many}`;
}

/** @param {number | string} value */
export function cecs(value) {
  return plural(value, "CEC", "CECs");
}

/** The site's root, from the calculator page's own address (works under any base path). */
export function siteRoot() {
  return new URL("../", window.location.href);
}

/** The browser's local day, as the log writes dates (YYYY-MM-DD). */
export function today() {
  const now = new Date();
  /** @param {number} n */
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A task of its own, so that one long piece of work does not hold the main thread. */
export function nextTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A problem in words: Python's messages continue a field's name ("is required") or stand after
 * it ("choose at least one certification").
 * @param {string} label
 * @param {string} message
 */
export function problemText(label, message) {
  return /^(is|are|must|has|was)\b/.test(message) ? `${label} ${message}` : `${label}: ${message}`;
}

/**
 * Each problem beside its field (or in the form's general slot), in the field's own words; the
 * field is marked invalid for assistive technology.
 * @param {HTMLFormElement} form
 * @param {{column: string, message: string}[]} found
 * @param {Record<string, string>} labels field id -> label, from the page's contract
 */
export function fieldErrors(form, found, labels) {
  for (const slot of form.querySelectorAll("[data-error-for]")) slot.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const problem of found) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(problem.column)}"]`) || form.querySelector('[data-error-for=""]');
    if (!slot) continue;
    slot.textContent = slot.textContent
      ? `${slot.textContent} ${problem.message}`
      : problemText(labels[problem.column] || "This activity", problem.message);
    const field = form.elements.namedItem(problem.column);
    if (field instanceof Element) field.setAttribute("aria-invalid", "true");
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * A day as people write it: "2026-12-31" is "December 31, 2026" (log files keep ISO dates).
 * Text that is not an ISO date comes back as it is.
 * @param {string} iso
 */
export function longDate(iso) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!found) return iso;
  const month = MONTHS[Number(found[2]) - 1];
  return month ? `${month} ${Number(found[3])}, ${found[1]}` : iso;
}

/**
 * Every ISO day in a sentence from Python ("43 CECs to go by 2026-12-31") as people write it
 * ("by December 31, 2026"): Python's words keep ISO days, as the command line and files do.
 * @param {string} text
 */
export function longDates(text) {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, longDate);
}
