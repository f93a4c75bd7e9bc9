/**
 * fast-check arbitraries for fuzz cases: feeds in the four formats with every
 * field hostile, huge, empty or odd, written in a chosen (or wrong) encoding,
 * and byte-level mutations of generated and of the project's own valid feeds.
 */
import fc from 'fast-check';
import type {
  Body,
  Collision,
  Encoding,
  FeedSpec,
  FuzzCase,
  GeneratedCase,
  ItemSpec,
  Mutation,
  Nested,
  SeedCase,
  Text,
  XmlMode,
} from './model.ts';
import { DATE_PAYLOADS, HTML_PAYLOADS, marker, TEXT_PAYLOADS, URL_PAYLOADS } from './payloads.ts';

const WORDS = ['feed', 'archive', 'notes', 'release', 'Überblick', 'café', 'naïve', '日本語', 'Привет', 'x', 'a-b'];

const word = fc.constantFrom(...WORDS);

/** A long run of one unit: names of hundreds of characters, titles of thousands. */
const longRun = fc.record({
  repeat: fc.constantFrom('x', 'ab ', 'é', '漢', '-', ' ', '<b>', '&amp;', 'a\u0301', '\u202e'),
  times: fc.integer({ min: 100, max: 4000 }),
});

const textPiece: fc.Arbitrary<string | { repeat: string; times: number }> = fc.oneof(
  { weight: 12, arbitrary: word },
  { weight: 12, arbitrary: fc.constantFrom(...TEXT_PAYLOADS) },
  { weight: 6, arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }) },
  { weight: 3, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
  { weight: 1, arbitrary: longRun },
);

/** Display text: words, hostile strings, random Unicode, long runs, or nothing at all. */
export const textArb: fc.Arbitrary<Text> = fc.oneof(
  { weight: 12, arbitrary: fc.array(textPiece, { minLength: 1, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.constantFrom<Text>([' '], ['\t\n '], ['\u00a0']) },
);

const namePiece: fc.Arbitrary<string | { repeat: string; times: number }> = fc.oneof(
  { weight: 120, arbitrary: textPiece.filter((piece) => typeof piece === 'string') },
  { weight: 1, arbitrary: longRun },
);

/**
 * Author and tag names: like display text, but a name of hundreds of characters is rarer, since every
 * one becomes a page of its own and a site build stops at the first that fails.
 */
export const nameArb: fc.Arbitrary<Text> = fc.oneof(
  { weight: 12, arbitrary: fc.array(namePiece, { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constant([]) },
  { weight: 1, arbitrary: fc.constantFrom<Text>([' '], ['\t\n '], ['\u00a0']) },
);

/** URLs: script schemes, traversal, relative and broken forms, and ordinary ones. */
export const urlArb: fc.Arbitrary<Text> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...URL_PAYLOADS).map((url): Text => [url]) },
  { weight: 2, arbitrary: fc.webUrl({ withFragments: true, withQueryParameters: true }).map((url): Text => [url]) },
  { weight: 1, arbitrary: fc.webPath().map((path): Text => [path]) },
  { weight: 1, arbitrary: textArb },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 200, max: 3000 })
      .map((times): Text => ['https://example.org/', { repeat: 'a/', times }]),
  },
);

/** Dates: valid, impossible, out of range and not dates. */
export const dateArb: fc.Arbitrary<Text> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...DATE_PAYLOADS).map((date): Text => [date]) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.boolean(),
      )
      .map(([date, rfc]): Text => [rfc ? date.toUTCString() : date.toISOString()]),
  },
  { weight: 1, arbitrary: textArb },
);

const ATTRIBUTES = [
  'onerror',
  'onload',
  'onclick',
  'href',
  'src',
  'style',
  'class',
  'data-lang',
  'srcset',
  'xlink:href',
];
const TAGS = ['a', 'img', 'p', 'div', 'span', 'svg', 'iframe', 'script', 'style', 'pre', 'code', 'table', 'td', 'math'];

/** One element with a hostile attribute, written the way feeds write HTML. */
const elementArb = fc
  .tuple(
    fc.constantFrom(...TAGS),
    fc.constantFrom(...ATTRIBUTES),
    fc.oneof(fc.constantFrom(...URL_PAYLOADS), fc.constant(marker('attr'))),
    fc.oneof(word, fc.constantFrom(...TEXT_PAYLOADS)),
  )
  .map(([tag, name, value, inner]) => `<${tag} ${name}="${value.replaceAll('"', '&quot;')}">${inner}</${tag}>`);

const htmlPiece: fc.Arbitrary<string | { repeat: string; times: number }> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HTML_PAYLOADS) },
  { weight: 3, arbitrary: elementArb },
  { weight: 2, arbitrary: fc.constantFrom(...TEXT_PAYLOADS) },
  { weight: 2, arbitrary: word.map((w) => `<p>${w}</p>`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }) },
);

const nestedArb: fc.Arbitrary<Nested> = fc.record({
  nest: fc.constantFrom('div', 'blockquote', 'span', 'b', 'ul', 'li', 'table', 'svg', 'math', 'details', 'q', 'em'),
  depth: fc.integer({ min: 100, max: 6000 }),
  inner: fc.constantFrom(...HTML_PAYLOADS),
});

