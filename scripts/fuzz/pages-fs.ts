/**
 * Opens built pages in Chromium and records anything that ran that the site
 * did not write: a write to window.__pwned, a dialog, a Content-Security-
 * Policy violation of a script or frame directive, a script, frame or
 * connection to another host, a page error. The approach of
 * tests/e2e/hostile.test.ts; the watch is proven to work on the first page.
 */
import type { Page, Request } from 'playwright-core';
import { launchBrowser } from '#scripts/shared/browser-fs.ts';
import { readWatch, WATCH_SCRIPT } from '#scripts/shared/script-watch.ts';
import { serveDir } from '#scripts/shared/static-server-fs.ts';

export interface PageFinding {
  page: string;
  /** One line: what ran, or tried to. */
  detail: string;
}

export interface PagesCheck {
  checked: number;
  findings: PageFinding[];
  /** Images and other passive resources on other hosts that were not fetched (the CSP allows https images). */
  passiveBlocked: number;
}

/** Violations of these directives only stopped an image, a font or media from loading. */
const PASSIVE_DIRECTIVE = /^(?:img-src|media-src|font-src)\b/;
const PASSIVE_RESOURCE = new Set(['image', 'media', 'font', 'stylesheet']);

interface Seen {
  dialogs: string[];
  errors: string[];
  requests: string[];
}

async function visit(page: Page, url: string, seen: Seen): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  if (url.includes('search/?q=')) {
    await page
      .waitForFunction(
        () =>
          document.querySelectorAll('#search-results li').length > 0 ||
          (document.getElementById('search-status')?.textContent ?? '').trim() !== '',
        null,
        { timeout: 30_000 },
      )
      .catch(() => seen.errors.push('search did not answer within 30 s'));
  }
  // Let error and load handlers of broken images, SVG and media fire, and hover the page.
  await page.waitForTimeout(50);
  await page.mouse.move(10, 10);
  await page.mouse.move(400, 300);
}

/** The watch must see a marker write and a dialog, or a clean page would prove nothing. */
async function selfTest(page: Page, seen: Seen): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __pwned: string }).__pwned = 'self-test';
    window.alert('self-test');
  });
  const record = await readWatch(page);
  if (!record.writes.includes('self-test') || !seen.dialogs.includes('alert: self-test')) {
    throw new Error('The page watch did not record a planted write and dialog; the browser check cannot be trusted.');
  }
  seen.dialogs.length = 0;
}

/** Visit `paths` (relative to the site root) of the site in `outDir`. */
export async function checkPages(outDir: string, paths: readonly string[]): Promise<PagesCheck> {
  const server = await serveDir(outDir);
  const browser = await launchBrowser();
  const findings: PageFinding[] = [];
  let passiveBlocked = 0;
  try {
    const context = await browser.newContext();
    await context.addInitScript(WATCH_SCRIPT);
    const page = await context.newPage();
    const seen: Seen = { dialogs: [], errors: [], requests: [] };
    await page.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        const request: Request = route.request();
        if (PASSIVE_RESOURCE.has(request.resourceType())) passiveBlocked++;
        else seen.requests.push(`${request.resourceType()} ${request.url()}`);
        return route.abort('blockedbyclient');
      },
    );
    page.on('dialog', (dialog) => {
      seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => seen.errors.push(error.message));
    let tested = false;
    for (const path of paths) {
      seen.dialogs.length = 0;
      seen.errors.length = 0;
      seen.requests.length = 0;
      await visit(page, `${server.url}${path}`, seen);
      const record = await readWatch(page);
      const details = [
        ...record.writes.map((value) => `window.__pwned = ${JSON.stringify(value)}`),
        ...seen.dialogs.map((dialog) => `dialog ${dialog}`),
        ...record.violations.filter((violation) => !PASSIVE_DIRECTIVE.test(violation)).map((v) => `CSP ${v}`),
        ...seen.requests.map((request) => `request to another host: ${request}`),
        ...seen.errors.map((error) => `page error: ${error}`),
      ];
      if (!tested) {
        await selfTest(page, seen);
        tested = true;
      }
      for (const detail of details) findings.push({ page: path, detail: detail.slice(0, 300) });
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  return { checked: paths.length, findings, passiveBlocked };
}

/** A spread of a site's pages: article pages evenly through the list, the lists that show them, and search. */
export function samplePages(articlePaths: readonly string[], count: number): string[] {
  const lists = ['', 'tags/', 'authors/', 'sources/', 'archive/', 'search/?q=pwned'];
  const articles = Math.max(0, count - lists.length);
  const step = articlePaths.length / Math.max(1, articles);
  const picked = new Set<string>();
  for (let index = 0; index < articles && index * step < articlePaths.length; index++) {
    const path = articlePaths[Math.floor(index * step)];
    if (path !== undefined) picked.add(path);
  }
  return [...lists.slice(0, count), ...picked].slice(0, Math.max(count, 0));
}
