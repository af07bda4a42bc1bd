// Turning the calculator's answers into page content. Everything the user typed, and every
// text Python sends back, is set with textContent: never parsed as HTML.

const PAGE_TITLES = {
  certifications: "How many CECs",
  "what-counts": "What counts",
  units: "Units and providers",
  renewing: "Renewing",
  audits: "Audits",
  tracking: "Tracking",
};
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

export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.cls) node.className = options.cls;
  if (options.text !== undefined) node.textContent = options.text;
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// The site's root, from the calculator page's own address (works under any base path).
export function siteRoot() {
  return new URL("../", window.location.href);
}

// A result names the sources of each activity by key into its citations table.
function resolve(sources, citations) {
  return citations ? sources.map((key) => citations[key]).filter(Boolean) : sources;
}

// One link per page (to the first rule that decided), so no two links share a name; marked
// unconfirmed when any rule applied from that page is.
function ruleLinks(sources) {
  const byPage = new Map();
  for (const source of sources) {
    const first = byPage.get(source.page);
    if (!first) byPage.set(source.page, { ...source });
    else if (source.status === "unconfirmed") first.status = "unconfirmed";
  }
  const links = [];
  for (const source of byPage.values()) {
    const link = el("a", { text: PAGE_TITLES[source.page] || source.page });
    link.href = new URL(`${source.page}/#${source.anchor}`, siteRoot()).href;
    links.push(link);
    if (source.status === "unconfirmed") links.push(el("span", { cls: "cec-unconfirmed", text: "unconfirmed" }));
  }
  if (!links.length) return null;
  const line = el("span", { cls: "cec-rules", text: "Rules: " });
  line.prepend(el("span", { cls: "cec-sep", text: " · ", attrs: { "aria-hidden": "true" } }));
  links.forEach((link, i) => line.append(...(i && link.tagName === "A" ? [" · ", link] : [" ", link])));
  return line;
}

function describe(activity, providers, decided) {
  const title = activity.title || "(untitled)";
  const who = providers[activity.provider] || activity.provider;
  const amount = decided ? decided.amount_text : activity.amount || "?";
  return `${activity.date || "no date"} · ${title} · ${amount} from ${who}`;
}

function cecsText(value) {
  return `${value} ${Number(value) === 1 ? "CEC" : "CECs"}`;
}

export function activityRow(index, activity, decided, problems, providers, actions, citations) {
  const item = el("li", { cls: "cec-activity", attrs: { "data-row": String(index + 1) } });
  const head = el("div", { cls: "cec-activity-head" });
  head.append(el("span", { cls: "cec-activity-what", text: describe(activity, providers, decided) }));
  if (decided?.planned) {
    head.append(el("span", { cls: "cec-badge cec-planned-badge", text: "planned" }));
    head.append(el("strong", { cls: "cec-activity-cecs", text: cecsText(decided.cecs) }));
  } else if (decided) {
    head.append(el("strong", { cls: "cec-activity-cecs", text: cecsText(decided.cecs) }));
  } else if (!problems.length) {
    head.append(el("span", { cls: "cec-activity-cecs", text: "…" }));
  }
  item.append(head);
  if (decided) {
    item.append(el("p", { cls: "cec-explanation", text: decided.explanation }));
    for (const warning of decided.warnings) item.append(el("p", { cls: "cec-row-warning", text: warning }));
    const extra = el("p", { cls: "cec-activity-meta" });
    const links = ruleLinks(resolve(decided.sources, citations));
    if (links) extra.append(links);
    if (!activity.certificate || activity.certificate === "no") {
      if (decided.counted) extra.append(" ", el("span", { cls: "cec-badge", text: "no certificate yet" }));
    }
    if (decided.to_report) extra.append(" ", el("span", { cls: "cec-badge", text: "not yet in ACSM's tool" }));
    for (const note of decided.notes) extra.append(" ", el("span", { cls: "cec-note", text: note }));
    if (extra.childNodes.length) item.append(extra);
  }
  for (const problem of problems) {
    item.append(el("p", { cls: "cec-error", text: `${problem.column || "activity"}: ${problem.message}` }));
  }
  const buttons = el("p", { cls: "cec-row-buttons" });
  const edit = el("button", { cls: "md-button cec-small", text: "Edit", attrs: { type: "button", "aria-label": `Edit activity ${index + 1}` } });
  edit.addEventListener("click", () => actions.edit(index));
  const remove = el("button", { cls: "md-button cec-small", text: "Remove", attrs: { type: "button", "aria-label": `Remove activity ${index + 1}` } });
  remove.addEventListener("click", () => actions.remove(index));
  buttons.append(edit, " ", remove);
  item.append(buttons);
  return item;
}

