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
): Promise<{ image: StoredImage; isNew: boolean } | { reason: string } | { deferred: string }> {
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
  const file = storedFile(sha256, sniffed);
  const path = containedPath(options.mediaDir, ...file.split('/'));
  // Two URLs (of one feed or of two) with the same bytes are one file, written once.
  const writing = options.storing.get(path);
  if (writing) {
    await writing;
    return { image: { file, type: sniffed, width, height, bytes: bytes.byteLength }, isNew: false };
  }
  const isNew = !(await exists(path)) && !options.storing.has(path);
  if (isNew && !take(bytes.byteLength)) return { deferred: "the media budget or the feed's cap for a run is reached" };
  if (isNew) {
    const write = options.journal?.write(path, bytes) ?? Promise.resolve();
    options.storing.set(path, write);
    await write;
  }
  return { image: { file, type: sniffed, width, height, bytes: bytes.byteLength }, isNew };
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
        const failures = (before && !isStored(before) ? before.failures : 0) + 1;
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
