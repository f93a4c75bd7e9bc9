/**
 * The files of feedshelf's own public/ (the icon, the host headers) in a site's
 * output. Astro copies only the site's public/; a site that installs feedshelf
 * from npm has none of feedshelf's, so the build copies each one the site does
 * not provide itself: a file of the same path in the site's public/ wins, the
 * way a user's file overrides a theme's. In this repository the two folders
 * are one, and nothing is copied.
 */
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exists } from '#src/util/exists-fs.ts';

/** feedshelf's public/, beside its src/. */
export const PACKAGE_PUBLIC = resolve(fileURLToPath(new URL('../../public/', import.meta.url)));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Copies into `outDir` each file of `packagePublic` that the site's `sitePublic`
 * does not have; resolves to the paths copied, relative to the output.
 */
export async function copyPackagePublic(
  outDir: string,
  sitePublic: string,
  packagePublic: string = PACKAGE_PUBLIC,
): Promise<string[]> {
  if (resolve(sitePublic) === resolve(packagePublic) || !(await exists(packagePublic))) return [];
  const copied: string[] = [];
  for (const file of await filesUnder(packagePublic)) {
    if (await exists(join(sitePublic, file))) continue;
    const target = join(outDir, file);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(packagePublic, file), target);
    copied.push(file);
  }
  return copied;
}
