/**
 * Feed entry to archived item: frontmatter fields and a GitHub-flavoured
 * Markdown body (sanitize-html, then rehype-parse -> hast-util-to-mdast ->
 * remark-stringify with GFM). Highlighted code is flattened to its text
 * before conversion, which keeps the code exact and the conversion fast. Pure.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import { defaultHandlers, type Handle, toMdast } from 'hast-util-to-mdast';
import type { Code, Html, Link, Root as MdastRoot, Text } from 'mdast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { slugify } from '#src/archive/slug.ts';
import { languageFromClasses, normaliseLanguage } from './_code-lang.ts';
import { htmlIsland } from './_html-island.ts';
import { httpUrl, resolveUrl } from './_raw.ts';
import { collapseWhitespace, htmlToPlainText, stripControls, truncateWords } from './_text.ts';
import { AlterationLog } from './alterations.ts';
import { parseFeedDate } from './dates.ts';
import { itemKey } from './identity.ts';
import { entryHash } from './item-hash.ts';
import { sanitizeItemHtml } from './sanitize.ts';
import { tidyHast } from './tidy-hast.ts';
import { isEmojiImage, isTrackingImage } from './trackers.ts';
import type { ConvertContext, ConvertedItem, FeedEntry } from './types.ts';

const SUMMARY_MAX = 300;
const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * The earliest publication date kept: JavaScript parses dates back to the year -271821, but the site
 * groups items by year and month and cannot name a month that far back, and no feed predates the year 1000.
 */
const EARLIEST = Date.UTC(1000, 0, 1);

const htmlParser = unified().use(rehypeParse, { fragment: true });
const markdownWriter = unified().use(remarkGfm).use(remarkStringify, {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
});

