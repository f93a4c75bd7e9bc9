import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ArchiveError } from '#src/ingest/errors.ts';
import { createWriteJournal, isStorageFull } from '#src/ingest/journal-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

// Opening a temporary file of this name fails as a full disk would, once: the write fails after the old bytes were kept.
const failOpen = vi.hoisted(() => ({ name: '' }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = (path, ...rest) => {
    if (failOpen.name !== '' && basename(String(path)).startsWith(failOpen.name)) {
      failOpen.name = '';
      return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    }
    return actual.open(path, ...rest);
  };
  return { ...actual, open };
});

describe('the write journal', () => {
  const temp = useTempDir('feedshelf-journal-');

  async function files(): Promise<Record<string, string>> {
    const names = (await readdir(temp.path)).sort();
    const out: Record<string, string> = {};
    for (const name of names) out[name] = await readFile(join(temp.path, name), 'utf8');
    return out;
  }

  it('rolls back: new files removed, replaced files restored, even when written twice', async () => {
    await writeFile(join(temp.path, 'kept.md'), 'old');
    const journal = createWriteJournal();
    await journal.write(join(temp.path, 'kept.md'), 'new');
    await journal.write(join(temp.path, 'kept.md'), 'newer');
    await journal.write(join(temp.path, 'added.md'), 'added');
    expect(await files()).toEqual({
      [`.kept.md.tmp-${process.pid}.old`]: 'old',
      'added.md': 'added',
      'kept.md': 'newer',
    });
    await journal.rollback();
    expect(await files()).toEqual({ 'kept.md': 'old' });
  });

  it('rolls back a write that failed before it replaced the file, leaving no kept copy behind', async () => {
    await writeFile(join(temp.path, 'kept.md'), 'old');
    failOpen.name = `.kept.md.tmp-${process.pid}-`;
    const journal = createWriteJournal();
    await expect(journal.write(join(temp.path, 'kept.md'), 'new')).rejects.toBeInstanceOf(ArchiveError);
    expect(failOpen.name).toBe('');
    await journal.rollback();
    expect(await files()).toEqual({ 'kept.md': 'old' });
  });

  it('finishes: the new bytes stay and the kept copies go', async () => {
    await writeFile(join(temp.path, 'kept.md'), 'old');
    const journal = createWriteJournal();
    await journal.write(join(temp.path, 'kept.md'), 'new');
    await journal.write(join(temp.path, 'added.md'), 'added');
    await journal.finish();
    expect(await files()).toEqual({ 'added.md': 'added', 'kept.md': 'new' });
  });

  it('turns only storage errors into an ArchiveError', () => {
    const errno = (code: string) => Object.assign(new Error(code), { code });
    expect(['ENOSPC', 'EDQUOT', 'EFBIG', 'EROFS'].map((code) => isStorageFull(errno(code)))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['EACCES', 'ENOENT', undefined].map((code) => isStorageFull(code ? errno(code) : new Error('x')))).toEqual([
      false,
      false,
      false,
    ]);
    expect(new ArchiveError('x', { code: 'disk-full' })).toMatchObject({ kind: 'archive', code: 'disk-full' });
  });
});
