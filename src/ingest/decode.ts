/**
 * Bytes to text. A UTF-16 or UTF-32 byte-order mark decides first; then the
 * charset comes from the Content-Type header, then a UTF-8 byte-order mark,
 * then the shape of the first bytes (UTF-16 and UTF-32 without a mark), then
 * the XML declaration; anything unknown reads as UTF-8. Pure: no I/O.
 *
 * Bytes that are not valid in the charset read are re-read the way
 * feedparser does (the declared charset, then UTF-8, then windows-1252),
 * and the guess is returned so the caller can record it; bytes that are
 * mostly UTF-8 keep their UTF-8 and only the stray bytes are read as
 * windows-1252, so one bad byte does not garble a whole feed. XML 1.0 (4.3.3 and
 * Appendix F) requires a declaration for any charset other than UTF-8 and
 * UTF-16, so an undeclared body that is not UTF-8 is in practice Latin-1 or
 * windows-1252 from a misconfigured server; windows-1252 as WHATWG defines
 * it maps every byte, so that last reading never yields U+FFFD. No
 * statistical detector is used: on feed-sized text they trade this reliable
 * prior for guesses between similar single-byte charsets.
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

/** The encoding chosen for a body, and the label it was declared with (undefined when none was). */
interface Choice {
  encoding: string;
  declared: string | undefined;
}

function chooseEncoding(bytes: Uint8Array, contentType: string | undefined): Choice {
  const bom = sniffBom(bytes);
  // A UTF-16 or UTF-32 BOM cannot be read through any other charset: the bytes win.
  if (bom && isWide(bom.encoding)) return { encoding: bom.encoding, declared: bom.encoding };
  const shape = sniffShape(bytes);
  const headerLabel = charsetFromContentType(contentType);
  const fromHeader = normaliseCharset(headerLabel);
  if (fromHeader === UTF32_ANY_ORDER) {
    return { encoding: shape?.startsWith('utf-32') ? shape : UTF32_ANY_ORDER, declared: headerLabel };
  }
  if (fromHeader) return { encoding: fromHeader, declared: headerLabel };
  if (bom) return { encoding: bom.encoding, declared: 'UTF-8' };
  if (shape) return { encoding: shape, declared: undefined };
  // A declaration readable as ASCII is not in UTF-16 or UTF-32, whatever it says.
  const label = declaredEncoding(bytes);
  const declared = normaliseCharset(label);
  return declared && !isWide(declared)
    ? { encoding: declared, declared: label }
    : { encoding: 'utf-8', declared: undefined };
}

/** Pick the encoding for a body, in the documented order of authority. */
export function detectEncoding(bytes: Uint8Array, contentType?: string): string {
  return chooseEncoding(bytes, contentType).encoding;
}

/** A decoded body, and the alteration detail when its charset had to be guessed. */
export interface DecodedFeed {
  text: string;
  /** The encoding read, as an iconv-lite or WHATWG name. */
  encoding: string;
  /** `windows-1252 (no charset declared; not UTF-8)`: set only when the bytes were read in a guessed charset. */
  guessed?: string;
}

const ASCII_LABEL = /^(?:us-?ascii|ascii|iso646-us|ansi_x3\.4-1968|cp367|ibm367|us)$/;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// WHATWG windows-1252 gives each of the five bytes Microsoft left undefined a C1 control, never U+FFFD.
const windows1252 = new TextDecoder('windows-1252');

function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte < 0x80);
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'windows-1252') return windows1252.decode(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding, { stripBOM: true });
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && byte >= 0x80 && byte <= 0xbf;

/** The range of a lead byte's second byte and its sequence's length (Unicode Table 3-7); length 0 when it leads none. */
function leadRange(lead: number): [number, number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf, 3];
  if (lead === 0xed) return [0x80, 0x9f, 3];
  if (lead >= 0xe1 && lead <= 0xef) return [0x80, 0xbf, 3];
  if (lead === 0xf0) return [0x90, 0xbf, 4];
  if (lead === 0xf4) return [0x80, 0x8f, 4];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 4];
  return [0, 0, 0];
}

