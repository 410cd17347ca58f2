// compare.js: #/compare?runs=a,b,c (2-10 runs).
// Fetches: GET /api/2.0/mlflow/runs/get for each run (in parallel); GET /api/2.0/gyre/ui/metric-keys?run_ids=
// (the metric choices; falls back to the union of the runs' metrics when the route is missing); per chosen
// metric GET /api/2.0/gyre/ui/metric-series for each run (max_points 500).
// data-ready: "compare" once the params and metrics tables are shown (the overlaid chart follows;
// #compare-chart gets data-loaded="true" with data-metric=KEY when drawn).
// Stable hooks for tests: #compare-runs (legend of runs), #compare-params (rows tr[data-param]; rows whose
//   values differ have class .diff), #compare-metrics (tr[data-metric], .diff likewise), #compare-metric
//   (<select> of metric keys, with a <label>), #compare-chart, #parallel-coords (figure with one
//   path.pc-line[data-run] per run and a .legend), #only-diff (checkbox: show only differing params).

import { get, MLFLOW, GYRE_UI } from "./api.js";
import { el, clear, errorBox, section, link, formatNumber, isMissingRoute } from "./dom.js";
import { lineChart, parallelCoordinates, color, legend } from "./charts.js";
import { fetchSeries, toChartPoints } from "./series.js";

const MAX_AXES = 12;

export async function renderCompare(ctx) {
  const root = ctx.root;
  ctx.setTitle("Compare runs");
  root.append(el("h1", { tabindex: "-1" }, "Compare runs"));
  const ids = [...new Set((ctx.query.get("runs") || "").split(",").map((s) => s.trim()).filter(Boolean))];
  if (ids.length < 2 || ids.length > 10) {
    root.append(el("p", { class: "error", role: "alert" }, "Choose 2 to 10 runs to compare (got " + ids.length + "). Select them in an experiment's runs table."));
    ctx.ready("compare");
    return;
  }
  let runs;
  try {
    runs = await Promise.all(ids.map((id) => get(MLFLOW + "/runs/get", { run_id: id }).then((r) => r.run)));
  } catch (e) {
    root.append(errorBox(e, "Could not load the runs"));
    ctx.ready("compare");
    return;
  }
  if (!ctx.alive()) return;
  const names = runs.map((r) => r.info.run_name || r.info.run_id.slice(0, 8));
  const params = runs.map((r) => Object.fromEntries((r.data.params || []).map((p) => [p.key, p.value])));
  const metrics = runs.map((r) => Object.fromEntries((r.data.metrics || []).map((m) => [m.key, m.value])));
  const paramKeys = [...new Set(params.flatMap(Object.keys))].sort();
  const metricKeys = [...new Set(metrics.flatMap(Object.keys))].sort();

  const runHeader = (i) => link("#/runs/" + encodeURIComponent(runs[i].info.run_id), names[i], { class: "run-link" });
  const differs = (values) => new Set(values.map((v) => (v === undefined ? "\u0000" : String(v)))).size > 1;

  function valueTable(id, keys, values, format) {
    const head = el("tr", null, el("th", { scope: "col" }, id === "compare-params" ? "Parameter" : "Metric"),
      runs.map((_, i) => el("th", { scope: "col" }, el("span", { class: "swatch-dot", dataset: { color: String(i) } }), runHeader(i))));
    const body = el("tbody");
    for (const key of keys) {
      const row = values.map((v) => v[key]);
      const diff = differs(row);
      const tr = el("tr", { class: diff ? "diff" : null, dataset: id === "compare-params" ? { param: key } : { metric: key } },
        el("th", { scope: "row" }, key, diff ? el("span", { class: "visually-hidden" }, " (differs)") : null),
        row.map((v) => el("td", { class: format ? "num" : null }, v === undefined ? "—" : format ? format(v) : v)));
      body.append(tr);
    }
    return el("div", { class: "table-wrap" }, el("table", { id, class: "compare-table" }, el("thead", null, head), body));
  }

  const onlyDiff = el("input", { type: "checkbox", id: "only-diff" });
  const paramsTable = valueTable("compare-params", paramKeys, params, null);
  onlyDiff.addEventListener("change", () => paramsTable.classList.toggle("only-diff", onlyDiff.checked));
  const runLegend = legend(names.map((n, i) => ({ name: n, color: color(i) })));
  runLegend.id = "compare-runs";

  const select = el("select", { id: "compare-metric" });
  const chartHolder = el("div", { id: "compare-chart-holder" });
  root.append(runLegend,
    section("Parameters", "params-section",
      el("div", { class: "check" }, onlyDiff, el("label", { for: "only-diff" }, "Show only parameters that differ")),
      el("p", { class: "help" }, "Rows with differing values are highlighted."), paramsTable),
    section("Metrics", "metrics-section", valueTable("compare-metrics", metricKeys, metrics, formatNumber)),
    section("Metric over steps", "chart-section",
      el("div", { class: "inline-field" }, el("label", { for: "compare-metric" }, "Metric"), select), chartHolder),
    section("Parallel coordinates", "parallel-section", parallelView(runs, names, params, metrics, paramKeys, metricKeys)));
  ctx.ready("compare");

  // --- metric choice and overlaid chart ---
  let keys = metricKeys;
  try {
    const res = await get(GYRE_UI + "/metric-keys", { run_ids: ids.join(",") });
    if (Array.isArray(res.keys) && res.keys.length) keys = res.keys;
  } catch (e) {
    if (!isMissingRoute(e)) chartHolder.append(errorBox(e, "Metric keys"));
  }
  if (!ctx.alive()) return;
  for (const k of keys) select.append(el("option", { value: k }, k));
  const stepped = runs.flatMap((r) => (r.data.metrics || []).filter((m) => m.step > 0).map((m) => m.key));
  if (stepped.length && keys.includes(stepped[0])) select.value = stepped[0];
  let seq = 0;
  async function draw() {
    const key = select.value;
    if (!key) { clear(chartHolder).append(el("p", { class: "empty" }, "These runs have no metrics.")); return; }
    const mine = ++seq;
    const results = await Promise.all(ids.map((id) => fetchSeries(id, key, 500).catch((e) => ({ error: e }))));
    if (!ctx.alive() || mine !== seq) return;
    const series = [], notes = [];
    results.forEach((res, i) => {
      if (res.error) notes.push(names[i] + ": " + res.error.message);
      else if (!res.points || res.points.length === 0) notes.push(names[i] + " (not logged)");
      else series.push({ name: names[i], color: color(i), points: toChartPoints(res) });
    });
    const fig = lineChart({ series, title: key, xLabel: "step", yLabel: key, id: "compare-chart", width: 960, height: 360,
      band: results.some((r) => r.downsampled) });
    fig.dataset.metric = key;
    fig.dataset.loaded = "true";
    clear(chartHolder).append(fig);
    if (notes.length) chartHolder.append(el("p", { class: "help" }, "No data for " + notes.join("; ")));
  }
  select.addEventListener("change", draw);
  await draw();
}

