/**
 * Names a hostile or merely unusual feed may give, as fast-check arbitraries,
 * and the file-system rules every slug made from them must keep. The rules are
 * written out here, apart from the code under test, so a test does not check
 * the code against itself.
 */
import fc from 'fast-check';

/** Fixed seed and bounded runs: the same cases on every machine and every run. */
export const PROPERTY_RUNS = { seed: 20_260_301, numRuns: 200 } as const;

/** Pieces that break naive slugs: scripts, marks, RTL, emoji sequences, controls, separators, device names. */
const PIECES = [
  'Ana Núñez',
  'Zoë',
  'Ærøskøbing',
  'Привет',
  'Ελληνικά',
  '中文',
  '漢字かな交じり',
  '한국어',
  'ไทย',
  'हिन्दी',
  'עברית',
  'العربية',
  'مَرْحَبًا',
  '\u202e',
  '\u200f',
  'e\u0301',
  'a\u0308\u0323',
  '\u0301',
  '🙂',
  '👩🏽‍💻',
  '🇫🇷',
  '𝒜𝒷𝒸',
  '𠜎',
  '\u0000',
  '\u001b[31m',
  '\u007f',
  '\u200b',
  '\ufeff',
  '<>:"/\\|?*',
  '..',
  '. ',
  ' ',
  '-',
  'CON',
  'nul.txt',
  'Lpt1',
  'COM¹',
  'by-name',
  '-tag',
  'C++',
  'C#',
  'Ⅻ',
  'ﬁ',
  'ß',
  'İ',
  'Ｆｕｌｌ',
];

/** A name made of the pieces above and arbitrary code points, up to a few hundred characters. */
export const hostileName: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Any string of code points (astral, controls, lone marks), short or long. */
export const anyName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.string({ unit: 'binary', minLength: 300, maxLength: 1_000 }),
  hostileName,
);

/** A long name of letters in one script: its slug is longer than any bound before it is cut. */
export const longWordyName: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'Žluťoučký kůň ', 'Привет ', '漢字', 'e\u0301', 'مرحبا ', '한국어 ', '𝒜'),
    fc.integer({ min: 100, max: 600 }),
  )
  .map(([piece, times]) => piece.repeat(times));

/** A name of 300 to 600 characters. */
export const longName: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 300, maxLength: 600 }),
  hostileName.map((name) => name.repeat(Math.ceil(600 / Math.max(1, name.length))).slice(0, 600)),
  longWordyName,
);

/** Two different ASCII words, to end two names that share a long beginning. */
export const twoWords: fc.Arbitrary<[string, string]> = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/))
  .filter(([a, b]) => a !== b);

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const WINDOWS_DEVICES = new Set([
  'con',
  'prn',
  'aux',
  'nul',
  ...['com', 'lpt'].flatMap((device) => [...'0123456789¹²³'].map((digit) => `${device}${digit}`)),
]);

/**
 * Why `segment` is not a portable file or folder name on Linux, macOS and
 * Windows, or undefined when it is.
 */
export function segmentProblem(segment: string, maxBytes = 255): string | undefined {
  if (segment.length === 0) return 'empty';
  if (utf8Bytes(segment) > maxBytes) return `over ${maxBytes} bytes`;
  if (/[<>:"/\\|?*\p{Cc}]/u.test(segment)) return 'a character Windows or POSIX refuses';
  if (/[. ]$/.test(segment)) return 'ends in a dot or a space';
  const stem = segment.split('.')[0]?.trimEnd().toLowerCase() ?? '';
  if (WINDOWS_DEVICES.has(stem)) return 'a Windows device name';
  return undefined;
}
