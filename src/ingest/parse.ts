/**
 * Feed text to a ParsedFeed, whatever the format: RSS 2.0, RSS 0.9x, RSS 1.0
 * (RDF) and Atom 1.0 through rss-parser's parseString, JSON Feed through
 * parse-json.ts. Pure: the caller has fetched and decoded the bytes.
 */
import Parser from 'rss-parser';
import {
  httpUrl,
  nonEmpty,
  type Raw,
  rawAttr,
  rawChildren,
  rawList,
  rawText,
  referenceBase,
  resolveUrl,
} from './_raw.ts';
import { escapeHtml, htmlToPlainText, plainText } from './_text.ts';
import {
  assertNoEntityDeclarations,
  findRoot,
  type RootElement,
  repairAmpersands,
  unprefixRoot,
  xhtmlToHtml,
} from './_xml-prepare.ts';
import type { Alteration } from './alterations.ts';
import { authorNames } from './authors.ts';
import { FeedParseError } from './errors.ts';
import { languageTag } from './language.ts';
import { parseJsonFeed } from './parse-json.ts';
import { attachedImages, enclosuresOf, itunesDuration, itunesImage, mediaBody } from './parse-media.ts';
import { attachPublisherHashes } from './publisher-hash.ts';
import type { FeedEntry, ParsedFeed } from './types.ts';

type Format = ParsedFeed['format'];
type RawItem = Record<string, Raw>;
interface RawFeed extends Record<string, Raw> {
  items: RawItem[];
}

const keep = { keepArray: true };
// rss-parser accepts [from, to, options] for feed fields too, but its typings only allow plain names.
const FEED_FIELDS = [
  ['$', 'attrsRaw', keep],
  ['link', 'linksRaw', keep],
  ['author', 'authorsRaw', keep],
  ['title', 'titleRaw', keep],
  ['language', 'languageRaw', keep],
  ['dc:language', 'dcLanguageRaw', keep],
  ['managingEditor', 'editorRaw', keep],
  ['dc:creator', 'creatorsRaw', keep],
  ['itunes:image', 'itunesImageRaw', keep],
  ['itunes:author', 'itunesAuthorRaw', keep],
  ['image', 'imageRaw', keep],
  ['logo', 'logoRaw', keep],
  ['icon', 'iconRaw', keep],
] as unknown as (keyof RawFeed)[];
const ITEM_FIELDS: Parser.CustomFieldItem<RawItem>[] = [
  ['$', 'attrsRaw', keep],
  ['title', 'titleRaw', keep],
  ['link', 'linksRaw', keep],
  ['guid', 'guidRaw', keep],
  ['id', 'idRaw', keep],
  ['category', 'categoriesRaw', keep],
  ['dc:subject', 'subjectsRaw', keep],
  ['dc:creator', 'creatorsRaw', keep],
  ['author', 'authorsRaw', keep],
  ['content', 'contentRaw', keep],
  ['summary', 'summaryRaw', keep],
  ['content:encoded', 'encodedRaw', keep],
  ['x-published', 'publishedRaw', keep],
  ['x-updated', 'updatedRaw', keep],
  ['pubDate', 'pubDateRaw', keep],
  ['dc:date', 'dcDateRaw', keep],
  ['dcterms:modified', 'modifiedRaw', keep],
  ['atom:updated', 'atomUpdatedRaw', keep],
  ['enclosure', 'enclosuresRaw', keep],
  ['media:thumbnail', 'thumbnailsRaw', keep],
  ['media:content', 'mediaContentRaw', keep],
  ['media:group', 'mediaGroupsRaw', keep],
  ['feedburner:origLink', 'origLinksRaw', keep],
  ['dc:language', 'languagesRaw', keep],
  ['itunes:duration', 'itunesDurationRaw', keep],
  ['itunes:author', 'itunesAuthorRaw', keep],
  ['itunes:image', 'itunesImageRaw', keep],
  ['itunes:summary', 'itunesSummaryRaw', keep],
  ['itunes:subtitle', 'itunesSubtitleRaw', keep],
  ['media:description', 'mediaDescriptionRaw', keep],
];

