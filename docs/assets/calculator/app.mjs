// @ts-check
// The calculator page: one state (the professional's log and what Python last answered about it)
// and one update path: a change is saved, then sent to Python (calc.bridge, in the worker), then
// shown. The parts of the page (profile form, entry form, results, activity list, log tools)
// each live in a module of their own; every number comes from Python.
import * as activityList from "./activity-list.mjs";
import * as bodies from "./bodies.mjs";
import { cecs, longDate, longDates, nextTask, today } from "./dom.mjs";
import * as entryForm from "./entry-form.mjs";
import * as files from "./files.mjs";
import * as logTools from "./log-tools.mjs";
import * as profileForm from "./profile-form.mjs";
import * as python from "./python.mjs";
import * as results from "./results.mjs";
import * as store from "./store.mjs";

// How long "Undo" stays offered after a removal.
const UNDO_MS = 15_000;
const START_TEXT = "Choose your certification and enter your cycle end date to see where you stand.";

/**
 * The log is kept for the whole visit: Material's instant navigation replaces the page, not
 * this module.
 * `text` is the saved log as this tab last read or wrote it: saved text that differs from it was
 * written by another tab.
 * @type {{log: store.Log, text: string | null, unreadable: string | null, keptAside: string | null, unavailable: boolean} | null}
 */
let kept = null;

// Each activity goes to Python as its own JSON text: one Python has seen before is recognised
// by its text, without being checked again. Activities are replaced, never changed in place, so
// the text is kept with the object.
/** @type {WeakMap<object, string>} */
const texts = new WeakMap();

/** @param {Record<string, string>} activity */
function recordText(activity) {
  let text = texts.get(activity);
  if (text === undefined) {
    text = JSON.stringify(activity);
    texts.set(activity, text);
  }
  return text;
}

/**
 * The compute request in the form Python reads fastest (see calc.bridge._request): the profile's
 * JSON, then each activity's JSON text, separated by U+001E, which JSON text never contains.
 * With `base`, the token of the result the page holds: Python then sends only what changed.
 * @param {store.Log} log
 * @param {string} [base]
 */
function computeRequest(log, base) {
  const head = base ? { profile: log.profile, base } : { profile: log.profile };
  return [JSON.stringify(head), ...log.activities.map(recordText)].join("\u001e");
}

/**
 * A result made whole: where Python sent only the activities that changed since the result the
 * page holds (`base`), the others are that result's.
 * @param {any} result
 * @param {{token: string, activities: any[]} | null} base
 * @returns {any} the whole result, or null when it cannot be made whole
 */
function whole(result, base) {
  if (!result.changed) return result;
  if (!base) return null;
  const { changed, count, ...rest } = result;
  const activities = Array.from({ length: count }, (_, i) => changed[i] ?? base.activities[i]);
  return { ...rest, activities };
}

/**
 * Where an activity is in a log, by its id (the log may have been read again since).
 * @param {store.Log} log @param {Record<string, string>} activity
 */
function place(log, activity) {
  const id = store.idOf(activity);
  return log.activities.findIndex((a) => store.idOf(a) === id);
}

