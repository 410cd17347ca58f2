// #/deployments: per endpoint of the inference log, the versions and variants serving (primary v2 90 %, canary v3
// 10 %), a traffic split bar with one segment per variant sized by its share, rate and p50/p95 latency; the page
// refreshes itself every 5 s. Screenshot: deployments-*.png.
import { run, numbers } from './lib.mjs';

await run('deployments', async (ui) => {
  const { page, seed, check } = ui;
  await ui.open('/deployments');
  check(await page.locator('main').getAttribute('data-ready') === 'deployments', 'main[data-ready] is not "deployments"');
  for (const endpoint of seed.endpoints) {
    const section = page.locator(`section.endpoint[data-endpoint="${endpoint}"]`);
    check(await section.count() === 1, `no section for endpoint ${endpoint}`);
    const segments = await section.locator('.traffic-bar .traffic-segment').evaluateAll((segs) =>
      segs.map((s) => ({ version: s.dataset.version, variant: s.dataset.variant, width: s.getBoundingClientRect().width, bar: s.parentElement.getBoundingClientRect().width })));
    const primary = segments.find((s) => s.variant === 'primary');
    const canary = segments.find((s) => s.variant === 'canary');
    check(primary?.version === '2' && canary?.version === '3', `${endpoint}'s traffic bar shows ${JSON.stringify(segments)}; expected primary v2 and canary v3`);
    check(Math.abs(primary.width / primary.bar - 0.9) < 0.03 && Math.abs(canary.width / canary.bar - 0.1) < 0.03,
      `${endpoint}'s traffic split is drawn ${(primary.width / primary.bar).toFixed(2)} / ${(canary.width / canary.bar).toFixed(2)}, expected 0.90 / 0.10`);
    const rows = await section.locator('table.variants-table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.dataset.version, tr.innerText]));
    check(rows.length === 2, `${endpoint}'s variants table has ${rows.length} rows`);
    const v2 = rows.find(([version]) => version === '2')?.[1] ?? '';
    check(/primary/i.test(v2) && v2.includes('90'), `${endpoint}'s version 2 row does not show primary with 90 requests / 90 %: ${v2}`);
    const v3 = rows.find(([version]) => version === '3')?.[1] ?? '';
    check(/canary/i.test(v3) && v3.includes('10'), `${endpoint}'s version 3 row does not show canary with 10 requests / 10 %: ${v3}`);
    check(numbers(v2.split('\t')).filter(Number.isFinite).length >= 4, `${endpoint}'s version 2 row lacks rate and latency figures: ${v2}`);
  }
  const api = await ui.api('api/2.0/gyre/ui/deployments?minutes=15');
  const churn = api.endpoints.find((e) => e.endpoint === seed.endpoints[0]);
  const p95 = churn.variants.find((v) => v.variant === 'primary').latency_ms_p95;
  const shown = await page.locator(`section.endpoint[data-endpoint="${seed.endpoints[0]}"] table.variants-table tr[data-version="2"]`).innerText();
  check(shown.includes(String(Math.round(p95))) || shown.includes(String(p95)), `the primary's p95 latency ${p95} ms is not shown: ${shown}`);

  // It refreshes itself.
  const refreshes = Number(await page.locator('#deployments').getAttribute('data-refreshes'));
  await ui.until((n) => Number(document.querySelector('#deployments')?.dataset.refreshes) > n, refreshes, 'the page did not refresh within the wait');

  await ui.accessibility();
  await ui.layout();
  await ui.shoot('deployments');
});
