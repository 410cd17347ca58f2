// charts.js: hand-written SVG charts (no library). Every chart returns a <figure class="chart"> holding one
// <svg role="img"> (scaled to its container's width by CSS) with axes, ticks, axis labels and a legend
// (<ul class="legend">) when it draws several series. Colours come from PALETTE (all >= 4.5:1 on white).
//
//   lineChart({series:[{name, points:[{x, y, min?, max?}]}], xLabel, yLabel, title, xTime, band})
//       lines per series; with band=true each series' min/max is drawn as a shaded band (downsampled data).
//   historyChart({points:[{x, y, best}], xLabel, yLabel, title})   dots (values) + step line (best so far).
//   barChart({items:[{label, value}], xLabel, title})               horizontal bars, largest first as given.
//   parallelCoordinates({axes:[name], lines:[{name, values:[number]}], title})  one polyline per line.

const SVG = "http://www.w3.org/2000/svg";
export const PALETTE = ["#1d4ed8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#be185d",
  "#4d7c0f", "#334155"];
export const color = (i) => PALETTE[i % PALETTE.length];

function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function title(text) {
  return s("title", null, text);
}

/** About `count` round tick values covering [min, max]. */
export function niceTicks(min, max, count = 5) {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) { const d = Math.abs(min) * 0.1 || 1; min -= d; max += d; }
  const raw = (max - min) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) || 10 * mag;
  const ticks = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

function extent(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) { const d = Math.abs(lo) * 0.05 || 1; return [lo - d, hi + d]; }
  return [lo, hi];
}

function formatTick(v) {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(1);
  return String(Number(v.toPrecision(6)));
}

function formatTimeTick(ms, spanMs) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, "0");
  const hm = p(d.getHours()) + ":" + p(d.getMinutes());
  if (spanMs < 120000) return hm + ":" + p(d.getSeconds());
  if (spanMs < 2 * 86400000) return hm;
  return (d.getMonth() + 1) + "/" + d.getDate() + " " + hm;
}

function timeTicks(min, max, count = 5) {
  if (min === max) return [min];
  const step = (max - min) / count;
  return Array.from({ length: count + 1 }, (_, i) => min + i * step);
}

/** Plot frame: the <svg>, scale functions and the plot group, with axes, grid, ticks and labels drawn. */
function frame({ width = 560, height = 280, xDomain, yDomain, xLabel, yLabel, label, xTime, xTickValues }) {
  const m = { left: 64, right: 16, top: 14, bottom: 48 };
  const pw = width - m.left - m.right, ph = height - m.top - m.bottom;
  const [x0, x1] = xDomain, [y0, y1] = yDomain;
  const sx = (v) => m.left + (x1 === x0 ? pw / 2 : ((v - x0) / (x1 - x0)) * pw);
  const sy = (v) => m.top + ph - (y1 === y0 ? ph / 2 : ((v - y0) / (y1 - y0)) * ph);
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "chart-svg",
    preserveAspectRatio: "xMinYMin meet" }, title(label));
  const axes = s("g", { class: "axes" });
  const yTicks = niceTicks(y0, y1, 5).filter((t) => t >= y0 - 1e-12 && t <= y1 + 1e-12);
  for (const t of yTicks) {
    axes.append(s("line", { x1: m.left, x2: m.left + pw, y1: sy(t), y2: sy(t), class: "grid" }));
    axes.append(s("text", { x: m.left - 6, y: sy(t) + 4, "text-anchor": "end", class: "tick" }, formatTick(t)));
  }
  const span = x1 - x0;
  const xTicks = xTickValues || (xTime ? timeTicks(x0, x1, 4) : niceTicks(x0, x1, 6).filter((t) => t >= x0 - 1e-9 && t <= x1 + 1e-9));
  for (const t of xTicks) {
    axes.append(s("line", { x1: sx(t), x2: sx(t), y1: m.top + ph, y2: m.top + ph + 5, class: "axis" }));
    axes.append(s("text", { x: sx(t), y: m.top + ph + 18, "text-anchor": "middle", class: "tick" },
      xTime ? formatTimeTick(t, span) : formatTick(t)));
  }
  axes.append(s("line", { x1: m.left, x2: m.left + pw, y1: m.top + ph, y2: m.top + ph, class: "axis" }));
  axes.append(s("line", { x1: m.left, x2: m.left, y1: m.top, y2: m.top + ph, class: "axis" }));
  if (xLabel) axes.append(s("text", { x: m.left + pw / 2, y: height - 8, "text-anchor": "middle", class: "axis-label" }, xLabel));
  if (yLabel) axes.append(s("text", { x: 14, y: m.top + ph / 2, "text-anchor": "middle", class: "axis-label",
    transform: `rotate(-90 14 ${m.top + ph / 2})` }, yLabel));
  svg.append(axes);
  const plot = s("g", { class: "plot" });
  svg.append(plot);
  return { svg, sx, sy, plot };
}

