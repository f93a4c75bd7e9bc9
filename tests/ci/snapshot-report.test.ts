/** The CI helpers read the report the real snapshot CLI prints, for a run with a failed feed too. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let work = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-ci-report-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function run(script: string, args: string[], input?: string) {
  return spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, FEEDSHELF_ITEMS_DIR: join(work, 'items'), FEEDSHELF_STATE_DIR: join(work, 'state') },
    timeout: 120_000,
  });
}

describe('ci-summary on a real snapshot report', () => {
  it('counts what the snapshot wrote and lists the failed feed, after exit code 2', async () => {
    const snapshot = run('scripts/snapshot.ts', [
      '--feed',
      'tests/fixtures/feeds/rss2.xml',
      '--feed',
      'tests/fixtures/feeds/atom.xml',
      '--feed',
      join(work, 'missing.xml'),
      '--json',
    ]);
    expect(snapshot.status).toBe(2);
    const report = join(work, 'snapshot.json');
    await writeFile(report, snapshot.stdout);

    const written = (await readdir(join(work, 'items'), { recursive: true })).filter((file) => file.endsWith('.md'));
    const message = run('scripts/ci-summary.ts', ['--commit-message', report]);
    expect(message.status).toBe(0);
    expect(message.stdout).toBe(
      `Archive ${written.length} new items from 2 feeds\n\n1 item altered for safety or format: 1 date unread\n`,
    );

    const summary = run('scripts/ci-summary.ts', [report]);
    expect(summary.status).toBe(0);
    const rows = summary.stdout.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.map((row) => row.split(' | ').slice(0, 2))).toEqual([
      ['| `missing`', '❌ failed'],
      ['| `atom`', '✅ ok'],
      ['| `rss2`', '✅ ok'],
    ]);
    const altered = summary.stdout.split('\n').filter((line) => line.startsWith('- '));
    expect(altered).toEqual(['- `rss2`: 1 alteration in 1 item (1 date unread)']);
  }, 120_000);

  it('rejects a report file that holds npm banner lines instead of JSON', async () => {
    const report = join(work, 'banner.json');
    await writeFile(report, '\n> feedshelf@0.1.0 snapshot\n');
    const result = run('scripts/ci-summary.ts', [report]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `${report} is not JSON: run the snapshot with --json and send only its standard output to the file.\n`,
    );
  }, 60_000);
});
