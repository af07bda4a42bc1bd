"""One small interface to a browser tab, and an adapter for each engine behind it, so that each
journey is written once and walked in Chromium (Playwright), Firefox (puppeteer-core over WebDriver
BiDi, through firefox_bridge.mjs) and WebKit (WebKitGTK's WebDriver, with Selenium).

The interface is what a person does (click, type, choose, attach files) plus reading the page
with a JavaScript expression. Dates are the one exception: each engine's date picker takes
keystrokes in its own order, so `set_date` sets the value and sends the events a picker sends.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[3]
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
WAIT_MS = 90_000


class Tab(Protocol):
    def goto(self, url: str) -> None: ...
    def reload(self) -> None: ...
    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""

    def click(self, css: str) -> None: ...
    def fill(self, css: str, text: str) -> None: ...
    def select(self, css: str, value: str) -> None: ...
    def set_files(self, css: str, paths: list[Path]) -> None: ...
    def close(self) -> None: ...


class Engine(Protocol):
    name: str
    version: str

    def new_tab(self) -> Tab: ...
    def quit(self) -> None: ...


# --- what every engine shares ----------------------------------------------------------------


def wait(tab: Tab, expression: str, timeout_ms: int = WAIT_MS) -> Any:
    """Polls an expression until it is truthy, and returns its value."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        value = tab.js(expression)
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        time.sleep(0.1)


def set_date(tab: Tab, css: str, value: str) -> None:
    tab.js(
        f"(() => {{ const el = document.querySelector({json.dumps(css)}); el.value = "
        f"{json.dumps(value)}; el.dispatchEvent(new Event('input', {{bubbles: true}})); "
        "el.dispatchEvent(new Event('change', {bubbles: true})); return true; })()"
    )


# The page downloads by clicking a link to a blob; the journeys read what it hands over there,
# the same way in every engine (a headless engine's own download folder differs from one to the
# next, and WebKitGTK's automation has none).
_CAPTURE = """(() => {
  if (window.__cecDownloads) return true;
  window.__cecDownloads = [];
  // The blob behind each link, kept as it is made: the site's CSP lets no fetch read a blob URL.
  const blobs = new Map();
  const make = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    const url = make.call(URL, blob);
    blobs.set(url, blob);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = blobs.get(this.href);
    if (!this.download || !blob) return click.call(this);
    const name = this.download;
    window.__cecDownloads.push(blob.arrayBuffer().then((buffer) => {
      const bytes = new Uint8Array(buffer);
      let text = "";
      for (let i = 0; i < bytes.length; i += 8192)
        text += String.fromCharCode(...bytes.subarray(i, i + 8192));
      return [name, btoa(text)];
    }));
  };
  return true;
})()"""


def capture_downloads(tab: Tab) -> None:
    """From now on (until the page is left) downloads are kept for `downloads` to read."""
    tab.js(_CAPTURE)


def downloads(tab: Tab, count: int) -> dict[str, bytes]:
    """The first COUNT files the page downloaded since `capture_downloads`, by name."""
    wait(tab, f"window.__cecDownloads.length >= {count}")
    pairs = tab.js("Promise.all(window.__cecDownloads)")
    return {name: base64.b64decode(data) for name, data in pairs}


# Playwright waits until an element is still and on top before it clicks; WebDriver clicks at
# once where the element was. A button that moved as the page finished rendering (a row added
# above it) then lets the press land elsewhere: seen as a Share press that did nothing in one
# fresh-clone run in ten. So in Firefox and WebKit a press waits until the element is shown,
# still and on top, and the page notes (in sessionStorage, which outlives a reload the press may
# cause) that it arrived.
_ARM = """(async (css, token) => {
  // Not requestAnimationFrame: a WebKit tab opened by WebDriver may never draw a frame.
  const frame = () => new Promise((r) => setTimeout(() => r(null), 50));
  const visible = () => [...document.querySelectorAll(css)].find((e) => e.getClientRects().length);
  const shown = Date.now() + 30000;
  let el;
  while (!(el = visible())) {
    if (Date.now() > shown) return "no visible element after 30 s";
    await frame();
  }
  el.scrollIntoView({block: "center", inline: "center"});
  const deadline = Date.now() + 5000;
  let before = "";
  for (;;) {
    await frame();
    const r = el.getBoundingClientRect();
    const here = [r.x, r.y, r.width, r.height].join();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    if (here === before && top && el.contains(top)) break;
    if (Date.now() > deadline) return `not still and on top: ${here}, ${top && top.outerHTML.slice(0, 80)}`;
    before = here;
  }
  // A press that lands elsewhere is noted too, with what it hit: pressed again, a stray press
  // on a control ("Clear all", "Remove") would be confirmed silently by the accepted dialogs.
  sessionStorage.removeItem("cecClickStray");
  const arrived = (event) => {
    if (!el.contains(event.target)) {
      const control = event.target.closest?.("button, a, input, select, textarea, label, summary, [role=button]");
      if (control) sessionStorage.setItem("cecClickStray", `${token} ${control.outerHTML.slice(0, 120)}`);
      return;
    }
    sessionStorage.setItem("cecClickArrived", token);
    window.removeEventListener("click", arrived, true);
  };
  window.addEventListener("click", arrived, true);
  return "";
})"""
_presses = itertools.count()


