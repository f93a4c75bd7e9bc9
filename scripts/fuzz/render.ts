/**
 * A FeedSpec written out as a document: RSS 2.0, Atom 1.0, RSS 1.0 (RDF) or
 * JSON Feed 1.1, each field in the XML form the spec asks for (escaped, CDATA,
 * raw or escaped twice). Pure: same spec, same text.
 */
import {
  bodyValue,
  type Collision,
  type FeedSpec,
  type ItemSpec,
  type Text,
  textValue,
  type XmlMode,
} from './model.ts';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function xmlText(text: string, mode: XmlMode): string {
  if (mode === 'cdata') return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  if (mode === 'raw') return text;
  if (mode === 'double-escaped') return escapeXml(escapeXml(text));
  return escapeXml(text);
}

function opt(text: Text | undefined): string | undefined {
  return text === undefined ? undefined : textValue(text);
}

function element(name: string, value: string | undefined, attributes = ''): string {
  return value === undefined ? '' : `<${name}${attributes}>${value}</${name}>`;
}

function attribute(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeXml(value)}"`;
}

const GUID_VARIANTS = [
  'http://example.org/posts/1',
  'https://example.org/posts/1',
  'https://www.example.org/posts/1/',
  'HTTP://WWW.EXAMPLE.ORG/posts/1',
];

/** Items after the collision: the others copy a field of the first one. */
export function collide(items: readonly ItemSpec[], collision: Collision): ItemSpec[] {
  const first = items[0];
  if (first === undefined || collision === 'none') return [...items];
  return items.map((item, index) => {
    if (collision === 'everything') return first;
    if (collision === 'guid-variant') return { ...item, guid: [GUID_VARIANTS[index % GUID_VARIANTS.length] ?? ''] };
    if (collision === 'guid') return first.guid === undefined ? item : { ...item, guid: first.guid };
    if (collision === 'link') return first.link === undefined ? item : { ...item, link: first.link };
    return first.title === undefined ? item : { ...item, title: first.title };
  });
}

function deepXml(depth: number): string {
  if (depth === 0) return '';
  return `<x:deep xmlns:x="urn:fuzz">${'<x:n>'.repeat(depth)}deep${'</x:n>'.repeat(depth)}</x:deep>`;
}

function declaration(declared: string | undefined): string {
  return declared === undefined
    ? '<?xml version="1.0"?>\n'
    : `<?xml version="1.0" encoding="${escapeXml(declared)}"?>\n`;
}

function bodyText(item: ItemSpec): string | undefined {
  return item.content === undefined ? undefined : bodyValue(item.content);
}

function rss2Item(item: ItemSpec, index: number, deep: string): string {
  const authors = item.authors
    .map((author, i) => element((index + i) % 2 === 0 ? 'author' : 'dc:creator', xmlText(textValue(author), 'escaped')))
    .join('');
  const image = opt(item.image);
  const media =
    image === undefined
      ? ''
      : index % 2 === 0
        ? `<enclosure${attribute('url', image)} type="image/png" length="1"/>`
        : `<media:thumbnail${attribute('url', image)}/>`;
  const title = opt(item.title);
  const summary = opt(item.summary);
  const content = bodyText(item);
  return [
    `<item${attribute('xml:base', opt(item.base))}>`,
    element('title', title === undefined ? undefined : xmlText(title, item.titleMode)),
    element('link', opt(item.link) === undefined ? undefined : escapeXml(opt(item.link) ?? '')),
    element('guid', opt(item.guid) === undefined ? undefined : escapeXml(opt(item.guid) ?? ''), ' isPermaLink="false"'),
    authors,
    item.tags.map((tag) => element('category', xmlText(textValue(tag), item.titleMode))).join(''),
    element('pubDate', opt(item.published) === undefined ? undefined : escapeXml(opt(item.published) ?? '')),
    element('atom:updated', opt(item.updated) === undefined ? undefined : escapeXml(opt(item.updated) ?? '')),
    element('description', summary === undefined ? undefined : xmlText(summary, item.contentMode)),
    element('content:encoded', content === undefined ? undefined : xmlText(content, item.contentMode)),
    media,
    deep,
    '</item>',
  ].join('');
}

