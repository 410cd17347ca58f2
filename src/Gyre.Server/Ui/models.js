// models.js: #/models (registered models) and #/models/NAME (one model).
// Fetches: GET /api/2.0/mlflow/registered-models/search (max_results 1000); for one model
// GET /api/2.0/mlflow/registered-models/get?name=, GET /api/2.0/mlflow/model-versions/search?filter=name='NAME'
// (following page tokens), GET /api/2.0/gyre/registry/audit/get?name= (audit history), and for the lineage
// GET /api/2.0/mlflow/runs/get per distinct source run of the newest 20 versions.
// Writes: POST /api/2.0/mlflow/registered-models/alias {name, alias, version} (the alias form) and
// DELETE /api/2.0/mlflow/registered-models/alias {name, alias} (Remove buttons). A 403 shows
// "This token cannot change the registry (read-only)" in #alias-message.
// data-ready: "models" when the list is shown; "model" when the versions and aliases tables and the alias
// form are shown (lineage and audit follow; #lineage-table / #audit-table replace their loading notes).
// Stable hooks for tests: #models-table (tr.model-row[data-model], a.model-link); #versions-table
//   (tr[data-version]), #aliases-table (tr[data-alias] with span.alias-version in its version cell; button.alias-delete[data-alias]),
//   #alias-form (#alias-name input, #alias-version select, #alias-submit), #alias-message
//   (data-state="ok"|"error"), #lineage-table (tr[data-version]), #audit-table (tr[data-sequence]).

import { get, post, del, MLFLOW, GYRE } from "./api.js";
import { el, clear, table, errorBox, section, link, formatTime, loading, isMissingRoute, notAvailable, listPage } from "./dom.js";

export const READ_ONLY_MESSAGE = "This token cannot change the registry (read-only)";

export async function renderModels(ctx) {
  const page = await listPage(ctx, {
    title: "Models", heading: "Registered models", name: "models", errorPrefix: "Could not load models",
    empty: "No registered models yet (gyre models register NAME --run RUN_ID).",
    load: async () => (await get(MLFLOW + "/registered-models/search", { max_results: 1000 })).registered_models || [],
  });
  if (!page) return;
  const { items: models, status } = page;
  const latest = (m) => (m.latest_versions || []).reduce((a, v) => Math.max(a, Number(v.version) || 0), 0);
  const t = table([
    { label: "Model", cell: (m) => link("#/models/" + encodeURIComponent(m.name), m.name, { class: "model-link" }) },
    { label: "Latest version", cell: (m) => String(latest(m) || ""), numeric: true },
    { label: "Aliases", cell: (m) => aliasChips((m.aliases || []).map((a) => a.alias + " → v" + a.version)) },
    { label: "Last updated", cell: (m) => formatTime(m.last_updated_timestamp) },
    { label: "Description", cell: (m) => m.description || "" },
  ], models, { id: "models-table", rowHeader: true, rowClass: () => "model-row" });
  t.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.model = models[i].name; });
  status.replaceWith(t);
  ctx.ready("models");
}

/** Short details inline; long ones (gate decisions) folded in a <details> element. */
function detailsCell(json) {
  if (!json) return "";
  let text = json;
  try { text = JSON.stringify(JSON.parse(json), null, 2); } catch { /* keep as is */ }
  if (json.length <= 120) return el("code", { class: "details" }, json);
  return el("details", { class: "audit-details" }, el("summary", null, json.slice(0, 80) + "…"), el("pre", null, text));
}

function aliasChips(list) {
  return el("span", { class: "chips" }, list.map((a) => el("span", { class: "chip" }, a)));
}

function quoteFilterString(s) {
  return "'" + s.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'";
}

async function allVersions(name) {
  let versions = [], token;
  for (let page = 0; page < 20; page++) {
    const res = await get(MLFLOW + "/model-versions/search", { filter: "name=" + quoteFilterString(name), max_results: 200, page_token: token });
    versions = versions.concat(res.model_versions || []);
    token = res.next_page_token;
    if (!token) break;
  }
  return versions.sort((a, b) => Number(b.version) - Number(a.version));
}

