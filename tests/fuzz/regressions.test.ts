/**
 * Feeds the fuzz run found breaking the archive (tests/fixtures/fuzz/), each
 * snapshotted, judged by the fuzz run's own invariants and read back, then
 * built together into one site with the full build.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedResult } from '#scripts/fuzz/archive-check-fs.ts';
import { FUZZ_NOW } from '#scripts/fuzz/snapshot-fs.ts';
import { judgeFeed } from '#scripts/fuzz/verdict.ts';
import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { auditDist } from '#src/audit/audit-fs.ts';
import type { FeedReport, SnapshotReport } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'fuzz');
const LONG_NAME = 'long-author.json';
/** Built together into one site. */
const BUILT = ['deep-html.xml', 'deep-xml-atom.xml', 'ancient-dates.xml', 'deep-json-extension.json', LONG_NAME];

let root: string;
let report: SnapshotReport;

const feedId = (file: string) => file.replace(/\.\w+$/, '');

function feed(file: string): FeedReport {
  const found = report.feeds.find((entry) => entry.id === feedId(file));
  if (!found) throw new Error(`no report for ${file}`);
  return found;
}

async function judged(file: string) {
  return judgeFeed(await feedResult(feed(file), join(root, 'items'), join(root, 'state')));
}

async function frontmatter(file: string): Promise<Record<string, unknown>[]> {
  const folder = join(root, 'items', feedId(file));
  const names = (await readdir(folder)).sort();
  return Promise.all(
    names.map(
      async (name) => parseItemFile(await readFile(join(folder, name), 'utf8')).frontmatter as Record<string, unknown>,
    ),
  );
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fuzz-regressions-'));
  report = await runSnapshot({
    feeds: BUILT.map((file) => ({ id: feedId(file), url: file, path: join(FIXTURES, file) })),
    itemsDir: join(root, 'items'),
    stateDir: join(root, 'state'),
    now: new Date(FUZZ_NOW),
    workers: 1,
  });
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('fuzz regressions: the snapshot', () => {
  it('archives bodies nested thousands of levels deep whole, their text kept', async () => {
    expect(await judged('deep-html.xml')).toMatchObject({ outcome: 'archived', items: 2, violations: [] });
    expect(feed('deep-html.xml').durationMs).toBeLessThan(10_000);
    const folder = join(root, 'items', 'deep-html');
    const bodies = await Promise.all(
      (await readdir(folder)).sort().map((name) => readFile(join(folder, name), 'utf8')),
    );
    expect(bodies[0]).toContain('bold at the bottom');
    expect(bodies[1]).toContain('text at the bottom');
  });

  it('rejects XML nested thousands of levels deep with a reason of its own, not a stack overflow', async () => {
    expect(await judged('deep-xml-atom.xml')).toMatchObject({
      outcome: 'rejected',
      rejection: 'invalid-xml',
      violations: [],
    });
    expect(feed('deep-xml-atom.xml').error).toMatch(/nests its elements too deeply to be read: tell the publisher\.$/);
  });

  it('flags dates before the year 1000 invalid and uses firstSeen, keeping ordinary dates', async () => {
    expect(await judged('ancient-dates.xml')).toMatchObject({ outcome: 'archived', items: 4, violations: [] });
    const dates = (await frontmatter('ancient-dates.xml')).map((item) => [item.title, item.published, item.dateFlag]);
    expect(dates).toEqual([
      ['An ordinary date', '2026-03-02T08:00:00.000Z', undefined],
      ['Before the year 1000', FUZZ_NOW, 'invalid'],
      ['The first day JavaScript knows', FUZZ_NOW, 'invalid'],
      ['Year zero', FUZZ_NOW, 'invalid'],
    ]);
  });

  it('archives a JSON Feed item whose extension nests 20,000 levels deep, hashing it without a stack overflow', async () => {
    expect(await judged('deep-json-extension.json')).toMatchObject({ outcome: 'archived', items: 1, violations: [] });
    const [item] = await frontmatter('deep-json-extension.json');
    expect(item?.title).toBe('An item with a deep extension');
    expect(item?.hash).toMatch(/^pub1:[0-9a-f]{32}$/);
  });

  it('archives an author name of hundreds of characters as it is', async () => {
    expect(await judged(LONG_NAME)).toMatchObject({ outcome: 'archived', items: 1, violations: [] });
    expect((await frontmatter(LONG_NAME))[0]?.authors).toEqual([`${'ab '.repeat(300)}`.trim()]);
  });
});

describe('fuzz regressions: the build', () => {
  it('builds what was archived into a site the audit finds nothing in, one page per item', async () => {
    const site = join(root, 'site');
    for (const file of BUILT.filter((name) => feed(name).status === 'ok')) {
      await mkdir(join(site, 'items'), { recursive: true });
      await cp(join(root, 'items', feedId(file)), join(site, 'items', feedId(file)), { recursive: true });
      await cp(join(root, 'state', `${feedId(file)}.json`), join(site, 'state', `${feedId(file)}.json`));
    }
    const outDir = join(site, 'dist');
    await buildSiteInChild({ itemsDir: join(site, 'items'), stateDir: join(site, 'state'), outDir, kind: 'full' });
    expect(await auditDist(outDir)).toEqual([]);
    const pages = (await readdir(join(outDir, 'items'), { recursive: true })).filter((p) => p.endsWith('index.html'));
    expect(pages).toHaveLength(8);
    // The author of hundreds of characters has one page, under a bounded folder name.
    const authors = await readdir(join(outDir, 'authors'));
    expect(authors.every((name) => Buffer.byteLength(name) <= 90)).toBe(true);
  }, 600_000);
});
