/**
 * Incremental builds: build the fixture archive, add two items, rebuild with
 * the same cache, and compare with a clean build of the grown archive. The
 * pages expected to change are computed from the items' frontmatter with the
 * site's own grouping, related-items and previous/next rules.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';
import { ItemSchema } from '#src/archive/schema.ts';
import { type Group, groupByAuthor, groupByMonth, groupBySource, groupByTag, groupByYear } from '#src/site/group.ts';
import { type ArchiveItem, sortNewest } from '#src/site/items.ts';
import { neighboursBySource, relatedItems } from '#src/site/related.ts';
import { routes } from '#src/site/urls.ts';
import { siteConfig } from '#src/site.config.ts';

const FIXTURE = 'tests/fixtures/archive';

const NEW_ITEMS: Record<string, string> = {
  // Newest item of an existing source, in existing tags: the source's old newest item gains a "next".
  'alpha-blog/2026-04-10-more-python.md': `---
title: "More Python"
id: https://alpha-blog.example.org/posts/2026-04-10-more-python
link: https://alpha-blog.example.org/posts/2026-04-10-more-python
source: alpha-blog
authors: ["Ana Núñez"]
tags: ["Python", "Tooling"]
published: 2026-04-10T12:00:00.000Z
firstSeen: 2026-04-10T12:00:00.000Z
summary: More Python, with tooling.
hash: sha256-00000000000000a1
---
More Python, with tooling.
`,
  // Lands between two items of its source and shares tags with other sources: neighbours and related items move.
  'gamma-notes/2026-02-20-indexes-explained.md': `---
title: "Indexes explained"
id: https://gamma-notes.example.org/2026/indexes-explained
source: gamma-notes
authors: ["Søren Kierkegaard-Ås"]
tags: ["Databases", "Shell", "SQL"]
published: 2026-02-20T10:00:00.000Z
firstSeen: 2026-02-21T06:00:00.000Z
summary: How an index finds a row.
hash: sha256-00000000000000b2
---
How an index finds a row.
`,
};

interface BuildResult {
  files: Map<string, string>;
  rendered: Set<string>;
  reused: Set<string>;
  /** The items loader's summary: "<n> items: <n> read, <n> rendered, <n> stale renderings removed." */
  loader: string;
}

const ROOT = process.cwd();

