/**
 * The archive's image copies in the built site: every stored image under the
 * media folder (src/archive/media.ts) hard-linked into `<dist>/media/` (copied
 * where a link cannot be made), so pages show them from the site's own origin
 * and the build does no image work. The feeds' maps and unfinished writes stay
 * out. Each file is checked on the way by its first bytes: only the raster
 * formats the snapshot stores are published.
 */
import type { Dirent } from 'node:fs';
import { copyFile, link, mkdir, open, readdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { isRasterHead, RASTER_TYPES } from '#src/archive/media.ts';

const EXTENSIONS = new Set(Object.values(RASTER_TYPES));
const STORED = /^[0-9a-f]{2}\/[0-9a-f]{64}\.(\w+)$/;

async function head(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(16);
    const { bytesRead } = await handle.read(buffer, 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface PublishedMedia {
  files: number;
  /** Files under the media folder left out: not stored images, or not raster bytes. */
  skipped: string[];
}

/** Link the stored images of `mediaDir` into `<dist>/media/`. */
export async function publishMedia(mediaDir: string, dist: string): Promise<PublishedMedia> {
  const published: PublishedMedia = { files: 0, skipped: [] };
  let entries: Dirent[];
  try {
    entries = await readdir(mediaDir, { recursive: true, withFileTypes: true });
  } catch {
    return published;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const source = join(entry.parentPath, entry.name);
    const name = relative(mediaDir, source).split(sep).join('/');
    if (!name.includes('/') && name.endsWith('.json')) continue;
    const stored = STORED.exec(name);
    if (!stored?.[1] || !EXTENSIONS.has(stored[1]) || !isRasterHead(await head(source))) {
      if (!entry.name.startsWith('.')) published.skipped.push(name);
      continue;
    }
    const target = join(dist, 'media', ...name.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await link(source, target).catch(() => copyFile(source, target));
    published.files++;
  }
  return published;
}
