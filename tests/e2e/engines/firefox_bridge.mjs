// @ts-check
// Firefox for the journeys in tests/e2e/engines, through WebDriver BiDi with puppeteer-core:
// Python writes one JSON command a line to stdin ({id, op, tab, args}) and reads one answer a line
// ({id, value} or {id, error}). A process of its own because puppeteer-core is JavaScript, and the
// journeys (Python) drive all three engines through one small interface.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, downloads] = process.argv.slice(2);
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  defaultViewport: { width: 1280, height: 800 },
  // Nothing but this machine: no update checks, telemetry or remote settings on the way.
  extraPrefsFirefox: {
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1",
    "network.proxy.http_port": 9,
    "network.proxy.ssl": "127.0.0.1",
    "network.proxy.ssl_port": 9,
    "network.proxy.no_proxies_on": "127.0.0.1,localhost",
    "network.proxy.allow_hijacking_localhost": false,
    "browser.download.dir": downloads,
    "browser.download.folderList": 2,
    "browser.download.useDownloadDir": true,
    "browser.download.always_ask_before_handling_new_types": false,
  },
});

/** @type {Map<number, import("puppeteer-core").Page>} */
const tabs = new Map();
let nextTab = 0;
/** @type {number | null} the tab in front */
let front = null;
const INPUT = new Set(["click", "fill", "select", "setFiles"]);

/** @param {import("puppeteer-core").Page} page @param {string} css */
async function element(page, css) {
  const handle = await page.waitForSelector(css, { visible: true, timeout: 30_000 });
  if (!handle) throw new Error(`no element ${css}`);
  return handle;
}

/** @type {Record<string, (page: import("puppeteer-core").Page, ...args: any[]) => Promise<unknown>>} */
const ops = {
  async goto(page, url) {
    await page.goto(url);
  },
  async reload(page) {
    await page.reload();
  },
  async js(page, expression) {
    // A string, evaluated as the page's own script would be (a promise is awaited).
    return page.evaluate(`(async () => (${expression}))()`);
  },
  async click(page, css) {
    // Centred, still and on top already: drivers.press waits for that before it calls here.
    await (await element(page, css)).click();
  },
  async fill(page, css, text) {
    const input = await element(page, css);
    await input.evaluate((el) => {
      if (el instanceof HTMLInputElement) el.select();
    });
    await page.keyboard.press("Backspace");
    if (text) await input.type(text);
  },
  async select(page, css, value) {
    await element(page, css);
    await page.select(css, value);
  },
  async setFiles(page, css, paths) {
    const input = await page.waitForSelector(css, { timeout: 30_000 });
    if (!input) throw new Error(`no element ${css}`);
    // @ts-expect-error: uploadFile is on input elements' handles
    await input.uploadFile(...paths);
  },
  async close(page) {
    await page.close();
  },
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, op, tab, args } = JSON.parse(line);
  try {
    let value = null;
    if (op === "newTab") {
      const page = await browser.newPage();
      // The person answers OK to the page's questions ("Clear all?"), here in the page itself:
      // through BiDi an opened prompt races the session's own "dismiss" handler, and once in a
      // while confirm() returned false before our accept arrived (CI, 2026-12-08). The dialogs
      // themselves are tested in Chromium, where Playwright answers them.
      await page.evaluateOnNewDocument("window.confirm = () => true; window.alert = () => {};");
      page.on("dialog", (dialog) => dialog.accept());
      value = nextTab++;
      tabs.set(value, page);
      front = value;
    } else if (op === "version") {
      value = await browser.version();
    } else if (op === "quit") {
      await browser.close();
      process.stdout.write(`${JSON.stringify({ id, value })}\n`);
      break;
    } else {
      const page = tabs.get(tab);
      if (!page) throw new Error(`no tab ${tab}`);
      // A person switches to a tab before using it: input sent to a tab behind another may be lost.
      if (INPUT.has(op) && tab !== front) {
        await page.bringToFront();
        front = tab;
      }
      value = (await ops[op](page, ...args)) ?? null;
      if (op === "close") tabs.delete(tab);
    }
    process.stdout.write(`${JSON.stringify({ id, value })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ id, error: String(error) })}\n`);
  }
}
process.exit(0);
