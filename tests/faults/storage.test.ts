/**
 * A snapshot that runs out of storage (full disk, file size limit) or meets a
 * read-only archive stops with one clear line and leaves every item and state
 * file exactly as before the run, including files it had already replaced.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rssFeed, treeFiles } from '../helpers/rss-fixture.ts';

const NODE = join(process.cwd(), 'node_modules/.bin/node');
const SCRIPT = join(process.cwd(), 'scripts/snapshot.ts');
const SLOW = { timeout: 90_000 };
const IS_ROOT = process.getuid?.() === 0;

interface Result {
  code: number;
  stderr: string;
}

/** Runs the snapshot CLI in `cwd` under bash, with `limits` (e.g. `ulimit -f 40`) applied first. */
function snapshot(cwd: string, archive: string, limits = ''): Promise<Result> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FEEDSHELF_STATE_DIR: join(archive, 'state'),
    FEEDSHELF_NOW: '2026-12-01T00:00:00.000Z',
  };
  delete env.FEEDSHELF_ITEMS_DIR;
  const command = `${limits}${limits ? '; ' : ''}exec "${NODE}" "${SCRIPT}" --config feeds.yaml --out "${join(archive, 'items')}"`;
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd, env }, (error, _stdout, stderr) => {
      resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stderr });
    });
  });
}

async function snapshotOfTree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await treeFiles(dir)) files.set(file, await readFile(join(dir, file), 'utf8'));
  return files;
}

const day = (n: number) => `Mon, 0${n} Mar 2026 08:00:00 GMT`;

/** Two feeds archived once; then edited so a second run updates, adds, and finally writes one huge item. */
async function archiveThenGrow(root: string, archive: string, hugeBytes: number): Promise<void> {
  await mkdir(join(root, 'feeds'), { recursive: true });
  await writeFile(
    join(root, 'feeds.yaml'),
    'feeds:\n  - id: alpha\n    url: feeds/alpha.xml\n  - id: beta\n    url: feeds/beta.xml\n',
  );
  await writeFile(join(root, 'feeds/alpha.xml'), rssFeed('Alpha', [{ title: 'A1', guid: 'a1', date: day(1) }]));
  await writeFile(join(root, 'feeds/beta.xml'), rssFeed('Beta', [{ title: 'B1', guid: 'b1', date: day(1) }]));
  expect((await snapshot(root, archive)).code).toBe(0);
  await writeFile(
    join(root, 'feeds/alpha.xml'),
    rssFeed('Alpha', [
      { title: 'A1', guid: 'a1', date: day(1), body: '<p>A1, edited by its publisher.</p>' },
      { title: 'A2', guid: 'a2', date: day(2) },
    ]),
  );
  await writeFile(
    join(root, 'feeds/beta.xml'),
    rssFeed('Beta', [
      { title: 'B1', guid: 'b1', date: day(1), body: '<p>B1, edited too.</p>' },
      { title: 'B2', guid: 'b2', date: day(2) },
      { title: 'B3 huge', guid: 'b3', date: day(3), body: `<p>${'word '.repeat(hugeBytes / 5)}</p>` },
    ]),
  );
}

describe('a snapshot that runs out of storage', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'feedshelf-storage-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stops at the file size limit (EFBIG) and puts every file back as it was', SLOW, async () => {
    const archive = join(root, 'archive');
    await archiveThenGrow(root, archive, 200_000);
    const before = await snapshotOfTree(archive);
    expect([...before.keys()]).toEqual([
      'items/alpha/2026-03-01-a1.md',
      'items/beta/2026-03-01-b1.md',
      'state/alpha.json',
      'state/beta.json',
    ]);
    // 100 blocks of 512 bytes: every ordinary file fits, the huge item does not.
    const result = await snapshot(root, archive, 'ulimit -f 100');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `Snapshot stopped: a file would pass the size limit (ulimit -f) (EFBIG) while writing ${join(archive, 'items/beta/2026-03-03-b3-huge.md')}. Every file this run wrote was put back as it was; free some space or make the archive writable, then run again.\n`,
    );
    expect(result.stderr).not.toContain('    at ');
    expect(await snapshotOfTree(archive)).toEqual(before);
    // With the limit gone the same run archives everything.
    expect((await snapshot(root, archive)).code).toBe(0);
    expect([...(await snapshotOfTree(archive)).keys()]).toEqual([
      'items/alpha/2026-03-01-a1.md',
      'items/alpha/2026-03-02-a2.md',
      'items/beta/2026-03-01-b1.md',
      'items/beta/2026-03-02-b2.md',
      'items/beta/2026-03-03-b3-huge.md',
      // The versions the publishers' edits replaced.
      'revisions/alpha/2026-03-01-a1/1.md',
      'revisions/beta/2026-03-01-b1/1.md',
      'state/alpha.json',
      'state/beta.json',
    ]);
  });

  it.skipIf(!IS_ROOT)('stops on a full file system (ENOSPC) and puts every file back as it was', SLOW, async () => {
    const archive = join(root, 'small');
    await mkdir(archive);
    await new Promise<void>((resolve, reject) =>
      execFile('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', archive], (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    try {
      await archiveThenGrow(root, archive, 400_000);
      const before = await snapshotOfTree(archive);
      const result = await snapshot(root, archive);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Snapshot stopped: no space is left on the device (ENOSPC) while writing ');
      expect(await snapshotOfTree(archive)).toEqual(before);
    } finally {
      await new Promise((resolve) => execFile('umount', [archive], resolve));
    }
  });

  it.skipIf(!IS_ROOT)('refuses a read-only archive before writing anything', SLOW, async () => {
    const archive = join(root, 'readonly');
    await mkdir(archive);
    const mount = (args: string[]) =>
      new Promise<void>((resolve, reject) => execFile('mount', args, (error) => (error ? reject(error) : resolve())));
    await mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', archive]);
    try {
      await archiveThenGrow(root, archive, 1_000);
      const before = await snapshotOfTree(archive);
      await mount(['-o', 'remount,ro', archive]);
      const result = await snapshot(root, archive);
      expect(result).toEqual({
        code: 1,
        stderr: `Archive folder ${join(archive, 'items')} cannot be written; check the path given to --out and its permissions.\n`,
      });
      expect(await snapshotOfTree(archive)).toEqual(before);
    } finally {
      await new Promise((resolve) => execFile('umount', [archive], resolve));
    }
  });
});
