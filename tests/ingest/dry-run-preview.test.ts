/** A dry run names the items it would archive, and a run tells its progress as feeds move on. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedConfig } from '#src/ingest/config.ts';
import { formatFeedLine, reportToJson } from '#src/ingest/report.ts';
import { runSnapshot, type SnapshotProgress } from '#src/ingest/snapshot.ts';
import { type FixtureItem, rssFeed } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const temp = useTempDir('feedshelf-preview-');
const NOW = new Date('2026-03-20T09:00:00.000Z');

const item = (n: number, body?: string): FixtureItem => ({
  title: `Post ${n}`,
  guid: `post-${n}`,
  link: `https://example.org/posts/${n}`,
  date: `Mon, ${String(n).padStart(2, '0')} Mar 2026 08:00:00 GMT`,
  ...(body ? { body } : {}),
});

async function feedOf(items: FixtureItem[]): Promise<FeedConfig> {
  const path = join(temp.path, 'feeds', 'notes.xml');
  await mkdir(join(temp.path, 'feeds'), { recursive: true });
  await writeFile(path, rssFeed('Notes', items));
  return { id: 'notes', url: 'feeds/notes.xml', path };
}

const dirs = () => ({ itemsDir: join(temp.path, 'items'), stateDir: join(temp.path, 'state'), now: NOW, workers: 0 });

describe('a dry run', () => {
  it('lists the first 10 new and changed items by title, and how many more, on the feed line and in the JSON', async () => {
    const archived = await feedOf([item(1), item(2)]);
    await runSnapshot({ feeds: [archived], ...dirs() });
    const feed = await feedOf([
      item(1, '<p>Post 1, edited</p>'),
      item(2),
      ...Array.from({ length: 12 }, (_, i) => item(i + 3)),
    ]);
    const report = await runSnapshot({ feeds: [feed], ...dirs(), dryRun: true });
    const only = report.feeds[0];
    if (!only) throw new Error('no feed report');
    expect(only.counts).toMatchObject({ new: 12, updated: 1, unchanged: 1 });
    expect(only.preview).toEqual({
      new: Array.from({ length: 10 }, (_, i) => ({
        link: `https://example.org/posts/${i + 3}`,
        title: `Post ${i + 3}`,
      })),
      updated: [{ link: 'https://example.org/posts/1', title: 'Post 1' }],
    });
    expect(formatFeedLine({ ...only, durationMs: 10 }).split('\n')).toEqual([
      'ok           notes: 12 new, 1 updated, 1 unchanged, 0 skipped (0.01 s)',
      ...Array.from({ length: 10 }, (_, i) => `             new: Post ${i + 3}`),
      '             … and 2 more new',
      '             changed: Post 1',
    ]);
    expect(Object.keys(JSON.parse(reportToJson(report)).feeds[0])).toEqual([
      'id',
      'url',
      'status',
      'counts',
      'warnings',
      'preview',
      'durationMs',
    ]);
  });

  it('lists nothing when nothing would change, and a real run never has a preview', async () => {
    const feed = await feedOf([item(1)]);
    const real = await runSnapshot({ feeds: [feed], ...dirs() });
    expect(real.feeds[0]?.preview).toBeUndefined();
    const dry = (await runSnapshot({ feeds: [feed], ...dirs(), dryRun: true })).feeds[0];
    if (!dry) throw new Error('no feed report');
    expect(dry.preview).toBeUndefined();
    expect(formatFeedLine({ ...dry, durationMs: 0 })).toBe(
      'ok           notes: 0 new, 0 updated, 1 unchanged, 0 skipped (0.00 s)',
    );
  });
});

describe('progress', () => {
  it('tells each feed fetched, parsed and every item written, in order', async () => {
    const feed = await feedOf([item(1), item(2), item(3)]);
    const events: SnapshotProgress[] = [];
    await runSnapshot({ feeds: [feed], ...dirs(), onProgress: (event) => events.push(event) });
    expect(events).toEqual([
      { feed: 'notes', phase: 'fetching' },
      { feed: 'notes', phase: 'parsing' },
      { feed: 'notes', phase: 'writing', done: 1, total: 3 },
      { feed: 'notes', phase: 'writing', done: 2, total: 3 },
      { feed: 'notes', phase: 'writing', done: 3, total: 3 },
    ]);
  });
});
