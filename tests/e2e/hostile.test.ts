/**
 * Hostile feeds, end to end: archive them, build the real site, open every
 * page in Chromium and prove nothing from a feed runs. Every payload in
 * tests/fixtures/hostile/ sets window.__pwned and opens a dialog when it runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWatch, WATCH_SCRIPT } from '#scripts/shared/script-watch.ts';
import { auditDist } from '#src/audit/audit-fs.ts';
import type { SnapshotReport } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { listFiles } from '../site/_crawl.ts';
import { blockExternal, useBrowser, useServedSite } from './_harness.ts';

const HOSTILE = join(import.meta.dirname, '..', 'fixtures', 'hostile');
const FIXTURES = ['rss-xss.xml', 'atom-xmlbase.xml', 'json-xss.json', 'names-rss.xml', 'names-json.json'];

/** A CSP report for one of the fixtures' loopback images (see tests/fixtures/hostile/README.md). */
const FIXTURE_IMAGE_BLOCKED = /^img-src http:\/\/127\.0\.0\.1:9\/\S* $/;

interface PageVerdict {
  page: string;
  dialogs: string[];
  writes: string[];
  violations: string[];
  errors: string[];
}

let root: string;
let report: SnapshotReport;
let context: BrowserContext;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'e2e-hostile-'));
  report = await runSnapshot({
    feeds: FIXTURES.map((file) => ({
      id: file.replace(/\.\w+$/, ''),
      url: join(HOSTILE, file),
      path: join(HOSTILE, file),
    })),
    itemsDir: join(root, 'items'),
    stateDir: join(root, 'state'),
    now: new Date('2026-11-20T00:00:00.000Z'),
  });
});
const site = useServedSite(() => ({ itemsDir: join(root, 'items'), stateDir: join(root, 'state'), kind: 'full' }));
const chromium = useBrowser();

beforeAll(async () => {
  context = await chromium.browser.newContext();
  await context.addInitScript(WATCH_SCRIPT);
});

afterAll(async () => {
  await context?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('hostile feeds', () => {
  it('are archived, every one of them', () => {
    expect(report.feeds.map((feed) => [feed.id, feed.status, feed.counts.new])).toEqual([
      ['rss-xss', 'ok', 3],
      ['atom-xmlbase', 'ok', 3],
      ['json-xss', 'ok', 2],
      ['names-rss', 'ok', 26],
      ['names-json', 'ok', 5],
    ]);
  });

  it('leave nothing in the built pages for the audit to find', async () => {
    expect(await auditDist(site.dist)).toEqual([]);
  });

  it('run no script, open no dialog and reach nothing beyond 127.0.0.1 on any page', async () => {
    const pages = (await listFiles(site.dist)).filter((file) => file.endsWith('.html'));
    // The hostile items, their tags, authors and sources all have pages of their own.
    expect(pages.length).toBeGreaterThan(40);
    const verdicts: PageVerdict[] = [];
    const urls = [
      ...pages.map((page) => page.replace(/index\.html$/, '')),
      'search/?q=script',
      'search/?q=pwned',
      'search/?q=javascript',
    ];
    // One tab for every page: the init script runs again on each navigation.
    const page = await context.newPage();
    const assertLocal = await blockExternal(page);
    let verdict: PageVerdict = { page: '', dialogs: [], writes: [], violations: [], errors: [] };
    page.on('dialog', (dialog) => {
      verdict.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => verdict.errors.push(error.message));
    for (const path of urls) {
      verdict = { page: path, dialogs: [], writes: [], violations: [], errors: [] };
      await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
      if (path.startsWith('search/?q=')) {
        // Search has answered once results are listed or the status line says something.
        await page.waitForFunction(
          () =>
            document.querySelectorAll('#search-results li').length > 0 ||
            (document.getElementById('search-status')?.textContent ?? '').trim() !== '',
          null,
          { timeout: 60_000 },
        );
      }
      // Let error and load handlers of broken images, SVG and media fire, and hover the page.
      await page.waitForTimeout(50);
      await page.mouse.move(10, 10);
      await page.mouse.move(400, 300);
      const seen = await readWatch(page);
      verdict.writes = seen.writes;
      // The fixtures' plain images live on http://127.0.0.1:9 and the CSP (img-src 'self' https: data:) blocks
      // them: that is the policy working on an image, not script. Every other violation counts.
      verdict.violations = seen.violations.filter((violation) => !FIXTURE_IMAGE_BLOCKED.test(violation));
      assertLocal();
      if (verdict.dialogs.length + verdict.writes.length + verdict.violations.length + verdict.errors.length > 0) {
        verdicts.push(verdict);
      }
    }
    await page.close();
    expect(verdicts).toEqual([]);
  }, 900_000);

  it('find the hostile items by their text in search, with the payloads shown as text', async () => {
    const page = await context.newPage();
    await blockExternal(page);
    await page.goto(`${site.url}search/?q=pwned`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0, null, {
      timeout: 60_000,
    });
    const html = await page.locator('#search-results').innerHTML();
    expect(html).not.toMatch(/<(script|iframe|object|embed|svg|img[^>]*onerror)/i);
    await page.close();
  }, 120_000);
});
