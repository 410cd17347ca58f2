// run.js: #/runs/ID, one run.
// Fetches: GET /api/2.0/mlflow/runs/get?run_id=ID (params, tags, last metric values, dataset inputs);
// per charted metric GET /api/2.0/gyre/ui/metric-series (max_points 1000; the min/max band is drawn when the
// answer is downsampled); GET /api/2.0/mlflow/artifacts/list?run_id=&path= per opened folder; previews from
// GET /api/2.0/gyre/ui/artifact?run_id=&path= (text and JSON pretty-printed in <pre>, images as <img> via a
// blob: URL so the token header is sent).
// data-ready: "run" once the summary, params, tags and metrics tables are shown (charts and the artifact
// list load after; #metric-charts gets data-loaded="true" when its automatic charts are drawn, and
// #artifacts-tree gets data-loaded="true" when the root listing is shown).
// Stable hooks for tests: #run-summary, #params-table, #tags-table, #metrics-table (rows tr[data-metric]),
//   button.chart-button[data-metric] (draws that metric's chart), #metric-charts with figure.chart[data-metric],
//   #inputs-table, #artifacts-tree (li.artifact[data-path]; button.artifact-dir[aria-expanded] and
//   button.artifact-file), #artifact-preview (pre.artifact-text | img.artifact-image | p.error).

import { get, request, MLFLOW, GYRE_UI } from "./api.js";
import { el, clear, table, errorBox, section, link, formatTime, formatNumber, formatDuration, isMissingRoute, notAvailable } from "./dom.js";
import { lineChart } from "./charts.js";
import { fetchSeries, toChartPoints } from "./series.js";

const AUTO_CHARTS = 12;
const PREVIEW_LIMIT = 5 * 1024 * 1024;
const TEXT_EXT = /\.(txt|log|md|csv|tsv|yaml|yml|py|cs|sh|toml|ini|cfg|xml|html|htm|sql|r|ipynb|mlmodel|properties|conf)$/i;
const IMAGE_EXT = /\.(png|jpe?g|gif|svg)$/i;

