// #/experiments: the experiments table lists the seeded experiments with links to their runs; "/" and "/ui/" land
// here; the page passes the keyboard, label, contrast and layout checks. Screenshot: experiments-*.png.
import { run, checkKeyboard, waitReady } from './lib.mjs';

await run('experiments', async (ui) => {
  const { page, seed, check } = ui;
  await ui.open('/experiments');
  check(await page.locator('main').getAttribute('data-ready') === 'experiments', 'main[data-ready] is not "experiments"');
  const rows = await ui.rows('#experiments-table');
  const names = rows.map((cells) => cells[0]);
  for (const name of [seed.experimentName, seed.otherExperimentName, 'monitoring']) {
    check(names.includes(name), `#experiments-table does not list experiment "${name}"; it lists ${JSON.stringify(names)}`);
  }
  const row = page.locator(`#experiments-table tr[data-experiment-id="${seed.experimentId}"]`);
  check(await row.count() === 1, `no row with data-experiment-id=${seed.experimentId}`);
  const href = await row.locator('a.experiment-link').getAttribute('href');
  check(href === `#/experiments/${seed.experimentId}`, `the experiment link goes to ${href}`);
  check((await row.innerText()).includes(seed.experimentId), 'the row does not show the experiment id');

  await checkKeyboard(page);
  await ui.accessibility();
  await ui.layout();
  await ui.shoot('experiments');

  // The runs link opens the runs table.
  await row.locator('a.experiment-link').click();
  await ui.until(() => document.querySelector('main')?.dataset.ready === 'runs', null, 'clicking the experiment link did not open its runs page');
  check(page.url().endsWith(`#/experiments/${seed.experimentId}`), `the link led to ${page.url()}`);

  // "/" redirects to the UI, whose default route is the experiments page.
  await page.goto('about:blank');
  const response = await page.goto(ui.url);
  check(response.ok() && new URL(page.url()).pathname === '/ui/', `GET / did not land on /ui/ (it is at ${page.url()}, status ${response.status()})`);
  await waitReady(page, '(default)');
  check(await page.locator('main').getAttribute('data-ready') === 'experiments', 'the default route is not the experiments page');

  // The UI's assets are served by Gyre itself under the content security policy (no CDN).
  const csp = response.headers()['content-security-policy'] ?? '';
  check(csp.includes("default-src 'self'") && csp.includes("script-src 'self'"), `the UI page has no self-only CSP header: "${csp}"`);
  const external = await page.evaluate(() => [...document.querySelectorAll('script[src], link[href], img[src]')]
    .map((e) => e.src || e.href).filter((u) => u && !u.startsWith(location.origin) && !u.startsWith('data:')));
  check(external.length === 0, `the page loads resources from elsewhere: ${external.join(', ')}`);
});
