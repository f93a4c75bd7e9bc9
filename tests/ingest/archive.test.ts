import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderItemFile } from '#src/archive/frontmatter.ts';
import { indexEntry, readArchiveIndex } from '#src/ingest/archive-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const temp = useTempDir('feedshelf-archive-');

function item(fields: Record<string, unknown>, body = 'Body.'): string {
  return renderItemFile({
    frontmatter: {
      title: 'A title',
      id: 'urn:a',
      source: 'blog',
      published: '2026-03-02T08:00:00.000Z',
      firstSeen: '2026-03-10T09:00:00.000Z',
      hash: 'sha256:abc',
      ...fields,
    },
    body,
  });
}

describe('the archive index', () => {
  it('maps keys to stems, hashes and dates, and lists every stem', async () => {
    await mkdir(join(temp.path, 'blog'));
    await writeFile(join(temp.path, 'blog', '2026-03-02-a.md'), item({ link: 'https://example.org/a' }));
    await writeFile(join(temp.path, 'blog', '2026-03-03-b.md'), item({ id: 'urn:b', title: 'B', hash: 'sha256:def' }));
    await writeFile(join(temp.path, 'blog', 'notes.md'), 'no frontmatter here\n');
    await writeFile(join(temp.path, 'blog', '.2026-03-04-c.md.tmp-1'), 'half written');
    const index = await readArchiveIndex(temp.path, 'blog');
    expect([...index.stems].sort()).toEqual(['2026-03-02-a', '2026-03-03-b', 'notes']);
    expect(Object.fromEntries(index.byKey)).toEqual({
      'urn:a': {
        stem: '2026-03-02-a',
        hash: 'sha256:abc',
        firstSeen: '2026-03-10T09:00:00.000Z',
        published: '2026-03-02T08:00:00.000Z',
        link: 'https://example.org/a',
        title: 'A title',
      },
      'urn:b': {
        stem: '2026-03-03-b',
        hash: 'sha256:def',
        firstSeen: '2026-03-10T09:00:00.000Z',
        published: '2026-03-02T08:00:00.000Z',
        title: 'B',
      },
    });
  });

  it('is empty for a feed with no folder yet', async () => {
    const index = await readArchiveIndex(temp.path, 'new-feed');
    expect(index.byKey.size).toBe(0);
    expect(index.stems.size).toBe(0);
  });

  it('reads frontmatter longer than the first read and values that need the YAML parser', async () => {
    await mkdir(join(temp.path, 'blog'));
    const long = 'word '.repeat(1500).trim();
    await writeFile(join(temp.path, 'blog', 'long.md'), item({ id: 'urn:long', title: `Quote "me" \\ ${long}` }));
    const index = await readArchiveIndex(temp.path, 'blog');
    expect(index.byKey.get('urn:long')?.title).toBe(`Quote "me" \\ ${long}`);
  });

  it.each([
    ["title: 'it''s here'", "it's here"],
    ['title: "tab\\there"', 'tab\there'],
    ['title: plain words', 'plain words'],
    ['title: "1.0"', '1.0'],
  ])('reads %s like YAML does', (line, title) => {
    const text = `---\nid: urn:x\n${line}\nhash: h\nfirstSeen: "2026-03-10T09:00:00.000Z"\n---\n\nbody\n`;
    expect(indexEntry('x', text)?.item.title).toBe(title);
  });
});
