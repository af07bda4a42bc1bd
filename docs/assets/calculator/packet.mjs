// @ts-check
// The printable audit packet: what was counted and why, with the rules' provenance.
import { el } from "./dom.mjs";
import { resolve } from "./rules-links.mjs";

/**
 * @param {HTMLElement} section
 * @param {any} result
 * @param {{profile: Record<string, any>, activities: Record<string, string>[]}} log
 * @param {{providers: Record<string, string>, certificationNames: string[], generated: string}} meta
 */
export function packet(section, result, log, meta) {
  const rows = result.activities.map((/** @type {any} */ decided, /** @type {number} */ index) => {
    const activity = log.activities[index];
    const sources = resolve(decided.sources, result.citations).map(
      (/** @type {any} */ s) => `${s.title} <${s.url}>${s.status === "unconfirmed" ? " (unconfirmed)" : ""}`,
    );
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
  const table = el("table", {}, el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { text: h })))), el("tbody", {}, ...rows));
  const missing = result.activities
    .map((/** @type {any} */ decided, /** @type {number} */ index) => ({ decided, activity: log.activities[index] }))
    .filter((/** @type {any} */ { decided, activity }) => decided.counted && activity.certificate !== "yes");
  section.replaceChildren(
    el("h2", { text: "CEC audit packet" }),
    el("p", { cls: "cec-packet-verdict", text: result.verdict.headline }),
    el("p", {
      cls: "cec-packet-proof",
      text: "This log is not proof: the certificates are. Attach a copy of each certificate, letter of attendance or transcript.",
    }),
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
      ? el(
          "ul",
          {},
          ...missing.map((/** @type {any} */ { activity }) => el("li", { text: `${activity.date} ${activity.title || "(untitled)"}` })),
        )
      : el("p", { text: "Every counted activity has its certificate." }),
    el("p", { text: "Made with CEC Guide, independent of ACSM. ACSM's own pages decide." }),
  );
}
