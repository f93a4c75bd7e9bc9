import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDER_SOURCES, renderFingerprint, renderPackages } from '#src/render/fingerprint-fs.ts';
import { readRendered, renderedDigests, renderedFile, writeRendered } from '#src/render/rendered-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const temp = useTempDir('feedshelf-rendered-', 'all');

describe('the rendered-article cache', () => {
  it('writes a file per digest and reads it back', async () => {
    const file = renderedFile(temp.path, '0a1b2c3d4e5f6789');
    expect(file).toBe(join(temp.path, '0a1b2c3d4e5f6789.json'));
    writeRendered(file, { html: '<p>Grüße</p>', minutes: 3 });
    expect(readRendered('0a1b2c3d4e5f6789', temp.path)).toEqual({ html: '<p>Grüße</p>', minutes: 3 });
    expect(await readdir(temp.path)).toEqual(['0a1b2c3d4e5f6789.json']);
  });

  it('refuses a digest that could name another path', () => {
    expect(() => renderedFile(temp.path, '../x')).toThrow('"../x" is not an entry digest.');
  });

  it('says how to recover from a missing or damaged file', async () => {
    expect(() => readRendered('ffff', temp.path)).toThrow(
      `The rendered article ${join(temp.path, 'ffff.json')} is missing: the content sync renders every item, so delete ${temp.path} and build again.`,
    );
    await writeFile(join(temp.path, 'eeee.json'), '{"html": 1}');
    expect(() => readRendered('eeee', temp.path)).toThrow(
      `The rendered article ${join(temp.path, 'eeee.json')} is not in the expected form: delete ${temp.path} and build again.`,
    );
  });

  it('lists digests from a folder listing, ignoring files left by an interrupted write', () => {
    expect([...renderedDigests(['ab.json', 'cd.json.12.34.tmp', 'ef.json'])]).toEqual(['ab', 'ef']);
  });
});

describe('the renderer fingerprint', () => {
  const lock = (shiki: string) =>
    JSON.stringify({
      packages: {
        '': { name: 'feedshelf' },
        'node_modules/shiki': { version: shiki },
        'node_modules/@shikijs/core': { version: '4.6.0' },
        'node_modules/astro': { version: '7.3.5' },
        'node_modules/satteri': { version: '0.10.3' },
        'node_modules/yaml': { version: '2.9.1' },
        'node_modules/astro/node_modules/shiki': { version: '1.0.0' },
      },
    });

  it('takes the versions of the packages that render Markdown, and only those', () => {
    expect(renderPackages(lock('4.6.0'))).toEqual([
      '@shikijs/core@4.6.0',
      'astro@7.3.5',
      'satteri@0.10.3',
      'shiki@4.6.0',
    ]);
    expect(renderPackages('not json')).toEqual([]);
  });

  it('changes with a render package, a rendering source file or the settings, and only then', async () => {
    const root = await mkdtemp(join(tmpdir(), 'feedshelf-fingerprint-'));
    try {
      await writeFile(join(root, 'package-lock.json'), lock('4.6.0'));
      const first = renderFingerprint(root, { theme: 'css-variables' });
      expect(renderFingerprint(root, { theme: 'css-variables' })).toBe(first);
      expect(renderFingerprint(root, { theme: 'github-dark' })).not.toBe(first);
      await writeFile(join(root, 'package-lock.json'), lock('4.7.0'));
      const upgraded = renderFingerprint(root, { theme: 'css-variables' });
      expect(upgraded).not.toBe(first);
      await writeFile(join(root, 'package-lock.json'), lock('4.7.0').replace('2.9.1', '2.9.2'));
      expect(renderFingerprint(root, { theme: 'css-variables' })).toBe(upgraded);
      await mkdir(join(root, 'src/render'), { recursive: true });
      await writeFile(join(root, 'src/render/article-plugin.ts'), 'export const plugin = 1;');
      const edited = renderFingerprint(root, { theme: 'css-variables' });
      expect(edited).not.toBe(upgraded);
      await writeFile(join(root, 'src/render/other.ts'), 'export const unrelated = 1;');
      expect(renderFingerprint(root, { theme: 'css-variables' })).toBe(edited);
      expect(RENDER_SOURCES).toEqual([
        'src/render/markdown.config.ts',
        'src/render/article-plugin.ts',
        'src/render/code-classes.ts',
        'src/render/reading-time.ts',
        'src/render/_render-worker.ts',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
