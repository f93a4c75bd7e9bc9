/**
 * Nothing lost: one feed polled 220 times while posts appear, fall out of the
 * window, come back, get edited, move from http to https and have their guid
 * reused by a later post. The archive must end with every distinct post
 * exactly once, holding the content the feed last showed for it.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { readItems, scratchDir } from '../faults/_feeds.ts';

const POLLS = 220;
const POSTS = 260;
const WINDOW = 15;
/** From this poll on, the publisher serves every guid and link over https. */
const HTTPS_FROM = 100;
const START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/** Deterministic pseudo-random numbers (mulberry32), so every run sees the same history. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Post {
  /** Guid path; a reused guid shares it with an older post. */
  guidPath: string;
  linkPath: string;
  title: string;
  version: number;
  released: number;
}

interface Expected {
  title: string;
  body: string;
  link: string;
}

function scheme(poll: number): string {
  return poll >= HTTPS_FROM ? 'https' : 'http';
}

function entryXml(post: Post, poll: number): string {
  const origin = `${scheme(poll)}://rotation.example`;
  return `<item><title>${post.title}</title><link>${origin}${post.linkPath}</link><guid>${origin}${post.guidPath}</guid><pubDate>${new Date(START + post.released * HOUR).toUTCString()}</pubDate><description><![CDATA[<p>${post.title} version ${post.version}</p>]]></description></item>`;
}

let root: string;
const expected = new Map<string, Expected>();
const reports: { poll: number; status: string; counts: string }[] = [];

beforeAll(async () => {
  root = await scratchDir('durability-rotation-');
  const next = random(20261120);
  const posts: Post[] = Array.from({ length: POSTS }, (_, i) => ({
    guidPath: `/p/${i}`,
    linkPath: `/p/${i}`,
    title: `Post ${i}`,
    version: 0,
    released: Math.floor((i * (POLLS - 20)) / POSTS),
  }));
  // Late posts that reuse the guid of a post long gone from the window: a different post, kept apart.
  for (const [i, old] of [
    [POSTS - 30, 3],
    [POSTS - 10, 40],
  ] as const) {
    const post = posts[i];
    if (post) post.guidPath = `/p/${old}`;
  }
  const feedPath = join(root, 'feed.xml');
  for (let poll = 0; poll < POLLS; poll++) {
    const released = posts.filter((post) => post.released <= poll).reverse();
    const visible = released.slice(0, WINDOW);
    // Now and then an old post comes back (a "popular posts" block, a republished entry).
    const old = released.slice(WINDOW);
    if (old.length > 0 && next() < 0.15) visible.push(old[Math.floor(next() * old.length)] as Post);
    // Edits: some visible posts change their content.
    for (const post of visible) if (post.released < poll && next() < 0.04) post.version++;
    const entries = visible.map((post) => entryXml(post, poll));
    // Exact repeats of an entry within one document are skipped, not archived twice.
    if (poll % 17 === 0 && entries[0]) entries.push(entries[0]);
    await writeFile(
      feedPath,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Rotation</title><link>https://rotation.example/</link><description>d</description>${entries.join('')}</channel></rss>`,
    );
    const report = await runSnapshot({
      feeds: [{ id: 'rotation', url: feedPath, path: feedPath }],
      itemsDir: join(root, 'items'),
      stateDir: join(root, 'state'),
      now: new Date(START + poll * HOUR + 30 * 60_000),
    });
    const feed = report.feeds[0];
    reports.push({ poll, status: feed?.status ?? 'missing', counts: JSON.stringify(feed?.counts) });
    for (const post of visible) {
      expected.set(post.title, {
        title: post.title,
        body: `${post.title} version ${post.version}`,
        link: `${scheme(poll)}://rotation.example${post.linkPath}`,
      });
    }
  }
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a feed rotated through 220 polls', () => {
  it('succeeds on every poll', () => {
    expect(reports.filter((report) => report.status !== 'ok')).toEqual([]);
    expect(reports).toHaveLength(POLLS);
  });

  it('ends with every distinct post exactly once, with the latest content the feed showed', async () => {
    const items = [...(await readItems(join(root, 'items'))).values()];
    expect(expected.size).toBe(POSTS);
    expect(items).toHaveLength(POSTS);
    const byTitle = new Map(items.map((entry) => [entry.item.title, entry]));
    expect(byTitle.size).toBe(POSTS);
    expect(new Set(items.map((entry) => entry.item.id)).size).toBe(POSTS);
    for (const want of expected.values()) {
      const got = byTitle.get(want.title);
      expect([want.title, got?.body, got?.item.link]).toEqual([want.title, want.body, want.link]);
    }
  });

  it('keeps the two posts that reused old guids apart from the posts that first had them', async () => {
    const items = [...(await readItems(join(root, 'items'))).values()];
    const reusedIds = items
      .filter((entry) => [`Post ${POSTS - 30}`, `Post ${POSTS - 10}`].includes(entry.item.title))
      .map((entry) => entry.item.id);
    const originalIds = items
      .filter((entry) => ['Post 3', 'Post 40'].includes(entry.item.title))
      .map((entry) => entry.item.id);
    expect(reusedIds).toHaveLength(2);
    expect(originalIds).toHaveLength(2);
    for (const id of reusedIds) expect(originalIds).not.toContain(id);
  });

  it('never loses firstSeen: a post keeps the time it was first archived', async () => {
    const items = [...(await readItems(join(root, 'items'))).values()];
    for (const entry of items) {
      const index = Number(entry.item.title.replace('Post ', ''));
      const released = Math.floor((index * (POLLS - 20)) / POSTS);
      expect([entry.item.title, entry.item.firstSeen.toISOString()]).toEqual([
        entry.item.title,
        new Date(START + released * HOUR + 30 * 60_000).toISOString(),
      ]);
    }
  });
});
