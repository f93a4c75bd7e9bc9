/**
 * Shared browser-test harness: Debian's chromium through playwright-core, a
 * static server for a built site on 127.0.0.1, the real build script, and a
 * guard that fails a test on any request leaving the machine.
 */
import type { Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { buildSiteInChild, type SiteBuildOptions } from '#scripts/shared/site-build-fs.ts';

export { CHROMIUM_PATH, launchBrowser } from '#scripts/shared/browser-fs.ts';
export type { SiteBuildOptions as BuildSiteOptions } from '#scripts/shared/site-build-fs.ts';
export {
  mimeType,
  type ServeOptions,
  type StaticServer,
  serveDir,
} from '#scripts/shared/static-server-fs.ts';

/** Runs the real `scripts/build.ts` over a given archive into outDir; throws with its output on failure. */
export async function buildSite(opts: SiteBuildOptions): Promise<void> {
  await buildSiteInChild({ ...opts, kind: 'full' });
}

/**
 * Aborts every request that leaves 127.0.0.1. Called inside a test, the test
 * fails when it finishes if any such request was made; the returned function
 * throws at once for callers that want to check earlier (or outside a test).
 */
export async function blockExternal(page: Page): Promise<() => void> {
  const leaks: string[] = [];
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      leaks.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
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
