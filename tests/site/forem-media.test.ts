/**
 * The real Forem feed from ../shared with its images served from a local
 * origin (each image URL of the feed answered by a PNG of its own): every
 * image is archived, and every article page shows only the archive's copies.
 * Runs only where ../shared is checked out.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedMedia } from '#src/archive/media.ts';
import { parseAllowNetworks } from '#src/ingest/net-guard.ts';
import type { SnapshotReport } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { png } from '../helpers/png.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { type BuiltSite, buildArchive, PROJECT_ROOT } from './_build.ts';

const FEED = join(PROJECT_ROOT, '..', 'shared', 'feeds', 'forem-2026-04-27.xml');
const CDN = 'https://media2.dev.to/';

describe.runIf(existsSync(FEED))('the Forem feed with its images on a local origin', () => {
  const work = useTempDir('feedshelf-forem-media-', 'all');
  let server: FeedServer;
  let site: BuiltSite;
  let report: SnapshotReport;
  let imageUrls: string[];

  beforeAll(async () => {
    server = await startFeedServer({});
    const text = (await readFile(FEED, 'utf8')).replaceAll(CDN, `${server.origin}/cdn/`);
    imageUrls = [
      ...new Set([...text.matchAll(/src="(http:\/\/127\.0\.0\.1:\d+\/cdn\/[^"]+)"/g)].map((m) => m[1] ?? '')),
    ];
    imageUrls.forEach((url, index) => {
      server.routes.set(new URL(url).pathname, { headers: { 'content-type': 'image/png' }, body: png(8, 4, index) });
    });
    server.routes.set('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: text });
    const itemsDir = join(work.path, 'content', 'items');
    const stateDir = join(work.path, 'content', 'state');
    report = await runSnapshot({
      feeds: [{ id: 'forem', url: server.url('/feed.xml') }],
      itemsDir,
      stateDir,
      now: new Date('2026-04-28T00:00:00Z'),
      media: true,
      allowNetworks: parseAllowNetworks(['127.0.0.1/32'], 'test'),
    });
    site = await buildArchive({ itemsDir, stateDir });
  }, 300_000);

  afterAll(async () => {
    await site?.remove();
    await server?.close();
  });

  it('archives every image the items show, none failing', async () => {
    expect(imageUrls).toHaveLength(10);
    expect(report.feeds[0]?.media).toMatchObject({ failed: 0, deferred: 0 });
    const map = parseFeedMedia(await readFile(join(work.path, 'content', 'media', 'forem.json'), 'utf8'));
    const archived = Object.keys(map.images).sort();
    const shown = new Set<string>();
    const items = join(work.path, 'content', 'items', 'forem');
    for (const name of await readdir(items)) {
      const body = await readFile(join(items, name), 'utf8');
      for (const match of body.matchAll(/\]\((http:\/\/127\.0\.0\.1:\d+\/cdn\/[^)\s]+)/g)) shown.add(match[1] ?? '');
    }
    expect(shown.size).toBe(10);
    expect(archived).toEqual([...shown].sort());
    expect(Object.values(map.images).every((entry) => 'file' in entry && entry.width === 8 && entry.height === 4)).toBe(
      true,
    );
  });

  it("shows only the archive's copies on every article page", async () => {
    const pages = (await readdir(join(site.dist, 'items', 'forem'))).sort();
    let local = 0;
    for (const page of pages) {
      const html = await readFile(join(site.dist, 'items', 'forem', page, 'index.html'), 'utf8');
      const sources = [...html.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1] ?? '');
      expect(sources.filter((src) => !src.startsWith('/media/'))).toEqual([]);
      local += sources.length;
    }
    expect(local).toBe(10);
  });
});
