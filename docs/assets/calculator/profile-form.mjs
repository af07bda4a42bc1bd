// @ts-check
// The profile form: certifications, the cycle's dates, and the name and number the audit packet
// prints, as the log's profile.
import { fieldErrors } from "./dom.mjs";

/**
 * @param {HTMLFormElement} form
 * @param {{fields: {profile: string[]}, labels: Record<string, string>}} contract
 * @param {(profile: Record<string, any>) => void} changed called with the profile as typed
 */
export function setup(form, contract, changed) {
  const texts = contract.fields.profile.filter((name) => name !== "certifications");
  const boxes = () => /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("[name=certifications]"));
  /** @param {string} name */
  const input = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

  /** @param {Record<string, any>} profile */
  function fill(profile) {
    for (const box of boxes()) box.checked = profile.certifications.includes(box.value);
    for (const name of texts) input(name).value = profile[name] || "";
  }

  function typed() {
    /** @type {Record<string, any>} */
    const profile = { certifications: [...boxes()].filter((box) => box.checked).map((box) => box.value) };
    for (const name of texts) profile[name] = input(name).value;
    return profile;
  }

  /** @param {Record<string, any>} profile */
  function blank(profile) {
    return !profile.certifications.length && texts.every((name) => !profile[name]);
  }

  /** @param {{row: number, column: string, message: string}[]} problems */
  function errors(problems) {
    // A profile nobody has touched yet gets no red marks: a first visit starts calm.
    fieldErrors(form, blank(typed()) ? [] : problems.filter((p) => p.row === 0), contract.labels);
  }

  form.addEventListener("change", () => changed(typed()));
  return { fill, typed, blank, errors };
}