function figure(svg, caption, legendItems, id) {
  const fig = document.createElement("figure");
  fig.className = "chart";
  if (id) fig.id = id;
  if (caption) {
    const fc = document.createElement("figcaption");
    fc.textContent = caption;
    fig.append(fc);
  }
  fig.append(svg);
  if (legendItems && legendItems.length) fig.append(legend(legendItems));
  return fig;
}

/** <ul class="legend"> of [{name, color, kind?: "line"|"dot"}]. */
export function legend(items) {
  const ul = document.createElement("ul");
  ul.className = "legend";
  for (const item of items) {
    const li = document.createElement("li");
    const sw = s("svg", { width: 18, height: 10, "aria-hidden": "true", class: "swatch" },
      item.kind === "dot" ? s("circle", { cx: 9, cy: 5, r: 4, fill: item.color })
        : item.kind === "band" ? s("rect", { x: 0, y: 0, width: 18, height: 10, fill: item.color, class: "band" })
        : s("line", { x1: 0, x2: 18, y1: 5, y2: 5, stroke: item.color, "stroke-width": 3 }));
    li.append(sw, document.createTextNode(" " + item.name));
    ul.append(li);
  }
  return ul;
}

function pathOf(points, sx, sy, yKey = "y") {
  let d = "";
  let pen = false;
  for (const p of points) {
    const y = p[yKey];
    if (!Number.isFinite(y) || !Number.isFinite(p.x)) { pen = false; continue; }
    d += (pen ? "L" : "M") + sx(p.x).toFixed(1) + " " + sy(y).toFixed(1);
    pen = true;
  }
  return d;
}

export function lineChart({ series, xLabel = "step", yLabel = "", title: caption, xTime = false, band = false,
  id, width, height }) {
  const all = series.flatMap((se) => se.points);
  const xDomain = extent(all.map((p) => p.x));
  const ys = band ? all.flatMap((p) => [p.y, p.min, p.max]) : all.map((p) => p.y);
  const yDomain = extent(ys);
  const label = (caption || yLabel) + ": " + series.map((se) => se.name + " (" + se.points.length + " points)").join(", ");
  const { svg, sx, sy, plot } = frame({ width, height, xDomain, yDomain, xLabel, yLabel, label, xTime });
  series.forEach((se, i) => {
    const c = se.color || color(i);
    if (band && se.points.some((p) => Number.isFinite(p.min) && p.min !== p.max)) {
      const upper = se.points.filter((p) => Number.isFinite(p.max));
      const lower = se.points.filter((p) => Number.isFinite(p.min)).reverse();
      const d = upper.map((p, k) => (k ? "L" : "M") + sx(p.x).toFixed(1) + " " + sy(p.max).toFixed(1)).join("") +
        lower.map((p) => "L" + sx(p.x).toFixed(1) + " " + sy(p.min).toFixed(1)).join("") + "Z";
      plot.append(s("path", { d, fill: c, class: "band" }, title(se.name + " min/max")));
    }
    const d = pathOf(se.points, sx, sy);
    if (d) plot.append(s("path", { d, stroke: c, fill: "none", class: "line", "data-series": se.name }, title(se.name)));
    if (se.points.length <= 60) {
      for (const p of se.points) if (Number.isFinite(p.y)) {
        plot.append(s("circle", { cx: sx(p.x), cy: sy(p.y), r: 2.5, fill: c, class: "dot" },
          title(se.name + ": " + formatTick(p.y) + " at " + (xTime ? new Date(p.x).toISOString() : xLabel + " " + p.x))));
      }
    }
  });
  const items = series.length > 1 || band ? series.map((se, i) => ({ name: se.name, color: se.color || color(i) })) : [];
  if (band) items.push({ name: "min–max per bucket (shaded)", color: series[0] ? series[0].color || color(0) : color(0), kind: "band" });
  return figure(svg, caption, items, id);
}

export function historyChart({ points, xLabel = "trial", yLabel = "value", title: caption, id }) {
  const xDomain = extent(points.map((p) => p.x));
  const yDomain = extent(points.flatMap((p) => [p.y, p.best]));
  const { svg, sx, sy, plot } = frame({ xDomain, yDomain, xLabel, yLabel,
    label: (caption || "history") + ": " + points.length + " trials" });
  let d = "";
  points.forEach((p, k) => {
    if (!Number.isFinite(p.best)) return;
    d += k === 0 || !d ? "M" + sx(p.x).toFixed(1) + " " + sy(p.best).toFixed(1)
      : "H" + sx(p.x).toFixed(1) + "V" + sy(p.best).toFixed(1);
  });
  if (d) plot.append(s("path", { d, stroke: color(1), fill: "none", class: "line best-line" }, title("best so far")));
  for (const p of points) if (Number.isFinite(p.y)) {
    plot.append(s("circle", { cx: sx(p.x), cy: sy(p.y), r: 4, fill: color(0), class: "dot trial-dot" },
      title("trial " + p.x + ": " + formatTick(p.y))));
  }
  return figure(svg, caption, [{ name: "trial value", color: color(0), kind: "dot" }, { name: "best so far", color: color(1) }], id);
}

