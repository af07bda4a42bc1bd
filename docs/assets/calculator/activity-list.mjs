// @ts-check
// The list of activities: newest first (or oldest), plans apart from what is done, each with what
// it counted, why, and buttons to edit or remove it.
import * as bodies from "./bodies.mjs";
import { cecs, el, longDate, longDates, plural, problemText } from "./dom.mjs";
import { sizeText } from "./files.mjs";
import { resolve, ruleLinks, ruleWords } from "./rules-links.mjs";
import { idOf } from "./store.mjs";

/**
 * @typedef {object} Names words for ids, from the page
 * @property {Record<string, string>} providers provider id -> name
 * @property {Record<string, [string, string]>} units unit id -> [one, many]
 * @property {Record<string, {unit: string, named?: boolean}>} conversions provider id -> its usual unit, and whether the user names it
 * @property {Record<string, string>} pages page id -> title
 * @property {Record<string, string>} labels field id -> label
 */

/**
 * "2025-03-01 · Strength basics · 1.5 CEUs from American Council on Exercise (ACE)"
 * @param {Record<string, string>} activity
 * @param {any} decided its result, when there is one
 * @param {Names} names
 */
function describe(activity, decided, names) {
  // Who gave it, as calc.fields.given_by says it: an organization the rules do not list by the
  // name the user gave it.
  const listed = names.providers[activity.provider] || activity.provider || "no organization";
  const own = activity.organization || "";
  const who = names.conversions[activity.provider]?.named ? own || listed : own ? `${listed}: ${own}` : listed;
  let amount = decided?.amount_text;
  if (!amount) {
    const unit = names.units[activity.unit || names.conversions[activity.provider]?.unit || ""];
    amount = activity.amount ? (unit ? plural(activity.amount, ...unit) : activity.amount) : "no amount";
  }
  return [activity.title || "(untitled)", `${amount} from ${who}`];
}

// The row's own activity is handed back, not its place: the log may have changed since the row
// was drawn (another tab, an import).
/**
 * @typedef {object} Actions
 * @property {(activity: Record<string, string>) => void} edit
 * @property {(activity: Record<string, string>) => void} remove
 * @property {(activity: Record<string, string>, files: File[]) => void} attach certificate files dropped on it
 * @property {(file: import("./files.mjs").FileInfo) => void} download
 * @property {(file: import("./files.mjs").FileInfo) => void} removeFile
 */

/**
 * @param {number} index the activity's place in the log
 * @param {Record<string, string>} activity
 * @param {any} decided
 * @param {{column: string, message: string}[]} problems
 * @param {Names} names
 * @param {Actions} actions
 * @param {any} citations
 * @param {import("./files.mjs").FileInfo[]} kept the certificate files kept with it
 * @param {HTMLElement | null} bodyCounts what it counts for the other bodies held
 */
