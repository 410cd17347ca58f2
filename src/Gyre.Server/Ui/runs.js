// runs.js: #/experiments/ID, the runs table of one experiment.
// Fetches: GET /api/2.0/mlflow/experiments/get?experiment_id=ID (the title; a 404 shows an error) and
// POST /api/2.0/mlflow/runs/search {experiment_ids:[ID], filter, order_by:[one term], max_results:50,
// page_token} -- paging, filtering and sorting all happen on the server. A 400's message (bad filter) is
// shown in #filter-error next to the input.
// data-ready: "runs" once the first page of the table (or its error) is shown. Every (re)load replaces
// #runs-table with a new one whose data-load counts the loads (1, 2, ...) and data-page is the page number;
// a rejected filter leaves the table and fills #filter-error instead.
// Stable hooks for tests:
//   #runs-filter-form, #runs-filter (input), #filter-error (role=alert, empty when fine)
//   #runs-table (data-page="N", aria-busy); rows tr.run-row[data-run-id]; a.run-link to #/runs/ID;
//   checkboxes input.run-select[data-run-id]; header th[data-sort-key][aria-sort] with button.sort-button
//   #column-chooser (<details>): checkboxes input.column-choice[data-kind="param"|"metric"][data-key]
//   (until one is touched, the columns are the 5 metrics most runs on the page have)
//   #compare-button (enabled for 2-10 selected runs; goes to #/compare?runs=a,b), #selection-status
//   #prev-page, #next-page, #page-status
// Page state (filter, sort, chosen columns) is kept per experiment in sessionStorage, so coming back from a
// run keeps it.

import { get, post, MLFLOW } from "./api.js";
import { el, clear, errorBox, link, formatTime, formatNumber, formatDuration } from "./dom.js";

const PAGE_SIZE = 50;
const MAX_COMPARE = 10;

const ATTRIBUTE_COLUMNS = [
  { label: "Run", sortKey: "attributes.run_name", defaultDir: "ASC" },
  { label: "Status", sortKey: "attributes.status", defaultDir: "ASC" },
  { label: "Started", sortKey: "attributes.start_time", defaultDir: "DESC" },
  { label: "Duration", sortKey: null },
  { label: "User", sortKey: "attributes.user_id", defaultDir: "ASC" },
];

