/**
 * Search benchmark: a 20,000-item archive, searched in headless chromium.
 *
 * The site is built once by the real build script from the small search
 * fixture (for the search page, its script and layout); then 20,000 synthetic
 * article pages are written straight into the output, in the shape our article
 * pages have (`<article data-pagefind-body>`, the weighted h1 and the same
 * filter, sort and meta elements, from searchFacets), because rendering 20,000
 * pages through Astro would measure Astro, not search. The folder is indexed
 * with the same code the build uses, served on 127.0.0.1 (gzip for text, as a
 * host would), and each query runs three times in a fresh browser context.
 *
 * Measured per run: bytes transferred from opening the search page to the
 * first page of results (response bodies as the server sent them, and the part
 * that is search: the page script plus everything under pagefind/), and the time from the last
 * keystroke to the first result in the list. Figures are medians of 3.
 *
 * Usage: node scripts/bench-search.ts [--items 20000] [--work bench/work/search] [--max-fragments N] [--reuse] [--verbose]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '#scripts/shared/browser-fs.ts';
import { serveDir } from '#scripts/shared/static-server-fs.ts';
import type { Item } from '#src/archive/schema.ts';
import { searchFacets } from '#src/search/facets.ts';
import { indexSite } from '#src/search/index-fs.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIXTURE = join(root, 'tests/fixtures/search-archive');
const RUNS = 3;
const TARGET_BYTES = 300 * 1024;
const TARGET_MS = 500;

// --- Synthetic archive ------------------------------------------------------------

/** Small seeded generator (mulberry32): the same archive on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ne ru sa te vo bi da fe go hu ji ko la ma no pe qui ra si to ul ve wa xe yo zu'.split(' ');

function vocabulary(size: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

/** Picks word indices with a Zipf-like skew, as natural text has. */
function zipf(next: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(size ** next()) - 1);
}

interface SyntheticItem {
  feed: string;
  stem: string;
  item: Item;
  sourceTitle: string;
  body: string;
}

