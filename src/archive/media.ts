/**
 * The archive's own copies of the images its items show: which URLs an item
 * shows, what a stored image is (content-addressed by the SHA-256 of its
 * bytes, so an image shared by items or feeds is stored once), and the
 * per-feed map from each original URL to its copy or to why it has none yet
 * (`<media>/<feed id>.json`, plain JSON in key order). Pure.
 */

/** The raster formats browsers render, by the media type sniffed from the bytes, and their file extension. */
export const RASTER_TYPES: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

/** An image the archive holds. */
export interface StoredImage {
  /** Its file under the media folder: `<first two hex digits>/<sha256>.<ext>`. */
  file: string;
  /** The media type sniffed from its bytes. */
  type: string;
  width: number;
  height: number;
  bytes: number;
  /** The image as served, when the archive holds a scaled-down copy (defaults.mediaLimits.downscale). */
  original?: OriginalImage;
}

/** What a scaled-down image was: the SHA-256 of its bytes, its pixel size and byte size. */
export interface OriginalImage {
  sha256: string;
  width: number;
  height: number;
  bytes: number;
}

/** An image that could not be archived (yet): retried after `retryAfter`. */
export interface MissingImage {
  failures: number;
  retryAfter: string;
  lastError: string;
}

export type MediaEntry = StoredImage | MissingImage;

export function isStored(entry: MediaEntry | undefined): entry is StoredImage {
  return entry !== undefined && 'file' in entry;
}

/** The map of one feed: each original URL to its copy or to its failures. */
export interface FeedMedia {
  images: Record<string, MediaEntry>;
  /** The last item file (stem) whose images the backfill has read, in name order; the rest wait. */
  backfilled?: string;
}

/** `ab/ab12….jpg` for a digest and a sniffed type. */
export function storedFile(sha256: string, type: string): string {
  const extension = RASTER_TYPES[type];
  if (!extension || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`No stored file for ${sha256} (${type}).`);
  return `${sha256.slice(0, 2)}/${sha256}.${extension}`;
}

/** The candidates of a `srcset`, parsed as the HTML standard says: a URL, then descriptors up to a comma. */
export function srcsetCandidates(srcset: string): { url: string; descriptor: string }[] {
  const candidates: { url: string; descriptor: string }[] = [];
  let position = 0;
  while (position < srcset.length) {
    while (position < srcset.length && /[\s,]/.test(srcset[position] ?? '')) position++;
    if (position >= srcset.length) break;
    let end = position;
    while (end < srcset.length && !/\s/.test(srcset[end] ?? '')) end++;
    let url = srcset.slice(position, end);
    position = end;
    let descriptor = '';
    if (url.endsWith(',')) url = url.replace(/,+$/, '');
    else {
      let depth = 0;
      while (position < srcset.length) {
        const char = srcset[position] ?? '';
        if (char === '(') depth++;
        if (char === ')') depth = Math.max(0, depth - 1);
        if (char === ',' && depth === 0) break;
        descriptor += char;
        position++;
      }
    }
    if (url) candidates.push({ url, descriptor: descriptor.trim() });
  }
  return candidates;
}

/**
 * The largest candidate of a `srcset`: by width descriptor, else by pixel
 * density (1x without one); undefined for an empty one.
 */
export function largestCandidate(srcset: string): string | undefined {
  let best: { url: string; width: number; density: number } | undefined;
  for (const { url, descriptor } of srcsetCandidates(srcset)) {
    const width = /^(\d+)w$/i.exec(descriptor);
    const density = /^(\d+(?:\.\d+)?)x$/i.exec(descriptor);
    const size = { url, width: width ? Number(width[1]) : 0, density: density ? Number(density[1]) : width ? 0 : 1 };
    if (!best || size.width > best.width || (size.width === best.width && size.density > best.density)) best = size;
  }
  return best?.url;
}