export function barChart({ items, xLabel = "", title: caption, id }) {
  const rowH = 26, m = { left: 170, right: 60, top: 8, bottom: 40 }, width = 640;
  const height = m.top + m.bottom + rowH * Math.max(1, items.length);
  const max = Math.max(1e-12, ...items.map((it) => (Number.isFinite(it.value) ? it.value : 0)));
  const pw = width - m.left - m.right;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart-svg",
    "aria-label": (caption || "bars") + ": " + items.map((it) => it.label + " " + formatTick(it.value)).join(", ") },
  title(caption || "bars"));
  const g = s("g", { class: "plot" });
  items.forEach((it, i) => {
    const y = m.top + i * rowH;
    const w = Math.max(0, (Number.isFinite(it.value) ? it.value : 0) / max * pw);
    const name = it.label.length > 24 ? it.label.slice(0, 23) + "…" : it.label;
    g.append(s("text", { x: m.left - 8, y: y + rowH / 2 + 4, "text-anchor": "end", class: "tick bar-label" }, name, title(it.label)));
    g.append(s("rect", { x: m.left, y: y + 4, width: w.toFixed(1), height: rowH - 8, fill: color(0), class: "bar" }, title(it.label + ": " + formatTick(it.value))));
    g.append(s("text", { x: m.left + w + 6, y: y + rowH / 2 + 4, class: "tick" }, formatTick(it.value)));
  });
  const axisY = m.top + rowH * Math.max(1, items.length);
  g.append(s("line", { x1: m.left, x2: m.left + pw, y1: axisY, y2: axisY, class: "axis" }));
  for (const t of niceTicks(0, max, 4).filter((t) => t <= max + 1e-12)) {
    const x = m.left + t / max * pw;
    g.append(s("line", { x1: x, x2: x, y1: axisY, y2: axisY + 5, class: "axis" }));
    g.append(s("text", { x, y: axisY + 18, "text-anchor": "middle", class: "tick" }, formatTick(t)));
  }
  if (xLabel) g.append(s("text", { x: m.left + pw / 2, y: height - 6, "text-anchor": "middle", class: "axis-label" }, xLabel));
  svg.append(g);
  return figure(svg, caption, [], id);
}

export function parallelCoordinates({ axes, lines, title: caption, id }) {
  const width = Math.max(900, 150 * axes.length), height = 340;
  const m = { left: 90, right: 90, top: 48, bottom: 30 };
  const ph = height - m.top - m.bottom;
  const step = axes.length > 1 ? (width - m.left - m.right) / (axes.length - 1) : 0;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "chart-svg parallel-svg",
    "aria-label": (caption || "parallel coordinates") + ": " + lines.length + " runs over " + axes.join(", ") },
  title(caption || "parallel coordinates"));
  const domains = axes.map((_, a) => extent(lines.map((l) => l.values[a])));
  const ax = (a) => m.left + a * step;
  const ay = (a, v) => { const [lo, hi] = domains[a]; return m.top + ph - ((v - lo) / (hi - lo)) * ph; };
  const g = s("g", { class: "axes" });
  axes.forEach((name, a) => {
    g.append(s("line", { x1: ax(a), x2: ax(a), y1: m.top, y2: m.top + ph, class: "axis" }));
    const short = name.length > 20 ? "…" + name.slice(-19) : name;
    g.append(s("text", { x: ax(a), y: m.top - 24, "text-anchor": "middle", class: "axis-label" }, short, title(name)));
    const [lo, hi] = domains[a];
    g.append(s("text", { x: ax(a), y: m.top - 8, "text-anchor": "middle", class: "tick" }, formatTick(hi)));
    g.append(s("text", { x: ax(a), y: m.top + ph + 16, "text-anchor": "middle", class: "tick" }, formatTick(lo)));
  });
  svg.append(g);
  const plot = s("g", { class: "plot" });
  lines.forEach((l, i) => {
    const d = l.values.map((v, a) => (a ? "L" : "M") + ax(a).toFixed(1) + " " + ay(a, v).toFixed(1)).join("");
    plot.append(s("path", { d, stroke: color(i), fill: "none", class: "line pc-line", "data-run": l.name }, title(l.name)));
  });
  svg.append(plot);
  return figure(svg, caption, lines.map((l, i) => ({ name: l.name, color: color(i) })), id);
}