/** @param {HTMLElement} root */
export function bind(root) {
  if (root.dataset.bound === "true") return;
  root.dataset.bound = "true";
  performance.mark("cec-bound");
  const contract = JSON.parse(root.dataset.contract || "{}");
  const conversions = JSON.parse(root.dataset.conversions || "{}");
  files.configure(contract.files);
  if (!kept) {
    const found = store.load(contract);
    kept = {
      log: found.log,
      text: found.text,
      unreadable: found.problem ? found.problem.raw : null,
      keptAside: null,
      unavailable: Boolean(found.unavailable),
    };
  }
  const session = kept;
  python.start();

  /** @param {string} selector */
  const $ = (selector) => /** @type {HTMLElement} */ (root.querySelector(selector));
  // The one state of the page: the log (kept for the visit), what Python last said about it,
  // and which answer is the latest.
  const state = {
    log: session.log,
    /** @type {any} the result for the current log, or null */
    result: null,
    /** @type {{row: number, column: string, message: string}[]} */
    problems: [],
    sequence: 0,
    /** @type {Promise<void>} */
    computing: Promise.resolve(),
    /** @type {{activity: Record<string, string>, undo: () => void} | null} the last removal, while it can be undone */
    removed: null,
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    undoTimer: undefined,
    /** @type {{token: string, activities: any[]} | null} the last result this worker gave and the page applied */
    base: null,
    /** @type {Map<string, files.FileInfo[]>} the certificate files kept, by activity id */
    files: new Map(),
    // Showing a log someone shared (a link): read-only, never saved, never replaced by this
    // browser's own log from another tab.
    shared: false,
  };

  // --- saving ---------------------------------------------------------------------------------
  /** @param {string} message @param {boolean} withDownload */
  function notice(message, withDownload) {
    $("[data-storage-problem]").hidden = false;
    $("[data-storage-message]").textContent = message;
    $("[data-download-saved]").hidden = !withDownload;
  }

  function persist() {
    showPrevious();
    if (state.shared) return;
    session.log = state.log;
    if (session.unreadable !== null && store.setAside(session.unreadable)) {
      session.keptAside = session.unreadable;
      session.unreadable = null;
      notice("Your earlier saved data could not be read. It is kept, as it was, beside your new log: download it to look at it.", true);
      root.dataset.setAside = "true";
    }
    const text = store.save(state.log, contract);
    if (text !== null) session.text = text;
    else {
      notice("Your browser did not let this page save your log (private browsing, or storage full): export it to keep a copy.", false);
    }
  }

  if (session.unreadable !== null) {
    notice(
      "Your saved log could not be read, so the calculator starts empty. Nothing has been overwritten: download the saved data to keep it.",
      true,
    );
  } else if (session.unavailable) {
    notice("This browser does not let the page save your log: export it to keep a copy.", false);
  }
  $("[data-download-saved]").addEventListener("click", () => {
    store.download("cec-guide-saved-data.txt", session.unreadable ?? session.keptAside ?? JSON.stringify(state.log), "text/plain");
  });

  /** The finished cycles' packet stays downloadable once the next cycle is started. */
  function showPrevious() {
    $("[data-previous-packet]").hidden = state.shared || !state.log.previous?.length;
  }

  // --- the parts of the page --------------------------------------------------------------------
  const view = results.setup($("[data-results]"), $("[data-mini]"));
  const profile = profileForm.setup(/** @type {HTMLFormElement} */ ($("[data-profile]")), contract, (typed) => {
    change(() => {
      state.log = { ...state.log, profile: withOthers(typed, state.log.profile.others) };
    });
  });
  // The other bodies' certifications held (bodies.mjs), kept in the profile as `others`; none:
  // no key, so a log with ACSM alone is saved and exported as before.
  /** @param {Record<string, any>} typed @param {bodies.Other[] | undefined} others */
  const withOthers = (typed, others) => {
    const { others: _, ...rest } = typed;
    return others?.length ? { ...rest, others } : rest;
  };
  const othersBox = /** @type {HTMLDetailsElement | null} */ ($("[data-others]"));
  const editor = othersBox
    ? bodies.setupEditor(othersBox, (others) => {
        change(() => {
          state.log = { ...state.log, profile: withOthers(state.log.profile, others) };
        });
      })
    : null;
  /** @param {Record<string, any>} held the profile to show */
  function fillProfile(held) {
    profile.fill(held);
    editor?.fill(held.others || []);
  }
  editor?.fill(state.log.profile.others || []);
  const entryProviders = /** @type {HTMLSelectElement} */ ($("[data-activity]").querySelector("[name=provider]"));
  const providers = Object.fromEntries([...entryProviders.options].map((option) => [option.value, option.textContent || option.value]));
  const names = { providers, units: contract.units, conversions, pages: contract.pages, labels: contract.labels };
  const list = activityList.setup($("[data-activities-section]"), names, {
    edit: (activity) => state.shared || entry.edit(activity),
    remove: (activity) => state.shared || removeActivity(activity),
    attach: (activity, dropped) => attach(store.idOf(activity), dropped),
    download: downloadFile,
    removeFile,
  });
  const entry = entryForm.setup(/** @type {HTMLFormElement} */ ($("[data-activity]")), contract, conversions, {
    request: () => computeRequest(state.log),
    commit: commitActivity,
    indexOf: (activity) => place(state.log, activity),
    keptFiles: (activity) => {
      const kept = state.files.get(store.idOf(activity)) || [];
      return kept.length ? `Kept with this activity: ${kept.map((f) => f.name).join(", ")}. Files chosen here are added to them.` : "";
    },
  });
  entry.askBodies(Boolean(state.log.profile.others?.length));
  const tools = logTools.setup($("[data-tools]"), $("[data-packet]"), contract, {
    log: () => state.log,
    replace: (log, message) => {
      change(() => {
        state.log = log;
        fillProfile(log.profile);
        entry.reset();
      });
      entry.announce(message);
    },
    request: () => JSON.stringify({ profile: state.log.profile, records: state.log.activities.map(recordText) }),
    requestFor: (other) => JSON.stringify({ profile: other, records: state.log.activities.map(recordText) }),
    result: async () => {
      await state.computing;
      return state.result;
    },
    empty: () => store.emptyLog(contract.fields),
    saved: () => store.serialise(state.log, contract),
    files: () => state.files,
    // The files first, all or nothing: if they cannot be kept, the log is not replaced either.
    restore: async (log, kept, message) => {
      await files.replaceAll(kept);
      await refreshFiles();
      change(() => {
        state.log = log;
        fillProfile(log.profile);
        entry.reset();
      });
      entry.announce(message);
    },
  });

  let rulesChecked = false;

  // --- the one update path: change -> persist -> recompute -> render ----------------------------
  /**
   * @param {() => void} mutate replaces state.log (never changes an activity in place)
   * @param {(result: any) => void} [after] told the new result, once shown
   */
  function change(mutate, after) {
    if (adoptSaved()) fromOtherTab();
    mutate();
    persist();
    state.result = null;
    state.computing = recompute(after);
    return state.computing;
  }

  // --- other tabs ---------------------------------------------------------------------------------
  // Every tab on the calculator saves to the same place. A change is made to the log as saved (by
  // whichever tab) at that moment, activity by activity, never to an older copy: two tabs adding
  // in turn keep both activities. A tab hears of the others' changes and shows them.
  /** Takes in the log another tab saved since this one last read or wrote it. @returns {boolean} */
  function adoptSaved() {
    if (session.unreadable !== null) return false; // this tab's log replaces what it could not read
    if (state.shared) return false;
    const text = store.savedText();
    if (text === null || text === session.text) return false;
    const found = store.load(contract);
    if (found.problem || found.unavailable) return false;
    session.text = found.text;
    state.log = found.log;
    session.log = found.log;
    return true;
  }

  // What another tab changed, where this one shows it: the profile (unless it is being typed
  // in), and the activity being edited here. Answers what to tell the user about the latter.
  /** @returns {string | null} */
  function fromOtherTab() {
    const profileForm = /** @type {HTMLElement} */ ($("[data-profile]"));
    if (!profileForm.contains(document.activeElement)) fillProfile(state.log.profile);
    const editing = entry.editing();
    if (!editing) return null;
    const now = state.log.activities[place(state.log, editing)];
    if (!now) return "This activity was removed in another tab. Saving your changes adds it back.";
    if (recordText(now) !== recordText(editing)) {
      return `This activity was changed in another tab (${describe(now)}). Saving your changes replaces that version.`;
    }
    return null;
  }

  /** @param {StorageEvent} event */
  function heard(event) {
    if (!root.isConnected) return window.removeEventListener("storage", heard);
    if (!store.isLogEvent(event) || !adoptSaved()) return;
    entry.announce(fromOtherTab() ?? "Your log was changed in another tab: this page now shows it.");
    state.result = null;
    state.computing = recompute();
  }
  window.addEventListener("storage", heard);

  /** @param {(result: any) => void} [after] */
  async function recompute(after) {
    const ticket = ++state.sequence;
    const status = python.current();
    if (status.state === "error") {
      list.render(state.log, null, [], state.removed);
      view.setState("error", `The calculator could not start: ${status.message}. Your log is safe and can be exported as JSON.`);
      view.miniText("The calculator could not start");
      return;
    }
    if (status.state === "loading") {
      view.setState("loading");
      list.render(state.log, state.result, state.problems, state.removed);
      return;
    }
    view.setState("loading");
    let answer = await python.call("compute", computeRequest(state.log, state.base?.token), today());
    if (ticket !== state.sequence || !root.isConnected) return;
    let found = answer.ok ? whole(answer.result, state.base) : null;
    if (answer.ok && !found) {
      // A part with nothing to add it to (never expected): ask for the whole result.
      answer = await python.call("compute", computeRequest(state.log), today());
      if (ticket !== state.sequence || !root.isConnected) return;
      found = answer.ok ? answer.result : null;
    }
    if (found) {
      state.base = { token: found.token, activities: found.activities };
      await showResult(found, false, ticket);
    } else if (answer.problems) showProblems(answer.problems);
    else if (!answer.ok) {
      state.result = null;
      view.clear();
      list.render(state.log, null, [], state.removed);
      view.setState("error", `The CECs cannot be counted: ${answer.error}.`);
      view.miniText("The CECs cannot be counted");
    }
    if (ticket === state.sequence) await showBodies(ticket);
    if (ticket === state.sequence) after?.(state.result);
  }

  // Each other body held, from the same log (calc.bridge.other_bodies), after ACSM's answer.
  /** @param {number} ticket */
  async function showBodies(ticket) {
    const others = state.log.profile.others || [];
    entry.askBodies(others.length > 0);
    const summary = $("[data-bodies-summary]");
    const cards = $("[data-bodies]");
    if (!others.length) {
      bodies.show(summary, cards, null);
      editor?.errors([]);
      list.setBodies(null, {});
      return;
    }
    const answer = await python.call("other_bodies", computeRequest(state.log), today());
    if (ticket !== state.sequence || !root.isConnected) return;
    bodies.show(summary, cards, answer, state.shared ? null : tools.bodyPacket);
    const held = (answer.problems || []).filter((/** @type {any} */ p) => p.row === 0);
    editor?.errors(held.map((/** @type {any} */ p) => p.message));
    const units = Object.fromEntries((answer.bodies || []).map((/** @type {any} */ b) => [b.body, b.unit]));
    list.setBodies(answer.ok ? answer.counts : null, units);
  }

  // A result is shown in two tasks, totals first and then the activities, so that neither keeps
  // the main thread busy for long with a large log. The region turns "ready" with the second.
  /** @param {any} found @param {boolean} fromLastVisit @param {number} [ticket] */
  async function showResult(found, fromLastVisit, ticket) {
    state.result = found;
    state.problems = [];
    profile.errors([]);
    view.show(found, contract.pages);
    await nextTask();
    if (ticket !== undefined && ticket !== state.sequence) return;
    list.render(state.log, found, [], state.removed);
    view.cached(fromLastVisit, fromLastVisit ? "These are the results of your last visit; they update in a moment." : "");
    if (fromLastVisit) view.status.textContent = longDates(found.verdict.headline);
    else {
      view.setState("ready", longDates(found.verdict.headline));
      // Kept for the next visit, once the page is idle (it is only a head start).
      const saved = state.log;
      if (!state.shared) (window.requestIdleCallback || setTimeout)(() => store.saveResult(saved, found));
      // Once a visit, with the first answer for the professional's own log: did the rules change?
      if (!state.shared && !rulesChecked) {
        rulesChecked = true;
        const request = computeRequest(state.log);
        // Loaded when needed, not with the page: the first answer comes first.
        import("./rules-notice.mjs").then((notice) =>
          notice.check($("[data-rules-notice]"), request, today(), new URL("../changes/", window.location.href).href),
        );
      }
    }
  }

  /** @param {{row: number, column: string, message: string}[]} found */
  function showProblems(found) {
    state.result = null;
    state.problems = found;
    view.clear();
    view.cached(false);
    profile.errors(found);
    list.render(state.log, null, found, state.removed);
    if (profile.blank(state.log.profile)) {
      // Nothing entered yet: nothing is wrong either.
      view.setState("idle", START_TEXT);
      view.miniText("Choose your certification to start");
    } else if (found.some((p) => p.row === 0)) {
      view.setState("error", START_TEXT);
      view.miniText("Your certification and cycle end date are needed");
    } else {
      view.setState("error", "Some activities need fixing (see the messages beside them) before the CECs can be counted.");
      view.miniText("Some activities need fixing");
    }
  }

  // --- activities: add, edit, remove (with undo) -------------------------------------------------
  /**
   * @param {Record<string, string>} record
   * @param {Record<string, string> | null} edited the activity replaced, as it was when its editing began
   * @param {File[]} [chosen] its certificate files, kept once the activity is saved
   */
  function commitActivity(record, edited, chosen = []) {
    const id = edited ? store.idOf(edited) : store.newId();
    let index = -1;
    let elsewhere = "";
    change(
      () => {
        const activities = [...state.log.activities];
        index = edited ? place(state.log, edited) : -1;
        if (edited && index < 0) elsewhere = " It had been removed in another tab: it is back, with your changes.";
        else if (edited && recordText(activities[index]) !== recordText(edited)) {
          elsewhere = ` Another tab had changed it too; your version replaced that one (${describe(activities[index])}).`;
        }
        if (index < 0) index = activities.length;
        activities[index] = store.withId(record, id);
        state.log = { ...state.log, activities };
      },
      (result) => {
        entry.announce(counted(edited ? "Saved" : "Added", result, index) + elsewhere);
        // An edit is done where it started: back on its row. A new one leaves the keyboard in
        // the form, for the next.
        if (edited) list.focusRow(index);
      },
    );
    if (chosen.length) keepFiles(id, chosen);
  }

  // --- certificate files ------------------------------------------------------------------------
  const filesMessage = $("[data-files-message]");
  /** @param {string[]} lines */
  function sayFiles(lines) {
    filesMessage.textContent = lines.join(" ");
    filesMessage.hidden = !lines.length;
  }

  async function refreshFiles() {
    state.files = await files.byActivity();
    list.setFiles(state.files);
  }

  /**
   * Keeps files with an activity (saved already); each refused one is named, and nothing kept
   * before is touched.
   * @param {string} id @param {File[]} chosen
   */
  async function keepFiles(id, chosen) {
    /** @type {string[]} */
    const kept = [];
    /** @type {string[]} */
    const refused = [];
    for (const file of chosen) {
      try {
        kept.push((await files.add(id, file)).name);
      } catch (error) {
        refused.push(String(/** @type {any} */ (error)?.message || error));
      }
    }
    await refreshFiles();
    const lines = [...(kept.length ? [`Kept ${kept.join(", ")} with the activity.`] : []), ...refused];
    if (kept.length) {
      const { persisted, usage, quota } = await files.room();
      // Unless the browser promised to keep them (some engines cannot even be asked).
      if (persisted !== true) {
        lines.push("This browser may clear kept files if it runs short of space: use “Back up everything” now and then.");
      }
      if (usage !== null && quota && usage / quota > 0.9) lines.push("The browser's storage for this site is almost full.");
    }
    sayFiles(lines);
    return kept.length;
  }

  /** Files dropped on an activity: kept with it, and its certificate ticked. @param {string} id @param {File[]} dropped */
  async function attach(id, dropped) {
    if (state.shared) return;
    const refused = dropped.map(files.refusal).filter((why) => why !== null);
    const fine = dropped.filter((file) => files.refusal(file) === null);
    if (!fine.length) return sayFiles(refused);
    const kept = await keepFiles(id, fine);
    if (refused.length) sayFiles([filesMessage.textContent || "", ...refused]);
    if (!kept) return;
    change(() => {
      const at = state.log.activities.findIndex((a) => store.idOf(a) === id);
      if (at < 0 || state.log.activities[at].certificate === "yes") return;
      const activities = [...state.log.activities];
      activities[at] = store.withId({ ...activities[at], certificate: "yes" }, id);
      state.log = { ...state.log, activities };
    });
  }

  /** @param {files.FileInfo} file */
  async function downloadFile(file) {
    const stored = await files.get(file.id);
    if (!stored) return sayFiles([`${file.name} is no longer kept in this browser.`]);
    store.download(stored.name, stored.blob, stored.type);
  }

  /** @param {files.FileInfo} file */
  async function removeFile(file) {
    if (!window.confirm(`Remove the file ${file.name}? This page keeps no other copy of it.`)) return;
    try {
      await files.remove(file.id);
      sayFiles([`Removed the file ${file.name}.`]);
    } catch (error) {
      sayFiles([`${file.name} could not be removed: ${/** @type {any} */ (error)?.message || error}.`]);
    }
    await refreshFiles();
  }

  files.onChange(() => {
    if (root.isConnected) refreshFiles();
  });

  /** An activity in a few words, for messages about another tab's version of it. */
  /** @param {Record<string, string>} activity */
  function describe(activity) {
    return [activity.date, activity.title || "(untitled)", activity.amount && `amount ${activity.amount}`].filter(Boolean).join(", ");
  }

  /** What an activity counted, in words, for the message after adding or saving it. */
  /** @param {string} verb @param {any} result @param {number} index */
  function counted(verb, result, index) {
    const decided = result?.activities[index];
    if (!decided) return `${verb}. ${state.problems.length ? "See the results for what needs fixing." : ""}`.trim();
    const totals = `${result.earned_cecs} of ${cecs(result.required_cecs)}`;
    if (decided.planned) return `${verb} as a plan: ${cecs(decided.would_cecs)} once done (now ${totals}).`;
    return `${verb}: ${cecs(decided.cecs)}. Now ${totals}.`;
  }

  /** @param {Record<string, string>} activity */
  function removeActivity(activity) {
    const id = store.idOf(activity);
    const index = place(state.log, activity);
    entry.removed(activity);
    clearTimeout(state.undoTimer);
    const undo = () => {
      state.removed = null;
      change(
        () => {
          if (place(state.log, activity) >= 0) return; // back already (another tab undid it too)
          const activities = [...state.log.activities];
          activities.splice(Math.min(index, activities.length), 0, activity);
          state.log = { ...state.log, activities };
        },
        () => list.focusRow(place(state.log, activity)),
      );
      entry.announce(`Restored: ${activity.title || "(untitled)"}.`);
    };
    state.removed = { activity, undo };
    // The offer to undo lasts a while, then goes quietly.
    state.undoTimer = setTimeout(() => {
      state.removed = null;
      list.render(state.log, state.result, state.problems);
      // No undo now: the files of activities no longer in the saved log (whichever tab removed
      // them) go too.
      adoptSaved();
      files.prune(new Set(state.log.activities.map(store.idOf))).catch(() => {});
    }, UNDO_MS);
    // The removed row's buttons are gone: the keyboard goes to its undo, once it is drawn.
    change(
      () => {
        state.log = { ...state.log, activities: state.log.activities.filter((a) => store.idOf(a) !== id) };
      },
      () => list.focusUndo(),
    );
    list.focusUndo();
  }

  // --- the next cycle ---------------------------------------------------------------------------
  // Once renewed (or the cycle's end passed), the profile moves to the next cycle; the finished
  // cycle's profile is kept for its audit packet, and nothing in the log is deleted: activities
  // dated after the old end count in the new cycle.
  $("[data-next-start]").addEventListener("click", () => {
    const next = state.result?.next_cycle;
    if (!next || state.shared) return;
    const old = state.log.profile;
    const span = `${longDate(next.start)} to ${longDate(next.end)}`;
    if (!window.confirm(`Start your next cycle, ${span}? Your activities stay; the finished cycle's audit packet stays downloadable.`)) {
      return;
    }
    change(() => {
      const moved = { ...old, cycle_start: "", cycle_end: next.end, renewed_on: "" };
      state.log = { ...state.log, profile: moved, previous: [...(state.log.previous || []), old] };
      fillProfile(moved);
    });
    entry.announce(`Started your next cycle, ${span}. The finished cycle's packet: "Previous cycle's audit packet" under Your log.`);
  });

  // --- start ----------------------------------------------------------------------------------
  if (!python.wasmSupported()) $("[data-no-wasm]").hidden = false;
  files.available().then((ok) => {
    if (ok) return refreshFiles();
    /** @type {HTMLInputElement} */ ($("[name=certificate_files]")).disabled = true;
    sayFiles([
      "This browser does not let the page keep certificate files (private browsing can do this): keep them elsewhere. Everything else works.",
    ]);
  });
  // Kept from an earlier view of this page in this tab: another tab may have changed it since.
  adoptSaved();
  showPrevious();
  // The form works before this script runs: what was typed meanwhile is kept, not overwritten.
  const typed = profile.typed();
  if (profile.blank(typed)) {
    fillProfile(state.log.profile);
    profile.fold(state.log.profile);
  } else if (JSON.stringify(typed) !== JSON.stringify(state.log.profile)) {
    state.log = { ...state.log, profile: typed };
    persist();
  }
  if (profile.blank(state.log.profile) && !state.log.activities.length) {
    view.setState(python.current().state === "ready" ? "idle" : "loading", python.current().state === "ready" ? START_TEXT : undefined);
  }
  const cached = store.loadResult(state.log);
  if (cached) showResult(cached, true);
  else setTimeout(() => list.render(state.log, null, []), 0); // its own task: binding stays short
  // --- a shared log (a link) ---------------------------------------------------------------------
  const banner = $("[data-shared-banner]");
  const editable = [...root.querySelectorAll(".cec-profile, .cec-entry, [data-tools]")];
  const profileControls = /** @type {HTMLFormElement} */ ($("[data-profile]")).elements;

  // Read-only, and seen to be: the entry form and the log's tools are hidden (CSS, by
  // data-shared), the profile's fields shown disabled; nothing looks pressable that does nothing.
  /** @param {boolean} on */
  function readOnly(on) {
    state.shared = on;
    if (on) root.dataset.shared = "true";
    else delete root.dataset.shared;
    for (const part of editable) /** @type {HTMLElement} */ (part).inert = on;
    for (const control of profileControls) /** @type {HTMLInputElement} */ (control).disabled = on;
  }

  /** Back to this browser's own log: the link's fragment goes, so a reload shows it too. */
  function leaveShared() {
    readOnly(false);
    banner.hidden = true;
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  async function openShared() {
    let found;
    try {
      const share = await import("./share.mjs");
      found = await share.read(window.location.hash, contract.fields);
    } catch (error) {
      banner.hidden = false;
      $("[data-shared-save]").hidden = true;
      $("[data-shared-message]").textContent =
        `This share link cannot be opened: ${/** @type {any} */ (error)?.message || error}. Ask for the link again. Your own log is shown, unchanged.`;
      return;
    }
    readOnly(true);
    $("[data-shared-save]").hidden = false;
    banner.hidden = false;
    const count = found.log.activities.length;
    $("[data-shared-message]").textContent =
      `You are looking at a log someone shared with you (${count === 1 ? "1 activity" : `${count} activities`}${found.titles ? "" : ", without titles"}). It is read-only and is not saved in this browser: your own log is kept as it was.`;
    state.log = found.log;
    fillProfile(found.log.profile);
    entry.reset();
    state.result = null;
    state.computing = recompute();
    banner.scrollIntoView({ block: "nearest" });
  }

  $("[data-shared-save]").addEventListener("click", () => {
    const own = store.load(contract).log.activities.length;
    const question = `Replace your own log (${own === 1 ? "1 activity" : `${own} activities`}) with this shared one? Back up everything first to keep a copy of yours.`;
    if (own && !window.confirm(question)) return;
    const log = state.log;
    leaveShared();
    change(() => {
      state.log = log;
    });
    entry.announce("Saved the shared log as your own.");
  });

  $("[data-shared-leave]").addEventListener("click", () => {
    leaveShared();
    const found = store.load(contract);
    if (!found.problem) {
      state.log = found.log;
      session.text = found.text;
    } else state.log = session.log;
    fillProfile(state.log.profile);
    state.result = null;
    state.computing = recompute();
    entry.announce("Back to your own log.");
  });

  // A shared log's code loads only for an address that may carry one.
  async function openIfShared() {
    if (window.location.hash.length < 2) return;
    const share = await import("./share.mjs");
    if (share.isShared(window.location.hash)) openShared();
  }
  openIfShared();
  // A link pasted into the address bar while the calculator is open changes only the fragment.
  function hashChanged() {
    if (!root.isConnected) return window.removeEventListener("hashchange", hashChanged);
    openIfShared();
  }
  window.addEventListener("hashchange", hashChanged);

  const stop = python.onStatus(() => {
    if (!root.isConnected) return stop();
    state.computing = recompute();
    entry.schedulePreview();
  });
  state.computing = recompute();
}
