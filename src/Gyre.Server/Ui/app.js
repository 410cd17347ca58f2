// app.js: the hash router and the token form.
// Routes (hash) -> page module, and the name each page sets in main[data-ready] once its first meaningful
// content is shown:
//   #/experiments            experiments.js   "experiments"   (also the default for "", "#/")
//   #/experiments/ID         runs.js          "runs"
//   #/runs/ID                run.js           "run"
//   #/compare?runs=a,b,c     compare.js       "compare"
//   #/studies                studies.js       "studies"
//   #/studies/NAME           studies.js       "study"
//   #/models                 models.js        "models"
//   #/models/NAME            models.js        "model"
//   #/deployments            deployments.js   "deployments"
//   #/monitoring             monitoring.js    "monitoring"
//   anything else            -                "not-found"
// A page that fails to load its data shows an .error box and still sets data-ready (tests wait on it).
// Every page gets a fresh container <div class="page"> in <main>; leaving a page removes it and runs the
// page's cleanup callbacks (timers), so a slow answer for an old page can never write into the new one.
// Token: #token-button opens #token-dialog (#token-form, #token-input, #token-message); a 401 from any call
// opens it with the server's message.

import { getToken, setToken } from "./api.js";
import { el, clear } from "./dom.js";
import * as experiments from "./experiments.js";
import * as runs from "./runs.js";
import * as run from "./run.js";
import * as compare from "./compare.js";
import * as studies from "./studies.js";
import * as models from "./models.js";
import * as deployments from "./deployments.js";
import * as monitoring from "./monitoring.js";

const ROUTES = [
  { pattern: /^\/?$/, nav: "experiments", render: (ctx) => experiments.renderList(ctx) },
  { pattern: /^\/experiments\/?$/, nav: "experiments", render: (ctx) => experiments.renderList(ctx) },
  { pattern: /^\/experiments\/([^/]+)$/, nav: "experiments", render: (ctx, id) => runs.renderRuns(ctx, id) },
  { pattern: /^\/runs\/([^/]+)$/, nav: "experiments", render: (ctx, id) => run.renderRun(ctx, id) },
  { pattern: /^\/compare$/, nav: "experiments", render: (ctx) => compare.renderCompare(ctx) },
  { pattern: /^\/studies\/?$/, nav: "studies", render: (ctx) => studies.renderStudies(ctx) },
  { pattern: /^\/studies\/(.+)$/, nav: "studies", render: (ctx, name) => studies.renderStudy(ctx, name) },
  { pattern: /^\/models\/?$/, nav: "models", render: (ctx) => models.renderModels(ctx) },
  { pattern: /^\/models\/(.+)$/, nav: "models", render: (ctx, name) => models.renderModel(ctx, name) },
  { pattern: /^\/deployments\/?$/, nav: "deployments", render: (ctx) => deployments.renderDeployments(ctx) },
  { pattern: /^\/monitoring\/?$/, nav: "monitoring", render: (ctx) => monitoring.renderMonitoring(ctx) },
];

const main = () => document.querySelector("main");
let current = null;

/** Parses location.hash into {path, query}; path segments are URI-decoded by the route's captures. */
function parseHash() {
  const raw = location.hash.replace(/^#/, "");
  const q = raw.indexOf("?");
  return { path: q < 0 ? raw : raw.slice(0, q), query: new URLSearchParams(q < 0 ? "" : raw.slice(q + 1)) };
}

function navigate(event) {
  // An in-page anchor (e.g. "#main") is not a route: keep the current page.
  if (current && location.hash && !location.hash.startsWith("#/")) return;
  if (current) current.leave();
  const { path, query } = parseHash();
  const m = main();
  delete m.dataset.ready;
  clear(m);
  const container = el("div", { class: "page" });
  m.append(container);
  // On in-app navigation move focus to <main>, so keyboard and screen-reader users start at the new page.
  if (event && event.type === "hashchange") m.focus({ preventScroll: false });
  const cleanups = [];
  const state = { alive: true };
  const ctx = {
    root: container,
    query,
    alive: () => state.alive,
    /** Marks the page's first meaningful content as shown (main[data-ready] = name), if still current. */
    ready: (name) => { if (state.alive) m.dataset.ready = name; },
    onLeave: (fn) => cleanups.push(fn),
    setTitle: (text) => { document.title = text + " · Gyre"; },
  };
  current = { leave: () => { state.alive = false; cleanups.forEach((fn) => { try { fn(); } catch { /* ignore */ } }); } };

  let route = null, args = [];
  for (const r of ROUTES) {
    const match = r.pattern.exec(path);
    if (match) { route = r; args = match.slice(1).map(decodeURIComponent); break; }
  }
  highlightNav(route ? route.nav : "");
  if (!route) {
    ctx.setTitle("Not found");
    container.append(el("h1", { tabindex: "-1" }, "Page not found"),
      el("p", null, "No page at ", el("code", null, location.hash), ". ", el("a", { href: "#/experiments" }, "Go to experiments"), "."));
    ctx.ready("not-found");
    return;
  }
  Promise.resolve(route.render(ctx, ...args)).catch((e) => {
    if (!state.alive) return;
    container.append(el("p", { class: "error", role: "alert" }, "This page failed: " + (e && e.message ? e.message : e)));
    ctx.ready("error");
  });
}

function highlightNav(name) {
  for (const a of document.querySelectorAll("#nav a")) {
    if (a.dataset.route === name) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

// ---- token form ----
function openTokenForm(message) {
  const dialog = document.getElementById("token-dialog");
  const msg = document.getElementById("token-message");
  msg.textContent = message || "";
  msg.hidden = !message;
  if (dialog.open) return; // already open (e.g. a refresh got another 401): keep what the user is typing
  document.getElementById("token-input").value = getToken();
  dialog.showModal();
  document.getElementById("token-input").focus();
}

function updateTokenButton() {
  const b = document.getElementById("token-button");
  b.textContent = getToken() ? "Token (set)" : "Token";
}

function wireTokenForm() {
  const dialog = document.getElementById("token-dialog");
  document.getElementById("token-button").addEventListener("click", () => openTokenForm(""));
  document.getElementById("token-form").addEventListener("submit", () => {
    setToken(document.getElementById("token-input").value.trim());
    updateTokenButton();
    navigate(); // reload the page's data with the new token
  });
  document.getElementById("token-clear").addEventListener("click", () => {
    setToken("");
    document.getElementById("token-input").value = "";
    updateTokenButton();
    dialog.close();
    navigate();
  });
  document.getElementById("token-cancel").addEventListener("click", () => dialog.close());
  window.addEventListener("gyre:unauthorized", (e) => {
    openTokenForm("The server needs a valid API token: " + (e.detail || "401 Unauthorized"));
  });
  updateTokenButton();
}

function start() {
  wireTokenForm();
  document.querySelector(".skip-link").addEventListener("click", (e) => { e.preventDefault(); main().focus(); });
  window.addEventListener("hashchange", navigate);
  navigate();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
