// @ts-check
// The profile form: certifications, the cycle's dates, and the name and number the audit packet
// prints, as the log's profile.
import { fieldErrors, longDate } from "./dom.mjs";

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
  // A complete profile, as a returning visitor left it, folds into one line: the answer, not
  // last week's form, comes first on a phone. "Edit" opens the form again.
  const section = /** @type {HTMLElement} */ (form.closest("section"));
  const line = /** @type {HTMLElement} */ (section.querySelector("[data-profile-line]"));
  const edit = /** @type {HTMLButtonElement} */ (section.querySelector("[data-profile-edit]"));

  /** @param {Record<string, any>} profile */
  function fill(profile) {
    for (const box of boxes()) box.checked = profile.certifications.includes(box.value);
    for (const name of texts) input(name).value = profile[name] || "";
    // Folded, the line says the profile now held (an import may have brought another).
    if (!line.hidden) {
      line.hidden = true;
      form.hidden = false;
      fold(profile);
    }
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

  /** @param {Record<string, any>} profile */
  function summary(profile) {
    const names = [...boxes()]
      .filter((box) => profile.certifications.includes(box.value))
      .map((box) => /\(([^()]+)\)\s*$/.exec(box.parentElement?.textContent || "")?.[1] || box.value);
    const parts = [names.join(" and "), `cycle ends ${longDate(profile.cycle_end)}`];
    parts.push(profile.cpr_expires ? `CPR card until ${longDate(profile.cpr_expires)}` : "CPR card date not entered");
    if (profile.renewed_on) parts.push(`renewed ${longDate(profile.renewed_on)}`);
    return parts.join(" · ");
  }

  /** @param {Record<string, any>} profile folded when complete (certifications and cycle end) */
  function fold(profile) {
    const complete = profile.certifications.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(profile.cycle_end || "");
    if (!complete) return;
    /** @type {HTMLElement} */ (line.querySelector("[data-profile-summary]")).textContent = summary(profile);
    line.hidden = false;
    form.hidden = true;
    edit.setAttribute("aria-expanded", "false");
  }

  edit.addEventListener("click", () => {
    line.hidden = true;
    form.hidden = false;
    edit.setAttribute("aria-expanded", "true");
    /** @type {HTMLElement | null} */ (form.querySelector("input"))?.focus();
  });

  form.addEventListener("change", () => changed(typed()));
  return { fill, typed, blank, errors, fold };
}