/** Parse a decoded feed body. Throws FeedParseError with a one-line reason. */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === undefined) {
    throw new FeedParseError('empty', `The feed at ${feedUrl} is empty: check the URL or try again later.`, {
      url: feedUrl,
    });
  }
  if (first === '{' || first === '[') return parseJsonFeed(body, feedUrl);
  assertNoEntityDeclarations(body, feedUrl);
  const root = findRoot(body);
  if (looksLikeHtml(body, root)) {
    throw new FeedParseError(
      'html',
      `The document at ${feedUrl} looks like an HTML page, not a feed: check the URL, or give the page's URL to feedshelf feeds add, which finds the feed the page links to.`,
      { url: feedUrl },
    );
  }
  const format = root ? formatOf(root) : undefined;
  if (!root || !format) {
    const what = root ? `an unknown root element <${root.name}>` : 'no root element';
    throw new FeedParseError(
      root ? 'unknown-root' : 'invalid-xml',
      `The document at ${feedUrl} has ${what}, so it is not an RSS, Atom or JSON feed: check the URL.`,
      { url: feedUrl },
    );
  }
  // rss-parser throws a TypeError on an RSS or RDF root without a <channel>; such a document simply has no entries.
  if (!/<(?:[\w.-]+:)?channel[\s>/]/.test(body) && format !== 'atom') {
    return { format, entries: [] };
  }
  const raw = await readXml(prepareXml(body, root, format), feedUrl);
  return attachPublisherHashes(format === 'atom' ? buildAtom(raw, feedUrl) : buildRss(raw, format, feedUrl), body);
}

function looksLikeHtml(text: string, root: RootElement | undefined): boolean {
  if (root?.local === 'html') return true;
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<!DOCTYPE\s+html[\s>]/i.test(text);
}

function formatOf(root: RootElement): Format | undefined {
  if (root.local === 'feed') return 'atom';
  if (root.local === 'rdf') return 'rss1';
  if (root.local !== 'rss') return undefined;
  const version = /\sversion\s*=\s*["']([^"']*)["']/.exec(root.attributes)?.[1] ?? '';
  return /^0\.9/.test(version) ? 'rss09' : 'rss2';
}

function prepareXml(text: string, root: RootElement, format: Format): string {
  let xml = repairAmpersands(unprefixRoot(text, root));
  if (format === 'rss1') {
    // rss-parser reads RSS 1.0 elements only unprefixed: drop a prefix bound to the RSS 1.0 namespace (<rss:item>).
    const prefix = /xmlns:([\w.-]+)\s*=\s*["']http:\/\/purl\.org\/rss\/1\.0\/["']/.exec(root.attributes)?.[1];
    if (prefix) xml = xml.replace(new RegExp(`<(/?)${prefix.replace(/[.-]/g, '\\$&')}:`, 'g'), '<$1');
  }
  if (format === 'rss1' && root.name !== 'rdf:RDF') {
    const escaped = root.name.replace(/[.-]/g, '\\$&');
    xml = xml.replace(new RegExp(`<(/?)${escaped}(?=[\\s>/])`, 'g'), '<$1rdf:RDF');
  }
  if (format === 'atom') {
    // rss-parser turns Atom dates into ISO strings and throws on an invalid one; keep them raw instead.
    xml = xhtmlToHtml(xml).replace(/<(\/?)(published|updated)(?=[\s>/])/g, '<$1x-$2');
  }
  return xml;
}

async function readXml(xml: string, feedUrl: string): Promise<RawFeed> {
  const parser = new Parser<RawFeed, RawItem>({
    customFields: { feed: FEED_FIELDS, item: ITEM_FIELDS },
    defaultRSS: 2,
  });
  try {
    return (await parser.parseString(xml)) as RawFeed;
  } catch (cause) {
    // xml2js and rss-parser walk (and re-serialise) nested markup recursively: thousands of levels overflow the stack.
    if (cause instanceof RangeError) {
      throw new FeedParseError(
        'invalid-xml',
        `The feed at ${feedUrl} nests its elements too deeply to be read: tell the publisher.`,
        { url: feedUrl, cause },
      );
    }
    const reason = cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.message) : String(cause);
    throw new FeedParseError(
      'invalid-xml',
      `The feed at ${feedUrl} is not well-formed XML (${reason}): it may be truncated; try again later or tell the publisher.`,
      { url: feedUrl, cause },
    );
  }
}

function plainTitle(value: Raw, type: string | undefined): string | undefined {
  const text = rawText(value);
  if (text === undefined) return undefined;
  const isMarkup = type === 'html' || type === 'xhtml' || /<\/[A-Za-z][^>]*>|<br\s*\/?>/i.test(text);
  return nonEmpty(isMarkup ? htmlToPlainText(text) : plainText(text));
}

