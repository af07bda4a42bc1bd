// @ts-check
// The log as a whole: import (with a mapping step for a spreadsheet's own column names), export,
// the audit packet (printed, or as a zip with the certificate files), backups of everything, the
// calendar file, and clearing.
import { el, plural, today } from "./dom.mjs";
import * as files from "./files.mjs";
import { showPacket } from "./packet.mjs";
import * as python from "./python.mjs";
import * as store from "./store.mjs";

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
// A backup holds certificate files too; past this, it is not one of this page's.
const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;
const BACKUP_README = `CEC Guide backup

This zip holds everything the CEC Guide calculator kept in one browser: the log (log.json) and the
certificate files (certificates/, listed in files.json). To restore it, open the calculator and
choose it with "Import". Nothing in it was sent anywhere.
`;

/**
 * @typedef {object} Hooks what the tools need of the page
 * @property {() => import("./store.mjs").Log} log
 * @property {(log: import("./store.mjs").Log, message: string) => void} replace
 * @property {() => string} request the log as the bridge's request (JSON)
 * @property {(profile: Record<string, any>) => string} requestFor the log's activities with another profile (a finished cycle's)
 * @property {() => Promise<any>} result the result of the current log, once computed (or null)
 * @property {() => import("./store.mjs").Log} empty
 * @property {() => string} saved the log as it is saved, each activity with its id
 * @property {() => Map<string, files.FileInfo[]>} files the certificate files kept, by activity id
 * @property {(log: import("./store.mjs").Log, kept: files.StoredFile[], message: string) => Promise<void>} restore
 */

