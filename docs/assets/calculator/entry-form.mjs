// @ts-check
// The entry form: one activity typed in, what it would count before it is added (from Python),
// and adding or saving it.
import { fieldErrors, longDates, today } from "./dom.mjs";
import { refusal } from "./files.mjs";
import * as python from "./python.mjs";
import { idOf } from "./store.mjs";

// The form's text and list fields; its checkboxes and the decimal-system question are read on
// their own (record).
const TEXT_FIELDS = ["date", "title", "provider", "organization", "amount", "unit", "category", "service_from", "service_to"];
// What other bodies need (calc.fields.OTHER_BODIES_COLUMNS), asked only when the profile holds
// another body's certification.
const BODY_FIELDS = ["approvals", "petitions", "format", "participation_hours", "topics"];
// Each checkbox's value when the record lacks it, and when it is not ticked ("no", or "" for the
// answers most activities never give).
const CHECKBOXES = { in_scope: "yes", certificate: "no", reported: "", separate: "" };
const UNTICKED = { in_scope: "no", certificate: "no", reported: "", separate: "" };
// Long enough that typing a number does not ask Python at every key; short enough to feel live.
const PREVIEW_DELAY_MS = 150;

/**
 * @typedef {object} Hooks what the form needs of the page
 * @property {() => string} request the current log as compute's request
 * @property {(record: Record<string, string>, editing: Record<string, string> | null, files: File[]) => void} commit
 *   the activity as checked, the activity it replaces (if any), and the certificate files chosen for it
 * @property {(activity: Record<string, string>) => string} keptFiles the files already kept with an activity, in words
 * @property {(activity: Record<string, string>) => number} indexOf the activity's place in the log, or -1
 */

/**
 * @param {HTMLFormElement} form
 * @param {{fields: {activity: string[]}, labels: Record<string, string>}} contract
 * @param {Record<string, {unit: string, named?: boolean, words: Record<string, string | Record<string, string>>}>} conversions
 * @param {Hooks} hooks
 */