export async function renderModel(ctx, name) {
  const root = ctx.root;
  ctx.setTitle("Model " + name);
  root.append(el("p", { class: "crumbs" }, link("#/models", "Models"), " / "), el("h1", { tabindex: "-1" }, "Model " + name));
  const status = loading("the model");
  root.append(status);

  const versionsHolder = el("div");
  const aliasesHolder = el("div");
  const message = el("p", { id: "alias-message", role: "status", class: "message" });
  const aliasInput = el("input", { id: "alias-name", name: "alias", required: true, list: "alias-names", autocomplete: "off",
    pattern: "[A-Za-z0-9_\\-]+", "aria-describedby": "alias-help" });
  const versionSelect = el("select", { id: "alias-version", name: "version", required: true });
  const datalist = el("datalist", { id: "alias-names" });
  const form = el("form", { id: "alias-form", class: "inline-form" },
    el("div", { class: "field" }, el("label", { for: "alias-name" }, "Alias"), aliasInput, datalist),
    el("div", { class: "field" }, el("label", { for: "alias-version" }, "Version"), versionSelect),
    el("button", { type: "submit", id: "alias-submit" }, "Point alias at version"),
    el("p", { id: "alias-help", class: "help" }, "Moves the alias (or creates it). Needs a token with write access when auth is on."));
  const lineageHolder = el("div", null, loading("lineage"));
  const auditHolder = el("div", null, loading("audit history"));

  async function loadRegistry() {
    const [model, versions] = await Promise.all([
      get(MLFLOW + "/registered-models/get", { name }).then((r) => r.registered_model),
      allVersions(name),
    ]);
    if (!ctx.alive()) return null;
    const aliases = (model.aliases || []).slice().sort((a, b) => a.alias.localeCompare(b.alias));
    const aliasesOf = (v) => aliases.filter((a) => a.version === v.version).map((a) => a.alias);
    const vt = table([
      { label: "Version", key: "version", numeric: true },
      { label: "Aliases", cell: (v) => aliasChips(aliasesOf(v)) },
      { label: "Run", cell: (v) => (v.run_id ? link("#/runs/" + encodeURIComponent(v.run_id), v.run_id.slice(0, 8), { class: "run-link" }) : "") },
      { label: "Created", cell: (v) => formatTime(v.creation_timestamp), className: "nowrap" },
      { label: "Status", key: "status" },
      { label: "Package sha256", cell: (v) => (v.gyre_package && v.gyre_package.sha256
        ? el("code", { title: v.gyre_package.sha256 }, v.gyre_package.sha256.slice(0, 12)) : "") },
      { label: "Source", cell: (v) => el("code", null, v.source || "") },
    ], versions, { id: "versions-table", rowHeader: true });
    vt.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.version = versions[i].version; });
    clear(versionsHolder).append(versions.length ? vt : el("p", { class: "empty", id: "versions-table" }, "No versions."));

    const at = table([
      { label: "Alias", key: "alias" },
      { label: "Version", cell: (a) => el("span", { class: "alias-version" }, a.version) },
      { label: "Actions", cell: (a) => el("button", { type: "button", class: "secondary alias-delete", dataset: { alias: a.alias },
        "aria-label": "Remove alias " + a.alias, onclick: () => removeAlias(a.alias) }, "Remove") },
    ], aliases, { id: "aliases-table", rowHeader: true });
    at.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.alias = aliases[i].alias; });
    clear(aliasesHolder).append(aliases.length ? at : el("p", { class: "empty", id: "aliases-table" }, "No aliases."));

    const chosen = versionSelect.value;
    clear(versionSelect).append(...versions.map((v) => el("option", { value: v.version }, "version " + v.version)));
    if (chosen) versionSelect.value = chosen;
    clear(datalist).append(...aliases.map((a) => el("option", { value: a.alias })));
    return { model, versions };
  }

  async function loadAudit() {
    try {
      const res = await get(GYRE + "/registry/audit/get", { name });
      const entries = (res.entries || []).slice().sort((a, b) => b.sequence - a.sequence);
      const t = table([
        { label: "#", key: "sequence", numeric: true },
        { label: "Time", cell: (e) => formatTime(e.time), className: "nowrap" },
        { label: "User", key: "user" },
        { label: "Action", key: "action" },
        { label: "Version", cell: (e) => e.version || "" },
        { label: "Alias", cell: (e) => e.alias || "" },
        { label: "Reason", cell: (e) => e.reason || "" },
        { label: "Details", cell: (e) => detailsCell(e.details_json) },
      ], entries, { id: "audit-table" });
      t.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.sequence = String(entries[i].sequence); });
      clear(auditHolder).append(entries.length ? t : el("p", { class: "empty", id: "audit-table" }, "No audit entries."));
    } catch (e) {
      clear(auditHolder).append(isMissingRoute(e) ? notAvailable("The registry audit log") : errorBox(e, "Audit history"));
    }
  }

  function showResult(ok, text) {
    message.textContent = text;
    message.dataset.state = ok ? "ok" : "error";
    message.className = "message " + (ok ? "ok" : "error");
  }

  function failure(e) {
    showResult(false, e.status === 403 ? READ_ONLY_MESSAGE : "Could not change the alias: " + e.message);
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const alias = aliasInput.value.trim(), version = versionSelect.value;
    if (!alias || !version) { showResult(false, "Give an alias and a version."); return; }
    try {
      await post(MLFLOW + "/registered-models/alias", { name, alias, version });
    } catch (e) { failure(e); return; }
    showResult(true, "Alias " + alias + " now points at version " + version + ".");
    await loadRegistry().catch(() => {});
    loadAudit();
  });

  async function removeAlias(alias) {
    if (!window.confirm("Remove alias " + alias + " from " + name + "?")) return;
    try {
      await del(MLFLOW + "/registered-models/alias", { name, alias });
    } catch (e) { failure(e); return; }
    showResult(true, "Alias " + alias + " removed.");
    await loadRegistry().catch(() => {});
    loadAudit();
  }

  let loaded;
  try {
    loaded = await loadRegistry();
  } catch (e) {
    status.replaceWith(errorBox(e, "Could not load model " + name));
    ctx.ready("model");
    return;
  }
  if (!loaded) return;
  const { model, versions } = loaded;
  status.replaceWith(
    el("p", { class: "description" }, model.description || ""),
    el("div", { class: "columns" },
      section("Aliases", "aliases-section", aliasesHolder, form, message),
      section("Lineage", "lineage-section", el("p", { class: "help" }, "Version → training run → dataset fingerprint (from the run's inputs)."), lineageHolder)),
    section("Versions", "versions-section", versionsHolder),
    section("Audit history", "audit-section", auditHolder));
  ctx.ready("model");

  loadAudit();
  renderLineage(versions.slice(0, 20), lineageHolder, ctx);
}

