import { describe, expect, it } from 'vitest';
import { parseItemFile, renderItemFile } from '#src/archive/frontmatter.ts';
import { ItemSchema } from '#src/archive/schema.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';

const frontmatter = (title: string): Record<string, unknown> => ({
  title,
  id: 'tag:example.org,2026:1',
  source: 'example',
  authors: ['yes', 'Zoë'],
  tags: ['2026-01-01', '1e3', 'null', 'on', '~', '- x', '@at', 'ok'],
  published: '2026-03-01T10:00:00.000Z',
  firstSeen: '2026-03-02T10:00:00.000Z',
  summary: 'a: b # c',
  hash: 'sha256:0123',
});

describe('renderItemFile', () => {
  it('writes ---, YAML in the given key order, ---, a blank line, the body and one newline', () => {
    const text = renderItemFile({ frontmatter: { ...frontmatter('Plain'), image: undefined }, body: 'Hello\n\n' });
    expect(text).toBe(
      [
        '---',
        'title: Plain',
        'id: tag:example.org,2026:1',
        'source: example',
        'authors:',
        '  - "yes"',
        '  - Zoë',
        'tags:',
        '  - "2026-01-01"',
        '  - "1e3"',
        '  - "null"',
        '  - "on"',
        '  - "~"',
        '  - "- x"',
        '  - "@at"',
        '  - ok',
        'published: "2026-03-01T10:00:00.000Z"',
        'firstSeen: "2026-03-02T10:00:00.000Z"',
        'summary: "a: b # c"',
        'hash: sha256:0123',
        '---',
        '',
        'Hello',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['YAML syntax', 'key: value # comment [a, b] {c: d} & *alias !tag | > %'],
    ['a document marker', '---'],
    ['markers and newlines', 'one\n---\ntwo\n...\nthree'],
    ['a NUL and controls', 'a\u0000b\u0007c\u001b'],
    ['quotes', `"double" 'single' \\back`],
    ['a very long title', `${'long words '.repeat(40)}end`],
    ['leading and trailing spaces', '  padded  '],
    ['unicode', 'Ünïcödé 中文 🙂 \u2028 line sep'],
    ['an empty string', ''],
  ])('round-trips a title with %s', (_name, title) => {
    const item = { frontmatter: frontmatter(title), body: '# Body\n\n---\n\ntext' };
    const text = renderItemFile(item);
    const parsed = parseItemFile(text);
    expect(parsed).toEqual({ frontmatter: item.frontmatter, body: item.body });
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(3);
  });

  it('writes what ItemSchema reads back, byte for byte on a second render', () => {
    const item = convertEntry(
      {
        guid: 'g',
        title: 'true',
        authors: ['A'],
        categories: ['x'],
        published: '2026-03-01T10:00:00Z',
        contentHtml: '<p>b</p>',
      },
      { source: 'example', extraTags: [], firstSeen: '2026-03-02T00:00:00Z', now: '2026-03-02T00:00:00Z' },
    );
    const text = renderItemFile(item);
    const parsed = parseItemFile(text);
    const result = ItemSchema.safeParse(parsed.frontmatter);
    expect(result.success).toBe(true);
    expect(result.data?.title).toBe('true');
    expect(renderItemFile({ frontmatter: parsed.frontmatter as Record<string, unknown>, body: parsed.body })).toBe(
      text,
    );
  });
});

describe('parseItemFile', () => {
  it('reads CRLF files and files without frontmatter', () => {
    expect(parseItemFile('---\r\ntitle: x\r\n---\r\n\r\nbody\r\n')).toEqual({
      frontmatter: { title: 'x' },
      body: 'body',
    });
    expect(parseItemFile('just text')).toEqual({ frontmatter: undefined, body: 'just text' });
  });
});
