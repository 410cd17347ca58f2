// series.js: metric histories for charts.
// fetchSeries(runId, key, maxPoints) -> {key, total_points, downsampled, points:[{step, timestamp, value, min,
// max, count}]} from GET /api/2.0/gyre/ui/metric-series (downsampled on the server: at most maxPoints
// buckets, each with its last value and min/max). Only when that route is missing (404, an older server) it
// falls back to the first 10,000 points of /api/2.0/mlflow/metrics/get-history and marks the answer
// `fallback: true` so pages can say so.

import { get, GYRE_UI, MLFLOW } from "./api.js";
import { isMissingRoute } from "./dom.js";

export async function fetchSeries(runId, key, maxPoints = 1000) {
  try {
    return await get(GYRE_UI + "/metric-series", { run_id: runId, key, max_points: maxPoints });
  } catch (e) {
    if (!isMissingRoute(e)) throw e;
    const res = await get(MLFLOW + "/metrics/get-history", { run_id: runId, metric_key: key, max_results: 10000 });
    const points = (res.metrics || []).map((m) => ({ step: m.step, timestamp: m.timestamp, value: m.value, min: m.value, max: m.value, count: 1 }))
      .sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
    return { key, total_points: points.length, downsampled: false, points, fallback: true };
  }
}

/** Chart points from a series: x = step (or timestamp when byTime), y = value, with min/max for bands. */
export function toChartPoints(series, byTime = false) {
  return (series.points || []).map((p) => ({ x: byTime ? p.timestamp : p.step, y: p.value, min: p.min, max: p.max }));
}