function syntheticItems(count: number): { items: SyntheticItem[]; words: string[] } {
  const next = random(20_000);
  const words = vocabulary(8000, next);
  const tags = vocabulary(200, random(7)).map((tag) => tag[0]?.toUpperCase() + tag.slice(1));
  const authors = vocabulary(600, random(11)).map((name) => `${name[0]?.toUpperCase()}${name.slice(1)} Lind`);
  const feeds = Array.from({ length: 50 }, (_, index) => `feed-${String(index).padStart(2, '0')}`);
  const sentence = (length: number) => Array.from({ length }, () => words[zipf(next, words.length)]).join(' ');
  const items: SyntheticItem[] = [];
  for (let index = 0; index < count; index += 1) {
    const feed = feeds[index % feeds.length] ?? 'feed-00';
    const published = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 11 * 365) * 86_400_000);
    const title = sentence(4 + Math.floor(next() * 5));
    const paragraphs = Array.from(
      { length: 2 + Math.floor(next() * 4) },
      () => `<p>${sentence(40 + Math.floor(next() * 60))}.</p>`,
    );
    const item: Item = {
      title,
      id: `urn:bench:${index}`,
      source: feed,
      authors: [authors[Math.floor(next() * authors.length)] ?? 'Ana Lind'],
      tags: [
        ...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => tags[zipf(next, tags.length)] ?? 'Misc')),
      ],
      published,
      firstSeen: published,
      summary: '',
      hash: `bench-${index}`,
    };
    const stem = `${published.toISOString().slice(0, 10)}-item-${index}`;
    items.push({ feed, stem, item, sourceTitle: `Feed ${feed.slice(5)}`, body: paragraphs.join('\n') });
  }
  return { items, words };
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** An article page in the shape src/pages/items renders, with SearchMeta's elements. */
function articlePage(entry: SyntheticItem): string {
  const facets = searchFacets(entry.item, entry.sourceTitle);
  const hidden = [
    ...facets.filters.map(
      ([key, value]) => `<span data-pagefind-filter="${key}[data-value]" data-value="${escapeHtml(value)}"></span>`,
    ),
    `<span data-pagefind-sort="date[data-value]" data-value="${facets.sortDate}"></span>`,
    ...facets.meta.map(
      ([key, value]) => `<span data-pagefind-meta="${key}[data-value]" data-value="${escapeHtml(value)}"></span>`,
    ),
  ].join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entry.item.title)}</title></head><body><header><a href="/">feedshelf</a></header><main><article data-pagefind-body><h1 data-pagefind-weight="10">${escapeHtml(entry.item.title)}</h1><div hidden>${hidden}</div>${entry.body}</article></main></body></html>\n`;
}

// --- Build, index, serve ---------------------------------------------------------

async function buildShell(outDir: string): Promise<void> {
  const env = {
    ...process.env,
    FEEDSHELF_ITEMS_DIR: join(FIXTURE, 'items'),
    FEEDSHELF_STATE_DIR: join(FIXTURE, 'state'),
    FEEDSHELF_OUT_DIR: outDir,
    FEEDSHELF_CACHE_DIR: `${outDir}.cache`,
  };
  const child = spawn(process.execPath, ['scripts/build.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`The site build for the benchmark failed:\n${output}`);
}

async function writeArchive(outDir: string, items: SyntheticItem[]): Promise<void> {
  for (const entry of items) {
    const dir = join(outDir, 'items', entry.feed, entry.stem);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), articlePage(entry));
  }
}

// --- Measure ---------------------------------------------------------------------

interface Run {
  totalBytes: number;
  searchBytes: number;
  requests: number;
  keystrokeToResultMs: number;
  results: number;
  breakdown: Record<string, number>;
  files: { path: string; bytes: number }[];
}

/** Paths under pagefind/<shard>/ (src/lib/search-shards.ts). */
function category(pathname: string): string {
  if (/\/pagefind\/[^/]+\/fragment\//.test(pathname)) return 'fragments';
  if (/\/pagefind\/[^/]+\/index\//.test(pathname)) return 'index chunks';
  if (/\/pagefind\/[^/]+\/filter\//.test(pathname)) return 'filters';
  if (/\/pagefind\/[^/]+\/wasm\./.test(pathname)) return 'wasm';
  if (pathname.endsWith('.pf_meta') || pathname.endsWith('pagefind-entry.json') || pathname.endsWith('/shards.json'))
    return 'index meta';
  if (pathname.includes('/pagefind/')) return 'pagefind library';
  if (pathname.includes('/_astro/') && pathname.endsWith('.js')) return 'page script';
  return 'page (html, css)';
}

/** Response bodies as the server sent them, collected per run (the browser cannot see a worker's own script). */
const served: { path: string; bytes: number }[] = [];

async function measure(browser: Browser, url: string, query: string): Promise<Run> {
  served.length = 0;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((finalQuery: string) => {
    const marks = { lastKey: 0, firstResult: 0 };
    Object.assign(window, { benchMarks: marks });
    document.addEventListener('keydown', () => {
      marks.lastKey = performance.now();
      marks.firstResult = 0;
    });
    new MutationObserver(() => {
      const list = document.getElementById('search-results');
      // Only the final query's results count, not a slower search for a prefix typed earlier.
      if (
        marks.lastKey > 0 &&
        marks.firstResult === 0 &&
        list?.dataset.query === finalQuery &&
        list.querySelector('li')
      ) {
        marks.firstResult = performance.now();
      }
    }).observe(document, { childList: true, subtree: true, attributes: true });
  }, query);
  await page.goto(`${url}search/`, { waitUntil: 'networkidle' });
  await page.locator('#search-input').pressSequentially(query, { delay: 80 });
  const marks = await page.waitForFunction(
    () => {
      const found = (window as unknown as { benchMarks: { lastKey: number; firstResult: number } }).benchMarks;
      return found.firstResult > 0 ? found : undefined;
    },
    undefined,
    { timeout: 60_000 },
  );
  const { lastKey, firstResult } = (await marks.jsonValue()) ?? { lastKey: 0, firstResult: 0 };
  // The first page of results is complete when it holds ten items, or all there are.
  await page.waitForFunction(
    () => {
      const total = Number(document.getElementById('search-status')?.textContent?.match(/^\d+/)?.[0] ?? 'NaN');
      return document.querySelectorAll('#search-results li').length >= Math.min(10, total);
    },
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForLoadState('networkidle');
  const results = await page.locator('#search-results li').count();
  const loaded = [...served];
  const breakdown: Record<string, number> = {};
  for (const { path, bytes } of loaded) breakdown[category(path)] = (breakdown[category(path)] ?? 0) + bytes;
  const totalBytes = loaded.reduce((sum, { bytes }) => sum + bytes, 0);
  await context.close();
  return {
    totalBytes,
    searchBytes: totalBytes - (breakdown['page (html, css)'] ?? 0),
    requests: loaded.length,
    keystrokeToResultMs: firstResult - lastKey,
    results,
    breakdown,
    files: loaded,
  };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string', default: '20000' },
      work: { type: 'string', default: 'bench/work/search' },
      verbose: { type: 'boolean', default: false },
      'max-fragments': { type: 'string' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.items);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--items must be a positive whole number, got "${values.items}".`);
  const outDir = resolve(root, values.work, 'site');
  const { items, words } = syntheticItems(count);
  if (values.reuse && existsSync(join(outDir, 'pagefind'))) {
    // Keep the indexed archive; refresh only the search page and its script.
    const shell = `${outDir}-shell`;
    await rm(shell, { recursive: true, force: true });
    await buildShell(shell);
    await rm(join(outDir, '_astro'), { recursive: true, force: true });
    await cp(join(shell, '_astro'), join(outDir, '_astro'), { recursive: true });
    await cp(join(shell, 'search'), join(outDir, 'search'), { recursive: true });
    console.log(`Reused the indexed archive in ${outDir} with a freshly built search page.`);
  } else {
    await rm(outDir, { recursive: true, force: true });
    let started = performance.now();
    await buildShell(outDir);
    await writeArchive(outDir, items);
    await rm(join(outDir, 'pagefind'), { recursive: true, force: true });
    console.log(`Wrote ${count} synthetic article pages in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    started = performance.now();
    const maxFragments = values['max-fragments'] === undefined ? undefined : Number(values['max-fragments']);
    // A cache of its own, emptied first: the figure is a cold index, and the project's cache stays untouched.
    const cacheDir = `${outDir}-search-cache`;
    await rm(cacheDir, { recursive: true, force: true });
    const index = await indexSite(outDir, { maxFragments, cacheDir });
    console.log(
      `Indexed ${index.pages} pages (${index.shards} shards) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${kb(index.bytes)} in ${index.files} files.`,
    );
  }

  // Words by how many pages hold them: rank 3000 is on about 1% of pages (a
  // typical topic word), rank 200 on about 10%, rank 20 on most pages (a near stop word).
  const queries = [words[3000], words[200], words[20]].filter((word): word is string => word !== undefined);
  const server = await serveDir(outDir, '/', { gzip: true, onResponse: (path, bytes) => served.push({ path, bytes }) });
  const browser = await launchBrowser();
  try {
    for (const query of queries) {
      const runs: Run[] = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await measure(browser, server.url, query));
      const bytes = median(runs.map((run) => run.searchBytes));
      const ms = median(runs.map((run) => run.keystrokeToResultMs));
      const middle = runs.find((run) => run.searchBytes === bytes) ?? runs[0];
      console.log(`\nQuery "${query}": ${middle?.results ?? 0} results shown, ${middle?.requests ?? 0} requests`);
      console.log(
        `  search bytes ${kb(bytes)} (target ${kb(TARGET_BYTES)}: ${bytes <= TARGET_BYTES ? 'met' : 'missed'}); page total ${kb(median(runs.map((run) => run.totalBytes)))}`,
      );
      console.log(
        `  last keystroke to first result ${ms.toFixed(0)} ms (target ${TARGET_MS} ms: ${ms <= TARGET_MS ? 'met' : 'missed'}); runs ${runs.map((run) => run.keystrokeToResultMs.toFixed(0)).join(', ')} ms`,
      );
      for (const [name, size] of Object.entries(middle?.breakdown ?? {}).sort())
        console.log(`    ${name}: ${kb(size)}`);
      if (values.verbose) for (const file of middle?.files ?? []) console.log(`      ${file.path} ${kb(file.bytes)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Search benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
