/**
 * The header on a 360 px phone in Chromium: two rows (the title with the search
 * box and the theme button, then the sections), nothing wider than the screen,
 * the current section marked, and one search form a page.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ARCHIVE } from '../site/_build.ts';
import { refuseExternal, useBrowser, useServedSite } from './_harness.ts';

const site = useServedSite({ itemsDir: join(FIXTURE_ARCHIVE, 'items'), stateDir: join(FIXTURE_ARCHIVE, 'state') });
const chromium = useBrowser();
const PAGES = ['', 'items/alpha-blog/2026-03-02-python-and-sql/', 'tags/', 'search/', 'stats/'];

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await chromium.browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'light' });
  page = await context.newPage();
  await refuseExternal(page);
});
afterAll(async () => {
  await context?.close();
});

/** The header's rows: its boxes grouped where they overlap vertically, top to bottom. */
const headerRows = () =>
  page.evaluate(() => {
    const header = document.querySelector('.site-header');
    const boxes = [...(header?.querySelectorAll('.site-title, .header-actions, .site-nav') ?? [])]
      .map((box) => box.getBoundingClientRect())
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = Number.NEGATIVE_INFINITY;
    for (const box of boxes) {
      if (box.top >= bottom) rows += 1;
      bottom = Math.max(bottom, box.bottom);
    }
    return rows;
  });

describe('the header at 360 px', () => {
  it.each(PAGES)('takes two rows and nothing is wider than the screen: /%s', async (path) => {
    await page.goto(`${site.url}${path}`);
    expect(await headerRows()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
    expect(await page.locator('form[role="search"]').count()).toBe(1);
  });

  it('marks the current section, and the home page only on the home page', async () => {
    await page.goto(`${site.url}tags/`);
    expect(await page.locator('.site-nav [aria-current="page"]').allTextContents()).toEqual(['Tags']);
    await page.goto(site.url);
    expect(await page.locator('.site-nav [aria-current="page"]').allTextContents()).toEqual(['Home']);
  });
});