/** Item bodies: hostile HTML, a deep tree, or a huge run of paragraphs. */
export const bodyArb: fc.Arbitrary<Body> = fc.oneof(
  { weight: 60, arbitrary: fc.array(htmlPiece, { minLength: 1, maxLength: 8 }) },
  { weight: 2, arbitrary: nestedArb },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1000, max: 8000 })
      .map((times): Text => [{ repeat: '<p>Lorem ipsum dolor sit amet, <b>consectetur</b>.</p>', times }]),
  },
  { weight: 2, arbitrary: fc.constant([]) },
);

const xmlModeArb: fc.Arbitrary<XmlMode> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<XmlMode>('escaped', 'cdata') },
  { weight: 1, arbitrary: fc.constantFrom<XmlMode>('raw', 'double-escaped') },
);

const itemArb: fc.Arbitrary<ItemSpec> = fc.record(
  {
    title: textArb,
    titleMode: xmlModeArb,
    atomType: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('html', 'text') },
      { weight: 1, arbitrary: fc.constantFrom('xhtml', 'text/html', 'image/png', 'HTML', '') },
    ),
    link: urlArb,
    guid: fc.oneof(urlArb, textArb),
    authors: fc.array(nameArb, { maxLength: 3 }),
    tags: fc.array(nameArb, { maxLength: 4 }),
    published: dateArb,
    updated: dateArb,
    content: bodyArb,
    contentMode: xmlModeArb,
    summary: fc.oneof(
      textArb,
      bodyArb.filter((body): body is Text => Array.isArray(body)),
    ),
    image: urlArb,
    base: urlArb,
  },
  {
    requiredKeys: ['titleMode', 'atomType', 'authors', 'tags', 'contentMode'],
  },
);

const collisionArb: fc.Arbitrary<Collision> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Collision>('none') },
  { weight: 1, arbitrary: fc.constantFrom<Collision>('guid', 'link', 'title', 'guid-variant', 'everything') },
);

export const feedArb: fc.Arbitrary<FeedSpec> = fc.record(
  {
    format: fc.constantFrom('rss2', 'atom', 'rss1', 'json'),
    title: textArb,
    link: urlArb,
    base: urlArb,
    authors: fc.array(nameArb, { maxLength: 2 }),
    items: fc.oneof(
      { weight: 30, arbitrary: fc.array(itemArb, { maxLength: 7 }) },
      // Enough entries for the snapshot to convert them in its worker threads.
      { weight: 1, arbitrary: fc.array(itemArb, { minLength: 64, maxLength: 72 }) },
    ),
    collision: collisionArb,
    deepElement: fc.oneof(
      { weight: 20, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 20000 }) },
    ),
    dialect: fc.oneof(
      { weight: 6, arbitrary: fc.constant<FeedSpec['dialect']>('plain') },
      { weight: 1, arbitrary: fc.constantFrom<FeedSpec['dialect']>('prefixed', 'old-version', 'no-version') },
    ),
  },
  { requiredKeys: ['format', 'authors', 'items', 'collision', 'deepElement', 'dialect'] },
);

const encodingArb: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Encoding>('utf-8') },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Encoding>(
      'utf-8-bom',
      'utf-16le-bom',
      'utf-16be-bom',
      'utf-16le',
      'utf-16be',
      'utf-16le-declared-utf-8',
      'latin1-declared-utf-8',
      'utf-8-declared-latin1',
      'windows-1251',
      'gb18030',
      'unknown-label',
    ),
  },
);

/** Byte sequences no decoder accepts as they stand. */
const INVALID_BYTES: readonly number[][] = [
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82],
  [0x00],
  [0x00, 0x00, 0xfe, 0xff],
  [0xef, 0xbb, 0xbf],
];

/** Fragments that change a document's structure when spliced in. */
const STRUCTURE: readonly string[] = [
  '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  '</channel>',
  '<item>',
  '</item>',
  '<entry>',
  '</entry>',
  '&',
  '&#0;',
  '&#xFFFE;',
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<html><body>',
  `<script>${marker('spliced')}</script>`,
  '{',
  '}',
  '"',
  ',',
  '[',
  '\ufeff',
  '\u0000',
];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.constantFrom(...INVALID_BYTES), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 8 })),
  }),
  fc.record({ op: fc.constant('insert-text' as const), at: fc.nat(), text: fc.constantFrom(...STRUCTURE) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
);

export const generatedCaseArb: fc.Arbitrary<GeneratedCase> = fc.record({
  source: fc.constant('generated' as const),
  feed: feedArb,
  encoding: encodingArb,
  mutations: fc.oneof(
    { weight: 3, arbitrary: fc.constant<Mutation[]>([]) },
    { weight: 2, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
  ),
});

export function seedCaseArb(seeds: readonly string[]): fc.Arbitrary<SeedCase> {
  return fc.record({
    source: fc.constant('seed' as const),
    seed: fc.constantFrom(...seeds),
    mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
  });
}

/** Every fuzz case: mostly generated feeds, one in five a mutated seed feed. */
export function fuzzCaseArb(seeds: readonly string[]): fc.Arbitrary<FuzzCase> {
  if (seeds.length === 0) return generatedCaseArb;
  return fc.oneof({ weight: 4, arbitrary: generatedCaseArb }, { weight: 1, arbitrary: seedCaseArb(seeds) });
}
