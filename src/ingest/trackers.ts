/**
 * Images that are not part of the article: tracking pixels (a 1×1 image, or a
 * well-known beacon address), Feedburner's share "flare", and WordPress's
 * emoji images, which stand for a character their alt text already holds.
 * The judgement follows Miniflux's pixel-tracker rule (width and height of at
 * most one pixel) plus the beacon addresses feeds are known to carry. Pure.
 */

/** Hosts that serve nothing but beacons. */
const BEACON_HOSTS: ReadonlySet<string> = new Set([
  'pixel.wp.com',
  'stats.wordpress.com',
  'pixel.quantserve.com',
  'www.google-analytics.com',
  'google-analytics.com',
  'ad.doubleclick.net',
  'pi.feedsportal.com',
  'feeds.feedblitz.com',
]);

/** Paths of beacons and share buttons on hosts that also serve real content. */
const BEACON_PATHS: readonly [RegExp, RegExp][] = [
  // Feedburner: ~r/ (read counter), ~4/ (item redirect pixel), ~ff/ and ~f/ (flare), ~a/ (ads).
  [/^(?:feeds\.feedburner\.com|feedproxy\.google\.com|feeds2\.feedburner\.com)$/, /^\/~(?:r|4|ff|f|a)\//],
  // Medium's read counter.
  [/^(?:[\w-]+\.)*medium\.com$/, /^\/_\/stat\b/],
];

const EMOJI = /^https?:\/\/s\.w\.org\/images\/core\/emoji\//;

function pixels(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(String(value));
  return match ? Number(match[1]) : undefined;
}

function parsedUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Whether a URL is a known beacon or share button (whatever the image's size). */
export function isBeaconUrl(value: string | undefined): boolean {
  const url = value ? parsedUrl(value) : undefined;
  if (!url || !/^https?:$/.test(url.protocol)) return false;
  const host = url.hostname.toLowerCase();
  if (BEACON_HOSTS.has(host)) return true;
  return BEACON_PATHS.some(([hosts, path]) => hosts.test(host) && path.test(url.pathname));
}

/**
 * Whether an image is a tracking pixel: a beacon address, or a declared size of at most one pixel
 * each way (a spacer or counter a reader never sees).
 */
export function isTrackingImage(
  src: string | undefined,
  width?: string | number,
  height?: string | number,
  style?: string,
): boolean {
  if (isBeaconUrl(src)) return true;
  const styled = (name: string) =>
    style ? new RegExp(`(?:^|;)\\s*${name}\\s*:\\s*([\\d.]+)px`, 'i').exec(style)?.[1] : undefined;
  const w = pixels(width) ?? pixels(styled('width'));
  const h = pixels(height) ?? pixels(styled('height'));
  return w !== undefined && h !== undefined && w <= 1 && h <= 1;
}

/** Whether an image is a WordPress emoji image, which stands for the character in its alt text. */
export function isEmojiImage(src: string | undefined): boolean {
  return src !== undefined && EMOJI.test(src);
}

/** Whether an element with these classes is Feedburner's share strip. */
export function isShareFlare(className: string | undefined): boolean {
  return className !== undefined && /(?:^|\s)feedflare(?:\s|$)/.test(className);
}
