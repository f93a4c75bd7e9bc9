/**
 * The integration in a real `astro build` (through scripts/shared/site-build-fs.ts):
 * the previous output is cleared when the build starts, and a page with a
 * planted inline script fails the build with exit 1 and the finding listed.
 * A build that succeeds is asserted in tests/site/crawl.test.ts.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSiteInChild } from '#scripts/shared/site-build-fs.ts';

const FIXTURE = 'tests/fixtures/search-archive';
const PLANTED = 'tidepool/2026-04-01-anemone-colours';

let work = '';
let outDir = '';
let failure = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-integration-'));
  outDir = join(work, 'dist');
  const archive = join(work, 'archive');
  await cp(FIXTURE, archive, { recursive: true });
  const item = join(archive, 'items', `${PLANTED}.md`);
  await writeFile(item, `${await readFile(item, 'utf8')}\n<script>alert(1)</script>\n`);
  // What an earlier build left: its output, and a folder an interrupted build set aside.
  await mkdir(join(outDir, 'items'), { recursive: true });
  await writeFile(join(outDir, 'stale.html'), '<p>old</p>');
  await mkdir(join(work, 'dist.previous-1-2'));
  failure = await buildSiteInChild({
    itemsDir: join(archive, 'items'),
    stateDir: join(archive, 'state'),
    outDir,
    kind: 'full',
  }).then(
    () => '',
    (error: unknown) => stripVTControlCharacters(error instanceof Error ? error.message : String(error)),
  );
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('astro build with the feedshelf integration', () => {
  it('fails with exit 1 on a planted inline script, naming the folder and the page', () => {
    expect(failure).toMatch(/^Building \S+ into \S+ failed \(exit 1\):/);
    expect(failure).toMatch(
      new RegExp(
        `\\[AstroUserError\\] The build audit found 1 problem\\(s\\) in ${outDir}:\\n` +
          `items/${PLANTED}/index\\.html:\\d+  inline-script  <script>alert\\(1\\)</script>\\n`,
      ),
    );
    expect(failure).toContain('A page holds script the site did not write');
  });

  it('cleared the previous output and what interrupted builds left, before writing', async () => {
    expect(existsSync(join(outDir, 'stale.html'))).toBe(false);
    expect(existsSync(join(outDir, 'items', PLANTED, 'index.html'))).toBe(true);
    expect((await readdir(work)).sort()).toEqual(['archive', 'dist', 'dist.cache']);
  });
});
