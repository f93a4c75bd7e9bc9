/**
 * Builds an archive with `astro build` into a fresh temp folder (see
 * scripts/shared/site-build-fs.ts): the pages only by default, or the whole
 * build with the search index and the audit.
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
  /** What the build printed. */
  log: string;
  /** Removes the build's temp folder. */
  remove(): Promise<void>;
}

export interface BuildOptions {
  itemsDir: string;
  stateDir: string;
  base?: string;
  /** `full` for the whole build (search index and audit); the pages only by default. */
  kind?: SiteBuildOptions['kind'];
}

export async function buildArchive(options: BuildOptions): Promise<BuiltSite> {
  const work = await mkdtemp(join(tmpdir(), 'feedshelf-site-'));
  const dist = join(work, 'dist');
  const base = options.base ?? '/';
  const log = await buildSiteInChild({ ...options, base, outDir: dist, cacheDir: join(work, 'cache') });
  return { dist, base, log, remove: () => rm(work, { recursive: true, force: true }) };
}