// Rows are rebuilt only when what they show changed: a log of a thousand activities redraws
// one row, not a thousand, when one changes.
const drawn = new WeakMap(); // list element -> Map(signature -> row element)

export function activities(list, log, result, problems, providers, actions) {
  const byRow = new Map();
  for (const problem of problems) {
    if (!problem.row) continue;
    byRow.set(problem.row, [...(byRow.get(problem.row) || []), problem]);
  }
  const before = drawn.get(list) || new Map();
  const now = new Map();
  const rows = log.activities.map((activity, index) => {
    const decided = result?.activities[index];
    const rowProblems = byRow.get(index + 1) || [];
    const sources = decided ? resolve(decided.sources, result.citations) : [];
    const signature = JSON.stringify([index, activity, decided, sources, rowProblems]);
    const row = before.get(signature) || activityRow(index, activity, decided, rowProblems, providers, actions, result?.citations);
    now.set(signature, row);
    return row;
  });
  drawn.set(list, now);
  list.replaceChildren(...rows);
}

function steps(list) {
  return list.length ? el("ol", { cls: "cec-steps" }, ...list.map((text) => el("li", { text }))) : null;
}

export function summary(region, result) {
  region.querySelector("[data-verdict-steps]").replaceChildren(...result.verdict.steps.map((text) => el("li", { text })));
  region.dataset.verdict = result.verdict.state;
  const planned = region.querySelector("[data-planned]");
  planned.hidden = !(Number(result.planned_cecs) > 0);
  planned.textContent = planned.hidden
    ? ""
    : `With your planned courses: ${result.with_plans_cecs} of ${result.required_cecs} CECs (plans count once done).`;
  region.querySelector("[data-earned]").textContent = cecsText(result.earned_cecs);
  region.querySelector("[data-required]").textContent = cecsText(result.required_cecs);
  region.querySelector("[data-remaining]").textContent = cecsText(result.remaining_cecs);
  const progress = region.querySelector("[data-progress]");
  progress.value = result.required_cecs > 0 ? Math.min(1, result.earned_cecs / result.required_cecs) : 1;
  progress.textContent = `${result.earned_cecs} of ${result.required_cecs}`;
  const pace = result.pace;
  const paceText = PACE[pace.state] || pace.state;
  region.querySelector("[data-pace]").textContent =
    pace.state === "complete" || pace.state === "not_started"
      ? paceText
      : `${paceText}: ${pace.elapsed_percent}% of your cycle has passed; a steady pace would have ${pace.expected_cecs} CECs by now.`;
  const warnings = region.querySelector("[data-warnings]");
  warnings.replaceChildren(
    ...[...result.warnings, ...result.requirement.notes].map((text) => el("li", { text })),
  );
  const checklist = region.querySelector("[data-checklist]");
  checklist.replaceChildren(
    ...result.checklist.map((check) => {
      const mark = MARKS[check.state] || "note";
      const item = el("li", { cls: `cec-check-${mark.replace(" ", "-")}` });
      item.append(el("span", { cls: "cec-mark", text: mark }), " ", el("span", { text: check.text }));
      const links = ruleLinks(resolve(check.sources, null));
      if (links) item.append(" ", links);
      const how = steps(check.steps);
      if (how) item.append(how);
      return item;
    }),
  );
  const dates = region.querySelector("[data-dates]");
  dates.replaceChildren();
  for (const [key, label] of Object.entries(DATE_LABELS)) {
    const value = result.dates[key];
    if (!value) continue;
    dates.append(el("div", {}, el("dt", { text: label }), el("dd", { text: value })));
  }
}