function row(index, activity, decided, problems, names, actions, citations, kept, bodyCounts) {
  const item = el("li", { cls: "cec-activity", attrs: { "data-row": String(index + 1), id: `cec-row-${index + 1}` } });
  const [title, amount] = describe(activity, decided, names);
  const head = el("div", { cls: "cec-activity-head" });
  const what = el(
    "span",
    { cls: "cec-activity-what" },
    el("span", { cls: "cec-date", text: activity.date ? longDate(activity.date) : "no date" }),
    " · ",
    title,
    " · ",
    amount,
  );
  head.append(what);
  if (decided?.planned) head.append(el("span", { cls: "cec-badge cec-planned-badge", text: "planned" }));
  if (decided?.next_cycle) head.append(el("span", { cls: "cec-badge cec-planned-badge", text: "next cycle" }));
  // Entered twice, it counts once: the badge leads to the entry that counts.
  if (decided?.copy_of) {
    head.append(
      el("a", {
        cls: "cec-badge cec-copy-badge",
        text: "copy: counted once",
        attrs: { href: `#cec-row-${decided.copy_of}`, title: "Go to the entry that counts" },
      }),
    );
  }
  // A plan counts nothing yet: what it would give is said after that, never instead.
  const counts = decided?.next_cycle
    ? "counts in your next cycle"
    : decided?.planned
      ? `${cecs(decided.cecs)} now, ${decided.would_cecs} once done`
      : decided && cecs(decided.cecs);
  if (counts) head.append(el("strong", { cls: "cec-activity-cecs", text: counts }));
  else if (!problems.length) head.append(el("span", { cls: "cec-activity-cecs", text: "…" }));
  item.append(head);
  if (decided) {
    item.append(el("p", { cls: "cec-explanation", text: longDates(decided.explanation) }));
    for (const warning of decided.warnings) item.append(el("p", { cls: "cec-row-warning", text: longDates(warning) }));
    const extra = el("p", { cls: "cec-activity-meta" });
    const sources = resolve(decided.sources, citations);
    const links = ruleLinks(sources, names.pages);
    if (links) extra.append(links);
    if (decided.counted && activity.certificate !== "yes" && !kept.length) {
      extra.append(" ", el("span", { cls: "cec-badge", text: "no certificate yet" }));
    }
    if (decided.to_report) extra.append(" ", el("span", { cls: "cec-badge", text: "not yet in ACSM's tool" }));
    for (const note of decided.notes) extra.append(" ", el("span", { cls: "cec-note", text: note }));
    if (extra.childNodes.length) item.append(extra);
    const words = ruleWords(sources);
    if (words) item.append(words);
  }
  // What it counts for each other body held (bodies.mjs), under ACSM's reading.
  if (bodyCounts) item.append(bodyCounts);
  for (const problem of problems) {
    const text = problemText(names.labels[problem.column] || "This activity", problem.message);
    item.append(el("p", { cls: "cec-error", text }));
  }
  const label = `${activity.date || ""} ${activity.title || "(untitled)"}`.trim();
  if (kept.length) {
    const list = el("ul", { cls: "cec-files", attrs: { "aria-label": `Certificate files of ${label}` } });
    for (const file of kept) {
      const save = el("button", {
        cls: "md-button cec-small",
        text: "Download",
        attrs: { type: "button", "aria-label": `Download ${file.name}` },
      });
      save.addEventListener("click", () => actions.download(file));
      const drop = el("button", {
        cls: "md-button cec-small",
        text: "Remove file",
        attrs: { type: "button", "aria-label": `Remove the file ${file.name}` },
      });
      drop.addEventListener("click", () => actions.removeFile(file));
      list.append(
        el(
          "li",
          {},
          el("span", { cls: "cec-file-name", text: `Certificate: ${file.name} (${sizeText(file.size)})` }),
          " ",
          save,
          " ",
          drop,
        ),
      );
    }
    item.append(list);
  }
  // A certificate's file dropped on the activity is kept with it.
  item.addEventListener("dragover", (event) => {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    item.classList.add("cec-dropping");
  });
  item.addEventListener("dragleave", () => item.classList.remove("cec-dropping"));
  item.addEventListener("drop", (event) => {
    event.preventDefault();
    item.classList.remove("cec-dropping");
    const dropped = [...(event.dataTransfer?.files || [])];
    if (dropped.length) actions.attach(activity, dropped);
  });
  const buttons = el("p", { cls: "cec-row-buttons" });
  const edit = el("button", { cls: "md-button cec-small", text: "Edit", attrs: { type: "button", "aria-label": `Edit ${label}` } });
  edit.addEventListener("click", () => actions.edit(activity));
  const remove = el("button", { cls: "md-button cec-small", text: "Remove", attrs: { type: "button", "aria-label": `Remove ${label}` } });
  remove.addEventListener("click", () => actions.remove(activity));
  buttons.append(edit, remove);
  item.append(buttons);
  return item;
}

/**
 * @param {HTMLElement} section the activities section
 * @param {Names} names
 * @param {Actions} actions
 */
