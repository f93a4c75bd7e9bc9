/**
 * A build split into N partitions, each built as its own process into its own
 * folder with its own cache (as the jobs of a matrix are), then merged by
 * `feedshelf merge`, gives the site a single build gives, byte for byte,
 * search index and sitemap included: the project's sample archive, the fixture
 * archive under a base path, and 300 synthetic items with earlier versions.
 * And the merge refuses parts that are not one site's N partitions, naming
 * the problem, before it touches the output folder.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteInChild, type SiteBuildOptions } from '#scripts/shared/site-build-fs.ts';
import { MANIFEST_FILE, PartitionManifestSchema } from '#src/partition/manifest.ts';
import { feedshelf } from '../cli/_run.ts';
import { writeSyntheticArchive } from '../helpers/synthetic-archive.ts';
import { treeDigests as digests } from '../helpers/tree-digests.ts';
import { FIXTURE_ARCHIVE, PROJECT_ROOT } from '../site/_build.ts';

const SLOW = { timeout: 900_000 };
/** Small shards, so the merged index is several shards, as at scale. */
const SHARD_PAGES = 40;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-partition-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

type Archive = Pick<SiteBuildOptions, 'itemsDir' | 'stateDir' | 'revisionsDir' | 'base'>;

/** Builds `archive` in `of` partitions, and whole unless `single` is false, under `name`; returns the folders. */
async function buildBothWays(name: string, archive: Archive, of: number, single = true) {
  const root = join(work, name);
  const common = { ...archive, kind: 'full' as const, searchShardPages: SHARD_PAGES };
  if (single) await buildSiteInChild({ ...common, outDir: join(root, 'single'), cacheDir: join(root, 'single.cache') });
  const outputs: string[] = [];
  for (let index = 1; index <= of; index++) {
    outputs.push(
      await buildSiteInChild({
        ...common,
        outDir: join(root, 'parts', `partition-${index}`),
        cacheDir: join(root, `partition-${index}.cache`),
        partition: `${index}/${of}`,
      }),
    );
  }
  return { root, single: join(root, 'single'), parts: join(root, 'parts'), outputs };
}

function merge(parts: string, out: string, cache: string) {
  return feedshelf(['merge', parts, '--out', out], PROJECT_ROOT, {
    FEEDSHELF_CACHE_DIR: cache,
    FEEDSHELF_SEARCH_SHARD_PAGES: String(SHARD_PAGES),
  });
}

async function manifest(dir: string) {
  return PartitionManifestSchema.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
}

/** Merges the parts and compares the result with the single build, file by file. */
async function expectSameSite(built: Awaited<ReturnType<typeof buildBothWays>>, of: number): Promise<number> {
  const merged = join(built.root, 'merged');
  const result = await merge(built.parts, merged, join(built.root, 'merge.cache'));
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const manifests = await Promise.all(
    Array.from({ length: of }, (_, i) => manifest(join(built.parts, `partition-${i + 1}`))),
  );
  const site = manifests[0]?.site;
  expect(manifests.map((m) => m.site)).toEqual(manifests.map(() => site));
  expect(manifests.reduce((sum, m) => sum + m.paths, 0)).toBe(site?.paths);
  // Every partition renders a share: none is empty, none holds more than half the site.
  for (const m of manifests) {
    expect(m.paths).toBeGreaterThan(0);
    expect(m.paths).toBeLessThan((site?.paths ?? 0) / 2);
  }
  expect(result.stdout).toContain(`Merged ${of} partition(s) into ${merged}: `);
  // The partitions described their article pages, so the merge reads none to plan the index.
  expect(result.stdout).toMatch(/ pages indexed in \d+ search shard\(s\), \d+ re-indexed, 0 page\(s\) read; /);
  expect(manifests.every((m) => m.articles !== undefined && m.articles.length > 0)).toBe(true);
  const [single, whole] = [await digests(built.single), await digests(merged)];
  expect([...whole.keys()]).toEqual([...single.keys()]);
  const differing = [...single].filter(([path, digest]) => whole.get(path) !== digest).map(([path]) => path);
  expect(differing).toEqual([]);
  expect(single.has('sitemap-0.xml')).toBe(true);
  expect(single.has('pagefind/shards.json')).toBe(true);
  expect(whole.has(MANIFEST_FILE)).toBe(false);
  return site?.paths ?? 0;
}

describe('a build in partitions, merged', () => {
  it("is the single build's site, byte for byte: the project's sample archive in 4", SLOW, async () => {
    const built = await buildBothWays(
      'sample',
      { itemsDir: join(PROJECT_ROOT, 'content', 'items'), stateDir: join(PROJECT_ROOT, 'content', 'state') },
      4,
    );
    expect(await expectSameSite(built, 4)).toBeGreaterThan(90);
  });

  it("is the single build's site, byte for byte: the fixture archive under a base path, in 3", SLOW, async () => {
    const built = await buildBothWays(
      'fixture',
      { itemsDir: join(FIXTURE_ARCHIVE, 'items'), stateDir: join(FIXTURE_ARCHIVE, 'state'), base: '/archive/' },
      3,
    );
    expect(await expectSameSite(built, 3)).toBe(77);
    expect(built.outputs[0]).toContain(`Built partition 1/3 in ${join(built.parts, 'partition-1')}: `);
  });

  it("is the single build's site, byte for byte: 300 synthetic items with earlier versions, in 4", SLOW, async () => {
    const archive = join(work, 'synthetic-archive');
    const items = await writeSyntheticArchive(archive, 300, 8);
    // Five items edited once: the earlier version is the file as it was, with another body.
    for (const item of items.slice(0, 5)) {
      const file = await readFile(join(archive, 'items', `${item.id}.md`), 'utf8');
      const earlier = join(archive, 'revisions', item.id, '1.md');
      await mkdir(join(archive, 'revisions', item.id), { recursive: true });
      await writeFile(earlier, file.replace(/\n---\n[\s\S]*$/, '\n---\n\nThe first version of this item.\n'));
    }
    const built = await buildBothWays(
      'synthetic',
      { itemsDir: join(archive, 'items'), stateDir: join(archive, 'state'), revisionsDir: join(archive, 'revisions') },
      4,
    );
    const single = await digests(built.single);
    expect(
      [...single.keys()].filter((path) => path.startsWith('revisions/') && path.endsWith('/index.html')),
    ).toHaveLength(10);
    expect(await expectSameSite(built, 4)).toBeGreaterThan(600);
  });
});

