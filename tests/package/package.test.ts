/**
 * The packed package as a user gets it. From an empty folder to a built
 * archive of a blog served on 127.0.0.1, with the commands the README gives
 * (five, timed); `npm create feedshelf` writes the same site as `feedshelf
 * init`; and an upgrade from the package of an earlier commit to this one
 * changes only package.json and the lock file, nothing under content/.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { rssFeed, treeSnapshot } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { treeDigests } from '../helpers/tree-digests.ts';
import { expectOk, pack, type Run, sh, withVersion } from './_npm.ts';

const SLOW = { timeout: 600_000 };
const LOOPBACK = { FEEDSHELF_ALLOW_NETWORKS: '127.0.0.0/8' };
const temp = useTempDir('feedshelf-package-', 'all');
const repo = process.cwd();

let server: FeedServer;
let tarball: string;

const BODY = (n: number) =>
  `<p>Entry ${n} of the blog, long enough to be an article and not a summary. ${'Words that fill a paragraph. '.repeat(40)}</p><pre><code class="language-ts">const n: number = ${n};</code></pre>`;

beforeAll(async () => {
  server = await startFeedServer({});
  const feed = rssFeed(
    'Harbour Notes',
    [1, 2, 3].map((n) => ({
      title: `Harbour note ${n}`,
      guid: `harbour-${n}`,
      link: server.url(`/notes/${n}/`),
      date: `Mon, 0${n} Mar 2026 08:00:00 GMT`,
      categories: ['boats'],
      body: BODY(n),
    })),
  );
  server.routes.set('/feed.xml', { headers: { 'content-type': 'application/rss+xml' }, body: feed });
  server.routes.set('/', {
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!doctype html><html><head><title>Harbour</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Hi</body></html>',
  });
  tarball = await pack(repo, join(temp.path, 'packs'));
}, SLOW.timeout);

afterAll(async () => {
  await server?.close();
});

/** The five commands of the README's quick start for a new site, from `parent`; each run, timed. */
async function quickStart(parent: string, from: string): Promise<Run[]> {
  const site = join(parent, 'site');
  const runs: Run[] = [];
  runs.push(expectOk(await sh(`npx --yes --package=${from} feedshelf init site --from ${from}`, parent)));
  runs.push(expectOk(await sh('npm install --no-audit --no-fund', site)));
  runs.push(expectOk(await sh(`npx feedshelf feeds add ${server.url('/')}`, site, LOOPBACK)));
  runs.push(expectOk(await sh('npm run snapshot', site, LOOPBACK)));
  runs.push(expectOk(await sh('npm run build', site)));
  return runs;
}

