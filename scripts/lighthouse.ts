/**
 * `npm run lighthouse`: Lighthouse against the built site (FEEDSHELF_OUT_DIR,
 * default dist/) served on 127.0.0.1, in Debian's chromium. Audits the home
 * page, an article with code and the largest tag page, and prints the four
 * category scores of each. Targets: accessibility, best practices and SEO 100,
 * performance 95 or more. Not part of CI: scores move with machine load.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { buildPaths } from '#src/archive/paths.ts';
import { siteConfig } from '#src/site.config.ts';

const CHROMIUM = '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** The performance metrics behind the score, printed so a low score can be read. */
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
] as const;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

async function fileFor(root: string, base: string, pathname: string): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  const target = resolve(root, `.${sep}${decodeURIComponent(pathname.slice(base.length))}`);
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  for (const candidate of [target, join(target, 'index.html')]) {
    if (existsSync(candidate) && (await stat(candidate)).isFile()) return candidate;
  }
  return undefined;
}

function serve(root: string, base: string): Promise<Server> {
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    fileFor(root, base, pathname)
      .then(async (file) => {
        const body = await readFile(file ?? join(root, '404.html'));
        const type = TYPES[extname(file ?? '.html')] ?? 'application/octet-stream';
        response.writeHead(file ? 200 : 404, { 'content-type': type, 'cache-control': 'max-age=31536000' });
        response.end(body);
      })
      .catch(() => {
        response.writeHead(500);
        response.end();
      });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((done) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    }),
  );
}

/** The first article (by file name) whose page has a highlighted code block. */
async function articleWithCode(root: string): Promise<string> {
  const entries = await readdir(join(root, 'items'), { recursive: true });
  for (const entry of entries.filter((name) => name.endsWith('index.html')).sort()) {
    if ((await readFile(join(root, 'items', entry), 'utf8')).includes('data-language=')) {
      return `items/${entry.slice(0, -'index.html'.length)}`;
    }
  }
  throw new Error(`No article with a code block under ${join(root, 'items')}: build an archive that has one.`);
}

/** The first tag on the tags page, which lists the most used tag first. */
async function largestTag(root: string, base: string): Promise<string> {
  const html = await readFile(join(root, 'tags', 'index.html'), 'utf8');
  const match = html.match(/<ul class="group-list"[^>]*>\s*<li[^>]*>\s*<a href="([^"]+)"/);
  if (!match?.[1])
    throw new Error(`No tag listed in ${join(root, 'tags', 'index.html')}: the archive needs tagged items.`);
  return match[1].slice(base.length);
}

async function main(): Promise<void> {
  const root = resolve(buildPaths.out);
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`No built site in ${root}: run \`npm run build\` first (or set FEEDSHELF_OUT_DIR).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium package.`);
  const base = siteConfig.base;
  const server = await serve(root, base);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [`--remote-debugging-port=${port}`, '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const pages = { home: '', article: await articleWithCode(root), tag: await largestTag(root, base) };
  try {
    for (const [kind, path] of Object.entries(pages)) {
      const url = `${origin}${base}${path}`;
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
    server.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Lighthouse failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