export function clearSummary(region) {
  for (const name of ["earned", "required", "remaining"]) region.querySelector(`[data-${name}]`).textContent = "–";
  region.querySelector("[data-progress]").value = 0;
  for (const name of ["pace", "warnings", "checklist", "dates", "verdict-steps"]) region.querySelector(`[data-${name}]`).replaceChildren();
  const planned = region.querySelector("[data-planned]");
  planned.hidden = true;
  planned.textContent = "";
  delete region.dataset.verdict;
}

// The printable audit packet: what was counted and why, with the rules' provenance.
export function packet(section, result, log, meta) {
  const rows = result.activities.map((decided, index) => {
    const activity = log.activities[index];
    const sources = resolve(decided.sources, result.citations).map((s) => `${s.title} <${s.url}>${s.status === "unconfirmed" ? " (unconfirmed)" : ""}`);
    return el(
      "tr",
      {},
      el("td", { text: activity.date }),
      el("td", { text: activity.title || "(untitled)" }),
      el("td", { text: `${decided.amount_text} (${meta.providers[activity.provider] || activity.provider})` }),
      el("td", { text: decided.planned ? `planned: 0 now, ${decided.would_cecs} once done` : String(decided.cecs) }),
      el("td", { text: decided.explanation }),
      el("td", { text: sources.join("; ") }),
      el("td", { text: activity.certificate === "yes" ? "yes" : "MISSING" }),
    );
  });
  const headers = ["Date", "Activity", "Credits", "CECs", "Why", "Rules' sources", "Certificate"];
  const table = el(
    "table",
    {},
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { text: h })))),
    el("tbody", {}, ...rows),
  );
  const missing = result.activities
    .map((decided, index) => ({ decided, activity: log.activities[index] }))
    .filter(({ decided, activity }) => decided.counted && activity.certificate !== "yes");
  section.replaceChildren(
    el("h2", { text: "CEC audit packet" }),
    el("p", { cls: "cec-packet-verdict", text: result.verdict.headline }),
    el("p", { cls: "cec-packet-proof", text: "This log is not proof: the certificates are. Attach a copy of each certificate, letter of attendance or transcript." }),
    el(
      "dl",
      {},
      ...[
        ["Certifications", meta.certificationNames.join(", ")],
        ["Cycle", `${result.cycle.start} to ${result.cycle.end}`],
        ["CPR/AED card expires", log.profile.cpr_expires || "not given"],
        ["CECs", `${result.earned_cecs} earned of ${result.required_cecs} required (${result.status})`],
        ["Renewed on", result.dates.renewed_on || "not yet"],
        ["Keep certificates until at least", result.dates.keep_proof_until || "not known"],
        ["Generated", meta.generated],
        ["Rules last verified", result.rules_last_verified],
      ].map(([term, value]) => el("div", {}, el("dt", { text: term }), el("dd", { text: value }))),
    ),
    el("h3", { text: "Activities" }),
    table,
    el("h3", { text: "Certificates to gather" }),
    missing.length
      ? el("ul", {}, ...missing.map(({ activity }) => el("li", { text: `${activity.date} ${activity.title || "(untitled)"}` })))
      : el("p", { text: "Every counted activity has its certificate." }),
    el("p", { text: "Made with CEC Guide, independent of ACSM. ACSM's own pages decide." }),
  );
}
