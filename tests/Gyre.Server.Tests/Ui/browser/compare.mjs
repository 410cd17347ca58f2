// #/compare?runs=a,b,c: params table with the differing rows marked .diff (and the equal one not), the metrics
// table, the overlaid chart for the metric chosen in the select (one line per run), and the parallel-coordinates
// SVG (one polyline per run, a legend). Screenshot: compare-*.png.
import { run } from './lib.mjs';

await run('compare', async (ui) => {
  const { page, seed, check } = ui;
  const ids = seed.compareRunIds;
  await ui.open(`/compare?runs=${ids.join(',')}`);
  check(await page.locator('main').getAttribute('data-ready') === 'compare', 'main[data-ready] is not "compare"');

  for (const param of seed.differingParams) {
    const row = page.locator(`#compare-params tr[data-param="${param}"]`);
    check(await row.count() === 1, `#compare-params has no row for param ${param}`);
    check(await row.evaluate((tr) => tr.classList.contains('diff')), `the differing param ${param} is not marked .diff`);
  }
  for (const param of seed.sameParams) {
    const row = page.locator(`#compare-params tr[data-param="${param}"]`);
    check(await row.count() === 1, `#compare-params has no row for param ${param}`);
    check(!(await row.evaluate((tr) => tr.classList.contains('diff'))), `the equal param ${param} is marked .diff`);
  }
  const lr = (await page.locator('#compare-params tr[data-param="lr"]').innerText()).split('\t').map((s) => s.trim());
  check(['0.058', '0.059', '0.06'].every((v) => lr.includes(v)), `the lr row shows ${lr.join(' | ')}`);
  check(await page.locator('#compare-metrics tr[data-metric="acc"].diff').count() === 1, '#compare-metrics has no differing acc row');

  // "Only differences" hides the equal rows.
  await page.getByLabel(/differ/i).check();
  await ui.until(() => { const tr = document.querySelector('#compare-params tr[data-param="dataset"]'); return !tr || tr.offsetParent === null; },
    null, '#only-diff does not hide the equal param row');
  check(await page.locator('#compare-params tr[data-param="lr"]').isVisible(), '#only-diff hides a differing row');
  await page.getByLabel(/differ/i).uncheck();

  // The overlaid chart: one line per run; choosing another metric redraws it.
  await ui.until(() => document.querySelector('#compare-chart')?.dataset.loaded === 'true', null, '#compare-chart was never drawn');
  check(await page.locator('#compare-chart svg path.line').count() === ids.length, `#compare-chart does not draw ${ids.length} lines`);
  const choices = await page.locator('#compare-metric option').evaluateAll((options) => options.map((o) => o.value));
  check(['acc', 'loss'].every((k) => choices.includes(k)), `#compare-metric offers ${choices.join(', ')}`);
  const other = (await page.locator('#compare-chart').getAttribute('data-metric')) === 'loss' ? 'acc' : 'loss';
  await page.getByLabel('Metric', { exact: true }).selectOption(other);
  await ui.until((key) => document.querySelector('#compare-chart')?.dataset.metric === key, other, `choosing ${other} did not redraw #compare-chart`);
  check(await page.locator('#compare-chart svg path.line').count() === ids.length, `the ${other} chart does not draw ${ids.length} lines`);

  // Parallel coordinates: one polyline per run and a legend naming the runs.
  const lines = await page.locator('#parallel-coords path.pc-line').count();
  check(lines === ids.length, `#parallel-coords draws ${lines} polylines for ${ids.length} runs`);
  const axes = await page.locator('#parallel-coords svg text.axis-label').evaluateAll((texts) => texts.map((t) => t.textContent));
  check(['lr', 'depth', 'acc'].every((a) => axes.some((t) => t.includes(a))), `#parallel-coords has axes ${axes.join(', ')}`);
  check(await page.locator('#parallel-coords .legend li').count() >= ids.length || await page.locator('#compare-runs li').count() >= ids.length,
    'no legend names the compared runs');

  await ui.accessibility();
  await ui.layout();
  await ui.shoot('compare');
});
