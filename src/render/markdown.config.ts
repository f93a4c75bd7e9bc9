/**
 * Astro's Markdown configuration, in its own module so the article renderer's
 * workers (src/render/_render-worker.ts) build the very processor Astro would:
 * Sätteri with the article plugin, and Shiki with the theme below.
 */
import { satteri } from '@astrojs/markdown-satteri';
import type { AstroUserConfig } from 'astro';
import { articlePlugin } from './article-plugin.ts';
import { compactTokens, isDefaultBlockStyle, tokenClasses, unwrapLines } from './code-classes.ts';

type MarkdownConfig = NonNullable<AstroUserConfig['markdown']>;
type ShikiTransformer = NonNullable<NonNullable<MarkdownConfig['shikiConfig']>['transformers']>[number];

/**
 * Shiki stops tokenising a line after 500 ms by default and leaves the rest uncoloured, so a busy
 * machine could change the output. No limit: the same input gives the same bytes.
 */
const untimedTokenizer: ShikiTransformer = {
  name: 'feedshelf:untimed-tokenizer',
  preprocess(code, options) {
    options.tokenizeTimeLimit = 0;
    return code;
  },
};

/** Each token's inline colour becomes a short class (./code-classes.ts): a third of the bytes. */
const tokenClassNames: ShikiTransformer = {
  name: 'feedshelf:token-classes',
  span(hast) {
    const { style } = hast.properties;
    if (typeof style !== 'string') return;
    const classes = tokenClasses(style);
    if (classes === undefined) return;
    delete hast.properties.style;
    if (classes.length > 0) this.addClassToHast(hast, classes);
  },
};

/** A block's tokens without the spans that say nothing, and same-class neighbours as one (./code-classes.ts). */
const compactCode: ShikiTransformer = {
  name: 'feedshelf:compact-tokens',
  code(hast) {
    hast.children = compactTokens(unwrapLines(hast.children));
  },
  // After Astro's own pre hook, which adds the sideways scroll to the theme's colours.
  pre(hast) {
    const { style } = hast.properties;
    if (typeof style === 'string' && isDefaultBlockStyle(style)) delete hast.properties.style;
  },
};

/**
 * Shiki's css-variables theme tokenises each block once and colours tokens with CSS variables, so
 * the light and dark palettes (src/styles/global.css, following prefers-color-scheme) cost one
 * pass; two named themes tokenise every block twice, which doubled the cost of rendering an item.
 */
export const markdownConfig = {
  // The publisher's punctuation as written: `--allow` stays two hyphens, "quotes" stay straight.
  processor: satteri({ hastPlugins: [articlePlugin], features: { smartPunctuation: false } }),
  shikiConfig: { theme: 'css-variables', transformers: [untimedTokenizer, tokenClassNames, compactCode] },
} satisfies MarkdownConfig;
