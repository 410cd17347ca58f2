// #/studies and #/studies/NAME: the list shows the seeded study with its counts and best value; the study page
// shows the optimization history (a dot per complete trial, the best-so-far line), parameter importance bars
// (x and y) and the trials table with every trial's state. Screenshots: studies-*.png, study-*.png.
import { run, numbers } from './lib.mjs';

await run('studies', async (ui) => {
  const { page, seed, check } = ui;
  await ui.open('/studies');
  check(await page.locator('main').getAttribute('data-ready') === 'studies', 'main[data-ready] is not "studies"');
  const row = page.locator(`#studies-table tr.study-row[data-study="${seed.studyName}"]`);
  check(await row.count() === 1, `#studies-table has no row for ${seed.studyName}`);
  const text = await row.innerText();
  check(text.includes(String(seed.studyTrials)), `the study row does not show ${seed.studyTrials} trials: ${text}`);
  check(numbers(text.split('\t')).some((n) => Math.abs(n - seed.studyBestValue) < 1e-3),
    `the study row does not show the best value ${seed.studyBestValue}: ${text}`);
  await ui.accessibility();
  await ui.shoot('studies');

  await row.locator('a.study-link').click();
  await ui.until(() => document.querySelector('main')?.dataset.ready === 'study', null, 'the study link did not open the study page');
  check(decodeURIComponent(page.url()).endsWith(`#/studies/${seed.studyName}`), `the study link led to ${page.url()}`);
  check((await page.locator('main h1').innerText()).includes(seed.studyName), 'the heading does not name the study');
  const summary = await page.locator('#study-summary').innerText();
  check(summary.includes(String(seed.studyTrials)) && summary.includes(`${seed.studyTrials - 2} / 1 / 1`),
    `#study-summary does not show ${seed.studyTrials} trials, ${seed.studyTrials - 2} complete, 1 pruned, 1 failed: ${summary}`);
  check(numbers(summary.split(/\s+/)).some((n) => Math.abs(n - seed.studyBestValue) < 1e-3), `#study-summary does not show the best value ${seed.studyBestValue}`);

  const complete = seed.studyTrials - 2;
  const dots = await page.locator('#history-chart circle.trial-dot').count();
  check(dots === complete, `#history-chart shows ${dots} trial dots, expected ${complete} (complete trials)`);
  check(await page.locator('#history-chart path.best-line').count() === 1, '#history-chart has no best-so-far line');
  const bars = await page.locator('#importance-chart rect.bar').count();
  check(bars === 2, `#importance-chart shows ${bars} bars, expected 2 (x and y)`);
  const barLabels = await page.locator('#importance-chart text.bar-label').evaluateAll((texts) => texts.map((t) => [...t.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')));
  check(barLabels.map((t) => t.trim()).sort().join() === 'x,y', `the importance bars are labelled ${barLabels.join(', ')}`);

  const trials = await page.locator('#trials-table tr[data-trial]').evaluateAll((rows) => rows.map((tr) => [tr.dataset.trial, tr.dataset.state]));
  check(trials.length === seed.studyTrials, `#trials-table shows ${trials.length} trials, expected ${seed.studyTrials}`);
  const states = Object.fromEntries(trials);
  check(/prun/i.test(states['7']) && /fail/i.test(states['13']) && /complete/i.test(states['0']),
    `trial states are ${JSON.stringify(states)}; expected 7 pruned, 13 failed, 0 complete`);

  await ui.accessibility();
  await ui.layout();
  await ui.shoot('study');
});
