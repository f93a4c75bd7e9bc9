import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireArchiveLock } from '#src/ingest/lock-fs.ts';
import { rssFeed, treeFiles } from '../helpers/rss-fixture.ts';

const NODE = join(process.cwd(), 'node_modules/.bin/node');
const SCRIPT = join(process.cwd(), 'scripts/snapshot.ts');
const SLOW = { timeout: 60_000 };

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function snapshot(args: string[], cwd: string): Promise<Result> {
  return new Promise((resolve) => {
    const env = { ...process.env };
    delete env.FEEDSHELF_ITEMS_DIR;
    delete env.FEEDSHELF_STATE_DIR;
    execFile(NODE, [SCRIPT, ...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedshelf-cli-'));
  await mkdir(join(root, 'feeds'));
  await writeFile(
    join(root, 'feeds', 'notes.xml'),
    rssFeed('Notes', [
      { title: 'One', guid: '1', date: 'Mon, 02 Mar 2026 08:00:00 GMT' },
      { title: 'Two', guid: '2', date: 'Tue, 03 Mar 2026 08:00:00 GMT' },
    ]),
  );
  await writeFile(
    join(root, 'feeds', 'more.xml'),
    rssFeed('More', [{ title: 'Three', guid: '3', date: 'Wed, 04 Mar 2026 08:00:00 GMT' }]),
  );
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function config(feeds: { id: string; url: string }[]): Promise<void> {
  const lines = ['feeds:', ...feeds.flatMap((feed) => [`  - id: ${feed.id}`, `    url: ${feed.url}`])];
  await writeFile(join(root, 'feeds.yaml'), `${lines.join('\n')}\n`);
}

describe('npm run snapshot', () => {
  it('exits 0 and prints a line per feed and a summary when every feed succeeds', SLOW, async () => {
    await config([
      { id: 'notes', url: 'feeds/notes.xml' },
      { id: 'more', url: 'feeds/more.xml' },
    ]);
    const result = await snapshot(['--out', 'content/items'], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n');
    expect(lines.filter((line) => /^ok {11}(notes|more): /.test(line)).sort()).toEqual([
      expect.stringMatching(/^ok {11}more: 1 new, 0 updated, 0 unchanged, 0 skipped \(\d+\.\d\d s\)$/),
      expect.stringMatching(/^ok {11}notes: 2 new, 0 updated, 0 unchanged, 0 skipped \(\d+\.\d\d s\)$/),
    ]);
    expect(lines.slice(-7)).toEqual([
      'feed   status    new  updated  unchanged  skipped  altered',
      '-----  --------  ---  -------  ---------  -------  -------',
      'notes  ok          2        0          0        0        0',
      'more   ok          1        0          0        0        0',
      '-----  --------  ---  -------  ---------  -------  -------',
      'total  0 failed    3        0          0        0        0',
      '',
    ]);
    expect(await treeFiles(join(root, 'content'))).toEqual([
      'items/more/2026-03-04-three.md',
      'items/notes/2026-03-02-one.md',
      'items/notes/2026-03-03-two.md',
      'state/more.json',
      'state/notes.json',
    ]);
  });

  it('prints the JSON report on stdout with --json', SLOW, async () => {
    await config([{ id: 'notes', url: 'feeds/notes.xml' }]);
    const result = await snapshot(['--out', 'content/items', '--json'], root);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['dryRun', 'feeds', 'totals', 'durationMs']);
    expect(report.feeds).toEqual([
      {
        id: 'notes',
        url: 'feeds/notes.xml',
        status: 'ok',
        counts: { new: 2, updated: 0, unchanged: 0, skipped: 0 },
        warnings: [],
        durationMs: expect.any(Number),
      },
    ]);
    expect(report.totals).toEqual({
      feeds: 1,
      ok: 1,
      notModified: 0,
      failed: 0,
      skippedFeeds: 0,
      new: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      altered: 0,
      alterations: 0,
    });
  });

  it('writes nothing with --dry-run', SLOW, async () => {
    await config([{ id: 'notes', url: 'feeds/notes.xml' }]);
    const result = await snapshot(['--out', 'content/items', '--dry-run', '--json'], root);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, totals: { new: 2 } });
    expect(await treeFiles(root)).toEqual(['feeds.yaml', 'feeds/more.xml', 'feeds/notes.xml']);
  });

  it('exits 2 when some feed failed and the rest were archived, 1 with --strict', SLOW, async () => {
    await config([
      { id: 'notes', url: 'feeds/notes.xml' },
      { id: 'lost', url: 'feeds/lost.xml' },
    ]);
    const result = await snapshot(['--out', 'content/items'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'FAILED       lost: Feed file feeds/lost.xml does not exist; check its path in the config.\n',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await treeFiles(join(root, 'content', 'items'))).toEqual([
      'notes/2026-03-02-one.md',
      'notes/2026-03-03-two.md',
    ]);
    const strict = await snapshot(['--out', 'content/items', '--strict', '--verbose'], root);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(
      'FAILED       lost: Feed file feeds/lost.xml does not exist; check its path in the config.\n' +
        `             cause: ENOENT: no such file or directory, open '${join(root, 'feeds', 'lost.xml')}'\n`,
    );
  });

  it('exits 1 when every feed failed', SLOW, async () => {
    await config([{ id: 'lost', url: 'feeds/lost.xml' }]);
    expect((await snapshot(['--out', 'content/items'], root)).code).toBe(1);
  });

  it('exits 1 on a bad config before touching the archive', SLOW, async () => {
    await writeFile(join(root, 'feeds.yaml'), 'feeds:\n  - id: notes\n    url: ftp://example.org/feed\n');
    const result = await snapshot(['--out', 'content/items'], root);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Invalid feed config feeds.yaml:\n  feeds.yaml:3:5: feeds[0].url: expected an http(s) URL or a local file path\n',
    });
    expect(await treeFiles(root)).toEqual(['feeds.yaml', 'feeds/more.xml', 'feeds/notes.xml']);
  });

  it('lets two snapshots started together on one archive run one after the other', SLOW, async () => {
    await config([{ id: 'notes', url: 'feeds/notes.xml' }]);
    const [first, second] = await Promise.all([
      snapshot(['--out', 'content/items', '--wait', '60'], root),
      snapshot(['--out', 'content/items', '--wait', '60'], root),
    ]);
    expect([first.code, second.code]).toEqual([0, 0]);
    // One of them archived both items; the other found them unchanged.
    expect([first.stderr, second.stderr].filter((text) => text.includes('2 new')).length).toBe(1);
    expect([first.stderr, second.stderr].filter((text) => text.includes('2 unchanged')).length).toBe(1);
    expect(await treeFiles(root)).toEqual([
      'content/items/notes/2026-03-02-one.md',
      'content/items/notes/2026-03-03-two.md',
      'content/state/notes.json',
      'feeds.yaml',
      'feeds/more.xml',
      'feeds/notes.xml',
      // When each feed was last checked, beside the build's caches: never in the archive.
      'node_modules/.astro/feedshelf-checks.json',
    ]);
    const checks = JSON.parse(await readFile(join(root, 'node_modules/.astro/feedshelf-checks.json'), 'utf8'));
    expect(Object.keys(checks)).toEqual(['notes']);
    expect(checks.notes.status).toBe('ok');
  });

  it('exits 1 naming the holder when another snapshot holds the archive past --wait', SLOW, async () => {
    await config([{ id: 'notes', url: 'feeds/notes.xml' }]);
    const lock = await acquireArchiveLock(join(root, 'content/state'), { waitMs: 0 });
    try {
      const result = await snapshot(['--out', 'content/items', '--wait', '0'], root);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `^Another snapshot is writing this archive \\(process ${process.pid} on .+, since .+\\)\\. Wait for it to finish; if no snapshot is running, delete content/state/\\.snapshot\\.lock\\.\n$`,
        ),
      );
      // Nothing but the lock this test holds.
      expect(await treeFiles(join(root, 'content'))).toEqual(['state/.snapshot.lock']);
    } finally {
      await lock.release();
    }
  });

  it('exits 1 when the archive folder cannot be written', SLOW, async () => {
    await config([{ id: 'notes', url: 'feeds/notes.xml' }]);
    await writeFile(join(root, 'blocker'), 'a file, not a folder');
    const result = await snapshot(['--out', 'blocker/items'], root);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Archive folder blocker/items cannot be written; check the path given to --out and its permissions.\n',
    });
  });

  it('archives ad hoc --feed paths with derived ids, and --only picks feeds', SLOW, async () => {
    const adHoc = await snapshot(
      ['--out', 'content/items', '--feed', 'feeds/notes.xml', '--feed', 'feeds/more.xml', '--json'],
      root,
    );
    expect(adHoc.code).toBe(0);
    expect(JSON.parse(adHoc.stdout).feeds.map((feed: { id: string }) => feed.id)).toEqual(['notes', 'more']);

    await config([
      { id: 'notes', url: 'feeds/notes.xml' },
      { id: 'more', url: 'feeds/more.xml' },
    ]);
    const only = await snapshot(['--out', 'content/items', '--only', 'more', '--json'], root);
    expect(JSON.parse(only.stdout).feeds.map((feed: { id: string; status: string }) => [feed.id, feed.status])).toEqual(
      [['more', 'ok']],
    );
    const unknown = await snapshot(['--out', 'content/items', '--only', 'nope'], root);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: '--only names no configured feed: nope; valid ids: notes, more.\n',
    });
  });

  it('rejects unknown flags, naming the valid ones, and prints help', SLOW, async () => {
    await config([{ id: 'notes', url: 'feeds/notes.xml' }]);
    const bad = await snapshot(['--frobnicate'], root);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unknown option --frobnicate for feedshelf snapshot. Valid options: --config, --feed, --out, --only, --dry-run, --no-media, --json, --strict, --wait, --verbose, --help.\n' +
        'Run feedshelf snapshot --help for usage.\n',
    });
    expect(await treeFiles(root)).toEqual(['feeds.yaml', 'feeds/more.xml', 'feeds/notes.xml']);
    const help = await snapshot(['--help'], root);
    expect(help.code).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe('Usage: feedshelf snapshot [options]');
  });
});
