// @ts-check
// The log as a whole: import (with a mapping step for a spreadsheet's own column names), export,
// the audit packet, the calendar file, and clearing.
import { el, plural, today } from "./dom.mjs";
import { packet } from "./packet.mjs";
import * as python from "./python.mjs";
import * as store from "./store.mjs";

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * @typedef {object} Hooks what the tools need of the page
 * @property {() => import("./store.mjs").Log} log
 * @property {(log: import("./store.mjs").Log, message: string) => void} replace
 * @property {() => string} request the log as the bridge's request (JSON)
 * @property {() => Promise<any>} result the result of the current log, once computed (or null)
 * @property {() => import("./store.mjs").Log} empty
 * @property {() => string[]} certificationNames
 * @property {Record<string, string>} providers
 */

/**
 * @param {HTMLElement} section the "Your log" section
 * @param {HTMLElement} packetSection
 * @param {{format: string, version: number}} contract
 * @param {Hooks} hooks
 */
export function setup(section, packetSection, contract, hooks) {
  /** @param {string} selector */
  const $ = (selector) => /** @type {HTMLElement} */ (section.querySelector(selector));
  const messages = $("[data-import-problems]");
  const mapping = /** @type {HTMLFormElement} */ ($("[data-mapping]"));

  /** @param {string[]} lines */
  function say(lines) {
    messages.replaceChildren(...lines.map((line) => el("p", { text: line })));
  }

  /**
   * @param {File} file
   * @param {string} text
   * @param {any} answer import_log's answer
   */
  function imported(file, text, answer) {
    if (answer.mapping) {
      askMapping(file, text, answer.mapping);
      return;
    }
    mapping.hidden = true;
    if (!answer.ok) {
      const lines = answer.problems
        ? answer.problems.map(
            (/** @type {any} */ p) => `${file.name}, ${p.row ? `row ${p.row}` : "profile"}${p.column ? `, ${p.column}` : ""}: ${p.message}`,
          )
        : [`${file.name}: ${answer.error}`];
      say([...lines, "Nothing was imported; your log is unchanged."]);
      return;
    }
    const count = answer.activities.length;
    const had = hooks.log().activities.length;
    if (had && !window.confirm(`Replace your ${plural(had, "activity", "activities")} with the ${count} in ${file.name}?`)) {
      say([`Import of ${file.name} cancelled; your log is unchanged.`]);
      return;
    }
    // A file's profile replaces this one, except for what log files never hold (the name and
    // number the audit packet prints): those stay as they are.
    const current = hooks.log().profile;
    const log = { profile: answer.profile ? { ...current, ...answer.profile } : current, activities: answer.activities };
    hooks.replace(log, `Imported ${plural(count, "activity", "activities")} from ${file.name}.`);
    say([`Imported ${plural(count, "activity", "activities")} from ${file.name}.`, ...(answer.notes || [])]);
  }

  // Columns the import could not place: each gets a choice of field (or "ignore"), never a wall
  // of errors.
  /**
   * @param {File} file
   * @param {string} text
   * @param {{columns: {header: string, samples: string[], guess: string}[], fields: {id: string, label: string, required: boolean}[], message: string}} asked
   */
  function askMapping(file, text, asked) {
    const rows = asked.columns.map((column, i) => {
      const id = `cec-map-${i}`;
      const select = /** @type {HTMLSelectElement} */ (el("select", { attrs: { id, name: column.header } }));
      select.append(el("option", { text: "Ignore this column", attrs: { value: "" } }));
      for (const f of asked.fields) {
        const option = /** @type {HTMLOptionElement} */ (
          el("option", { text: f.required ? `${f.label} (required)` : f.label, attrs: { value: f.id } })
        );
        option.selected = f.id === column.guess;
        select.append(option);
      }
      const samples = column.samples.filter(Boolean).slice(0, 2).join("; ");
      return el(
        "p",
        { cls: "cec-field" },
        el("label", { text: `Column “${column.header || `${i + 1}`}”`, attrs: { for: id } }),
        select,
        samples ? el("span", { cls: "cec-help", text: `For example: ${samples}` }) : null,
      );
    });
    const submit = el("button", { cls: "md-button md-button--primary", text: "Import with these columns", attrs: { type: "submit" } });
    const cancel = el("button", { cls: "md-button", text: "Cancel", attrs: { type: "button" } });
    cancel.addEventListener("click", () => {
      mapping.hidden = true;
      say([`Import of ${file.name} cancelled; your log is unchanged.`]);
    });
    mapping.replaceChildren(
      el("h3", { text: `Which column is which in ${file.name}?` }),
      el("p", { text: asked.message }),
      ...rows,
      el("p", { cls: "cec-buttons" }, submit, cancel),
    );
    mapping.hidden = false;
    say([`${file.name}: choose what each column holds below. Nothing is imported until you do; your log is unchanged.`]);
    mapping.onsubmit = async (event) => {
      event.preventDefault();
      /** @type {Record<string, string>} */
      const chosen = {};
      for (const select of mapping.querySelectorAll("select")) chosen[select.name] = select.value;
      imported(file, text, await python.call("import_log", text, today(), JSON.stringify(chosen)));
    };
    /** @type {HTMLElement | null} */ (mapping.querySelector("select"))?.focus();
  }

  $("[data-import]").addEventListener("change", async (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      say([`${file.name} is ${Math.round(file.size / 1048576)} MB: a CEC log is far smaller. Nothing was imported.`]);
      return;
    }
    say([`Reading ${file.name}…`]);
    const text = await file.text();
    imported(file, text, await python.call("import_log", text, today()));
  });

  for (const button of section.querySelectorAll("[data-export]")) {
    button.addEventListener("click", async () => {
      const kind = /** @type {HTMLElement} */ (button).dataset.export || "json";
      const answer = await python.call("export_log", hooks.request(), kind, today());
      if (answer.ok) {
        store.download(`cec-log-${today()}.${kind}`, answer.text, kind === "csv" ? "text/csv" : "application/json");
      } else if (kind === "json" && python.current().state === "error") {
        // Without Python the log is still the user's: saved as it is kept.
        const text = JSON.stringify({ format: contract.format, version: contract.version, ...hooks.log() }, null, 2);
        store.download(`cec-log-${today()}.json`, text, "application/json");
      } else {
        say([answer.problems ? "Fix the activities marked in red before exporting." : `Export failed: ${answer.error}`]);
      }
    });
  }

  $("[data-print]").addEventListener("click", async () => {
    const result = await hooks.result();
    if (!result) {
      say(["The audit packet needs a complete result first: fix what the results section asks."]);
      return;
    }
    packet(packetSection, result, hooks.log(), {
      providers: hooks.providers,
      certificationNames: hooks.certificationNames(),
      generated: new Date().toLocaleString(),
    });
    // The page's print styles print the packet alone while this is set (Ctrl+P prints the
    // results and the activities).
    document.documentElement.dataset.printing = "packet";
    window.addEventListener("afterprint", () => delete document.documentElement.dataset.printing, { once: true });
    window.print();
  });

  $("[data-calendar]").addEventListener("click", async () => {
    const answer = await python.call("calendar", hooks.request(), today());
    if (answer.ok) store.download(`cec-renewal-${today()}.ics`, answer.text, "text/calendar");
    else say(["The calendar needs a complete result first: fix what the results section asks."]);
  });

  $("[data-clear]").addEventListener("click", () => {
    const count = hooks.log().activities.length;
    const what = `your profile and ${count ? `all ${plural(count, "activity", "activities")}` : "log"}`;
    if (!window.confirm(`Clear ${what} from this browser? Export first to keep a copy.`)) return;
    hooks.replace(hooks.empty(), "Cleared.");
    say(["Cleared."]);
  });
}
