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

/** Raised whenever the drawing below changes, so every cached card is drawn again. */
export const OG_TEMPLATE_VERSION = 1;

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
/** Characters a title line holds at TITLE_SIZE in a bold sans-serif, with room for wide letters. */
export const TITLE_LINE_CHARS = 26;
export const TITLE_LINES = 3;
/** Characters of the site title and of the source line, at their smaller sizes. */
const SMALL_LINE_CHARS = 48;

/** Characters XML 1.0 does not allow anywhere, even escaped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Text as XML character data and attribute values: the five special characters escaped, the forbidden ones dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `text` cut to `max` characters (code points), the last one an ellipsis when cut. */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** `text` when it fits in `max` characters, else cut after the last whole word that leaves room for "…". */
function ellipsize(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const room = chars.slice(0, max - 1).join('');
  const space = chars[max - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  return `${(space > 0 ? room.slice(0, space) : room).trimEnd()}…`;
}

/**
 * The lines of `text`: words filled into lines of at most `width` characters
 * (a longer word broken), at most `lines` of them; the last ends in an
 * ellipsis after its last whole word when words are left over.
 */
export function wrapLines(text: string, width: number = TITLE_LINE_CHARS, lines: number = TITLE_LINES): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    let rest = [...word];
    while (rest.length > 0) {
      const length = [...line].length;
      const room = length === 0 ? width : width - length - 1;
      if (rest.length <= room) {
        line = length === 0 ? rest.join('') : `${line} ${rest.join('')}`;
        rest = [];
      } else if (length === 0) {
        out.push(rest.slice(0, width).join(''));
        rest = rest.slice(width);
      } else {
        out.push(line);
        line = '';
      }
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  // What was left over did not fit on the last line, so the two together always overflow it and end in "…".
  return [...out.slice(0, lines - 1), ellipsize(out.slice(lines - 1).join(' '), width)];
}

/** The card as an SVG document. */
export function ogCardSvg(inputs: OgCardInputs): string {
  const lines = wrapLines(inputs.title);
  const titleTop = 250 - ((lines.length - 1) * TITLE_LEADING) / 2;
  const font = 'font-family="sans-serif"';
  const title = lines
    .map(
      (line, index) =>
        `<text x="${MARGIN}" y="${titleTop + index * TITLE_LEADING}" ${font} font-size="${TITLE_SIZE}" font-weight="700" fill="${COLOURS.fg}">${escapeXml(line)}</text>`,
    )
    .join('');
  const byline = clip(`${inputs.sourceName} · ${inputs.date}`, SMALL_LINE_CHARS);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}">`,
    `<rect width="${OG_WIDTH}" height="${OG_HEIGHT}" fill="${COLOURS.bg}"/>`,
    `<rect width="${OG_WIDTH}" height="16" fill="${COLOURS.accent}"/>`,
    `<text x="${MARGIN}" y="110" ${font} font-size="34" font-weight="700" fill="${COLOURS.accent}">${escapeXml(clip(inputs.siteTitle, SMALL_LINE_CHARS))}</text>`,
    title,
    `<rect x="${MARGIN}" y="500" width="${OG_WIDTH - 2 * MARGIN}" height="2" fill="${COLOURS.border}"/>`,
    `<text x="${MARGIN}" y="560" ${font} font-size="32" fill="${COLOURS.muted}">${escapeXml(byline)}</text>`,
    '</svg>',
  ].join('\n');
}

/** The card's name in the cache: a digest of what it shows and of the template's version. */
export function ogCardKey(inputs: OgCardInputs): string {
  const parts = [OG_TEMPLATE_VERSION, inputs.siteTitle, inputs.title, inputs.sourceName, inputs.date];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
