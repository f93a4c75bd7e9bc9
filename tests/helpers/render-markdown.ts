/**
 * An archived item's Markdown body to the HTML of its article, through the
 * processor the site builds (src/render/markdown.config.ts) with the settings
 * Astro resolves from astro.config.mjs, so a test asserts what a reader gets.
 */
import { pathToFileURL } from 'node:url';
import { markdownConfig } from '#src/render/markdown.config.ts';

type Renderer = Awaited<ReturnType<typeof markdownConfig.processor.createRenderer>>;
let renderer: Promise<Renderer> | undefined;

function settings(): Parameters<typeof markdownConfig.processor.createRenderer>[0] {
  const config = markdownConfig as { smartypants?: boolean; gfm?: boolean };
  return {
    syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
    shikiConfig: { ...markdownConfig.shikiConfig, langs: [], langAlias: {}, wrap: false },
    gfm: config.gfm ?? true,
    smartypants: config.smartypants ?? true,
    image: { domains: [], remotePatterns: [] },
  } as Parameters<typeof markdownConfig.processor.createRenderer>[0];
}

/** The article HTML of a Markdown body. */
export async function renderMarkdown(body: string): Promise<string> {
  renderer ??= markdownConfig.processor.createRenderer(settings());
  const processor = await renderer;
  const result = await processor.render(body, { frontmatter: {}, fileURL: pathToFileURL('/archive/item.md') });
  return result.code;
}
