/**
 * Theming without forking: a site replaces one of feedshelf's components with
 * its own, or adds stylesheets after feedshelf's, from astro.config.mjs:
 *
 *   feedshelf({ components: { Header: './src/MyHeader.astro' }, customCss: ['./src/theme.css'] })
 *
 * (the way Starlight allows). The layout imports each overridable component
 * from a virtual module, `virtual:feedshelf/components/<Name>`, which this Vite
 * plugin resolves to the site's file when it names one and to feedshelf's own
 * otherwise; `virtual:feedshelf/custom-css` imports the site's stylesheets. A
 * path that does not lead to a file fails the build at setup, naming it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AstroError } from 'astro/errors';

/** The components a site may replace, each with the props it is given (see src/components/). */
export const OVERRIDABLE = ['Header', 'Footer', 'ItemList'] as const;
export type Overridable = (typeof OVERRIDABLE)[number];

const COMPONENTS = 'virtual:feedshelf/components/';
const CUSTOM_CSS = 'virtual:feedshelf/custom-css';
const OWN = fileURLToPath(new URL('../components/', import.meta.url));

export interface Overrides {
  components: Partial<Record<Overridable, string>>;
  customCss: readonly string[];
}

function existing(root: string, path: string, what: string): string {
  const absolute = resolve(root, path);
  if (!existsSync(absolute)) {
    throw new AstroError(
      `The ${what} given to feedshelf() in astro.config.mjs, ${path}, is not a file (looked for ${absolute}).`,
      'Paths are relative to the project root, e.g. ./src/components/Header.astro.',
    );
  }
  return absolute;
}

/** The file each virtual module stands for, checked; `root` is the project's. */
export function resolveOverrides(overrides: Overrides, root: string): Map<string, string[]> {
  const modules = new Map<string, string[]>();
  for (const name of OVERRIDABLE) {
    const given = overrides.components[name];
    modules.set(`${COMPONENTS}${name}`, [
      given === undefined ? resolve(OWN, `${name}.astro`) : existing(root, given, `${name} component`),
    ]);
  }
  modules.set(
    CUSTOM_CSS,
    overrides.customCss.map((path) => existing(root, path, 'stylesheet')),
  );
  return modules;
}

/** The source of a virtual module: the component's default export, or the stylesheets' imports. */
export function virtualModuleSource(id: string, files: readonly string[]): string {
  if (id === CUSTOM_CSS) return files.map((file) => `import ${JSON.stringify(file)};`).join('\n');
  return `export { default } from ${JSON.stringify(files[0])};`;
}

/** The Vite plugin that serves the virtual modules. */
export function overridesPlugin(modules: ReadonlyMap<string, string[]>) {
  return {
    name: 'feedshelf:overrides',
    resolveId(id: string): string | undefined {
      return modules.has(id) ? `\0${id}` : undefined;
    },
    load(id: string): string | undefined {
      if (!id.startsWith('\0')) return undefined;
      const files = modules.get(id.slice(1));
      return files === undefined ? undefined : virtualModuleSource(id.slice(1), files);
    },
  };
}
