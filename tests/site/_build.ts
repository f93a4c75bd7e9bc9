/**
 * Builds an archive into a fresh temp folder (see scripts/shared/site-build-fs.ts):
 * `astro build` alone by default, the full build (Pagefind, audit) on request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSiteInChild, type SiteBuildOptions } from '#scripts/shared/site-build-fs.ts';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURE_ARCHIVE = join(PROJECT_ROOT, 'tests', 'fixtures', 'archive');

export interface BuiltSite {
  /** The output folder. */
  dist: string;
  /** The base path the site was built for, "/" or "/sub/". */
  base: string;
  /** Astro's cache folder of the build, where the left-out report is. */
  cache: string;
  /** What the build printed. */
  output: string;
  /** Removes the build's temp folder. */
  remove(): Promise<void>;
}

export type BuildOptions = Pick<
  SiteBuildOptions,
  'itemsDir' | 'stateDir' | 'base' | 'kind' | 'searchShardPages' | 'renderWorkers' | 'lang'
>;

export async function buildArchive(options: BuildOptions): Promise<BuiltSite> {
  const work = await mkdtemp(join(tmpdir(), 'feedshelf-site-'));
  const dist = join(work, 'dist');
  const base = options.base ?? '/';
  const cache = join(work, 'cache');
  const output = await buildSiteInChild({ ...options, base, outDir: dist, cacheDir: cache });
  return { dist, base, cache, output, remove: () => rm(work, { recursive: true, force: true }) };
}
