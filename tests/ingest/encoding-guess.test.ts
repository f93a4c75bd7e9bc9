/**
 * Bytes that are not valid in the charset read: a feed with no declaration
 * whose bytes are windows-1252, one that declares UTF-8 or US-ASCII wrongly,
 * one whose header names a charset its UTF-8 bytes are not valid in. Each is
 * read without U+FFFD and the guess is recorded as a feed-level alteration.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFeed } from '#src/ingest/decode.ts';
import { type ArchivedFixture, archiveFixture, FIDELITY_FIXTURES } from '../helpers/fidelity.ts';

const LATIN1 = 'encoding-latin1-undeclared.xml';

describe('decodeFeed', () => {
  it('reads undeclared bytes that are not UTF-8 as windows-1252, and says so', () => {
    const bytes = readFileSync(new URL(LATIN1, FIDELITY_FIXTURES));
    const decoded = decodeFeed(bytes);
    expect(decoded.guessed).toBe('windows-1252 (no charset declared; not UTF-8)');
    expect(decoded.text).not.toContain('\ufffd');
    expect(decoded.text).toContain('<title>Crème brûlée à la maître d’hôtel</title>');
    expect(decoded.text).toContain('Prix\u00a0: 4,50\u00a0€.');
  });

  it('reads the five bytes windows-1252 leaves undefined as C1 controls, not U+FFFD', () => {
    const decoded = decodeFeed(Uint8Array.from([0x3c, 0x61, 0x3e, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xe9]));
    expect(decoded).toEqual({
      text: '<a>\u0081\u008d\u008f\u0090\u009dé',
      encoding: 'windows-1252',
      guessed: 'windows-1252 (no charset declared; not UTF-8)',
    });
  });

  it.each([
    ['the XML declaration', '<?xml version="1.0" encoding="UTF-8"?><rss>café</rss>', undefined, 'declared UTF-8'],
    ['the Content-Type', '<rss>café</rss>', 'application/rss+xml; charset=utf-8', 'declared utf-8'],
  ])('reads bytes that %s calls UTF-8 but are not as windows-1252', (_, xml, contentType, said) => {
    const decoded = decodeFeed(iconv.encode(xml, 'windows-1252'), contentType);
    expect(decoded.text).toBe(xml.replace(' encoding="UTF-8"', ''));
    expect(decoded.guessed).toBe(`windows-1252 (${said}; not UTF-8)`);
  });

  it('keeps UTF-8 that holds a few stray bytes, reading only those as windows-1252', () => {
    const utf8 = new TextEncoder().encode('<rss><t>Café ☃ “quoted” 日本</t><d>');
    const bytes = Uint8Array.from([...utf8, 0x93, 0x4f, 0x6b, 0x94, 0xe9, ...new TextEncoder().encode('</d></rss>')]);
    expect(decodeFeed(bytes)).toEqual({
      text: '<rss><t>Café ☃ “quoted” 日本</t><d>“Ok”é</d></rss>',
      encoding: 'utf-8',
      guessed: 'UTF-8 with 3 bytes read as windows-1252 (no charset declared; not valid UTF-8)',
    });
  });

  it('reads bytes mostly not well-formed as UTF-8 (overlong forms, surrogates) as windows-1252 throughout', () => {
    const decoded = decodeFeed(Uint8Array.from([0x3c, 0x61, 0x3e, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xc3, 0xa9]));
    expect(decoded.text).toBe('<a>À¯í\u00a0€Ã©');
    expect(decoded.guessed).toBe('windows-1252 (no charset declared; not UTF-8)');
  });

  it('reads bytes declared US-ASCII as UTF-8 when they are UTF-8, else as windows-1252', () => {
    const xml = '<?xml version="1.0" encoding="US-ASCII"?><rss>naïve ☃</rss>';
    expect(decodeFeed(new TextEncoder().encode(xml))).toEqual({
      text: '<?xml version="1.0"?><rss>naïve ☃</rss>',
      encoding: 'utf-8',
      guessed: 'UTF-8 (declared US-ASCII; not ASCII)',
    });
    const latin = decodeFeed(iconv.encode(xml.replace(' ☃', ''), 'windows-1252'));
    expect([latin.text, latin.guessed]).toEqual([
      '<?xml version="1.0"?><rss>naïve</rss>',
      'windows-1252 (declared US-ASCII; not ASCII or UTF-8)',
    ]);
  });

  it('reads UTF-8 bytes under a multi-byte charset they are not valid in as UTF-8', () => {
    const decoded = decodeFeed(new TextEncoder().encode('<rss>日本語のタイトル</rss>'), 'text/xml; charset=Shift_JIS');
    expect(decoded).toEqual({
      text: '<rss>日本語のタイトル</rss>',
      encoding: 'utf-8',
      guessed: 'UTF-8 (declared Shift_JIS; not valid in it)',
    });
  });

  it('guesses nothing when the bytes are valid in the charset read', () => {
    expect(decodeFeed(new TextEncoder().encode('<rss>café</rss>')).guessed).toBeUndefined();
    expect(decodeFeed(iconv.encode('<rss>日本語</rss>', 'shift_jis'), 'text/xml; charset=Shift_JIS')).toEqual({
      text: '<rss>日本語</rss>',
      encoding: 'shift_jis',
    });
    expect(decodeFeed(new TextEncoder().encode('<?xml version="1.0" encoding="us-ascii"?><rss/>')).guessed).toBe(
      undefined,
    );
  });
});

describe('an undeclared windows-1252 feed, snapshotted', () => {
  let archived: ArchivedFixture;
  beforeAll(async () => {
    archived = await archiveFixture(LATIN1, 'cafe', new Date('2024-03-06T00:00:00Z'));
  });
  afterAll(() => archived?.remove());

  it('archives the text as the publisher wrote it', () => {
    expect([...archived.items]).toEqual([
      [
        '2024-03-05-creme-brulee-a-la-maitre-d-hotel.md',
        [
          '---',
          'title: Crème brûlée à la maître d’hôtel',
          'id: https://cafe.example/2024/creme-brulee',
          'link: https://cafe.example/2024/creme-brulee',
          'source: cafe',
          'authors:',
          '  - José Gonçalves',
          'tags:',
          '  - Pâtisserie',
          'published: "2024-03-05T08:30:00.000Z"',
          'firstSeen: "2024-03-06T00:00:00.000Z"',
          'summary: "“C’est délicieux”, dit-il. Prix : 4,50 €."',
          'hash: pub1:75fd01c8fdea4d4b2432389e020315a7',
          '---',
          '',
          '“C’est délicieux”, dit-il. Prix\u00a0: 4,50\u00a0€.',
          '',
        ].join('\n'),
      ],
    ]);
    expect(archived.state.title).toBe('Café Français');
  });

  it('records the guess once, as an alteration of the feed', () => {
    expect(archived.report.feeds[0]?.alterations).toEqual({
      total: 1,
      items: 0,
      byKind: { 'encoding-guessed': 1 },
      feed: [{ kind: 'encoding-guessed', detail: 'windows-1252 (no charset declared; not UTF-8)' }],
      examples: [],
    });
  });
});
