/**
 * The stats page of an archive of 150 feeds stays one page a reader can take
 * in: four charts (the months, the busiest sources, tags, authors) whatever
 * the number of feeds, and every source as one row of a table with its count,
 * its newest and oldest item and a sparkline of its last 24 months.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticArchive } from '../helpers/synthetic-archive.ts';
import { type BuiltSite, buildArchive } from './_build.ts';

const FEEDS = 150;
let work: string;
let site: BuiltSite;
let html: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-stats-'));
  await writeSyntheticArchive(work, 600, FEEDS);
  site = await buildArchive({ itemsDir: join(work, 'items'), stateDir: join(work, 'state') });
  html = await readFile(join(site.dist, 'stats/index.html'), 'utf8');
}, 600_000);
afterAll(async () => {
  await site?.remove();
  await rm(work, { recursive: true, force: true });
});

const count = (pattern: RegExp) => [...html.matchAll(pattern)].length;

describe('the stats page at 150 feeds', () => {
  it('draws four charts, not one per feed', () => {
    expect(count(/<figure class="chart-figure"/g)).toBe(4);
    expect(html).toContain('<figcaption>The 15 sources with the most items</figcaption>');
  });

  it('lists every source once in a table row with a sparkline', () => {
    expect(count(/<tr><th scope="row"><a href="\/sources\/feed-\d+\/">/g)).toBe(FEEDS);
    expect(count(/<svg class="sparkline"/g)).toBe(FEEDS);
    expect(html).toContain(
      `<caption>${FEEDS} sources, busiest first; the last column shows their last 24 months</caption>`,
    );
  });

  it('stays a light page, its stylesheet a file of the site rather than inlined', () => {
    expect(Buffer.byteLength(html)).toBeLessThan(400_000);
    expect(html).not.toContain('<style');
    expect(html).toMatch(/<link rel="stylesheet" href="\/_astro\/Base\.[\w-]+\.css">/);
  });
});
