// deployments.js: #/deployments, what serves where, from the inference log.
// Fetches: GET /api/2.0/gyre/ui/deployments?minutes=M (M from the window select, default 15) ->
// {window_minutes, endpoints:[{endpoint, model, variants:[{version, variant, requests, share, rate_per_second,
// latency_ms_p50, latency_ms_p95, last_seen}]}]}; refetched every 5 s while the page is open (the timer
// stops when leaving the page). A missing route shows a .not-available note.
// data-ready: "deployments" once the first answer (endpoints, the empty note or an error) is shown.
// Stable hooks for tests: #deployments (container; data-refreshes counts renders), #deployments-updated,
//   #window-minutes (select), section.endpoint[data-endpoint] each with .traffic-bar (one
//   .traffic-segment[data-version][data-variant] per variant, width = share) and table.variants-table
//   (tr[data-version]).

import { get, GYRE_UI } from "./api.js";
import { el, clear, table, errorBox, link, formatNumber, formatTime, isMissingRoute, notAvailable, loading } from "./dom.js";
import { color } from "./charts.js";

const REFRESH_MS = 5000;

export async function renderDeployments(ctx) {
  const root = ctx.root;
  ctx.setTitle("Deployments");
  const windowSelect = el("select", { id: "window-minutes" },
    [5, 15, 60, 240, 1440].map((m) => el("option", { value: String(m), selected: m === 15 }, m < 60 ? m + " minutes" : m / 60 + " hours")));
  const updated = el("span", { id: "deployments-updated", class: "help", role: "status" });
  const container = el("div", { id: "deployments", dataset: { refreshes: "0" } }, loading("deployments"));
  root.append(el("h1", { tabindex: "-1" }, "Deployments"),
    el("div", { class: "toolbar" }, el("label", { for: "window-minutes" }, "Traffic window"), windowSelect, updated),
    el("p", { class: "help" }, "From the inference log of gyre serve; refreshes every 5 seconds."), container);

  let first = true, timer = null, stopped = false;
  ctx.onLeave(() => { stopped = true; if (timer) clearTimeout(timer); });

  async function refresh() {
    if (timer) { clearTimeout(timer); timer = null; }
    let res = null, error = null;
    try {
      res = await get(GYRE_UI + "/deployments", { minutes: windowSelect.value });
    } catch (e) { error = e; }
    if (stopped) return;
    if (error && isMissingRoute(error)) {
      clear(container).append(notAvailable("The deployments view"));
    } else if (error) {
      // keep the last good view; show the error above it
      const box = errorBox(error, "Could not refresh");
      const old = container.querySelector(":scope > .error");
      if (old) old.replaceWith(box); else container.prepend(box);
    } else {
      renderEndpoints(container, res);
      updated.textContent = "Updated " + formatTime(Date.now()) + " · window " + res.window_minutes + " min";
    }
    container.dataset.refreshes = String(Number(container.dataset.refreshes) + 1);
    if (first) { first = false; ctx.ready("deployments"); }
    if (!(error && isMissingRoute(error))) timer = setTimeout(refresh, REFRESH_MS);
  }
  windowSelect.addEventListener("change", refresh);
  await refresh();
}

function renderEndpoints(container, res) {
  const endpoints = res.endpoints || [];
  clear(container);
  if (endpoints.length === 0) {
    container.append(el("p", { class: "empty" }, "No requests in the last " + res.window_minutes + " minutes."));
    return;
  }
  for (const ep of endpoints) {
    const variants = ep.variants || [];
    const total = variants.reduce((a, v) => a + (v.requests || 0), 0);
    const bar = el("div", { class: "traffic-bar", role: "img",
      "aria-label": "Traffic split: " + variants.map((v) => label(v) + " " + pct(v.share)).join(", ") });
    variants.forEach((v, i) => {
      const seg = el("div", { class: "traffic-segment", dataset: { version: String(v.version ?? ""), variant: v.variant || "", color: String(i % 10) },
        title: label(v) + ": " + pct(v.share) }, segmentText(v));
      seg.style.width = Math.max(0, Math.min(100, (v.share || 0) * 100)) + "%";
      bar.append(seg);
    });
    const t = table([
      { label: "Version", cell: (v) => (ep.model ? link("#/models/" + encodeURIComponent(ep.model), "v" + v.version) : "v" + v.version) },
      { label: "Variant", cell: (v) => v.variant || "—" },
      { label: "Requests", key: "requests", numeric: true },
      { label: "Share", cell: (v) => pct(v.share), numeric: true },
      { label: "Rate (req/s)", cell: (v) => formatNumber(v.rate_per_second), numeric: true },
      { label: "p50 latency (ms)", cell: (v) => formatNumber(v.latency_ms_p50), numeric: true },
      { label: "p95 latency (ms)", cell: (v) => formatNumber(v.latency_ms_p95), numeric: true },
      { label: "Last request", cell: (v) => formatTime(v.last_seen) },
    ], variants, { className: "variants-table", rowHeader: true });
    t.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.version = String(variants[i].version ?? ""); });
    const headingId = "endpoint-" + slug(ep.endpoint);
    container.append(el("section", { class: "panel endpoint", dataset: { endpoint: ep.endpoint }, "aria-labelledby": headingId },
      el("h2", { id: headingId }, "Endpoint " + ep.endpoint),
      el("p", null, "Model ", ep.model ? link("#/models/" + encodeURIComponent(ep.model), ep.model) : "unknown",
        " · " + total.toLocaleString("en") + " requests"),
      bar, t));
  }
}

/** The text inside a traffic segment: full for wide ones, short for narrow ones, none for slivers. */
const segmentText = (v) => ((v.share || 0) >= 0.25 ? label(v) + " " + pct(v.share) : (v.share || 0) >= 0.07 ? "v" + v.version : "");
const label = (v) => "v" + v.version + (v.variant ? " (" + v.variant + ")" : "");
const pct = (x) => (Number.isFinite(x) ? (x * 100).toFixed(1) + "%" : "");
const slug = (s) => String(s).replace(/[^A-Za-z0-9_-]+/g, "-");
