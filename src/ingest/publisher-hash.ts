/**
 * The publisher hash: a digest of an item exactly as the publisher wrote it in
 * the feed document, so that a change of the machine, the checkout's path or
 * feedshelf's own reading of the feed (its parser, its conversion, its
 * libraries) never looks like an edit, and any edit by the publisher does.
 * Computed from the feed text by a streaming tokenizer (htmlparser2 in XML
 * mode, with entity decoding done here), one hash per item in document order.
 * Pure.
 *
 * Normal form, version 1 (stored as `pub1:` and the first 32 lowercase hex
 * digits of the SHA-256 of the normal form's UTF-8 bytes). Any conforming
 * XML 1.0 parser with namespaces, or any JSON parser, yields the same form:
 *
 * XML (RSS 2.0, RSS 0.9x, RSS 1.0, Atom). The items are the `item` children
 * of the root's first `channel` child (RSS 2.0 and 0.9x), the `item`
 * children of the root (RSS 1.0) and the `entry` children of the root
 * (Atom), matched by local name, unprefixed or with the root's prefix (RSS
 * 1.0: the prefix bound to `http://purl.org/rss/1.0/`). An element E is the
 * JSON array `[name, attributes, ...children]`:
 * - name: `{namespace URI}local-name` when the element is in a namespace,
 *   else the name as written (no namespace, or an undeclared prefix);
 * - attributes: a JSON object of every attribute but the namespace
 *   declarations (`xmlns`, `xmlns:*`), keyed like names (an unprefixed
 *   attribute by its local name; `xml:` is the XML namespace), each value
 *   decoded and normalised as text is;
 * - children in document order: elements, and text nodes. A text node is the
 *   character data between two consecutive tags (start or end) of elements,
 *   CDATA sections included and comments and processing instructions left
 *   out; references decoded per XML 1.0 (`&lt; &gt; &amp; &apos; &quot;` and
 *   character references to an XML Char; any other `&` is kept as written,
 *   which only a feed that is not well-formed has); then every run of
 *   #x20, #x9, #xD, #xA made one space, and a leading or trailing space
 *   removed. An empty text node is left out.
 * - Left out, because the item's key (identity.ts) already stands for it: the
 *   identity, which is the item's `guid` child (RSS; `id` in Atom), matched as
 *   items are, and the `{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about`
 *   attribute of an RSS 1.0 item. A guid that only moved to https names the
 *   same item with the same content; one that names another item is a new key.
 * - Left out with their content, because they count readers and not words:
 *   comment counters, `{http://purl.org/rss/1.0/modules/slash/}comments`,
 *   `{http://purl.org/syndication/thread/1.0}total`, and the attributes
 *   `count` and `updated` of the thread namespace.
 * JSON Feed: each element of `items` as parsed (strings unchanged), without
 * the identity, its `id` member.
 * Both are serialised as RFC 8785 (JSON Canonicalization Scheme): object
 * keys sorted by UTF-16 code units, no whitespace, ECMAScript string and
 * number serialisation. An XML item is an array and a JSON item an object,
 * so the two never share a form.
 */