def press(tab: Tab, css: str, click: Any) -> None:
    """Calls CLICK (the engine's own press on CSS) once the element is still and on top, and
    again (as a person would) if the page never received it; at most three presses. A press
    that reached another control instead, or a page that stops answering, fails at once: pressed
    again, it would hide a product's fault (or a crash) as a lost click."""
    for _ in range(3):
        token = f"press-{next(_presses)}"
        problem = tab.js(f"{_ARM}({json.dumps(css)}, {json.dumps(token)})")
        if problem:
            raise AssertionError(f"cannot press {css}: {problem}")
        click()
        deadline = time.monotonic() + 3
        answered, failure = False, ""
        while time.monotonic() < deadline:
            try:
                arrived, stray = tab.js(
                    "[sessionStorage.getItem('cecClickArrived'), "
                    "sessionStorage.getItem('cecClickStray')]"
                )
                answered = True
            except Exception as error:  # a reload the press caused may be under way
                failure = str(error)
                time.sleep(0.1)
                continue
            if arrived == token:
                return
            if stray and stray.startswith(f"{token} "):
                raise AssertionError(f"the press on {css} landed on {stray.split(' ', 1)[1]}")
            time.sleep(0.1)
        if not answered:
            raise AssertionError(f"the page stopped answering after a press on {css}: {failure}")
    raise AssertionError(f"three presses on {css} never reached the page")


# --- Chromium, with Playwright -----------------------------------------------------------------


class PlaywrightTab:
    def __init__(self, page: Any) -> None:
        self.page = page
        page.on("dialog", lambda dialog: dialog.accept())

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def reload(self) -> None:
        self.page.reload()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(f"async () => ({expression})")

    def click(self, css: str) -> None:
        self.page.locator(css).click()

    def fill(self, css: str, text: str) -> None:
        self.page.locator(css).fill(text)

    def select(self, css: str, value: str) -> None:
        self.page.locator(css).select_option(value)

    def set_files(self, css: str, paths: list[Path]) -> None:
        self.page.locator(css).set_input_files([str(p) for p in paths])

    def close(self) -> None:
        self.page.close()


class Chromium:
    name = "chromium"

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context()
        self.version = browser.version

    def new_tab(self) -> Tab:
        return PlaywrightTab(self.context.new_page())

    def quit(self) -> None:
        self.context.close()


# --- Firefox, with puppeteer-core over WebDriver BiDi -----------------------------------------


def firefox_path() -> str | None:
    return os.environ.get("CEC_FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox")


