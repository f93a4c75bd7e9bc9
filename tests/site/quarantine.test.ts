/**
 * Nothing in the archive stops the build: a 2,000-item archive with one bad
 * item of each kind (and a broken feed state file) builds, exits 0, counts
 * and names every file it left out, and no page, list, feed, sitemap or search
 * record has any of them, while every other item has its page.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLeftOut } from '#src/render/quarantine-fs.ts';
import { itemText, type SyntheticItem, writeSyntheticArchive } from '../helpers/synthetic-archive.ts';
import { type BuiltSite, buildArchive } from './_build.ts';
import { listFiles } from './_crawl.ts';

const ITEMS = 2000;
const FEEDS = 8;

/** How each planted item is broken, the index of the item it replaces, and the reason the build must give. */
const PLANTED = [
  {
    index: 101,
    reason: 'frontmatter: published: Invalid date',
    break: (item: SyntheticItem) =>
      itemText({ ...item, frontmatter: { ...item.frontmatter, published: '2024-02-30T08:00:00.000Z' } }),
  },
  {
    index: 402,
    reason: 'frontmatter: not valid YAML at line 2, column 23 (Missing closing "quote)',
    break: (item: SyntheticItem) => itemText(item).replace(/^title: .*$/m, 'title: "Unclosed quote'),
  },
  {
    index: 703,
    reason: 'frontmatter: link: Invalid URL',
    break: (item: SyntheticItem) =>
      itemText({ ...item, frontmatter: { ...item.frontmatter, link: 'javascript:alert(document.cookie)' } }),
  },
  {
    index: 1004,
    reason: 'not UTF-8 text (byte 0xe9 at offset 0)',
    break: (item: SyntheticItem) => Buffer.concat([Buffer.from([0xe9]), Buffer.from(itemText(item))]),
  },
  {
    // Valid frontmatter with a tag, an author and a month no other item has: none of their pages may exist.
    index: 1305,
    reason: 'render: URI malformed',
    break: (item: SyntheticItem) =>
      itemText({
        ...item,
        frontmatter: {
          ...item.frontmatter,
          tags: ['Quarantined Tag'],
          authors: ['Only Bad Author'],
          published: '2014-06-15T08:00:00.000Z',
        },
        body: `${item.body}\n\n![A broken image](https://example.org/%E0%A4%A.png)`,
      }),
  },
  {
    index: 1606,
    reason: 'frontmatter: missing (the file must start with ---)',
    break: () => '',
  },
] as const;

const CONFLICTED_STATE = 'feed-7';
const STATE_REASON = `not valid JSON (Unexpected token '<', "<<<<<<< HE"... is not valid JSON)`;

let site: BuiltSite;
let items: SyntheticItem[];
let work: string;
let seconds = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-quarantine-archive-'));
  items = await writeSyntheticArchive(work, ITEMS, FEEDS);
  for (const planted of PLANTED) {
    const item = items[planted.index] as SyntheticItem;
    await writeFile(join(work, 'items', `${item.id}.md`), planted.break(item));
  }
  const statePath = join(work, 'state', `${CONFLICTED_STATE}.json`);
  await writeFile(statePath, `<<<<<<< HEAD\n${await readFile(statePath, 'utf8')}=======\n{}\n>>>>>>> theirs\n`);
  const started = performance.now();
  site = await buildArchive({ itemsDir: join(work, 'items'), stateDir: join(work, 'state'), kind: 'full' });
  seconds = (performance.now() - started) / 1000;
}, 900_000);

afterAll(async () => {
  await site?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

const plantedIds = () => new Set(PLANTED.map((planted) => (items[planted.index] as SyntheticItem).id));
const fileOf = (id: string) => join(work, 'items', `${id}.md`);

describe('a 2,000-item archive with one bad item of each kind', () => {
  it('builds, and its summary line counts what was left out', () => {
    const summary = [...stripVTControlCharacters(site.output).matchAll(/\[feedshelf\] (Built .*)$/gm)].map(
      (match) => match[1],
    );
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatch(
      new RegExp(
        `^Built ${site.dist.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${ITEMS - PLANTED.length} pages indexed in 1 search shard\\(s\\), 1 re-indexed, ${ITEMS - PLANTED.length} page\\(s\\) read; search index [\\d.]+ kB in \\d+ files, ${PLANTED.length} items and 1 feed state left out \\(see above\\)\\.$`,
      ),
    );
    console.info(`quarantine build: ${ITEMS} items, ${PLANTED.length} left out, ${seconds.toFixed(1)} s`);
  });

  it('names each file left out with its reason, once, in the build log and the report', () => {
    const expected = [
      ...PLANTED.map((planted) => ({
        kind: 'item' as const,
        file: fileOf((items[planted.index] as SyntheticItem).id),
        reason: planted.reason,
      })),
      { kind: 'state' as const, file: join(work, 'state', `${CONFLICTED_STATE}.json`), reason: STATE_REASON },
    ].sort((a, b) => (a.file < b.file ? -1 : 1));
    expect(readLeftOut(join(site.cache, 'feedshelf-left-out.json'))).toEqual({
      items: ITEMS,
      revisions: 0,
      states: FEEDS,
      leftOut: expected,
    });
    for (const entry of expected) {
      const line = `${entry.file}: ${entry.reason} — fix or delete the file`;
      expect(site.output.split('\n').filter((logged) => logged.endsWith(line))).toHaveLength(1);
    }
  });

  it('has a page for every other item and none for the bad ones', async () => {
    const pages = (await listFiles(join(site.dist, 'items')))
      .filter((file) => file.endsWith('/index.html'))
      .map((file) => file.slice(0, -'/index.html'.length));
    const planted = plantedIds();
    expect(pages.sort()).toEqual(
      items
        .map((item) => item.id)
        .filter((id) => !planted.has(id))
        .sort(),
    );
  });

  it('links no bad item from any page, feed, sitemap or search record', async () => {
    const needles = [...plantedIds()].map((id) => `/items/${id}/`);
    const files = await listFiles(site.dist);
    const texts = files.filter((file) => /\.(?:html|xml|json|opml)$/.test(file));
    const records = files.filter((file) => file.endsWith('.pf_fragment'));
    expect(records).toHaveLength(ITEMS - PLANTED.length);
    const linking: string[] = [];
    for (const file of [...texts, ...records]) {
      const bytes = await readFile(join(site.dist, file));
      const text = file.endsWith('.pf_fragment') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
      if (needles.some((needle) => text.includes(needle))) linking.push(file);
    }
    expect(linking).toEqual([]);
  });

  it('makes no tag, author or month page for what only a bad item had', async () => {
    const files = new Set(await listFiles(site.dist));
    expect(files.has('tags/quarantined-tag/index.html')).toBe(false);
    expect(files.has('authors/only-bad-author/index.html')).toBe(false);
    expect([...files].filter((file) => file.startsWith('archive/2014/'))).toEqual([]);
    expect(files.has('tags/python/index.html')).toBe(true);
  });

  it('still builds the source whose state file is broken, with all its good items', async () => {
    const html = await readFile(join(site.dist, 'sources', CONFLICTED_STATE, 'index.html'), 'utf8');
    const good = items.filter((item) => item.feed === CONFLICTED_STATE && !plantedIds().has(item.id)).length;
    expect(html).toContain(`${good} archived items from ${CONFLICTED_STATE}.`);
  });

  it('publishes no path of the build machine', () => {
    expect(site.output).not.toContain('local-path');
  });
});
