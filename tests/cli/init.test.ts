/**
 * `feedshelf init DIR` through the real command line: the files of a new site,
 * a folder that is not empty refused before anything is written, and options
 * checked as the build will read them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { treeFiles } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { feedshelf } from './_run.ts';

const SLOW = { timeout: 60_000 };
const temp = useTempDir('feedshelf-init-');

const FILES = [
  '.github/dependabot.yml',
  '.github/workflows/archive.yml',
  '.gitignore',
  '.nvmrc',
  'README.md',
  'astro.config.mjs',
  'content/.gitkeep',
  'feeds.yaml',
  'feedshelf.config.yaml',
  'package.json',
  'src/content.config.ts',
];

describe('feedshelf init', () => {
  it('writes a site that depends on this feedshelf, with the settings given', SLOW, async () => {
    const result = await feedshelf(
      ['init', 'Reading List', '--title', 'Reading: a list', '--site', 'https://me.github.io', '--base', '/reads/'],
      temp.path,
    );
    const dir = join(temp.path, 'Reading List');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Created Reading: a list in ${dir}: 11 files.`);
    expect(await treeFiles(dir)).toEqual(FILES);

    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const ours = JSON.parse(await readFile('package.json', 'utf8'));
    expect(manifest.name).toBe('reading-list');
    expect(manifest.dependencies).toEqual({ astro: ours.peerDependencies.astro, feedshelf: `^${ours.version}` });
    expect(parse(await readFile(join(dir, 'feedshelf.config.yaml'), 'utf8'))).toEqual({
      title: 'Reading: a list',
      description: 'An archive of feeds that outlives their publishers.',
      site: 'https://me.github.io',
      base: '/reads/',
      lang: 'en',
      pageSize: 30,
      feedSize: 50,
      shareCards: true,
    });
    expect(await readFile(join(dir, '.github/workflows/archive.yml'), 'utf8')).toBe(
      await readFile('src/scaffold/template/github/workflows/archive.yml', 'utf8'),
    );
    expect(await readFile(join(dir, 'astro.config.mjs'), 'utf8')).toMatch(/import feedshelf from 'feedshelf';/);
    expect((await readFile(join(dir, 'README.md'), 'utf8')).split('\n')[0]).toBe('# Reading: a list');
  });

  it('points the dependency at a packed tarball given with --from, by its absolute file: URL', SLOW, async () => {
    const result = await feedshelf(['init', 'site', '--from', 'packs/feedshelf-9.9.9.tgz'], temp.path);
    expect(result.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(temp.path, 'site', 'package.json'), 'utf8'));
    expect(manifest.dependencies.feedshelf).toBe(`file://${join(temp.path, 'packs/feedshelf-9.9.9.tgz')}`);
  });

  it('refuses a folder that holds files, and writes nothing into it; a lone .git is fine', SLOW, async () => {
    const dir = join(temp.path, 'mine');
    await mkdir(join(dir, '.git'), { recursive: true });
    await writeFile(join(dir, 'notes.md'), 'mine');
    const refused = await feedshelf(['init', 'mine'], temp.path);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `${dir} is not empty (it holds notes.md): give feedshelf init a new or empty folder, so no file of yours is overwritten.\n`,
    });
    expect(await treeFiles(dir)).toEqual(['notes.md']);

    const repo = join(temp.path, 'repo');
    await mkdir(join(repo, '.git'), { recursive: true });
    expect((await feedshelf(['init', 'repo'], temp.path)).code).toBe(0);
    expect(await treeFiles(repo)).toContain('feedshelf.config.yaml');
  });

  it('names the option of a bad setting, and writes nothing', SLOW, async () => {
    const result = await feedshelf(['init', 'site', '--site', 'example.org', '--lang', 'en_US'], temp.path);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Invalid option for feedshelf init: --site: expected the http(s) URL the site is deployed at, e.g. https://example.org; --lang: expected a BCP 47 language tag, e.g. en, de-AT or pt-BR.\nRun feedshelf init --help for usage.\n',
    });
    expect(await treeFiles(temp.path)).toEqual([]);
  });

  it('needs the folder', SLOW, async () => {
    const result = await feedshelf(['init'], temp.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'feedshelf init needs DIR: feedshelf init DIR [options]\nRun feedshelf init --help for usage.\n',
    );
  });
});
