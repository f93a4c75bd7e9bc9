/**
 * Writing a new site into a folder (`feedshelf init DIR`): the folder may be
 * missing or empty (a `.git` of a freshly cloned repository is fine); any
 * other file in it stops the scaffold before it writes anything, so a site is
 * never half-overwritten. The template is read from template/ beside this
 * file, and feedshelf's own package.json gives the versions a site depends on.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FeedshelfError } from '#src/ingest/errors.ts';
import { writeFileAtomic } from '#src/ingest/write-fs.ts';
import { type PackageFacts, type SiteAnswers, siteFiles } from './files.ts';

const TEMPLATE = fileURLToPath(new URL('./template/', import.meta.url));
const MANIFEST = new URL('../../package.json', import.meta.url);

/** The folder given to the scaffold holds files already. */
export class ScaffoldError extends FeedshelfError {
  constructor(message: string) {
    super('config', 'folder-not-empty', message);
    this.name = 'ScaffoldError';
  }
}

async function readTemplate(dir: string = TEMPLATE): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path).split('\\').join('/'), await readFile(path, 'utf8'));
  }
  return files;
}

interface Manifest {
  version: string;
  engines: { node: string };
  peerDependencies: { astro: string };
  devDependencies: { node: string };
}

/**
 * The versions a new site depends on. `from` is what the site's package.json
 * says for feedshelf: by default `^` this version; a path to a packed tarball
 * (`feedshelf-0.2.0.tgz`) becomes its absolute `file:` URL.
 */
export async function packageFacts(from?: string, cwd = process.cwd()): Promise<PackageFacts> {
  const manifest = JSON.parse(await readFile(MANIFEST, 'utf8')) as Manifest;
  let feedshelf = `^${manifest.version}`;
  if (from !== undefined) feedshelf = from.endsWith('.tgz') ? pathToFileURL(resolve(cwd, from)).href : from;
  return {
    feedshelf,
    astro: manifest.peerDependencies.astro,
    node: manifest.devDependencies.node,
    engines: manifest.engines.node,
  };
}

/** What is in `dir` besides a `.git`; an empty list when the folder is missing. */
async function occupants(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name !== '.git').sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Writes the new site into `dir`; resolves to the paths written, relative to it, sorted. */
export async function scaffoldSite(dir: string, answers: SiteAnswers, facts: PackageFacts): Promise<string[]> {
  const present = await occupants(dir);
  if (present.length > 0) {
    const shown = present.slice(0, 5).join(', ') + (present.length > 5 ? `, and ${present.length - 5} more` : '');
    throw new ScaffoldError(
      `${dir} is not empty (it holds ${shown}): give feedshelf init a new or empty folder, so no file of yours is overwritten.`,
    );
  }
  const files = siteFiles(await readTemplate(), answers, facts);
  for (const [path, text] of files) await writeFileAtomic(join(dir, path), text);
  return [...files.keys()];
}
