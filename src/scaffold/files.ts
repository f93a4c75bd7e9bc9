/**
 * The files of a new site, as `feedshelf init` writes them: the template under
 * template/ (names starting with a dot are stored without it, since npm leaves
 * `.gitignore` out of a package), plus the three files made from the user's
 * answers: package.json (feedshelf and Astro as dependencies, the scripts, the
 * Node the site runs on), feedshelf.config.yaml and the README's title. Pure:
 * the template's text and the answers in, paths and contents out.
 */
import { stringify } from 'yaml';

export interface SiteAnswers {
  /** The npm package name of the site (its folder's name, made safe). */
  name: string;
  /** The site's title. */
  title: string;
  /** The URL the site will be deployed at. */
  site: string;
  /** Its sub-path ("/" or "/name/"). */
  base: string;
  /** A BCP 47 language tag. */
  lang: string;
}

/** What feedshelf's own package.json tells a new site: its version, and the ranges of Astro and Node it supports. */
export interface PackageFacts {
  /** The dependency on feedshelf as package.json writes it: "^0.2.0", or a tarball's file: URL. */
  feedshelf: string;
  astro: string;
  node: string;
  engines: string;
}

/** Template paths stored without their leading dot. */
const DOTTED = new Set(['gitignore', 'nvmrc', 'github']);

/** The path a template file is written to: `github/workflows/archive.yml` is `.github/workflows/archive.yml`. */
export function sitePath(templatePath: string): string {
  const [first, ...rest] = templatePath.split('/');
  return first !== undefined && DOTTED.has(first) ? [`.${first}`, ...rest].join('/') : templatePath;
}

/** A package name from a folder's name: lower case, npm's characters, never empty. */
export function packageName(folder: string): string {
  const name = folder
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name === '' ? 'feed-archive' : name.slice(0, 214);
}

export function sitePackageJson(answers: SiteAnswers, facts: PackageFacts): string {
  const manifest = {
    name: answers.name,
    private: true,
    type: 'module',
    engines: { node: facts.engines },
    scripts: {
      snapshot: 'feedshelf snapshot',
      feeds: 'feedshelf feeds',
      build: 'astro build',
      merge: 'feedshelf merge',
      archive: 'npm run snapshot && npm run build',
      dev: 'astro dev',
      preview: 'astro preview --host 127.0.0.1',
      'ci-summary': 'feedshelf-ci-summary',
    },
    dependencies: { astro: facts.astro, feedshelf: facts.feedshelf },
    // npm scripts and npx run this Node, whatever the machine has.
    devDependencies: { node: facts.node },
    // The Node package installs its binary in an install script.
    allowScripts: { esbuild: true, node: true },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function siteSettingsYaml(answers: SiteAnswers): string {
  const value = (key: keyof SiteAnswers) => stringify({ [key]: answers[key] }).trimEnd();
  return [
    "# The site's settings; every key is optional. FEEDSHELF_SITE and FEEDSHELF_BASE, when set, win over",
    '# site and base (the workflow sets them from GitHub Pages).',
    '',
    '# Site title, shown in the header and in every page title.',
    value('title'),
    '# One sentence for the home page, the feeds and the meta tags.',
    'description: An archive of feeds that outlives their publishers.',
    '# The URL the site is deployed at, and the sub-path it is served under ("/name/" for a GitHub project page).',
    value('site'),
    value('base'),
    "# The language of the site's own text (a BCP 47 tag).",
    value('lang'),
    '# Items per list page, and items in each RSS feed the site publishes.',
    'pageSize: 30',
    'feedSize: 50',
    '# A sharing card for each article without an image of its own (5-14 kB each); false to save room.',
    'shareCards: true',
    '',
  ].join('\n');
}

/** Every file of the new site, sorted by path: the template's (`template` maps its paths to their text) and the generated ones. */
export function siteFiles(
  template: ReadonlyMap<string, string>,
  answers: SiteAnswers,
  facts: PackageFacts,
): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, text] of template) {
    files.set(sitePath(path), path === 'README.md' ? text.replaceAll('{{title}}', answers.title) : text);
  }
  files.set('package.json', sitePackageJson(answers, facts));
  files.set('feedshelf.config.yaml', siteSettingsYaml(answers));
  files.set('content/.gitkeep', '');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
