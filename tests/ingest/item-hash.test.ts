/**
 * Item hashes against the archive: a publisher's edit marks an item updated;
 * a checkout at another path, a reformatted feed or an archive written with
 * the legacy hash changes no byte; a legacy hash that no longer matches is
 * rewritten in the publisher form and counted as rehashed, never as updated.
 */
import { readFileSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { itemKey } from '#src/ingest/identity.ts';
import { compareStoredHash } from '#src/ingest/item-hash.ts';
import { legacyHash } from '#src/ingest/legacy-hash.ts';
import { parseFeed } from '#src/ingest/parse.ts';
import { formatSummary } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import type { FeedEntry } from '#src/ingest/types.ts';
import { treeSnapshot } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const DAY1 = new Date('2026-03-10T09:00:00.000Z');
const DAY2 = new Date('2026-03-11T09:00:00.000Z');
const DAY3 = new Date('2026-03-12T09:00:00.000Z');
const PROJECT = new URL('../../', import.meta.url).pathname;
const FIXTURE = readFileSync(new URL('../fixtures/fidelity/item-hash.xml', import.meta.url), 'utf8');

const temp = useTempDir('feedshelf-item-hash-');

function snapshot(root: string, feeds: FeedConfig[], now: Date) {
  return runSnapshot({
    feeds,
    itemsDir: join(root, 'content', 'items'),
    stateDir: join(root, 'content', 'state'),
    now,
    workers: 0,
  });
}

async function harbourFeed(root: string, text: string): Promise<FeedConfig> {
  await mkdir(join(root, 'feeds'), { recursive: true });
  const path = join(root, 'feeds', 'harbour.xml');
  await writeFile(path, text);
  return { id: 'harbour', url: 'feeds/harbour.xml', path };
}

async function itemFiles(root: string, feedId: string): Promise<string[]> {
  return (await readdir(join(root, 'content', 'items', feedId))).sort();
}

async function frontmatterOf(root: string, feedId: string, name: string): Promise<Record<string, unknown>> {
  const text = await readFile(join(root, 'content', 'items', feedId, name), 'utf8');
  return parseItemFile(text).frontmatter as Record<string, unknown>;
}

/** Rewrite every item's stored hash as the legacy form over the entry the feed gives for its key. */
async function writeLegacyHashes(root: string, feed: FeedConfig): Promise<void> {
  const parsed = await parseFeed(await readFile(feed.path ?? '', 'utf8'), `file://${feed.path}`);
  const legacy = new Map(parsed.entries.map((entry) => [itemKey(entry), legacyHash(entry)]));
  for (const name of await itemFiles(root, feed.id)) {
    const file = join(root, 'content', 'items', feed.id, name);
    const text = await readFile(file, 'utf8');
    const id = /^id: (.*)$/m.exec(text)?.[1];
    const hash = id === undefined ? undefined : legacy.get(id);
    if (hash === undefined) throw new Error(`no entry for ${name}`);
    await writeFile(file, text.replace(/^hash: pub1:[0-9a-f]{32}$/m, `hash: ${hash}`));
  }
}

describe('compareStoredHash', () => {
  const entry: FeedEntry = {
    authors: [],
    categories: [],
    title: 'A',
    publisherHash: 'pub1:11111111111111111111111111111111',
  };
  const legacy = legacyHash(entry);
  it.each([
    [
      'the same publisher hash',
      'pub1:11111111111111111111111111111111',
      'pub1:11111111111111111111111111111111',
      'unchanged',
    ],
    [
      'another publisher hash',
      'pub1:22222222222222222222222222222222',
      'pub1:11111111111111111111111111111111',
      'update',
    ],
    ['a matching legacy hash', legacy, 'pub1:11111111111111111111111111111111', 'unchanged'],
    [
      'a legacy hash that no longer matches',
      'sha256:00000000000000000000000000000000',
      'pub1:11111111111111111111111111111111',
      'rehash',
    ],
    [
      'a publisher hash, the entry only in the legacy form',
      'pub1:22222222222222222222222222222222',
      legacy,
      'unchanged',
    ],
    ['two legacy hashes', 'sha256:00000000000000000000000000000000', legacy, 'update'],
  ])('%s', (_what, stored, current, verdict) => {
    expect(compareStoredHash(stored, entry, current)).toBe(verdict);
  });

  it('keeps the legacy form frozen: the bytes archives hold', () => {
    const archived: FeedEntry = {
      guid: 'http://www.example.org/posts/1/',
      link: 'https://example.org/posts/1',
      title: 'First post',
      authors: ['Ann', 'Bo'],
      categories: ['Feeds'],
      published: 'Mon, 02 Mar 2026 08:00:00 GMT',
      contentHtml: '<p>Body</p>',
      baseUrl: 'https://example.org/posts/1',
    };
    expect(legacyHash(archived)).toBe('sha256:2574d92a64cd3ddf118b7ef1a511fc33');
  });
});

describe('a snapshot of an edited or reformatted feed', () => {
  it('marks the item the publisher edited as updated, and only it', async () => {
    const feed = await harbourFeed(temp.path, FIXTURE);
    await snapshot(temp.path, [feed], DAY1);
    const [second, first] = await itemFiles(temp.path, 'harbour');
    const before = await treeSnapshot(join(temp.path, 'content', 'items'));
    await harbourFeed(temp.path, FIXTURE.replace("Tom's boat", "Tom's new boat"));
    const report = await snapshot(temp.path, [feed], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 1, unchanged: 1, skipped: 0 });
    expect(await frontmatterOf(temp.path, 'harbour', first ?? '')).toMatchObject({
      title: "Episode 12: Tom's new boat",
      updated: DAY2.toISOString(),
    });
    const after = await treeSnapshot(join(temp.path, 'content', 'items'));
    expect(after.get(`harbour/${second}`)).toEqual(before.get(`harbour/${second}`));
  });

  it('changes zero bytes when the feed is only written differently', async () => {
    const text = FIXTURE;
    const feed = await harbourFeed(temp.path, text);
    await snapshot(temp.path, [feed], DAY1);
    const before = await treeSnapshot(join(temp.path, 'content'));
    const reformatted = text
      .replace(/>\s+</g, '><')
      .replace("Tom's boat", 'Tom&#39;s boat')
      .replace('Tom &amp; the boat he built.', '<![CDATA[Tom & the boat he built.]]>')
      .replace(
        '<enclosure url="https://cdn.harbour.example/12.mp3" length="41234567" type="audio/mpeg"/>',
        '<enclosure type="audio/mpeg" length="41234567" url="https://cdn.harbour.example/12.mp3"></enclosure>',
      );
    await harbourFeed(temp.path, reformatted);
    const report = await snapshot(temp.path, [feed], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 2, skipped: 0 });
    expect(await treeSnapshot(join(temp.path, 'content'))).toEqual(before);
  });
});

