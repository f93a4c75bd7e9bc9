/**
 * The contract between the two halves of the snapshot engine:
 * bytes -> decode -> parse -> normalise (pure, src/ingest/parse*.ts, decode.ts)
 * and entry -> identity -> sanitize -> Markdown (pure, to-markdown.ts, identity.ts)
 * consumed by the I/O side (http.ts, fetch-fs.ts, write-fs.ts, state-fs.ts, snapshot.ts).
 */

import type { Alteration, AlterationSummary } from './alterations.ts';

/** A feed after parsing, in one shape whatever its format. */
export interface ParsedFeed {
  format: 'rss2' | 'rss09' | 'rss1' | 'atom' | 'json';
  title?: string;
  /** The feed's website (its <link>, Atom rel=alternate or JSON home_page_url). */
  siteUrl?: string;
  /** The feed's own image (RSS <image>, else its itunes:image; Atom <logo>, else <icon>; JSON Feed icon, else favicon). */
  image?: string;
  entries: FeedEntry[];
}

/** One entry as the feed gave it, before sanitizing; strings are raw. */
export interface FeedEntry {
  /** The item's hash as the publisher wrote it (publisher-hash.ts); absent when it could not be told. */
  publisherHash?: string;
  guid?: string;
  link?: string;
  /** Title as plain text (entities decoded, markup stripped). */
  title?: string;
  authors: string[];
  categories: string[];
  /** Date strings exactly as the feed gave them. */
  published?: string;
  updated?: string;
  /** The fullest HTML body (content:encoded, Atom content, content_html). */
  contentHtml?: string;
  /** The shorter description/summary HTML. */
  summaryHtml?: string;
  /** Base URL for resolving relative URLs (xml:base, else the item link, else the feed URL). */
  baseUrl?: string;
  /** Lead image (enclosure, media:thumbnail, JSON image). */
  image?: string;
  /** Files the entry carries, in document order. */
  enclosures?: Enclosure[];
  /** Running time of the episode in seconds (`itunes:duration`, JSON Feed `duration_in_seconds`). */
  duration?: number;
  /** The entry's language as a BCP 47 tag (its own, else its feed's), when the feed says. */
  lang?: string;
  /** What the parser removed or rewrote of the entry (an author's bare e-mail address), in document order. */
  alterations?: Alteration[];
}

/** A file the entry carries (a podcast's audio, a video, a PDF): RSS enclosure, Atom enclosure link, Media RSS. */
export interface Enclosure {
  /** Absolute http(s) URL. */
  url: string;
  /** Media type as the feed gives it (`audio/mpeg`). */
  type?: string;
  /** Size in bytes, when the feed gives a positive one. */
  length?: number;
}

/** What the converter needs besides the entry. */
export interface ConvertContext {
  /** Feed id. */
  source: string;
  /** Extra tags from feeds.yaml. */
  extraTags: string[];
  /** When the archive first saw this item (ISO string); kept from the existing file when there is one. */
  firstSeen: string;
  /** The run's clock, for clamping future dates (ISO string). */
  now: string;
}

/** A converted item, ready to validate against ItemSchema and write. */
export interface ConvertedItem {
  /** Frontmatter with dates as ISO strings, keys in schema order. */
  frontmatter: Record<string, unknown>;
  /** GitHub-flavoured Markdown body. */
  body: string;
  /** What the conversion removed or rewrote for safety or format; absent when nothing. */
  alterations?: AlterationSummary;
}
