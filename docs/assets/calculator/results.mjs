// @ts-check
// The results: status line, totals, checklist and key dates (beside the form on a desktop), and
// the compact summary that stays in view on a phone while the form is scrolled.
import { cecs, el, longDate, longDates, plural } from "./dom.mjs";
import { resolve, ruleLinks, ruleWords } from "./rules-links.mjs";

const PACE = {
  not_started: "Your cycle has not started yet.",
  behind: "Behind a steady pace",
  on_track: "On a steady pace",
  ahead: "Ahead of a steady pace",
  complete: "You have the CECs you need.",
};
const MARKS = { done: "done", todo: "to do", info: "note", warning: "warning" };
const DATE_LABELS = {
  cycle_start: "Cycle started",
  renewal_opens: "Renewal opens",
  cycle_end: "Cycle ends (renew by)",
  grace_period_end: "Grace period ends",
  renewed_on: "Renewed on",
  keep_proof_until: "Keep your certificates until at least",
};
// The phone's summary has room for a few words; the full sentence is in the results.
const SHORT_VERDICT = {
  done: "renewed: done",
  renew: "renew now",
  short: "to go",
  grace: "grace period",
  lapsed: "lapsed",
  check: "renewed: check proof",
};

/**
 * The days left, in words: "25 days left to renew (by December 31, 2026)".
 * @param {{date: string, days_left: number, grace: boolean}} due
 */
function deadlineText(due) {
  const day = longDate(due.date);
  if (due.days_left === 0)
    return due.grace ? `Today is the last day of the grace period (${day}).` : `Today is the last day to renew (${day}).`;
  const left = plural(due.days_left, "day left", "days left");
  return due.grace ? `${left} in the grace period (to ${day}), with the late fee.` : `${left} to renew (by ${day}).`;
}

/**
 * @param {HTMLElement} region the results section
 * @param {HTMLElement} mini the compact summary
 */
