// @ts-check
// Loaded on every page (extra_javascript) and kept for the whole visit by Material's instant
// navigation. It binds the calculator when a page holds one, which starts the one Python worker.
// The calculator's own modules load only then (the calculator page preloads them in its head, so
// they arrive with the page); other pages run nothing but this file.
/** @type {Promise<typeof import("./app.mjs")> | undefined} */
let app;

function boot() {
  const root = /** @type {HTMLElement | null} */ (document.querySelector("[data-calculator]"));
  if (!root) return;
  app ??= import("./app.mjs");
  app.then((module) => module.bind(root));
}

if (window.document$) window.document$.subscribe(boot);
else boot();

// Offline use after the first visit (sw.js sits at the site's root, two levels up from here).
// Registered once the page has loaded, and on the calculator once Python is ready (python.mjs):
// its first downloads must not compete with Pyodide's.
export function registerOffline() {
  navigator.serviceWorker?.register(new URL("../../sw.js", import.meta.url)).catch(() => {
    // Without a service worker the site still works online; nothing to tell the reader.
  });
}

if (!document.querySelector("[data-calculator]")) {
  if (document.readyState === "complete") registerOffline();
  else window.addEventListener("load", registerOffline, { once: true });
}
