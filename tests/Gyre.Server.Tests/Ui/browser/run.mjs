// #/runs/ID: the run's params, tags, last metric values and dataset inputs; a chart per metric over steps (the
// 5,000-step metric comes downsampled, drawn with its min/max band); the artifact tree opens folders and previews
// text, JSON (pretty-printed) and a PNG image. Screenshot: run-*.png.
import { run, numbers } from './lib.mjs';

await run('run', async (ui) => {
  const { page, seed, check } = ui;
  await ui.open(`/runs/${seed.detailRunId}`);
  check(await page.locator('main').getAttribute('data-ready') === 'run', 'main[data-ready] is not "run"');
  check((await page.locator('main h1').innerText()).includes(seed.detailRunName), 'the heading does not name the run');
  check((await page.locator('#run-summary').innerText()).includes(seed.detailRunId), '#run-summary does not show the run id');

  const params = Object.fromEntries((await ui.rows('#params-table')).map((cells) => [cells[0], cells[1]]));
  check(params.dataset === 'iris' && params.optimizer === 'rmsprop' && params.depth === '7' && Number(params.lr) === 0.06,
    `#params-table shows ${JSON.stringify(params)}`);
  const tags = Object.fromEntries((await ui.rows('#tags-table')).map((cells) => [cells[0], cells[1]]));
  check(tags.team === 'nlp' && tags.stage === 'sweep', `#tags-table shows ${JSON.stringify(tags)}`);
  const metrics = Object.fromEntries((await ui.rows('#metrics-table')).map((cells) => [cells[0], numbers([cells[1]])[0]]));
  check(Math.abs(metrics.acc - 1) < 1e-9, `#metrics-table shows acc ${metrics.acc}, expected 1`);
  check(seed.longMetricKey in metrics, `#metrics-table has no ${seed.longMetricKey}`);
  const inputs = (await ui.rows('#inputs-table')).map((cells) => cells.join(' '));
  check(inputs.length === 1 && inputs[0].includes(seed.datasetName) && inputs[0].includes(seed.datasetDigest),
    `#inputs-table shows ${JSON.stringify(inputs)}; expected ${seed.datasetName} with digest ${seed.datasetDigest}`);

  // Charts: one per metric with several steps; the long one is downsampled (band) but still spans every step.
  await ui.until(() => document.querySelector('#metric-charts')?.dataset.loaded === 'true', null, '#metric-charts never got data-loaded');
  const long = page.locator(`#metric-charts figure.chart[data-metric="${seed.longMetricKey}"]`);
  check(await long.count() === 1, `no chart figure for ${seed.longMetricKey}`);
  check(await long.locator('svg path.line').count() >= 1, `the ${seed.longMetricKey} chart draws no line`);
  check(await long.locator('svg path.band').count() >= 1, `the downsampled ${seed.longMetricKey} chart draws no min/max band`);
  const ticks = numbers(await long.locator('svg text.tick').evaluateAll((texts) => texts.map((t) => t.textContent))).filter(Number.isFinite);
  check(Math.max(...ticks) >= 4000, `the ${seed.longMetricKey} chart's x axis stops at ${Math.max(...ticks)}, not near step ${seed.longMetricPoints}`);
  const series = await ui.api(`api/2.0/gyre/ui/metric-series?run_id=${seed.detailRunId}&key=${seed.longMetricKey}&max_points=1000`);
  check(series.total_points === seed.longMetricPoints && series.downsampled && series.points.length <= 1000,
    `metric-series answered total_points=${series.total_points} downsampled=${series.downsampled} with ${series.points.length} points`);
  check(await page.locator('#metric-charts figure.chart[data-metric="acc"] svg path.line').count() >= 1, 'no acc chart');
  await page.evaluate(() => document.querySelector('#metrics')?.scrollIntoView());
  await ui.shoot('run-charts');
  await page.evaluate(() => window.scrollTo(0, 0));

  // Artifacts: the root lists the text file and two folders; open eval/ and preview the JSON, then the text and the image.
  await ui.until(() => document.querySelector('#artifacts-tree')?.dataset.loaded === 'true', null, '#artifacts-tree never got data-loaded');
  const root = await page.locator('#artifacts-tree > li.artifact').evaluateAll((items) => items.map((li) => li.dataset.path));
  check([seed.textArtifactPath, seed.jsonArtifactFolder, 'plots'].every((p) => root.includes(p)), `the artifact tree's root lists ${root.join(', ')}`);
  const folder = page.locator(`#artifacts-tree li.artifact[data-path="${seed.jsonArtifactFolder}"] > button.artifact-dir`);
  check(await folder.getAttribute('aria-expanded') === 'false', 'a folder starts expanded');
  await folder.click();
  check(await folder.getAttribute('aria-expanded') === 'true', 'opening a folder does not set aria-expanded');
  const jsonFile = page.locator(`li.artifact[data-path="${seed.jsonArtifactPath}"] button.artifact-file`);
  await jsonFile.waitFor();
  await jsonFile.click();
  await ui.until(() => document.querySelector('#artifact-preview pre.artifact-text'), null, 'the JSON artifact shows no <pre> preview');
  const json = await page.locator('#artifact-preview pre.artifact-text').innerText();
  check(json.includes(`"${seed.jsonArtifactKey}"`) && json.split('\n').length > 3, `the JSON preview is not pretty-printed: ${json.slice(0, 200)}`);
  check(JSON.parse(json).per_class.setosa === 1, 'the JSON preview does not parse back to the artifact');
  await ui.shoot('run');

  await page.locator(`li.artifact[data-path="${seed.textArtifactPath}"] button.artifact-file`).click();
  await ui.until((text) => document.querySelector('#artifact-preview pre.artifact-text')?.textContent === text, seed.textArtifactContent,
    'the text artifact preview does not show the file');

  await page.locator('li.artifact[data-path="plots"] > button.artifact-dir').click();
  await page.locator(`li.artifact[data-path="${seed.imageArtifactPath}"] button.artifact-file`).click();
  await ui.until(() => { const img = document.querySelector('#artifact-preview img.artifact-image'); return img && img.complete && img.naturalWidth === 8; },
    null, 'the PNG artifact preview shows no 8-pixel-wide image');
  check((await page.locator('#artifact-preview img.artifact-image').getAttribute('alt') ?? '').length > 0, 'the image preview has no alt text');

  await ui.accessibility();
  await ui.layout();
});
