import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AstroError } from 'astro/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overridesPlugin, resolveOverrides, virtualModuleSource } from '#src/integration/overrides.ts';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedshelf-overrides-'));
  await writeFile(join(root, 'MyHeader.astro'), '<header>mine</header>\n');
  await writeFile(join(root, 'theme.css'), ':root { --accent: rebeccapurple; }\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const own = (name: string) => resolve('src/components', `${name}.astro`);

describe('component and stylesheet overrides', () => {
  it("resolves each component to the site's file or feedshelf's own, and the stylesheets in order", () => {
    const modules = resolveOverrides({ components: { Header: './MyHeader.astro' }, customCss: ['theme.css'] }, root);
    expect(Object.fromEntries(modules)).toEqual({
      'virtual:feedshelf/components/Header': [join(root, 'MyHeader.astro')],
      'virtual:feedshelf/components/Footer': [own('Footer')],
      'virtual:feedshelf/components/ItemList': [own('ItemList')],
      'virtual:feedshelf/custom-css': [join(root, 'theme.css')],
    });
  });

  it('names a path that leads to no file, and where it looked', () => {
    expect(() => resolveOverrides({ components: { Footer: './src/Nope.astro' }, customCss: [] }, root)).toThrow(
      new AstroError(
        `The Footer component given to feedshelf() in astro.config.mjs, ./src/Nope.astro, is not a file (looked for ${join(root, 'src/Nope.astro')}).`,
        'Paths are relative to the project root, e.g. ./src/components/Header.astro.',
      ),
    );
  });

  it('serves each virtual module, and nothing else', () => {
    const plugin = overridesPlugin(resolveOverrides({ components: {}, customCss: ['theme.css'] }, root));
    expect(plugin.resolveId('virtual:feedshelf/components/Footer')).toBe('\0virtual:feedshelf/components/Footer');
    expect(plugin.resolveId('virtual:feedshelf/components/Sidebar')).toBeUndefined();
    expect(plugin.load('\0virtual:feedshelf/components/Footer')).toBe(
      `export { default } from ${JSON.stringify(own('Footer'))};`,
    );
    expect(plugin.load('\0virtual:feedshelf/custom-css')).toBe(`import ${JSON.stringify(join(root, 'theme.css'))};`);
    expect(plugin.load('/src/other.ts')).toBeUndefined();
    expect(virtualModuleSource('virtual:feedshelf/custom-css', [])).toBe('');
  });
});