describe('the packed package', () => {
  it('goes from an empty folder to a built archive of one feed in five commands', SLOW, async () => {
    const parent = join(temp.path, 'new');
    await mkdir(parent);
    const runs = await quickStart(parent, tarball);
    const site = join(parent, 'site');
    const total = runs.reduce((sum, run) => sum + run.seconds, 0);
    process.stdout.write(
      `${runs.map((run) => `${run.command.split(' ').slice(0, 3).join(' ')} ${run.seconds.toFixed(1)} s`).join('; ')}; total ${total.toFixed(1)} s\n`,
    );
    expect(runs).toHaveLength(5);
    expect(total).toBeLessThan(300);
    expect(runs[2]?.stdout).toBe(
      [
        `${server.url('/')} is a web page; it links to the feed ${server.url('/feed.xml')}`,
        `added harbour-notes: ${server.url('/feed.xml')} ("Harbour Notes", RSS 2.0, 3 entries) to feeds.yaml`,
        'The next snapshot archives it; feedshelf snapshot --only harbour-notes runs it alone.',
        '',
      ].join('\n'),
    );

    const feeds = await readFile(join(site, 'feeds.yaml'), 'utf8');
    expect(feeds).toContain(`  - id: harbour-notes\n    url: ${server.url('/feed.xml')}\n`);
    const archived = [...(await treeSnapshot(join(site, 'content', 'items'))).keys()].sort();
    expect(archived).toEqual([
      'harbour-notes/2026-03-01-harbour-note-1.md',
      'harbour-notes/2026-03-02-harbour-note-2.md',
      'harbour-notes/2026-03-03-harbour-note-3.md',
    ]);
    const page = await readFile(join(site, 'dist/items/harbour-notes/2026-03-02-harbour-note-2/index.html'), 'utf8');
    expect(page).toContain('<title>Harbour note 2');
    expect(page).toContain('<pre class="astro-code css-variables"');
    expect(await readFile(join(site, 'dist/index.html'), 'utf8')).toContain('>site</a>');
    // feedshelf's own public files, the search index and the sitemap are in the output.
    for (const file of ['favicon.svg', '_headers', 'pagefind/shards.json', 'sitemap-index.xml']) {
      expect((await stat(join(site, 'dist', file))).isFile()).toBe(true);
    }
    expect(runs[4]?.stdout).toMatch(/\[feedshelf\] Built .*: 3 pages indexed/);

    // The workflow's matrix in small: two partitions, built apart and merged, are the site just built.
    for (const index of [1, 2]) {
      const part = { FEEDSHELF_PARTITION: `${index}/2`, FEEDSHELF_OUT_DIR: `parts/partition-${index}` };
      expect(expectOk(await sh('npm run build', site, part)).stdout).toContain(`Built partition ${index}/2 in `);
    }
    const merged = expectOk(await sh('npm run --silent merge -- parts --out merged', site));
    expect(merged.stdout).toContain(`Merged 2 partition(s) into ${join(site, 'merged')}: `);
    expect(await treeDigests(join(site, 'merged'))).toEqual(await treeDigests(join(site, 'dist')));

    // Theming without forking: the site's own footer and stylesheet, named in astro.config.mjs.
    await writeFile(
      join(site, 'src/Footer.astro'),
      '---\nimport { t } from \'feedshelf/i18n\';\n---\n<footer class="site-footer"><p>Kept by the harbour master. {t.messages.layout.rssFeed}</p></footer>\n',
    );
    await writeFile(join(site, 'src/theme.css'), ':root { --accent: rebeccapurple; }\n');
    const config = await readFile(join(site, 'astro.config.mjs'), 'utf8');
    await writeFile(
      join(site, 'astro.config.mjs'),
      config.replace(
        'feedshelf()',
        "feedshelf({ components: { Footer: './src/Footer.astro' }, customCss: ['./src/theme.css'] })",
      ),
    );
    expectOk(await sh('npm run build', site));
    const home = await readFile(join(site, 'dist/index.html'), 'utf8');
    expect(home).toContain('<footer class="site-footer"><p>Kept by the harbour master. RSS feed</p></footer>');
    // The page's stylesheets in the order it links them: the site's rule comes after feedshelf's.
    const links = [...home.matchAll(/<link rel="stylesheet" href="\/([^"]+)">/g)].map((match) => match[1] ?? '');
    const css = (await Promise.all(links.map((link) => readFile(join(site, 'dist', link), 'utf8')))).join('\n');
    expect(css).toContain('--accent:rebeccapurple');
    expect(css.indexOf('--accent:rebeccapurple')).toBeGreaterThan(css.indexOf('--accent:light-dark('));
  });

  it('npm create feedshelf writes the same site as feedshelf init', SLOW, async () => {
    const created = await pack(join(repo, 'packages/create-feedshelf'), join(temp.path, 'packs'));
    const ours = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    const wrapper = JSON.parse(await readFile('packages/create-feedshelf/package.json', 'utf8'));
    expect(wrapper.version).toBe(ours.version);
    expect(wrapper.dependencies).toEqual({ feedshelf: ours.version });

    const [viaCreate, viaInit] = [join(temp.path, 'create'), join(temp.path, 'init')];
    await mkdir(viaCreate);
    await mkdir(viaInit);
    // The wrapper's own dependency on feedshelf is not on the registry yet: the tarball stands in for it.
    expectOk(
      await sh(
        `npm exec --yes --package=${tarball} --package=${created} -- create-feedshelf site --from ${tarball}`,
        viaCreate,
      ),
    );
    expectOk(await sh(`npx --yes --package=${tarball} feedshelf init site --from ${tarball}`, viaInit));
    expect(await texts(join(viaCreate, 'site'))).toEqual(await texts(join(viaInit, 'site')));
  });

  it('upgrades from the package of an earlier commit with npm install alone: content/ unchanged', SLOW, async () => {
    const dir = join(temp.path, 'upgrade');
    await mkdir(dir);
    const earlier = await earlierPackage(join(temp.path, 'earlier'));
    await quickStart(dir, earlier);
    const site = join(dir, 'site');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: site, encoding: 'utf8' });
    git('init', '--quiet');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '--quiet', '-m', 'site');
    const before = await treeSnapshot(join(site, 'content'));

    expectOk(await sh(`npm install --no-audit --no-fund ${tarball}`, site));
    expectOk(await sh('npm run snapshot', site, LOOPBACK));
    const rebuilt = expectOk(await sh('npm run build', site));

    expect(rebuilt.stdout).toMatch(/\[feedshelf\] Built .*: 3 pages indexed/);
    expect(git('status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M package-lock.json',
      ' M package.json',
    ]);
    expect(await treeSnapshot(join(site, 'content'))).toEqual(before);
  });
});

/** Each file under `dir` and its text. */
async function texts(dir: string): Promise<Map<string, string>> {
  return new Map([...(await treeSnapshot(dir))].map(([path, file]) => [path, file.text]));
}

/**
 * The package of the newest earlier commit that was packaged (its package.json
 * has exports), from git; for the first packaged commit, this tree as an
 * earlier patch release.
 */
async function earlierPackage(into: string): Promise<string> {
  const commits = execFileSync('git', ['rev-list', '--max-count=50', 'HEAD~1'], { encoding: 'utf8' }).split('\n');
  for (const commit of commits.filter(Boolean)) {
    let manifest: { exports?: unknown };
    try {
      manifest = JSON.parse(execFileSync('git', ['show', `${commit}:package.json`], { encoding: 'utf8' }));
    } catch {
      continue;
    }
    if (manifest.exports === undefined) continue;
    await rm(into, { recursive: true, force: true });
    await mkdir(into, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C ${into}`]);
    return pack(into, join(into, '..', 'packs-earlier'));
  }
  const ours = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
  const [major, minor] = ours.version.split('.');
  return pack(await withVersion(repo, into, `${major}.${minor}.0-0`), join(into, '..', 'packs-earlier'));
}
