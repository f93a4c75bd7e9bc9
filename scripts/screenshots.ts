/**
 * `npm run screenshots`: the README's screenshots, taken again from the built
 * site (FEEDSHELF_OUT_DIR, default dist/) served on 127.0.0.1, in Debian's
 * chromium: the home page, an article with code, a search with its results and
 * the stats page, at 1280 and 390 pixels wide, in the light and the dark
 * scheme, written to docs/screenshots/<page>-<width>-<scheme>.png. Run it after
 * a change to the theme and commit the pictures with it.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '#scripts/shared/browser-fs.ts';
import { articleWithCode } from '#scripts/shared/site-pages-fs.ts';
import { serveDir } from '#scripts/shared/static-server-fs.ts';
import { buildPaths } from '#src/archive/paths.ts';
import { siteConfig } from '#src/site.config.ts';

const OUT = 'docs/screenshots';
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
/** A word the sample archive holds, so the search shows results. */
const QUERY = process.env.FEEDSHELF_SCREENSHOT_QUERY ?? 'sql';

interface Shot {
  name: string;
  path: string;
  /** What to do once the page has loaded, before the picture. */
  prepare?: (page: Page) => Promise<void>;
}

async function main(): Promise<void> {
  const root = resolve(buildPaths.out);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No built site in ${root}: run \`npm run build\` first (or set FEEDSHELF_OUT_DIR).`);
  }
  const shots: Shot[] = [
    { name: 'home', path: '' },
    { name: 'article', path: await articleWithCode(root) },
    {
      name: 'search',
      path: `search/?q=${encodeURIComponent(QUERY)}`,
      prepare: (page) => page.locator('#search-results .search-result-title').first().waitFor({ timeout: 15_000 }),
    },
    { name: 'stats', path: 'stats/' },
  ];
  await mkdir(OUT, { recursive: true });
  const server = await serveDir(root, siteConfig.base);
  const browser = await launchBrowser();
  try {
    for (const viewport of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        const context = await browser.newContext({
          viewport,
          colorScheme,
          deviceScaleFactor: 1,
          reducedMotion: 'reduce',
        });
        const page = await context.newPage();
        for (const shot of shots) {
          await page.goto(`${server.url}${shot.path}`, { waitUntil: 'networkidle' });
          await shot.prepare?.(page);
          const file = join(OUT, `${shot.name}-${viewport.width}-${colorScheme}.png`);
          await page.screenshot({ path: file, animations: 'disabled' });
          console.log(file);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Screenshots failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
