/**
 * A change to the site's settings reaches every page of an incremental build:
 * the pages read feedshelf.config.yaml (here its FEEDSHELF_LANG override) at run
 * time, which Astro's page cache cannot see, so the integration makes the
 * settings part of Astro's config hash. Built twice into one cache, English
 * then German: every article page is in German the second time.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';
import { FIXTURE_ARCHIVE } from './_build.ts';

let work: string;
let dist: string;
const options = () => ({
  itemsDir: join(FIXTURE_ARCHIVE, 'items'),
  stateDir: join(FIXTURE_ARCHIVE, 'state'),
  outDir: dist,
  cacheDir: join(work, 'cache'),
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-settings-'));
  dist = join(work, 'dist');
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function articlePages(): Promise<string[]> {
  const entries = await readdir(join(dist, 'items'), { recursive: true });
  const pages = entries.filter((entry) => entry.endsWith('index.html')).sort();
  return Promise.all(pages.map((page) => readFile(join(dist, 'items', page), 'utf8')));
}

describe('a settings change in an incremental build', () => {
  it('renders every article page again', { timeout: 600_000 }, async () => {
    await buildSiteInChild({ ...options(), lang: 'en' });
    const english = await articlePages();
    expect(english.length).toBeGreaterThan(5);
    expect(english.every((html) => html.includes('<html lang="en" dir="ltr">'))).toBe(true);

    await buildSiteInChild({ ...options(), lang: 'de' });
    const german = await articlePages();
    expect(german.length).toBe(english.length);
    expect(german.filter((html) => !html.includes('<html lang="de" dir="ltr">'))).toEqual([]);
  });
});