function renderRss2(feed: FeedSpec, items: ItemSpec[], declared: string | undefined): string {
  const version =
    feed.dialect === 'old-version' ? ' version="0.91"' : feed.dialect === 'no-version' ? '' : ' version="2.0"';
  const doctype = feed.dialect === 'prefixed' ? '<!DOCTYPE rss>\n' : '';
  const ns =
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"';
  const title = opt(feed.title);
  return [
    declaration(declared),
    doctype,
    `<rss${version}${ns}>\n<channel${attribute('xml:base', opt(feed.base))}>\n`,
    element('title', title === undefined ? undefined : xmlText(title, 'escaped')),
    element('link', opt(feed.link) === undefined ? undefined : escapeXml(opt(feed.link) ?? '')),
    '<description>A generated feed</description>\n',
    items.map((item, index) => rss2Item(item, index, index === 0 ? deepXml(feed.deepElement) : '')).join('\n'),
    '\n</channel>\n</rss>\n',
  ].join('');
}

function atomConstruct(name: string, value: string | undefined, type: string, mode: XmlMode): string {
  if (value === undefined) return '';
  const typeAttribute = type === '' ? '' : ` type="${escapeXml(type)}"`;
  if (type === 'xhtml') {
    return `<${name}${typeAttribute}><div xmlns="http://www.w3.org/1999/xhtml">${value}</div></${name}>`;
  }
  return `<${name}${typeAttribute}>${xmlText(value, mode)}</${name}>`;
}

function renderAtom(feed: FeedSpec, items: ItemSpec[], declared: string | undefined): string {
  const p = feed.dialect === 'prefixed' ? 'atom:' : '';
  const ns = p ? ' xmlns:atom="http://www.w3.org/2005/Atom"' : ' xmlns="http://www.w3.org/2005/Atom"';
  const person = (name: Text) => `<${p}author><${p}name>${escapeXml(textValue(name))}</${p}name></${p}author>`;
  const entries = items.map((item, index) => {
    const link = opt(item.link);
    const image = opt(item.image);
    return [
      `<${p}entry${attribute('xml:base', opt(item.base))}>`,
      element(`${p}id`, opt(item.guid) === undefined ? undefined : escapeXml(opt(item.guid) ?? '')),
      atomConstruct(`${p}title`, opt(item.title), item.atomType, item.titleMode),
      link === undefined ? '' : `<${p}link rel="alternate"${attribute('href', link)}/>`,
      item.authors.map(person).join(''),
      item.tags.map((tag, i) => `<${p}category${attribute(i % 2 === 0 ? 'term' : 'label', textValue(tag))}/>`).join(''),
      element(`${p}published`, opt(item.published) === undefined ? undefined : escapeXml(opt(item.published) ?? '')),
      element(`${p}updated`, opt(item.updated) === undefined ? undefined : escapeXml(opt(item.updated) ?? '')),
      atomConstruct(`${p}summary`, opt(item.summary), item.atomType === 'xhtml' ? 'html' : 'text', item.contentMode),
      atomConstruct(`${p}content`, bodyText(item), item.atomType, item.contentMode),
      image === undefined ? '' : `<${p}link rel="enclosure" type="image/png"${attribute('href', image)}/>`,
      index === 0 ? deepXml(feed.deepElement) : '',
      `</${p}entry>`,
    ].join('');
  });
  const title = opt(feed.title);
  const link = opt(feed.link);
  return [
    declaration(declared),
    `<${p}feed${ns}${attribute('xml:base', opt(feed.base))}>\n`,
    atomConstruct(`${p}title`, title, 'text', 'escaped'),
    `<${p}id>urn:fuzz:feed</${p}id><${p}updated>2026-01-01T00:00:00Z</${p}updated>`,
    link === undefined ? '' : `<${p}link rel="alternate"${attribute('href', link)}/>`,
    feed.authors.map(person).join(''),
    '\n',
    entries.join('\n'),
    `\n</${p}feed>\n`,
  ].join('');
}

