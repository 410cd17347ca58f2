// Shared helpers of the web UI's browser scripts (run by the C# BrowserScript with node). playwright-core comes from
// tools/node (installed by tools/install-test-deps.sh) and drives Debian's Chromium: no browser is downloaded.
// Environment: GYRE_UI_URL (the server, ending in '/'), GYRE_UI_SEED (the BrowserSeed JSON file), GYRE_UI_SCREENSHOTS
// (the folder for screenshots). A script calls run(name, body); body gets a context object (see below) and throws on
// the first failed check. On success the last line printed is "ui NAME: N checks passed"; on failure the message
// goes to stdout and the exit code is 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '../../../../tools/node/node_modules/playwright-core/index.mjs';

export const READY_TIMEOUT_MS = 30000; // generous: CI runs these beside the other test classes on 2 cores
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

/** Runs one script's checks in a fresh headless Chromium. */
export async function run(name, body) {
  const url = required('GYRE_UI_URL');
  const seed = JSON.parse(readFileSync(required('GYRE_UI_SEED'), 'utf8'));
  const shots = required('GYRE_UI_SCREENSHOTS');
  let checks = 0;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const scriptErrors = [];
  try {
    const context = await browser.newContext({ viewport: SIZES[0] });
    const page = await context.newPage();
    page.setDefaultTimeout(READY_TIMEOUT_MS);
    page.on('pageerror', (error) => scriptErrors.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      // A refused request (401/403/400 the page handles) logs "Failed to load resource"; that is not a script error.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        scriptErrors.push(`console: ${message.text()}`);
      }
    });
    const check = (condition, message) => {
      if (!condition) throw new Error(message);
      checks++;
    };
    const ui = {
      page, context, seed, url, check,
      /** Loads the UI at `#hash` afresh and waits for main[data-ready]. */
      open: async (hash) => {
        await page.goto('about:blank');
        await page.goto(`${url}ui/#${hash}`);
        await waitReady(page, hash);
        checks++;
      },
      /** Saves NAME-1280x800.png and NAME-1920x1080.png, back at 1280x800 afterwards. */
      shoot: async (shot) => {
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.waitForTimeout(150);
          await page.screenshot({ path: join(shots, `${shot}-${size.width}x${size.height}.png`) });
        }
        await page.setViewportSize(SIZES[0]);
      },
      /** Accessible basics of the current page (see checkAccessibility). */
      accessibility: async () => { checks += await checkAccessibility(page); },
      /** Whole-page layout: no horizontal overflow of the document at 1024, 1280 and 1920 px. */
      layout: async () => { checks += await checkLayout(page); },
      /** Text of every cell of the rows of `table` (a locator or selector), as arrays. */
      rows: (table) => tableRows(page, table),
      /** Waits until fn(arg) is truthy in the page; fails with `message` after the timeout. */
      until: async (fn, arg, message) => {
        try {
          await page.waitForFunction(fn, arg, { timeout: READY_TIMEOUT_MS });
        } catch (error) {
          throw new Error(`${message} (waited ${READY_TIMEOUT_MS} ms)`);
        }
        checks++;
      },
      /** A GET of the JSON API with an optional bearer token, from node (not through the page). */
      api: async (path, token) => {
        const response = await fetch(`${url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
        return response.json();
      },
    };
    await body(ui);
    check(scriptErrors.length === 0, `the page reported script errors:\n  ${scriptErrors.join('\n  ')}`);
    console.log(`ui ${name}: ${checks} checks passed`);
  } catch (error) {
    console.log(`ui ${name} FAILED after ${checks} checks: ${error.message}`);
    if (scriptErrors.length) console.log(`page script errors:\n  ${scriptErrors.join('\n  ')}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

function required(variable) {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set (the C# BrowserScript sets it).`);
  return value;
}

/** Waits for main[data-ready]; the failure names the route and what main shows. */
export async function waitReady(page, what) {
  try {
    await page.waitForSelector('main[data-ready]', { timeout: READY_TIMEOUT_MS });
  } catch {
    const text = await page.locator('main').first().innerText().catch(() => '(no main element)');
    throw new Error(`#${what}: main[data-ready] was not set within ${READY_TIMEOUT_MS} ms; main shows: ${text.slice(0, 400)}`);
  }
}

/** Cells' text of each body row of a table. */
async function tableRows(page, table) {
  const locator = typeof table === 'string' ? page.locator(table) : table;
  return locator.first().evaluate((element) =>
    [...element.querySelectorAll('tbody tr')].map((row) => [...row.cells].map((cell) => cell.innerText.trim())));
}

/**
 * Landmarks (header, nav, main), every visible input/select/textarea with an accessible name (a <label>, aria-label,
 * aria-labelledby or title), table headers with scope (or inside thead), no clickable divs (elements with a click
 * role must be buttons or links), and text contrast >= 4.5:1 on the visible text of main's cells, links, buttons
 * and labels. Returns how many checks it made.
 */
export async function checkAccessibility(page) {
  const report = await page.evaluate(() => {
    const problems = [];
    for (const landmark of ['header', 'nav', 'main']) {
      if (!document.querySelector(landmark)) problems.push(`no <${landmark}> landmark`);
    }
    const visible = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden';
    const describe = (element) => `<${element.tagName.toLowerCase()}${element.id ? ` id=${element.id}` : ''}${element.className && typeof element.className === 'string' ? ` class="${element.className}"` : ''}${element.name ? ` name=${element.name}` : ''}>`;
    for (const input of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      if (!visible(input)) continue;
      const labelled = [...(input.labels ?? [])].some((label) => label.textContent.trim() !== '')
        || (input.getAttribute('aria-label') ?? '').trim() !== ''
        || (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => id && document.getElementById(id)?.textContent.trim())
        || (input.getAttribute('title') ?? '').trim() !== '';
      if (!labelled) problems.push(`${describe(input)} has no accessible name (label, aria-label or aria-labelledby)`);
    }
    for (const th of document.querySelectorAll('table th')) {
      if (!th.hasAttribute('scope') && !th.closest('thead')) problems.push(`${describe(th)} "${th.textContent.trim().slice(0, 30)}" in tbody has no scope`);
    }
    for (const element of document.querySelectorAll('div[onclick], span[onclick], [role=button]:not(button)')) {
      if (element.tabIndex < 0) problems.push(`${describe(element)} acts as a button but cannot get keyboard focus`);
    }
    const rgba = (text) => (text.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element) => {
      for (let e = element; e; e = e.parentElement) {
        const color = rgba(getComputedStyle(e).backgroundColor);
        if (color.length >= 3 && (color.length < 4 || color[3] > 0.5)) return color;
      }
      return [255, 255, 255];
    };
    let contrastChecked = 0;
    const selector = 'main td, main th, main a, main button, main label, main p, main h1, main h2, main h3, nav a, header a, header button';
    for (const element of [...document.querySelectorAll(selector)].slice(0, 400)) {
      if (!visible(element) || element.textContent.trim() === '' || element.closest('svg')) continue;
      const style = getComputedStyle(element);
      if (Number(style.opacity) < 1) continue;
      const fg = luminance(rgba(style.color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      contrastChecked++;
      if (ratio < 4.5) problems.push(`${describe(element)} "${element.textContent.trim().slice(0, 30)}" has contrast ${ratio.toFixed(2)}:1 (< 4.5:1)`);
    }
    return { problems: problems.slice(0, 20), total: problems.length, contrastChecked };
  });
  if (report.total > 0) {
    throw new Error(`accessibility: ${report.total} problem(s) on ${page.url()}:\n  ${report.problems.join('\n  ')}`);
  }
  return 4 + report.contrastChecked;
}

/** The document does not scroll sideways at 1024, 1280 or 1920 px wide (wide tables scroll inside their own box). */
export async function checkLayout(page) {
  const original = page.viewportSize();
  const problems = [];
  for (const width of [1024, 1280, 1920]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) problems.push(`at ${width} px the page is ${overflow} px wider than the window`);
  }
  await page.setViewportSize(original);
  if (problems.length) throw new Error(`layout on ${page.url()}: ${problems.join('; ')}`);
  return 3;
}

/**
 * Keyboard: from the top of the page, Tab reaches every nav link (within 40 presses), and a keyboard-focused link
 * shows a focus indicator (outline or box-shadow). Returns how many checks it made.
 */
export async function checkKeyboard(page) {
  const links = await page.locator('nav a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  if (links.length < 5) throw new Error(`keyboard: nav has ${links.length} links, expected one per page (experiments, studies, models, deployments, monitoring)`);
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await page.locator('body').focus().catch(() => {});
  const reached = new Set();
  let focusIndicator = null;
  for (let press = 0; press < 40 && reached.size < links.length; press++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || !element.closest('nav') || element.tagName !== 'A') return null;
      const style = getComputedStyle(element);
      const outlined = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || (style.boxShadow && style.boxShadow !== 'none');
      return { href: element.getAttribute('href'), outlined };
    });
    if (focused) {
      reached.add(focused.href);
      focusIndicator ??= focused.outlined;
    }
  }
  const missed = links.filter((href) => !reached.has(href));
  if (missed.length) throw new Error(`keyboard: Tab did not reach the nav links ${missed.join(', ')} within 40 presses`);
  if (!focusIndicator) throw new Error('keyboard: a nav link focused with Tab shows no visible focus outline');
  return links.length + 1;
}

/** Numbers in `texts` (cells may carry units or thousands separators); NaN for none. */
export function numbers(texts) {
  return texts.map((text) => Number(String(text).replace(/[,\s]/g, '').match(/-?\d+(\.\d+)?(e-?\d+)?/i)?.[0] ?? NaN));
}
