import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnsafePathError } from '#src/ingest/errors.ts';
import { containedPath, itemPath, writeFileAtomic } from '#src/ingest/write-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const temp = useTempDir('feedshelf-write-');

describe('atomic writes', () => {
  it('create folders, replace the file whole and leave no temp file', async () => {
    const file = join(temp.path, 'blog', 'a.md');
    await writeFileAtomic(file, 'first\n');
    await writeFileAtomic(file, 'second\n');
    expect(await readFile(file, 'utf8')).toBe('second\n');
    expect(await readdir(join(temp.path, 'blog'))).toEqual(['a.md']);
  });

  it('of one file at once each complete whole, through temp files of their own', async () => {
    const file = join(temp.path, 'blog', 'same.md');
    const texts = Array.from({ length: 20 }, (_, index) => `version ${index}\n`.repeat(10_000));
    await Promise.all(texts.map((text) => writeFileAtomic(file, text)));
    expect(texts).toContain(await readFile(file, 'utf8'));
    expect(await readdir(join(temp.path, 'blog'))).toEqual(['same.md']);
  });

  it('leave the old file intact and clean up when the write fails', async () => {
    const file = join(temp.path, 'a.md');
    await writeFile(file, 'kept\n');
    await writeFile(join(temp.path, 'sub'), 'a file where a folder is needed');
    await expect(writeFileAtomic(join(temp.path, 'sub', 'b.md'), 'x')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('kept\n');
    expect((await readdir(temp.path)).sort()).toEqual(['a.md', 'sub']);
  });
});

describe('contained paths', () => {
  it('build item paths from a feed id and a stem', () => {
    expect(itemPath(temp.path, 'blog', '2026-03-01-hello')).toBe(join(temp.path, 'blog', '2026-03-01-hello.md'));
  });

  it.each([['../outside'], ['..'], ['a/../../b'], ['/etc/passwd'], ['.hidden'], ['a\\..\\b'], ['nul\0byte'], ['']])(
    'refuse the stem %j',
    (stem) => {
      expect(() => itemPath(temp.path, 'blog', stem)).toThrow(UnsafePathError);
    },
  );

  it.each([['../blog'], ['Blog'], ['a/b'], ['..'], ['-x'], ['']])('refuse the feed id %j', (id) => {
    expect(() => itemPath(temp.path, id, 'stem')).toThrow(UnsafePathError);
  });

  it('refuse a segment that resolves to the root itself', () => {
    expect(() => containedPath(temp.path, '.')).toThrow('Refusing unsafe path segment ".".');
  });
});
