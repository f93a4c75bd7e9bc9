import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { containedPath, itemPath, UnsafePathError, writeFileAtomic } from '#src/ingest/write-fs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedshelf-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic writes', () => {
  it('create folders, replace the file whole and leave no temp file', async () => {
    const file = join(dir, 'blog', 'a.md');
    await writeFileAtomic(file, 'first\n');
    await writeFileAtomic(file, 'second\n');
    expect(await readFile(file, 'utf8')).toBe('second\n');
    expect(await readdir(join(dir, 'blog'))).toEqual(['a.md']);
  });

  it('leave the old file intact and clean up when the write fails', async () => {
    const file = join(dir, 'a.md');
    await writeFile(file, 'kept\n');
    await writeFile(join(dir, 'sub'), 'a file where a folder is needed');
    await expect(writeFileAtomic(join(dir, 'sub', 'b.md'), 'x')).rejects.toThrow();
    expect(await readFile(file, 'utf8')).toBe('kept\n');
    expect((await readdir(dir)).sort()).toEqual(['a.md', 'sub']);
  });
});

describe('contained paths', () => {
  it('build item paths from a feed id and a stem', () => {
    expect(itemPath(dir, 'blog', '2026-03-01-hello')).toBe(join(dir, 'blog', '2026-03-01-hello.md'));
  });

  it.each([['../outside'], ['..'], ['a/../../b'], ['/etc/passwd'], ['.hidden'], ['a\\..\\b'], ['nul\0byte'], ['']])(
    'refuse the stem %j',
    (stem) => {
      expect(() => itemPath(dir, 'blog', stem)).toThrow(UnsafePathError);
    },
  );

  it.each([['../blog'], ['Blog'], ['a/b'], ['..'], ['-x'], ['']])('refuse the feed id %j', (id) => {
    expect(() => itemPath(dir, id, 'stem')).toThrow(UnsafePathError);
  });

  it('refuse a segment that resolves to the root itself', () => {
    expect(() => containedPath(dir, '.')).toThrow('Refusing unsafe path segment ".".');
  });
});
