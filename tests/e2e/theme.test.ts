/**
 * The theme button and the copy buttons in Chromium: the reader's scheme is
 * set before the first paint by a classic script from the site itself (the
 * strict CSP allows no inline one) and kept across pages; a code block's
 * button copies exactly its code.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ARCHIVE } from '../site/_build.ts';
import { refuseExternal, useBrowser, useServedSite } from './_harness.ts';

const ARTICLE = 'items/alpha-blog/2026-03-02-python-and-sql/';
const site = useServedSite({ itemsDir: join(FIXTURE_ARCHIVE, 'items'), stateDir: join(FIXTURE_ARCHIVE, 'state') });
const chromium = useBrowser();

let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  context = await chromium.browser.newContext({ colorScheme: 'light' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  page = await context.newPage();
  await refuseExternal(page);
});

afterAll(async () => {
  await context?.close();
});

const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('the theme button', () => {
  it('loads its choice in <head> as a blocking script of the site, before anything is drawn', async () => {
    await page.goto(`${site.url}${ARTICLE}`);
    const script = await page.evaluate(() => {
      const element = document.head.querySelector<HTMLScriptElement>('script[src*="theme-init"]');
      return (
        element && {
          src: new URL(element.src).pathname,
          type: element.type,
          async: element.async,
          defer: element.defer,
        }
      );
    });
    expect(script).toMatchObject({ type: '', async: false, defer: false });
    expect(script?.src).toMatch(/^\/_astro\/theme-init\.[\w-]+\.js$/);
  });

  it("follows the system's scheme until the reader picks one, then keeps it on every page", async () => {
    await page.goto(`${site.url}${ARTICLE}`);
    expect(await background()).toBe('rgb(255, 255, 255)');
    const button = page.locator('#theme-toggle');
    expect(await button.textContent()).toBe('Dark theme');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(13, 17, 23)');
    expect(await button.textContent()).toBe('Light theme');
    expect(await button.getAttribute('aria-pressed')).toBe('true');

    // The next page opens dark from its first frame: the theme is on the root before the body exists.
    await page.addInitScript(() => {
      document.addEventListener(
        'readystatechange',
        () => {
          (window as unknown as { themeAtParse: string | undefined }).themeAtParse =
            document.documentElement.dataset.theme;
        },
        { once: true },
      );
    });
    await page.goto(`${site.url}tags/`);
    expect(await page.evaluate(() => (window as unknown as { themeAtParse?: string }).themeAtParse)).toBe('dark');
    expect(await background()).toBe('rgb(13, 17, 23)');
    await page.locator('#theme-toggle').click();
    expect(await page.evaluate(() => localStorage.getItem('feedshelf-theme'))).toBe('light');
    expect(await background()).toBe('rgb(255, 255, 255)');
  });
});

describe('the copy button of a code block', () => {
  it('copies exactly the code, and says so', async () => {
    await page.goto(`${site.url}${ARTICLE}`);
    const blocks = page.locator('.article-body .code-block');
    expect(await blocks.count()).toBeGreaterThan(0);
    const code = await blocks.first().locator('pre code').textContent();
    const button = blocks.first().locator('button.copy-code');
    expect(await button.getAttribute('aria-label')).toBe('Copy the code');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  });
});
