/**
 * Short classes for Shiki's code tokens. The css-variables theme colours every token with an
 * inline style, `<span style="color:var(--astro-code-token-keyword)">`, repeated for each token of
 * each code block; a class, `<span class="k">`, says the same in a third of the bytes, and the
 * stylesheet (src/styles/global.css, `.astro-code .k`) maps it back to the same CSS variable, so
 * the light and dark palettes work as before. On code-heavy articles the inline styles were most
 * of the page.
 */

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
