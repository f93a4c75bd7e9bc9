/**
 * What the browser tests share: chromium and a built, served archive, each set
 * up before a file's (or a describe block's) tests and closed after them, and a
 * guard that fails a test on any request leaving the machine. Launching
 * chromium and serving a folder are scripts/shared/, which the benchmarks use too;
 * sites are built with the real `astro build`.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { launchBrowser } from '#scripts/shared/browser-fs.ts';
import { type StaticServer, serveDir } from '#scripts/shared/static-server-fs.ts';
import { type BuildOptions, type BuiltSite, buildArchive } from '../site/_build.ts';

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The ${what} is used before its beforeAll hook has run.`);
  return value;
}

/** Chromium for the tests of the enclosing file or describe block. */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      return ready(browser, 'browser');
    },
  };
}

export interface ServedSite {
  /** The output folder. */
  readonly dist: string;
  readonly base: string;
  /** `http://127.0.0.1:<port><base>`. */
  readonly url: string;
}

/**
 * Builds an archive into a temp folder and serves it on 127.0.0.1 for the tests
 * of the enclosing file or describe block; `options` may be a function for
 * archives an earlier beforeAll hook writes.
 */
export function useServedSite(options: BuildOptions | (() => BuildOptions)): ServedSite {
  let site: BuiltSite | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    site = await buildArchive(typeof options === 'function' ? options() : options);
    server = await serveDir(site.dist, site.base);
  });
  afterAll(async () => {
    await server?.close();
    await site?.remove();
  });
  return {
    get dist() {
      return ready(site, 'site').dist;
    },
    get base() {
      return ready(site, 'site').base;
    },
    get url() {
      return ready(server, 'server').url;
    },
  };
}

/** Aborts every request that leaves 127.0.0.1 and returns the list of their URLs, filled as they come. */
export async function refuseExternal(page: Page): Promise<readonly string[]> {
  const refused: string[] = [];
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      refused.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return refused;
}

/**
 * Aborts every request that leaves 127.0.0.1. Called inside a test, the test
 * fails when it finishes if any such request was made; the returned function
 * throws at once for callers that want to check earlier (or outside a test).
 */
export async function blockExternal(page: Page): Promise<() => void> {
  const leaks = await refuseExternal(page);
  const assertLocal = (): void => {
    if (leaks.length > 0) throw new Error(`The page made requests outside 127.0.0.1: ${leaks.join(', ')}`);
  };
  try {
    onTestFinished(assertLocal);
  } catch {
    // Outside a running test (e.g. in beforeAll): the caller checks with the returned function.
  }
  return assertLocal;
}