export function setup(region, mini) {
  /** @param {string} name */
  const $ = (name) => /** @type {HTMLElement} */ (region.querySelector(`[data-${name}]`));
  const status = $("status");

  // The summary link goes to the answer itself rather than leaving it to the fragment: the
  // theme's instant navigation and the page's own late layout changes could leave the answer
  // out of view, and the keyboard stays where the eyes go.
  mini.addEventListener("click", (event) => {
    event.preventDefault();
    const heading = /** @type {HTMLElement} */ (region.querySelector("h2"));
    region.scrollIntoView({ block: "start" });
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  });

  /**
   * loading, idle (nothing to count yet), ready or error.
   * @param {string} state
   * @param {string} [message]
   */
  function setState(state, message) {
    if (state === "ready" && !performance.getEntriesByName("cec-first-result").length) {
      performance.mark("cec-first-result");
    }
    region.dataset.state = state;
    mini.dataset.state = state;
    if (message !== undefined) status.textContent = message;
  }

  /** @param {any} result @param {Record<string, string>} pages */
  function show(result, pages) {
    $("verdict-steps").replaceChildren(...result.verdict.steps.map((/** @type {string} */ text) => el("li", { text: longDates(text) })));
    const deadline = $("deadline");
    const due = result.deadline;
    deadline.hidden = !due;
    deadline.textContent = due ? deadlineText(due) : "";
    const next = result.next_cycle;
    $("next-cycle").hidden = !next;
    // Before the renewal is recorded, the renewal comes first: starting the next cycle moves the
    // profile, and this cycle's to-dos with it.
    const first = result.dates.renewed_on ? "" : "Once you have renewed (record the day in your certification), ";
    const start = first ? "start it" : "Start it";
    $("next-text").textContent = next
      ? `Your next cycle runs ${longDate(next.start)} to ${longDate(next.end)}. ${first}${start} to count the activities dated after ${longDate(result.cycle.end)} there; nothing is deleted.`
      : "";
    region.dataset.verdict = result.verdict.state;
    const planned = $("planned");
    planned.hidden = !(Number(result.planned_cecs) > 0);
    planned.textContent = planned.hidden
      ? ""
      : `With your plans: ${result.with_plans_cecs} of ${cecs(result.required_cecs)} (plans count once done).`;
    $("earned").textContent = cecs(result.earned_cecs);
    $("required").textContent = cecs(result.required_cecs);
    $("remaining").textContent = cecs(result.remaining_cecs);
    const progress = /** @type {HTMLProgressElement} */ ($("progress"));
    const required = Number(result.required_cecs);
    progress.value = required > 0 ? Math.min(1, Number(result.earned_cecs) / required) : 1;
    progress.textContent = `${result.earned_cecs} of ${result.required_cecs}`;
    const pace = result.pace;
    const paceText = PACE[/** @type {keyof PACE} */ (pace.state)] || pace.state;
    $("pace").textContent =
      pace.state === "complete" || pace.state === "not_started"
        ? paceText
        : `${paceText}: ${pace.elapsed_percent}% of your cycle has passed; a steady pace would have ${cecs(pace.expected_cecs)} by now.`;
    $("warnings").replaceChildren(
      ...[...result.warnings, ...result.requirement.notes].map((/** @type {string} */ text) => el("li", { text: longDates(text) })),
    );
    $("checklist").replaceChildren(
      ...result.checklist.map((/** @type {any} */ check) => {
        const mark = MARKS[/** @type {keyof MARKS} */ (check.state)] || "note";
        const item = el("li", { cls: `cec-check-${mark.replace(" ", "-")}` });
        item.append(el("span", { cls: "cec-mark", text: mark }), " ", el("span", { text: longDates(check.text) }));
        // Where to do it, when that is ACSM's own page (its address from rules/sources.yaml).
        if (check.link && check.state === "todo") {
          item.append(" ", el("a", { text: check.link.text, attrs: { href: check.link.url, rel: "noopener", target: "_blank" } }));
        }
        const sources = resolve(check.sources, null);
        const links = ruleLinks(sources, pages);
        if (links) item.append(" ", links);
        const words = ruleWords(sources);
        if (words) item.append(words);
        if (check.steps.length) {
          item.append(
            el("ol", { cls: "cec-steps" }, ...check.steps.map((/** @type {string} */ text) => el("li", { text: longDates(text) }))),
          );
        }
        return item;
      }),
    );
    const dates = $("dates");
    dates.replaceChildren();
    for (const [key, label] of Object.entries(DATE_LABELS)) {
      const value = result.dates[key];
      if (value) dates.append(el("div", {}, el("dt", { text: label }), el("dd", { text: longDate(value) })));
    }
    showMini(result);
  }

  /** @param {any} result */
  function showMini(result) {
    const state = result.verdict.state;
    const verdict = SHORT_VERDICT[/** @type {keyof SHORT_VERDICT} */ (state)] || "";
    const earned = Number(result.earned_cecs);
    const required = Number(result.required_cecs);
    const total =
      earned > required
        ? `${cecs(result.earned_cecs)} earned of ${result.required_cecs} needed`
        : `${result.earned_cecs} of ${cecs(result.required_cecs)}`;
    const word = state === "short" ? `${result.remaining_cecs} ${verdict}` : verdict;
    const days = result.deadline?.days_left;
    const left = typeof days === "number" && ["short", "renew", "grace"].includes(state) ? plural(days, "day left", "days left") : "";
    mini.replaceChildren(el("strong", { text: total }), ...[word, left].filter(Boolean).map((part) => ` · ${part}`));
    mini.dataset.verdict = state;
  }

  function clear() {
    for (const name of ["earned", "required", "remaining"]) $(name).textContent = "–";
    /** @type {HTMLProgressElement} */ ($("progress")).value = 0;
    for (const name of ["pace", "warnings", "checklist", "dates", "verdict-steps"]) $(name).replaceChildren();
    $("deadline").hidden = true;
    $("next-cycle").hidden = true;
    const planned = $("planned");
    planned.hidden = true;
    planned.textContent = "";
    delete region.dataset.verdict;
    delete mini.dataset.verdict;
  }

  /** @param {string} text a short line for the phone's summary when there are no totals */
  function miniText(text) {
    mini.replaceChildren(text);
  }

  /** @param {boolean} show @param {string} [text] */
  function cached(show, text = "") {
    const note = $("cached");
    note.hidden = !show;
    note.textContent = text;
  }

  return { setState, show, clear, miniText, cached, status };
}
