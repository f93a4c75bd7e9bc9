/**
 * The fidelity check's judgement: each archived item beside the entry it came
 * from (read independently, ./read-feed.ts), and what the archive lost or
 * changed of it, by class. A finding names the class, the item and what
 * differs; the classes are those a reader notices: a title with entities left
 * in it, a date the archive could not read, authors or tags gone, text,
 * images, code blocks or links fewer than the publisher wrote, character
 * references and stray backslashes in the Markdown, U+FFFD, enclosures or the
 * language dropped. Pure.
 */
import { decodeHTML } from 'entities';
import { normaliseUrlKey } from '#src/ingest/identity.ts';
import { isBeaconUrl, isEmojiImage, isTrackingImage } from '#src/ingest/trackers.ts';
import type { FeedItemFacts } from './read-feed.ts';

export const FINDING_CLASSES = [
  'title',
  'date',
  'authors',
  'tags',
  'text',
  'images',
  'code',
  'links',
  'markup',
  'replacement',
  'enclosures',
  'language',
] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

export interface Finding {
  class: FindingClass;
  /** The feed file, as the caller names it. */
  file: string;
  /** The item's title, else its id. */
  item: string;
  detail: string;
}

/** An archived item: its frontmatter and Markdown body. */
export interface ArchivedItem {
  frontmatter: Record<string, unknown>;
  body: string;
}

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

