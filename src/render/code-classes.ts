/**
 * Short classes for Shiki's code tokens. The css-variables theme colours every token with an
 * inline style, `<span style="color:var(--astro-code-token-keyword)">`, repeated for each token of
 * each code block; a class, `<span class="k">`, says the same in a third of the bytes, and the
 * stylesheet (src/styles/global.css, `.astro-code .k`) maps it back to the same CSS variable, so
 * the light and dark palettes work as before. On code-heavy articles the inline styles were most
 * of the page.
 *
 * Then each block's tokens are compacted: no `<span class="line">` around each line (no rule of
 * the stylesheet or script reads it; the lines stay apart by their newlines), a token in the
 * block's own colour, left with no class, is its text alone rather than a `<span>` around it,
 * and neighbouring tokens of the same classes are one span. The text, and the colour of every
 * character, stay the same; in the synthetic benchmark's code blocks the line and bare spans were
 * a fifth of the bytes. The block's own inline style (its two colours, and the sideways scroll
 * Astro adds) is left to the stylesheet's `.astro-code` rule, which says the same.
 */
import type { ElementContent } from 'hast';

/** The theme's token colours (`--astro-code-token-<name>`) and the class each becomes. */
export const TOKEN_CLASSES: Readonly<Record<string, string>> = {
  comment: 'c',
  keyword: 'k',
  function: 'f',
  constant: 'n',
  parameter: 'v',
  string: 's',
  'string-expression': 'x',
  punctuation: 'p',
  link: 'a',
  inserted: 'gi',
  deleted: 'gd',
  changed: 'gc',
};

/** The theme's font styles and the class each becomes. */
export const FONT_CLASSES: Readonly<Record<string, string>> = {
  'font-style:italic': 'em',
  'font-weight:bold': 'b',
  'text-decoration:underline': 'u',
};

const DECLARATION_CLASSES = new Map<string, string>([
  // The block's own colour (set on <pre>): a token in it needs no class at all.
  ['color:var(--astro-code-foreground)', ''],
  ...Object.entries(TOKEN_CLASSES).map(([token, name]): [string, string] => [
    `color:var(--astro-code-token-${token})`,
    name,
  ]),
  ...Object.entries(FONT_CLASSES),
]);

/**
 * The classes that say what a token's inline style says, or undefined when the style holds a
 * declaration this table does not know (a newer theme, another prefix): that token keeps its
 * style, so nothing ever loses its colour.
 */
export function tokenClasses(style: string): string[] | undefined {
  const classes: string[] = [];
  for (const declaration of style.split(';')) {
    const trimmed = declaration.trim();
    if (trimmed === '') continue;
    const name = DECLARATION_CLASSES.get(trimmed);
    if (name === undefined) return undefined;
    if (name !== '') classes.push(name);
  }
  return classes;
}

/** The token's classes as one string, "" for none; undefined when it holds anything else (a style, an attribute). */
function tokenClassOf(node: ElementContent): string | undefined {
  if (node.type !== 'element' || node.tagName !== 'span') return undefined;
  const keys = Object.keys(node.properties);
  if (keys.length === 0) return '';
  if (keys.length !== 1 || keys[0] !== 'class') return undefined;
  const value = node.properties.class;
  if (Array.isArray(value)) return value.join(' ');
  return typeof value === 'string' ? value : undefined;
}

/** The one text of a token, or undefined when it holds anything else. */
function textOf(node: ElementContent): string | undefined {
  if (node.type !== 'element' || node.children.length !== 1) return undefined;
  const [child] = node.children;
  return child?.type === 'text' ? child.value : undefined;
}

/**
 * A line's tokens, compacted: a span with no attribute becomes its text, adjacent texts join, and
 * adjacent spans of the same classes holding text alone become one. Anything else is kept as it is.
 */
export function compactTokens(children: readonly ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let lastClass: string | undefined;
  for (const child of children) {
    const classes = tokenClassOf(child);
    const text = textOf(child);
    const last = out[out.length - 1];
    if (classes === '' && text !== undefined) {
      if (last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + text };
      else out.push({ type: 'text', value: text });
      lastClass = undefined;
    } else if (child.type === 'text' && last?.type === 'text') {
      out[out.length - 1] = { type: 'text', value: last.value + child.value };
    } else if (classes && text !== undefined && classes === lastClass && last?.type === 'element') {
      const value = (textOf(last) ?? '') + text;
      out[out.length - 1] = { ...last, children: [{ type: 'text', value }] };
    } else {
      out.push(child);
      lastClass = classes && text !== undefined ? classes : undefined;
    }
  }
  return out;
}

/** A block's children with each `<span class="line">` replaced by what it holds. */
export function unwrapLines(children: readonly ElementContent[]): ElementContent[] {
  return children.flatMap((child) =>
    tokenClassOf(child) === 'line' && child.type === 'element' ? child.children : [child],
  );
}

/** What the stylesheet's `.astro-code` rule says, as Shiki's css-variables theme and Astro write it on each <pre>. */
const BLOCK_DECLARATIONS = new Set([
  'background-color:var(--astro-code-background)',
  'color:var(--astro-code-foreground)',
  'overflow-x: auto',
]);

/** True when a block's inline style says nothing the stylesheet's `.astro-code` rule does not: it can go. */
export function isDefaultBlockStyle(style: string): boolean {
  return style
    .split(';')
    .map((declaration) => declaration.trim())
    .every((declaration) => declaration === '' || BLOCK_DECLARATIONS.has(declaration));
}
