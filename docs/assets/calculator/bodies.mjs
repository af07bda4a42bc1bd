// @ts-check
// Other certifying bodies (ACE, NASM, NSCA...): the certifications held from them, kept in the
// profile as `others`, and what calc.bridge.other_bodies answers for them: one card per body in
// "Where you stand", and what each activity counts there. Absent from a log with ACSM alone.
import { el, longDate, longDates } from "./dom.mjs";
import { OTHER_FIELDS } from "./store.mjs";

/** @typedef {Record<string, string>} Other a certification held: its id and days */

// Each status of calc.bodies as a person reads it.
const STATUS_WORDS = {
  counted: "counts",
  capped: "capped",
  needs_petition: "needs a petition",
  not_accepted: "does not count",
  outside_cycle: "outside the cycle",
  planned: "planned",
  unknown: "not known",
};
const STATE_WORDS = { complete: "done", to_do: "to do", grace: "grace period", lapsed: "lapsed", unknown: "not known" };

/**
 * The editor of the other certifications held, in the profile's section.
 * @param {HTMLDetailsElement} box the folded part ([data-others])
 * @param {(others: Other[]) => void} changed called with the new list
 */
export function setupEditor(box, changed) {
  const list = /** @type {HTMLElement} */ (box.querySelector("[data-others-list]"));
  const add = /** @type {HTMLElement} */ (box.querySelector("[data-others-add]"));
  const error = /** @type {HTMLElement} */ (box.querySelector("[data-others-error]"));
  const select = /** @type {HTMLSelectElement} */ (add.querySelector("select"));
  /** @param {string} name */
  const input = (name) => /** @type {HTMLInputElement} */ (add.querySelector(`[name=${name}]`));
  const names = Object.fromEntries([...select.options].map((o) => [o.value, o.textContent || o.value]));
  // Each certification's body, by its abbreviation (the option group's label ends "(ACE)").
  const bodyOf = Object.fromEntries(
    [...select.querySelectorAll("optgroup")].flatMap((group) =>
      [...group.querySelectorAll("option")].map((o) => [o.value, /\(([^()]+)\)$/.exec(group.label)?.[1] || group.label]),
    ),
  );
  const summary = /** @type {HTMLElement} */ (box.querySelector("summary"));
  const first = summary.textContent || "";
  /** @type {Other[]} */
  let held = [];

  /** @param {Other} other */
  function described(other) {
    const parts = [names[other.certification] || other.certification];
    if (other.certified) parts.push(`certified ${longDate(other.certified)}`);
    if (other.cycle_end) parts.push(`cycle ends ${longDate(other.cycle_end)}`);
    if (other.renewed_on) parts.push(`renewed ${longDate(other.renewed_on)}`);
    return parts.join(" · ");
  }

  /** @param {Other[]} others */
  function fill(others) {
    held = others;
    list.replaceChildren(
      ...others.map((other, index) => {
        const name = names[other.certification] || other.certification;
        const remove = el("button", {
          cls: "md-button cec-small",
          text: "Remove",
          attrs: { type: "button", "aria-label": `Remove ${name}` },
        });
        remove.addEventListener("click", () => {
          update(held.filter((_, i) => i !== index));
          select.focus();
        });
        return el("li", { attrs: { "data-other": other.certification } }, el("span", { text: described(other) }), " ", remove);
      }),
    );
    list.hidden = !others.length;
    // Folded, it says what it holds: a returning visitor's answer stays near the top.
    const bodies = [...new Set(others.map((o) => bodyOf[o.certification] || o.certification))];
    summary.textContent = others.length ? `Other certifications you hold: ${bodies.join(", ")}` : first;
  }

  /** @param {Other[]} others the new list, shown and handed on */
  function update(others) {
    fill(others);
    changed(others);
  }

  // What Python last said of the list. A message of this form's own ("already in your list")
  // stays until Python has something to say: a recompute that was already on its way when it
  // was written must not wipe it.
  let said = "";
  /** @param {string[]} messages what Python found wrong with the list */
  function errors(messages) {
    const text = messages.join(" ");
    if (text || error.textContent === said) error.textContent = text;
    said = text;
  }

  /** @type {HTMLButtonElement} */ (box.querySelector("[data-others-save]")).addEventListener("click", () => {
    if (!select.value) {
      error.textContent = "Choose a certification first.";
      select.focus();
      return;
    }
    if (held.some((o) => o.certification === select.value)) {
      error.textContent = `${names[select.value]} is already in your list: remove it first to change its dates.`;
      select.focus();
      return;
    }
    /** @type {Other} */
    const other = { certification: select.value };
    for (const key of OTHER_FIELDS.slice(1)) {
      const field = add.querySelector(`[name=${key}]`);
      if (field && /** @type {HTMLInputElement} */ (field).value) other[key] = /** @type {HTMLInputElement} */ (field).value;
    }
    error.textContent = "";
    select.value = "";
    for (const key of ["certified", "cycle_end", "renewed_on"]) input(key).value = "";
    update([...held, other]);
  });

  return { fill, errors };
}

