/**
 * Archiving the images a feed's items show: each fetched under the address
 * guard and the caps (web-fetch.ts), its type sniffed from its bytes
 * (file-type: only raster formats browsers render are kept, whatever the URL
 * or the server says), its pixel size read from its header (image-size, no
 * decoding, so a decompression bomb is refused by its declared size), and
 * stored once under the SHA-256 of its bytes through the run's journal. The
 * feed's map (`<media>/<feed id>.json`) records each URL's copy, or why it has
 * none and when to try again; a URL with a copy is never fetched again.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import {
  type FeedMedia,
  feedMediaText,
  IMAGE_MAX_ATTEMPTS,
  imageDue,
  imageRetry,
  isStored,
  itemImages,
  parseFeedMedia,
  RASTER_TYPES,
  type StoredImage,
  storedFile,
} from '#src/archive/media.ts';
import { exists } from '#src/util/exists-fs.ts';
import { downscale } from './downscale.ts';
import type { WriteJournal } from './journal-fs.ts';
import type { AllowNetworks } from './net-guard.ts';
import { fetchWeb } from './web-fetch.ts';
import { containedPath } from './write-fs.ts';

export interface MediaOptions {
  mediaDir: string;
  allow: AllowNetworks;
  userAgent: string;
  timeoutMs: number;
  /** Largest image accepted, in bytes. */
  maxImageBytes: number;
  /** Largest image accepted, in pixels (width × height). */
  maxPixels: number;
  /** Bytes of new images one feed may add in a run. */
  maxFeedBytes: number;
  /** What the archive's budget still allows, shared by the run's feeds; taken from as images are stored. */
  room: { bytes: number };
  /** Files being stored in this run, shared by its feeds, so two URLs with the same bytes write one file once. */
  storing: Map<string, Promise<void>>;
  /** Longest side, in pixels, a stored image may have: larger ones are scaled down once (undefined: never). */
  downscale?: number;
  /** Scaled-down copies by the SHA-256 of the original's bytes, from every feed's map: made once per original. */
  downscaled: Map<string, StoredImage>;
  /** URL prefixes read from local folders instead of fetched (defaults.mediaMirrors), by prefix. */
  mirrors?: Readonly<Record<string, string>>;
  now: Date;
  /** Undefined on a dry run: nothing is written. */
  journal: WriteJournal | undefined;
}

/** The media caps, from defaults.media in feeds.yaml. */
export interface MediaLimits {
  /** Largest image, in bytes. */
  imageBytes: number;
  /** Largest image, in pixels. */
  pixels: number;
  /** New image bytes one feed may add in a run. */
  feedBytes: number;
  /** Bytes all the archive's images may take (GitHub Pages publishes at most 1 GB in all). */
  budget: number;
  /** Longest side, in pixels, of a stored image: larger ones are scaled down when archived; undefined keeps them as served. */
  downscale?: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  imageBytes: 10 * 1024 * 1024,
  pixels: 50_000_000,
  feedBytes: 200 * 1024 * 1024,
  budget: 800 * 1024 * 1024,
};

/** The share of the budget past which the report warns. */
export const BUDGET_WARNING = 0.8;