/** `params.`key`` with the key quoted in backticks (a doubled backtick escapes one), as the filter language wants. */
export function quotedKey(kind, key) {
  return (kind === "param" ? "params" : "metrics") + ".`" + key.replace(/`/g, "``") + "`";
}

function loadState(id) {
  try {
    const s = JSON.parse(sessionStorage.getItem("gyre.runs." + id) || "null");
    if (s && typeof s === "object") return s;
  } catch { /* ignore */ }
  return null;
}

function saveState(id, state) {
  sessionStorage.setItem("gyre.runs." + id, JSON.stringify({
    filter: state.filter, sortKey: state.sortKey, sortDir: state.sortDir, columns: state.columns, chosen: state.chosen }));
}

function runName(r) {
  if (r.info.run_name) return r.info.run_name;
  const tag = (r.data.tags || []).find((t) => t.key === "mlflow.runName");
  return tag ? tag.value : r.info.run_id.slice(0, 8);
}

export async function renderRuns(ctx, experimentId) {
  const root = ctx.root;
  const heading = el("h1", { tabindex: "-1" }, "Runs");
  root.append(heading);
  ctx.setTitle("Runs");
  get(MLFLOW + "/experiments/get", { experiment_id: experimentId }).then((res) => {
    const name = res.experiment && res.experiment.name;
    if (name) { heading.textContent = "Runs of " + name; ctx.setTitle(name); }
  }).catch((e) => { if (ctx.alive()) heading.after(errorBox(e, "Experiment " + experimentId)); });

  const saved = loadState(experimentId) || {};
  const state = {
    filter: saved.filter || "",
    sortKey: saved.sortKey || "attributes.start_time",
    sortDir: saved.sortDir || "DESC",
    columns: Array.isArray(saved.columns) ? saved.columns : [], // [{kind, key}]
    chosen: !!saved.chosen, // the user touched the column chooser (else default to the first metrics seen)
    tokens: [null], // page tokens: tokens[i] fetches page i+1
    page: 0,
    selected: new Set(),
    runs: [],
    nextToken: null,
  };

  // --- filter form ---
  const filterInput = el("input", { id: "runs-filter", name: "filter", type: "search", value: state.filter,
    placeholder: "metrics.roc_auc > 0.9 AND params.trainer = 'lightgbm'", "aria-describedby": "filter-help filter-error",
    spellcheck: "false", autocomplete: "off" });
  const filterError = el("p", { id: "filter-error", class: "field-error", role: "alert" });
  const form = el("form", { id: "runs-filter-form", class: "filter-form" },
    el("label", { for: "runs-filter" }, "Filter"),
    filterInput,
    el("button", { type: "submit" }, "Apply"),
    el("button", { type: "button", class: "secondary", onclick: () => { filterInput.value = ""; apply(); } }, "Clear"),
    el("p", { id: "filter-help", class: "help" }, "MLflow filter language: clauses like metrics.acc > 0.9 joined by AND."),
    filterError);
  const apply = () => {
    state.filter = filterInput.value.trim();
    state.tokens = [null]; state.page = 0;
    saveState(experimentId, state);
    load();
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); apply(); });

  // --- toolbar, chooser, table, pager ---
  const compareButton = el("button", { type: "button", id: "compare-button", disabled: true }, "Compare selected");
  const selectionStatus = el("span", { id: "selection-status", role: "status" }, "Select 2 to 10 runs to compare.");
  compareButton.addEventListener("click", () => {
    if (state.selected.size >= 2 && state.selected.size <= MAX_COMPARE) {
      location.hash = "#/compare?runs=" + [...state.selected].map(encodeURIComponent).join(",");
    }
  });
  const chooser = el("details", { id: "column-chooser", class: "column-chooser" }, el("summary", null, "Columns"));
  const chooserBody = el("div", { class: "chooser-body" });
  chooser.append(chooserBody);
  const tableHolder = el("div", { class: "table-wrap" });
  const prev = el("button", { type: "button", id: "prev-page", class: "secondary" }, "← Previous");
  const next = el("button", { type: "button", id: "next-page", class: "secondary" }, "Next →");
  const pageStatus = el("span", { id: "page-status", role: "status" });
  prev.addEventListener("click", () => { if (state.page > 0) { state.page--; load(); } });
  next.addEventListener("click", () => {
    if (state.nextToken) { state.tokens[state.page + 1] = state.nextToken; state.page++; load(); }
  });
  root.append(form, el("div", { class: "toolbar" }, compareButton, selectionStatus, chooser), tableHolder,
    el("div", { class: "pager" }, prev, pageStatus, next));

  let firstLoad = true;
  let loadSeq = 0;

  async function load() {
    const seq = ++loadSeq;
    const tableEl = tableHolder.querySelector("table");
    if (tableEl) tableEl.setAttribute("aria-busy", "true");
    const body = { experiment_ids: [experimentId], max_results: PAGE_SIZE, order_by: [state.sortKey + " " + state.sortDir] };
    if (state.filter) body.filter = state.filter;
    if (state.tokens[state.page]) body.page_token = state.tokens[state.page];
    let res;
    try {
      res = await post(MLFLOW + "/runs/search", body);
    } catch (e) {
      if (!ctx.alive() || seq !== loadSeq) return;
      if (e.status === 400) {
        filterError.textContent = e.message;
        filterInput.setAttribute("aria-invalid", "true");
      } else {
        clear(tableHolder).append(errorBox(e, "Could not load runs"));
      }
      if (tableEl) tableEl.setAttribute("aria-busy", "false");
      if (firstLoad) { firstLoad = false; ctx.ready("runs"); }
      return;
    }
    if (!ctx.alive() || seq !== loadSeq) return;
    filterError.textContent = "";
    filterInput.removeAttribute("aria-invalid");
    state.runs = res.runs || [];
    state.nextToken = res.next_page_token || null;
    renderChooser();
    renderTable();
    prev.disabled = state.page === 0;
    next.disabled = !state.nextToken;
    pageStatus.textContent = "Page " + (state.page + 1) + (state.runs.length ? " · runs " + (state.page * PAGE_SIZE + 1) +
      "–" + (state.page * PAGE_SIZE + state.runs.length) : " · no runs");
    if (firstLoad) { firstLoad = false; ctx.ready("runs"); }
  }

  function keysOnPage(kind) {
    const keys = new Set();
    for (const r of state.runs) for (const p of (kind === "param" ? r.data.params : r.data.metrics) || []) keys.add(p.key);
    for (const c of state.columns) if (c.kind === kind) keys.add(c.key);
    return [...keys].sort();
  }

  function renderChooser() {
    if (!state.chosen) {
      // Default columns: the 5 metrics most runs on this page have (ties alphabetical).
      const counts = new Map();
      for (const r of state.runs) for (const m of r.data.metrics || []) counts.set(m.key, (counts.get(m.key) || 0) + 1);
      state.columns = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b))
        .slice(0, 5).sort().map((key) => ({ kind: "metric", key }));
    }
    clear(chooserBody);
    for (const kind of ["metric", "param"]) {
      const keys = keysOnPage(kind);
      const fs = el("fieldset", null, el("legend", null, kind === "metric" ? "Metrics" : "Params"));
      if (keys.length === 0) fs.append(el("p", { class: "help" }, "none on this page"));
      keys.forEach((key, i) => {
        const id = "col-" + kind + "-" + i;
        const box = el("input", { type: "checkbox", id, class: "column-choice", dataset: { kind, key },
          checked: state.columns.some((c) => c.kind === kind && c.key === key) });
        box.addEventListener("change", () => {
          state.chosen = true;
          if (box.checked) state.columns.push({ kind, key });
          else state.columns = state.columns.filter((c) => !(c.kind === kind && c.key === key));
          saveState(experimentId, state);
          renderTable();
        });
        fs.append(el("div", { class: "check" }, box, el("label", { for: id }, key)));
      });
      chooserBody.append(fs);
    }
  }

  function sortHeader(label, sortKey, defaultDir) {
    const th = el("th", { scope: "col", dataset: sortKey ? { sortKey } : {} });
    if (!sortKey) { th.textContent = label; return th; }
    const active = state.sortKey === sortKey;
    th.setAttribute("aria-sort", active ? (state.sortDir === "ASC" ? "ascending" : "descending") : "none");
    const button = el("button", { type: "button", class: "sort-button" }, label,
      el("span", { class: "sort-mark", "aria-hidden": "true" }, active ? (state.sortDir === "ASC" ? " ▲" : " ▼") : ""));
    button.addEventListener("click", () => {
      if (state.sortKey === sortKey) state.sortDir = state.sortDir === "ASC" ? "DESC" : "ASC";
      else { state.sortKey = sortKey; state.sortDir = defaultDir; }
      state.tokens = [null]; state.page = 0;
      saveState(experimentId, state);
      load().then(() => {
        const again = tableHolder.querySelector(`th[data-sort-key="${CSS.escape(sortKey)}"] button`);
        if (again) again.focus();
      });
    });
    th.append(button);
    return th;
  }

  function renderTable() {
    const headRow = el("tr", null, el("th", { scope: "col", class: "select-col" }, el("span", { class: "visually-hidden" }, "Select")));
    for (const c of ATTRIBUTE_COLUMNS) headRow.append(sortHeader(c.label, c.sortKey, c.defaultDir));
    for (const c of state.columns) {
      const th = sortHeader((c.kind === "param" ? "param: " : "") + c.key, quotedKey(c.kind, c.key), c.kind === "metric" ? "DESC" : "ASC");
      if (c.kind === "metric") th.classList.add("num");
      headRow.append(th);
    }
    const tbody = el("tbody");
    for (const r of state.runs) {
      const id = r.info.run_id;
      const params = Object.fromEntries((r.data.params || []).map((p) => [p.key, p.value]));
      const metrics = Object.fromEntries((r.data.metrics || []).map((m) => [m.key, m.value]));
      const name = runName(r);
      const box = el("input", { type: "checkbox", class: "run-select", id: "select-" + id, dataset: { runId: id },
        checked: state.selected.has(id), "aria-label": "Select run " + name });
      box.addEventListener("change", () => {
        if (box.checked) state.selected.add(id); else state.selected.delete(id);
        updateSelection();
      });
      const tr = el("tr", { class: "run-row", dataset: { runId: id } },
        el("td", { class: "select-col" }, box),
        el("th", { scope: "row" }, link("#/runs/" + encodeURIComponent(id), name, { class: "run-link" })),
        el("td", { class: "status status-" + String(r.info.status || "").toLowerCase() }, r.info.status || ""),
        el("td", null, formatTime(r.info.start_time)),
        el("td", null, r.info.end_time && r.info.start_time ? formatDuration(r.info.end_time - r.info.start_time) : ""),
        el("td", null, r.info.user_id || ""));
      for (const c of state.columns) {
        tr.append(c.kind === "metric"
          ? el("td", { class: "num" }, formatNumber(metrics[c.key]))
          : el("td", null, params[c.key] ?? ""));
      }
      tbody.append(tr);
    }
    const t = el("table", { id: "runs-table", "aria-busy": "false", dataset: { page: String(state.page + 1), load: String(loadSeq) } },
      el("caption", { class: "visually-hidden" }, "Runs, sorted by " + state.sortKey + " " + state.sortDir),
      el("thead", null, headRow), tbody);
    clear(tableHolder).append(t);
    if (state.runs.length === 0) {
      tableHolder.append(el("p", { class: "empty" }, state.filter ? "No run matches this filter." : "No runs in this experiment."));
    }
    updateSelection();
  }

  function updateSelection() {
    const n = state.selected.size;
    compareButton.disabled = n < 2 || n > MAX_COMPARE;
    compareButton.textContent = "Compare selected (" + n + ")";
    selectionStatus.textContent = n > MAX_COMPARE ? "At most " + MAX_COMPARE + " runs can be compared; " + n + " selected."
      : n < 2 ? "Select 2 to 10 runs to compare." : n + " runs selected.";
  }

  await load();
}