/**
 * A body's card: its answer first, then its checklist, and its audit packet.
 * @param {any} body an entry of other_bodies' "bodies"
 * @param {((body: string) => void) | null} packet makes the body's packet (none: a shared log)
 */
function card(body, packet) {
  const item = el("section", {
    cls: "cec-body-card",
    attrs: { id: `cec-body-${body.body}`, "data-body": body.body, "data-state": body.verdict.state },
  });
  const mark = STATE_WORDS[/** @type {keyof STATE_WORDS} */ (body.verdict.state)] || body.verdict.state;
  item.append(
    el("h4", {}, el("span", { cls: `cec-mark cec-body-${body.verdict.state}`, text: mark }), " ", longDates(body.verdict.headline)),
  );
  for (const cert of body.by_certification) {
    if (body.by_certification.length > 1) item.append(el("p", { cls: "cec-body-cert", text: longDates(cert.verdict.headline) }));
    item.append(
      el(
        "ul",
        { cls: "cec-checklist" },
        ...cert.checklist.map((/** @type {any} */ check) => {
          const state = check.ok ? "done" : "to do";
          return el(
            "li",
            { cls: `cec-check-${check.ok ? "done" : "to-do"}` },
            el("span", { cls: "cec-mark", text: state }),
            " ",
            el("span", { text: longDates(check.text) }),
          );
        }),
      ),
    );
    for (const note of cert.notes) item.append(el("p", { cls: "cec-help", text: longDates(note) }));
  }
  if (packet) {
    const button = el("button", {
      cls: "md-button cec-small",
      text: `Download the ${body.abbreviation} audit packet`,
      attrs: { type: "button", "data-body-packet": body.body },
    });
    button.addEventListener("click", () => packet(body.body));
    item.append(el("p", { cls: "cec-buttons" }, button));
  }
  return item;
}

/**
 * Shows other_bodies' answer (null: none held, or nothing to show) in the results.
 * @param {HTMLElement} summary the headlines near the top ([data-bodies-summary])
 * @param {HTMLElement} cards the cards below ACSM's dates ([data-bodies])
 * @param {any} answer
 * @param {((body: string) => void) | null} [packet] makes a body's audit packet
 */
export function show(summary, cards, answer, packet = null) {
  const bodies = answer?.ok ? answer.bodies : [];
  summary.hidden = cards.hidden = !answer;
  // ACSM's totals above are ACSM's alone: the other bodies' answers follow, each a link to its card.
  summary.replaceChildren();
  if (bodies.length) {
    summary.append(
      el("p", { cls: "cec-bodies-lead", text: "Your other certifications:" }),
      el(
        "ul",
        {},
        ...bodies.map((/** @type {any} */ b) =>
          el(
            "li",
            { attrs: { "data-body": b.body } },
            el("a", { text: longDates(b.verdict.headline), attrs: { href: `#cec-body-${b.body}` } }),
          ),
        ),
      ),
    );
  }
  cards.replaceChildren();
  if (!answer) return;
  cards.append(el("h3", { text: "Your other certifications" }));
  if (!answer.ok) {
    const said = answer.problems ? answer.problems.map((/** @type {any} */ p) => p.message).join(" ") : answer.error;
    cards.append(el("p", { cls: "cec-error", text: `These cannot be counted yet: ${said}` }));
    return;
  }
  cards.append(...bodies.map((/** @type {any} */ b) => card(b, packet)));
}

/**
 * What one activity counts for each other body, as lines under it.
 * @param {Record<string, {amount: string, status: string, reason: string}> | undefined} counts
 * @param {Record<string, string>} units each body's unit ("ACE CECs"), by id
 */
export function countsList(counts, units) {
  if (!counts) return null;
  const items = Object.entries(counts).map(([body, count]) => {
    const said = STATUS_WORDS[/** @type {keyof STATUS_WORDS} */ (count.status)] || count.status;
    return el(
      "li",
      { attrs: { "data-body": body, "data-status": count.status } },
      el("strong", { text: `${count.amount} ${units[body] || body}` }),
      `, ${said}: ${longDates(count.reason)}`,
    );
  });
  return items.length ? el("ul", { cls: "cec-body-counts", attrs: { "aria-label": "For your other certifications" } }, ...items) : null;
}