describe('the README command in a copy of the project at another path', () => {
  it('archives the sample feeds byte for byte as at the first path, and changes nothing', async () => {
    const [a, b] = [join(temp.path, 'checkout-a'), join(temp.path, 'elsewhere', 'checkout-b')];
    await mkdir(a, { recursive: true });
    await cp(join(PROJECT, 'feeds.yaml'), join(a, 'feeds.yaml'));
    await cp(join(PROJECT, 'samples', 'feeds'), join(a, 'samples', 'feeds'), { recursive: true });
    const first = await snapshot(a, (await loadConfigFile(join(a, 'feeds.yaml'))).feeds, DAY1);
    expect([first.totals.new, first.totals.updated, first.totals.failed]).toEqual([44, 0, 0]);
    await cp(a, b, { recursive: true, preserveTimestamps: true });
    const before = await treeSnapshot(join(b, 'content'));
    const second = await snapshot(b, (await loadConfigFile(join(b, 'feeds.yaml'))).feeds, DAY2);
    expect([second.totals.new, second.totals.updated, second.totals.rehashed, second.totals.unchanged]).toEqual([
      0,
      0,
      undefined,
      44,
    ]);
    expect(await treeSnapshot(join(b, 'content'))).toEqual(before);
    const textOf = (tree: Map<string, { text: string }>) => new Map([...tree].map(([path, file]) => [path, file.text]));
    expect(textOf(before)).toEqual(textOf(await treeSnapshot(join(a, 'content'))));
  });
});

describe('an archive written with the legacy hash', () => {
  it('is left byte for byte as it is where the legacy hash matches', async () => {
    const feed = await harbourFeed(temp.path, FIXTURE);
    await snapshot(temp.path, [feed], DAY1);
    await writeLegacyHashes(temp.path, feed);
    const before = await treeSnapshot(join(temp.path, 'content'));
    expect([...before.values()].filter((file) => /^hash: sha256:/m.test(file.text))).toHaveLength(2);
    const report = await snapshot(temp.path, [feed], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 2, skipped: 0 });
    expect(await treeSnapshot(join(temp.path, 'content'))).toEqual(before);
  });

  it('rewrites an item whose legacy hash no longer matches in the publisher form, as rehashed, keeping its updated date', async () => {
    const feed = await harbourFeed(temp.path, FIXTURE);
    await snapshot(temp.path, [feed], DAY1);
    await writeLegacyHashes(temp.path, feed);
    const [second, first] = await itemFiles(temp.path, 'harbour');
    // What a change of feedshelf's parsing does to a legacy hash, and an item once marked updated.
    const firstFile = join(temp.path, 'content', 'items', 'harbour', first ?? '');
    const text = await readFile(firstFile, 'utf8');
    await writeFile(
      firstFile,
      text
        .replace(/^hash: sha256:[0-9a-f]{32}$/m, 'hash: sha256:00000000000000000000000000000000')
        .replace(/^(firstSeen: .*)$/m, 'updated: "2026-03-09T12:00:00.000Z"\n$1'),
    );
    const before = await treeSnapshot(join(temp.path, 'content', 'items'));
    const report = await snapshot(temp.path, [feed], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 1, skipped: 0, rehashed: 1 });
    expect(report.totals.rehashed).toBe(1);
    const rewritten = await frontmatterOf(temp.path, 'harbour', first ?? '');
    expect([rewritten.hash, rewritten.updated, rewritten.firstSeen]).toEqual([
      (await parseFeed(FIXTURE, 'https://harbour.example/feed.xml')).entries[0]?.publisherHash,
      '2026-03-09T12:00:00.000Z',
      DAY1.toISOString(),
    ]);
    const after = await treeSnapshot(join(temp.path, 'content', 'items'));
    expect(after.get(`harbour/${second}`)).toEqual(before.get(`harbour/${second}`));
    expect(formatSummary(report)).toBe(
      [
        'feed     status    new  updated  unchanged  skipped  altered',
        '-------  --------  ---  -------  ---------  -------  -------',
        'harbour  ok          0        0          1        0        0',
        '-------  --------  ---  -------  ---------  -------  -------',
        'total    0 failed    0        0          1        0        0',
        '1 item rewritten in the current hash form, not marked updated: the archived hash was of an earlier form and no longer matched',
      ].join('\n'),
    );
    const third = await snapshot(temp.path, [feed], DAY3);
    expect(third.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 2, skipped: 0 });
    expect(await treeSnapshot(join(temp.path, 'content', 'items'))).toEqual(after);
  });
});
