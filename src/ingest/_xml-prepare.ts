/**
 * Text-level preparation of an XML feed before rss-parser reads it: find the
 * root element, refuse entity declarations, repair stray ampersands and turn
 * Atom `type="xhtml"` constructs into HTML strings. Pure.
 */
import { decodeHTML } from 'entities';
import { FeedParseError } from './errors.ts';

/** The first element of a document, with its raw attribute text. */
export interface RootElement {
  /** Qualified name as written, e.g. `rss`, `rdf:RDF`, `atom:feed`. */
  name: string;
  /** Local name without a prefix, lower-cased. */
  local: string;
  attributes: string;
  /** Offset of the `<` of the root's start tag. */
  start: number;
}

const PROLOG_ITEM = /\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/iy;
const START_TAG = /<([A-Za-z_][\w.:-]*)((?:\s+[^>]*?)?)\s*\/?>/y;

/** Locate the root element, skipping the declaration, comments, PIs and the DOCTYPE. */
export function findRoot(text: string): RootElement | undefined {
  let offset = 0;
  for (;;) {
    PROLOG_ITEM.lastIndex = offset;
    const match = PROLOG_ITEM.exec(text);
    if (!match || match[0].length === 0) break;
    offset = PROLOG_ITEM.lastIndex;
  }
  START_TAG.lastIndex = offset;
  const tag = START_TAG.exec(text);
  if (!tag?.[1]) return undefined;
  const name = tag[1];
  return { name, local: (name.split(':').pop() ?? name).toLowerCase(), attributes: tag[2] ?? '', start: offset };
}

/** A DOCTYPE that declares entities can expand without bound: refuse it before any parser sees it. */
export function assertNoEntityDeclarations(text: string, url: string): void {
  const doctype = /<!DOCTYPE[\s\S]*?(?:\[[\s\S]*?\]\s*>|>)/i.exec(text.slice(0, 65536));
  if (doctype && /<!ENTITY/i.test(doctype[0])) {
    throw new FeedParseError(
      'entities',
      `The feed at ${url} declares XML entities in its DOCTYPE, which feedshelf refuses to expand: ask the publisher for a plain feed.`,
      { url },
    );
  }
}

/**
 * Make every `&` well-formed outside CDATA sections: a bare ampersand (`AT&T`)
 * becomes `&amp;`, an HTML named entity (`&nbsp;`, `&eacute;`) becomes a
 * numeric reference, and an unknown name stays visible as text.
 */
export function repairAmpersands(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(
            /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)(?:([A-Za-z][A-Za-z0-9]*);)?/g,
            (match, name) => {
              if (name === undefined) return '&amp;';
              const decoded = decodeHTML(match);
              if (decoded === match) return `&amp;${name};`;
              return Array.from(decoded, (char) => `&#${char.codePointAt(0)};`).join('');
            },
          ),
    )
    .join('');
}

const XHTML_CONSTRUCT =
  /<((?:[\w-]+:)?(?:title|subtitle|summary|content|rights))(\s[^>]*?\btype\s*=\s*["']xhtml["'][^>]*)>([\s\S]*?)<\/\1\s*>/g;

/** Atom xhtml text constructs become CDATA HTML with type="html", which rss-parser keeps as a string. */
export function xhtmlToHtml(text: string): string {
  if (!/type\s*=\s*["']xhtml["']/.test(text)) return text;
  return text.replace(XHTML_CONSTRUCT, (_match, name: string, attributes: string, inner: string) => {
    const html = inner
      .trim()
      .replace(/^<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div\s*>$/, '$1')
      .replace(/<(\/?)[\w-]+:([\w-]+)/g, '<$1$2')
      .replace(/\sxmlns(?::[\w-]+)?\s*=\s*("[^"]*"|'[^']*')/g, '');
    const htmlAttributes = attributes.replace(/\btype\s*=\s*["']xhtml["']/, 'type="html"');
    return `<${name}${htmlAttributes}><![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`;
  });
}

/** Drop the namespace prefix of a prefixed root (`<atom:feed>`) and its descendants' same prefix. */
export function unprefixRoot(text: string, root: RootElement): string {
  const prefix = root.name.includes(':') ? root.name.slice(0, root.name.indexOf(':')) : '';
  if (!prefix || root.local === 'rdf') return text;
  const escaped = prefix.replace(/[.-]/g, '\\$&');
  return text.replace(new RegExp(`<(/?)${escaped}:`, 'g'), '<$1');
}