/**
 * @param {HTMLElement} section the "Your log" section
 * @param {HTMLElement} packetSection
 * @param {{format: string, version: number, fields: import("./store.mjs").Fields}} contract
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

  // A file goes through up to four steps, each answered by import_log again with what the user
  // said so far: which column is which (a spreadsheet's own headers), what values the rules do
  // not know mean ("Stunden", "Local Hospital"), whether to import the rows that could be read
  // when some could not, and whether the file adds to the log or replaces it. Nothing is written
  // before the last step.
  /**
   * @typedef {object} Import one file's import, as far as it has got
   * @property {File} file
   * @property {string} text
   * @property {Record<string, string>} columns the columns' fields chosen (the mapping)
   */

  /** @param {Import} job */
  async function read(job) {
    const choices = JSON.stringify(store.importChoices());
    const columns = Object.keys(job.columns).length ? JSON.stringify(job.columns) : "";
    imported(job, await python.call("import_log", job.text, today(), columns, choices, hooks.request()));
  }

  /** @param {Import} job @param {string} message */
  function cancelled(job, message = "") {
    mapping.hidden = true;
    say([message || `Import of ${job.file.name} cancelled; your log is unchanged.`]);
  }

  /** @param {Import} job @param {any} answer import_log's answer */
  function imported(job, answer) {
    if (answer.mapping) {
      askMapping(job, answer.mapping);
      return;
    }
    if (answer.choose) {
      askChoices(job, answer.choose);
      return;
    }
    mapping.hidden = true;
    if (!answer.ok) {
      const lines = answer.problems
        ? answer.problems.map((/** @type {any} */ p) => problemLine(job.file, p))
        : [`${job.file.name}: ${answer.error}`];
      say([...lines, "Nothing was imported; your log is unchanged."]);
      return;
    }
    askHow(job, answer);
  }

  /** @param {File} file @param {{row: number, column: string, message: string}} p */
  function problemLine(file, p) {
    return `${file.name}, ${p.row ? `row ${p.row}` : "profile"}${p.column ? `, ${p.column}` : ""}: ${p.message}`;
  }

  /**
   * The step's form: a heading, what it asks, its fields, and its buttons (the first submits).
   * @param {string} heading @param {(Node | string | null)[]} body @param {HTMLElement[]} buttons
   */
  function step(heading, body, buttons) {
    const cancel = el("button", { cls: "md-button", text: "Cancel", attrs: { type: "button" } });
    mapping.replaceChildren(
      el("h3", { text: heading }),
      ...body.filter((n) => n !== null),
      el("p", { cls: "cec-buttons" }, ...buttons, cancel),
    );
    mapping.hidden = false;
    return cancel;
  }

  // Columns the import could not place: each gets a choice of field (or "ignore"), never a wall
  // of errors.
  /**
   * @param {Import} job
   * @param {{columns: {header: string, samples: string[], guess: string}[], fields: {id: string, label: string, required: boolean}[], message: string}} asked
   */
  function askMapping(job, asked) {
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
    const cancel = step(`Which column is which in ${job.file.name}?`, [el("p", { text: asked.message }), ...rows], [submit]);
    cancel.addEventListener("click", () => cancelled(job));
    say([`${job.file.name}: choose what each column holds below. Nothing is imported until you do; your log is unchanged.`]);
    mapping.onsubmit = async (event) => {
      event.preventDefault();
      /** @type {Record<string, string>} */
      const chosen = {};
      for (const select of mapping.querySelectorAll("select")) chosen[select.name] = select.value;
      await read({ ...job, columns: chosen });
    };
    /** @type {HTMLElement | null} */ (mapping.querySelector("select"))?.focus();
  }

  // Values the rules do not know: each asked once, for every row that uses it, and remembered.
  /**
   * @param {Import} job
   * @param {{values: {column: string, label: string, header: string, value: string, key: string, rows: number[], options: {id: string, label: string}[], suggestion: string}[], message: string}} asked
   */
  function askChoices(job, asked) {
    const rows = asked.values.map((value, i) => {
      const id = `cec-choice-${i}`;
      const select = /** @type {HTMLSelectElement} */ (el("select", { attrs: { id, required: "" } }));
      select.append(el("option", { text: "Choose…", attrs: { value: "" } }));
      for (const option of value.options) {
        const named = option.id === value.suggestion ? `${option.label.replace(/ \(.*\)$/, "")}, named “${value.value}”` : option.label;
        const item = /** @type {HTMLOptionElement} */ (el("option", { text: named, attrs: { value: option.id } }));
        item.selected = option.id === value.suggestion;
        select.append(item);
      }
      const where = value.rows.length === 1 ? `row ${value.rows[0]}` : `${value.rows.length} rows`;
      return el("p", { cls: "cec-field" }, el("label", { text: `${value.label} “${value.value}” (${where})`, attrs: { for: id } }), select);
    });
    const submit = el("button", { cls: "md-button md-button--primary", text: "Use these choices", attrs: { type: "submit" } });
    const cancel = step(`What do these values in ${job.file.name} mean?`, [el("p", { text: asked.message }), ...rows], [submit]);
    cancel.addEventListener("click", () => cancelled(job));
    say([`${job.file.name}: choose what each value means below. Nothing is imported until you do; your log is unchanged.`]);
    mapping.onsubmit = async (event) => {
      event.preventDefault();
      const chosen = [...mapping.querySelectorAll("select")].map((select) => /** @type {HTMLSelectElement} */ (select).value);
      store.rememberChoices(asked.values, chosen);
      await read(job);
    };
    /** @type {HTMLElement | null} */ (mapping.querySelector("select"))?.focus();
  }

  // The file is read: add it to the log (the default when the log has activities; rows already
  // in it are skipped) or replace the log. Rows that could not be read are listed, and the
  // buttons say that only the good rows come in.
  /** @param {Import} job @param {any} answer */
  function askHow(job, answer) {
    const file = job.file.name;
    const count = answer.activities.length;
    const had = hooks.log().activities.length;
    const copies = new Set(answer.copies || []);
    const unread = answer.unread || [];
    const good = unread.length ? `the ${plural(count, "good row", "good rows")}` : plural(count, "activity", "activities");
    const body = [
      el("p", { text: `${file}: ${plural(answer.rows || count, "row", "rows")} read.` }),
      unread.length
        ? el(
            "div",
            { cls: "cec-unread" },
            el("p", {
              text: `${plural(unread.length, "row", "rows")} could not be read; fix ${unread.length === 1 ? "it" : "them"} in your file and import it again, or import ${good} without ${unread.length === 1 ? "it" : "them"}:`,
            }),
            el("ul", {}, ...unread.map((/** @type {any} */ p) => el("li", { text: problemLine(job.file, p) }))),
          )
        : null,
      copies.size && had
        ? el("p", {
            text: `${plural(copies.size, "activity is", "activities are")} already in your log: adding skips ${copies.size === 1 ? "it" : "them"}.`,
          })
        : null,
    ];
    const add = el("button", {
      cls: "md-button md-button--primary",
      text: unread.length ? `Add ${good} to my log` : "Add to my log",
      attrs: { type: "submit", "data-how": "Add to my log" },
    });
    const replace = el("button", {
      cls: `md-button${had ? "" : " md-button--primary"}`,
      text: had ? "Replace my log" : unread.length ? `Import ${good}` : "Import",
      attrs: { type: had ? "button" : "submit", "data-how": had ? "Replace my log" : "Import" },
    });
    /** @param {boolean} adding */
    const finish = (adding) => {
      mapping.hidden = true;
      // A file's profile replaces this one (added to a log that has a cycle, it does not),
      // except for what log files never hold (the name and number the audit packet prints).
      const current = hooks.log().profile;
      const keep = !answer.profile || (adding && current.cycle_end);
      const profile = keep ? current : { ...current, ...answer.profile };
      const incoming = /** @type {Record<string, string>[]} */ (answer.activities);
      const added = adding ? incoming.filter((_, i) => !copies.has(i)) : incoming;
      // Kept: the finished cycles' profiles (their packets), whatever the file holds.
      const log = { ...hooks.log(), profile, activities: adding ? [...hooks.log().activities, ...added] : added };
      const skipped = adding ? incoming.length - added.length : 0;
      const what = adding
        ? `Added ${plural(added.length, "activity", "activities")} from ${file}`
        : `Imported ${plural(added.length, "activity", "activities")} from ${file}`;
      const message = `${what}${skipped ? `; skipped ${skipped} already in your log` : ""}${unread.length ? `; left out ${plural(unread.length, "row", "rows")} that could not be read` : ""}.`;
      hooks.replace(log, message);
      say([message, ...(answer.notes || [])]);
    };
    // Into an empty log, a file read whole has nothing to ask.
    if (!had && !unread.length) {
      finish(false);
      return;
    }
    const cancel = step(`Import ${file}`, body, had ? [add, replace] : [replace]);
    cancel.addEventListener("click", () => cancelled(job));
    say([`${file}: choose below. Nothing is imported until you do; your log is unchanged.`]);
    mapping.onsubmit = (event) => {
      event.preventDefault();
      finish(had > 0);
    };
    if (had) {
      replace.addEventListener("click", () => {
        if (window.confirm(`Replace your ${plural(had, "activity", "activities")} with the ${count} in ${file}?`)) finish(false);
      });
    }
    (had ? add : replace).focus();
  }

  $("[data-import]").addEventListener("change", async (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    if (await isZip(file)) {
      await restoreBackup(file);
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      say([`${file.name} is ${Math.round(file.size / 1048576)} MB: a CEC log is far smaller. Nothing was imported.`]);
      return;
    }
    say([`Reading ${file.name}…`]);
    await read({ file, text: await file.text(), columns: {} });
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
    const made = await packetParts();
    if (!made) return;
    showPacket(packetSection, made.answer.html);
    // The page's print styles print the packet alone while this is set (Ctrl+P prints the
    // results and the activities).
    document.documentElement.dataset.printing = "packet";
    window.addEventListener("afterprint", () => delete document.documentElement.dataset.printing, { once: true });
    window.print();
  });

  // --- zips: the audit packet and backups ------------------------------------------------------
  /** Whether a file is a zip, by its first bytes (a name can say anything). @param {File} file */
  async function isZip(file) {
    try {
      const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
      return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    } catch {
      return false;
    }
  }

  /**
   * The kept files' bytes, in the order asked; a file gone meanwhile (another tab removed it) is
   * named in `missing`.
   * @param {files.FileInfo[]} wanted
   */
  async function fileBytes(wanted) {
    /** @type {(files.StoredFile | null)[]} */
    const found = [];
    for (const info of wanted) found.push(await files.get(info.id));
    const missing = wanted.filter((_, i) => !found[i]).map((info) => info.name);
    return { found, missing };
  }

  /**
   * The packet's parts from Python (calc.packet), with each activity's kept files; null when it
   * cannot be made (said). With a finished cycle's profile, that cycle's packet.
   * @param {Record<string, any> | null} [profile]
   * @param {string} [body] another body's packet (calc.bridge.body_packet): its id
   */
  async function packetParts(profile = null, body = "") {
    const result = await hooks.result();
    if (!result && !profile && !body) {
      say(["The audit packet needs a complete result first: fix what the results section asks."]);
      return null;
    }
    const kept = hooks.files();
    const perActivity = hooks.log().activities.map((activity) => kept.get(store.idOf(activity)) || []);
    const listed = perActivity.map((list) => list.map((f) => ({ name: f.name, type: f.type, size: f.size })));
    const request = profile ? hooks.requestFor(profile) : hooks.request();
    const answer = body
      ? await python.call("body_packet", request, JSON.stringify(listed), body, today())
      : await python.call("packet", request, JSON.stringify(listed), today());
    if (!answer.ok) {
      say([
        answer.problems ? "Fix the activities marked in red before making the packet." : `The packet could not be made: ${answer.error}`,
      ]);
      return null;
    }
    return { answer, perActivity };
  }

  $("[data-audit-zip]").addEventListener("click", () => downloadPacket());
  // The cycles finished with "Start the next cycle": the last one's packet, as it was.
  const previous = $("[data-previous-packet]");
  previous.addEventListener("click", () => {
    const finished = hooks.log().previous || [];
    if (finished.length) downloadPacket(finished[finished.length - 1]);
  });

  /**
   * @param {Record<string, any> | null} [profile] a finished cycle's, or this cycle's (null)
   * @param {string} [body] another body's packet: its id
   */
  async function downloadPacket(profile = null, body = "") {
    say(["Making your audit packet…"]);
    const made = await packetParts(profile, body);
    if (!made) return;
    const { answer, perActivity } = made;
    /** @type {files.FileInfo[]} */
    const wanted = answer.files.map((/** @type {any} */ f) => perActivity[f.activity][f.file]);
    const { found, missing } = await fileBytes(wanted);
    const entries = [
      { name: answer.summary_name, text: answer.html },
      { name: answer.csv_name, text: answer.csv },
    ];
    /** @type {Blob[]} */
    const blobs = [];
    answer.files.forEach((/** @type {any} */ f, /** @type {number} */ i) => {
      const stored = found[i];
      if (!stored) return;
      entries.push(/** @type {any} */ ({ name: f.name, input: blobs.length }));
      blobs.push(stored.blob);
    });
    const zipped = await python.callWithFiles("make_zip", [JSON.stringify(entries)], blobs);
    if (!zipped.ok || !zipped.bytes) {
      say([`The packet could not be made: ${zipped.error || "no zip came back"}.`]);
      return;
    }
    store.download(answer.zip_name, zipped.bytes[0], "application/zip");
    say([
      `Downloaded ${answer.zip_name}: the summary to print and sign, ${plural(blobs.length, "certificate file", "certificate files")} and the log as CSV.`,
      ...missing.map((name) => `${name} was removed meanwhile and is not in it.`),
    ]);
  }

  /** A file's name as a zip member: letters, digits, dots, hyphens. @param {string} name */
  function memberName(name) {
    return (
      name
        .replace(/[^A-Za-z0-9._-]+/g, "-")
        .replace(/^[.-]+/, "")
        .slice(0, 80) || "certificate"
    );
  }

  $("[data-backup]").addEventListener("click", async () => {
    const kept = hooks.files();
    const log = hooks.log();
    /** @type {{activity: string, info: files.FileInfo}[]} */
    const wanted = [];
    for (const activity of log.activities)
      for (const info of kept.get(store.idOf(activity)) || []) wanted.push({ activity: store.idOf(activity), info });
    const { found, missing } = await fileBytes(wanted.map((w) => w.info));
    /** @type {Record<string, string | number>[]} */
    const listed = [];
    /** @type {any[]} */
    const entries = [{ name: "log.json", text: hooks.saved() }];
    /** @type {Blob[]} */
    const blobs = [];
    wanted.forEach(({ activity, info }, i) => {
      const stored = found[i];
      if (!stored) return;
      const path = `certificates/${blobs.length + 1}-${memberName(info.name)}`;
      listed.push({ activity, name: info.name, type: info.type, size: info.size, added: info.added, path });
      entries.push({ name: path, input: blobs.length });
      blobs.push(stored.blob);
    });
    entries.push({ name: "files.json", text: JSON.stringify(listed, null, 2) }, { name: "README.txt", text: BACKUP_README });
    const zipped = await python.callWithFiles("make_zip", [JSON.stringify(entries)], blobs);
    if (!zipped.ok || !zipped.bytes) {
      say([`The backup could not be made: ${zipped.error || "no zip came back"}. Your log and files are unchanged.`]);
      return;
    }
    const name = `cec-guide-backup-${today()}.zip`;
    store.download(name, zipped.bytes[0], "application/zip");
    say([
      `Downloaded ${name}: ${plural(log.activities.length, "activity", "activities")} and ${plural(blobs.length, "certificate file", "certificate files")}. Import restores it, in this browser or another.`,
      ...missing.map((file) => `${file} was removed meanwhile and is not in it.`),
    ]);
  });

  /** @param {File} file a zip: a backup, restored only once checked and confirmed */
  async function restoreBackup(file) {
    if (file.size > MAX_BACKUP_BYTES) {
      say([`${file.name} is ${files.sizeText(file.size)}: larger than any backup of this page. Nothing was imported.`]);
      return;
    }
    say([`Reading ${file.name}…`]);
    const answer = await python.callWithFiles("read_backup", [file.name], [file]);
    const unchanged = "Nothing was imported; your log and files are unchanged.";
    if (!answer.ok) {
      say([`${answer.error}.`, unchanged]);
      return;
    }
    let data = null;
    try {
      data = JSON.parse(answer.log);
    } catch {
      data = null;
    }
    const log = data && data.format === contract.format ? store.normalise(data, contract.fields) : null;
    if (!log) {
      say([`${file.name}: its log cannot be read.`, unchanged]);
      return;
    }
    const count = log.activities.length;
    const fileCount = answer.files.length;
    const had = hooks.log().activities.length;
    const keptNow = [...hooks.files().values()].reduce((n, list) => n + list.length, 0);
    if (
      (had || keptNow) &&
      !window.confirm(
        `Replace your ${plural(had, "activity", "activities")} and ${plural(keptNow, "kept file", "kept files")} with the backup's ${plural(count, "activity", "activities")} and ${plural(fileCount, "file", "files")}?`,
      )
    ) {
      say([`Import of ${file.name} cancelled; your log and files are unchanged.`]);
      return;
    }
    /** @type {files.StoredFile[]} */
    const restored = answer.files.map((/** @type {any} */ f) => ({
      id: store.newId(),
      activity: f.activity,
      name: files.displayName(f.name),
      type: f.type,
      size: f.size,
      added: f.added || new Date().toISOString(),
      blob: new Blob([answer.bytes[f.output]], { type: f.type }),
    }));
    const message = `Restored ${plural(count, "activity", "activities")} and ${plural(restored.length, "certificate file", "certificate files")} from ${file.name}.`;
    try {
      await hooks.restore(log, restored, message);
    } catch (error) {
      say([`${file.name} could not be restored: ${/** @type {any} */ (error)?.message || error}.`, unchanged]);
      return;
    }
    say([message, ...answer.notes]);
  }

  // --- share links ----------------------------------------------------------------------------
  const sharePanel = $("[data-share-panel]");
  const shareButton = $("[data-share]");
  const shareLink = /** @type {HTMLInputElement} */ ($("[data-share-link]"));
  const shareTitles = /** @type {HTMLInputElement} */ ($("[data-share-titles]"));

  /** Writes the link for the log as it is now; false (said) when it cannot be made. */
  async function makeLink() {
    const share = await import("./share.mjs");
    const result = shareTitles.checked ? null : await hooks.result();
    const copies = result ? result.activities.map((/** @type {any} */ d) => d.copy_of) : [];
    const url = await share.link(hooks.log(), shareTitles.checked, window.location.href.split("#")[0], copies);
    if (url.length > share.MAX_LINK_CHARS) {
      shareLink.value = "";
      say(["This log is too large for a link that mail and chat programs keep whole: use “Back up everything” to move it."]);
      return false;
    }
    shareLink.value = url;
    return true;
  }

  async function copyLink() {
    shareLink.focus();
    shareLink.select();
    try {
      await navigator.clipboard.writeText(shareLink.value);
      say(["Share link copied. Whoever opens it sees your log read-only; it never replaces their own."]);
    } catch {
      say(["The link is selected in the field above: copy it from there."]);
    }
  }

  shareButton.addEventListener("click", async () => {
    /** @type {typeof import("./share.mjs")} */
    let share;
    try {
      share = await import("./share.mjs");
    } catch {
      say(["Share links could not be loaded: reload the page and try again (or use “Back up everything”)."]);
      return;
    }
    if (!share.supported()) {
      say(["This browser cannot make share links (it lacks the compression they need): use “Back up everything” instead."]);
      return;
    }
    sharePanel.hidden = false;
    shareButton.setAttribute("aria-expanded", "true");
    if (await makeLink()) await copyLink();
  });
  shareTitles.addEventListener("change", async () => {
    if (await makeLink()) await copyLink();
  });
  $("[data-share-copy]").addEventListener("click", copyLink);

  $("[data-calendar]").addEventListener("click", async () => {
    const answer = await python.call("calendar", hooks.request(), today());
    if (answer.ok) store.download(`cec-renewal-${today()}.ics`, answer.text, "text/calendar");
    else if (answer.problems || !answer.error) say(["The calendar needs a complete result first: fix what the results section asks."]);
    else say([answer.error]);
  });

  $("[data-clear]").addEventListener("click", () => {
    const count = hooks.log().activities.length;
    const what = `your profile and ${count ? `all ${plural(count, "activity", "activities")}` : "log"}`;
    if (!window.confirm(`Clear ${what} from this browser? Export first to keep a copy.`)) return;
    hooks.replace(hooks.empty(), "Cleared.");
    say(["Cleared."]);
  });

  // Each other body's card offers its own packet (bodies.mjs).
  return { bodyPacket: (/** @type {string} */ body) => downloadPacket(null, body) };
}
