/**
 * Sanitized HTML that Markdown must carry as raw HTML (a formula, a table no
 * GFM table can express), written so that no Markdown construct can form in
 * it. A Markdown renderer parses the text between inline tags as Markdown, and
 * a blank line ends an HTML block and hands the rest back to it: text such as
 * `[x](javascript:…)` inside a formula would become a link the sanitizer never
 * saw. So every character Markdown gives a meaning to in inline text, and
 * every line break, is written as a character reference, which Markdown only
 * ever reads as the character itself. Pure.
 */
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';

/** Characters with a meaning in Markdown's inline syntax (`<` and `&` the HTML serializer escapes itself). */
const INLINE_SYNTAX = /[\\`*_[\]~!|$\n]/g;
/** Stand-ins from a private-use plane, which the HTML serializer passes through untouched. */
const STAND_IN_BASE = 0xf0000;
const STAND_IN = /[\u{f0000}-\u{f007f}]/gu;

function standIns(text: string): string {
  return text.replace(INLINE_SYNTAX, (char) => String.fromCodePoint(STAND_IN_BASE + (char.codePointAt(0) ?? 0)));
}

function withStandIns(node: Element): Element {
  return {
    ...node,
    properties: Object.fromEntries(
      Object.entries(node.properties).map(([name, value]) => [
        name,
        typeof value === 'string' ? value.replace(/\n/g, String.fromCodePoint(STAND_IN_BASE + 10)) : value,
      ]),
    ),
    children: node.children.map((child) => {
      if (child.type === 'text') return { ...child, value: standIns(child.value) };
      if (child.type === 'element') return withStandIns(child);
      return child;
    }),
  };
}

/**
 * The element as HTML on one line, its text unable to form Markdown. A
 * stand-in already in the text (a hostile feed's) becomes the reference of the
 * character it stands for: harmless, since a reference is only ever text.
 */
export function htmlIsland(node: Element): string {
  return toHtml(withStandIns(node), { space: 'html' }).replace(
    STAND_IN,
    (char) => `&#x${((char.codePointAt(0) ?? STAND_IN_BASE) - STAND_IN_BASE).toString(16).toUpperCase()};`,
  );
}
