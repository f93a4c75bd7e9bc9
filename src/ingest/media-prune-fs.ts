/**
 * Pruning the media folder: the image files no feed's map names any more
 * (a feed's map removed with the feed, or by hand to drop its images) are
 * deleted. Maps and files still named are never touched.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isStored } from '#src/archive/media.ts';
import { readFeedMedia } from './media-fs.ts';

export interface PruneResult {
  /** Files no map names, relative to the media folder with `/`, sorted. */
  files: string[];
  bytes: number;
}

/** The image files under `mediaDir` that no map names; deleted unless `dryRun`. */
export async function pruneMedia(mediaDir: string, dryRun: boolean): Promise<PruneResult> {
  let entries: Dirent[];
  try {
    entries = await readdir(mediaDir, { recursive: true, withFileTypes: true });
  } catch {
    return { files: [], bytes: 0 };
  }
  const named = new Set<string>();
  for (const entry of entries) {
    if (!entry.isFile() || entry.parentPath !== mediaDir || !entry.name.endsWith('.json')) continue;
    const { media } = await readFeedMedia(mediaDir, entry.name.slice(0, -'.json'.length));
    for (const image of Object.values(media.images)) if (isStored(image)) named.add(image.file);
  }
  const result: PruneResult = { files: [], bytes: 0 };
  for (const entry of entries) {
    if (!entry.isFile() || entry.parentPath === mediaDir || entry.name.startsWith('.')) continue;
    const path = join(entry.parentPath, entry.name);
    const file = relative(mediaDir, path).split(sep).join('/');
    if (named.has(file)) continue;
    result.files.push(file);
    result.bytes += (await stat(path)).size;
    if (!dryRun) await unlink(path);
  }
  result.files.sort();
  return result;
}