function firstText(...values: Raw[]): string | undefined {
  for (const value of values) {
    const text = nonEmpty(rawText(value));
    if (text) return text;
  }
  return undefined;
}

function uniqueNonEmpty(values: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const clean = value === undefined ? '' : plainText(value);
    if (clean && !seen.has(clean)) {
      seen.add(clean);
      out.push(clean);
    }
  }
  return out;
}

/** An RSS author's text, or the name inside an Atom-style `<author><name>` some RSS feeds write. */
function rssAuthorText(author: Raw): string | undefined {
  return rawText(rawChildren(author, 'name')) ?? rawText(author);
}

/** What an entry defaults to from its feed: the feed's named authors, its language and its podcast image. */
interface FeedDefaults {
  authors: string[];
  lang?: string;
  image?: string;
}

/**
 * Enclosures, running time and the Media RSS body and images of an entry; the episode image comes
 * first (`itunes:image`, else the feed's for an entry with a playable file).
 */
function addMedia(entry: FeedEntry, item: RawItem, base: string | undefined, defaults: FeedDefaults): void {
  const enclosures = enclosuresOf(item, base);
  if (enclosures.length > 0) entry.enclosures = enclosures;
  assign(entry, 'duration', itunesDuration(rawText(item.itunesDurationRaw)));
  entry.contentHtml ??= mediaBody(item);
  const images = attachedImages(item, entry.contentHtml, base);
  if (images) entry.contentHtml = `${entry.contentHtml ?? ''}${images}`;
  const playable = enclosures.some((file) => /^(?:audio|video)\//.test(file.type ?? ''));
  const episodeImage = itunesImage(item.itunesImageRaw, base) ?? (playable ? defaults.image : undefined);
  if (episodeImage) entry.image = episodeImage;
}

/** The entry's authors, else the feed's; an address left out is recorded on the entry. */
function entryAuthors(entry: FeedEntry, values: (string | undefined)[], defaults: FeedDefaults): string[] {
  const alterations: Alteration[] = [];
  const names = authorNames(values, alterations);
  if (alterations.length > 0) entry.alterations = [...(entry.alterations ?? []), ...alterations];
  return names.length > 0 ? names : defaults.authors;
}

function imageFromMedia(item: RawItem, base: string | undefined): string | undefined {
  const candidates: Raw[] = [
    ...rawList(item.thumbnailsRaw),
    ...rawList(item.mediaContentRaw).filter(isImageMedia),
    ...rawList(item.mediaGroupsRaw).flatMap((group) => [
      ...rawChildren(group, 'media:thumbnail'),
      ...rawChildren(group, 'media:content').filter(isImageMedia),
    ]),
    ...rawList(item.enclosuresRaw).filter((enclosure) => /^image\//i.test(rawAttr(enclosure, 'type') ?? '')),
  ];
  for (const candidate of candidates) {
    const url = httpUrl(resolveUrl(rawAttr(candidate, 'url'), base));
    if (url) return url;
  }
  return undefined;
}

function isImageMedia(media: Raw): boolean {
  return rawAttr(media, 'medium') === 'image' || /^image\//i.test(rawAttr(media, 'type') ?? '');
}

function buildRss(raw: RawFeed, format: Format, feedUrl: string): ParsedFeed {
  const siteUrl = httpUrl(resolveUrl(rawText(raw.link), referenceBase(feedUrl)));
  const base = referenceBase(feedUrl) ?? siteUrl;
  const defaults: FeedDefaults = {
    authors: authorNames(
      [...rawList(raw.creatorsRaw).map(rawText), rawText(raw.editorRaw), rawText(raw.itunesAuthorRaw)],
      [],
    ),
  };
  const lang = languageTag(firstText(raw.languageRaw, raw.dcLanguageRaw));
  if (lang) defaults.lang = lang;
  const image = itunesImage(raw.itunesImageRaw, base);
  if (image) defaults.image = image;
  const entries = raw.items.map((item) => rssEntry(item, base, defaults));
  // RSS 2.0 <image><url>; RSS 1.0's channel <image rdf:resource> names the image itself.
  const feedImage =
    httpUrl(resolveUrl(rawText(rawChildren(raw.imageRaw, 'url')) ?? rawAttr(raw.imageRaw, 'rdf:resource'), base)) ??
    defaults.image;
  return {
    format,
    title: plainTitle(raw.title, undefined),
    siteUrl,
    ...(feedImage ? { image: feedImage } : {}),
    entries,
  };
}

function rssEntry(item: RawItem, feedBase: string | undefined, defaults: FeedDefaults): FeedEntry {
  const itemBase = resolveUrl(rawAttr({ $: item.attrsRaw }, 'xml:base'), feedBase);
  // Feedburner's proxy link dies with the proxy; feedburner:origLink is the publisher's own.
  const link =
    httpUrl(resolveUrl(rawText(item.origLinksRaw), itemBase ?? feedBase)) ??
    resolveUrl(rawText(item.linksRaw), itemBase ?? feedBase);
  const description = typeof item.content === 'string' ? nonEmpty(item.content) : undefined;
  const encoded = nonEmpty(rawText(item.encodedRaw));
  const entry: FeedEntry = {
    authors: [],
    categories: uniqueNonEmpty([...rawList(item.categoriesRaw), ...rawList(item.subjectsRaw)].map(rawText)),
  };
  entry.authors = entryAuthors(
    entry,
    [
      ...rawList(item.creatorsRaw).map(rawText),
      ...rawList(item.authorsRaw).map(rssAuthorText),
      ...(item.creatorsRaw || item.authorsRaw ? [] : [rawText(item.itunesAuthorRaw)]),
    ],
    defaults,
  );
  assign(entry, 'lang', languageTag(rawText(item.languagesRaw)) ?? defaults.lang);
  assign(entry, 'guid', firstText(item.guidRaw, rawAttr({ $: item.attrsRaw }, 'rdf:about')));
  assign(entry, 'link', link);
  assign(entry, 'title', plainTitle(item.titleRaw, undefined));
  assign(entry, 'published', firstText(item.pubDateRaw, item.dcDateRaw));
  assign(entry, 'updated', firstText(item.modifiedRaw, item.atomUpdatedRaw));
  assign(entry, 'contentHtml', encoded ?? description);
  assign(entry, 'summaryHtml', encoded ? description : undefined);
  assign(entry, 'baseUrl', itemBase !== feedBase && itemBase ? itemBase : (link ?? feedBase));
  assign(entry, 'image', imageFromMedia(item, link ?? feedBase));
  addMedia(entry, item, itemBase !== feedBase && itemBase ? itemBase : (link ?? feedBase), defaults);
  return entry;
}

/** Atom text construct as HTML, honouring `type`; `src`-only or binary content is left out. */
function atomHtml(value: Raw): string | undefined {
  const text = rawText(value);
  if (text === undefined || rawAttr(value, 'src') !== undefined) return undefined;
  const type = (rawAttr(value, 'type') ?? 'text').toLowerCase();
  if (type === 'html' || type === 'xhtml' || type === 'text/html' || type === 'application/xhtml+xml') {
    return nonEmpty(text);
  }
  if (type === 'text' || type === 'text/plain') {
    const escaped = nonEmpty(text);
    return escaped ? `<p>${escapeHtml(escaped).replace(/\n\s*\n/g, '</p><p>')}</p>` : undefined;
  }
  return undefined;
}

function atomLink(links: Raw, base: string | undefined, rel: string): string | undefined {
  const list = rawList(links);
  const match =
    list.find((link) => (rawAttr(link, 'rel') ?? 'alternate') === rel && rel !== 'alternate') ??
    list.find((link) => (rawAttr(link, 'rel') ?? 'alternate') === 'alternate' && rel === 'alternate');
  if (!match) return undefined;
  const href = rawAttr(match, 'href');
  // RFC 3986 §5.2: an empty reference is the base document itself (without its fragment).
  if (href !== undefined && href.trim() === '') return base?.replace(/#.*$/, '');
  return resolveUrl(href, base);
}

function atomAuthors(value: Raw): (string | undefined)[] {
  return rawList(value).map((author) => rawText(rawChildren(author, 'name')) ?? rawText(author));
}

/** The Atom `xml:lang` of an element, as a language tag. */
function xmlLang(attributes: Raw): string | undefined {
  return languageTag(rawAttr({ $: attributes }, 'xml:lang'));
}

/** The feed-level context of an Atom entry. */
interface AtomFeedContext extends FeedDefaults {
  base: string | undefined;
  /** Whether the feed element declares xml:base: then it, not an entry's link, is the base. */
  declaresBase: boolean;
}

function buildAtom(raw: RawFeed, feedUrl: string): ParsedFeed {
  const documentBase = referenceBase(feedUrl);
  const declared = rawAttr({ $: raw.attrsRaw }, 'xml:base');
  const declaredBase = resolveUrl(declared, documentBase) ?? documentBase;
  const siteUrl = httpUrl(atomLink(raw.linksRaw, declaredBase, 'alternate'));
  const context: AtomFeedContext = {
    base: declaredBase ?? siteUrl,
    declaresBase: declared !== undefined,
    authors: authorNames(atomAuthors(raw.authorsRaw), []),
  };
  const lang = xmlLang(raw.attrsRaw);
  if (lang) context.lang = lang;
  const entries = raw.items.map((item) => atomEntry(item, context));
  const feedImage = [raw.logoRaw, raw.iconRaw]
    .map((value) => httpUrl(resolveUrl(rawText(value), context.base)))
    .find((url) => url !== undefined);
  return {
    format: 'atom',
    title: plainTitle(raw.titleRaw, rawAttr(raw.titleRaw, 'type')),
    siteUrl,
    ...(feedImage ? { image: feedImage } : {}),
    entries,
  };
}

function atomEntry(item: RawItem, feed: AtomFeedContext): FeedEntry {
  const declared = rawAttr({ $: item.attrsRaw }, 'xml:base');
  const entryBase = resolveUrl(declared, feed.base) ?? feed.base;
  const content = rawList(item.contentRaw)[0];
  const summary = rawList(item.summaryRaw)[0];
  const contentDeclared = rawAttr(content, 'xml:base');
  const contentBase = resolveUrl(contentDeclared, entryBase) ?? entryBase;
  const link =
    httpUrl(resolveUrl(rawText(item.origLinksRaw), entryBase)) ?? atomLink(item.linksRaw, entryBase, 'alternate');
  const contentHtml = atomHtml(content);
  const summaryHtml = atomHtml(summary);
  const entry: FeedEntry = {
    authors: [],
    categories: uniqueNonEmpty(
      rawList(item.categoriesRaw).map((category) => rawAttr(category, 'label') ?? rawAttr(category, 'term')),
    ),
  };
  entry.authors = entryAuthors(entry, atomAuthors(item.authorsRaw), feed);
  // Without an xml:base anywhere, relative references in the content are the entry page's own, as
  // Miniflux and NetNewsWire read them: the entry's link is the base, not the feed's address.
  const declaresBase = feed.declaresBase || declared !== undefined || (content && contentDeclared !== undefined);
  const bodyBase = !declaresBase && httpUrl(link) ? link : content ? contentBase : entryBase;
  assign(entry, 'lang', languageTag(rawAttr(content, 'xml:lang')) ?? xmlLang(item.attrsRaw) ?? feed.lang);
  assign(entry, 'guid', firstText(item.idRaw));
  assign(entry, 'link', link);
  assign(entry, 'title', plainTitle(item.titleRaw, rawAttr(item.titleRaw, 'type')));
  assign(entry, 'published', firstText(item.publishedRaw));
  assign(entry, 'updated', firstText(item.updatedRaw));
  assign(entry, 'contentHtml', contentHtml ?? summaryHtml);
  assign(entry, 'summaryHtml', contentHtml ? summaryHtml : undefined);
  assign(entry, 'baseUrl', bodyBase);
  assign(entry, 'image', atomImage(item, entryBase));
  addMedia(entry, item, entryBase, feed);
  return entry;
}

function atomImage(item: RawItem, base: string | undefined): string | undefined {
  const enclosure = rawList(item.linksRaw).find(
    (link) => rawAttr(link, 'rel') === 'enclosure' && /^image\//i.test(rawAttr(link, 'type') ?? ''),
  );
  return httpUrl(resolveUrl(rawAttr(enclosure, 'href'), base)) ?? imageFromMedia(item, base);
}

/** Set an optional field only when it has a value, so entries carry no `undefined` keys. */
function assign<K extends keyof FeedEntry>(entry: FeedEntry, key: K, value: FeedEntry[K] | undefined): void {
  if (value !== undefined) entry[key] = value;
}
