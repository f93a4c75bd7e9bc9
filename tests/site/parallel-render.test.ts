/**
 * Pages rendered on several threads (Astro's parallel prerenderer, which the
 * integration turns on with FEEDSHELF_RENDER_WORKERS=N) are the same bytes as pages
 * rendered on one: the project's sample archive, the fixture archive and a
 * synthetic one of 400 items over 12 feeds, each built both ways and compared
 * file by file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticArchive } from '../helpers/synthetic-archive.ts';
import { treeDigests as digests } from '../helpers/tree-digests.ts';
import { type BuildOptions, buildArchive, FIXTURE_ARCHIVE, PROJECT_ROOT } from './_build.ts';

const SLOW = { timeout: 600_000 };
let synthetic: string;

beforeAll(async () => {
  synthetic = await mkdtemp(join(tmpdir(), 'feedshelf-parallel-'));
  await writeSyntheticArchive(synthetic, 400, 12);
});
afterAll(async () => {
  await rm(synthetic, { recursive: true, force: true });
});

async function compareThreads(archive: Omit<BuildOptions, 'renderWorkers'>): Promise<number> {
  const one = await buildArchive({ ...archive, renderWorkers: 1 });
  const two = await buildArchive({ ...archive, renderWorkers: 2 });
  try {
    const [serial, parallel] = [await digests(one.dist), await digests(two.dist)];
    expect([...parallel.keys()]).toEqual([...serial.keys()]);
    const differing = [...serial].filter(([path, digest]) => parallel.get(path) !== digest).map(([path]) => path);
    expect(differing).toEqual([]);
    return [...serial.keys()].filter((path) => path.endsWith('.html')).length;
  } finally {
    await one.remove();
    await two.remove();
  }
}

describe('pages rendered on two threads', () => {
  it("are the bytes of a single-threaded build: the project's sample archive", SLOW, async () => {
    const pages = await compareThreads({
      itemsDir: join(PROJECT_ROOT, 'content', 'items'),
      stateDir: join(PROJECT_ROOT, 'content', 'state'),
    });
    expect(pages).toBeGreaterThan(90);
  });

  it('are the bytes of a single-threaded build: the fixture archive, under a base path', SLOW, async () => {
    const pages = await compareThreads({
      itemsDir: join(FIXTURE_ARCHIVE, 'items'),
      stateDir: join(FIXTURE_ARCHIVE, 'state'),
      base: '/archive/',
    });
    expect(pages).toBeGreaterThan(10);
  });

  it('are the bytes of a single-threaded build: 400 synthetic items over 12 feeds', SLOW, async () => {
    const pages = await compareThreads({ itemsDir: join(synthetic, 'items'), stateDir: join(synthetic, 'state') });
    expect(pages).toBeGreaterThan(400);
  });
});
