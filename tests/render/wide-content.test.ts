import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

const ctx = { source: 'bench', extraTags: [], firstSeen: '2026-03-06T00:00:00.000Z', now: '2026-03-06T00:00:00.000Z' };
const REGION = '<div class="table-scroll" tabindex="0" role="region" aria-label="Table, scrolls sideways">';

describe('wide tables on the article page', () => {
  it('scroll inside a focusable, labelled region, whether GFM or kept as HTML', async () => {
    const text = await readFile(new URL('../fixtures/fidelity/wide-content.xml', import.meta.url), 'utf8');
    const [entry] = (await parseFeed(text, 'https://bench.example/feed')).entries;
    if (!entry) throw new Error('the fixture has an item');
    const html = await renderMarkdown(convertEntry(entry, ctx).body);
    const tables = html.split('<table').length - 1;
    expect(tables).toBe(2);
    expect(html.split(REGION).length - 1).toBe(2);
    expect(html).toContain(`${REGION}<table>\n<thead>\n<tr>\n<th>engine</th>`);
    expect(html).toContain(`${REGION}<table><tbody><tr><td rowspan="2">merged</td>`);
    // A code block scrolls sideways by the stylesheet's .astro-code rule, not an inline style.
    expect(html).toMatch(/<\/table><\/div>\n<pre class="astro-code[^"]*" tabindex="0"/);
    const css = await readFile(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
    expect(css).toMatch(/^\.astro-code \{\n[^}]*overflow-x: auto;\n[^}]*\}$/m);
  });
});