export async function renderRun(ctx, runId) {
  const root = ctx.root;
  ctx.setTitle("Run " + runId);
  const heading = el("h1", { tabindex: "-1" }, "Run " + runId);
  root.append(heading);
  let run;
  try {
    run = (await get(MLFLOW + "/runs/get", { run_id: runId })).run;
  } catch (e) {
    root.append(errorBox(e, "Could not load run " + runId));
    ctx.ready("run");
    return;
  }
  if (!ctx.alive()) return;
  const info = run.info, data = run.data || {};
  const name = info.run_name || runId;
  heading.textContent = "Run " + name;
  ctx.setTitle(name);

  const experimentLink = link("#/experiments/" + encodeURIComponent(info.experiment_id), info.experiment_id, { id: "run-experiment" });
  get(MLFLOW + "/experiments/get", { experiment_id: info.experiment_id })
    .then((r) => { if (r.experiment && r.experiment.name) experimentLink.textContent = r.experiment.name; }).catch(() => {});
  root.append(el("dl", { id: "run-summary", class: "summary" },
    term("Run ID", el("code", null, info.run_id)),
    term("Experiment", experimentLink),
    term("Status", info.status),
    term("Started", formatTime(info.start_time)),
    term("Duration", info.end_time ? formatDuration(info.end_time - info.start_time) : "running"),
    term("User", info.user_id || ""),
    term("Artifact URI", el("code", null, info.artifact_uri || ""))));

  const params = (data.params || []).slice().sort((a, b) => a.key.localeCompare(b.key));
  const tags = (data.tags || []).slice().sort((a, b) => a.key.localeCompare(b.key));
  const metrics = (data.metrics || []).slice().sort((a, b) => a.key.localeCompare(b.key));

  const charts = el("div", { id: "metric-charts", class: "chart-grid" });
  const metricsTable = table([
    { label: "Metric", key: "key" },
    { label: "Last value", cell: (m) => formatNumber(m.value), numeric: true },
    { label: "Step", key: "step", numeric: true },
    { label: "Time", cell: (m) => formatTime(m.timestamp) },
    { label: "Chart", cell: (m) => el("button", { type: "button", class: "secondary chart-button", dataset: { metric: m.key },
      "aria-label": "Show chart of " + m.key, onclick: () => drawChart(m.key, true) }, "Chart") },
  ], metrics, { id: "metrics-table", rowHeader: true });
  metricsTable.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.metric = metrics[i].key; });

  root.append(el("div", { class: "columns" },
    section("Metrics", "metrics", metrics.length ? metricsTable : el("p", { class: "empty" }, "No metrics.")),
    section("Parameters", "params", params.length ? table([{ label: "Name", key: "key" }, { label: "Value", key: "value" }],
      params, { id: "params-table", rowHeader: true }) : el("p", { class: "empty", id: "params-table" }, "No parameters."))),
  section("Metric charts", "charts-section", charts),
  section("Tags", "tags", tags.length ? table([{ label: "Tag", key: "key" }, { label: "Value", key: "value" }],
    tags, { id: "tags-table", rowHeader: true }) : el("p", { class: "empty", id: "tags-table" }, "No tags.")),
  section("Dataset inputs", "inputs", inputsTable(run.inputs)),
  section("Artifacts", "artifacts", el("div", { class: "artifacts" },
    el("ul", { id: "artifacts-tree", class: "tree" }),
    el("div", { id: "artifact-preview", class: "preview", "aria-live": "polite" },
      el("p", { class: "help" }, "Choose a file to preview it.")))));
  ctx.ready("run");

  // --- charts ---
  const drawn = new Map();
  async function drawChart(key, focus) {
    if (drawn.has(key)) { if (focus) drawn.get(key).scrollIntoView({ block: "nearest" }); return; }
    const holder = el("div", { class: "chart-holder", dataset: { metric: key } }, el("p", { class: "loading" }, "Loading " + key + "…"));
    drawn.set(key, holder);
    charts.append(holder);
    try {
      const series = await fetchSeries(runId, key, 1000);
      if (!ctx.alive()) return;
      const fig = lineChart({ series: [{ name: key, points: toChartPoints(series) }], band: !!series.downsampled,
        title: key + (series.downsampled ? " (" + series.total_points.toLocaleString("en") + " points, downsampled)" : ""),
        xLabel: "step", yLabel: key });
      fig.dataset.metric = key;
      const note = series.fallback ? el("p", { class: "help" }, "Server-side downsampling is not available; first 10,000 points shown.") : null;
      clear(holder).append(fig);
      if (note) holder.append(note);
      if (focus) holder.scrollIntoView({ block: "nearest" });
    } catch (e) {
      clear(holder).append(errorBox(e, key));
    }
  }
  const auto = metrics.filter((m) => m.step > 0).slice(0, AUTO_CHARTS);
  if (auto.length === 0) charts.append(el("p", { class: "help" }, "No metric was logged over several steps; use a Chart button to plot one."));
  Promise.all(auto.map((m) => drawChart(m.key, false))).then(() => { charts.dataset.loaded = "true"; });

  // --- artifacts ---
  const tree = root.querySelector("#artifacts-tree");
  const preview = root.querySelector("#artifact-preview");
  listInto(tree, "").then(() => { tree.dataset.loaded = "true"; });

  async function listInto(ul, path) {
    let res;
    try {
      res = await get(MLFLOW + "/artifacts/list", { run_id: runId, path: path || undefined });
    } catch (e) {
      ul.append(el("li", null, errorBox(e, "Artifacts")));
      return;
    }
    const files = (res.files || []).slice().sort((a, b) => (b.is_dir - a.is_dir) || a.path.localeCompare(b.path));
    if (files.length === 0) ul.append(el("li", { class: "empty" }, path ? "(empty folder)" : "No artifacts."));
    for (const f of files) {
      const base = f.path.split("/").pop();
      const li = el("li", { class: "artifact", dataset: { path: f.path } });
      if (f.is_dir) {
        const child = el("ul", { class: "tree", hidden: true });
        const mark = el("span", { class: "tree-mark", "aria-hidden": "true" }, "▸ ");
        const button = el("button", { type: "button", class: "link-button artifact-dir", "aria-expanded": "false" }, mark, base + "/");
        let loaded = false;
        button.addEventListener("click", async () => {
          const open = button.getAttribute("aria-expanded") === "true";
          button.setAttribute("aria-expanded", String(!open));
          mark.textContent = open ? "▸ " : "▾ ";
          child.hidden = open;
          if (!open && !loaded) { loaded = true; await listInto(child, f.path); }
        });
        li.append(button, child);
      } else {
        const button = el("button", { type: "button", class: "link-button artifact-file" }, base);
        button.addEventListener("click", () => showPreview(f));
        li.append(button, el("span", { class: "size" }, " " + formatSize(f.file_size)));
      }
      ul.append(li);
    }
  }

  let objectUrl = null;
  ctx.onLeave(() => { if (objectUrl) URL.revokeObjectURL(objectUrl); });
  async function showPreview(f) {
    clear(preview).append(el("h3", null, f.path), el("p", { class: "loading" }, "Loading…"));
    if (f.file_size > PREVIEW_LIMIT) {
      clear(preview).append(el("h3", null, f.path), el("p", { class: "error" }, "This file is larger than 5 MB; no preview."));
      return;
    }
    let response;
    try {
      response = await request("GET", GYRE_UI + "/artifact", { params: { run_id: runId, path: f.path }, accept: "*/*" });
    } catch (e) {
      clear(preview).append(el("h3", null, f.path), isMissingRoute(e) ? notAvailable("Artifact preview") : errorBox(e));
      return;
    }
    const type = (response.headers.get("Content-Type") || "").toLowerCase();
    const body = [];
    if (IMAGE_EXT.test(f.path) || type.startsWith("image/")) {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = URL.createObjectURL(await response.blob());
      body.push(el("img", { src: objectUrl, alt: "Artifact " + f.path, class: "artifact-image" }));
    } else if (/\.json$/i.test(f.path) || type.includes("json")) {
      const text = await response.text();
      let shown = text;
      try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch { /* show as is */ }
      body.push(el("pre", { class: "artifact-text", tabindex: "0" }, shown));
    } else if (TEXT_EXT.test(f.path) || type.startsWith("text/")) {
      const text = await response.text();
      body.push(el("pre", { class: "artifact-text", tabindex: "0" }, text.length > 200000 ? text.slice(0, 200000) + "\n… (truncated)" : text));
    } else {
      body.push(el("p", null, "Binary file (" + formatSize(f.file_size) + "); no preview."));
    }
    clear(preview).append(el("h3", null, f.path), ...body);
  }
}

function term(label, value) {
  return [el("dt", null, label), el("dd", null, value)];
}

function formatSize(n) {
  if (!Number.isFinite(n)) return "";
  if (n < 1024) return n + " B";
  if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KB";
  return (n / 1024 / 1024).toFixed(1) + " MB";
}

function inputsTable(inputs) {
  const list = (inputs && inputs.dataset_inputs) || [];
  if (list.length === 0) return el("p", { class: "empty", id: "inputs-table" }, "No dataset inputs.");
  return table([
    { label: "Dataset", cell: (d) => d.dataset.name },
    { label: "Context", cell: (d) => ((d.tags || []).find((t) => t.key === "mlflow.data.context") || {}).value || "" },
    { label: "Digest (fingerprint)", cell: (d) => el("code", null, d.dataset.digest || "") },
    { label: "Source", cell: (d) => d.dataset.source || "" },
    { label: "Profile", cell: (d) => profileText(d.dataset.profile) },
  ], list, { id: "inputs-table", rowHeader: true });
}

function profileText(profile) {
  if (!profile) return "";
  try {
    const p = JSON.parse(profile);
    return Object.entries(p).map(([k, v]) => k + ": " + v).join(", ");
  } catch { return profile; }
}