/** The http(s) image URLs of a Markdown body, in order, once each: `![alt](url …)` and raw `<img src>`. */
export function imageUrls(markdown: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(/!\[(?:[^\]\\]|\\.)*\]\(\s*<?(https?:\/\/[^\s)>]+)>?/g)) {
    if (match[1]) found.add(match[1]);
  }
  for (const match of markdown.matchAll(/<img\b[^>]*?\ssrc\s*=\s*"(https?:\/\/[^"]+)"/gi)) {
    if (match[1]) found.add(match[1].replace(/&#x26;|&amp;/g, '&'));
  }
  return [...found];
}

/** The images an item shows: its lead image, then those of its body. */
export function itemImages(image: unknown, body: string): string[] {
  const lead = typeof image === 'string' && /^https?:\/\//i.test(image) ? [image] : [];
  return [...new Set([...lead, ...imageUrls(body)])];
}

const HOUR_MS = 60 * 60 * 1000;

/** After a failed fetch: an hour, then four times longer each time, at most a week. */
export function imageRetry(failures: number, now: Date, reason: string): MissingImage {
  const wait = Math.min(HOUR_MS * 4 ** Math.max(0, failures - 1), 7 * 24 * HOUR_MS);
  return { failures, retryAfter: new Date(now.getTime() + wait).toISOString(), lastError: reason };
}

/** Attempts after which an image is no longer fetched. */
export const IMAGE_MAX_ATTEMPTS = 6;

/** Whether an image should be fetched now: never tried, or failed and due again. */
export function imageDue(entry: MediaEntry | undefined, now: Date): boolean {
  if (entry === undefined) return true;
  if (isStored(entry)) return false;
  return entry.failures < IMAGE_MAX_ATTEMPTS && Date.parse(entry.retryAfter) <= now.getTime();
}

/** The map as its file holds it: URLs sorted, so the bytes depend on nothing else. */
export function feedMediaText(media: FeedMedia): string {
  const images: Record<string, MediaEntry> = {};
  for (const url of Object.keys(media.images).sort()) {
    const entry = media.images[url];
    if (entry) images[url] = entry;
  }
  return `${JSON.stringify({ ...(media.backfilled === undefined ? {} : { backfilled: media.backfilled }), images }, null, 2)}\n`;
}

/** A map file's text read back; an unreadable one is an empty map (its images are fetched again). */
export function parseFeedMedia(text: string | undefined): FeedMedia {
  if (!text) return { images: {} };
  try {
    const data = JSON.parse(text) as { images?: unknown; backfilled?: unknown };
    if (typeof data.images === 'object' && data.images !== null) {
      return {
        images: data.images as FeedMedia['images'],
        ...(typeof data.backfilled === 'string' ? { backfilled: data.backfilled } : {}),
      };
    }
  } catch {}
  return { images: {} };
}

/** How an archived image is shown: its copy's site path (from the base) and size. */
export interface LocalImage {
  /** Site path of the copy, `media/ab/ab12….jpg`. */
  path: string;
  width: number;
  height: number;
  /** The media type sniffed from its bytes. */
  type: string;
  bytes: number;
}

/** The copies of the images at `urls` that a feed's map holds, by original URL. */
export function localImages(media: FeedMedia | undefined, urls: readonly string[]): Record<string, LocalImage> {
  const found: Record<string, LocalImage> = {};
  if (!media) return found;
  for (const url of urls) {
    const entry = media.images[url];
    if (isStored(entry)) {
      found[url] = {
        path: `media/${entry.file}`,
        width: entry.width,
        height: entry.height,
        type: entry.type,
        bytes: entry.bytes,
      };
    }
  }
  return found;
}

/** Whether a file's first bytes are those of a JPEG, PNG, GIF, WebP or AVIF image. */
export function isRasterHead(head: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true;
  if (ascii(1, 4) === 'PNG' && head[0] === 0x89) return true;
  if (ascii(0, 4) === 'GIF8') return true;
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return true;
  return ascii(4, 8) === 'ftyp' && /^avi[fs]$/.test(ascii(8, 12));
}