function classList(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function dataLang(node: Element | undefined): string | undefined {
  const value = node?.properties.dataLang ?? node?.properties.lang;
  return typeof value === 'string' ? normaliseLanguage(value) : undefined;
}

/** Blocks some editors put inside `<pre>`, one per line of code. */
const LINE_BLOCKS = new Set(['p', 'div', 'li', 'tr']);

/** Code text exactly as shown: every text descendant, `<br>` and a block's end as a newline, token spans dropped. */
function codeText(node: ElementContent, parts: string[]): void {
  if (node.type === 'text') parts.push(node.value);
  else if (node.type === 'element') {
    if (node.tagName === 'br') parts.push('\n');
    else for (const child of node.children) codeText(child, parts);
    if (LINE_BLOCKS.has(node.tagName) && !parts[parts.length - 1]?.endsWith('\n')) parts.push('\n');
  }
}

function codeLanguage(pre: Element, parent: Element | undefined): string | undefined {
  const code = pre.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
  return (
    (code && (languageFromClasses(classList(code)) ?? dataLang(code))) ??
    languageFromClasses(classList(pre)) ??
    dataLang(pre) ??
    (parent?.tagName === 'div' ? (languageFromClasses(classList(parent)) ?? dataLang(parent)) : undefined)
  );
}

/**
 * Replace each `<pre>` subtree by one text node, its language kept on the element,
 * and drop source positions, which nothing downstream reads but every copy pays for.
 */
function flattenCode(node: HastRoot | Element, parent: Element | undefined): void {
  for (const child of node.children) {
    delete child.position;
    if (child.type !== 'element') continue;
    if (child.tagName === 'pre') {
      const parts: string[] = [];
      for (const grandchild of child.children) codeText(grandchild, parts);
      const language = codeLanguage(child, node.type === 'element' ? node : parent);
      child.properties = language ? { dataLanguage: language } : {};
      child.children = [{ type: 'text', value: parts.join('') }];
    } else {
      flattenCode(child, node.type === 'element' ? node : parent);
    }
  }
}

const pre: Handle = (state, node) => {
  const first = node.children[0];
  const value = first?.type === 'text' ? first.value : '';
  const language = node.properties.dataLanguage;
  const result: Code = {
    type: 'code',
    lang: typeof language === 'string' ? language : null,
    meta: null,
    value: value.replace(/^\n/, '').replace(/\n+$/, ''),
  };
  state.patch(node, result);
  return result;
};

/** A link whose URL the sanitizer dropped is just its text. */
const link: Handle = (state, node) =>
  typeof node.properties.href === 'string' ? defaultHandlers.a(state, node) : state.all(node);

/** An image whose URL the sanitizer dropped keeps its alt text, as does an emoji image (its alt is the emoji). */
const img: Handle = (state, node) => {
  const src = node.properties.src;
  if (typeof src === 'string' && !isEmojiImage(src)) return defaultHandlers.img(state, node);
  const alt = typeof node.properties.alt === 'string' ? collapseWhitespace(node.properties.alt) : '';
  return alt ? ({ type: 'text', value: alt } satisfies Text) : undefined;
};

/** A formula stays MathML, which Markdown carries as inline HTML and browsers render natively. */
const math: Handle = (state, node) => {
  const result: Html = { type: 'html', value: htmlIsland(node) };
  state.patch(node, result);
  return result;
};

/** An allowed video embed becomes a link to the player: Markdown has no frames. */
const iframe: Handle = (state, node) => {
  const src = node.properties.src;
  if (typeof src !== 'string') return undefined;
  const title = typeof node.properties.title === 'string' ? collapseWhitespace(node.properties.title) : '';
  const result: Link = {
    type: 'link',
    url: src,
    title: null,
    children: [{ type: 'text', value: title || 'Embedded video' }],
  };
  state.patch(node, result);
  return result;
};

const BLOCK_IN_CELL = new Set([
  'ul',
  'ol',
  'pre',
  'table',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'dl',
  'hr',
]);

/** Whether a GFM table would lose something of this one: spans, or blocks inside a cell. */
function needsHtml(node: Element, inCell: boolean): boolean {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const isCell = child.tagName === 'td' || child.tagName === 'th';
    if (isCell && (Number(child.properties.colSpan ?? 1) > 1 || Number(child.properties.rowSpan ?? 1) > 1)) return true;
    if (inCell && BLOCK_IN_CELL.has(child.tagName)) return true;
    if (isCell && child.children.filter((cell) => cell.type === 'element' && cell.tagName === 'p').length > 1)
      return true;
    if (needsHtml(child, inCell || isCell)) return true;
  }
  return false;
}

function descendants(node: Element, name: string): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === name) found.push(child);
    if (child.tagName !== 'table') found.push(...descendants(child, name));
  }
  return found;
}

/** Rows of this table (not of a table nested in it). */
function rowsOf(node: Element): Element[] {
  return node.children.flatMap((child) =>
    child.type !== 'element' ? [] : child.tagName === 'tr' ? [child] : child.tagName === 'table' ? [] : rowsOf(child),
  );
}

