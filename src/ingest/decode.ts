/**
 * Bytes to text. A UTF-16 or UTF-32 byte-order mark decides first; then the
 * charset comes from the Content-Type header, then a UTF-8 byte-order mark,
 * then the shape of the first bytes (UTF-16 and UTF-32 without a mark), then
 * the XML declaration; anything unknown reads as UTF-8. Pure: no I/O.
 */
import iconv from 'iconv-lite';

/** Labels browsers treat as a superset; reading with the superset never loses text. */
const SUPERSETS: Readonly<Record<string, string>> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  utf16: 'utf-16le',
  'utf-16': 'utf-16le',
};

/**
 * iconv-lite's UTF-32 codec that reads the byte order from the BOM or, without
 * one, guesses it from the text; labels that leave the order open map to it.
 */
const UTF32_ANY_ORDER = 'utf32';
const UTF32_LABELS: ReadonlySet<string> = new Set(['utf32', 'ucs4', 'iso10646ucs4']);

/** A usable iconv-lite encoding name for a label, or undefined when the label is unknown. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!clean) return undefined;
  if (UTF32_LABELS.has(clean.replace(/[^a-z0-9]/g, ''))) return UTF32_ANY_ORDER;
  const name = SUPERSETS[clean] ?? clean;
  return iconv.encodingExists(name) ? name : undefined;
}

/** UTF-16 and UTF-32 in any byte order: charsets whose text is never ASCII-compatible. */
function isWide(encoding: string): boolean {
  return /^utf-?(?:16|32)/.test(encoding);
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = contentType ? /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType) : null;
  return match?.[2];
}

interface Bom {
  encoding: string;
  length: number;
}

function sniffBom(bytes: Uint8Array): Bom | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  // FF FE 00 00 also starts the UTF-16 LE mark, so UTF-32 is asked first.
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-32 and UTF-16 without a BOM, from the first bytes: UTF-32 puts three
 * zero bytes beside its first character (a feed never holds U+0000, so no
 * other charset does), UTF-16 starts with `<?` in two-byte form.
 */
function sniffShape(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
  if (a !== 0x00 && b === 0x00 && c === 0x00 && d === 0x00) return 'utf-32le';
  if (a === 0x00 && b === 0x00 && c === 0x00 && d !== 0x00 && d !== undefined) return 'utf-32be';
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return 'utf-16le';
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return 'utf-16be';
  return undefined;
}

const DECLARATION = /^\s*<\?xml\s[^>]*?\?>/;
const DECLARED_ENCODING = /\sencoding\s*=\s*(["'])([^"']*)\1/;

function declaredEncoding(bytes: Uint8Array): string | undefined {
  // The declaration is ASCII in every ASCII-compatible charset.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const declaration = DECLARATION.exec(head)?.[0];
  return declaration ? DECLARED_ENCODING.exec(declaration)?.[2] : undefined;
}

/** Pick the encoding for a body, in the documented order of authority. */
export function detectEncoding(bytes: Uint8Array, contentType?: string): string {
  const bom = sniffBom(bytes);
  // A UTF-16 or UTF-32 BOM cannot be read through any other charset: the bytes win.
  if (bom && isWide(bom.encoding)) return bom.encoding;
  const shape = sniffShape(bytes);
  const fromHeader = normaliseCharset(charsetFromContentType(contentType));
  if (fromHeader === UTF32_ANY_ORDER) return shape?.startsWith('utf-32') ? shape : UTF32_ANY_ORDER;
  if (fromHeader) return fromHeader;
  if (bom) return bom.encoding;
  if (shape) return shape;
  // A declaration readable as ASCII is not in UTF-16 or UTF-32, whatever it says.
  const declared = normaliseCharset(declaredEncoding(bytes));
  return declared && !isWide(declared) ? declared : 'utf-8';
}

/**
 * Decode a feed body to a string without a BOM. The XML declaration's
 * `encoding` is dropped once the text is decoded, so a parser never re-reads
 * the string under a charset that no longer applies.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): string {
  const encoding = detectEncoding(bytes, contentType);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, {
    stripBOM: true,
  });
  return stripDeclaredEncoding(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Remove the `encoding` pseudo-attribute from a leading XML declaration. */
export function stripDeclaredEncoding(text: string): string {
  const declaration = DECLARATION.exec(text)?.[0];
  if (!declaration || !DECLARED_ENCODING.test(declaration)) return text;
  return declaration.replace(DECLARED_ENCODING, '') + text.slice(declaration.length);
}
