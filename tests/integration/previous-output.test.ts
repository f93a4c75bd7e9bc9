import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearPreviousOutput } from '#src/integration/previous-output-fs.ts';

const work = await mkdtemp(join(tmpdir(), 'feedshelf-previous-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('clearPreviousOutput', () => {
  it('moves the output aside at once and deletes it, with leftovers of interrupted builds', async () => {
    const outDir = join(work, 'dist');
    await mkdir(join(outDir, 'items/a'), { recursive: true });
    await writeFile(join(outDir, 'items/a/index.html'), '<p>old</p>');
    await mkdir(join(work, 'dist.previous-1-2/pagefind'), { recursive: true });
    await mkdir(join(work, 'dist-other'));
    const cleared = clearPreviousOutput(outDir);
    expect(existsSync(outDir)).toBe(false);
    await cleared;
    expect((await readdir(work)).sort()).toEqual(['dist-other']);
  });

  it('does nothing when there is no output yet', async () => {
    const outDir = join(work, 'fresh', 'dist');
    await clearPreviousOutput(outDir);
    expect(existsSync(join(work, 'fresh'))).toBe(false);
  });
});
