/**
 * What podcasts and Media RSS add to an entry, read from rss-parser's raw
 * values: enclosures (RSS `<enclosure>`, Atom `rel="enclosure"` links, Media
 * RSS `media:content` of audio or video, also inside `media:group`), the
 * iTunes duration, author, image and summary, and the text and pictures of
 * Media RSS items whose body is empty (YouTube's `media:description`,
 * Mastodon's image attachments). Only http(s) URLs are kept. Pure.
 */
import { httpUrl, nonEmpty, type Raw, rawAttr, rawChildren, rawList, rawText, resolveUrl } from './_raw.ts';
import { escapeHtml } from './_text.ts';
import type { Enclosure } from './types.ts';

type RawItem = Record<string, Raw>;

/** Media types a page can play or a reader downloads; images are the item's pictures, and Flash is dead. */
function isEnclosureType(type: string | undefined): boolean {
  return type === undefined || !/^image\/|shockwave|x-flash/i.test(type);
}

function byteLength(value: string | undefined): number | undefined {
  const length = value === undefined ? Number.NaN : Number(value.trim());
  return Number.isSafeInteger(length) && length > 0 ? length : undefined;
}

function enclosure(url: string | undefined, type: string | undefined, length: string | undefined, base?: string) {
  const href = httpUrl(resolveUrl(url, base));
  if (!href) return undefined;
  const found: Enclosure = { url: href };
  const mediaType = nonEmpty(type)?.toLowerCase();
  if (mediaType && /^[\w.+-]+\/[\w.+-]+$/.test(mediaType)) found.type = mediaType;
  const bytes = byteLength(length);
  if (bytes !== undefined) found.length = bytes;
  return found;
}

/** The entry's enclosures, in document order, each URL once. */
export function enclosuresOf(item: RawItem, base: string | undefined): Enclosure[] {
  const found: (Enclosure | undefined)[] = [];
  for (const raw of rawList(item.enclosuresRaw)) {
    const type = rawAttr(raw, 'type');
    if (isEnclosureType(type)) {
      found.push(enclosure(rawAttr(raw, 'url'), type, rawAttr(raw, 'length'), base));
    }
  }
  for (const link of rawList(item.linksRaw)) {
    if (rawAttr(link, 'rel') !== 'enclosure') continue;
    const type = rawAttr(link, 'type');
    if (isEnclosureType(type)) {
      found.push(enclosure(rawAttr(link, 'href'), type, rawAttr(link, 'length'), base));
    }
  }
  const media = [
    ...rawList(item.mediaContentRaw),
    ...rawList(item.mediaGroupsRaw).flatMap((group) => rawChildren(group, 'media:content')),
  ];
  for (const content of media) {
    const type = rawAttr(content, 'type');
    const medium = rawAttr(content, 'medium');
    const playable = medium === 'audio' || medium === 'video' || /^(?:audio|video)\//i.test(type ?? '');
    if (playable && isEnclosureType(type)) {
      found.push(enclosure(rawAttr(content, 'url'), type, rawAttr(content, 'fileSize'), base));
    }
  }
  const seen = new Set<string>();
  return found.filter((item): item is Enclosure => {
    if (!item || seen.has(item.url)) return false;
    seen.add(item.url);
    return true;
  });
}

/**
 * `itunes:duration` in whole seconds: `3600`, `59:59`, `1:02:03`, `1:02` (minutes and seconds, as
 * Apple specifies), with stray spaces or a trailing unit; undefined for anything else or zero.
 */
export function itunesDuration(value: string | undefined): number | undefined {
  const text = value?.trim().replace(/\s*(?:s|sec|secs|seconds)$/i, '');
  if (!text) return undefined;
  let seconds: number;
  if (/^\d+(?:\.\d+)?$/.test(text)) seconds = Number(text);
  else {
    const parts = /^(\d{1,3}):(\d{1,2})(?::(\d{1,2}))?(?:\.\d+)?$/.exec(text);
    if (!parts) return undefined;
    const [a, b, c] = [Number(parts[1]), Number(parts[2]), parts[3] === undefined ? undefined : Number(parts[3])];
    if (b > 59 || (c !== undefined && c > 59)) return undefined;
    seconds = c === undefined ? a * 60 + b : a * 3600 + b * 60 + c;
  }
  const whole = Math.round(seconds);
  return whole > 0 && whole < 1_000_000 ? whole : undefined;
}

/** The `href` of an `itunes:image` element (or its text, as some feeds write it). */
export function itunesImage(value: Raw, base: string | undefined): string | undefined {
  return httpUrl(resolveUrl(rawAttr(value, 'href') ?? rawText(value), base));
}

function mediaDescription(item: RawItem): Raw | undefined {
  return (
    rawList(item.mediaDescriptionRaw)[0] ??
    rawList(item.mediaGroupsRaw)
      .flatMap((group) => rawChildren(group, 'media:description'))
      .find((description) => nonEmpty(rawText(description)) !== undefined)
  );
}

/** Plain text as HTML paragraphs, line breaks kept. */
function textParagraphs(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The body of an entry that has none but Media RSS or iTunes text: `media:description`, `itunes:summary`. */
export function mediaBody(item: RawItem): string | undefined {
  const description = mediaDescription(item);
  const text = nonEmpty(rawText(description));
  if (text) return rawAttr(description, 'type') === 'html' ? text : textParagraphs(text);
  const summary = nonEmpty(rawText(item.itunesSummaryRaw)) ?? nonEmpty(rawText(item.itunesSubtitleRaw));
  return summary ? textParagraphs(summary) : undefined;
}

/**
 * Image attachments (Mastodon's `media:content medium="image"`) as HTML to append to the body, with
 * their `media:description` as the alt text; those the body already shows are left out.
 */
export function attachedImages(item: RawItem, bodyHtml: string | undefined, base: string | undefined): string {
  const contents = [
    ...rawList(item.mediaContentRaw),
    ...rawList(item.mediaGroupsRaw).flatMap((group) => rawChildren(group, 'media:content')),
  ];
  const html: string[] = [];
  for (const content of contents) {
    const type = rawAttr(content, 'type');
    if (rawAttr(content, 'medium') !== 'image' && !/^image\//i.test(type ?? '')) continue;
    const src = httpUrl(resolveUrl(rawAttr(content, 'url'), base));
    if (!src || bodyHtml?.includes(src) || html.some((image) => image.includes(escapeHtml(src)))) continue;
    const alt = nonEmpty(rawText(rawChildren(content, 'media:description'))) ?? '';
    html.push(`<p><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"></p>`);
  }
  return html.join('');
}
