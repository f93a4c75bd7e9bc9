import { describe, expect, it } from 'vitest';
import { decodeArchiveFile, parseItemEntry } from '#src/render/item-entry.ts';

const FRONTMATTER = [
  'title: Hello',
  'id: https://example.org/hello',
  'source: blog',
  'published: "2026-03-02T08:00:00.000Z"',
  'firstSeen: "2026-03-10T09:00:00.000Z"',
  'hash: sha256:00',
];

function file(lines: readonly string[], body = 'Body text.'): string {
  return `---\n${lines.join('\n')}\n---\n\n${body}\n`;
}

function problem(text: string): string | undefined {
  const result = parseItemEntry(text);
  return result.ok ? undefined : result.problem;
}

describe('decodeArchiveFile', () => {
  it('decodes UTF-8 and names the first byte that is not', () => {
    expect(decodeArchiveFile(Buffer.from('Zoë 中文'))).toEqual({ ok: true, value: 'Zoë 中文' });
    expect(decodeArchiveFile(Buffer.from([0x61, 0x62, 0xff, 0x63]))).toEqual({
      ok: false,
      problem: 'not UTF-8 text (byte 0xff at offset 2)',
    });
    expect(decodeArchiveFile(Buffer.from([0x61, 0xc3]))).toEqual({
      ok: false,
      problem: 'not UTF-8 text (byte 0xc3 at offset 1)',
    });
  });
});

describe('parseItemEntry', () => {
  it('gives the schema’s output and the body of a good file', () => {
    const result = parseItemEntry(file(FRONTMATTER));
    expect(result.ok && result.value.body).toBe('Body text.');
    expect(result.ok && result.value.data).toMatchObject({
      title: 'Hello',
      authors: [],
      tags: [],
      published: new Date('2026-03-02T08:00:00.000Z'),
    });
  });

  it.each([
    [
      'an impossible date',
      file([...FRONTMATTER.slice(0, 3), 'published: 2026-02-30', ...FRONTMATTER.slice(4)]),
      'frontmatter: published: Invalid date',
    ],
    ['a date that is not one', file([...FRONTMATTER, 'updated: soon']), 'frontmatter: updated: Invalid date'],
    ['a missing key', file(FRONTMATTER.slice(1)), 'frontmatter: title: missing'],
    [
      'a missing date',
      file(FRONTMATTER.filter((line) => !line.startsWith('published'))),
      'frontmatter: published: missing',
    ],
    [
      'a value of the wrong type',
      file([...FRONTMATTER, 'tags: Python']),
      'frontmatter: tags: Invalid input: expected array, received string',
    ],
    [
      'an empty tag',
      file([...FRONTMATTER, 'tags: ["ok", ""]']),
      'frontmatter: tags.1: Too small: expected string to have >=1 characters',
    ],
    [
      'a link that is not http(s)',
      file([...FRONTMATTER, 'link: javascript:alert(1)']),
      'frontmatter: link: Invalid URL',
    ],
    [
      'a YAML syntax error',
      file([FRONTMATTER[0] ?? '', 'id: "unterminated', ...FRONTMATTER.slice(2)]),
      'frontmatter: not valid YAML at line 3, column 18 (Missing closing "quote)',
    ],
    [
      'a duplicate key',
      file([...FRONTMATTER, 'title: Again']),
      'frontmatter: not valid YAML at line 8, column 1 (Map keys must be unique)',
    ],
    ['a list instead of a mapping', file(['- a', '- b']), 'frontmatter: not a mapping of keys to values'],
    ['no frontmatter at all', '# Title\n\nText.\n', 'frontmatter: missing (the file must start with ---)'],
    [
      'frontmatter never closed',
      `---\n${FRONTMATTER.join('\n')}\n\nText.\n`,
      'frontmatter: not closed by a line of three dashes, ---',
    ],
  ])('refuses %s with its reason', (_, text, reason) => {
    expect(problem(text)).toBe(reason);
  });
});
