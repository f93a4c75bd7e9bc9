/** Plain-text helpers shared by the parsers and the converter. Pure. */
import { decodeHTML } from 'entities';

/** Collapse runs of whitespace (including newlines) to single spaces and trim. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Remove control characters that have no place in a title or a summary. */
export function stripControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** HTML fragment to plain text: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  const withoutMarkup = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
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