function renderRss1(feed: FeedSpec, items: ItemSpec[], declared: string | undefined): string {
  const p = feed.dialect === 'prefixed' ? 'rss:' : '';
  const ns = p ? ' xmlns:rss="http://purl.org/rss/1.0/"' : ' xmlns="http://purl.org/rss/1.0/"';
  const about = (item: ItemSpec, index: number) => opt(item.guid) ?? opt(item.link) ?? `urn:fuzz:item:${index}`;
  const rdfItems = items.map((item, index) => {
    const title = opt(item.title);
    const summary = opt(item.summary);
    const content = bodyText(item);
    return [
      `<${p}item${attribute('rdf:about', about(item, index))}>`,
      element(`${p}title`, title === undefined ? undefined : xmlText(title, item.titleMode)),
      element(`${p}link`, opt(item.link) === undefined ? undefined : escapeXml(opt(item.link) ?? '')),
      element(`${p}description`, summary === undefined ? undefined : xmlText(summary, item.contentMode)),
      item.authors.map((author) => element('dc:creator', escapeXml(textValue(author)))).join(''),
      item.tags.map((tag) => element('dc:subject', xmlText(textValue(tag), item.titleMode))).join(''),
      element('dc:date', opt(item.published) === undefined ? undefined : escapeXml(opt(item.published) ?? '')),
      element('dcterms:modified', opt(item.updated) === undefined ? undefined : escapeXml(opt(item.updated) ?? '')),
      element('content:encoded', content === undefined ? undefined : xmlText(content, item.contentMode)),
      index === 0 ? deepXml(feed.deepElement) : '',
      `</${p}item>`,
    ].join('');
  });
  const title = opt(feed.title);
  const link = opt(feed.link);
  return [
    declaration(declared),
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
    `${ns} xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"`,
    ' xmlns:content="http://purl.org/rss/1.0/modules/content/">\n',
    `<${p}channel${attribute('rdf:about', link ?? 'urn:fuzz:feed')}>`,
    element(`${p}title`, title === undefined ? undefined : escapeXml(title)),
    element(`${p}link`, link === undefined ? undefined : escapeXml(link)),
    `<${p}description>A generated feed</${p}description>`,
    `<${p}items><rdf:Seq>`,
    items.map((item, index) => `<rdf:li${attribute('rdf:resource', about(item, index))}/>`).join(''),
    `</rdf:Seq></${p}items></${p}channel>\n`,
    rdfItems.join('\n'),
    '\n</rdf:RDF>\n',
  ].join('');
}

/** Where the deep value goes; JSON.stringify itself would overflow the stack on it. */
const DEEP_PLACEHOLDER = 'fuzz-deep-value';

/** Arrays and objects nested `depth` levels, as JSON text. */
function deepJson(depth: number): string {
  let open = '';
  let close = '';
  for (let level = 0; level < depth; level++) {
    open += level % 2 === 0 ? '[' : '{"n":';
    close = (level % 2 === 0 ? ']' : '}') + close;
  }
  return `${open}"deep"${close}`;
}

function jsonItem(item: ItemSpec, index: number, feed: FeedSpec): Record<string, unknown> {
  const odd = feed.dialect === 'prefixed';
  const content = bodyText(item);
  const json: Record<string, unknown> = {
    id: odd && index % 2 === 0 ? 1000 + index : opt(item.guid),
    url: opt(item.link),
    title: opt(item.title),
    summary: opt(item.summary),
    image: opt(item.image),
    date_published: opt(item.published),
    date_modified: opt(item.updated),
    authors: odd
      ? item.authors.map((author) => ({ name: [textValue(author)] }))
      : item.authors.map((author) => ({ name: textValue(author) })),
    tags: odd ? [...item.tags.map(textValue), 42, null, {}] : item.tags.map(textValue),
  };
  if (content !== undefined) {
    if (item.contentMode === 'cdata') json.content_text = content;
    else json.content_html = item.contentMode === 'double-escaped' ? `${content}${content}` : content;
  }
  if (index === 0 && feed.deepElement > 0) json._deep = DEEP_PLACEHOLDER;
  return json;
}

function renderJson(feed: FeedSpec, items: ItemSpec[]): string {
  const version =
    feed.dialect === 'old-version'
      ? 'https://jsonfeed.org/version/1'
      : feed.dialect === 'no-version'
        ? undefined
        : 'https://jsonfeed.org/version/1.1';
  const json = {
    version,
    title: opt(feed.title),
    home_page_url: opt(feed.link),
    authors: feed.authors.map((author) => ({ name: textValue(author) })),
    items: [
      ...items.map((item, index) => jsonItem(item, index, feed)),
      ...(feed.dialect === 'prefixed' ? [7, null, 'x'] : []),
    ],
  };
  const text = JSON.stringify(json, null, 1).replace(`"${DEEP_PLACEHOLDER}"`, () => deepJson(feed.deepElement));
  return `${text}\n`;
}

/** The document for a feed spec; `declared` is the XML declaration's encoding label, if any. */
export function renderFeed(feed: FeedSpec, declared: string | undefined): string {
  const items = collide(feed.items, feed.collision);
  if (feed.format === 'json') return renderJson(feed, items);
  if (feed.format === 'atom') return renderAtom(feed, items, declared);
  if (feed.format === 'rss1') return renderRss1(feed, items, declared);
  return renderRss2(feed, items, declared);
}
