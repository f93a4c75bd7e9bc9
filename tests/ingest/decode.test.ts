import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, detectEncoding } from '#src/ingest/decode.ts';
import { parseFeed } from '#src/ingest/parse.ts';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));

describe('decodeFeedBytes', () => {
  it.each([
    ['enc-windows-1251.xml', undefined, 'windows-1251', 'Привет, мир'],
    ['enc-iso-8859-1.xml', undefined, 'windows-1252', 'Café crème à Zürich'],
    ['enc-gbk.xml', undefined, 'gb18030', '中文标题'],
    ['enc-utf16le-bom.xml', undefined, 'utf-16le', 'Ünïcödé ☃ 日本'],
    ['enc-utf16be-bom.xml', undefined, 'utf-16be', 'Ünïcödé ☃ 日本'],
    ['enc-utf8-bom.xml', undefined, 'utf-8', 'Ça marche'],
    ['enc-mislabelled.xml', 'application/rss+xml; charset=utf-8', 'utf-8', 'Déjà vu'],
  ])('reads %s (header %s) as %s', async (name, contentType, encoding, title) => {
    const bytes = fixture(name);
    expect(detectEncoding(bytes, contentType)).toBe(encoding);
    const text = decodeFeedBytes(bytes, contentType);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.startsWith('<?xml version="1.0"?>')).toBe(true);
    const feed = await parseFeed(text, `https://example.org/${name}`);
    expect(feed.title).toBe(title);
    expect(feed.entries[0]?.title).toBe(title);
  });

  it('lets the Content-Type charset win over the XML declaration', () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="utf-8"?><rss><t>Привет</t></rss>', 'koi8-r');
    expect(decodeFeedBytes(bytes, 'text/xml; charset="KOI8-R"')).toBe('<?xml version="1.0"?><rss><t>Привет</t></rss>');
  });

  it('reads the XML declaration when there is no header and no BOM', () => {
    const bytes = iconv.encode("<?xml version='1.0' encoding='windows-1251'?><rss>Ёж</rss>", 'windows-1251');
    expect(decodeFeedBytes(bytes)).toBe("<?xml version='1.0'?><rss>Ёж</rss>");
  });

  it('falls back to UTF-8 for an unknown charset label without throwing', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="x-no-such"?><rss>é</rss>');
    expect(detectEncoding(bytes, 'text/xml; charset=bogus-42')).toBe('utf-8');
    expect(decodeFeedBytes(bytes, 'text/xml; charset=bogus-42')).toBe('<?xml version="1.0"?><rss>é</rss>');
  });

  it('reads UTF-16 without a BOM from the shape of the declaration', () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="UTF-16"?><rss>ok ☃</rss>', 'utf-16le');
    expect(decodeFeedBytes(bytes)).toBe('<?xml version="1.0"?><rss>ok ☃</rss>');
  });

  it('decodes an empty body to an empty string', () => {
    expect(decodeFeedBytes(new Uint8Array())).toBe('');
  });
});

describe('decodeFeedBytes on UTF-32', () => {
  const TITLE = 'Grüße aus Köln ☃ 𝄞';
  const rss = (declaration: string): string =>
    `${declaration}<rss version="2.0"><channel><title>Weit</title><link>https://example.org/</link>` +
    `<item><title>${TITLE}</title><guid>https://example.org/1</guid></item></channel></rss>`;
  const DECLARED = '<?xml version="1.0" encoding="UTF-32"?>';

  async function firstTitle(bytes: Uint8Array, contentType?: string): Promise<string | undefined> {
    const feed = await parseFeed(decodeFeedBytes(bytes, contentType), 'https://example.org/feed.xml');
    return feed.entries[0]?.title;
  }

  it.each([
    ['utf-32le', [0xff, 0xfe, 0x00, 0x00]],
    ['utf-32be', [0x00, 0x00, 0xfe, 0xff]],
  ])('reads %s from its BOM and the declaration', async (encoding, mark) => {
    const bytes = iconv.encode(`\ufeff${rss(DECLARED)}`, encoding);
    expect([...bytes.subarray(0, 4)]).toEqual(mark);
    expect(detectEncoding(bytes)).toBe(encoding);
    expect(decodeFeedBytes(bytes).startsWith('<?xml version="1.0"?><rss version="2.0">')).toBe(true);
    expect(await firstTitle(bytes)).toBe(TITLE);
  });

  it.each([
    ['utf-32le', [0x3c, 0x00, 0x00, 0x00]],
    ['utf-32be', [0x00, 0x00, 0x00, 0x3c]],
  ])('reads %s without a BOM or a declaration from the shape of the bytes', async (encoding, start) => {
    const bytes = iconv.encode(rss(''), encoding);
    expect([...bytes.subarray(0, 4)]).toEqual(start);
    expect(detectEncoding(bytes)).toBe(encoding);
    expect(await firstTitle(bytes)).toBe(TITLE);
  });

  it.each([
    ['utf-32le', '<?xml version="1.0" encoding="utf-32le"?>'],
    ['utf-32be', '<?xml version="1.0" encoding="utf-32be"?>'],
  ])('reads %s declared in the XML declaration without a BOM', async (encoding, declaration) => {
    const bytes = iconv.encode(rss(declaration), encoding);
    expect(detectEncoding(bytes)).toBe(encoding);
    expect(decodeFeedBytes(bytes).startsWith('<?xml version="1.0"?><rss version="2.0">')).toBe(true);
    expect(await firstTitle(bytes)).toBe(TITLE);
  });

  it.each([
    ['utf-32le', 'application/rss+xml; charset=utf-32', 'utf-32le'],
    ['utf-32be', 'application/rss+xml; charset=UTF-32', 'utf-32be'],
    ['utf-32le', 'application/rss+xml; charset=utf-32le', 'utf-32le'],
    ['utf-32be', 'application/rss+xml; charset="UTF-32BE"', 'utf-32be'],
  ])('reads %s bytes labelled %s in Content-Type as %s', async (encoding, contentType, detected) => {
    const bytes = iconv.encode(rss(''), encoding);
    expect(detectEncoding(bytes, contentType)).toBe(detected);
    expect(await firstTitle(bytes, contentType)).toBe(TITLE);
  });

  it('lets a UTF-32 LE BOM win over the UTF-16 LE BOM it starts with and over a header', async () => {
    const bytes = iconv.encode(`\ufeff${rss(DECLARED)}`, 'utf-32le');
    expect(detectEncoding(bytes, 'application/rss+xml; charset=utf-16')).toBe('utf-32le');
    expect(detectEncoding(bytes, 'application/rss+xml; charset=iso-8859-1')).toBe('utf-32le');
    expect(await firstTitle(bytes, 'application/rss+xml; charset=iso-8859-1')).toBe(TITLE);
  });

  it('ignores a UTF-32 declaration in a document that is plainly ASCII-compatible', () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0" encoding="utf-32"?><rss>é</rss>');
    expect(detectEncoding(bytes)).toBe('utf-8');
    expect(decodeFeedBytes(bytes)).toBe('<?xml version="1.0"?><rss>é</rss>');
  });
});
