/**
 * `npm run lighthouse`: Lighthouse against the built site (FEEDSHELF_OUT_DIR,
 * default dist/) served on 127.0.0.1, in Debian's chromium. Audits the home
 * page, an article with code, the largest tag page and a search with results, and prints the four
 * category scores of each. Targets: accessibility, best practices and SEO 100,
 * performance 95 or more. Not part of CI: scores move with machine load.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import lighthouse from 'lighthouse';
import { launchDebuggableBrowser } from '#scripts/shared/browser-fs.ts';
import { articleWithCode, largestTag } from '#scripts/shared/site-pages-fs.ts';
import { serveDir } from '#scripts/shared/static-server-fs.ts';
import { buildPaths } from '#src/archive/paths.ts';
import { siteConfig } from '#src/site.config.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The performance metrics behind the score, printed so a low score can be read. */
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;
/** Built assets are named by content, so a host may let browsers keep them for a year. */
const CACHE_HEADERS = { 'cache-control': 'max-age=31536000' };

async function main(): Promise<void> {
  const root = resolve(buildPaths.out);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No built site in ${root}: run \`npm run build\` first (or set FEEDSHELF_OUT_DIR).`);
  }
  const base = siteConfig.base;
  const server = await serveDir(root, base, { headers: CACHE_HEADERS });
  const { browser, port } = await launchDebuggableBrowser();
  const tag = await largestTag(root, base);
  // The search page with results: the largest tag's name is a word the archive holds.
  const query = tag.split('/').filter(Boolean).pop() ?? '';
  const pages = {
    home: '',
    article: await articleWithCode(root),
    tag,
    search: `search/?q=${encodeURIComponent(query)}`,
  };
  try {
    for (const [kind, path] of Object.entries(pages)) {
      const url = `${server.url}${path}`;
      const result = await lighthouse(url, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned no result for ${url}.`);
      const scores = CATEGORIES.map((id) => `${id} ${Math.round((result.lhr.categories[id]?.score ?? 0) * 100)}`);
      const metrics = METRICS.map(([id, label]) => `${label} ${result.lhr.audits[id]?.displayValue ?? '?'}`);
      console.log(`${kind.padEnd(8)} ${scores.join('  ')}  ${base}${path}`);
      console.log(`${''.padEnd(8)} ${metrics.join('  ')}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Lighthouse failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
