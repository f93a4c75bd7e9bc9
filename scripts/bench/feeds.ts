/** Renders synthetic items as RSS 2.0 and Atom 1.0 documents, newest first as feeds list them. */
import { escapeHtml } from './html.ts';
import type { SyntheticItem } from './item.ts';

export type FeedFormat = 'rss' | 'atom';

export interface SyntheticSource {
  index: number;
  id: string;
  title: string;
  format: FeedFormat;
}

/** Even sources are RSS, odd ones Atom. */
export function syntheticSource(index: number): SyntheticSource {
  return {
    index,
    id: `source-${String(index).padStart(3, '0')}`,
    title: `Source ${index} engineering blog`,
    format: index % 2 === 0 ? 'rss' : 'atom',
  };
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function rssItem(item: SyntheticItem): string {
  return [
    '<item>',
    `<title>${escapeHtml(item.title)}</title>`,
    `<link>${escapeHtml(item.link)}</link>`,
    `<guid isPermaLink="true">${escapeHtml(item.guid)}</guid>`,
    `<pubDate>${item.published.toUTCString()}</pubDate>`,
    ...item.authors.map((author) => `<dc:creator>${escapeHtml(author)}</dc:creator>`),
    ...item.tags.map((tag) => `<category>${escapeHtml(tag)}</category>`),
    `<content:encoded>${cdata(item.html)}</content:encoded>`,
    '</item>',
  ].join('\n');
}

function atomEntry(item: SyntheticItem): string {
  return [
    '<entry>',
    `<title>${escapeHtml(item.title)}</title>`,
    `<link rel="alternate" href="${escapeHtml(item.link)}"/>`,
    `<id>${escapeHtml(item.guid)}</id>`,
    `<published>${item.published.toISOString()}</published>`,
    `<updated>${item.published.toISOString()}</updated>`,
    ...item.authors.map((author) => `<author><name>${escapeHtml(author)}</name></author>`),
    ...item.tags.map((tag) => `<category term="${escapeHtml(tag)}"/>`),
    `<content type="html">${escapeHtml(item.html)}</content>`,
    '</entry>',
  ].join('\n');
}

/** The whole feed document; `items` in any order (they are sorted newest first). */
export function renderFeed(source: SyntheticSource, items: SyntheticItem[]): string {
  const sorted = [...items].sort((a, b) => b.index - a.index);
  const site = `https://source-${source.index}.example.com/`;
  if (source.format === 'rss') {
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
      '<channel>',
      `<title>${escapeHtml(source.title)}</title>`,
      `<link>${site}</link>`,
      `<description>Posts from ${escapeHtml(source.title)}</description>`,
      ...sorted.map(rssItem),
      '</channel>',
      '</rss>',
      '',
    ].join('\n');
  }
  const updated = sorted[0]?.published.toISOString() ?? '2015-01-01T00:00:00.000Z';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<title>${escapeHtml(source.title)}</title>`,
    `<link rel="alternate" href="${site}"/>`,
    `<id>${site}</id>`,
    `<updated>${updated}</updated>`,
    ...sorted.map(atomEntry),
    '</feed>',
    '',
  ].join('\n');
}
