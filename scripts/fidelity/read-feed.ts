/**
 * A second reading of a feed file, independent of the snapshot's parser
 * (fast-xml-parser for RSS, RDF and Atom; JSON.parse for JSON Feed): for each
 * entry, what the publisher wrote that the archive must keep. It reads only
 * what the fidelity check compares, and gives up (undefined) on a document it
 * cannot read, which the check counts apart. Pure.
 */
import { XMLParser } from 'fast-xml-parser';

/** One entry as the feed gives it. */
export interface FeedItemFacts {
  /** guid, Atom id or JSON id, as written. */
  id?: string;
  /** The entry's link (feedburner:origLink first), as written. */
  link?: string;
  title?: string;
  /** Any date the entry gives. */
  date?: string;
  /** Author values as written (names, addresses, both). */
  authors: string[];
  categories: string[];
  /** The fullest body the entry has, as HTML. */
  bodyHtml: string;
  /** Files it carries that are not images (enclosures, audio and video media). */
  enclosures: number;
  /** Its language or its feed's. */
  lang?: string;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  cdataPropName: false,
  // Every element may repeat; reading one shape is simpler than guessing.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Children named `name` (any namespace prefix when `anyPrefix`). */
function children(node: unknown, name: string, anyPrefix = false): unknown[] {
  if (!isNode(node)) return [];
  const found: unknown[] = [];
  for (const [key, value] of Object.entries(node)) {
    const local = key.includes(':') ? key.slice(key.indexOf(':') + 1) : key;
    if (key === name || (anyPrefix && local === name && !key.startsWith('@'))) {
      found.push(...(Array.isArray(value) ? value : [value]));
    }
  }
  return found;
}

/** The text of an element: its own text and that of its descendants, in order. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(textOf).join('');
  if (!isNode(value)) return '';
  return Object.entries(value)
    .filter(([key]) => !key.startsWith('@'))
    .map(([, child]) => textOf(child))
    .join('');
}

function attr(value: unknown, name: string): string | undefined {
  const node = Array.isArray(value) ? value[0] : value;
  if (!isNode(node)) return undefined;
  const attribute = node[`@${name}`];
  return typeof attribute === 'string' ? attribute : undefined;
}

function firstText(...lists: unknown[][]): string | undefined {
  for (const list of lists) {
    for (const value of list) {
      const text = textOf(value).trim();
      if (text) return text;
    }
  }
  return undefined;
}

function isPlayable(type: string | undefined, medium: string | undefined): boolean {
  return medium === 'audio' || medium === 'video' || /^(?:audio|video)\//i.test(type ?? '');
}

function rssItem(item: unknown, lang: string | undefined): FeedItemFacts {
  const encoded = firstText(children(item, 'encoded', true));
  const description = firstText(children(item, 'description'));
  const media = [
    ...children(item, 'content', true),
    ...children(item, 'group', true).flatMap((g) => children(g, 'content', true)),
  ];
  const enclosures =
    children(item, 'enclosure').filter((e) => attr(e, 'url')?.trim() && !/^image\//i.test(attr(e, 'type') ?? ''))
      .length + media.filter((m) => attr(m, 'url')?.trim() && isPlayable(attr(m, 'type'), attr(m, 'medium'))).length;
  return {
    id: firstText(children(item, 'guid')) ?? attr(item, 'rdf:about'),
    link: firstText(children(item, 'origLink', true), children(item, 'link')),
    title: firstText(children(item, 'title')),
    date: firstText(children(item, 'pubDate'), children(item, 'date', true)),
    authors: [...children(item, 'author'), ...children(item, 'creator', true)]
      .map((a) => {
        const name = firstText(children(a, 'name'));
        return name ?? textOf(a).trim();
      })
      .filter(Boolean),
    categories: [...children(item, 'category'), ...children(item, 'subject', true)]
      .map((c) => textOf(c).trim())
      .filter(Boolean),
    bodyHtml: encoded ?? description ?? '',
    enclosures,
    lang: firstText(children(item, 'language', true)) ?? lang,
  };
}

function atomItem(entry: unknown, lang: string | undefined): FeedItemFacts {
  const links = children(entry, 'link');
  const alternate = links.find((link) => (attr(link, 'rel') ?? 'alternate') === 'alternate');
  const content = children(entry, 'content')[0];
  const summary = children(entry, 'summary')[0];
  const body = (value: unknown) => {
    if (value === undefined) return '';
    const text = textOf(value);
    return (attr(value, 'type') ?? 'text') === 'text' ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;') : text;
  };
  const media = children(entry, 'group', true);
  const mediaText = firstText(media.flatMap((group) => children(group, 'description', true)));
  return {
    id: firstText(children(entry, 'id')),
    link: firstText(children(entry, 'origLink', true)) ?? attr(alternate, 'href'),
    title: firstText(children(entry, 'title')),
    date: firstText(children(entry, 'published'), children(entry, 'updated')),
    authors: children(entry, 'author')
      .map((a) => firstText(children(a, 'name')) ?? '')
      .filter(Boolean),
    categories: children(entry, 'category')
      .map((c) => attr(c, 'label') ?? attr(c, 'term') ?? '')
      .filter(Boolean),
    bodyHtml: body(content) || body(summary) || (mediaText ?? ''),
    enclosures: links.filter(
      (l) => attr(l, 'rel') === 'enclosure' && attr(l, 'href')?.trim() && !/^image\//i.test(attr(l, 'type') ?? ''),
    ).length,
    lang: attr(content, 'xml:lang') ?? attr(entry, 'xml:lang') ?? lang,
  };
}

function jsonItems(text: string): FeedItemFacts[] | undefined {
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isNode(feed) || !Array.isArray(feed.items)) return undefined;
  const feedLang = typeof feed.language === 'string' ? feed.language : undefined;
  return feed.items.filter(isNode).map((item) => {
    const authors = Array.isArray(item.authors) ? item.authors : isNode(item.author) ? [item.author] : [];
    const tags = Array.isArray(item.tags) ? item.tags : typeof item.tags === 'string' ? [item.tags] : [];
    const string = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      id: item.id === undefined ? undefined : String(item.id),
      link: string(item.url) ?? string(item.external_url),
      title: string(item.title),
      date: string(item.date_published) ?? string(item.date_modified),
      authors: authors
        .filter(isNode)
        .map((a) => string(a.name) ?? '')
        .filter(Boolean),
      categories: tags.filter((tag): tag is string => typeof tag === 'string'),
      bodyHtml:
        string(item.content_html) ??
        (string(item.content_text) ?? string(item.summary) ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;'),
      enclosures: Array.isArray(item.attachments)
        ? item.attachments.filter((file) => isNode(file) && /^https?:/i.test(string(file.url) ?? '')).length
        : 0,
      lang: string(item.language) ?? feedLang,
    };
  });
}

/** The entries of a feed document, or undefined when this reader cannot read it. */
export function readFeedFacts(text: string): FeedItemFacts[] | undefined {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart()[0];
  if (first === '{') return jsonItems(body);
  let document: unknown;
  try {
    document = parser.parse(body);
  } catch {
    return undefined;
  }
  const [rss] = children(document, 'rss');
  const [rdf] = children(document, 'RDF', true);
  const [atom] = children(document, 'feed', true);
  if (rss !== undefined || rdf !== undefined) {
    const channel = children(rss ?? rdf, 'channel', true)[0];
    const lang = firstText(children(channel, 'language', true));
    const items = [...children(channel, 'item', true), ...children(rdf, 'item', true)];
    return items.map((item) => rssItem(item, lang));
  }
  if (atom !== undefined) {
    return children(atom, 'entry', true).map((entry) => atomItem(entry, attr(atom, 'xml:lang')));
  }
  return undefined;
}
