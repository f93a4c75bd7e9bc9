/**
 * Every edit kept: an item the publisher changes keeps each earlier version,
 * byte for byte, under revisions/<feed>/<stem>/<n>.md, and lists when each was
 * first seen; a rewrite that is not an edit (a new hash form) keeps the list
 * and makes no revision; an unchanged run writes nothing.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import { earlierVersion } from '#src/ingest/revisions.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { rssFeed, treeSnapshot } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const DAY1 = new Date('2026-05-01T08:00:00.000Z');
const DAY2 = new Date('2026-05-02T08:00:00.000Z');
const DAY3 = new Date('2026-05-03T08:00:00.000Z');
const DAY4 = new Date('2026-05-04T08:00:00.000Z');
const temp = useTempDir('feedshelf-revisions-');

const STEM = '2026-04-30-harbour-news';

async function feedWith(root: string, body: string, title = 'Harbour news'): Promise<FeedConfig> {
  await mkdir(join(root, 'feeds'), { recursive: true });
  const path = join(root, 'feeds', 'harbour.xml');
  await writeFile(
    path,
    rssFeed('Harbour', [
      { title, guid: 'harbour-1', link: 'https://harbour.example/news', date: 'Thu, 30 Apr 2026 10:00:00 GMT', body },
      { title: 'Steady', guid: 'harbour-2', date: 'Wed, 29 Apr 2026 10:00:00 GMT', body: '<p>Never edited.</p>' },
    ]),
  );
  return { id: 'harbour', url: 'feeds/harbour.xml', path };
}

function snapshot(root: string, feed: FeedConfig, now: Date) {
  return runSnapshot({
    feeds: [feed],
    itemsDir: join(root, 'content', 'items'),
    stateDir: join(root, 'content', 'state'),
    now,
    workers: 0,
  });
}

const itemFile = (root: string) => join(root, 'content', 'items', 'harbour', `${STEM}.md`);
const revisionFile = (root: string, n: number) => join(root, 'content', 'revisions', 'harbour', STEM, `${n}.md`);

async function frontmatter(file: string): Promise<Record<string, unknown>> {
  return parseItemFile(await readFile(file, 'utf8')).frontmatter as Record<string, unknown>;
}

describe('an item the publisher edits twice', () => {
  it('keeps each earlier version as archived and lists when each was first seen', async () => {
    const root = temp.path;
    await snapshot(root, await feedWith(root, '<p>The ferry leaves at nine.</p>'), DAY1);
    const first = await readFile(itemFile(root), 'utf8');

    const second = await snapshot(root, await feedWith(root, '<p>The ferry leaves at ten.</p>'), DAY2);
    expect(second.feeds[0]?.counts).toMatchObject({ new: 0, updated: 1, unchanged: 1 });
    expect(await readFile(revisionFile(root, 1), 'utf8')).toBe(first);
    const afterSecond = await readFile(itemFile(root), 'utf8');
    expect(await frontmatter(itemFile(root))).toMatchObject({
      updated: DAY2.toISOString(),
      revisions: [DAY1.toISOString()],
      firstSeen: DAY1.toISOString(),
    });
    expect(parseItemFile(afterSecond).body).toBe('The ferry leaves at ten.');

    await snapshot(root, await feedWith(root, '<p>The ferry is cancelled.</p>', 'Harbour news (updated)'), DAY3);
    expect(await readFile(revisionFile(root, 1), 'utf8')).toBe(first);
    expect(await readFile(revisionFile(root, 2), 'utf8')).toBe(afterSecond);
    expect(await frontmatter(itemFile(root))).toMatchObject({
      title: 'Harbour news (updated)',
      updated: DAY3.toISOString(),
      revisions: [DAY1.toISOString(), DAY2.toISOString()],
    });
    expect(await readdir(join(root, 'content', 'revisions', 'harbour'))).toEqual([STEM]);

    // The same feed again: nothing is written, no revision is made.
    const before = await treeSnapshot(join(root, 'content'));
    const again = await snapshot(
      root,
      await feedWith(root, '<p>The ferry is cancelled.</p>', 'Harbour news (updated)'),
      DAY4,
    );
    expect(again.feeds[0]?.counts).toMatchObject({ new: 0, updated: 0, unchanged: 2 });
    expect(await treeSnapshot(join(root, 'content'))).toEqual(before);
  });

  it('makes no revision of an item that was never edited, nor a revisions folder', async () => {
    const root = temp.path;
    const feed = await feedWith(root, '<p>Calm seas.</p>');
    await snapshot(root, feed, DAY1);
    await snapshot(root, feed, DAY2);
    await expect(readdir(join(root, 'content', 'revisions'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await frontmatter(itemFile(root))).not.toHaveProperty('revisions');
  });

  it('keeps nothing on a dry run', async () => {
    const root = temp.path;
    await snapshot(root, await feedWith(root, '<p>One.</p>'), DAY1);
    const report = await runSnapshot({
      feeds: [await feedWith(root, '<p>Two.</p>')],
      itemsDir: join(root, 'content', 'items'),
      stateDir: join(root, 'content', 'state'),
      now: DAY2,
      workers: 0,
      dryRun: true,
    });
    expect(report.feeds[0]?.counts.updated).toBe(1);
    await expect(readdir(join(root, 'content', 'revisions'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('a rewrite that is not an edit', () => {
  it('keeps the revisions list and makes no revision when only the hash form is renewed', async () => {
    const root = temp.path;
    await snapshot(root, await feedWith(root, '<p>First.</p>'), DAY1);
    const feed = await feedWith(root, '<p>Second.</p>');
    await snapshot(root, feed, DAY2);
    // An archive from an older feedshelf: the stored hash in the legacy form, no longer matching.
    const text = await readFile(itemFile(root), 'utf8');
    await writeFile(itemFile(root), text.replace(/^hash: .*$/m, `hash: sha256:${'0'.repeat(32)}`));

    const report = await snapshot(root, feed, DAY3);
    expect(report.feeds[0]?.counts).toMatchObject({ updated: 0, rehashed: 1 });
    expect(await readdir(join(root, 'content', 'revisions', 'harbour', STEM))).toEqual(['1.md']);
    expect(await frontmatter(itemFile(root))).toMatchObject({
      updated: DAY2.toISOString(),
      revisions: [DAY1.toISOString()],
    });
    expect(await readFile(itemFile(root), 'utf8')).toBe(text);
  });
});

describe('earlierVersion', () => {
  it('numbers the revision after those the file lists and dates it by its updated, else firstSeen', () => {
    const edited =
      '---\ntitle: T\nfirstSeen: "2026-01-01T00:00:00.000Z"\nupdated: "2026-02-01T00:00:00.000Z"\nrevisions:\n  - "2026-01-01T00:00:00.000Z"\n---\n\nBody\n';
    expect(earlierVersion(edited, '2026-09-09T00:00:00.000Z')).toEqual({
      number: 2,
      text: edited,
      revisions: ['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    });
    const fresh = '---\ntitle: T\nfirstSeen: "2026-01-01T00:00:00.000Z"\n---\n\nBody\n';
    expect(earlierVersion(fresh, '2026-09-09T00:00:00.000Z').revisions).toEqual(['2026-01-01T00:00:00.000Z']);
  });

  it('keeps a file whose frontmatter cannot be read as revision 1, dated by the run', () => {
    const broken = '---\ntitle: [unclosed\n---\n\nBody\n';
    expect(earlierVersion(broken, '2026-09-09T00:00:00.000Z')).toEqual({
      number: 1,
      text: broken,
      revisions: ['2026-09-09T00:00:00.000Z'],
    });
  });
});