import { createHash, type Hash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import type { ParsedFeed } from './types.ts';

/** The prefix of a version-1 publisher hash. */
export const PUBLISHER_HASH_PREFIX = 'pub1:';

const HEX_DIGITS = 32;
const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const RSS1_NAMESPACE = 'http://purl.org/rss/1.0/';
const THREAD = '{http://purl.org/syndication/thread/1.0}';
const LEFT_OUT_ELEMENTS = new Set(['{http://purl.org/rss/1.0/modules/slash/}comments', `${THREAD}total`]);
const LEFT_OUT_ATTRIBUTES = new Set([`${THREAD}count`, `${THREAD}updated`]);
const RDF_ABOUT = '{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about';

/** Whether a stored hash is of the current publisher form. */
export function isPublisherHash(hash: string): boolean {
  return hash.startsWith(PUBLISHER_HASH_PREFIX);
}

function finish(hash: Hash): string {
  return `${PUBLISHER_HASH_PREFIX}${hash.digest('hex').slice(0, HEX_DIGITS)}`;
}

/**
 * RFC 8785 serialisation of a JSON value, piece by piece to `write`. Iterative:
 * JSON.parse accepts nesting far deeper than a recursive walk could follow.
 */
function writeCanonicalJson(value: unknown, write: (text: string) => void): void {
  const stack: ({ text: string } | { value: unknown })[] = [{ value }];
  while (stack.length > 0) {
    const next = stack.pop() as { text: string } | { value: unknown };
    if ('text' in next) {
      write(next.text);
      continue;
    }
    const current = next.value;
    if (current === null || typeof current !== 'object') {
      write(JSON.stringify(current) ?? 'null');
    } else if (Array.isArray(current)) {
      write('[');
      stack.push({ text: ']' });
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push({ value: current[i] });
        if (i > 0) stack.push({ text: ',' });
      }
    } else {
      const record = current as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      write('{');
      stack.push({ text: '}' });
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: record[key] });
        stack.push({ text: `${JSON.stringify(key)}:` });
        if (i > 0) stack.push({ text: ',' });
      }
    }
  }
}

/** RFC 8785 serialisation of a JSON value. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeCanonicalJson(value, (text) => parts.push(text));
  return parts.join('');
}

/** The publisher hash of one JSON Feed item, as JSON.parse gave it. */
export function jsonItemHash(item: unknown): string {
  const form = typeof item === 'object' && item !== null && !Array.isArray(item) ? { ...item, id: undefined } : item;
  const hash = createHash('sha256');
  writeCanonicalJson(form, (text) => hash.update(text));
  return finish(hash);
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** XML 1.0 reference decoding; anything that is not a valid reference stays as written. */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  // `&lt;` and kin cannot overlap another reference, and none of them makes one: they go first, in bulk.
  // `&amp;` and character references produce a `&`, so they share one pass and nothing is decoded twice.
  const named = text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'");
  if (!named.includes('&#')) return named.replaceAll('&amp;', '&');
  return named.replace(/&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|amp);/g, (match, hex, decimal) => {
    if (hex === undefined && decimal === undefined) return '&';
    const code = hex === undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex, 16);
    return isXmlChar(code) ? String.fromCodePoint(code) : match;
  });
}

/** Runs of XML whitespace made one space, none at either end (a JS trim would also drop U+00A0 and kin). */
export function normaliseXmlSpace(text: string): string {
  // Single spaces are already their own normal form; only other runs need replacing.
  const collapsed = text.replace(/[ \t\r\n]{2,}|[\t\r\n]/g, ' ');
  const start = collapsed.startsWith(' ') ? 1 : 0;
  const end = collapsed.endsWith(' ') ? collapsed.length - 1 : collapsed.length;
  return start >= end ? '' : collapsed.slice(start, end);
}

type Scope = Record<string, string>;

function prefixOf(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? '' : qname.slice(0, colon);
}

