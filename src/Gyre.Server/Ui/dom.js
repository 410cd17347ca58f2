// dom.js: small helpers to build the DOM safely. Strings always go in through textContent (never innerHTML),
// so server data cannot inject markup; styles are set through classes only (the CSP forbids inline styles in
// HTML strings).

/**
 * el("a", {href: "#/x", class: "link"}, "text", child) -> element. Attributes: class, dataset (object),
 * on<Event> (function), boolean true -> present, false/null/undefined -> absent; children: strings (as text),
 * numbers, nodes, arrays, null (skipped).
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/**
 * A table: columns [{label, key?, cell?(row) -> node|string, numeric?, className?}], rows; the first header row uses
 * <th scope="col">; when rowHeader is true the first cell of each row is <th scope="row">.
 */
export function table(columns, rows, { id, className, caption, rowHeader, rowClass } = {}) {
  const thead = el("thead", null, el("tr", null, columns.map((c) =>
    el("th", { scope: "col", class: c.numeric ? "num" : null }, c.label))));
  const tbody = el("tbody", null, rows.map((row) => {
    const tr = el("tr", { class: rowClass ? rowClass(row) : null });
    columns.forEach((c, i) => {
      const value = c.cell ? c.cell(row) : row[c.key];
      const tag = rowHeader && i === 0 ? "th" : "td";
      const cls = [c.numeric ? "num" : "", c.className || ""].join(" ").trim() || null;
      tr.append(el(tag, { scope: tag === "th" ? "row" : null, class: cls }, value ?? ""));
    });
    return tr;
  }));
  return el("div", { class: "table-wrap" },
    el("table", { id, class: className }, caption ? el("caption", null, caption) : null, thead, tbody));
}

/** An error message box (role=alert) with the server's message. */
export function errorBox(error, prefix) {
  const message = error && error.message ? error.message : String(error);
  return el("p", { class: "error", role: "alert" }, prefix ? prefix + ": " + message : message);
}

/** The note shown where a server route is missing (404) or the backend lacks the feature. */
export function notAvailable(what) {
  return el("p", { class: "not-available" }, what + " is not available on this server.");
}

export function loading(what) {
  return el("p", { class: "loading", role: "status" }, "Loading " + what + "…");
}

/**
 * The frame of a list page: sets the title, appends the heading and a "Loading NAME…" note, and awaits
 * load(). Returns { items, status } when there are items, for the page to replace status with its table
 * and call ctx.ready(name). Otherwise it replaces the note itself (errorBox with errorPrefix, or
 * notAvailable(missing) when the server lacks the route and missing is given, or the `empty` note), marks
 * the page ready and returns null.
 */
export async function listPage(ctx, { title, heading, name, load, errorPrefix, missing, empty }) {
  ctx.setTitle(title);
  ctx.root.append(el("h1", { tabindex: "-1" }, heading));
  const status = loading(name);
  ctx.root.append(status);
  let items;
  try {
    items = await load();
  } catch (e) {
    status.replaceWith(missing && isMissingRoute(e) ? notAvailable(missing) : errorBox(e, errorPrefix));
    ctx.ready(name);
    return null;
  }
  if (items.length === 0) {
    status.replaceWith(el("p", { class: "empty" }, empty));
    ctx.ready(name);
    return null;
  }
  return { items, status };
}

export function link(href, text, attrs) {
  return el("a", Object.assign({ href }, attrs || {}), text);
}

export function section(title, id, ...children) {
  const headingId = id ? id + "-heading" : undefined;
  return el("section", { id, "aria-labelledby": headingId, class: "panel" },
    el("h2", { id: headingId }, title), children);
}

const pad = (n) => String(n).padStart(2, "0");

/** Local date-time "YYYY-MM-DD HH:MM:SS" from epoch ms, an ISO string or a Date; "" for empty. */
export function formatTime(value) {
  if (value === undefined || value === null || value === "") return "";
  const d = value instanceof Date ? value : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " +
    pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
}

/** A number for tables: up to 4 significant decimals, integers unchanged. */
export function formatNumber(v) {
  if (v === undefined || v === null || v === "") return "";
  const n = Number(v);
  if (!Number.isFinite(n)) return String(v);
  if (Number.isInteger(n)) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return n.toExponential(3);
  return String(Number(n.toPrecision(5)));
}

export function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return "";
  if (ms < 1000) return ms + " ms";
  const s = ms / 1000;
  if (s < 60) return s.toFixed(1) + " s";
  const m = Math.floor(s / 60);
  if (m < 60) return m + " min " + Math.round(s % 60) + " s";
  return Math.floor(m / 60) + " h " + (m % 60) + " min";
}

/** True when the server has no such route (404 ENDPOINT_NOT_FOUND), as opposed to a missing run or model. */
export const isMissingRoute = (e) => !!e && e.status === 404 && (e.code === "ENDPOINT_NOT_FOUND" || !e.code);
