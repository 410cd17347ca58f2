// #/experiments/ID: the runs table pages on the server (50 + the rest), a filter narrows it (and a bad one shows
// the server's message), clicking a metric header sorts by it (aria-sort), the column chooser adds a param
// column, and selecting runs enables Compare, which opens the compare page. Screenshot: runs-*.png.
import { run, numbers } from './lib.mjs';

await run('runs', async (ui) => {
  const { page, seed, check } = ui;
  const table = '#runs-table';
  const runNames = async () => (await ui.rows(table)).map((cells) => cells[1]);
  const afterReload = async (previous, message) =>
    ui.until(([old]) => { const t = document.querySelector('#runs-table'); return t && t !== old && t.getAttribute('aria-busy') === 'false'; },
      [previous], message);
  const tableHandle = () => page.$(table);

  await ui.open(`/experiments/${seed.experimentId}`);
  check(await page.locator('main').getAttribute('data-ready') === 'runs', 'main[data-ready] is not "runs"');
  check((await page.locator('main h1').innerText()).includes(seed.experimentName), 'the heading does not name the experiment');
  let names = await runNames();
  check(names.length === 50, `the first page shows ${names.length} runs, expected 50`);
  check(names[0] === seed.detailRunName, `the newest run (${seed.detailRunName}) is not first by default; first is ${names[0]}`);
  check(await page.locator(`${table} tr.run-row[data-run-id="${seed.detailRunId}"] a.run-link`).getAttribute('href') === `#/runs/${seed.detailRunId}`,
    'the run link does not go to #/runs/ID');
  await ui.accessibility();
  await ui.layout();
  await ui.shoot('runs');

  // Paging on the server: the second page holds the other runs, none of the first page's.
  check(await page.locator('#prev-page').isDisabled(), 'Previous is enabled on the first page');
  let handle = await tableHandle();
  await page.click('#next-page');
  await afterReload(handle, 'Next did not reload the table');
  const second = await runNames();
  check(second.length === seed.runCount - 50, `page 2 shows ${second.length} runs, expected ${seed.runCount - 50}`);
  check(second.every((name) => !names.includes(name)), 'page 2 repeats runs of page 1');
  check(await page.locator('#next-page').isDisabled(), 'Next is enabled on the last page');
  check((await page.locator(table).getAttribute('data-page')) === '2', 'the table is not marked data-page=2');
  handle = await tableHandle();
  await page.click('#prev-page');
  await afterReload(handle, 'Previous did not reload the table');
  check((await runNames()).join() === names.join(), 'Previous did not bring back the first page');

  // Filter with the API's language; then a malformed filter shows the server's message next to the input.
  handle = await tableHandle();
  await page.getByLabel('Filter', { exact: true }).fill('metrics.acc > 0.9');
  await page.locator('#runs-filter').press('Enter');
  await afterReload(handle, 'applying the filter did not reload the table');
  const filtered = await ui.rows(table);
  check(filtered.length === seed.runsWithAccAbove09, `"metrics.acc > 0.9" shows ${filtered.length} runs, expected ${seed.runsWithAccAbove09}`);
  const accColumn = await page.locator(`${table} thead th`).evaluateAll((ths) => ths.findIndex((th) => th.innerText.replace(/[▲▼]/g, '').trim() === 'acc'));
  check(accColumn > 0, 'the runs table has no "acc" metric column by default');
  check(numbers(filtered.map((cells) => cells[accColumn])).every((acc) => acc > 0.9), 'a filtered run has acc <= 0.9');
  await page.locator('#runs-filter').fill('metrics.acc >> 0.9');
  await page.locator('#runs-filter').press('Enter');
  await ui.until(() => (document.querySelector('#filter-error')?.textContent ?? '').trim().length > 0, null, 'a malformed filter shows no message in #filter-error');
  check(await page.locator('#runs-filter').getAttribute('aria-invalid') === 'true', 'the malformed filter input is not aria-invalid');
  handle = await tableHandle();
  await page.locator('#runs-filter').fill('');
  await page.locator('#runs-filter').press('Enter');
  await afterReload(handle, 'clearing the filter did not reload the table');
  check((await ui.rows(table)).length === 50, 'clearing the filter does not show 50 runs again');

  // Sort by a metric: the header's button orders the whole experiment on the server (descending first).
  const sortHeader = page.locator(`${table} th[data-sort-key="metrics.\`acc\`"]`);
  check(await sortHeader.count() === 1, 'no sortable header th[data-sort-key="metrics.`acc`"]');
  handle = await tableHandle();
  await sortHeader.locator('button.sort-button').click();
  await afterReload(handle, 'sorting by acc did not reload the table');
  let header = page.locator(`${table} th[data-sort-key="metrics.\`acc\`"]`);
  check(await header.getAttribute('aria-sort') === 'descending', `after one click aria-sort is ${await header.getAttribute('aria-sort')}`);
  let accs = numbers((await ui.rows(table)).map((cells) => cells[accColumn]));
  check(accs.every((v, i) => i === 0 || accs[i - 1] >= v), `acc is not descending: ${accs.slice(0, 8).join(', ')}...`);
  check(Math.abs(accs[0] - 1) < 1e-9, `the best run's acc (1) is not first; first is ${accs[0]}`);
  handle = await tableHandle();
  await header.locator('button.sort-button').click();
  await afterReload(handle, 'sorting by acc again did not reload the table');
  header = page.locator(`${table} th[data-sort-key="metrics.\`acc\`"]`);
  check(await header.getAttribute('aria-sort') === 'ascending', 'a second click does not sort ascending');
  accs = numbers((await ui.rows(table)).map((cells) => cells[accColumn]));
  check(accs.every((v, i) => i === 0 || accs[i - 1] <= v), `acc is not ascending: ${accs.slice(0, 8).join(', ')}...`);
  check(Math.abs(accs[0] - 0.6) < 1e-9, `the lowest acc (0.6) is not first; first is ${accs[0]}`);

  // Column chooser: add the param "optimizer".
  await page.locator('#column-chooser summary').click();
  const choice = page.locator('#column-chooser input.column-choice[data-kind="param"][data-key="optimizer"]');
  check(await choice.count() === 1, 'the column chooser offers no param "optimizer"');
  await choice.check();
  await ui.until(() => [...document.querySelectorAll('#runs-table thead th')].some((th) => th.innerText.includes('optimizer')), null,
    'choosing the param "optimizer" added no column');
  const optimizers = await page.locator(`${table} thead th`).evaluateAll((ths) => ths.findIndex((th) => th.innerText.includes('optimizer')));
  const values = new Set((await ui.rows(table)).map((cells) => cells[optimizers]));
  check([...values].sort().join() === 'adam,rmsprop,sgd', `the optimizer column shows ${[...values].join(', ')}`);
  await ui.accessibility();

  // Select two runs: Compare is enabled and opens the compare page with both.
  check(await page.locator('#compare-button').isDisabled(), 'Compare is enabled with no run selected');
  const boxes = page.locator(`${table} input.run-select`);
  const picked = [await boxes.nth(0).getAttribute('data-run-id'), await boxes.nth(1).getAttribute('data-run-id')];
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  check(!(await page.locator('#compare-button').isDisabled()), 'Compare stays disabled with 2 runs selected');
  await page.click('#compare-button');
  await ui.until(() => location.hash.startsWith('#/compare'), null, 'Compare did not open the compare page');
  const chosen = decodeURIComponent(new URL(page.url()).hash.split('runs=')[1] ?? '').split(',');
  check(chosen.sort().join() === picked.sort().join(), `the compare page got runs ${chosen} instead of ${picked}`);
});
