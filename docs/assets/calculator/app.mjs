// The calculator page: the professional's log, its forms and its results. The numbers all come
// from Python (calc.bridge, in the worker); this file keeps the log, saves it after every change
// and shows what Python answers.
import * as python from "./python.mjs";
import * as render from "./render.mjs";
import * as store from "./store.mjs";

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
// The entry form's text and list fields; its checkboxes and the decimal-system question are read
// on their own (entryRecord).
const ENTRY_FIELDS = ["date", "title", "provider", "amount", "unit", "category"];
const CHECKBOXES = { in_scope: "yes", certificate: "no", reported: "" }; // value when absent

// Kept for the whole visit: Material's instant navigation replaces the page, not this module.
let log = null;
let unreadable = null; // saved text that could not be read: set aside before the next save
let keptAside = null; // that text, once set aside, still offered for download
let storageUnavailable = false;
let fields = null; // the log's shape, from calc.fields by way of the page (data-fields)

function loadOnce() {
  if (log) return;
  const found = store.load(fields);
  log = found.log;
  unreadable = found.problem ? found.problem.raw : null;
  storageUnavailable = Boolean(found.unavailable);
}

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// Each activity goes to Python as its own JSON text: one Python has seen before is recognised
// by its text, without being checked again. Activities are replaced, never changed in place, so
// the text is kept with the object.
const texts = new WeakMap();

function recordText(activity) {
  let text = texts.get(activity);
  if (text === undefined) {
    text = JSON.stringify(activity);
    texts.set(activity, text);
  }
  return text;
}

function request() {
  return { profile: log.profile, records: log.activities.map(recordText) };
}

// The compute request in the form Python reads fastest (see calc.bridge._request): the profile's
// JSON, then each activity's JSON text, separated by U+001E, which JSON text never contains.
function computeRequest() {
  return [JSON.stringify({ profile: log.profile }), ...log.activities.map(recordText)].join("\u001e");
}

