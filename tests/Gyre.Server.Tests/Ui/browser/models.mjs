// #/models and #/models/NAME: the list shows the model; the model page shows its 3 versions (aliases, run links,
// package sha), the aliases, the lineage (version -> run -> dataset fingerprint) and the audit history. Pointing
// "champion" at version 3 with the form moves it (checked through the API) and a new set_alias entry heads the
// audit history. Screenshots: models-*.png, model-*.png.
import { run } from './lib.mjs';

await run('models', async (ui) => {
  const { page, seed, check } = ui;
  await ui.open('/models');
  check(await page.locator('main').getAttribute('data-ready') === 'models', 'main[data-ready] is not "models"');
  const row = page.locator(`#models-table tr.model-row[data-model="${seed.modelName}"]`);
  check(await row.count() === 1, `#models-table has no row for ${seed.modelName}`);
  await ui.accessibility();
  await ui.shoot('models');
  await row.locator('a.model-link').click();
  await ui.until(() => document.querySelector('main')?.dataset.ready === 'model', null, 'the model link did not open the model page');

  const versions = await page.locator('#versions-table tbody tr[data-version]').evaluateAll((rows) => rows.map((tr) => tr.dataset.version));
  check(versions.sort().join() === '1,2,3', `#versions-table lists versions ${versions.join(', ')}`);
  const v2 = await page.locator('#versions-table tr[data-version="2"]').innerText();
  check(v2.includes('champion'), `version 2's row does not show its alias champion: ${v2}`);
  check(await page.locator('#versions-table tr[data-version="3"] a[href^="#/runs/"]').count() >= 1, 'version 3 has no link to its run');
  const aliasVersion = async (alias) => (await page.locator(`#aliases-table tr[data-alias="${alias}"] .alias-version`).innerText()).trim();
  for (const [alias, version] of Object.entries(seed.aliases)) {
    check(await aliasVersion(alias) === String(version), `#aliases-table shows ${alias} -> ${await aliasVersion(alias)}, expected ${version}`);
  }
  await ui.until(() => document.querySelector('#lineage-table tr[data-version]'), null, '#lineage-table never appeared');
  const lineage = await page.locator('#lineage-table tr[data-version="3"]').innerText();
  check(lineage.includes(seed.datasetName) && lineage.includes(seed.datasetDigest.slice(0, 8)),
    `the lineage of version 3 does not reach the dataset ${seed.datasetName} (${seed.datasetDigest}): ${lineage}`);
  await ui.until(() => document.querySelector('#audit-table tr[data-sequence]'), null, '#audit-table never appeared');
  const before = await page.locator('#audit-table tr[data-sequence]').count();

  // Move champion from 2 to 3 with the form.
  await page.getByLabel('Alias', { exact: true }).fill('champion');
  await page.getByLabel('Version', { exact: true }).selectOption('3');
  await page.locator('#alias-submit').click();
  await ui.until(() => document.querySelector('#alias-message')?.dataset.state, null, 'the alias form showed no result in #alias-message');
  check(await page.locator('#alias-message').getAttribute('data-state') === 'ok', `the alias change failed: ${await page.locator('#alias-message').innerText()}`);
  await ui.until(() => document.querySelector('#aliases-table tr[data-alias="champion"] .alias-version')?.textContent.trim() === '3', null,
    '#aliases-table does not show champion -> 3 after the change');
  const model = await ui.api(`api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(seed.modelName)}`);
  const champion = (model.registered_model.aliases ?? []).find((a) => a.alias === 'champion');
  check(champion && String(champion.version) === '3', `the API says champion -> ${champion?.version}, expected 3`);
  await ui.until((count) => document.querySelectorAll('#audit-table tr[data-sequence]').length > count, before,
    'the audit history got no new entry after the alias change');
  const newest = (await page.locator('#audit-table tbody tr').first().innerText()).split('\t').map((s) => s.trim());
  check(newest.includes('set_alias') && newest.includes('champion') && newest.includes('3'), `the newest audit entry is ${newest.join(' | ')}`);

  await ui.accessibility();
  await ui.layout();
  await ui.shoot('model');
});