/** The length of the well-formed UTF-8 sequence at `i` (WHATWG: no overlong forms, no surrogates), 0 when none starts there. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  const second = bytes[i + 1];
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return isContinuation(second) ? 2 : 0;
  const [low, high, length] = leadRange(lead);
  if (length === 0 || second === undefined || second < low || second > high) return 0;
  for (let next = i + 2; next < i + length; next++) if (!isContinuation(bytes[next])) return 0;
  return length;
}

/**
 * UTF-8 with a few stray bytes (text pasted from a windows-1252 source into
 * a UTF-8 page): each well-formed sequence read as UTF-8, each other byte as
 * windows-1252; undefined when the stray bytes are as many as the multi-byte
 * sequences, which is how windows-1252 text looks.
 */
function mixedUtf8(bytes: Uint8Array): { text: string; stray: number } | undefined {
  const parts: string[] = [];
  let multiByte = 0;
  let stray = 0;
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = utf8SequenceAt(bytes, i);
    if (length > 0) {
      if (length > 1) multiByte++;
      i += length;
      continue;
    }
    parts.push(strictUtf8.decode(bytes.subarray(runStart, i)), windows1252.decode(bytes.subarray(i, i + 1)));
    stray++;
    i++;
    runStart = i;
  }
  parts.push(strictUtf8.decode(bytes.subarray(runStart)));
  return multiByte > stray ? { text: parts.join(''), stray } : undefined;
}

/** UTF-8 was expected and the bytes are not: mostly UTF-8 with stray bytes, else windows-1252. */
function notUtf8(bytes: Uint8Array, said: string): DecodedFeed {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const mixed = mixedUtf8(body);
  if (mixed) {
    const bytesWord = mixed.stray === 1 ? 'byte' : 'bytes';
    return {
      text: mixed.text,
      encoding: 'utf-8',
      guessed: `UTF-8 with ${mixed.stray} ${bytesWord} read as windows-1252 (${said}; not valid UTF-8)`,
    };
  }
  return { text: windows1252.decode(body), encoding: 'windows-1252', guessed: `windows-1252 (${said}; not UTF-8)` };
}

/** The reading of `bytes`: the chosen charset when its bytes are valid in it, else feedparser's fallbacks. */
function readBytes(bytes: Uint8Array, choice: Choice): DecodedFeed {
  const { encoding, declared } = choice;
  const said = declared ? `declared ${declared.trim().replace(/^["']|["']$/g, '')}` : 'no charset declared';
  if (encoding === 'utf-8') {
    const text = utf8OrUndefined(bytes);
    return text === undefined ? notUtf8(bytes, said) : { text, encoding };
  }
  if (declared && ASCII_LABEL.test(declared.trim().toLowerCase()) && !isAscii(bytes)) {
    const text = utf8OrUndefined(bytes);
    if (text !== undefined) return { text, encoding: 'utf-8', guessed: `UTF-8 (${said}; not ASCII)` };
    return { text: windows1252.decode(bytes), encoding, guessed: `windows-1252 (${said}; not ASCII or UTF-8)` };
  }
  const text = decodeAs(bytes, encoding);
  if (!isWide(encoding) && text.includes('\ufffd') && !isAscii(bytes)) {
    // Invalid bytes in the declared charset: a server that labels UTF-8 wrongly is the common cause.
    const utf8 = utf8OrUndefined(bytes);
    if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', guessed: `UTF-8 (${said}; not valid in it)` };
  }
  return { text, encoding };
}

/**
 * Decode a feed body to a string without a BOM. The XML declaration's
 * `encoding` is dropped once the text is decoded, so a parser never re-reads
 * the string under a charset that no longer applies.
 */
export function decodeFeed(bytes: Uint8Array, contentType?: string): DecodedFeed {
  const decoded = readBytes(bytes, chooseEncoding(bytes, contentType));
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  return { ...decoded, text: stripDeclaredEncoding(text) };
}

/** The text of decodeFeed, for callers that need no word of a guess. */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): string {
  return decodeFeed(bytes, contentType).text;
}

/** Remove the `encoding` pseudo-attribute from a leading XML declaration. */
export function stripDeclaredEncoding(text: string): string {
  const declaration = DECLARATION.exec(text)?.[0];
  if (!declaration || !DECLARED_ENCODING.test(declaration)) return text;
  return declaration.replace(DECLARED_ENCODING, '') + text.slice(declaration.length);
}
