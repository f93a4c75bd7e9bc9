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
  /** Removes the build's temp folder. */
  remove(): Promise<void>;
}

export type BuildOptions = Pick<SiteBuildOptions, 'itemsDir' | 'stateDir' | 'base' | 'kind' | 'searchShardPages'>;

export async function buildArchive(options: BuildOptions): Promise<BuiltSite> {
  const work = await mkdtemp(join(tmpdir(), 'feedshelf-site-'));
  const dist = join(work, 'dist');
  const base = options.base ?? '/';
  await buildSiteInChild({ ...options, base, outDir: dist, cacheDir: join(work, 'cache') });
  return { dist, base, remove: () => rm(work, { recursive: true, force: true }) };
}
