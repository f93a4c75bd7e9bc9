/**
 * The seed feeds mutated at the byte level: the project's own valid feeds
 * (one per format and charset, the hostile fixtures and the samples), read
 * once per run and named by their path under the project.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '#scripts/shared/site-build-fs.ts';

const SEED_FOLDERS = ['tests/fixtures/feeds', 'tests/fixtures/hostile', 'samples/feeds'];

/** Seed feed bytes by name (`tests/fixtures/feeds/rss2.xml`), sorted by name. */
export async function loadSeeds(root: string = PROJECT_ROOT): Promise<Map<string, Uint8Array>> {
  const seeds = new Map<string, Uint8Array>();
  for (const folder of SEED_FOLDERS) {
    const names = (await readdir(join(root, folder))).filter((name) => /\.(?:xml|atom|rdf|json)$/.test(name)).sort();
    for (const name of names) seeds.set(`${folder}/${name}`, new Uint8Array(await readFile(join(root, folder, name))));
  }
  return seeds;
}