class Firefox:
    name = "firefox"

    def __init__(self, executable: str, downloads_dir: Path) -> None:
        self.process = subprocess.Popen(
            [
                "node",
                str(Path(__file__).with_name("firefox_bridge.mjs")),
                executable,
                str(downloads_dir),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ids = itertools.count()
        self.version = str(self.call("version"))

    def call(self, op: str, tab: int | None = None, *args: Any) -> Any:
        assert self.process.stdin and self.process.stdout
        number = next(self.ids)
        message = {"id": number, "op": op, "tab": tab, "args": list(args)}
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"Firefox's bridge ended (exit code {self.process.wait()})")
        answer = json.loads(line)
        assert answer["id"] == number
        if "error" in answer:
            raise AssertionError(f"Firefox, {op} {args!r}: {answer['error']}")
        return answer["value"]

    def new_tab(self) -> Tab:
        return FirefoxTab(self, self.call("newTab"))

    def quit(self) -> None:
        try:
            self.call("quit")
        finally:
            self.process.wait(timeout=30)
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe:
                    pipe.close()


class FirefoxTab:
    def __init__(self, firefox: Firefox, number: int) -> None:
        self.firefox = firefox
        self.number = number

    def _do(self, op: str, *args: Any) -> Any:
        return self.firefox.call(op, self.number, *args)

    def goto(self, url: str) -> None:
        self._do("goto", url)

    def reload(self) -> None:
        self._do("reload")

    def js(self, expression: str) -> Any:
        return self._do("js", expression)

    def click(self, css: str) -> None:
        press(self, css, lambda: self._do("click", css))

    def fill(self, css: str, text: str) -> None:
        self._do("fill", css, text)

    def select(self, css: str, value: str) -> None:
        self._do("select", css, value)

    def set_files(self, css: str, paths: list[Path]) -> None:
        self._do("setFiles", css, [str(p) for p in paths])

    def close(self) -> None:
        self._do("close")


# --- WebKit (Safari's engine), with WebKitGTK's WebDriver and Selenium ------------------------


def webkit_driver() -> str | None:
    return shutil.which("WebKitWebDriver")


class WebKit:
    name = "webkit"

    def __init__(self, display: str) -> None:
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        options.set_capability("unhandledPromptBehavior", "accept")
        env = {**os.environ, "DISPLAY": display}
        service = Service(executable_path=webkit_driver(), env=env)
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.driver.set_script_timeout(WAIT_MS / 1000)
        self.version = f"WebKitGTK {self.driver.capabilities.get('browserVersion')}"
        self.first: str | None = self.driver.current_window_handle
        self.current = self.first

    def focus(self, handle: str) -> None:
        if self.current != handle:
            self.driver.switch_to.window(handle)
            self.current = handle

    def new_tab(self) -> Tab:
        if self.first is not None:  # the window the session opened with is the first tab
            handle, self.first = self.first, None
        else:
            self.driver.switch_to.new_window("tab")
            handle = self.current = self.driver.current_window_handle
        return WebKitTab(self, handle)

    def quit(self) -> None:
        self.driver.quit()


class WebKitTab:
    def __init__(self, webkit: WebKit, handle: str) -> None:
        self.webkit = webkit
        self.handle = handle

    @property
    def driver(self) -> Any:
        self.webkit.focus(self.handle)
        return self.webkit.driver

    def element(self, css: str, visible: bool = True) -> Any:
        from selenium.common.exceptions import NoSuchElementException
        from selenium.webdriver.common.by import By

        deadline = time.monotonic() + 30
        while True:
            try:
                found = self.driver.find_element(By.CSS_SELECTOR, css)
                if not visible or found.is_displayed():
                    return found
            except NoSuchElementException:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"WebKit: no {'visible ' if visible else ''}element {css}")
            time.sleep(0.1)

    def goto(self, url: str) -> None:
        self.driver.get(url)
        self.answer_dialogs()

    def reload(self) -> None:
        self.driver.refresh()
        self.answer_dialogs()

    def answer_dialogs(self) -> None:
        """The person answers OK to the page's questions (confirm before replacing a log). Here in
        the page itself: WebKit's WebDriver never finishes a script that runs while a dialog is
        open, so no dialog may open."""
        self.driver.execute_script("window.confirm = () => true; window.alert = () => {};")

    def js(self, expression: str) -> Any:
        answer = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"Promise.resolve().then(() => ({expression}))"
            ".then((v) => done({v: v === undefined ? null : v}),"
            " (e) => done({e: String((e && e.stack) || e)}));"
        )
        if "e" in answer:
            raise AssertionError(f"WebKit, {expression[:80]}: {answer['e']}")
        return answer["v"]

    def click(self, css: str) -> None:
        press(self, css, lambda: self.element(css).click())

    def fill(self, css: str, text: str) -> None:
        from selenium.webdriver.common.keys import Keys

        field = self.element(css)
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(Keys.BACKSPACE)
        if text:
            field.send_keys(text)

    def select(self, css: str, value: str) -> None:
        from selenium.webdriver.support.select import Select

        Select(self.element(css)).select_by_value(value)

    def set_files(self, css: str, paths: list[Path]) -> None:
        self.element(css, visible=False).send_keys("\n".join(str(p) for p in paths))

    def close(self) -> None:
        self.driver.close()
        self.webkit.current = None
