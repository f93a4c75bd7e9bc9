/**
 * No path of the build machine is published: the sample archive, with feeds
 * read from local files and a state file written before the snapshot kept
 * paths out (an absolute feed path, a file: site link, a path in the last
 * error), builds into pages, feeds, OPML and search records with none of them.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLocalPaths, buildMachineFolders } from '#src/audit/audit-fs.ts';
import { type BuiltSite, buildArchive, PROJECT_ROOT } from './_build.ts';

let site: BuiltSite;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'feedshelf-sample-'));
  await cp(join(PROJECT_ROOT, 'content'), join(work, 'content'), { recursive: true });
  const feed = join(PROJECT_ROOT, 'samples', 'feeds', 'release-notes.atom');
  const old = {
    id: 'release-notes',
    url: feed,
    title: 'Lanternfish Release Notes',
    siteUrl: `file://${join(PROJECT_ROOT, 'samples')}/`,
    failures: 1,
    lastError: `The feed at file://${feed} is not well-formed XML (Unclosed root tag): it may be truncated.`,
  };
  await writeFile(join(work, 'content', 'state', 'release-notes.json'), `${JSON.stringify(old, null, 2)}\n`);
  site = await buildArchive({
    itemsDir: join(work, 'content', 'items'),
    stateDir: join(work, 'content', 'state'),
    kind: 'full',
  });
}, 600_000);

afterAll(async () => {
  await site?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the sample archive’s build', () => {
  it('has no path of the build machine in any page, feed, OPML file or search record', async () => {
    const folders = buildMachineFolders(PROJECT_ROOT, [site.dist, site.cache, work]);
    expect(await auditLocalPaths(site.dist, folders)).toEqual([]);
    expect(site.output).not.toContain('build-machine');
  });

  it('shows a local feed without its path, and an old state’s path not at all', async () => {
    const fieldNotes = await readFile(join(site.dist, 'sources', 'field-notes', 'index.html'), 'utf8');
    expect(fieldNotes).toContain('<dt>Feed</dt><dd>Not published (read from a file)</dd>');
    expect(fieldNotes).toContain('<a href="https://field-notes.example/">https://field-notes.example/</a>');
    const releaseNotes = await readFile(join(site.dist, 'sources', 'release-notes', 'index.html'), 'utf8');
    expect(releaseNotes).toContain(
      '<dt>Website</dt><dd>Not given</dd><dt>Feed</dt><dd>Not published (read from a file)</dd>',
    );
    expect(releaseNotes).toContain(
      '<dd>The feed at (a local path) is not well-formed XML (Unclosed root tag): it may be truncated.</dd>',
    );
    for (const html of [fieldNotes, releaseNotes]) expect(html).not.toMatch(/samples\/feeds|file:/);
  });

  it('lists no local feed in the OPML export', async () => {
    expect(await readFile(join(site.dist, 'sources.opml'), 'utf8')).not.toContain('<outline');
  });

  it('reports a path planted in the output, with file and excerpt', async () => {
    const page = join(site.dist, 'stats', 'index.html');
    await writeFile(page, `${await readFile(page, 'utf8')}<p>Built from ${PROJECT_ROOT}/content.</p>`);
    const findings = await auditLocalPaths(site.dist, buildMachineFolders(PROJECT_ROOT));
    expect(findings.map((finding) => [finding.file, finding.path])).toEqual([['stats/index.html', PROJECT_ROOT]]);
    expect(findings[0]?.excerpt).toContain(`<p>Built from ${PROJECT_ROOT}/content.</p>`);
  });
});
