/**
 * The sharing card of an article without an image of its own: a 1200×630
 * picture of the site's title, the article's title (wrapped onto at most
 * three lines, an ellipsis when it runs on), its source and date, in the
 * light theme's colours. This file writes it as SVG, text escaped for XML, in
 * a generic font family so any machine's fontconfig finds one; and names it
 * by a digest of everything it shows and of the template's version, so a card
 * is drawn once and kept while none of that changes. Pure.
 */
import { createHash } from 'node:crypto';
import { formatDate } from './dates.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/** Raised whenever the drawing below or its encoding (og-card-fs.ts) changes, so every cached card is drawn again. */
export const OG_TEMPLATE_VERSION = 2;

/** What a card shows, as shown: the date already formatted in the site's language. */
export interface OgCardInputs {
  siteTitle: string;
  title: string;
  sourceName: string;
  date: string;
}

/** What the card of an item shows, on a site of `siteTitle` in `lang`. */
export function ogCardInputs(
  item: { data: { title: string; published: Date } },
  sourceName: string,
  siteTitle: string,
  lang: string,
): OgCardInputs {
  return { siteTitle, title: item.data.title, sourceName, date: formatDate(item.data.published, lang) };
}

/** The light values of the stylesheet's colours (src/styles/global.css). */
const COLOURS = { bg: '#ffffff', fg: '#1f2328', muted: '#57606a', accent: '#0a53c2', border: '#d0d7de' };

const MARGIN = 80;
const TITLE_SIZE = 60;
const TITLE_LEADING = 74;
/** The room of a line, in ems of each line's font size: the card's width less its margins. */
const TITLE_EMS = (OG_WIDTH - 2 * MARGIN) / TITLE_SIZE;
const SITE_TITLE_SIZE = 34;
const BYLINE_SIZE = 32;
export const TITLE_LINES = 3;

/** Characters XML 1.0 does not allow anywhere, even escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Half of a surrogate pair without its other half: not a character, so not XML either. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as XML character data and attribute values: the five special characters escaped, the forbidden ones dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(LONE_SURROGATE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Measures a line of text: in characters, or in ems (`emWidth`). */
export type Measure = (text: string) => number;

export const charCount: Measure = (text) => [...text].length;

/** A character's width in ems, on the generous side of a bold sans-serif's (DejaVu Sans Bold, Liberation Sans Bold). */
function charEms(char: string): number {
  if (char === ' ') return 0.35;
  if (/[MWmw@%]/.test(char)) return 1.1;
  if (/[ijlI.,:;'!|]/.test(char)) return 0.4;
  if (/[frt()[\]"`-]/.test(char)) return 0.52;
  if (/[A-Z]/.test(char)) return 0.86;
  if (/[a-z0-9]/.test(char)) return 0.72;
  // Other alphabets about as wide as capitals; CJK and the rest a full em.
  return (char.codePointAt(0) ?? 0) < 0x2e80 ? 0.86 : 1.05;
}

/** The estimated width of `text` in ems: a line is kept within the card by this, there being no font to measure with. */
export const emWidth: Measure = (text) => {
  let width = 0;
  for (const char of text) width += charEms(char);
  return width;
};

/** The longest start of `chars` that measures at most `max`, at least one character. */
function fitting(chars: readonly string[], max: number, measure: Measure): number {
  let count = 1;
  while (count < chars.length && measure(chars.slice(0, count + 1).join('')) <= max) count++;
  return count;
}

/** `text` when it measures at most `max`, else cut after the last whole word that leaves room for "…". */
export function ellipsize(text: string, max: number, measure: Measure = charCount): string {
  if (measure(text) <= max) return text;
  const chars = [...text];
  const count = fitting(chars, max - measure('…'), measure);
  const room = chars.slice(0, count).join('');
  const space = chars[count] === ' ' ? room.length : room.lastIndexOf(' ');
  return `${(space > 0 ? room.slice(0, space) : room).trimEnd()}…`;
}

/**
 * The lines of `text`: words filled into lines that measure at most `width`
 * (a longer word broken), at most `lines` of them; the last ends in an
 * ellipsis after its last whole word when words are left over.
 */
export function wrapLines(text: string, width: number, lines: number, measure: Measure = charCount): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && measure(`${line} ${word}`) <= width) {
      line = `${line} ${word}`;
      continue;
    }
    if (line) out.push(line);
    let rest = [...word];
    while (measure(rest.join('')) > width) {
      const count = fitting(rest, width, measure);
      out.push(rest.slice(0, count).join(''));
      rest = rest.slice(count);
    }
    line = rest.join('');
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  // What was left over did not fit on the last line, so the two together always overflow it and end in "…".
  return [...out.slice(0, lines - 1), ellipsize(out.slice(lines - 1).join(' '), width, measure)];
}

/** The card as an SVG document. */
export function ogCardSvg(inputs: OgCardInputs): string {
  const lines = wrapLines(inputs.title, TITLE_EMS, TITLE_LINES, emWidth);
  // The title's lines centred on the space between the site's title and the byline.
  const titleTop = 320 - ((lines.length - 1) * TITLE_LEADING) / 2;
  const font = 'font-family="sans-serif"';
  const title = lines
    .map(
      (line, index) =>
        `<text x="${MARGIN}" y="${titleTop + index * TITLE_LEADING}" ${font} font-size="${TITLE_SIZE}" font-weight="700" fill="${COLOURS.fg}">${escapeXml(line)}</text>`,
    )
    .join('');
  const room = OG_WIDTH - 2 * MARGIN;
  const byline = `${ellipsize(inputs.sourceName, room / BYLINE_SIZE - emWidth(` · ${inputs.date}`), emWidth)} · ${inputs.date}`;
  const siteTitle = ellipsize(inputs.siteTitle, room / SITE_TITLE_SIZE, emWidth);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${COLOURS.bg}"/>`,
    `<rect width="${OG_WIDTH}" height="16" fill="${COLOURS.accent}"/>`,
    `<text x="${MARGIN}" y="110" ${font} font-size="${SITE_TITLE_SIZE}" font-weight="700" fill="${COLOURS.accent}">${escapeXml(siteTitle)}</text>`,
    title,
    `<rect x="${MARGIN}" y="500" width="${OG_WIDTH - 2 * MARGIN}" height="2" fill="${COLOURS.border}"/>`,
    `<text x="${MARGIN}" y="560" ${font} font-size="${BYLINE_SIZE}" fill="${COLOURS.muted}">${escapeXml(byline)}</text>`,
    '</svg>',
  ].join('\n');
}

/** The card's name in the cache: a digest of what it shows and of the template's version. */
export function ogCardKey(inputs: OgCardInputs): string {
  const parts = [OG_TEMPLATE_VERSION, inputs.siteTitle, inputs.title, inputs.sourceName, inputs.date];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
