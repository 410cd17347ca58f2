// With --auth on: the UI asks for a token (the 401 opens the token form), a read-only token reads the model page,
// and its alias change shows "This token cannot change the registry (read-only)" while the alias stays where it
// was (checked through the API). Then a write token moves it. Screenshot: model-readonly-*.png.
import { run, waitReady } from './lib.mjs';

const READ_ONLY = 'This token cannot change the registry (read-only)';

await run('models-auth', async (ui) => {
  const { page, seed, check } = ui;
  const modelPage = `/models/${encodeURIComponent(seed.modelName)}`;
  await page.goto(`${ui.url}ui/#${modelPage}`);
  const dialog = page.locator('#token-dialog');
  await dialog.waitFor({ state: 'visible' }).catch(() => {});
  check(await dialog.isVisible(), 'without a token the 401 did not open the token form');
  check((await page.locator('#token-message').innerText()).trim().length > 0, 'the token form shows no message after the 401');
  await ui.accessibility();

  await page.getByLabel('Token', { exact: true }).fill(seed.readToken);
  await page.locator('#token-save').click();
  await waitReady(page, modelPage);
  await ui.until(() => document.querySelector('main')?.dataset.ready === 'model', null, 'the model page did not load with the read-only token');
  check(!(await dialog.isVisible()), 'the token form stays open after saving a token');
  const aliasVersion = async () => (await page.locator('#aliases-table tr[data-alias="champion"] .alias-version').innerText()).trim();
  check(await aliasVersion() === String(seed.aliases.champion), `champion shows ${await aliasVersion()}, expected ${seed.aliases.champion}`);

  await page.getByLabel('Alias', { exact: true }).fill('champion');
  await page.getByLabel('Version', { exact: true }).selectOption('1');
  await page.locator('#alias-submit').click();
  await ui.until(() => document.querySelector('#alias-message')?.dataset.state, null, 'the alias form showed no result');
  const message = await page.locator('#alias-message').innerText();
  check(message.includes(READ_ONLY), `the read-only token's change shows "${message}"`);
  check(await page.locator('#alias-message').getAttribute('data-state') === 'error', '#alias-message is not marked as an error');
  await ui.shoot('model-readonly');
  const after = await ui.api(`api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(seed.modelName)}`, seed.readToken);
  const champion = (after.registered_model.aliases ?? []).find((a) => a.alias === 'champion');
  check(champion && String(champion.version) === String(seed.aliases.champion),
    `the API says champion -> ${champion?.version} after a read-only change; it must stay ${seed.aliases.champion}`);
  check(await aliasVersion() === String(seed.aliases.champion), 'the page shows the alias moved');

  // A write token may change it.
  await page.locator('#token-button').click();
  await page.getByLabel('Token', { exact: true }).fill(seed.writeToken);
  await page.locator('#token-save').click();
  await ui.until(() => document.querySelector('main')?.dataset.ready === 'model', null, 'the model page did not reload with the write token');
  await page.getByLabel('Alias', { exact: true }).fill('champion');
  await page.getByLabel('Version', { exact: true }).selectOption('1');
  await page.locator('#alias-submit').click();
  await ui.until(() => document.querySelector('#alias-message')?.dataset.state === 'ok', null,
    'the write token could not move the alias');
  const moved = await ui.api(`api/2.0/mlflow/registered-models/get?name=${encodeURIComponent(seed.modelName)}`, seed.writeToken);
  check(String(moved.registered_model.aliases.find((a) => a.alias === 'champion')?.version) === '1', 'the write token\'s change did not reach the API');
});
