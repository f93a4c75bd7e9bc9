/**
 * `feedshelf build` (`npm run build`) passes Astro's own flags to astro build
 * and refuses any other before a build starts; here on a one-page Astro
 * project of its own, so the build takes seconds.
 */
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exists } from '#src/util/exists-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { feedshelf } from './_run.ts';

const temp = useTempDir('feedshelf-build-');

async function onePageProject(): Promise<string> {
  const root = join(temp.path, 'site');
  await mkdir(join(root, 'src/pages'), { recursive: true });
  await symlink(join(process.cwd(), 'node_modules'), join(root, 'node_modules'));
  await writeFile(join(root, 'package.json'), '{ "type": "module" }\n');
  await writeFile(join(root, 'src/pages/index.astro'), '<p>One page</p>\n');
  return root;
}

describe('feedshelf build', () => {
  it("runs astro build with Astro's flags as given", { timeout: 120_000 }, async () => {
    const root = await onePageProject();
    const result = await feedshelf(['build', '--root', root, '--outDir', join(root, 'out'), '--silent'], temp.path);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(await readFile(join(root, 'out/index.html'), 'utf8')).toContain('<p>One page</p>');
  });

  it('refuses a flag astro build does not have, and builds nothing', { timeout: 60_000 }, async () => {
    const root = await onePageProject();
    const result = await feedshelf(['build', '--root', root, '--outdir', join(root, 'out')], temp.path);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Unknown option --outdir for feedshelf build. Valid options: --outDir, --mode, --force, --devOutput, --root, --config, --site, --base, --partition, --verbose, --silent, --help.\nRun feedshelf build --help for usage.\n',
    });
    expect(await exists(join(root, 'out'))).toBe(false);
    expect(await exists(join(root, '.astro'))).toBe(false);
  });

  it('refuses a partition that is not I/N, and builds nothing', { timeout: 60_000 }, async () => {
    const root = await onePageProject();
    const result = await feedshelf(['build', '--root', root, '--partition', '5/4'], temp.path);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '--partition: A partition is I/N with 1 ≤ I ≤ N ≤ 256 (e.g. 2/4 for the second of four), not "5/4".\nRun feedshelf build --help for usage.\n',
    });
    expect(await exists(join(root, '.astro'))).toBe(false);
  });

  it('refuses a merge of a folder that holds no partition', { timeout: 60_000 }, async () => {
    await mkdir(join(temp.path, 'parts', 'partition-1'), { recursive: true });
    const result = await feedshelf(['merge', join(temp.path, 'parts'), '--out', join(temp.path, 'site')], temp.path);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `The partitions cannot be merged:\n  - ${join(temp.path, 'parts', 'partition-1')} has no .feedshelf-partition.json: it is not the output of \`feedshelf build --partition I/N\`, or its upload was incomplete.\n`,
    });
    expect(await exists(join(temp.path, 'site'))).toBe(false);
  });
});