/** Parallel coordinates over numeric params that differ between runs and over metrics every run has. */
function parallelView(runs, names, params, metrics, paramKeys, metricKeys) {
  const numeric = (v) => v !== undefined && v !== "" && Number.isFinite(Number(v));
  const axes = [], columns = [];
  for (const k of paramKeys) {
    const vals = params.map((p) => p[k]);
    if (vals.every(numeric) && new Set(vals.map(Number)).size > 1) { axes.push(k); columns.push(vals.map(Number)); }
  }
  for (const k of metricKeys) {
    const vals = metrics.map((m) => m[k]);
    if (vals.every(numeric)) { axes.push(k); columns.push(vals.map(Number)); }
  }
  if (axes.length < 2) {
    return el("p", { class: "empty", id: "parallel-coords" }, "Fewer than two numeric parameters or metrics are shared by these runs.");
  }
  const use = Math.min(axes.length, MAX_AXES);
  const lines = runs.map((_, i) => ({ name: names[i], values: columns.slice(0, use).map((c) => c[i]) }));
  const fig = parallelCoordinates({ axes: axes.slice(0, use), lines, title: "Runs over " + use + " numeric parameters and metrics" +
    (axes.length > use ? " (first " + use + " of " + axes.length + ")" : ""), id: "parallel-coords" });
  return el("div", { class: "scroll-x" }, fig);
}
