// studies.js: #/studies (list) and #/studies/NAME (one study).
// Fetches: GET /api/2.0/gyre/ui/studies -> {studies:[{name, direction, trials, complete, pruned, failed,
// best_value, best_trial}]}; GET /api/2.0/gyre/ui/study?name=NAME -> the `gyre study report --json` report
// {study:{name, direction, user_attrs}, counts, best_trial, importances:[{name, importance}],
// history:[{number, value, best_so_far}], trials:[{number, state, value, params, duration_seconds, user_attrs}]}.
// A missing route (older server) shows a .not-available note.
// data-ready: "studies" when the list (or its note) is shown; "study" when the study's summary, charts and
// trials table are shown.
// Stable hooks for tests: #studies-table (tr.study-row[data-study], a.study-link), #study-summary,
//   #history-chart (figure: circle.trial-dot per complete trial, path.best-line), #importance-chart
//   (rect.bar per parameter), #trials-table (tr[data-trial][data-state]).

import { get, GYRE_UI } from "./api.js";
import { el, table, errorBox, section, link, formatNumber, formatTime, isMissingRoute, notAvailable, loading, listPage } from "./dom.js";
import { historyChart, barChart } from "./charts.js";

export async function renderStudies(ctx) {
  const page = await listPage(ctx, {
    title: "Studies", heading: "Tuning studies", name: "studies", errorPrefix: "Could not load studies",
    missing: "The studies list", empty: "No tuning studies yet. Run gyre tune --spec tune.yaml against this store.",
    load: async () => (await get(GYRE_UI + "/studies")).studies || [],
  });
  if (!page) return;
  const { items: studies, status } = page;
  const t = table([
    { label: "Study", cell: (s) => link("#/studies/" + encodeURIComponent(s.name), s.name, { class: "study-link" }) },
    { label: "Direction", key: "direction" },
    { label: "Trials", key: "trials", numeric: true },
    { label: "Complete", key: "complete", numeric: true },
    { label: "Pruned", key: "pruned", numeric: true },
    { label: "Failed", key: "failed", numeric: true },
    { label: "Best value", cell: (s) => formatNumber(s.best_value), numeric: true },
    { label: "Best trial", cell: (s) => (s.best_trial ?? ""), numeric: true },
    { label: "Created", cell: (s) => formatTime(s.created_at), className: "nowrap" },
  ], studies, { id: "studies-table", rowHeader: true, rowClass: () => "study-row" });
  t.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.study = studies[i].name; });
  status.replaceWith(t);
  ctx.ready("studies");
}

export async function renderStudy(ctx, name) {
  const root = ctx.root;
  ctx.setTitle("Study " + name);
  root.append(el("p", { class: "crumbs" }, link("#/studies", "Studies"), " / "), el("h1", { tabindex: "-1" }, "Study " + name));
  const status = loading("the study");
  root.append(status);
  let report;
  try {
    report = await get(GYRE_UI + "/study", { name });
  } catch (e) {
    status.replaceWith(isMissingRoute(e) ? notAvailable("The study report") : errorBox(e, "Could not load study " + name));
    ctx.ready("study");
    return;
  }
  if (!ctx.alive()) return;
  const counts = report.counts || {};
  const best = report.best_trial;
  const direction = (report.study && report.study.direction) || "";
  const attrs = (report.study && report.study.user_attrs) || {};
  const metricName = attrs.metric || "value";
  const summary = el("dl", { id: "study-summary", class: "summary" },
    dt("Direction", direction), dt("Metric", metricName),
    dt("Trials", String(counts.total ?? "")),
    dt("Complete / pruned / failed", [counts.complete, counts.pruned, counts.failed].map((x) => x ?? 0).join(" / ")),
    dt("Best value", best ? formatNumber(best.value) + " (trial " + best.number + ")" : "none yet"),
    dt("Best parameters", best ? Object.entries(best.params || {}).map(([k, v]) => k + " = " + formatNumber(v)).join(", ") : ""),
    report.study && report.study.created_at ? dt("Created", formatTime(report.study.created_at)) : null);

  const history = (report.history || []).map((h) => ({ x: h.number, y: h.value, best: h.best_so_far }));
  const historyFig = history.length
    ? historyChart({ points: history, xLabel: "trial", yLabel: metricName, title: "Optimization history (" + direction + ")", id: "history-chart" })
    : el("p", { class: "empty", id: "history-chart" }, "No complete trials yet.");
  const importances = (report.importances || []).slice().sort((a, b) => b.importance - a.importance);
  const importanceFig = importances.length
    ? barChart({ items: importances.map((i) => ({ label: i.name, value: i.importance })), xLabel: "importance (" + (report.importance_method || "fanova") + ")",
      title: "Parameter importance", id: "importance-chart" })
    : el("p", { class: "empty", id: "importance-chart" }, "Not enough complete trials to estimate importance.");

  const trials = report.trials || [];
  const paramNames = [...new Set(trials.flatMap((t) => Object.keys(t.params || {})))].sort();
  const trialsTable = table([
    { label: "Trial", key: "number", numeric: true },
    { label: "State", cell: (t) => el("span", { class: "state state-" + t.state }, t.state) },
    { label: "Value", cell: (t) => formatNumber(t.value), numeric: true },
    ...paramNames.map((p) => ({ label: p, cell: (t) => formatNumber((t.params || {})[p]), numeric: true })),
    { label: "Duration", cell: (t) => (t.duration_seconds != null ? t.duration_seconds.toFixed(2) + " s" : ""), numeric: true },
    { label: "Run", cell: (t) => (t.user_attrs && t.user_attrs.run_id ? link("#/runs/" + encodeURIComponent(t.user_attrs.run_id), "run") : "") },
  ], trials, { id: "trials-table", rowHeader: true, rowClass: (t) => (best && t.number === best.number ? "best" : null) });
  trialsTable.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.trial = String(trials[i].number); tr.dataset.state = trials[i].state; });

  status.replaceWith(summary, el("div", { class: "chart-grid" },
    section("Optimization history", "history-section", historyFig),
    section("Parameter importance", "importance-section", importanceFig)),
  section("Trials", "trials-section", trialsTable));
  ctx.ready("study");
}

function dt(label, value) {
  return [el("dt", null, label), el("dd", null, value)];
}
