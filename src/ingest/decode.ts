/**
 * Bytes to text. The charset comes from the Content-Type header, then the
 * byte-order mark, then the XML declaration; anything unknown reads as UTF-8.
 * Pure: no I/O.
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

/** A usable iconv-lite encoding name for a label, or undefined when the label is unknown. */
export function normaliseCharset(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!clean) return undefined;
  const name = SUPERSETS[clean] ?? clean;
  return iconv.encodingExists(name) ? name : undefined;
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
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM still starts with `<` and `?` in two-byte form. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  const [a, b, c, d] = bytes;
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
  const fromHeader = normaliseCharset(charsetFromContentType(contentType));
  const bom = sniffBom(bytes);
  // A UTF-16 BOM cannot be read through a single-byte header charset: the bytes win.
  if (fromHeader && !(bom?.encoding.startsWith('utf-16') && !fromHeader.startsWith('utf-16'))) return fromHeader;
  if (bom) return bom.encoding;
  return sniffUtf16(bytes) ?? normaliseCharset(declaredEncoding(bytes)) ?? 'utf-8';
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
