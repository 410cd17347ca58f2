// experiments.js: #/experiments, the experiments table.
// Fetches: POST /api/2.0/mlflow/experiments/search (max_results 1000, following next_page_token up to 10
// pages), ordered by last update (newest first).
// data-ready: "experiments" once the table (or the empty note / error) is shown.
// Stable hooks for tests: #experiments-table (one <tr> per experiment, class .experiment-row,
// data-experiment-id), links a.experiment-link (to #/experiments/ID), #experiments-filter (narrows the rows
// by name or id in the browser; hidden rows get the hidden attribute), #experiments-count.

import { post, MLFLOW } from "./api.js";
import { el, table, link, formatTime, listPage } from "./dom.js";

export async function renderList(ctx) {
  const root = ctx.root;
  const page = await listPage(ctx, {
    title: "Experiments", heading: "Experiments", name: "experiments", errorPrefix: "Could not load experiments",
    empty: "No experiments yet. Log a run with gyre train or an MLflow client.",
    load: async () => {
      let experiments = [];
      let token = undefined;
      for (let pageIndex = 0; pageIndex < 10; pageIndex++) {
        const body = { max_results: 1000, order_by: ["last_update_time DESC"] };
        if (token) body.page_token = token;
        const res = await post(MLFLOW + "/experiments/search", body);
        experiments = experiments.concat(res.experiments || []);
        token = res.next_page_token;
        if (!token) break;
      }
      return experiments;
    },
  });
  if (!page) return;
  const { items: experiments, status } = page;
  const filter = el("input", { id: "experiments-filter", type: "search", autocomplete: "off" });
  const count = el("span", { id: "experiments-count", class: "help", role: "status" }, experiments.length + " experiments");
  filter.addEventListener("input", () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    root.querySelectorAll("#experiments-table tbody tr").forEach((tr, i) => {
      const match = !q || experiments[i].name.toLowerCase().includes(q) || experiments[i].experiment_id === q;
      tr.hidden = !match;
      if (match) shown++;
    });
    count.textContent = shown + " of " + experiments.length + " experiments";
  });
  status.before(el("div", { class: "toolbar" }, el("label", { for: "experiments-filter" }, "Find experiment"), filter, count));
  status.replaceWith(table([
    { label: "Name", cell: (x) => link("#/experiments/" + encodeURIComponent(x.experiment_id), x.name, { class: "experiment-link" }) },
    { label: "ID", key: "experiment_id" },
    { label: "Runs", cell: (x) => link("#/experiments/" + encodeURIComponent(x.experiment_id), "runs", {
      "aria-label": "Runs of " + x.name }) },
    { label: "Lifecycle", key: "lifecycle_stage" },
    { label: "Last update", cell: (x) => formatTime(x.last_update_time) },
  ], experiments, { id: "experiments-table", rowHeader: true, rowClass: () => "experiment-row" }));
  // data-experiment-id per row for tests
  root.querySelectorAll("#experiments-table tbody tr").forEach((tr, i) => { tr.dataset.experimentId = experiments[i].experiment_id; });
  ctx.ready("experiments");
}
