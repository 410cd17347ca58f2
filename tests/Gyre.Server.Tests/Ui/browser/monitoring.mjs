// #/monitoring: per monitored endpoint (runs of the "monitoring" experiment), charts of the dataset drift share,
// per-feature drift and performance over time; the alerts table shows the firing and the resolved alert with
// rule, value and time. Screenshot: monitoring-*.png.
import { run } from './lib.mjs';

await run('monitoring', async (ui) => {
  const { page, seed, check } = ui;
  await ui.open('/monitoring');
  check(await page.locator('main').getAttribute('data-ready') === 'monitoring', 'main[data-ready] is not "monitoring"');
  for (const endpoint of seed.endpoints) {
    const section = page.locator(`#monitoring-endpoints section.monitor-endpoint[data-endpoint="${endpoint}"]`);
    check(await section.count() === 1, `no monitoring section for endpoint ${endpoint}`);
    await ui.until((name) => document.querySelector(`section.monitor-endpoint[data-endpoint="${name}"]`)?.dataset.loaded === 'true', endpoint,
      `the charts of ${endpoint} were never drawn`);
    for (const chart of ['drift-share-chart', 'feature-drift-chart', 'performance-chart']) {
      const lines = await section.locator(`figure.chart.${chart} svg path.line`).count();
      check(lines >= 1, `${endpoint}'s ${chart} draws no line`);
    }
    const features = await section.locator('figure.chart.feature-drift-chart svg path.line').count();
    check(features === seed.monitoredFeatures.length, `${endpoint}'s feature drift chart draws ${features} lines, expected ${seed.monitoredFeatures.length}`);
    const legend = await section.locator('figure.chart.feature-drift-chart').innerText();
    check(seed.monitoredFeatures.every((f) => legend.includes(f)), `${endpoint}'s feature drift legend does not name ${seed.monitoredFeatures.join(', ')}`);
  }

  const alerts = await page.locator('#alerts-table tr.alert-row').evaluateAll((rows) => rows.map((tr) => [tr.dataset.state, tr.innerText]));
  check(alerts.length === seed.alertRules.length, `#alerts-table shows ${alerts.length} alerts, expected ${seed.alertRules.length}`);
  const firing = alerts.find(([state]) => /firing/i.test(state));
  const resolved = alerts.find(([state]) => /resolved/i.test(state));
  check(firing && firing[1].includes(seed.alertRules[0]) && firing[1].includes('0.6'), `no firing ${seed.alertRules[0]} alert with value 0.6: ${JSON.stringify(alerts)}`);
  check(resolved && resolved[1].includes(seed.alertRules[1]), `no resolved ${seed.alertRules[1]} alert: ${JSON.stringify(alerts)}`);
  check(/firing/i.test(alerts[0][0]), 'the newest alert (firing) is not first');

  await ui.accessibility();
  await ui.layout();
  await ui.shoot('monitoring');
});
