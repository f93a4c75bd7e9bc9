import { existsSync, readFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import type { Code, Image, Nodes, Root, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { parseItemFile, renderItemFile } from '#src/archive/frontmatter.ts';
import { ItemSchema } from '#src/archive/schema.ts';
import { decodeFeedBytes } from '#src/ingest/decode.ts';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import type { ConvertContext, FeedEntry } from '#src/ingest/types.ts';

const SHARED_FEED = new URL('../../../shared/feeds/forem-2026-04-27.xml', import.meta.url);
const ctx: ConvertContext = {
  source: 'forem',
  extraTags: [],
  firstSeen: '2026-04-28T00:00:00.000Z',
  now: '2026-04-28T00:00:00.000Z',
};

/** Read Markdown back with an independent parser. */
function mdast(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function collect<T extends Nodes['type']>(node: Nodes, type: T): Extract<Nodes, { type: T }>[] {
  const found: Extract<Nodes, { type: T }>[] = [];
  const walk = (current: Nodes): void => {
    if (current.type === type) found.push(current as Extract<Nodes, { type: T }>);
    if ('children' in current) for (const child of current.children) walk(child);
  };
  walk(node);
  return found;
}

/** The source's code blocks, read straight from the HTML: language and text without the token spans. */
function sourceCode(html: string): { lang: string; value: string }[] {
  return [...html.matchAll(/<pre class="highlight ([\w-]+)"><code>([\s\S]*?)<\/code><\/pre>/g)].map((match) => ({
    lang: match[1] ?? '',
    value: decodeHTML((match[2] ?? '').replace(/<[^>]+>/g, '')).replace(/\n+$/, ''),
  }));
}

function cellText(table: Table): string[][] {
  return table.children.map((row) =>
    row.children.map(
      (cell) =>
        collect(cell, 'text')
          .map((text) => text.value)
          .join('') +
        collect(cell, 'inlineCode')
          .map((code) => code.value)
          .join(''),
    ),
  );
}

async function convertFeed(text: string, url: string): Promise<{ entries: FeedEntry[]; files: string[] }> {
  const feed = await parseFeed(text, url);
  return { entries: feed.entries, files: feed.entries.map((entry) => renderItemFile(convertEntry(entry, ctx))) };
}

describe('the Forem-shaped fixture', () => {
  it('converts Rouge code in four languages, the table, the images and the accented author', async () => {
    const bytes = readFileSync(new URL('../fixtures/feeds/forem-shaped.xml', import.meta.url));
    const { entries, files } = await convertFeed(decodeFeedBytes(bytes), 'https://forem.example/feed');
    expect(files).toHaveLength(1);
    const { frontmatter, body } = parseItemFile(files[0] ?? '');
    const item = ItemSchema.parse(frontmatter);
    expect(item.authors).toEqual(['Viktor Lázár']);
    expect(item.tags).toEqual(['python', 'sql']);
    expect(item.title).toBe('Four languages & a table');
    expect(item.image).toBe('https://media.forem.example/one.png');
    const tree = mdast(body);
    const code = collect(tree, 'code') as Code[];
    expect(code.map((block) => ({ lang: block.lang, value: block.value }))).toEqual(
      sourceCode(entries[0]?.contentHtml ?? ''),
    );
    expect(code.map((block) => block.lang)).toEqual(['python', 'sql', 'shell', 'json']);
    expect(code[0]?.value).toBe('def greet(name):\n    if name < "m" & True:\n        return f"```{name}```"');
    const tables = collect(tree, 'table');
    expect(tables).toHaveLength(1);
    expect(cellText(tables[0] as Table)).toEqual([
      ['Plan', 'Price'],
      ['Free', '$0'],
      ['Pro | Team', '$9'],
    ]);
    expect((collect(tree, 'image') as Image[]).map((image) => image.alt)).toEqual(['First picture', 'Second picture']);
    expect(body).toContain('Intro with `inline <code>` and 2 \\* 3 \\* 4 and snake_case_name.');
  });
});

// Twelve long posts: allow for a busy CI machine.
describe.runIf(existsSync(SHARED_FEED))(
  'conformance: ../shared/feeds/forem-2026-04-27.xml',
  { timeout: 60_000 },
  () => {
    it('archives all of it faithfully', async () => {
      const text = decodeFeedBytes(readFileSync(SHARED_FEED), 'application/rss+xml; charset=utf-8');
      const { entries, files } = await convertFeed(text, 'https://forem.com/feed');
      expect(files).toHaveLength(12);
      const items = files.map((file) => parseItemFile(file));
      const trees = items.map((item) => mdast(item.body));

      const code = trees.flatMap((tree) => collect(tree, 'code') as Code[]);
      expect(code).toHaveLength(50);
      const counts: Record<string, number> = {};
      for (const block of code) counts[block.lang ?? 'none'] = (counts[block.lang ?? 'none'] ?? 0) + 1;
      expect(counts).toEqual({ python: 21, sql: 16, shell: 7, json: 3, plaintext: 3 });
      const expected = entries.flatMap((entry) => sourceCode(entry.contentHtml ?? ''));
      expect(code.map((block) => ({ lang: block.lang, value: block.value }))).toEqual(expected);

      const tables = trees.flatMap((tree) => collect(tree, 'table') as Table[]);
      expect(tables).toHaveLength(1);
      expect(cellText(tables[0] as Table)[0]).toEqual(['Author class', 'Write path', 'Read path']);
      expect(tables[0]?.children).toHaveLength(4);

      const images = trees.flatMap((tree) => collect(tree, 'image') as Image[]);
      const sourceAlts = entries.flatMap((entry) =>
        [...(entry.contentHtml ?? '').matchAll(/<img [^>]*?alt="([^"]*)"/g)].map((match) =>
          decodeHTML(match[1] ?? '').trim(),
        ),
      );
      expect(sourceAlts).toHaveLength(10);
      expect(images.map((image) => image.alt)).toEqual(sourceAlts);
      expect(images.filter((image) => image.alt).length).toBe(5);

      const parsed = items.map((item) => ItemSchema.parse(item.frontmatter));
      expect(parsed.flatMap((item) => item.authors)).toContain('Viktor Lázár');
      expect(new Set(parsed.flatMap((item) => item.tags)).size).toBe(29);
      expect(new Set(parsed.map((item) => item.id)).size).toBe(12);
    });
  },
);
