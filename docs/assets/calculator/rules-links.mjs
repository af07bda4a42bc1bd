// @ts-check
// Links from a result to the reference pages whose rules decided it.
import { el, siteRoot } from "./dom.mjs";

/** @typedef {{page: string, anchor: string, status: string, title?: string, url?: string, quote?: string | null}} Source */

/**
 * A result names the sources of each activity by key into its citations table.
 * @param {any[]} sources
 * @param {Record<string, Source> | null | undefined} citations
 * @returns {Source[]}
 */
export function resolve(sources, citations) {
  return citations ? sources.map((key) => citations[key]).filter(Boolean) : sources;
}

/**
 * One link per page (to the first rule that decided), so no two links share a name; marked
 * unconfirmed when any rule applied from that page is.
 * @param {Source[]} sources
 * @param {Record<string, string>} pages page id -> title, from the page's contract
 */
export function ruleLinks(sources, pages) {
  /** @type {Map<string, Source>} */
  const byPage = new Map();
  for (const source of sources) {
    const first = byPage.get(source.page);
    if (!first) byPage.set(source.page, { ...source });
    else if (source.status === "unconfirmed") first.status = "unconfirmed";
  }
  /** @type {HTMLElement[]} */
  const links = [];
  for (const source of byPage.values()) {
    const link = /** @type {HTMLAnchorElement} */ (el("a", { text: pages[source.page] || source.page }));
    link.href = new URL(`${source.page}/#${source.anchor}`, siteRoot()).href;
    links.push(link);
    if (source.status === "unconfirmed") links.push(el("span", { cls: "cec-unconfirmed", text: "unconfirmed" }));
  }
  if (!links.length) return null;
  const line = el("span", { cls: "cec-rules", text: "Rules: " });
  line.prepend(el("span", { cls: "cec-sep", text: " · ", attrs: { "aria-hidden": "true" } }));
  for (const [i, link] of links.entries()) line.append(...(i && link.tagName === "A" ? [" · ", link] : [" ", link]));
  return line;
}

/**
 * The words of the sources behind a decision, one click away: closed, after the plain answer and
 * its links, each quote once (two rules may rest on one sentence) with the page it is from.
 * @param {Source[]} sources
 */
export function ruleWords(sources) {
  /** @type {Map<string, Source>} */
  const quoted = new Map();
  for (const source of sources) if (source.quote && !quoted.has(source.quote)) quoted.set(source.quote, source);
  if (!quoted.size) return null;
  const words = el("details", { cls: "cec-words" }, el("summary", { text: "In the source's words" }));
  for (const [quote, source] of quoted) {
    const from = el("a", { text: source.title || source.url || "", attrs: { href: source.url || "", rel: "noopener", target: "_blank" } });
    const said = el("blockquote", {}, el("p", { text: `“${quote}”` }), el("p", { cls: "cec-words-from" }, "From ", from));
    if (source.status === "unconfirmed")
      said.append(el("p", { cls: "cec-words-from", text: "ACSM has not confirmed this value: the site assumes it." }));
    words.append(said);
  }
  return words;
}
