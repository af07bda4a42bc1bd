// The calculator page's main-thread side: form, state and rendering. The Python runs in one
// module worker started when a calculator page is first shown and kept for the whole visit.
// Everything the user typed is rendered with textContent, never as HTML.

let worker = null;
let workerState = { state: "loading", message: "" };
let nextId = 1;
const pending = new Map();
const stateListeners = new Set();

// Kept at module level so it survives Material's instant navigation between pages.
const log = { activities: [] };

function startWorker() {
  if (worker) return worker;
  worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module" });
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "status") {
      workerState = { state: message.state, message: message.message || "" };
      stateListeners.forEach((listener) => listener());
    } else if (message.type === "result") {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      if (resolve) resolve(message.response);
    }
  };
  worker.onerror = (event) => {
    workerState = { state: "error", message: event.message || "the calculator could not start" };
    stateListeners.forEach((listener) => listener());
  };
  return worker;
}

function compute(request) {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    startWorker().postMessage({ id, request });
  });
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function defaultCycleEnd() {
  return `${new Date().getFullYear()}-12-31`;
}

function bind(root) {
  if (root.dataset.bound === "true") return;
  root.dataset.bound = "true";
  startWorker();

  const profileForm = root.querySelector("[data-profile]");
  const activityForm = root.querySelector("[data-activity]");
  const results = root.querySelector("[data-results]");
  const status = results.querySelector("[data-status]");
  const list = results.querySelector("[data-activities]");
  const errorBox = activityForm.querySelector("[data-error]");
  const cycleEnd = profileForm.querySelector("[name=cycle_end]");
  if (!cycleEnd.value) cycleEnd.value = defaultCycleEnd();
  let latest = 0;

  function profile() {
    const certifications = [...profileForm.querySelectorAll("[name=certifications]:checked")].map((c) => c.value);
    return { certifications, cycle_end: cycleEnd.value };
  }

  function setState(state, message) {
    results.dataset.state = state;
    status.textContent = message;
  }

  function renderResult(result) {
    results.querySelector("[data-earned]").textContent = `${result.earned_cecs} CECs`;
    results.querySelector("[data-required]").textContent = `${result.required_cecs} CECs`;
    results.querySelector("[data-remaining]").textContent = `${result.remaining_cecs} CECs`;
    list.replaceChildren();
    result.activities.forEach((activity, index) => {
      const item = element("li");
      item.append(element("span", `${activity.date} ${activity.title || "(untitled)"}: `, "cec-activity-title"));
      item.append(element("strong", `${activity.cecs} CECs`));
      item.append(element("span", ` ${activity.explanation}`, "cec-explanation"));
      const remove = element("button", "Remove", "md-button cec-remove");
      remove.type = "button";
      remove.setAttribute("aria-label", `Remove activity ${index + 1}`);
      remove.addEventListener("click", () => {
        log.activities.splice(index, 1);
        recompute();
      });
      item.append(" ", remove);
      list.append(item);
    });
    const done = result.status === "complete";
    setState("ready", done ? "Complete: you have the CECs you need." : `Short: ${result.remaining_cecs} CECs to go.`);
  }

  function renderProblems(response) {
    const lines = response.problems
      ? response.problems.map((p) => (p.row ? `Activity ${p.row}, ${p.column}: ${p.message}` : `${p.column}: ${p.message}`))
      : [response.error];
    setState("error", lines.join(" · "));
  }

  async function recompute() {
    if (workerState.state === "loading") return setState("loading", "Loading the calculator (Python)…");
    if (workerState.state === "error") return setState("error", `The calculator could not start: ${workerState.message}`);
    const ticket = ++latest;
    const response = await compute({ profile: profile(), activities: log.activities });
    if (ticket !== latest || !root.isConnected) return;
    if (response.ok) renderResult(response.result);
    else renderProblems(response);
  }

  activityForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(activityForm);
    const activity = {
      date: String(data.get("date") || ""),
      title: String(data.get("title") || ""),
      provider: String(data.get("provider") || ""),
      amount: String(data.get("amount") || "").trim(),
      unit: String(data.get("unit") || ""),
    };
    if (!activity.date || !activity.amount) {
      errorBox.textContent = !activity.date ? "Enter the date completed." : "Enter the amount.";
      return;
    }
    errorBox.textContent = "";
    log.activities.push(activity);
    activityForm.reset();
    recompute();
  });
  profileForm.addEventListener("change", recompute);

  const onState = () => (root.isConnected ? recompute() : stateListeners.delete(onState));
  stateListeners.add(onState);
  recompute();
}

function bindAll() {
  document.querySelectorAll("[data-calculator]").forEach(bind);
}

// Material re-renders page content on instant navigation and announces it on document$.
if (window.document$) window.document$.subscribe(bindAll);
else bindAll();
