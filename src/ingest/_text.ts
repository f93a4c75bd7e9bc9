/** Plain-text helpers shared by the parsers and the converter. Pure. */
import { DecodingMode, decodeHTML } from 'entities';

/** Collapse runs of whitespace (including newlines) to single spaces and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Remove control characters that have no place in a title or a summary. */
export function stripControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/**
 * Decode the HTML character references a plain-text title or name still
 * holds after XML decoding (`&amp;`, `&#039;`, `&#8216;`, `&#x0024;`), once,
 * as feedparser and NetNewsWire do: publishers escape titles twice far more
 * often than they mean the letters `&amp;`. Only complete references with
 * their `;` count, so `AT&T`, `Q&A`, `a &b` and `&copy2024` stay as written.
 */
export function decodeCharacterReferences(text: string): string {
  return text.includes('&') ? decodeHTML(text, DecodingMode.Strict) : text;
}

/** A plain-text title or name as the publisher meant it: references decoded, controls dropped, whitespace collapsed. */
export function plainText(text: string): string {
  return collapseWhitespace(stripControls(decodeCharacterReferences(text)));
}

/** HTML fragment to plain text: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  const withoutMarkup = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    // A formula's TeX or content-MathML annotation repeats it for machines; its text is the presentation.
    .replace(/<(annotation(?:-xml)?)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<\/?(?:p|div|br|li|h[1-6]|tr|td|th|blockquote|pre|ul|ol|table|section|article)\b[^>]*>/gi, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, '');
  return collapseWhitespace(stripControls(decodeHTML(withoutMarkup)));
}

/** Plain text escaped for use as HTML text. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cut plain text at a word boundary to at most `max` characters, with an ellipsis when cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = (lastSpace > max / 2 ? room.slice(0, lastSpace) : room).replace(/[\s.,;:!?-]+$/, '');
  return `${cut}…`;
}
