/**
 * Snapshots one feed file of tests/fixtures/fidelity/ into a fresh temp
 * archive and reads back everything it wrote: the report, each item file by
 * name, and the feed's state, so tests can assert the exact archive.
 */
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotReport } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';

export const FIDELITY_FIXTURES = new URL('../fixtures/fidelity/', import.meta.url);

export interface ArchivedFixture {
  report: SnapshotReport;
  /** Item file name (`<stem>.md`) -> its text, sorted by name. */
  items: Map<string, string>;
  /** The feed's state file, parsed. */
  state: Record<string, unknown>;
  /** The temp folder holding `content/items` and `content/state`. */
  root: string;
  remove(): Promise<void>;
}

/** Archive `fixture` as feed `feedId` at `now`, as a local file (so no charset comes from a header). */
export async function archiveFixture(fixture: string, feedId: string, now: Date): Promise<ArchivedFixture> {
  const root = await mkdtemp(join(tmpdir(), 'feedshelf-fidelity-'));
  const path = join(root, fixture);
  await copyFile(new URL(fixture, FIDELITY_FIXTURES), path);
  const itemsDir = join(root, 'content', 'items');
  const stateDir = join(root, 'content', 'state');
  const report = await runSnapshot({ feeds: [{ id: feedId, url: path, path }], itemsDir, stateDir, now, workers: 0 });
  const folder = join(itemsDir, feedId);
  const names = (await readdir(folder).catch(() => [])).sort();
  const items = new Map<string, string>();
  for (const name of names) items.set(name, await readFile(join(folder, name), 'utf8'));
  const state = JSON.parse(await readFile(join(stateDir, `${feedId}.json`), 'utf8')) as Record<string, unknown>;
  return { report, items, state, root, remove: () => rm(root, { recursive: true, force: true }) };
}
