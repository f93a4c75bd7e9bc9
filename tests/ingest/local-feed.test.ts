/**
 * A feed read from a local file: nothing of its path reaches content/, neither
 * the state's URL, nor an error message, nor an item's identity or links, and
 * state written before this was so loses its path on the next run.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { adHocFeeds, type FeedConfig } from '#src/ingest/config.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';

const DAY1 = new Date('2026-03-10T09:00:00.000Z');
const DAY2 = new Date('2026-03-11T09:00:00.000Z');

/** An RSS feed whose channel link and item links are relative, as a feed written for a folder may be. */
const RELATIVE_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Relative</title>
  <link>https://relative.example/blog/</link>
  <item>
    <title>Relative link</title>
    <link>posts/one.html</link>
    <pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;See &lt;a href="notes/two.html"&gt;the notes&lt;/a&gt; and &lt;img src="img/a.png" alt="A"&gt;.&lt;/p&gt;</description>
  </item>
</channel></rss>
`;

/** The same with no usable channel link: relative references have nothing to resolve against. */
const NO_BASE_FEED = RELATIVE_FEED.replace('<link>https://relative.example/blog/</link>', '<link>blog/</link>');

let root: string;
let itemsDir: string;
let stateDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedshelf-local-'));
  itemsDir = join(root, 'content', 'items');
  stateDir = join(root, 'content', 'state');
  await mkdir(join(root, 'feeds'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function run(feeds: FeedConfig[], now = DAY1) {
  return runSnapshot({ feeds, itemsDir, stateDir, now, timeoutMs: 2000 });
}

/** Every file under content/, as text. */
async function contentText(): Promise<string> {
  const names = await readdir(join(root, 'content'), { recursive: true, withFileTypes: true });
  const files = names.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return (await Promise.all(files.sort().map((file) => readFile(file, 'utf8')))).join('\n');
}

async function onlyItem(feedId: string): Promise<{ frontmatter: Record<string, unknown>; body: string }> {
  const [name] = await readdir(join(itemsDir, feedId));
  const { frontmatter, body } = parseItemFile(await readFile(join(itemsDir, feedId, name ?? ''), 'utf8'));
  return { frontmatter: frontmatter as Record<string, unknown>, body };
}

describe('a feed read from a local file', () => {
  it('resolves relative links against the feed’s own link, and writes no path, relative or absolute', async () => {
    const path = join(root, 'feeds', 'relative.xml');
    await writeFile(path, RELATIVE_FEED);
    const report = await run(adHocFeeds([path], [], root));
    expect(report.feeds.map((feed) => [feed.id, feed.status])).toEqual([['relative', 'ok']]);
    const { frontmatter, body } = await onlyItem('relative');
    expect(frontmatter).toMatchObject({
      id: 'https://relative.example/blog/posts/one.html',
      link: 'https://relative.example/blog/posts/one.html',
    });
    expect(body).toBe(
      'See [the notes](https://relative.example/blog/posts/notes/two.html) and ![A](https://relative.example/blog/posts/img/a.png).',
    );
    expect(JSON.parse(await readFile(join(stateDir, 'relative.json'), 'utf8'))).toEqual({
      id: 'relative',
      title: 'Relative',
      siteUrl: 'https://relative.example/blog/',
      lastSuccess: '2026-03-10T09:00:00.000Z',
      present: ['https://relative.example/blog/posts/one.html'],
    });
    const text = await contentText();
    expect(text).not.toContain(root);
    expect(text).not.toContain('file:');
  });

  it('drops relative links when the feed gives no absolute link of its own, rather than make file: URLs', async () => {
    await writeFile(join(root, 'feeds', 'nobase.xml'), NO_BASE_FEED);
    await run([{ id: 'nobase', url: 'feeds/nobase.xml', path: join(root, 'feeds', 'nobase.xml') }]);
    const { frontmatter, body } = await onlyItem('nobase');
    expect(frontmatter.link).toBeUndefined();
    expect(String(frontmatter.id)).toMatch(/^sha256:/);
    expect(body).toBe('See the notes and A.');
    const text = await contentText();
    expect(text).not.toContain(root);
    expect(text).not.toContain('file:');
  });

  it('keeps the path out of the error it records, relative or absolute', async () => {
    const relativeUrl = 'feeds/broken.xml';
    const path = join(root, relativeUrl);
    await writeFile(path, '<rss version="2.0"><channel><title>Cut short');
    const missing = join(root, 'feeds', 'missing.xml');
    const report = await run([
      { id: 'broken', url: relativeUrl, path },
      { id: 'missing', url: missing, path: missing },
    ]);
    // The report, which only the person running the snapshot sees, names the file.
    expect(report.feeds.map((feed) => feed.error)).toEqual([
      expect.stringContaining(`file://${path}`),
      `Feed file ${missing} does not exist; check its path in the config.`,
    ]);
    const broken = JSON.parse(await readFile(join(stateDir, 'broken.json'), 'utf8'));
    expect(broken.url).toBeUndefined();
    expect(broken.lastError).toMatch(/^The feed at \(a local path\) is not well-formed XML/);
    const missingState = JSON.parse(await readFile(join(stateDir, 'missing.json'), 'utf8'));
    expect(missingState.lastError).toBe('Feed file (a local path) does not exist; check its path in the config.');
    const text = await contentText();
    expect(text).not.toContain(root);
    expect(text).not.toContain(relativeUrl);
  });

  it('takes the path out of state written before, and keeps the rest of it', async () => {
    await writeFile(join(root, 'feeds', 'relative.xml'), RELATIVE_FEED);
    const feed: FeedConfig = { id: 'relative', url: 'feeds/relative.xml', path: join(root, 'feeds', 'relative.xml') };
    await run([feed]);
    const old = {
      id: 'relative',
      url: 'feeds/relative.xml',
      title: 'Relative',
      siteUrl: 'https://relative.example/blog/',
      lastSuccess: '2026-03-10T09:00:00.000Z',
    };
    await writeFile(join(stateDir, 'relative.json'), `${JSON.stringify(old, null, 2)}\n`);
    const report = await run([feed], DAY2);
    expect(report.feeds[0]?.counts).toEqual({ new: 0, updated: 0, unchanged: 1, skipped: 0 });
    const { url: _url, ...kept } = old;
    // Nothing new: the state written before gains no list of entries, only loses the path.
    expect(JSON.parse(await readFile(join(stateDir, 'relative.json'), 'utf8'))).toEqual(kept);
  });

  it('keeps its state when the file moves', async () => {
    await writeFile(join(root, 'feeds', 'relative.xml'), RELATIVE_FEED);
    await writeFile(join(root, 'moved.xml'), RELATIVE_FEED);
    await run([{ id: 'relative', url: 'feeds/relative.xml', path: join(root, 'feeds', 'relative.xml') }]);
    await run([{ id: 'relative', url: 'moved.xml', path: join(root, 'moved.xml') }], DAY2);
    const state = JSON.parse(await readFile(join(stateDir, 'relative.json'), 'utf8'));
    expect(state.lastSuccess).toBe('2026-03-10T09:00:00.000Z');
  });
});
