import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  packageName,
  type SiteAnswers,
  siteFiles,
  sitePackageJson,
  sitePath,
  siteSettingsYaml,
} from '#src/scaffold/files.ts';
import { parseSiteSettings } from '#src/site-settings.ts';

const answers: SiteAnswers = {
  name: 'reading-list',
  title: 'Reading: "list" # one',
  site: 'https://me.github.io',
  base: '/reading-list/',
  lang: 'de',
};
const facts = { feedshelf: '^1.2.3', astro: '^7.3.5', node: '^24.21.0', engines: '>=22.18.0' };

describe('the files of a new site', () => {
  it('writes the dotted template names with their dot back', () => {
    expect(sitePath('gitignore')).toBe('.gitignore');
    expect(sitePath('nvmrc')).toBe('.nvmrc');
    expect(sitePath('github/workflows/archive.yml')).toBe('.github/workflows/archive.yml');
    expect(sitePath('src/content.config.ts')).toBe('src/content.config.ts');
    expect(sitePath('README.md')).toBe('README.md');
  });

  it("names the package from the folder's name in npm's characters", () => {
    expect(packageName('My Archive')).toBe('my-archive');
    expect(packageName('Überblog — Ünïcode')).toBe('uberblog-unicode');
    expect(packageName('.hidden')).toBe('hidden');
    expect(packageName('日本語')).toBe('feed-archive');
  });

  it('settings the build reads back as given, whatever the title holds', () => {
    const settings = parseSiteSettings(siteSettingsYaml(answers), 'feedshelf.config.yaml');
    expect(settings).toEqual({
      title: 'Reading: "list" # one',
      description: 'An archive of feeds that outlives their publishers.',
      site: 'https://me.github.io',
      base: '/reading-list/',
      lang: 'de',
      pageSize: 30,
      feedSize: 50,
      shareCards: true,
    });
  });

  it('a package.json whose build is astro build, on the Node and the feedshelf given', () => {
    const manifest = JSON.parse(sitePackageJson(answers, facts));
    expect(manifest.scripts.build).toBe('astro build');
    expect(manifest.scripts.snapshot).toBe('feedshelf snapshot');
    expect(manifest.scripts['ci-summary']).toBe('feedshelf-ci-summary');
    expect(manifest.dependencies).toEqual({ astro: '^7.3.5', feedshelf: '^1.2.3' });
    expect(manifest.devDependencies).toEqual({ node: '^24.21.0' });
    expect(manifest.engines).toEqual({ node: '>=22.18.0' });
    expect(manifest.private).toBe(true);
  });

  it('every file, sorted, with the README titled', () => {
    const template = new Map([
      ['README.md', '# {{title}}\n\nText {{title}}.\n'],
      ['gitignore', 'node_modules/\n'],
      ['github/workflows/archive.yml', 'name: Archive\n'],
    ]);
    const files = siteFiles(template, answers, facts);
    expect([...files.keys()]).toEqual([
      '.github/workflows/archive.yml',
      '.gitignore',
      'README.md',
      'content/.gitkeep',
      'feedshelf.config.yaml',
      'package.json',
    ]);
    expect(files.get('README.md')).toBe('# Reading: "list" # one\n\nText Reading: "list" # one.\n');
    expect(files.get('.gitignore')).toBe('node_modules/\n');
  });

  it("the template's workflow is this repository's, but for the sample feeds it has no folder for", async () => {
    const ours = await readFile('.github/workflows/archive.yml', 'utf8');
    const theirs = await readFile('src/scaffold/template/github/workflows/archive.yml', 'utf8');
    expect(theirs).toBe(ours.replace('      - samples/**\n', ''));
    expect(await readFile('src/scaffold/template/github/dependabot.yml', 'utf8')).toBe(
      await readFile('.github/dependabot.yml', 'utf8'),
    );
  });
});
