/**
 * Search in a real browser: the fixture archive under tests/fixtures/search-archive
 * is built with the real `astro build`, served on 127.0.0.1 and searched under
 * the site's Content-Security-Policy, at the root and under a sub-path.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ShardManifest } from '#src/search/shards.ts';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '#src/site/csp.ts';
import { listFiles } from '../site/_crawl.ts';
import { blockExternal, useBrowser, useServedSite } from './_harness.ts';

const FIXTURE = 'tests/fixtures/search-archive';

const chromium = useBrowser();

/** Opens a page that fails on external requests and records CSP violations and script errors. */
async function openPage(): Promise<{ page: Page; problems: string[] }> {
  const page = await chromium.browser.newPage();
  await blockExternal(page);
  const problems: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation(text: string): void }).reportViolation;
      report(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    // Failed loads are checked by status below, where the browser's own favicon probe can be told apart.
    if (message.text().startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (response.status() >= 400 && url.pathname !== '/favicon.ico') {
      problems.push(`HTTP ${response.status()}: ${url.pathname}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { page, problems };
}

async function resultTitles(page: Page): Promise<string[]> {
  return page.locator('#search-results .search-result-title').allTextContents();
}

/**
 * Opens the filters of a search for "kelp" and checks their counts, which cover
 * every matching article whatever the shards: the tag select, for the caller to use.
 */
async function openKelpFilters(page: Page): Promise<Locator> {
  await page.locator('#search-filters summary').click();
  const tagSelect = page.locator('#search-filter-tag');
  await expect
    .poll(() => tagSelect.locator('option').allTextContents())
    .toEqual([
      'Any tag',
      'Biology (1)',
      'Citizen science (1)',
      'Ecology (2)',
      'History (1)',
      'Oceans (4)',
      'Optics (1)',
    ]);
  expect(await page.locator('#search-filter-year option').allTextContents()).toEqual([
    'Any year',
    '2026 (4)',
    '2025 (2)',
  ]);
  return tagSelect;
}

describe.each(['/', '/sub/'])('search under base %s', (base) => {
  const site = useServedSite({ itemsDir: `${FIXTURE}/items`, stateDir: `${FIXTURE}/state`, base, kind: 'full' });

  test('indexes exactly the six article pages, in one shard', async () => {
    const manifest: ShardManifest = JSON.parse(await readFile(join(site.dist, 'pagefind', 'shards.json'), 'utf8'));
    expect(manifest).toEqual({
      version: 1,
      shards: [{ path: '2025-11-20/', pages: 6, first: '2025-11-20', last: '2026-04-01' }],
    });
    const entry: { languages: Record<string, { page_count: number }> } = JSON.parse(
      await readFile(join(site.dist, 'pagefind', '2025-11-20', 'pagefind-entry.json'), 'utf8'),
    );
    expect(Object.entries(entry.languages).map(([language, index]) => [language, index.page_count])).toEqual([
      ['en', 6],
    ]);
  });

  test('every page carries the CSP meta tag and no inline script', async () => {
    const pages = (await listFiles(site.dist)).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThanOrEqual(7);
    for (const file of pages) {
      const html = await readFile(join(site.dist, file), 'utf8');
      const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
      expect(policy?.replaceAll('&#39;', "'"), file).toBe(CONTENT_SECURITY_POLICY);
      // Module bundles, and the one classic script that sets the reader's theme before the first paint.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
        expect(tag, file).toMatch(
          new RegExp(
            `^<script (?:type="module" src="${base}_astro/[^"]+\\.js"|src="${base}_astro/theme-init\\.[\\w-]+\\.js")>$`,
          ),
        );
      }
    }
    const headers = await readFile(join(site.dist, '_headers'), 'utf8');
    expect(headers).toContain(`  Content-Security-Policy: ${CONTENT_SECURITY_POLICY_HEADER}\n`);
  });

  test('results arrive without moving anything on the page', async () => {
    const { page, problems } = await openPage();
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${site.url}search/?q=kelp`);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('4 results for “kelp”');
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() =>
      (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((sum, value) => sum + value, 0),
    );
    expect(shift).toBeLessThan(0.02);
    // Each result is as tall as what it holds: a result stretched to fill the list's reserved height
    // shrinks when the next one arrives, which is a layout shift on a slower machine.
    const slack = await page.$$eval('#search-results > li', (items) =>
      items.map((item) => {
        const last = item.lastElementChild?.getBoundingClientRect();
        return last ? Math.round(item.getBoundingClientRect().bottom - last.bottom) : -1;
      }),
    );
    expect(slack).toEqual([0, 0, 0, 0]);
    expect(await page.locator('form[role="search"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('query, tag filter, sort, result link and the back button', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${site.url}search/`);
    await page.locator('#search-input').pressSequentially('kelp', { delay: 20 });
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('4 results for “kelp”');
    await expect
      .poll(() => resultTitles(page))
      .toEqual([
        'Kelp forests after the storm',
        'A year in the pools',
        'The spring tidepool census',
        'Urchin barrens and the otters that clear them',
      ]);
    const first = page.locator('#search-results .search-result').first();
    expect(await first.locator('a').getAttribute('href')).toBe(`${base}items/lantern-log/2026-01-10-kelp-forests/`);
    // Dated as every page of the site dates an item; the excerpt is the article's text, not its byline.
    expect(await first.locator('time').textContent()).toBe('Jan 10, 2026');
    const excerpts = await page.locator('#search-results .search-result-excerpt').allTextContents();
    expect(excerpts.filter((text) => /\bPublished\b|\bmin read\b|Read the original/.test(text))).toEqual([]);
    expect(await first.locator('.search-result-source').textContent()).toBe('Lantern Log');
    const marks = await first.locator('.search-result-excerpt mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.filter((mark) => mark.toLowerCase() !== 'kelp')).toEqual([]);
    expect(new URL(page.url()).search).toBe('?q=kelp');

    const tagSelect = await openKelpFilters(page);
    await tagSelect.selectOption('Oceans');
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('3 results for “kelp”');
    await expect
      .poll(() => resultTitles(page))
      .toEqual(['Kelp forests after the storm', 'A year in the pools', 'The spring tidepool census']);
    expect(new URL(page.url()).search).toBe('?q=kelp&tag=Oceans');

    await page.locator('#search-sort').selectOption('newest');
    await expect
      .poll(() => resultTitles(page))
      .toEqual(['The spring tidepool census', 'Kelp forests after the storm', 'A year in the pools']);
    expect(new URL(page.url()).search).toBe('?q=kelp&tag=Oceans&sort=newest');

    await page.locator('#search-results .search-result-title').first().click();
    await page.waitForURL(`${site.url}items/tidepool/2026-03-14-tidepool-census/`);
    expect(await page.locator('h1').first().textContent()).toBe('The spring tidepool census');

    await page.goBack();
    await page.waitForURL(`${site.url}search/?q=kelp&tag=Oceans&sort=newest`);
    await expect
      .poll(() => resultTitles(page))
      .toEqual(['The spring tidepool census', 'Kelp forests after the storm', 'A year in the pools']);
    expect(await page.locator('#search-input').inputValue()).toBe('kelp');
    expect(await tagSelect.inputValue()).toBe('Oceans');

    await page.goBack();
    await page.waitForURL(`${site.url}search/?q=kelp&tag=Oceans`);
    await expect
      .poll(() => resultTitles(page))
      .toEqual(['Kelp forests after the storm', 'A year in the pools', 'The spring tidepool census']);
    expect(await page.locator('#search-sort').inputValue()).toBe('');

    await page.goBack();
    await page.waitForURL(`${site.url}search/?q=kelp`);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('4 results for “kelp”');
    expect(await tagSelect.inputValue()).toBe('');

    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toBe(CONTENT_SECURITY_POLICY);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a shared URL restores the search, and the header form leads into it from any page', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${site.url}search/?q=anemones&source=Tidepool+Weekly`);
    await expect.poll(() => resultTitles(page)).toEqual(['Why anemones change colour', 'The spring tidepool census']);
    expect(await page.locator('#search-filter-source').inputValue()).toBe('Tidepool Weekly');

    await page.goto(`${site.url}items/lantern-log/2025-11-20-lighthouse-lenses/`);
    const entry = page.locator('header form[role="search"]');
    await entry.locator('input[name="q"]').fill('fresnel');
    await entry.locator('input[name="q"]').press('Enter');
    await page.waitForURL(`${site.url}search/?q=fresnel`);
    await expect.poll(() => resultTitles(page)).toEqual(['Lighthouse lenses, ground by hand']);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('keyboard: / and Ctrl-K focus the query, arrows move through results, Esc clears', async () => {
    const { page, problems } = await openPage();
    await page.goto(`${site.url}search/?q=kelp`);
    await expect.poll(() => resultTitles(page)).toHaveLength(4);
    const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
    const focusedText = () => page.evaluate(() => document.activeElement?.textContent ?? '');

    await page.locator('h1').first().click();
    await page.keyboard.press('/');
    expect(await focusedId()).toBe('search-input');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('Kelp forests after the storm');
    await page.keyboard.press('ArrowDown');
    expect(await focusedText()).toBe('A year in the pools');
    await page.keyboard.press('ArrowUp');
    expect(await focusedText()).toBe('Kelp forests after the storm');
    await page.keyboard.press('ArrowUp');
    expect(await focusedId()).toBe('search-input');

    await page.locator('h1').first().click();
    await page.keyboard.press('Control+k');
    expect(await focusedId()).toBe('search-input');
    await page.keyboard.press('Escape');
    expect(await page.locator('#search-input').inputValue()).toBe('');
    await expect.poll(() => resultTitles(page)).toEqual([]);
    expect(new URL(page.url()).search).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('with JavaScript off the search page says so and links to the tag and date archives', async () => {
    const context = await chromium.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await blockExternal(page);
    await page.goto(`${site.url}search/`);
    const notice = page.locator('.search-noscript');
    await notice.waitFor({ state: 'visible' });
    expect(await notice.textContent()).toContain('Search needs JavaScript, which is turned off.');
    expect(await notice.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      `${base}tags/`,
      `${base}archive/`,
    ]);
    await context.close();
  });
});

describe('search over a sharded index', () => {
  const base = '/sub/';
  // Two pages per shard: the six articles fall into three shards of consecutive days.
  const site = useServedSite({
    itemsDir: `${FIXTURE}/items`,
    stateDir: `${FIXTURE}/state`,
    base,
    kind: 'full',
    searchShardPages: 2,
  });

  test('writes three shards, newest first, with two pages each', async () => {
    const manifest: ShardManifest = JSON.parse(await readFile(join(site.dist, 'pagefind', 'shards.json'), 'utf8'));
    expect(manifest.shards).toEqual([
      { path: '2026-03-14/', pages: 2, first: '2026-03-14', last: '2026-04-01' },
      { path: '2026-01-10/', pages: 2, first: '2026-01-10', last: '2026-02-03' },
      { path: '2025-11-20/', pages: 2, first: '2025-11-20', last: '2025-12-28' },
    ]);
  });

  test('finds across shards, counts filters over all of them, and keeps newest first', async () => {
    const { page, problems } = await openPage();
    const wasm: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.pagefind') && request.url().includes('/wasm.')) wasm.push(request.url());
    });
    await page.goto(`${site.url}search/?q=kelp`);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('4 results for “kelp”');
    // The count shows first; the results follow as their fragments arrive.
    await expect
      .poll(async () => (await resultTitles(page)).sort())
      .toEqual([
        'A year in the pools',
        'Kelp forests after the storm',
        'The spring tidepool census',
        'Urchin barrens and the otters that clear them',
      ]);
    const first = page.locator('#search-results .search-result').first();
    expect(await first.locator('a').getAttribute('href')).toMatch(new RegExp(`^${base}items/`));

    const tagSelect = await openKelpFilters(page);

    await page.locator('#search-sort').selectOption('newest');
    await expect
      .poll(() => resultTitles(page))
      .toEqual([
        'The spring tidepool census',
        'Urchin barrens and the otters that clear them',
        'Kelp forests after the storm',
        'A year in the pools',
      ]);
    await tagSelect.selectOption('Oceans');
    await expect
      .poll(() => resultTitles(page))
      .toEqual(['The spring tidepool census', 'Kelp forests after the storm', 'A year in the pools']);
    expect(new URL(page.url()).search).toBe('?q=kelp&tag=Oceans&sort=newest');

    // A filter alone, no words: every Oceans article, newest first, across the three shards.
    await page.goto(`${site.url}search/?tag=Oceans&sort=newest`);
    await expect.poll(() => page.locator('#search-status').textContent()).toBe('4 results');
    await expect
      .poll(() => resultTitles(page))
      .toEqual([
        'Why anemones change colour',
        'The spring tidepool census',
        'Kelp forests after the storm',
        'A year in the pools',
      ]);
    // The merged shards share the newest shard's WebAssembly: one download per page load.
    expect(wasm).toEqual([
      `${site.url}pagefind/2026-03-14/wasm.en.pagefind`,
      `${site.url}pagefind/2026-03-14/wasm.en.pagefind`,
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