async function renderLineage(versions, holder, ctx) {
  const runIds = [...new Set(versions.map((v) => v.run_id).filter(Boolean))];
  const runs = new Map();
  await Promise.all(runIds.map((id) => get(MLFLOW + "/runs/get", { run_id: id })
    .then((r) => runs.set(id, r.run)).catch((e) => runs.set(id, { error: e }))));
  if (!ctx.alive()) return;
  const rows = versions.map((v) => {
    const run = runs.get(v.run_id);
    const inputs = run && run.inputs && run.inputs.dataset_inputs || [];
    return { v, run, inputs };
  });
  const t = table([
    { label: "Version", cell: (r) => "v" + r.v.version },
    { label: "Run", cell: (r) => (r.v.run_id ? link("#/runs/" + encodeURIComponent(r.v.run_id),
      (r.run && r.run.info && r.run.info.run_name) || r.v.run_id.slice(0, 8)) : "—") },
    { label: "Data fingerprint", cell: (r) => (r.run && r.run.error ? r.run.error.message
      : r.inputs.length ? el("ul", { class: "plain" }, r.inputs.map((d) => el("li", null, d.dataset.name + " ",
        el("code", { title: d.dataset.digest || "" }, (d.dataset.digest || "").slice(0, 12))))) : "no dataset inputs") },
  ], rows, { id: "lineage-table", rowHeader: true });
  t.querySelectorAll("tbody tr").forEach((tr, i) => { tr.dataset.version = rows[i].v.version; });
  clear(holder).append(rows.length ? t : el("p", { class: "empty", id: "lineage-table" }, "No versions."));
}