/** Text of shown HTML: tags dropped (and what scripts, styles and annotations hold), references decoded. */
export function htmlText(html: string): string {
  const withoutMarkup = html
    .replace(/<(script|style|annotation(?:-xml)?)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(BLOCK_TAG, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeHTML(withoutMarkup).replace(/\s+/g, ' ').trim();
}

/** Tags that end a run of text: a space for them, none for inline tags (`<span>(</span>` is one word). */
const BLOCK_TAG =
  /<\/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|img|li|main|nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>/gi;

/** How much text a reader gets: letters and digits, so spacing and punctuation of markup do not count. */
export function textSize(text: string): number {
  return count(text, /[\p{L}\p{N}]/gu);
}

const FENCED = /^( *)(`{3,}|~{3,})[^\n]*\n([\s\S]*?)^\1\2[ \t]*$/gm;
const CODE_SPAN = /(`+)([^`\n]*?)\1/g;

/** Markdown with its code taken out: fenced blocks and inline code spans. */
function prose(markdown: string): string {
  return markdown.replace(FENCED, ' ').replace(CODE_SPAN, ' ');
}

/**
 * The reader's text of a Markdown body, roughly: syntax and escapes dropped
 * from the prose, references decoded; the code's text, as written, after it.
 */
export function markdownText(markdown: string): string {
  const code: string[] = [];
  const keep = (text: string) => {
    code.push(text);
    return ' ';
  };
  const text = markdown
    .replace(FENCED, (_block, _indent, _fence, content: string) => keep(content))
    .replace(CODE_SPAN, (_span, _ticks, content: string) => keep(content))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/^\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/gm, ' ')
    .replace(/[*_~|]+/g, ' ');
  return [decodeHTML(text), ...code].join(' ').replace(/\s+/g, ' ').trim();
}

const IMG = /<img\b[^>]*>/gi;
function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);
}

/** Images the reader sees in feed HTML: not tracking pixels, with a src an archive can keep. */
function feedImages(html: string): number {
  return [...html.matchAll(IMG)].filter(([tag]) => {
    const src = attribute(tag, 'src');
    if (!src || /^\s*(?:data|javascript|vbscript):/i.test(src) || isEmojiImage(src)) return false;
    return !isTrackingImage(src, attribute(tag, 'width'), attribute(tag, 'height'), attribute(tag, 'style'));
  }).length;
}

function feedLinks(html: string): number {
  return [...html.matchAll(/<a\b[^>]*>/gi)].filter(([tag]) => {
    const href = attribute(tag, 'href')?.trim();
    return (
      href !== undefined &&
      href !== '' &&
      !href.startsWith('#') &&
      !/^(?:data|javascript|vbscript):/i.test(href) &&
      !isBeaconUrl(href)
    );
  }).length;
}

const ENTITY = /&(?:#x[0-9a-f]+|#\d+|[a-z][a-z0-9]{1,31});/gi;
const HAS_ENTITY = new RegExp(ENTITY.source, 'i');
const ADDRESS = /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/;

/** A key both sides can be matched by: the normalised guid/id, else the link. */
export function matchKey(value: string | undefined): string | undefined {
  const text = value?.trim();
  return text ? normaliseUrlKey(text) : undefined;
}

/** Findings for one archived item against its entry. */
export function compareItem(file: string, facts: FeedItemFacts, archived: ArchivedItem): Finding[] {
  const fm = archived.frontmatter;
  const title = typeof fm.title === 'string' ? fm.title : '';
  const name = title || String(fm.id ?? '?');
  const findings: Finding[] = [];
  const add = (kind: FindingClass, detail: string) => findings.push({ class: kind, file, item: name, detail });
  const body = archived.body;

  const feedTitle = facts.title === undefined ? '' : htmlText(decodeHTML(facts.title));
  if (HAS_ENTITY.test(title) && !HAS_ENTITY.test(feedTitle)) add('title', `character references left in "${title}"`);
  if (feedTitle && title === 'Untitled') add('title', `the feed's title "${feedTitle}" became "Untitled"`);

  if (facts.date?.trim() && fm.dateFlag === 'invalid') add('date', `"${facts.date.trim()}" was not read`);

  const authors = Array.isArray(fm.authors) ? fm.authors.map(String) : [];
  const named = facts.authors.filter((author) => !ADDRESS.test(author.replace(/^mailto:/, '')));
  if (named.length > 0 && authors.length === 0) add('authors', `"${named[0]}" is not among the archived authors`);
  for (const author of authors) if (ADDRESS.test(author)) add('authors', `an e-mail address is published as an author`);

  const tags = Array.isArray(fm.tags) ? fm.tags : [];
  if (facts.categories.length > 0 && tags.length === 0) add('tags', `${facts.categories.length} categories, no tags`);

  const feedText = htmlText(facts.bodyHtml);
  const feedSize = textSize(feedText);
  const archivedSize = textSize(markdownText(body));
  if (feedSize >= 40 && archivedSize < feedSize * 0.8) {
    add('text', `${archivedSize} of ${feedSize} letters and digits of the text kept`);
  }

  const images = feedImages(facts.bodyHtml);
  const archivedImages = count(body, /!\[[^\]]*\]\(/g) + count(body, /<img\b/gi);
  if (archivedImages < images) add('images', `${archivedImages} of ${images} images kept`);

  const code = count(facts.bodyHtml, /<pre\b/gi);
  const archivedCode = count(body, /^ *(?:`{3,}|~{3,})[^`\n]*$/gm) / 2 + count(body, /<pre\b/gi);
  if (archivedCode < code) add('code', `${archivedCode} of ${code} code blocks kept`);

  const links = feedLinks(facts.bodyHtml);
  const archivedLinks =
    count(body, /(?<!!)\[(?:[^\]]|\]\()*?\]\(/g) +
    count(body, /<a\b/gi) +
    count(body, /<(?:[a-z][a-z0-9+.-]{1,31}:[^\s<>]+|[^\s<>@]+@[^\s<>@]+)>/gi);
  if (archivedLinks < links) add('links', `${archivedLinks} of ${links} links kept`);

  const unescaped = prose(body)
    .replace(/\\[!-/:-@[-`{-~]/g, '')
    .replace(/\\$/gm, '');
  const text = unescaped.replace(/<[^>]*>/g, ' ');
  const references = (text.match(ENTITY) ?? []).filter((reference) => !feedText.includes(reference));
  if (references.length > 0)
    add('markup', `character references in the Markdown: ${[...new Set(references)].slice(0, 3).join(' ')}`);
  const backslashes = count(text, /\\/g);
  if (backslashes > count(feedText, /\\/g)) add('markup', `${backslashes} stray backslash(es) in the Markdown`);

  if (
    (title + body).includes('\uFFFD') &&
    !(facts.title ?? '').includes('\uFFFD') &&
    !facts.bodyHtml.includes('\uFFFD')
  ) {
    add('replacement', 'U+FFFD in the archived item');
  }

  const enclosures = Array.isArray(fm.enclosures) ? fm.enclosures.length : 0;
  if (enclosures < facts.enclosures) add('enclosures', `${enclosures} of ${facts.enclosures} enclosures kept`);

  if (facts.lang && /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i.test(facts.lang.trim()) && fm.lang === undefined) {
    add('language', `the feed says "${facts.lang.trim()}", the item has no language`);
  }
  return findings;
}

/** Findings for a feed file: each archived item against the entry with its key. */
export function compareFeed(
  file: string,
  entries: readonly FeedItemFacts[],
  archived: readonly ArchivedItem[],
): Finding[] {
  const byKey = new Map<string, FeedItemFacts>();
  for (const entry of entries) {
    for (const key of [matchKey(entry.id), matchKey(entry.link)]) if (key && !byKey.has(key)) byKey.set(key, entry);
  }
  const findings: Finding[] = [];
  for (const item of archived) {
    const id = String(item.frontmatter.id ?? '').replace(/#[0-9a-f]{8}$/, '');
    const link = typeof item.frontmatter.link === 'string' ? item.frontmatter.link : undefined;
    const entry = byKey.get(id) ?? (link ? byKey.get(matchKey(link) ?? '') : undefined);
    if (entry) findings.push(...compareItem(file, entry, item));
  }
  return findings;
}
