// The UI benchmark's browser side (run by run.sh): for each page, the time from navigation start to main[data-ready]
// (the page's first meaningful content, set by the page itself) in headless Chromium driven by playwright-core.
// Per page: one cold load (a fresh browser context: empty cache) and then N warm loads (median reported). For the
// run and compare pages the time until their charts are drawn is reported too (#metric-charts / #compare-chart
// data-loaded). Also times the metric-series route alone on the 1,000,000-point metric.
// Usage: node measure.mjs --url http://127.0.0.1:PORT/ --facts facts.json [--loads 5]
// Prints a table and, last, `ui: max_ready_ms=... experiments_ms=... runs_ms=... run_1m_ms=... compare_ms=... budget_ms=1000`.
import { readFileSync } from 'node:fs';
import { chromium } from '../../tools/node/node_modules/playwright-core/index.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (i % 2 === 0 ? [...pairs, [arg.replace(/^--/, ''), all[i + 1]]] : pairs), []));
const url = args.url ?? (() => { throw new Error('--url is required'); })();
const facts = JSON.parse(readFileSync(args.facts, 'utf8'));
const loads = Number(args.loads ?? 5);
const BUDGET_MS = 1000;
const TIMEOUT_MS = 60000;

const pages = [
  { name: 'experiments', hash: '/experiments' },
  { name: 'runs', hash: `/experiments/${facts.experimentId}`, note: `${facts.runs} runs, first page of 50 by start time` },
  { name: 'runs_by_acc', hash: `/experiments/${facts.experimentId}`, session: { sortKey: 'metrics.`acc`', sortDir: 'DESC' }, note: 'sorted by a metric on the server' },
  { name: 'runs_filter', hash: `/experiments/${facts.experimentId}`, session: { filter: 'metrics.acc > 0.9 AND params.optimizer = \'adam\'' }, note: 'filtered on a metric and a param' },
  { name: 'run_1m', hash: `/runs/${facts.longRunId}`, charts: '#metric-charts', note: `metric of ${facts.longPoints} points` },
  { name: 'compare', hash: `/compare?runs=${facts.compareRunIds.join(',')}`, charts: '#compare-chart', note: 'the 1M-point run and 2 others' },
  { name: 'studies', hash: '/studies' },
  { name: 'study', hash: `/studies/${encodeURIComponent(facts.studyName)}`, note: '100 trials' },
  { name: 'models', hash: '/models' },
  { name: 'model', hash: `/models/${encodeURIComponent(facts.modelName)}` },
  { name: 'deployments', hash: '/deployments', note: '10,000 inference records' },
  { name: 'monitoring', hash: '/monitoring', note: '2 endpoints x 200 evaluations, 50 alerts' },
];

// Records, in page time (ms since navigation start), when main gets data-ready and when the charts are drawn.
const probe = () => {
  window.__gyreTimes = {};
  const look = () => {
    const t = window.__gyreTimes;
    if (!t.ready && document.querySelector('main[data-ready]')) t.ready = performance.now();
    if (!t.charts && document.querySelector('#metric-charts[data-loaded], #compare-chart[data-loaded]')) t.charts = performance.now();
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
};

async function load(page, spec) {
  await page.goto('about:blank');
  await page.goto(`${url}ui/#${spec.hash}`);
  await page.waitForFunction(() => window.__gyreTimes?.ready, null, { timeout: TIMEOUT_MS });
  if (spec.charts) await page.waitForFunction(() => window.__gyreTimes?.charts, null, { timeout: TIMEOUT_MS });
  const times = await page.evaluate(() => window.__gyreTimes);
  const state = await page.locator('main').getAttribute('data-ready');
  const error = await page.locator('main .error').count();
  if (error) throw new Error(`${spec.name}: the page shows an error: ${await page.locator('main .error').first().innerText()}`);
  const filterError = await page.evaluate(() => document.querySelector('#filter-error')?.textContent ?? '');
  if (filterError.trim()) throw new Error(`${spec.name}: the filter was refused: ${filterError}`);
  if (state === 'runs' && await page.locator('#runs-table tbody tr').count() === 0) throw new Error(`${spec.name}: the runs table is empty`);
  return { ready: times.ready, charts: times.charts, state };
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const fmt = (ms) => (ms === undefined ? '-' : String(Math.round(ms)));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const results = [];
try {
  for (const spec of pages) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(probe);
    if (spec.session) {
      // The runs page keeps its sort and filter per experiment in sessionStorage ("gyre.runs.ID"); start with them set.
      await context.addInitScript(([key, value]) => { if (location.protocol.startsWith('http')) sessionStorage.setItem(key, value); },
        [`gyre.runs.${facts.experimentId}`, JSON.stringify(spec.session)]);
    }
    const page = await context.newPage();
    const cold = await load(page, spec);
    const warm = [];
    for (let i = 0; i < loads; i++) warm.push(await load(page, spec));
    await context.close();
    results.push({
      ...spec, state: cold.state, cold: cold.ready, coldCharts: cold.charts,
      median: median(warm.map((w) => w.ready)), max: Math.max(...warm.map((w) => w.ready)),
      charts: spec.charts ? median(warm.map((w) => w.charts)) : undefined,
    });
  }
} finally {
  await browser.close();
}

// The downsampling route alone, on the long metric (what the run page's chart asks for).
const seriesTimes = [];
for (let i = 0; i < loads; i++) {
  const start = performance.now();
  const response = await fetch(`${url}api/2.0/gyre/ui/metric-series?run_id=${facts.longRunId}&key=loss&max_points=1000`);
  const body = await response.json();
  seriesTimes.push(performance.now() - start);
  if (!response.ok || body.total_points !== facts.longPoints) throw new Error(`metric-series answered ${response.status} total_points=${body.total_points}`);
}

console.log(`page          cold_ms  median_ms  max_ms  charts_median_ms  data-ready    note`);
for (const r of results) {
  console.log(`${r.name.padEnd(13)} ${fmt(r.cold).padStart(7)}  ${fmt(r.median).padStart(9)}  ${fmt(r.max).padStart(6)}  ${fmt(r.charts).padStart(16)}  ${r.state.padEnd(12)}  ${r.note ?? ''}`);
}
console.log(`metric-series (${facts.longPoints} points -> 1000 buckets, HTTP only): median ${fmt(median(seriesTimes))} ms over ${loads}`);
const by = Object.fromEntries(results.map((r) => [r.name, r]));
const maxReady = Math.max(...results.map((r) => r.median));
const maxCold = Math.max(...results.map((r) => r.cold));
console.log(`medians of ${loads} warm loads; cold = first load in a fresh browser context; max cold ${fmt(maxCold)} ms`);
console.log(`ui: max_ready_ms=${fmt(maxReady)} experiments_ms=${fmt(by.experiments.median)} runs_ms=${fmt(by.runs.median)} run_1m_ms=${fmt(by.run_1m.median)} compare_ms=${fmt(by.compare.median)} budget_ms=${BUDGET_MS}`);
