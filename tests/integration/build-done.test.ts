/**
 * What the integration does once Astro has written a site, over small
 * hand-written sites in a temp folder: Pagefind's CLI really runs and the
 * audit really reads the pages.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AstroError } from 'astro/errors';
import { afterAll, describe, expect, it } from 'vitest';
import { type FinishBuildOptions, finishBuild } from '#src/integration/build-done-fs.ts';

const work = await mkdtemp(join(tmpdir(), 'feedshelf-build-done-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const ARTICLE =
  '<!DOCTYPE html><html lang="en"><head><title>Kelp</title></head><body><main>' +
  '<article data-pagefind-body><div hidden><span data-pagefind-sort="date[data-value]" data-value="2026-01-10T09:00:00.000Z"></span></div>' +
  '<h1>Kelp forests</h1><p>Kelp grows fast in cold water.</p></article></main></body></html>\n';

/** A site in a fresh folder: path -> page. */
async function site(name: string, pages: Record<string, string>): Promise<string> {
  const dir = join(work, name);
  for (const [file, html] of Object.entries(pages)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), html);
  }
  return dir;
}

function options(name: string, steps: Partial<FinishBuildOptions> = {}): FinishBuildOptions {
  return {
    search: true,
    audit: true,
    base: '/',
    root: work,
    index: { cacheDir: join(work, `${name}.cache`) },
    ...steps,
  };
}

async function failure(promise: Promise<unknown>): Promise<AstroError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AstroError)) throw new Error(`Expected an AstroError, got ${String(error)}`);
  return error;
}

describe('finishBuild', () => {
  it('indexes the articles into pagefind/ and returns the line the build prints', async () => {
    const dir = await site('clean', { 'index.html': '<p>Home</p>', 'items/kelp/index.html': ARTICLE });
    // Written long before the build, as a page Astro restores from its cache is: the next index need not read it.
    const past = new Date('2025-06-01T12:00:00.000Z');
    await utimes(join(dir, 'items/kelp/index.html'), past, past);
    const { summary: line } = await finishBuild(dir, options('clean'));
    const shard = await readdir(join(dir, 'pagefind', '2026-01-10'));
    const files = (await readdir(join(dir, 'pagefind'), { recursive: true, withFileTypes: true })).filter((entry) =>
      entry.isFile(),
    );
    let bytes = 0;
    for (const file of files) bytes += (await stat(join(file.parentPath, file.name))).size;
    expect(shard).toContain('pagefind-entry.json');
    expect(JSON.parse(await readFile(join(dir, 'pagefind', 'shards.json'), 'utf8'))).toEqual({
      version: 1,
      shards: [{ path: '2026-01-10/', pages: 1, first: '2026-01-10', last: '2026-01-10' }],
    });
    expect(line).toBe(
      `Built ${dir}: 1 pages indexed in 1 search shard(s), 1 re-indexed, 1 page(s) read; search index ${(bytes / 1024).toFixed(1)} kB in ${files.length} files.`,
    );
    expect((await finishBuild(dir, options('clean'))).summary).toContain(
      ': 1 pages indexed in 1 search shard(s), 0 re-indexed, 0 page(s) read;',
    );
  });

  it("weighs the site by kind and names the host's limits it passes", async () => {
    const dir = await site('weighed', {
      'index.html': '<p>Home</p>',
      'items/kelp/index.html': ARTICLE,
      'style.css': 'body{}',
    });
    const built = await finishBuild(dir, options('weighed', { search: false }));
    const html = Buffer.byteLength('<p>Home</p>') + Buffer.byteLength(ARTICLE);
    const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
    expect(built.size).toBe(
      `Output ${mb(html + 6)} in 3 files (pages ${mb(html)} in 2; search index 0.0 MB in 0; images 0.0 MB in 0; other assets 0.0 MB in 1).`,
    );
    expect(built.overLimits).toEqual([]);

    process.env.FEEDSHELF_HOST = 'pages-of-nowhere';
    try {
      const error = await failure(finishBuild(dir, options('weighed', { search: false })));
      expect(error.message).toBe(
        'FEEDSHELF_HOST must be one of github-pages, cloudflare-pages, none, not "pages-of-nowhere".',
      );
      expect(error.hint).toBe('Unset FEEDSHELF_HOST to check the limits of GitHub Pages.');
    } finally {
      delete process.env.FEEDSHELF_HOST;
    }
  });

  it('fails on a planted inline script, naming the folder and listing each finding', async () => {
    const planted = ARTICLE.replace('</p>', '</p>\n<script>alert(1)</script>\n<img src=x onerror=alert(2)>');
    const dir = await site('planted', { 'index.html': '<p>Home</p>', 'items/kelp/index.html': planted });
    const error = await failure(finishBuild(dir, options('planted')));
    expect(error.message).toBe(
      `The build audit found 2 problem(s) in ${dir}:\n` +
        'items/kelp/index.html:2  inline-script  <script>alert(1)</script>\n' +
        'items/kelp/index.html:3  event-handler  <img src=x onerror=alert(2)>',
    );
    expect(error.hint).toBe(
      'A page holds script the site did not write: remove the content that produced it and build again (see SECURITY.md).',
    );
  });

  it('fails when the search index cannot be built, with every cause in the message', async () => {
    const dir = await site('no-articles', { 'index.html': '<p>Home</p>' });
    const error = await failure(finishBuild(dir, options('no-articles')));
    expect(error.message).toBe(
      `The search index of ${dir} could not be built: Failed to build the search index with Pagefind. ` +
        `no article page (data-pagefind-body) was found under ${join(dir, 'items')}: build the site first.`,
    );
    expect(existsSync(join(dir, 'pagefind'))).toBe(false);
  });

  it('skips the steps that are turned off, and says so', async () => {
    const planted = ARTICLE.replace('</p>', '</p>\n<script>alert(1)</script>');
    const dir = await site('off', { 'items/kelp/index.html': planted });
    expect((await finishBuild(dir, options('off', { search: false, audit: false }))).summary).toBe(
      `Built ${dir}: no search index (FEEDSHELF_SEARCH=off). Build audit skipped (FEEDSHELF_AUDIT=off).`,
    );
    expect(existsSync(join(dir, 'pagefind'))).toBe(false);
    const error = await failure(finishBuild(dir, options('off', { search: false })));
    expect(error.message).toBe(
      `The build audit found 1 problem(s) in ${dir}:\nitems/kelp/index.html:2  inline-script  <script>alert(1)</script>`,
    );
  });
});
