/**
 * The snapshot's progress on stderr: a line that redraws itself on a terminal,
 * plain lines every 10 s elsewhere or under CI, nothing on stdout; and what a
 * dry run prints from the real command line.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '#src/cli/io.ts';
import { PLAIN_INTERVAL_MS, startProgress } from '#src/cli/snapshot-progress.ts';
import { rssFeed, treeFiles } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { feedshelf } from './_run.ts';

const CLEAR = '\r\x1b[2K';

function fakeIo(stderr: { isTTY: boolean; columns?: number }, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (text) => void out.push(text) },
    stderr: { ...stderr, write: (text) => void err.push(text) },
    env,
    cwd: '/',
  };
  return { io, out, err };
}

describe('progress on a terminal', () => {
  it('redraws one status line at most every 100 ms, and clears it for each feed line and at the end', () => {
    const { io, out, err } = fakeIo({ isTTY: true, columns: 200 });
    let now = 0;
    const progress = startProgress(io, 2, () => now);
    progress.update({ feed: 'big', phase: 'fetching' });
    now = 30;
    progress.update({ feed: 'big', phase: 'parsing' });
    now = 150;
    progress.update({ feed: 'big', phase: 'writing', done: 1200, total: 3000 });
    now = 160;
    progress.update({ feed: 'small', phase: 'fetching' });
    now = 300;
    progress.update({ feed: 'big', phase: 'writing', done: 3000, total: 3000 });
    progress.feedDone('big', 'ok           big: 3000 new');
    progress.feedDone('small', 'ok           small: 1 new');
    progress.end();
    expect(err).toEqual([
      `${CLEAR}0 of 2 feeds done; big: fetching`,
      `${CLEAR}0 of 2 feeds done; big: 1,200 of 3,000 items`,
      `${CLEAR}0 of 2 feeds done; big: 3,000 of 3,000 items (and 1 more running)`,
      CLEAR,
      'ok           big: 3000 new\n',
      `${CLEAR}1 of 2 feeds done; small: fetching`,
      CLEAR,
      'ok           small: 1 new\n',
    ]);
    expect(out).toEqual([]);
  });

  it('cuts the status line to the width of the terminal, 80 columns when it gives none', () => {
    const { io, err } = fakeIo({ isTTY: true, columns: 30 });
    startProgress(io, 12, () => 0).update({ feed: 'a-feed-with-a-long-id', phase: 'parsing' });
    expect(err).toEqual([`${CLEAR}0 of 12 feeds done; a-feed-w…`]);
    const unknown = fakeIo({ isTTY: true, columns: 0 });
    startProgress(unknown.io, 1, () => 0).update({ feed: 'a-feed-with-a-long-id', phase: 'parsing' });
    expect(unknown.err).toEqual([`${CLEAR}0 of 1 feed done; a-feed-with-a-long-id: reading the feed`]);
  });
});

describe('progress elsewhere', () => {
  for (const [what, stderr, env] of [
    ['when stderr is not a terminal', { isTTY: false }, {}],
    ['under CI=true, terminal or not', { isTTY: true }, { CI: 'true' }],
  ] as const) {
    it(`prints a plain line every ${PLAIN_INTERVAL_MS / 1000} s of a long run ${what}, and nothing for a short one`, () => {
      const { io, out, err } = fakeIo(stderr, env);
      let now = 0;
      const progress = startProgress(io, 3, () => now);
      progress.update({ feed: 'big', phase: 'fetching' });
      now = 9_999;
      progress.update({ feed: 'big', phase: 'writing', done: 10, total: 3000 });
      now = 10_000;
      progress.update({ feed: 'big', phase: 'writing', done: 11, total: 3000 });
      now = 15_000;
      progress.update({ feed: 'big', phase: 'writing', done: 2000, total: 3000 });
      progress.feedDone('big', 'ok           big: 3000 new');
      now = 20_001;
      progress.update({ feed: 'next', phase: 'parsing' });
      progress.end();
      expect(err).toEqual([
        'progress: 0 of 3 feeds done; big: 11 of 3,000 items\n',
        'ok           big: 3000 new\n',
        'progress: 1 of 3 feeds done; next: reading the feed\n',
      ]);
      expect(out).toEqual([]);
    });
  }
});

describe('feedshelf snapshot --dry-run', () => {
  const temp = useTempDir('feedshelf-dry-run-');

  it('names the items it would archive, the first 10 of each feed, and writes nothing', {
    timeout: 60_000,
  }, async () => {
    await mkdir(join(temp.path, 'feeds'));
    const items = Array.from({ length: 12 }, (_, i) => ({
      title: `Post ${i + 1}`,
      guid: `post-${i + 1}`,
      date: `Mon, ${String(i + 1).padStart(2, '0')} Mar 2026 08:00:00 GMT`,
    }));
    await writeFile(join(temp.path, 'feeds/notes.xml'), rssFeed('Notes', items));
    await writeFile(join(temp.path, 'feeds/short.xml'), rssFeed('Short', items.slice(0, 1)));
    await writeFile(
      join(temp.path, 'feeds.yaml'),
      'feeds:\n  - { id: notes, url: feeds/notes.xml }\n  - { id: short, url: feeds/short.xml }\n',
    );
    const result = await feedshelf(['snapshot', '--dry-run'], temp.path);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.replace(/\(\d+\.\d\d s\)/g, '(T)').split('\n');
    // The two feeds run at once, so either block may come first; each is its line and its titles.
    const block = (head: string, count: number) => lines.slice(lines.indexOf(head), lines.indexOf(head) + count);
    expect(block('ok           notes: 12 new, 0 updated, 0 unchanged, 0 skipped (T)', 12)).toEqual([
      'ok           notes: 12 new, 0 updated, 0 unchanged, 0 skipped (T)',
      ...Array.from({ length: 10 }, (_, i) => `             new: Post ${i + 1}`),
      '             … and 2 more new',
    ]);
    expect(block('ok           short: 1 new, 0 updated, 0 unchanged, 0 skipped (T)', 2)).toEqual([
      'ok           short: 1 new, 0 updated, 0 unchanged, 0 skipped (T)',
      '             new: Post 1',
    ]);
    expect(lines.slice(-2)).toEqual(['(dry run: nothing was written)', '']);
    expect(await treeFiles(temp.path)).toEqual(['feeds.yaml', 'feeds/notes.xml', 'feeds/short.xml']);
  });
});
