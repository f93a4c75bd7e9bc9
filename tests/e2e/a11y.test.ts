/**
 * axe-core on every kind of page the archive site renders, the search page
 * with its results included, in the light and the dark colour scheme: no
 * violations allowed.
 */
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ARCHIVE } from '../site/_build.ts';
import { refuseExternal, useBrowser, useServedSite } from './_harness.ts';

const PAGES = {
  home: '',
  'article with code': 'items/alpha-blog/2026-03-02-python-and-sql/',
  'article without tags or code': 'items/beta-news/2026-04-03-spring-roundup/',
  'tags by count': 'tags/',
  'tags by name': 'tags/by-name/',
  tag: 'tags/python/',
  authors: 'authors/',
  author: 'authors/ana-nunez/',
  sources: 'sources/',
  'source with an error': 'sources/gamma-notes/',
  'date archive': 'archive/',
  year: 'archive/2026/',
  month: 'archive/2026/03/',
  stats: 'stats/',
  'not found': '404.html',
  search: 'search/',
  'search with results': 'search/?q=python',
};

const site = useServedSite({
  itemsDir: join(FIXTURE_ARCHIVE, 'items'),
  stateDir: join(FIXTURE_ARCHIVE, 'state'),
  // With its search index, so the search page is checked with results on it.
  kind: 'full',
});
const chromium = useBrowser();

/** What each token class of the article with code computes to: the palettes of src/styles/global.css. */
const CODE_COLOURS = {
  light: {
    none: 'rgb(31, 35, 40)', // foreground #1f2328
    k: 'rgb(207, 34, 46)', // keyword #cf222e
    f: 'rgb(102, 57, 186)', // function #6639ba
    n: 'rgb(5, 80, 174)', // constant #0550ae
    v: 'rgb(149, 56, 0)', // parameter #953800
    x: 'rgb(10, 48, 105)', // string-expression #0a3069
    p: 'rgb(31, 35, 40)', // punctuation #1f2328
  },
  dark: {
    none: 'rgb(230, 237, 243)', // foreground #e6edf3
    k: 'rgb(255, 123, 114)', // keyword #ff7b72
    f: 'rgb(210, 168, 255)', // function #d2a8ff
    n: 'rgb(121, 192, 255)', // constant #79c0ff
    v: 'rgb(255, 166, 87)', // parameter #ffa657
    x: 'rgb(165, 214, 255)', // string-expression #a5d6ff
    p: 'rgb(230, 237, 243)', // punctuation #e6edf3
  },
};

describe.each(['light', 'dark'] as const)('in the %s colour scheme', (colorScheme) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await chromium.browser.newContext({ colorScheme });
    page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    // Archived articles embed images from their publishers: keep the test offline by refusing them.
    await refuseExternal(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('colours code tokens from the palette of the colour scheme', async () => {
    await page.goto(`${site.url}${PAGES['article with code']}`);
    const colours = await page.evaluate(() => {
      const seen: Record<string, string> = {};
      for (const span of document.querySelectorAll('pre.astro-code span')) {
        seen[span.className || 'none'] = getComputedStyle(span).color;
      }
      // Text in the block's own colour is in no span (src/render/code-classes.ts): the colour of its <code>.
      const code = document.querySelector('pre.astro-code code');
      if (code) seen.none = getComputedStyle(code).color;
      return seen;
    });
    expect(colours).toEqual(CODE_COLOURS[colorScheme]);
  });

  it.each(Object.entries(PAGES))('the %s page has no axe violations', async (_kind, path) => {
    const response = await page.goto(`${site.url}${path}`);
    expect(response?.status()).toBe(200);
    if (path.includes('?q=')) await page.locator('#search-results li').first().waitFor({ timeout: 30_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const violations = results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
    expect(violations).toEqual([]);
  });
});
