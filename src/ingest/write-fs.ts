/**
 * Atomic, contained writes. Every file is written to `.<name>.tmp-<pid>-<n>` in
 * its own folder (n counts this process's writes, so two writes of one file at
 * once never share a temp file), flushed with fsync and renamed over the target, so a crash
 * or kill never leaves a half-written item. Paths are built only from
 * validated feed ids and file stems (src/archive/item-names.ts) and are checked to stay inside the root.
 */
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isSafeSegment } from '#src/archive/item-names.ts';
import { FeedIdSchema } from '#src/archive/schema.ts';
import { UnsafePathError } from './errors.ts';

/** Join `segments` under `root`, refusing anything that could escape it. */
export function containedPath(root: string, ...segments: string[]): string {
  for (const segment of segments) {
    if (!isSafeSegment(segment)) throw new UnsafePathError(`Refusing unsafe path segment ${JSON.stringify(segment)}.`);
  }
  const base = resolve(root);
  const target = resolve(base, ...segments);
  const rel = relative(base, target);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep) || resolve(base, rel) !== target) {
    throw new UnsafePathError(`Refusing path ${JSON.stringify(segments.join('/'))}: it leaves ${base}.`);
  }
  return target;
}

/** Path of an item file: <itemsDir>/<feed id>/<stem>.md. */
export function itemPath(itemsDir: string, feedId: string, stem: string): string {
  if (!FeedIdSchema.safeParse(feedId).success)
    throw new UnsafePathError(`Refusing invalid feed id ${JSON.stringify(feedId)}.`);
  return containedPath(itemsDir, feedId, `${stem}.md`);
}

/** Path of an item's n-th earlier version: <revisionsDir>/<feed id>/<stem>/<n>.md. */
export function revisionPath(revisionsDir: string, feedId: string, stem: string, number: number): string {
  if (!FeedIdSchema.safeParse(feedId).success)
    throw new UnsafePathError(`Refusing invalid feed id ${JSON.stringify(feedId)}.`);
  if (!Number.isInteger(number) || number < 1) throw new UnsafePathError(`Refusing revision number ${number}.`);
  return containedPath(revisionsDir, feedId, stem, `${number}.md`);
}

let writes = 0;

/**
 * Write `data` to `file` atomically (temp file in the same folder, fsync, rename).
 * `folderExists` skips creating the folder, for callers that made it once for many files.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: { folderExists?: boolean } = {},
): Promise<void> {
  const dir = dirname(file);
  if (!options.folderExists) await mkdir(dir, { recursive: true });
  writes += 1;
  const temp = join(dir, `.${basename(file)}.tmp-${process.pid}-${writes}`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