export function bind(root) {
  if (root.dataset.bound === "true") return;
  root.dataset.bound = "true";
  performance.mark("cec-bound");
  fields = JSON.parse(root.dataset.fields);
  loadOnce();
  python.start();

  const $ = (selector) => root.querySelector(selector);
  const profileForm = $("[data-profile]");
  const entryForm = $("[data-activity]");
  const results = $("[data-results]");
  const status = $("[data-status]");
  const list = $("[data-activities]");
  const conversion = $("[data-conversion]");
  const importProblems = $("[data-import-problems]");
  const conversions = JSON.parse(root.dataset.conversions || "{}");
  const providers = Object.fromEntries(
    [...entryForm.elements.provider.options].map((option) => [option.value, option.textContent]),
  );
  const certificationNames = Object.fromEntries(
    [...profileForm.querySelectorAll("[name=certifications]")].map((box) => [box.value, box.parentElement.textContent.trim()]),
  );
  let editing = null; // index of the activity being edited, or null
  let result = null; // the last result, when it belongs to the current log
  let problems = [];
  let sequence = 0;
  let computing = Promise.resolve();

  // --- saving -------------------------------------------------------------------------------
  function notice(message, withDownload) {
    const box = $("[data-storage-problem]");
    box.hidden = false;
    $("[data-storage-message]").textContent = message;
    $("[data-download-saved]").hidden = !withDownload;
  }

  function persist() {
    if (unreadable !== null && store.setAside(unreadable)) {
      keptAside = unreadable;
      unreadable = null;
      notice(
        "Your earlier saved data could not be read. It is kept, as it was, beside your new log: download it to look at it.",
        true,
      );
      root.dataset.setAside = "true";
    }
    if (!store.save(log)) {
      notice("Your browser did not let this page save your log (private browsing, or storage full): export it to keep a copy.", false);
    }
  }

  if (unreadable !== null) {
    notice(
      "Your saved log could not be read, so the calculator starts empty. Nothing has been overwritten: download the saved data to keep it.",
      true,
    );
  } else if (storageUnavailable) {
    notice("This browser does not let the page save your log: export it to keep a copy.", false);
  }
  $("[data-download-saved]").addEventListener("click", () => {
    store.download("cec-guide-saved-data.txt", unreadable ?? keptAside ?? JSON.stringify(log), "text/plain");
  });

  // --- profile ------------------------------------------------------------------------------
  const profileDates = () => fields.profile.filter((name) => name !== "certifications");

  function fillProfile() {
    for (const box of profileForm.querySelectorAll("[name=certifications]")) {
      box.checked = log.profile.certifications.includes(box.value);
    }
    for (const name of profileDates()) profileForm.elements[name].value = log.profile[name] || "";
  }

  function typedProfile() {
    const typed = {
      certifications: [...profileForm.querySelectorAll("[name=certifications]:checked")].map((box) => box.value),
    };
    for (const name of profileDates()) typed[name] = profileForm.elements[name].value;
    return typed;
  }

  function blank(profile) {
    return !profile.certifications.length && profileDates().every((name) => !profile[name]);
  }

  profileForm.addEventListener("change", () => {
    log.profile = typedProfile();
    changed();
  });

  // --- the entry form -----------------------------------------------------------------------
  // The question "does this organization count 0.1 per hour?" is shown only where the answer
  // decides the conversion (an organization the rules do not list, for its own CECs or CEUs):
  // there the words come for each answer.
  function showConversion() {
    const entry = conversions[entryForm.elements.provider.value];
    const words = entry ? entry.words[entryForm.elements.unit.value] : "";
    const asks = Boolean(words) && typeof words === "object";
    $("[data-decimal-question]").hidden = !asks;
    conversion.textContent = asks ? words[entryForm.elements.decimal_system.value] || words[""] : words || "";
  }

  entryForm.elements.provider.addEventListener("change", () => {
    const entry = conversions[entryForm.elements.provider.value];
    if (entry) entryForm.elements.unit.value = entry.unit;
    showConversion();
  });
  entryForm.elements.unit.addEventListener("change", showConversion);
  for (const radio of entryForm.querySelectorAll("[name=decimal_system]")) radio.addEventListener("change", showConversion);

  function fieldErrors(form, found) {
    for (const slot of form.querySelectorAll("[data-error-for]")) slot.textContent = "";
    for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    for (const problem of found) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(problem.column)}"]`) || form.querySelector('[data-error-for=""]');
      if (!slot) continue;
      slot.textContent = slot.textContent ? `${slot.textContent} ${problem.message}` : `${label(problem.column)} ${problem.message}`;
      form.elements[problem.column]?.setAttribute?.("aria-invalid", "true");
    }
  }

  function label(column) {
    const names = {
      date: "Date completed",
      cycle_end: "Cycle end date",
      cycle_start: "Cycle start date",
      cpr_expires: "CPR/AED card expiry",
      renewed_on: "Date renewed",
      decimal_system: "The decimal-system answer",
      reported: "Entered in ACSM's tool:",
      certifications: "Certifications:",
    };
    return names[column] || (column ? column.charAt(0).toUpperCase() + column.slice(1).replace("_", " ") : "");
  }

  // In the log's own field order, as Python writes records: a log typed before Python was
  // ready reads back from storage exactly as it was saved.
  function entryRecord() {
    const f = entryForm.elements;
    const typed = Object.fromEntries(ENTRY_FIELDS.map((name) => [name, String(f[name].value || "").trim()]));
    for (const name of Object.keys(CHECKBOXES)) typed[name] = f[name].checked ? "yes" : name === "reported" ? "" : "no";
    // Asked only where it decides; a hidden answer is not kept.
    typed.decimal_system = $("[data-decimal-question]").hidden ? "" : f.decimal_system.value;
    return Object.fromEntries(fields.activity.map((name) => [name, typed[name] ?? ""]));
  }

  function resetEntry() {
    editing = null;
    entryForm.reset();
    entryForm.elements.unit.value = conversions[entryForm.elements.provider.value]?.unit || "";
    $("[data-entry-heading]").textContent = "Add an activity";
    $("[data-submit]").textContent = "Add activity";
    $("[data-cancel-edit]").hidden = true;
    fieldErrors(entryForm, []);
    showConversion();
  }

  function editActivity(index) {
    const activity = log.activities[index];
    editing = index;
    const f = entryForm.elements;
    for (const name of ENTRY_FIELDS) f[name].value = activity[name] || "";
    if (!activity.unit) f.unit.value = conversions[activity.provider]?.unit || "";
    if (!activity.category) f.category.selectedIndex = [...f.category.options].findIndex((o) => o.defaultSelected);
    for (const [name, absent] of Object.entries(CHECKBOXES)) f[name].checked = (activity[name] || absent) === "yes";
    f.decimal_system.value = activity.decimal_system || "";
    $("[data-entry-heading]").textContent = `Edit activity ${index + 1}`;
    $("[data-submit]").textContent = "Save changes";
    $("[data-cancel-edit]").hidden = false;
    showConversion();
    entryForm.scrollIntoView({ block: "start" });
    f.date.focus();
  }

  function removeActivity(index) {
    log.activities.splice(index, 1);
    if (editing === index) resetEntry();
    else if (editing !== null && editing > index) editing -= 1;
    changed();
  }

  $("[data-cancel-edit]").addEventListener("click", resetEntry);
  $("[data-submit]").type = "submit";

  entryForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    let record = entryRecord();
    if (python.current().state === "ready") {
      const answer = await python.call("check_activity", JSON.stringify(record), today());
      if (answer.problems) {
        fieldErrors(entryForm, answer.problems);
        entryForm.querySelector("[aria-invalid]")?.focus();
        return;
      }
      if (answer.ok) record = answer.record;
    }
    // Before Python is ready the entry is kept as typed and checked with the whole log.
    if (editing === null) log.activities.push(record);
    else log.activities[editing] = record;
    resetEntry();
    changed();
    entryForm.elements.date.focus();
  });

  // --- results ------------------------------------------------------------------------------
  const actions = { edit: editActivity, remove: removeActivity };

  function drawActivities() {
    $("[data-empty]").hidden = log.activities.length > 0;
    render.activities(list, log, result, problems, providers, actions);
  }

  function setState(state, message) {
    if (state === "ready" && !performance.getEntriesByName("cec-first-result").length) {
      performance.mark("cec-first-result");
    }
    results.dataset.state = state;
    if (message !== undefined) status.textContent = message;
  }

  // A result is shown in two tasks, totals first and then the activities, so that neither keeps
  // the main thread busy for long with a large log. The region turns "ready" with the second.
  function nextTask() {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  async function showResult(found, fromLastVisit, ticket) {
    result = found;
    problems = [];
    render.summary(results, found);
    await nextTask();
    if (ticket !== undefined && ticket !== sequence) return;
    drawActivities();
    const cached = $("[data-cached]");
    cached.hidden = !fromLastVisit;
    cached.textContent = fromLastVisit ? "These are the results of your last visit; they update in a moment." : "";
    const text = found.verdict.headline;
    if (!fromLastVisit) setState("ready", text);
    else status.textContent = text;
  }

  function showProblems(found) {
    result = null;
    problems = found;
    render.clearSummary(results);
    // A profile nobody has touched yet gets no red marks, only the status line below: a first
    // visit starts calm (and the form does not shift when Python's first answer arrives).
    const pristine = [...profileForm.elements].every((e) => (e.type === "checkbox" ? !e.checked : !e.value));
    fieldErrors(profileForm, pristine ? [] : found.filter((p) => p.row === 0));
    drawActivities();
    $("[data-cached]").hidden = true;
    const profileMissing = found.some((p) => p.row === 0);
    setState(
      "error",
      profileMissing
        ? "Choose your certification and enter your cycle end date to see where you stand."
        : "Some activities need fixing (see the messages beside them) before the CECs can be counted.",
    );
  }

  async function recompute() {
    const ticket = ++sequence;
    const python_ = python.current();
    if (python_.state === "error") {
      drawActivities();
      setState("error", `The calculator could not start: ${python_.message}. Your log is safe and can be exported as JSON.`);
      return;
    }
    if (python_.state === "loading") {
      setState("loading");
      drawActivities();
      return;
    }
    setState("loading");
    const answer = await python.call("compute", computeRequest(), today());
    if (ticket !== sequence || !root.isConnected) return;
    if (answer.ok) {
      fieldErrors(profileForm, []);
      await showResult(answer.result, false, ticket);
      // Kept for the next visit, once the page is idle (it is only a head start).
      const saved = log;
      (window.requestIdleCallback || setTimeout)(() => store.saveResult(saved, answer.result));
    } else if (answer.problems) {
      showProblems(answer.problems);
    } else {
      result = null;
      render.clearSummary(results);
      drawActivities();
      setState("error", `The CECs cannot be counted: ${answer.error}.`);
    }
  }

  function update() {
    computing = recompute();
    return computing;
  }

  function changed() {
    persist();
    result = null;
    update();
  }

  // --- the log: import, export, print, calendar, clear ----------------------------------------
  function stamp() {
    return today();
  }

  function message(box, lines) {
    box.replaceChildren(...lines.map((line) => render.el("p", { text: line })));
  }

  $("[data-import]").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      message(importProblems, [`${file.name} is ${Math.round(file.size / 1048576)} MB: a CEC log is far smaller. Nothing was imported.`]);
      return;
    }
    message(importProblems, [`Reading ${file.name}…`]);
    const answer = await python.call("import_log", await file.text(), today());
    if (!answer.ok) {
      const lines = answer.problems
        ? answer.problems.map((p) => `${file.name}, ${p.row ? `row ${p.row}` : "profile"}${p.column ? `, ${p.column}` : ""}: ${p.message}`)
        : [`${file.name}: ${answer.error}`];
      message(importProblems, [...lines, "Nothing was imported; your log is unchanged."]);
      return;
    }
    const count = answer.activities.length;
    if (log.activities.length && !window.confirm(`Replace your ${log.activities.length} activities with the ${count} in ${file.name}?`)) {
      message(importProblems, [`Import of ${file.name} cancelled; your log is unchanged.`]);
      return;
    }
    log.activities = answer.activities;
    if (answer.profile) log.profile = answer.profile;
    fillProfile();
    message(importProblems, [`Imported ${count} activities from ${file.name}.`]);
    changed();
  });

  for (const button of root.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const kind = button.dataset.export;
      const answer = await python.call("export_log", JSON.stringify(request()), kind, today());
      if (answer.ok) {
        const type = kind === "csv" ? "text/csv" : "application/json";
        store.download(`cec-log-${stamp()}.${kind}`, answer.text, type);
      } else if (kind === "json" && python.current().state === "error") {
        store.download(`cec-log-${stamp()}.json`, JSON.stringify({ format: "cec-guide-log", version: 1, ...log }, null, 2), "application/json");
      } else {
        message(importProblems, [answer.problems ? "Fix the activities marked in red before exporting." : `Export failed: ${answer.error}`]);
      }
    });
  }

  $("[data-print]").addEventListener("click", async () => {
    await computing;
    if (!result) {
      message(importProblems, ["The audit packet needs a complete result first: fix what the results section asks."]);
      return;
    }
    render.packet($("[data-packet]"), result, log, {
      providers,
      certificationNames: log.profile.certifications.map((id) => certificationNames[id] || id),
      generated: new Date().toLocaleString(),
    });
    window.print();
  });

  $("[data-calendar]").addEventListener("click", async () => {
    const answer = await python.call("calendar", JSON.stringify(request()), today());
    if (answer.ok) store.download(`cec-renewal-${stamp()}.ics`, answer.text, "text/calendar");
    else message(importProblems, ["The calendar needs a complete result first: fix what the results section asks."]);
  });

  $("[data-clear]").addEventListener("click", () => {
    const count = log.activities.length;
    if (!window.confirm(`Clear your profile and all ${count} activities from this browser? Export first to keep a copy.`)) return;
    log = store.emptyLog(fields);
    fillProfile();
    resetEntry();
    message(importProblems, ["Cleared."]);
    changed();
  });

  // --- start --------------------------------------------------------------------------------
  if (!python.wasmSupported()) $("[data-no-wasm]").hidden = false;
  // The form works before this script runs: what was typed meanwhile is kept, not overwritten.
  const typed = typedProfile();
  if (blank(typed)) fillProfile();
  else if (JSON.stringify(typed) !== JSON.stringify(log.profile)) {
    log.profile = typed;
    persist();
  }
  showConversion();
  const cached = store.loadResult(log);
  if (cached) showResult(cached, true);
  else setTimeout(drawActivities, 0); // its own task: binding stays short
  const stop = python.onStatus(() => (root.isConnected ? update() : stop()));
  update();
}