/** Bytes of the images stored under `mediaDir` (the maps and unfinished writes not counted). */
export async function mediaBytes(mediaDir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(mediaDir, { recursive: true, withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || entry.name.endsWith('.json')) continue;
    total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
/** Images fetched at once for a feed. */
const CONCURRENCY = 4;

/** What archiving a feed's images did this run. */
export interface MediaRun {
  /** Images stored for the first time (new files). */
  stored: number;
  /** Their bytes. */
  bytes: number;
  /** Images that could not be archived this run (retried later). */
  failed: number;
  /** The first failures, for the report. */
  failures: { url: string; reason: string }[];
  /** Images left for a later run: the feed's byte cap for a run was reached. */
  deferred: number;
}

export function mediaMapPath(mediaDir: string, feedId: string): string {
  return containedPath(mediaDir, `${feedId}.json`);
}

export async function readFeedMedia(mediaDir: string, feedId: string): Promise<{ media: FeedMedia; text?: string }> {
  try {
    const text = await readFile(mediaMapPath(mediaDir, feedId), 'utf8');
    return { media: parseFeedMedia(text), text };
  } catch {
    return { media: { images: {} } };
  }
}

/**
 * An image under a mirrored URL prefix, read from its folder (the path after
 * the prefix, decoded, and never outside the folder); undefined for a URL no
 * mirror covers.
 */
async function fromMirror(
  url: string,
  options: MediaOptions,
): Promise<{ bytes: Uint8Array } | { reason: string } | undefined> {
  const prefix = Object.keys(options.mirrors ?? {}).find((candidate) => url.startsWith(candidate));
  const dir = prefix === undefined ? undefined : options.mirrors?.[prefix];
  if (prefix === undefined || dir === undefined) return undefined;
  let path: string;
  try {
    const rest = decodeURIComponent(new URL(url).pathname.slice(new URL(prefix).pathname.length));
    path = containedPath(dir, ...rest.split('/').filter((segment) => segment !== ''));
  } catch {
    return { reason: `${url} names no file in the mirror folder ${dir}` };
  }
  try {
    const { size } = await stat(path);
    if (size > options.maxImageBytes) return { reason: `${url} is larger than ${options.maxImageBytes} bytes.` };
    return { bytes: new Uint8Array(await readFile(path)) };
  } catch {
    return { reason: `${url} is mirrored from ${dir}, which has no such file` };
  }
}

/** What text bytes that file-type does not name look like, for the reason given: SVG and HTML above all. */
function markupType(bytes: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (!head.startsWith('<')) return 'unrecognised bytes';
  if (/<svg[\s>]/i.test(head)) return 'image/svg+xml, refused: SVG can hold script';
  if (/^<(?:!doctype\s+html|html[\s>])/i.test(head)) return 'text/html';
  return 'markup';
}

/** One image fetched, checked and stored; or why not. */
export async function archiveImage(
  url: string,
  options: MediaOptions,
  /** Whether a new file of this many bytes may be stored (the budget); it takes the room when it says yes. */
  take: (bytes: number) => boolean = () => true,
): Promise<{ image: StoredImage; isNew: boolean } | { reason: string; gone?: true } | { deferred: string }> {
  const mirrored = await fromMirror(url, options);
  let bytes: Uint8Array;
  if (mirrored !== undefined) {
    if ('reason' in mirrored) return mirrored;
    bytes = mirrored.bytes;
  } else {
    let result: Awaited<ReturnType<typeof fetchWeb>>;
    try {
      result = await fetchWeb(url, {
        allow: options.allow,
        userAgent: options.userAgent,
        accept: 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1',
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxImageBytes,
      });
    } catch (error) {
      return { reason: error instanceof Error ? (error.message.split('\n')[0] ?? 'no answer') : String(error) };
    }
    if (result.kind === 'status' && result.status === 410) {
      return { reason: `${url} answered HTTP 410 Gone: it is not asked for again`, gone: true };
    }
    if (result.kind === 'status') return { reason: `${url} answered HTTP ${result.status}` };
    if (result.kind !== 'ok') return { reason: `${url} answered 304 to a request that had no validators` };
    bytes = result.body;
  }
  const sniffed = (await fileTypeFromBuffer(bytes))?.mime;
  if (!sniffed || !(sniffed in RASTER_TYPES)) {
    return { reason: `${url} is not a raster image browsers render (${sniffed ?? markupType(bytes)})` };
  }
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    return { reason: `${url} is a ${sniffed} whose size cannot be read` };
  }
  const { width, height } = size;
  if (!width || !height) return { reason: `${url} is a ${sniffed} whose size cannot be read` };
  if (width * height > options.maxPixels) {
    return {
      reason: `${url} is ${width}×${height} pixels, more than ${options.maxPixels} (defaults.mediaLimits.pixels)`,
    };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (options.downscale !== undefined && Math.max(width, height) > options.downscale) {
    const scaled = await scaledCopy(bytes, sha256, { type: sniffed, width, height }, options);
    if (scaled) return storeImage(scaled.bytes, scaled.image, options, take);
  }
  return storeImage(
    bytes,
    { file: storedFile(sha256, sniffed), type: sniffed, width, height, bytes: bytes.byteLength },
    options,
    take,
  );
}

/**
 * The scaled-down copy of an image: the one made before for the same bytes (by any feed, in any
 * run), else made now; undefined when the image is better kept as served.
 */
async function scaledCopy(
  bytes: Uint8Array,
  sha256: string,
  served: { type: string; width: number; height: number },
  options: MediaOptions,
): Promise<{ bytes: Uint8Array | undefined; image: StoredImage } | undefined> {
  const known = options.downscaled.get(sha256);
  const knownPath = known ? containedPath(options.mediaDir, ...known.file.split('/')) : undefined;
  if (known && knownPath && (options.storing.has(knownPath) || (await exists(knownPath)))) {
    return { bytes: undefined, image: known };
  }
  const scaled = await downscale(bytes, served.type, options.downscale ?? Number.POSITIVE_INFINITY, options.maxPixels);
  if (!scaled) return undefined;
  const digest = createHash('sha256').update(scaled.bytes).digest('hex');
  const image: StoredImage = {
    file: storedFile(digest, served.type),
    type: served.type,
    width: scaled.width,
    height: scaled.height,
    bytes: scaled.bytes.byteLength,
    original: { sha256, width: served.width, height: served.height, bytes: bytes.byteLength },
  };
  options.downscaled.set(sha256, image);
  return { bytes: scaled.bytes, image };
}

/** Write an image's file unless it is stored or being stored; `bytes` undefined: its file exists. */
async function storeImage(
  bytes: Uint8Array | undefined,
  image: StoredImage,
  options: MediaOptions,
  take: (bytes: number) => boolean,
): Promise<{ image: StoredImage; isNew: boolean } | { deferred: string }> {
  const file = image.file;
  const path = containedPath(options.mediaDir, ...file.split('/'));
  // Two URLs (of one feed or of two) with the same bytes are one file, written once.
  const writing = options.storing.get(path);
  if (writing) {
    await writing;
    return { image, isNew: false };
  }
  const isNew = !(await exists(path)) && !options.storing.has(path);
  if (isNew && !take(image.bytes)) return { deferred: "the media budget or the feed's cap for a run is reached" };
  if (isNew && bytes !== undefined) {
    const write = options.journal?.write(path, bytes) ?? Promise.resolve();
    options.storing.set(path, write);
    await write;
  }
  return { image, isNew };
}

/** The scaled-down copies every feed's map names, by the SHA-256 of their originals. */
export async function readDownscaled(mediaDir: string): Promise<Map<string, StoredImage>> {
  const found = new Map<string, StoredImage>();
  let names: string[];
  try {
    names = (await readdir(mediaDir)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  } catch {
    return found;
  }
  for (const name of names) {
    const { media } = await readFeedMedia(mediaDir, name.slice(0, -'.json'.length));
    for (const entry of Object.values(media.images)) {
      if (isStored(entry) && entry.original) found.set(entry.original.sha256, entry);
    }
  }
  return found;
}

/** Items archived before their images were: read a few each run, in file-name order. */
export interface Backfill {
  /** The feed's item stems. */
  stems: readonly string[];
  /** An item file's text, undefined when it cannot be read. */
  read(stem: string): Promise<string | undefined>;
}

/** Item files whose images one run's backfill reads. */
export const BACKFILL_ITEMS = 100;

/** The images of the next items the backfill has not read; moves the map's mark past them. */
async function backfillImages(media: FeedMedia, backfill: Backfill): Promise<string[]> {
  const mark = media.backfilled;
  const next = [...backfill.stems]
    .sort()
    .filter((stem) => mark === undefined || stem > mark)
    .slice(0, BACKFILL_ITEMS);
  const urls: string[] = [];
  for (const stem of next) {
    const text = await backfill.read(stem);
    if (text === undefined) continue;
    try {
      const { frontmatter, body } = parseItemFile(text);
      urls.push(...itemImages((frontmatter as { image?: unknown } | undefined)?.image, body));
    } catch {
      // An item whose frontmatter cannot be read still has its body's images.
      urls.push(...itemImages(undefined, text));
    }
  }
  const last = next.at(-1);
  if (last !== undefined) media.backfilled = last;
  return urls;
}

/**
 * Archive the images at `urls` (in order, each once) for a feed: those with a
 * copy are skipped, failed ones only when due again, and no more new bytes
 * than the feed's cap; the map is written when it changed.
 */
export async function archiveFeedMedia(
  feedId: string,
  urls: readonly string[],
  options: MediaOptions,
  backfill?: Backfill,
): Promise<MediaRun> {
  const run: MediaRun = { stored: 0, bytes: 0, failed: 0, failures: [], deferred: 0 };
  const { media, text } = await readFeedMedia(options.mediaDir, feedId);
  const older = backfill ? await backfillImages(media, backfill) : [];
  // Images that failed or waited for room before, due again now, whether or not their items changed.
  const retries = Object.entries(media.images)
    .filter(([, entry]) => !isStored(entry))
    .map(([url]) => url);
  const wanted = [...new Set([...urls, ...older, ...retries])].filter((url) =>
    imageDue(media.images[url], options.now),
  );
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const url = wanted[next++];
      if (url === undefined) continue;
      if (run.bytes >= options.maxFeedBytes || options.room.bytes <= 0) {
        const before = media.images[url];
        const failures = before && !isStored(before) ? before.failures : 0;
        const cap =
          options.room.bytes <= 0 ? 'the media budget is used up' : "the feed's media cap for a run is reached";
        media.images[url] = { failures, retryAfter: options.now.toISOString(), lastError: `waiting: ${cap}` };
        run.deferred++;
        continue;
      }
      const outcome = await archiveImage(url, options, (bytes) => {
        if (bytes > options.room.bytes || run.bytes + bytes > options.maxFeedBytes) return false;
        options.room.bytes -= bytes;
        run.bytes += bytes;
        return true;
      });
      if ('deferred' in outcome) {
        const before = media.images[url];
        const failures = before && !isStored(before) ? before.failures : 0;
        media.images[url] = {
          failures,
          retryAfter: options.now.toISOString(),
          lastError: `waiting: ${outcome.deferred}`,
        };
        run.deferred++;
      } else if ('image' in outcome) {
        media.images[url] = outcome.image;
        if (outcome.isNew) run.stored++;
      } else {
        const before = media.images[url];
        // 410 Gone says the image will not come back: it is never asked for again.
        const failures =
          'gone' in outcome ? IMAGE_MAX_ATTEMPTS : (before && !isStored(before) ? before.failures : 0) + 1;
        media.images[url] = imageRetry(failures, options.now, outcome.reason);
        run.failed++;
        if (run.failures.length < 5) run.failures.push({ url, reason: outcome.reason });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
  const updated = feedMediaText(media);
  if (updated !== text && Object.keys(media.images).length > 0) {
    await options.journal?.write(mediaMapPath(options.mediaDir, feedId), updated);
  }
  return run;
}