function cellsOf(row: Element): Element[] {
  return row.children.filter(
    (cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'),
  );
}

/**
 * A table used for layout, not data: marked so, one row or one column, or holding another table. Its
 * cells' content is the article; as a GFM table it would gain an empty, padded header row.
 */
function isLayoutTable(node: Element): boolean {
  const role = node.properties.role;
  if (role === 'presentation' || role === 'none') return true;
  if (descendants(node, 'table').length > 0) return true;
  const rows = rowsOf(node);
  return rows.length <= 1 || rows.every((row) => cellsOf(row).length <= 1);
}

/** Whether the table says which of its cells are headers (GFM needs a header row). */
function hasHeaderRow(node: Element): boolean {
  const [first] = rowsOf(node);
  return first !== undefined && cellsOf(first).length > 0 && cellsOf(first).every((cell) => cell.tagName === 'th');
}

/**
 * A layout table becomes its cells' content; a data table GFM can express (a header row, no spans,
 * no blocks in cells) becomes a GFM table; any other stays as its sanitized HTML, written without
 * blank lines so the HTML block holds together (./_html-island.ts).
 */
const table: Handle = (state, node) => {
  if (isLayoutTable(node)) {
    return rowsOf(node).flatMap((row) => cellsOf(row).flatMap((cell) => state.toFlow(state.all(cell))));
  }
  if (!needsHtml(node, false) && hasHeaderRow(node)) return defaultHandlers.table(state, node);
  const result: Html = { type: 'html', value: htmlIsland(node) };
  state.patch(node, result);
  return result;
};

function firstImage(node: HastNodes): string | undefined {
  if (node.type === 'element' && node.tagName === 'img') {
    const src = node.properties.src;
    if (typeof src === 'string' && !isEmojiImage(src)) return httpUrl(src);
  }
  if ('children' in node) {
    for (const child of node.children) {
      const found = firstImage(child);
      if (found) return found;
    }
  }
  return undefined;
}

const HEADING = /^h([1-6])$/;

function collectHeadings(node: HastRoot | Element, out: { node: Element; level: number }[]): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const match = HEADING.exec(child.tagName);
    if (match) out.push({ node: child, level: Number(match[1]) });
    collectHeadings(child, out);
  }
}

/**
 * The item page shows the title as its own `<h1>`, so the body's headings sit
 * below it: the highest level in the body becomes h2, every heading moves by
 * the same amount, and in document order none goes more than one level
 * deeper than the one before it (the first at most h2), capped at h6.
 */
export function shiftHeadings(root: HastRoot): void {
  const headings: { node: Element; level: number }[] = [];
  collectHeadings(root, headings);
  if (headings.length === 0) return;
  const offset = 2 - Math.min(...headings.map((heading) => heading.level));
  let previous = 1;
  for (const heading of headings) {
    const level = Math.min(heading.level + offset, previous + 1, 6);
    heading.node.tagName = `h${level}`;
    previous = level;
  }
}

const PRE_BLOCK = /<pre\b[^>]*>[\s\S]*?<\/pre\s*>/gi;
const TOKEN_SPAN = /<span(?:\s+class="[\w -]*")?>|<\/span>/g;

/**
 * Highlighter token spans (`<span class="k">`) carry no text, and on code-heavy
 * posts they are most of the markup: removing the plain ones before sanitizing
 * and parsing leaves the code text identical and the work far smaller.
 */
export function stripTokenSpans(html: string): string {
  if (!html.includes('<pre')) return html;
  return html.replace(PRE_BLOCK, (block) => block.replace(TOKEN_SPAN, ''));
}

/** Sanitized HTML to GFM Markdown, plus the first image it shows; what it removes goes into `log`. */
export function htmlToMarkdown(
  html: string,
  base: string | undefined,
  log?: AlterationLog,
): { markdown: string; image?: string } {
  const clean = sanitizeItemHtml(stripTokenSpans(html), base, log);
  const hast = htmlParser.parse(clean);
  tidyHast(hast);
  flattenCode(hast, undefined);
  shiftHeadings(hast);
  const image = firstImage(hast);
  const mdast = toMdast(hast, { handlers: { pre, a: link, img, iframe, table, math } }) as MdastRoot;
  // C0 controls (a raw U+0001 in a JSON Feed's content_text, a decoded &#1;) have no meaning in Markdown and
  // make the site's Markdown renderer fail the build, so they never reach the archive.
  const markdown = stripControls(markdownWriter.stringify(mdast)).replace(/\s+$/, '');
  return image ? { markdown, image } : { markdown };
}

/** A feed date as an instant; undefined when there is none, NaN when it is not in a form parseFeedDate reads. */
function parseDate(value: string | undefined): number | undefined {
  if (!value?.trim()) return undefined;
  return parseFeedDate(value) ?? Number.NaN;
}

interface Dates {
  published: string;
  updated?: string;
  dateFlag?: 'missing' | 'invalid' | 'future';
}