async function hashes(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(
      relative(dir, path),
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function build(archive: string, out: string, cache: string): Promise<BuildResult> {
  const log = await buildSiteInChild({
    itemsDir: join(archive, 'items'),
    stateDir: join(archive, 'state'),
    outDir: out,
    cacheDir: cache,
  });
  const rendered = new Set<string>();
  const reused = new Set<string>();
  for (const match of stripVTControlCharacters(log).matchAll(/├─ \/(\S+)(.*)$/gm)) {
    const path = match[1] ?? '';
    if (/\((?:restored|cached)\)/.test(match[2] ?? '')) reused.add(path);
    else rendered.add(path);
  }
  const loader = /\[feedshelf-items\] (.*)$/m.exec(stripVTControlCharacters(log))?.[1] ?? '';
  return { files: await hashes(out), rendered, reused, loader };
}

async function readItems(itemsDir: string): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = [];
  for (const entry of await readdir(itemsDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    const frontmatter = text.split(/^---$/m)[1] ?? '';
    items.push({
      id: `${basename(entry.parentPath)}/${entry.name.slice(0, -3)}`,
      data: ItemSchema.parse(parse(frontmatter)),
    });
  }
  return sortNewest(items);
}

/** Output file of a site path: "tags/x/" -> "tags/x/index.html", "rss.xml" -> "rss.xml". */
const file = (path: string) => (path === '' ? 'index.html' : path.endsWith('/') ? `${path}index.html` : path);

const idsOf = (items: readonly ArchiveItem[] | undefined) => (items ?? []).map((item) => item.id).join(',');

/** Slugs of the groups whose member list differs between two groupings. */
function changedGroups(before: Group<ArchiveItem>[], after: Group<ArchiveItem>[]): string[] {
  const old = new Map(before.map((group) => [group.slug, idsOf(group.items)]));
  return after.filter((group) => old.get(group.slug) !== idsOf(group.items)).map((group) => group.slug);
}

/** Item pages whose previous/next or related items differ, plus the new items' pages. */
function changedItemPages(before: ArchiveItem[], after: ArchiveItem[]): string[] {
  const neighboursBefore = neighboursBySource(groupBySource(before));
  const neighboursAfter = neighboursBySource(groupBySource(after));
  const tagsBefore = new Map(groupByTag(before).map((group) => [group.slug, group]));
  const tagsAfter = new Map(groupByTag(after).map((group) => [group.slug, group]));
  const signature = (item: ArchiveItem, neighbours: typeof neighboursBefore, tags: Map<string, Group<ArchiveItem>>) => {
    const { previous, next } = neighbours.get(item.id) ?? {};
    return `${previous?.id}|${next?.id}|${idsOf(relatedItems(item, tags))}`;
  };
  const old = new Set(before.map((item) => item.id));
  return after
    .filter(
      (item) =>
        !old.has(item.id) ||
        signature(item, neighboursBefore, tagsBefore) !== signature(item, neighboursAfter, tagsAfter),
    )
    .map((item) => file(routes.item(item.id)));
}

let work = '';
let before: BuildResult;
let after: BuildResult;
let reference: BuildResult;
let edited: BuildResult;
let itemsBefore: ArchiveItem[] = [];
let itemsAfter: ArchiveItem[] = [];
let renderedAfterEdit: string[] = [];
const EDITED = 'alpha-blog/2026-04-10-more-python.md';
const DELETED = 'gamma-notes/2026-02-20-indexes-explained.md';

beforeAll(async () => {
  await mkdir(join(ROOT, '.cache'), { recursive: true });
  work = await mkdtemp(join(ROOT, '.cache', 'incremental-'));
  const archive = join(work, 'archive');
  await cp(FIXTURE, archive, { recursive: true });
  itemsBefore = await readItems(join(archive, 'items'));
  before = await build(archive, join(work, 'dist'), join(work, 'cache'));
  for (const [path, text] of Object.entries(NEW_ITEMS)) await writeFile(join(archive, 'items', path), text);
  itemsAfter = await readItems(join(archive, 'items'));
  after = await build(archive, join(work, 'dist'), join(work, 'cache'));
  reference = await build(archive, join(work, 'reference'), join(work, 'reference-cache'));
  // One body edited, one item removed: one render, two renderings dropped from the cache.
  await writeFile(join(archive, 'items', EDITED), `${NEW_ITEMS[EDITED]}\nA second paragraph.\n`);
  await rm(join(archive, 'items', DELETED));
  edited = await build(archive, join(work, 'dist'), join(work, 'cache'));
  renderedAfterEdit = await readdir(join(work, 'cache', 'feedshelf-rendered'));
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the items loader across builds', () => {
  it('renders each item once and then only new or changed ones', () => {
    const count = itemsBefore.length;
    expect(before.loader).toBe(`${count} items: ${count} read, ${count} rendered, 0 stale renderings removed.`);
    expect(after.loader).toBe(`${count + 2} items: 2 read, 2 rendered, 0 stale renderings removed.`);
    expect(reference.loader).toBe(
      `${count + 2} items: ${count + 2} read, ${count + 2} rendered, 0 stale renderings removed.`,
    );
    expect(edited.loader).toBe(`${count + 1} items: 1 read, 1 rendered, 2 stale renderings removed.`);
  });

  it('keeps exactly one rendering per archived item', () => {
    expect(renderedAfterEdit).toHaveLength(itemsBefore.length + 1);
    expect(renderedAfterEdit.every((name) => /^[0-9a-f]+\.json$/.test(name))).toBe(true);
  });

  it('shows the edited body and drops the page of the removed item', () => {
    const editedPage = file(routes.item(EDITED.slice(0, -3)));
    expect(edited.files.get(editedPage)).not.toBe(after.files.get(editedPage));
    expect(edited.files.has(file(routes.item(DELETED.slice(0, -3))))).toBe(false);
  });
});

describe('incremental rebuild after new items', () => {
  it('works on lists short enough for one page each, as the expectations assume', () => {
    expect(itemsAfter).toHaveLength(itemsBefore.length + 2);
    expect(itemsAfter.length).toBeLessThanOrEqual(siteConfig.pageSize);
  });

  it('gives exactly the bytes of a clean build of the grown archive', () => {
    expect([...after.files.keys()]).toEqual([...reference.files.keys()]);
    const differing = [...after.files].filter(([path, hash]) => reference.files.get(path) !== hash).map(([p]) => p);
    expect(differing).toEqual([]);
  });

  it('changes every affected page and no other', () => {
    const old = new Set(itemsBefore.map((item) => item.id));
    const pages = new Set<string>([
      ...changedItemPages(itemsBefore, itemsAfter),
      // The sharing cards of the new items (none has an image of its own).
      ...itemsAfter.filter((item) => !old.has(item.id)).map((item) => routes.ogCard(item.id)),
      file(routes.home()),
      file(routes.feed()),
      file(routes.stats()),
      file(routes.tags()),
      file(routes.tagsByName()),
      file(routes.authors()),
      file(routes.sources()),
      file(routes.archive()),
      'sitemap-0.xml',
      ...changedGroups(groupByTag(itemsBefore), groupByTag(itemsAfter)).flatMap((slug) => [
        file(routes.tag(slug)),
        routes.tagFeed(slug),
      ]),
      ...changedGroups(groupByAuthor(itemsBefore), groupByAuthor(itemsAfter)).map((slug) => file(routes.author(slug))),
      ...changedGroups(groupBySource(itemsBefore), groupBySource(itemsAfter)).flatMap((id) => [
        file(routes.source(id)),
        routes.sourceFeed(id),
      ]),
      ...changedGroups(groupByYear(itemsBefore), groupByYear(itemsAfter)).map((year) => file(routes.year(year))),
      ...changedGroups(groupByMonth(itemsBefore), groupByMonth(itemsAfter)).map((key) => {
        const [year = '', month = ''] = key.split('/');
        return file(routes.month(year, month));
      }),
    ]);
    const changed = [...after.files]
      .filter(([path, hash]) => before.files.get(path) !== hash)
      .map(([path]) => path)
      .sort();
    expect(changed).toEqual([...pages].sort());
    expect([...before.files.keys()].filter((path) => !after.files.has(path))).toEqual([]);
  });

  it('re-renders only the item pages whose item, neighbours or related items changed', () => {
    const itemPage = (path: string) => path.startsWith('items/');
    const expected = changedItemPages(itemsBefore, itemsAfter).sort();
    expect([...after.rendered].filter(itemPage).sort()).toEqual(expected);
    expect([...after.reused].filter(itemPage)).toHaveLength(itemsAfter.length - expected.length);
    expect([...before.reused]).toEqual([]);
  });

  it('reuses the tag, author and source pages whose lists did not change', () => {
    const unchanged = (groups: Group<ArchiveItem>[], old: Group<ArchiveItem>[], path: (slug: string) => string) => {
      const moved = new Set(changedGroups(old, groups));
      return groups.filter((group) => !moved.has(group.slug)).map((group) => file(path(group.slug)));
    };
    const reusable = [
      ...unchanged(groupByTag(itemsAfter), groupByTag(itemsBefore), (slug) => routes.tag(slug)),
      ...unchanged(groupByAuthor(itemsAfter), groupByAuthor(itemsBefore), (slug) => routes.author(slug)),
      ...unchanged(groupBySource(itemsAfter), groupBySource(itemsBefore), (id) => routes.source(id)),
    ].sort();
    expect(reusable.length).toBeGreaterThan(5);
    expect(reusable.filter((path) => !after.reused.has(path))).toEqual([]);
    expect(dirname(reusable[0] ?? '')).not.toBe('.');
  });
});
