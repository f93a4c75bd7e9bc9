import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normaliseLanguage } from '#src/ingest/_code-lang.ts';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import { renderMarkdown } from '../helpers/render-markdown.ts';

const ctx = { source: 'ops', extraTags: [], firstSeen: '2026-03-05T00:00:00.000Z', now: '2026-03-05T00:00:00.000Z' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('code languages', () => {
  it('are spelled as the highlighter knows them, and an unknown one is plain text', async () => {
    const text = await readFile(new URL('../fixtures/fidelity/code-languages.xml', import.meta.url), 'utf8');
    const [entry] = (await parseFeed(text, 'https://ops.example/feed')).entries;
    if (!entry) throw new Error('the fixture has an item');
    const { body } = convertEntry(entry, ctx);
    expect(body).toBe(
      "```objc\n[view setNeedsDisplay:YES];\n```\n\n```apache\nRewriteEngine On\n```\n\n```\nQapla'\n```\n\n```shellsession\n$ make\n```",
    );
    const warn = vi.spyOn(console, 'warn');
    const html = await renderMarkdown(body);
    expect(warn).not.toHaveBeenCalled();
    expect([...html.matchAll(/data-language="([^"]+)"/g)].map((match) => match[1])).toEqual([
      'objc',
      'apache',
      'plaintext',
      'shellsession',
    ]);
  });

  it('maps feed spellings to the highlighter’s names', () => {
    expect(normaliseLanguage('Objective C')).toBe('objc');
    expect(normaliseLanguage('c++')).toBe('cpp');
    expect(normaliseLanguage('ps1')).toBe('powershell');
    expect(normaliseLanguage('golang')).toBe('go');
    expect(normaliseLanguage('python')).toBe('python');
    expect(normaliseLanguage('klingon')).toBeUndefined();
    expect(normaliseLanguage('<script>')).toBeUndefined();
  });
});
