import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry, htmlToMarkdown } from '#src/ingest/to-markdown.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

const ctx = { source: 'editor', extraTags: [], firstSeen: '2026-03-14T00:00:00.000Z', now: '2026-03-14T00:00:00.000Z' };

async function body(name: string): Promise<string> {
  const text = await readFile(new URL(`../fixtures/fidelity/${name}`, import.meta.url), 'utf8');
  const [entry] = (await parseFeed(text, 'https://editor.example/feed')).entries;
  if (!entry) throw new Error(`${name} has an item`);
  return convertEntry(entry, ctx).body;
}

describe('conversion junk', () => {
  it('keeps spaces at the edges of emphasis and links outside them, with no character references or backslashes', async () => {
    const markdown = await body('conversion-junk.xml');
    expect(markdown).toBe('**Note:** the *fast* path and [the docs](https://editor.example/docs) agree.\n\nLast line');
    expect(await renderMarkdown(markdown)).toBe(
      '<p><strong>Note:</strong> the <em>fast</em> path and <a href="https://editor.example/docs">the docs</a> agree.</p>\n<p>Last line</p>\n',
    );
  });

  it('writes emphasis glued to a word, a no-break space and a break at an edge without references', () => {
    const { markdown } = htmlToMarkdown(
      '<p><em>foo</em>bar, <strong>[*]\u00a0</strong>Если and <strong>file<br></strong>(152 kB)<br></p>',
      undefined,
    );
    expect(markdown).toBe('*foo*bar, **\\[\\*]**\u00a0Если and **file**\\\n(152 kB)');
  });

  it('unwraps layout tables and keeps a data table without a header row as HTML', async () => {
    const markdown = await body('layout-tables.xml');
    expect(markdown).toBe(
      '![Letter logo](https://letter.example/logo.png)\n\nHello, readers.\n\nOnly one cell of text\n\n' +
        '<table><tbody><tr><td>Mon</td><td>3</td></tr><tr><td>Tue</td><td>5</td></tr></tbody></table>\n\n' +
        '| Day | Runs |\n| --- | ---- |\n| Wed | 8    |',
    );
  });

  it('keeps the fence of code in odd markup, one line per block inside a pre', async () => {
    const markdown = await body('code-in-odd-markup.xml');
    expect(markdown).toBe(
      'Run this:\n\n```\nmake all\n```\n\nthen this.\n\n```\ncd build\ncmake ..\n```\n\n```\nnpm ci\n```\n\n' +
        '```\nfirst line\nsecond line\n```\n\n- Step\n  ```\n  ls -la\n  ```',
    );
    const html = await renderMarkdown(markdown);
    expect([...html.matchAll(/<pre /g)].length).toBe(5);
    expect(html).not.toMatch(/&#x|\\\\/);
  });
});