export function setup(form, contract, conversions, hooks) {
  /** @param {string} selector */
  const $ = (selector) => /** @type {HTMLElement} */ (form.closest("section")?.querySelector(selector));
  /** @param {string} name */
  const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
  const provider = /** @type {HTMLSelectElement} */ (form.elements.namedItem("provider"));
  const unit = /** @type {HTMLSelectElement} */ (form.elements.namedItem("unit"));
  const category = /** @type {HTMLSelectElement} */ (form.elements.namedItem("category"));
  const question = $("[data-decimal-question]");
  const serviceFields = $("[data-service-fields]");
  const dateField = $("[data-date-field]");
  const unitField = $("[data-unit-field]");
  const amountLabel = $("[data-amount-label]");
  const amountHelp = $("[data-amount-help]");
  const separateField = $("[data-separate-field]");
  const separateHelp = $("[data-separate-help]");
  const defaultAmount = { label: amountLabel.textContent, help: amountHelp.textContent };
  const conversion = $("[data-conversion]");
  const preview = $("[data-preview]");
  const announcer = $("[data-announce]");
  const fileInput = field("certificate_files");
  const kept = $("[data-kept-files]");
  const bodyFields = $("[data-body-fields]");
  /** @type {Record<string, string> | null} the activity being edited, as it was when editing began */
  let editing = null;
  let previewTicket = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let previewTimer;

  // The category decides what the form asks (the rules say so, in the options' data): committee
  // service asks the period served, whose last day is the activity's date; a CPR course asks only
  // how long it was, in hours.
  function showCategory() {
    const option = category.selectedOptions[0];
    const served = Boolean(option && "servicePeriod" in option.dataset);
    const length = Boolean(option && "lengthInHours" in option.dataset);
    serviceFields.hidden = !served;
    dateField.hidden = served;
    unitField.hidden = length;
    if (length && option?.dataset.unit) unit.value = option.dataset.unit;
    amountLabel.textContent = option?.dataset.ask || defaultAmount.label;
    amountHelp.textContent = option?.dataset.askHelp || defaultAmount.help;
  }

  /** @param {boolean} copy whether the activity looks a copy of one in the log */
  function showSeparate(copy) {
    const ticked = field("separate").checked;
    separateField.hidden = !(copy || ticked);
    separateHelp.hidden = !copy;
  }

  function decimalAnswer() {
    const checked = /** @type {HTMLInputElement | null} */ (form.querySelector("[name=decimal_system]:checked"));
    return checked ? checked.value : "";
  }

  // The question "does this organization count 0.1 per hour?" is shown only where the answer
  // decides the conversion (an organization the rules do not list, for its own CECs or CEUs):
  // there the words come for each answer.
  function showConversion() {
    const entry = conversions[provider.value];
    // An organization the rules do not list is named by the user: an auditor asks who gave it.
    $("[data-organization-need]").textContent = entry?.named
      ? "(required: who gave it, such as Red Cross)"
      : "(optional, such as a chapter's name)";
    const words = entry ? entry.words[unit.value] : "";
    const asks = Boolean(words) && typeof words === "object";
    question.hidden = !asks;
    conversion.textContent = typeof words === "object" ? words[decimalAnswer()] || words[""] : words || "";
    showFullNames();
  }

  // A select shows its choice on one line; where a long name does not fit (an organization's,
  // or "Hours of participation (…)" on a phone), the whole name is written under it. Each
  // select's room and font are read when the browser has laid it out (a ResizeObserver's
  // moment), never by forcing a layout: a requestAnimationFrame callback forced one and made the
  // longest task after the form was bound (about 50 ms on a desktop, four times that on a phone).
  /** @type {Map<HTMLSelectElement, {room: number, font: string, line: HTMLElement}>} */
  const selects = new Map();
  /** @type {CanvasRenderingContext2D | null} */
  let canvas = null;
  const sizes = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const found = selects.get(/** @type {HTMLSelectElement} */ (entry.target));
      if (!found) continue;
      const style = getComputedStyle(entry.target);
      // The arrow takes about two characters' room beside the padding.
      found.room = entry.contentRect.width - 24;
      found.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    }
    // In a moment of its own: the first measure makes a canvas (some 15 ms), and this callback
    // runs inside the frame that draws the newly bound page.
    (window.requestIdleCallback || setTimeout)(showFullNames);
  });
  for (const select of form.querySelectorAll("select")) {
    const line = /** @type {HTMLElement | null} */ (select.parentElement?.querySelector("[data-full-name]"));
    if (!line) continue;
    selects.set(select, { room: 0, font: "", line });
    sizes.observe(select);
    select.addEventListener("change", showFullNames);
  }

  function showFullNames() {
    for (const [select, { room, font, line }] of selects) {
      const option = select.selectedOptions[0];
      const text = option ? option.textContent || "" : "";
      canvas ??= document.createElement("canvas").getContext("2d");
      let fits = true;
      if (canvas && room > 0) {
        canvas.font = font;
        fits = canvas.measureText(text).width <= room;
      }
      line.hidden = fits;
      line.textContent = fits ? "" : text;
    }
  }

  /** The activity as typed, in the log's own field order (as Python writes records). */
  function record() {
    /** @type {Record<string, string>} */
    const typed = Object.fromEntries(TEXT_FIELDS.map((name) => [name, String(field(name).value || "").trim()]));
    // Hidden, they are not asked: the activity keeps what it had (an imported file's numbers).
    if (!bodyFields.hidden) for (const name of BODY_FIELDS) typed[name] = String(field(name).value || "").trim();
    for (const name of Object.keys(CHECKBOXES)) {
      typed[name] = field(name).checked ? "yes" : UNTICKED[/** @type {keyof UNTICKED} */ (name)];
    }
    // Asked only where it decides; a hidden answer is not kept.
    typed.decimal_system = question.hidden ? "" : decimalAnswer();
    // Committee service is dated by its last day served, other activities have no period.
    if (!serviceFields.hidden) typed.date = typed.service_to;
    else typed.service_from = typed.service_to = "";
    // What the form does not show (another body's approval number, say, from an imported file)
    // stays as the activity being edited had it: saving an edit never drops it.
    const before = editing ?? {};
    return Object.fromEntries(contract.fields.activity.map((name) => [name, typed[name] ?? before[name] ?? ""]));
  }

  function reset() {
    editing = null;
    form.reset();
    unit.value = conversions[provider.value]?.unit || "";
    $("[data-entry-heading]").textContent = "Add an activity";
    $("[data-submit]").textContent = "Add activity";
    $("[data-cancel-edit]").hidden = true;
    kept.hidden = true;
    fieldErrors(form, [], contract.labels);
    showCategory();
    showSeparate(false);
    showConversion();
    showPreview("");
  }

  /** @param {Record<string, string>} activity */
  function edit(activity) {
    editing = activity;
    for (const name of [...TEXT_FIELDS, ...BODY_FIELDS]) field(name).value = activity[name] || "";
    if (!activity.unit) unit.value = conversions[activity.provider]?.unit || "";
    if (!activity.category) category.selectedIndex = [...category.options].findIndex((o) => o.defaultSelected);
    for (const [name, absent] of Object.entries(CHECKBOXES)) field(name).checked = (activity[name] || absent) === "yes";
    for (const radio of /** @type {NodeListOf<HTMLInputElement>} */ (form.querySelectorAll("[name=decimal_system]"))) {
      radio.checked = radio.value === (activity.decimal_system || "");
    }
    showCategory();
    showSeparate(false);
    $("[data-entry-heading]").textContent = `Edit: ${activity.title || "(untitled)"}`;
    $("[data-submit]").textContent = "Save changes";
    $("[data-cancel-edit]").hidden = false;
    kept.textContent = hooks.keptFiles(activity);
    kept.hidden = !kept.textContent;
    showConversion();
    schedulePreview();
    // The whole form in view, below the sticky header (scroll-margin in the CSS).
    form.closest("section")?.scrollIntoView({ block: "start" });
    field("date").focus({ preventScroll: true });
  }

  /** @param {Record<string, string>} activity the activity removed: no longer edited */
  function removed(activity) {
    if (editing && idOf(editing) === idOf(activity)) reset();
  }

  /** @param {string} text */
  function showPreview(text) {
    preview.textContent = longDates(text);
    preview.hidden = !text;
  }

  // What-if: what this activity would count, and what it would change, before it is added.
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(askPreview, PREVIEW_DELAY_MS);
  }

  async function askPreview() {
    const typed = record();
    const ticket = ++previewTicket;
    // A day (committee service: its last day served) and an amount (a CPR course's length may
    // wait) before there is anything to count.
    const dated = typed.date || typed.service_to;
    if (!dated || !(typed.amount || unitField.hidden) || python.current().state !== "ready") {
      showPreview("");
      return;
    }
    const at = editing === null ? -1 : hooks.indexOf(editing);
    const index = at < 0 ? "" : String(at);
    const answer = await python.call("preview", hooks.request(), JSON.stringify(typed), index, today());
    if (ticket !== previewTicket) return;
    showSeparate(Boolean(answer.ok && answer.preview.copy_of));
    if (answer.ok) showPreview(answer.preview.text);
    else if (answer.profile) showPreview("Choose your certification and cycle end date above to see what this would count.");
    else showPreview("");
  }

  /** @param {string} text said politely to assistive technology, and shown under the button */
  function announce(text) {
    announcer.textContent = text;
  }

  provider.addEventListener("change", () => {
    const entry = conversions[provider.value];
    if (entry) unit.value = entry.unit;
    showConversion();
  });
  unit.addEventListener("change", showConversion);
  category.addEventListener("change", () => {
    showCategory();
    showConversion();
  });
  for (const radio of form.querySelectorAll("[name=decimal_system]")) radio.addEventListener("change", showConversion);
  let keystrokes = 0;
  form.addEventListener("input", () => {
    keystrokes += 1;
    schedulePreview();
  });
  form.addEventListener("change", schedulePreview);
  $("[data-cancel-edit]").addEventListener("click", reset);
  $("[data-submit]").setAttribute("type", "submit");

  // Having the certificate's file means having the certificate (the box can still be unticked).
  fileInput.addEventListener("change", () => {
    if (fileInput.files?.length) field("certificate").checked = true;
  });

  /** The files chosen, or null (and the reason beside the field) when one cannot be kept. */
  function chosenFiles() {
    const chosen = [...(fileInput.files || [])];
    const refused = chosen.map(refusal).filter(Boolean);
    if (!refused.length) return chosen;
    fieldErrors(form, [{ column: "certificate_files", message: refused.join(" ") }], { certificate_files: "Certificate file" });
    fileInput.focus();
    return null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = chosenFiles();
    if (!chosen) return;
    let typed = record();
    const typedBefore = keystrokes;
    if (python.current().state === "ready") {
      const answer = await python.call("check_activity", JSON.stringify(typed), today());
      if (answer.problems) {
        fieldErrors(form, answer.problems, contract.labels);
        /** @type {HTMLElement | null} */ (form.querySelector("[aria-invalid]"))?.focus();
        return;
      }
      if (answer.ok) typed = answer.record;
    }
    // Before Python is ready the entry is kept as typed and checked with the whole log.
    const at = editing;
    // What was typed while Python checked this one is the next activity: kept, not cleared. Counted
    // by input events, not compared by value: the same course typed again is the next one too.
    if (keystrokes === typedBefore) reset();
    else {
      editing = null;
      fileInput.value = ""; // the files chosen go with this activity, not the next
    }
    hooks.commit(typed, at, chosen);
    if (at) return; // an edit: the page puts the keyboard back on its row once it is drawn
    // Back to the top of the form for the next one, where what this one counted is said.
    form.closest("section")?.scrollIntoView({ block: "start" });
    field("date").focus({ preventScroll: true });
  });

  showCategory();
  showConversion();
  /** Asks what other bodies need while the profile holds one of their certifications. @param {boolean} shown */
  function askBodies(shown) {
    bodyFields.hidden = !shown;
  }

  return { edit, reset, removed, announce, schedulePreview, askBodies, editing: () => editing };
}