function localOf(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

/** `{uri}local`, or the name as written when it is in no namespace. */
function expandedName(qname: string, scope: Scope, isAttribute: boolean): string {
  const prefix = prefixOf(qname);
  if (isAttribute && prefix === '') return qname;
  const uri = prefix === 'xml' ? XML_NAMESPACE : scope[prefix];
  return uri ? `{${uri}}${localOf(qname)}` : qname;
}

function withDeclarations(parent: Scope, attributes: Record<string, string>): Scope {
  let scope = parent;
  for (const name in attributes) {
    const value = attributes[name] as string;
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    if (scope === parent) scope = Object.create(parent) as Scope;
    scope[name === 'xmlns' ? '' : name.slice(6)] = decodeXmlReferences(value).trim();
  }
  return scope;
}

function attributesJson(attributes: Record<string, string>, scope: Scope, isItem = false): string {
  let any = false;
  for (const _ in attributes) {
    any = true;
    break;
  }
  if (!any) return '{}';
  const normalised: Record<string, string> = {};
  for (const name in attributes) {
    const value = attributes[name] as string;
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const key = expandedName(name, scope, true);
    if (LEFT_OUT_ATTRIBUTES.has(key) || (isItem && key === RDF_ABOUT)) continue;
    normalised[key] = normaliseXmlSpace(decodeXmlReferences(value));
  }
  return canonicalJson(normalised);
}

/** One publisher hash per item (RSS) or entry (Atom) of an XML feed document, in document order. */
export function xmlItemHashes(text: string): string[] {
  const hashes: string[] = [];
  const scopes: Scope[] = [Object.create(null) as Scope];
  let depth = 0;
  let prefixes = new Set(['']);
  let itemName = 'item';
  let itemDepth = 2;
  let channelDepth = 0;
  let channelSeen = false;
  // The item's normal form so far: hashed once, when the item ends (one native call instead of dozens).
  let item: string | undefined;
  let skipDepth = 0;
  let raw = '';
  let decoded = '';
  const named = (qname: string, local: string) => localOf(qname) === local && prefixes.has(prefixOf(qname));
  const flushText = () => {
    if (raw === '' && decoded === '') return;
    const node = normaliseXmlSpace(decoded + decodeXmlReferences(raw));
    raw = '';
    decoded = '';
    if (node && item !== undefined) item += `,${JSON.stringify(node)}`;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        depth++;
        const scope = withDeclarations(scopes[scopes.length - 1] as Scope, attributes);
        scopes.push(scope);
        if (item !== undefined) {
          if (skipDepth) return;
          flushText();
          const expanded = expandedName(name, scope, false);
          const isIdentity = depth === itemDepth + 1 && named(name, itemName === 'entry' ? 'id' : 'guid');
          if (isIdentity || LEFT_OUT_ELEMENTS.has(expanded)) skipDepth = depth;
          else item += `,[${JSON.stringify(expanded)},${attributesJson(attributes, scope)}`;
          return;
        }
        if (depth === 1) {
          const local = localOf(name).toLowerCase();
          const rss1Prefix = Object.entries(attributes).find(
            ([key, uri]) => key.startsWith('xmlns') && uri.trim() === RSS1_NAMESPACE,
          )?.[0];
          prefixes = new Set(['', local === 'rdf' ? (rss1Prefix?.slice(6) ?? '') : prefixOf(name)]);
          itemName = local === 'feed' ? 'entry' : 'item';
          itemDepth = local === 'rss' ? 3 : 2;
        } else if (depth === 2 && itemDepth === 3 && !channelSeen && named(name, 'channel')) {
          channelSeen = true;
          channelDepth = 2;
        } else if (depth === itemDepth && (itemDepth === 2 || channelDepth === 2) && named(name, itemName)) {
          raw = '';
          decoded = '';
          item = `[${JSON.stringify(expandedName(name, scope, false))},${attributesJson(attributes, scope, true)}`;
        }
      },
      ontext(data) {
        if (item !== undefined && !skipDepth) raw += data;
      },
      oncdatastart() {
        decoded += decodeXmlReferences(raw);
        raw = '';
      },
      oncdataend() {
        // CDATA content is taken as written: move it from the raw run to the decoded one.
        if (item !== undefined && !skipDepth) decoded += raw;
        raw = '';
      },
      onclosetag() {
        if (item !== undefined) {
          if (skipDepth) {
            if (depth === skipDepth) skipDepth = 0;
          } else {
            flushText();
            item += ']';
            if (depth === itemDepth) {
              hashes.push(finish(createHash('sha256').update(item)));
              item = undefined;
            }
          }
        } else if (depth === channelDepth) channelDepth = -1;
        scopes.pop();
        depth--;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true },
  );
  parser.end(text);
  return hashes;
}

/**
 * Give each entry of an XML feed its publisher hash. When the items found here are not as many as
 * the parser's entries (a document only a lenient reading gets entries from), none is given and
 * the entries keep the legacy form.
 */
export function attachPublisherHashes(parsed: ParsedFeed, text: string): ParsedFeed {
  const hashes = xmlItemHashes(text);
  if (hashes.length !== parsed.entries.length) return parsed;
  parsed.entries.forEach((entry, i) => {
    entry.publisherHash = hashes[i];
  });
  return parsed;
}