describe('the merge refuses', () => {
  let parts: string;
  beforeAll(async () => {
    const built = await buildBothWays(
      'refusals',
      { itemsDir: join(FIXTURE_ARCHIVE, 'items'), stateDir: join(FIXTURE_ARCHIVE, 'state') },
      3,
      false,
    );
    parts = built.parts;
  }, SLOW.timeout);

  /** A copy of the three parts, changed by `change`, merged: its exit code and error. */
  async function mergeChanged(name: string, change: (copy: string) => Promise<void>) {
    const copy = join(work, 'refusals', name);
    await cp(parts, copy, { recursive: true });
    await change(copy);
    const out = join(work, 'refusals', `${name}.out`);
    const result = await merge(copy, out, join(work, 'refusals', `${name}.cache`));
    return { ...result, out };
  }

  it('a missing partition, naming it', async () => {
    const result = await mergeChanged('missing', (copy) => rm(join(copy, 'partition-2'), { recursive: true }));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('The partitions cannot be merged:\n  - partition(s) 2/3 missing.\n');
    await expect(readdir(result.out)).rejects.toThrow('ENOENT');
  });

  it('a shared file that differs between partitions', async () => {
    let css = '';
    const result = await mergeChanged('differs', async (copy) => {
      const part = join(copy, 'partition-3');
      css = (await readdir(join(part, '_astro'))).find((name) => name.endsWith('.css')) ?? '';
      await writeFile(join(part, '_astro', css), 'body{}');
    });
    expect(css).toMatch(/\.css$/);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `The partitions cannot be merged:\n  - _astro/${css} differs between ${join(work, 'refusals', 'differs', 'partition-1')} and ${join(work, 'refusals', 'differs', 'partition-3')}: build every partition from the same commit.\n`,
    );
  });

  it('a page written by a partition it is not the page of', async () => {
    let page = '';
    const result = await mergeChanged('twice', async (copy) => {
      const first = await manifest(join(copy, 'partition-1'));
      page = first.files.find((file) => file.startsWith('items/')) ?? '';
      await cp(join(copy, 'partition-1', page), join(copy, 'partition-2', page));
    });
    expect(page).not.toBe('');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'The partitions cannot be merged:',
        `  - ${join(work, 'refusals', 'twice', 'partition-2')} describes other article pages than it holds (${page}): build the partition again.`,
        `  - ${page} is a page of ${join(work, 'refusals', 'twice', 'partition-1')}, but ${join(work, 'refusals', 'twice', 'partition-2')} wrote it too.`,
        '',
      ].join('\n'),
    );
  });

  it('a rendered page missing from its partition', async () => {
    let page = '';
    const result = await mergeChanged('incomplete', async (copy) => {
      const first = await manifest(join(copy, 'partition-1'));
      page = first.files.find((file) => file.startsWith('items/')) ?? '';
      await rm(join(copy, 'partition-1', page));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        'The partitions cannot be merged:',
        `  - ${join(work, 'refusals', 'incomplete', 'partition-1')} rendered ${page} but does not hold it: its upload was incomplete.`,
        `  - ${join(work, 'refusals', 'incomplete', 'partition-1')} describes other article pages than it holds (${page}): build the partition again.`,
        '',
      ].join('\n'),
    );
  });

  it('parts of two different sites', async () => {
    const result = await mergeChanged('mixed', async (copy) => {
      const file = join(copy, 'partition-2', MANIFEST_FILE);
      const other = { ...(await manifest(join(copy, 'partition-2'))), site: { paths: 77, digest: 'f'.repeat(64) } };
      await writeFile(file, JSON.stringify(other));
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `  - ${join(work, 'refusals', 'mixed', 'partition-2')} (partition 2/3) has other pages than ${join(work, 'refusals', 'mixed', 'partition-1')}: they were built from different archives.\n`,
    );
  });

  it('a partition whose article pages are not the ones it describes', async () => {
    let dropped = '';
    const result = await mergeChanged('undescribed', async (copy) => {
      const file = join(copy, 'partition-1', MANIFEST_FILE);
      const first = await manifest(join(copy, 'partition-1'));
      dropped = first.articles?.[0]?.file ?? '';
      await writeFile(file, JSON.stringify({ ...first, articles: first.articles?.slice(1) }));
    });
    expect(dropped).toMatch(/^items\/.*\/index\.html$/);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `The partitions cannot be merged:\n  - ${join(work, 'refusals', 'undescribed', 'partition-1')} describes other article pages than it holds (${dropped}): build the partition again.\n`,
    );
  });

  it('a folder that is not a partition', async () => {
    const result = await mergeChanged('stray', (copy) => rm(join(copy, 'partition-3', MANIFEST_FILE)));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `The partitions cannot be merged:\n  - ${join(work, 'refusals', 'stray', 'partition-3')} has no ${MANIFEST_FILE}: it is not the output of \`feedshelf build --partition I/N\`, or its upload was incomplete.\n`,
    );
  });
});