export function setup(section, names, actions) {
  const done = /** @type {HTMLElement} */ (section.querySelector("[data-activities]"));
  const plans = /** @type {HTMLElement} */ (section.querySelector("[data-plans]"));
  const plansHeading = /** @type {HTMLElement} */ (section.querySelector("[data-plans-heading]"));
  const empty = /** @type {HTMLElement} */ (section.querySelector("[data-empty]"));
  const order = /** @type {HTMLSelectElement} */ (section.querySelector("[data-order]"));
  const count = /** @type {HTMLElement} */ (section.querySelector("[data-count]"));
  // Rows are rebuilt only when what they show changed: a log of a thousand activities redraws
  // one row, not a thousand, when one changes.
  /** @type {Map<string, HTMLElement>} */
  let drawn = new Map();
  /** @type {(() => void) | null} */
  let redraw = null;
  /** @type {Map<string, import("./files.mjs").FileInfo[]>} activity id -> its certificate files */
  let files = new Map();
  /** @type {{counts: any[] | null, units: Record<string, string>}} each activity's counts for the other bodies held */
  let others = { counts: null, units: {} };
  order.addEventListener("change", () => redraw?.());

  /**
   * Where a removed activity was, until its undo runs out: the user is looking there.
   * @param {{activity: Record<string, string>, undo: () => void}} removed
   */
  function removedRow(removed) {
    const title = removed.activity.title || "(untitled)";
    const undo = el("button", {
      cls: "md-button cec-small",
      text: "Undo",
      attrs: { type: "button", "aria-label": `Undo removing ${title}` },
    });
    undo.addEventListener("click", removed.undo);
    return el("li", { cls: "cec-removed", attrs: { "data-removed": "" } }, el("span", { text: `Removed: ${title}.` }), " ", undo);
  }

  /**
   * @param {{activities: Record<string, string>[]}} log
   * @param {any} result
   * @param {{row: number, column: string, message: string}[]} problems
   * @param {{activity: Record<string, string>, undo: () => void} | null} [removed]
   */
  function render(log, result, problems, removed = null) {
    redraw = () => render(log, result, problems, removed);
    /** @type {Map<number, {row: number, column: string, message: string}[]>} */
    const byRow = new Map();
    for (const problem of problems) {
      if (problem.row) byRow.set(problem.row, [...(byRow.get(problem.row) || []), problem]);
    }
    const newest = order.value !== "oldest";
    // Dates are YYYY-MM-DD, so text order is date order; the log's own order breaks ties.
    const indexes = log.activities.map((_, i) => i);
    indexes.sort((a, b) => {
      const da = log.activities[a].date || "";
      const db = log.activities[b].date || "";
      return (da < db ? -1 : da > db ? 1 : a - b) * (newest ? -1 : 1);
    });
    const now = new Map();
    /** @type {HTMLElement[]} */
    const doneRows = [];
    /** @type {HTMLElement[]} */
    const planRows = [];
    for (const index of indexes) {
      const activity = log.activities[index];
      const decided = result?.activities[index];
      const rowProblems = byRow.get(index + 1) || [];
      const sources = decided ? resolve(decided.sources, result.citations) : [];
      const kept = files.get(idOf(activity)) || [];
      const counts = others.counts?.[index];
      const signature = JSON.stringify([index, idOf(activity), activity, decided, sources, rowProblems, kept, counts]);
      const item =
        drawn.get(signature) ||
        row(index, activity, decided, rowProblems, names, actions, result?.citations, kept, bodies.countsList(counts, others.units));
      now.set(signature, item);
      (decided?.planned ? planRows : doneRows).push(item);
    }
    drawn = now;
    if (removed) {
      // In date order among the others, where it was listed.
      const date = removed.activity.date || "";
      const after = doneRows.findIndex((item) => {
        const other = log.activities[Number(item.dataset.row) - 1].date || "";
        return newest ? other < date : other > date;
      });
      doneRows.splice(after < 0 ? doneRows.length : after, 0, removedRow(removed));
    }
    done.replaceChildren(...doneRows);
    plans.replaceChildren(...planRows);
    plans.hidden = plansHeading.hidden = !planRows.length;
    empty.hidden = log.activities.length > 0 || Boolean(removed);
    count.textContent = log.activities.length ? `(${log.activities.length})` : "";
  }

  /**
   * Moves the keyboard to an activity's row (its Edit button): the one just saved or restored,
   * where the person is working, not back to the top of the page.
   * @param {number} index the activity's place in the log
   */
  function focusRow(index) {
    const item = /** @type {HTMLElement | null} */ (section.querySelector(`li.cec-activity[data-row="${index + 1}"]`));
    const button = /** @type {HTMLElement | null} */ (item?.querySelector(".cec-row-buttons button"));
    if (!button) return;
    item?.scrollIntoView({ block: "nearest" });
    button.focus({ preventScroll: true });
  }

  /** Moves the keyboard to the undo of a removal (the removed row's buttons are gone). */
  function focusUndo() {
    /** @type {HTMLElement | null} */ (done.querySelector("[data-removed] button"))?.focus();
  }

  /** @param {Map<string, import("./files.mjs").FileInfo[]>} found */
  function setFiles(found) {
    const none = !found.size && !files.size; // nothing kept before or now: nothing to redraw
    files = found;
    if (!none) redraw?.();
  }

  /**
   * @param {any[] | null} counts each activity's counts for the other bodies (null: none shown)
   * @param {Record<string, string>} units
   */
  function setBodies(counts, units) {
    if (!counts && !others.counts) return;
    others = { counts, units };
    redraw?.();
  }

  return { render, focusUndo, focusRow, setFiles, setBodies };
}
