/**
 * The shape of one fuzz case: a feed described as data (format, fields,
 * encoding, byte mutations) rather than as bytes, so fast-check can shrink it
 * field by field and the same case always renders to the same bytes.
 */

/** A run of one unit repeated: huge fields stay small in the case and are expanded when rendered. */
export interface Repeat {
  repeat: string;
  times: number;
}

/** Text made of pieces; a piece is literal text or a repeat. */
export type Text = readonly (string | Repeat)[];

/** HTML nested `depth` levels deep, innermost `inner`. */
export interface Nested {
  nest: string;
  depth: number;
  inner: string;
}

/** An item body: pieces of HTML, or one deeply nested tree. */
export type Body = Text | Nested;

/** How a text field is written into XML. */
export type XmlMode = 'escaped' | 'cdata' | 'raw' | 'double-escaped';

export type GeneratedFormat = 'rss2' | 'atom' | 'rss1' | 'json';

export interface ItemSpec {
  title?: Text;
  titleMode: XmlMode;
  /** Atom `type` of the title and content; anything, including nonsense. */
  atomType: string;
  link?: Text;
  guid?: Text;
  authors: Text[];
  tags: Text[];
  published?: Text;
  updated?: Text;
  content?: Body;
  contentMode: XmlMode;
  summary?: Text;
  image?: Text;
  /** xml:base on the item (Atom, RSS) or nothing. */
  base?: Text;
}

/** Which field of the first item the other items copy, so ids, links and titles collide. */
export type Collision = 'none' | 'guid' | 'link' | 'title' | 'guid-variant' | 'everything';

export interface FeedSpec {
  format: GeneratedFormat;
  title?: Text;
  link?: Text;
  base?: Text;
  authors: Text[];
  items: ItemSpec[];
  collision: Collision;
  /** An element (or JSON value) nested this deep inside the first item. */
  deepElement: number;
  /** `atom:feed`, `rdf:RDF` under another prefix, RSS 0.91, a bogus version... */
  dialect: 'plain' | 'prefixed' | 'old-version' | 'no-version';
}

/** How the rendered text becomes bytes. */
export type Encoding =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le-bom'
  | 'utf-16be-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'utf-16le-declared-utf-8'
  | 'latin1-declared-utf-8'
  | 'utf-8-declared-latin1'
  | 'windows-1251'
  | 'gb18030'
  | 'unknown-label';

/** A byte-level change; positions are taken modulo the document's length. */
export type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; mask: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'insert-text'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number };

/** A feed written by the generator, then encoded and possibly mutated. */
export interface GeneratedCase {
  source: 'generated';
  feed: FeedSpec;
  encoding: Encoding;
  mutations: Mutation[];
}

/** One of the project's own valid feeds, mutated at the byte level. */
export interface SeedCase {
  source: 'seed';
  /** A name from the seed list (scripts/fuzz/seeds-fs.ts). */
  seed: string;
  mutations: Mutation[];
}

export type FuzzCase = GeneratedCase | SeedCase;

/** Expand a text into a string. */
export function textValue(text: Text): string {
  return text.map((piece) => (typeof piece === 'string' ? piece : piece.repeat.repeat(piece.times))).join('');
}

/** Expand a body into HTML. */
export function bodyValue(body: Body): string {
  if (!isNested(body)) return textValue(body);
  return `${`<${body.nest}>`.repeat(body.depth)}${body.inner}${`</${body.nest}>`.repeat(body.depth)}`;
}

export function isNested(body: Body): body is Nested {
  return !Array.isArray(body) && typeof body === 'object' && 'nest' in body;
}