/** firstSeen as an ISO string; a hand-edited archive can hold one that is not a date. */
function firstSeenIso(ctx: ConvertContext): string {
  const time = Date.parse(ctx.firstSeen);
  if (Number.isNaN(time)) {
    throw new Error(
      `firstSeen "${ctx.firstSeen}" of the archived item is not a date; correct it in the item's frontmatter.`,
    );
  }
  return new Date(time).toISOString();
}

/** Published date, or firstSeen with a flag saying why the feed's date was not used (recorded in `log`). */
export function resolveDates(entry: FeedEntry, ctx: ConvertContext, log?: AlterationLog): Dates {
  const firstSeen = firstSeenIso(ctx);
  const limit = Date.parse(ctx.now) + DAY_MS;
  const published = parseDate(entry.published) ?? parseDate(entry.updated);
  const given = (entry.published?.trim() || entry.updated?.trim()) ?? '';
  if (published === undefined) return { published: firstSeen, dateFlag: 'missing' };
  if (Number.isNaN(published) || published < EARLIEST) {
    log?.add('date-unparsed', given);
    return { published: firstSeen, dateFlag: 'invalid' };
  }
  if (published > limit) {
    log?.add('date-unparsed', `${given} (in the future)`);
    return { published: firstSeen, dateFlag: 'future' };
  }
  const dates: Dates = { published: new Date(published).toISOString() };
  const updated = parseDate(entry.updated);
  if (updated !== undefined && !Number.isNaN(updated) && updated > published && updated <= limit) {
    dates.updated = new Date(updated).toISOString();
  }
  return dates;
}

function uniqueBy(values: readonly string[], key: (value: string) => string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const clean = collapseWhitespace(stripControls(value));
    const id = clean && key(clean);
    if (id && !seen.has(id)) {
      seen.add(id);
      out.push(clean);
    }
  }
  return out;
}

function titleOf(entry: FeedEntry, summary: string): string {
  const title = collapseWhitespace(stripControls(entry.title ?? ''));
  if (title) return title;
  return summary ? truncateWords(summary, 80) : 'Untitled';
}

/** Convert one entry. Same entry and context, same bytes. */
export function convertEntry(entry: FeedEntry, ctx: ConvertContext): ConvertedItem {
  const bodyHtml = entry.contentHtml ?? entry.summaryHtml ?? '';
  const shorterHtml = entry.contentHtml && entry.summaryHtml ? entry.summaryHtml : bodyHtml;
  const summary = truncateWords(htmlToPlainText(shorterHtml), SUMMARY_MAX);
  const log = new AlterationLog();
  for (const alteration of entry.alterations ?? []) log.add(alteration.kind, alteration.detail);
  const { markdown, image: bodyImage } = htmlToMarkdown(bodyHtml, entry.baseUrl, log);
  const dates = resolveDates(entry, ctx, log);
  const link = httpUrl(resolveUrl(entry.link, entry.baseUrl));
  const leadImage = httpUrl(entry.image);
  if (leadImage && isTrackingImage(leadImage)) log.add('tracking-removed', leadImage);
  const image = (leadImage && !isTrackingImage(leadImage) ? leadImage : undefined) ?? bodyImage;
  const frontmatter: Record<string, unknown> = {
    title: titleOf(entry, summary),
    id: itemKey(entry),
    link,
    source: ctx.source,
    authors: uniqueBy(entry.authors, (name) => name),
    tags: uniqueBy([...entry.categories, ...ctx.extraTags], slugify),
    published: dates.published,
    updated: dates.updated,
    firstSeen: firstSeenIso(ctx),
    dateFlag: dates.dateFlag,
    summary,
    hash: entryHash(entry),
    image,
    enclosures: entry.enclosures,
    duration: entry.duration,
    lang: entry.lang,
  };
  for (const key of Object.keys(frontmatter)) {
    if (frontmatter[key] === undefined) delete frontmatter[key];
  }
  const alterations = log.summary();
  return alterations ? { frontmatter, body: markdown, alterations } : { frontmatter, body: markdown };
}
