import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

const ctx = { source: 'shell', extraTags: [], firstSeen: '2026-03-11T00:00:00.000Z', now: '2026-03-11T00:00:00.000Z' };

describe('the publisher’s typography', () => {
  it('keeps hyphens, dots and straight quotes as typed, in the archive and on the page', async () => {
    const text = await readFile(new URL('../fixtures/fidelity/typography.xml', import.meta.url), 'utf8');
    const [entry] = (await parseFeed(text, 'https://shell.example/feed.xml')).entries;
    if (!entry) throw new Error('the fixture has an item');
    const item = convertEntry(entry, ctx);
    expect(item.frontmatter.title).toBe(`Flags "as typed" -- and 'quotes'`);
    expect(item.body).toBe(
      `Run \`deno run --allow-net\` or pass --allow-read... "Straight" quotes, 'single' ones -- and --- stay as typed.`,
    );
    expect(await renderMarkdown(item.body)).toBe(
      `<p>Run <code>deno run --allow-net</code> or pass --allow-read... "Straight" quotes, 'single' ones -- and --- stay as typed.</p>\n`,
    );
  });
});
