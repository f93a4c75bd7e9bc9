/**
 * What a card of another item shows (the article page's related items): its
 * title, source, date, the archive's copy of its lead image with its size, and
 * a short excerpt of its summary. Pure: the page renders the view, and its
 * cache key is the view itself. The excerpts a list entry and a page's meta
 * tags show are cut here too: each is written on many pages, or twice on one.
 */
import type { LocalImage } from '#src/archive/media.ts';
import type { ArchiveItem } from './items.ts';

/** The longest excerpt a card shows, in characters, ellipsis included. */
export const EXCERPT_LENGTH = 140;

/** The longest summary a list entry shows (home, tags, sources, authors, months): about two lines. */
export const SUMMARY_LENGTH = 200;

/** The longest description in a page's meta tags: about what a search result or a shared link shows. */
export const DESCRIPTION_LENGTH = 160;

export interface CardView {
  id: string;
  title: string;
  /** The item's language, for the attributes of its own text. */
  lang?: string;
  sourceName: string;
  published: Date;
  /** The archive's copy of the lead image: site path and size, so the card keeps its room before it loads. */
  image?: { path: string; width: number; height: number };
  /** The summary cut at a word before `EXCERPT_LENGTH`, with an ellipsis when cut; empty without one. */
  excerpt: string;
}

/** `text` whole when it fits in `max` characters, else cut at the last space that leaves room for "…". */
export function excerptOf(text: string, max: number = EXCERPT_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const room = flat.slice(0, max - 1);
  // A room that ends where a word does keeps that word.
  const space = flat[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  const cut = space > max / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** The card of `item`, its source named and its lead image's copy, when the archive holds one. */
export function cardView(item: ArchiveItem, sourceName: string, lead: LocalImage | undefined): CardView {
  return {
    id: item.id,
    title: item.data.title,
    ...(item.data.lang ? { lang: item.data.lang } : {}),
    sourceName,
    published: item.data.published,
    ...(lead ? { image: { path: lead.path, width: lead.width, height: lead.height } } : {}),
    excerpt: excerptOf(item.data.summary ?? ''),
  };
}
