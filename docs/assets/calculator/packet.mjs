// @ts-check
// The printable audit packet: the same summary page the packet's zip holds, written by Python
// (calc.packet), shown in the page's packet section for printing.

/**
 * @param {HTMLElement} section
 * @param {string} html the summary, a whole document; Python escaped everything the user typed
 */
export function showPacket(section, html) {
  // Parsed inert (no script runs, nothing loads) and only its body taken: the page's own print
  // styles lay it out.
  const summary = new DOMParser().parseFromString(html, "text/html");
  section.replaceChildren(...[...summary.body.childNodes].map((node) => document.importNode(node, true)));
}
