/**
 * The bench's anchor: Debian's hugo builds the sample archive with the
 * comparable theme (scripts/bench/hugo.ts), and Pagefind's CLI indexes what it
 * wrote. .ci/run installs hugo.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hugoVersion, writeHugoSite } from '#scripts/bench/hugo-fs.ts';
import { PAGEFIND_CLI } from '#src/search/index-fs.ts';

const work = await mkdtemp(join(tmpdir(), 'feedshelf-hugo-'));
afterAll(() => rm(work, { recursive: true, force: true }));

const items = join(process.cwd(), 'content', 'items');

async function itemStems(): Promise<string[]> {
  const stems: string[] = [];
  for (const feed of (await readdir(items)).sort()) {
    for (const file of (await readdir(join(items, feed))).sort()) {
      if (file.endsWith('.md')) stems.push(`${feed}/${file.slice(0, -3)}`);
    }
  }
  return stems;
}

describe('the Hugo anchor', () => {
  it('builds every archived item, the paginated home and the tag pages, and Pagefind indexes the articles', async () => {
    expect(hugoVersion()).toMatch(/^hugo v0\.\d+/);
    const site = join(work, 'site');
    const out = join(work, 'out');
    writeHugoSite(site, items, out);
    execFileSync('hugo', ['--quiet', '--source', site], { stdio: 'pipe' });

    const stems = await itemStems();
    for (const stem of stems) {
      const page = await readFile(join(out, stem, 'index.html'), 'utf8');
      expect(page).toContain('<article data-pagefind-body>');
    }
    const home = await readFile(join(out, 'index.html'), 'utf8');
    expect(home.match(/<li><h2>/g)).toHaveLength(20);
    const lastPage = Math.ceil(stems.length / 20);
    expect(await readFile(join(out, 'page', String(lastPage), 'index.html'), 'utf8')).toContain(
      `Page ${lastPage} of ${lastPage}`,
    );
    expect(await readFile(join(out, 'tags', 'sql', 'index.html'), 'utf8')).toContain('<h1>SQL</h1>');
    const highlighted = await readFile(
      join(out, 'release-notes', '2026-09-11-lanternfish-0-7-0', 'index.html'),
      'utf8',
    );
    expect(highlighted).toContain('class="chroma"');

    execFileSync(process.execPath, [PAGEFIND_CLI, '--site', out, '--quiet'], { stdio: 'pipe' });
    const entry = JSON.parse(await readFile(join(out, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    expect(entry.languages.en.page_count).toBe(stems.length);
  }, 120_000);
});
