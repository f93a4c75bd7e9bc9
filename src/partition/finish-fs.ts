/**
 * What a partition of the build leaves for the merge once Astro has written
 * its pages: the manifest (manifest.ts) in its output folder, naming the
 * files its paths wrote (Astro's build:done `assets`, each route's output
 * files) and the site they are a share of, with the project's git commit, and
 * its article pages as the search index sees them, so the merge need not read
 * them again.
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeArticles } from '#src/search/index-fs.ts';
import { MANIFEST_FILE, partitionManifest } from './manifest.ts';
import type { Partition } from './partition.ts';
import type { SitePaths } from './prerenderer.ts';

/** HEAD of the repository at `root`, or undefined when it is not one (or git is missing). */
function gitCommit(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** The output files of the routes Astro rendered, relative to `dir` with `/`. */
export function renderedFiles(dir: string, assets: ReadonlyMap<string, readonly URL[]>): string[] {
  const files = new Set<string>();
  for (const urls of assets.values()) {
    for (const url of urls) files.add(relative(dir, fileURLToPath(url)).split(sep).join('/'));
  }
  return [...files].sort();
}

export interface PartitionOutput {
  /** The manifest's files: the pages and endpoints this partition rendered. */
  files: number;
  /** Its share of the site's paths. */
  paths: number;
  site: number;
}

/** Writes the manifest of `partition` into `dir`; returns what it holds. */
export async function writePartitionManifest(
  dir: string,
  root: string,
  partition: Partition,
  site: SitePaths,
  mine: number,
  assets: ReadonlyMap<string, readonly URL[]>,
  search: boolean,
): Promise<PartitionOutput> {
  const files = renderedFiles(dir, assets);
  const articles = search ? (await describeArticles(dir)).articles : undefined;
  const manifest = partitionManifest(
    partition,
    { paths: site.paths, digest: site.digest },
    mine,
    files,
    gitCommit(root),
    articles,
  );
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest)}\n`);
  return { files: files.length, paths: mine, site: site.paths };
}
