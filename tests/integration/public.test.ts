import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyPackagePublic, PACKAGE_PUBLIC } from '#src/integration/public-fs.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedshelf-public-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

describe('copyPackagePublic', () => {
  it("copies the package's files the site does not have, and keeps the site's own", async () => {
    const pkg = join(dir, 'pkg');
    const site = join(dir, 'site-public');
    const out = join(dir, 'dist');
    await put(join(pkg, 'favicon.svg'), 'package icon');
    await put(join(pkg, '_headers'), 'package headers');
    await put(join(pkg, 'fonts', 'a.woff2'), 'font');
    await put(join(site, 'favicon.svg'), 'site icon');
    await put(join(out, 'favicon.svg'), 'site icon');

    expect(await copyPackagePublic(out, site, pkg)).toEqual(['_headers', join('fonts', 'a.woff2')]);
    expect(await readFile(join(out, 'favicon.svg'), 'utf8')).toBe('site icon');
    expect(await readFile(join(out, '_headers'), 'utf8')).toBe('package headers');
    expect(await readFile(join(out, 'fonts', 'a.woff2'), 'utf8')).toBe('font');
  });

  it('copies nothing when the site is this repository (one public folder) or the site has no public folder of its own', async () => {
    const out = join(dir, 'dist');
    expect(await copyPackagePublic(out, PACKAGE_PUBLIC)).toEqual([]);
    const copied = await copyPackagePublic(out, join(dir, 'none'));
    expect(copied).toEqual(['_headers', 'favicon.svg']);
    expect(await readFile(join(out, 'favicon.svg'), 'utf8')).toBe(
      await readFile(join(PACKAGE_PUBLIC, 'favicon.svg'), 'utf8'),
    );
  });
});
