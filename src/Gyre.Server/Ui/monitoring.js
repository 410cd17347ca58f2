// monitoring.js: #/monitoring, drift and performance over time per monitored endpoint, and the alerts.
// Fetches: GET /api/2.0/gyre/ui/monitoring -> {endpoints:[{endpoint, model, run_id, last_evaluated}]};
// per endpoint GET /api/2.0/mlflow/runs/get?run_id= (its metric keys), then GET /api/2.0/gyre/ui/metric-series
// (max_points 500) for dataset_drift_share, each feature_drift.<column> (top 8 by last value) and each
// performance.<metric>, charted over evaluation time; GET /api/2.0/gyre/ui/alerts?limit=200 -> {alerts:[...]}.
// Missing routes show .not-available notes.
// data-ready: "monitoring" once the endpoint list and the alerts table (or their notes) are shown; each
// section.monitor-endpoint gets data-loaded="true" when its charts are drawn.
// Stable hooks for tests: #monitoring-endpoints (section.monitor-endpoint[data-endpoint] with figure.chart
//   .drift-share-chart, .feature-drift-chart, .performance-chart), #alerts-table (tr.alert-row[data-state]
//   with span.alert-state).

import { get, MLFLOW, GYRE_UI } from "./api.js";
import { el, clear, table, errorBox, section, link, formatNumber, formatTime, isMissingRoute, notAvailable, loading } from "./dom.js";
import { lineChart, color } from "./charts.js";
import { fetchSeries, toChartPoints } from "./series.js";

const MAX_FEATURES = 8;

export async function renderMonitoring(ctx) {
  const root = ctx.root;
  ctx.setTitle("Monitoring");
  const endpointsHolder = el("div", { id: "monitoring-endpoints" }, loading("monitored endpoints"));
  const alertsHolder = el("div", null, loading("alerts"));
  root.append(el("h1", { tabindex: "-1" }, "Monitoring"),
    endpointsHolder, section("Alerts", "alerts-section", alertsHolder));

  const [endpoints, alerts] = await Promise.all([
    get(GYRE_UI + "/monitoring").then((r) => r.endpoints || []).catch((e) => ({ error: e })),
    get(GYRE_UI + "/alerts", { limit: 200 }).then((r) => r.alerts || []).catch((e) => ({ error: e })),
  ]);
  if (!ctx.alive()) return;

  if (alerts.error) clear(alertsHolder).append(isMissingRoute(alerts.error) ? notAvailable("The alerts list") : errorBox(alerts.error, "Alerts"));
  else renderAlerts(alertsHolder, alerts);

  if (endpoints.error) {
    clear(endpointsHolder).append(isMissingRoute(endpoints.error) ? notAvailable("The monitoring view") : errorBox(endpoints.error, "Monitoring"));
    ctx.ready("monitoring");
    return;
  }
  clear(endpointsHolder);
  if (endpoints.length === 0) {
    endpointsHolder.append(el("p", { class: "empty" }, "No monitored endpoints yet (runs of the experiment \"monitoring\")."));
  }
  const sections = endpoints.map((ep) => {
    const headingId = "monitor-" + String(ep.endpoint).replace(/[^A-Za-z0-9_-]+/g, "-");
    const body = el("div", { class: "chart-grid" }, loading("charts"));
    const s = el("section", { class: "panel monitor-endpoint", dataset: { endpoint: ep.endpoint }, "aria-labelledby": headingId },
      el("h2", { id: headingId }, "Endpoint " + ep.endpoint),
      el("p", null, "Model ", ep.model ? link("#/models/" + encodeURIComponent(ep.model.split("@")[0]), ep.model) : "unknown",
        " · last evaluated " + (formatTime(ep.last_evaluated) || "never") + " · ",
        ep.run_id ? link("#/runs/" + encodeURIComponent(ep.run_id), "monitoring run") : ""),
      body);
    endpointsHolder.append(s);
    return { ep, s, body };
  });
  ctx.ready("monitoring");
  await Promise.all(sections.map(({ ep, s, body }) => renderEndpointCharts(ep, body, ctx).finally(() => { s.dataset.loaded = "true"; })));
}

async function renderEndpointCharts(ep, body, ctx) {
  if (!ep.run_id) { clear(body).append(el("p", { class: "empty" }, "No evaluations yet.")); return; }
  let run;
  try {
    run = (await get(MLFLOW + "/runs/get", { run_id: ep.run_id })).run;
  } catch (e) { clear(body).append(errorBox(e, "Monitoring run")); return; }
  const metrics = run.data.metrics || [];
  const keysWith = (prefix) => metrics.filter((m) => m.key.startsWith(prefix));
  const features = keysWith("feature_drift.").sort((a, b) => b.value - a.value).slice(0, MAX_FEATURES);
  const performance = keysWith("performance.");
  const hasShare = metrics.some((m) => m.key === "dataset_drift_share");

  const seriesOf = async (keys) => Promise.all(keys.map((k) => fetchSeries(ep.run_id, k, 500).catch(() => null)));
  const [share, featureSeries, perfSeries] = await Promise.all([
    hasShare ? seriesOf(["dataset_drift_share"]) : Promise.resolve([]), seriesOf(features.map((m) => m.key)),
    seriesOf(performance.map((m) => m.key))]);
  if (!ctx.alive()) return;
  clear(body);
  const chart = (list, names, title, yLabel, cls) => {
    const series = list.map((s, i) => (s ? { name: names[i], color: color(i), points: toChartPoints(s, true) } : null)).filter(Boolean);
    if (series.length === 0) return el("p", { class: "empty " + cls }, title + ": no data.");
    const fig = lineChart({ series, title, xLabel: "evaluation time", yLabel, xTime: true });
    fig.classList.add(cls);
    return fig;
  };
  body.append(
    chart(share, ["dataset drift share"], "Dataset drift share", "share of drifted features", "drift-share-chart"),
    chart(featureSeries, features.map((m) => m.key.slice("feature_drift.".length)), "Drift per feature" +
      (keysWith("feature_drift.").length > MAX_FEATURES ? " (top " + MAX_FEATURES + " by latest drift)" : ""), "drift score", "feature-drift-chart"),
    chart(perfSeries, performance.map((m) => m.key.slice("performance.".length)), "Performance", "metric value", "performance-chart"));
}

function renderAlerts(holder, alerts) {
  if (alerts.length === 0) { clear(holder).append(el("p", { class: "empty", id: "alerts-table" }, "No alerts.")); return; }
  const t = table([
    { label: "State", cell: (a) => el("span", { class: "alert-state state-" + (a.state || "") }, a.state || "") },
    { label: "Rule", key: "rule" },
    { label: "Severity", key: "severity" },
    { label: "Model", cell: (a) => a.model || (a.labels && a.labels.model) || "" },
    { label: "Condition", cell: (a) => [a.metric, a.labels && a.labels.metric ? "(" + a.labels.metric + ")" : "", a.op, a.threshold]
      .filter((x) => x !== undefined && x !== null && x !== "").join(" ") },
    { label: "Value", cell: (a) => formatNumber(a.value), numeric: true },
    { label: "Time", cell: (a) => formatTime(a.at) },
    { label: "Since", cell: (a) => formatTime(a.started_at) },
    { label: "Description", cell: (a) => a.description || "" },
  ], alerts, { id: "alerts-table", rowClass: (a) => "alert-row alert-" + (a.state || "") });
  t.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.state = alerts[i].state || ""; });
  clear(holder).append(t);
}
