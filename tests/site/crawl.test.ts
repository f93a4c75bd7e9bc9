/**
 * Builds the fixture archive with the whole `astro build` (at "/" and at the
 * sub-path "/sub/") and crawls the output: every link resolves, every article
 * is reachable from the lists that should show it, no page carries script,
 * feeds and sitemap parse, and the build indexed the articles for search.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatOutputSize } from '#src/integration/output-size.ts';
import { measureOutput } from '#src/integration/output-size-fs.ts';
import { type BuiltSite, buildArchive, FIXTURE_ARCHIVE } from './_build.ts';
import {
  attribute,
  elements,
  fileFor,
  internalPath,
  linksOf,
  listFiles,
  type Page,
  readPages,
  textOf,
} from './_crawl.ts';

const ARTICLES = [
  'alpha-blog/2026-01-05-hello-python',
  'alpha-blog/2026-01-20-querying-sql',
  'alpha-blog/2026-02-14-shell-habits',
  'alpha-blog/2026-03-02-python-and-sql',
  'alpha-blog/2026-03-28-plain-notes',
  'beta-news/2026-01-11-weekly-roundup',
  'beta-news/2026-02-08-conference-report',
  'beta-news/2026-02-22-release-notes',
  'beta-news/2026-04-03-spring-roundup',
  'gamma-notes/2025-12-24-year-in-review',
  'gamma-notes/2026-01-30-notes-on-naming',
  'gamma-notes/2026-03-15-databases-revisited',
];

const LIST_PAGES = [
  '',
  'archive/',
  'archive/2025/',
  'archive/2025/12/',
  'archive/2026/',
  'archive/2026/01/',
  'archive/2026/02/',
  'archive/2026/03/',
  'archive/2026/04/',
  'authors/',
  'authors/ana-nunez/',
  'authors/bjoern-odegard/',
  'authors/li-wei/',
  'authors/soren-kierkegaard-as/',
  'authors/zoe-bronte/',
  'sources/',
  'sources/alpha-blog/',
  'sources/beta-news/',
  'sources/gamma-notes/',
  'stats/',
  'tags/',
  'tags/by-name/',
  'tags/c-plus-plus/',
  'tags/c-sharp/',
  'tags/databases/',
  'tags/events/',
  'tags/news/',
  'tags/python/',
  'tags/reflections/',
  'tags/releases/',
  'tags/shell/',
  'tags/sql/',
  'tags/tooling/',
  'tags/tutorials/',
];

const archive = { itemsDir: join(FIXTURE_ARCHIVE, 'items'), stateDir: join(FIXTURE_ARCHIVE, 'state') };

function byUrl(pages: readonly Page[]): Map<string, Page> {
  return new Map(pages.map((page) => [page.url, page]));
}

/** Internal links that do not resolve to a file in dist (or to an id on the page for fragments). */
function brokenLinks(site: BuiltSite, pages: readonly Page[]): string[] {
  const broken: string[] = [];
  for (const page of pages) {
    const ids = new Set(
      elements(page.tree, (element) => attribute(element, 'id') !== undefined).map((e) => attribute(e, 'id')),
    );
    for (const link of linksOf(page)) {
      if (link.startsWith('#')) {
        if (!ids.has(link.slice(1))) broken.push(`${page.url} -> ${link}`);
        continue;
      }
      const path = internalPath(link, page.url);
      if (path === undefined) continue;
      if (!fileFor(site.dist, site.base, path)) broken.push(`${page.url} -> ${link}`);
    }
  }
  return broken;
}

/** Article URLs listed on a list page and on the pages its rel="next" links lead to. */
function listedArticles(pages: Map<string, Page>, start: string, base: string): Set<string> {
  const found = new Set<string>();
  let url: string | undefined = start;
  for (let guard = 0; url !== undefined && guard < 100; guard += 1) {
    const page = pages.get(url);
    if (!page) throw new Error(`No page at ${url}`);
    for (const link of linksOf(page)) {
      const path = internalPath(link, page.url);
      if (path?.startsWith(`${base}items/`)) found.add(path);
    }
    const next = elements(page.tree, (element) => element.tagName === 'a' && attribute(element, 'rel') === 'next').map(
      (element) => attribute(element, 'href'),
    )[0];
    url = next === undefined ? undefined : internalPath(next, page.url);
  }
  return found;
}

describe.each(['/', '/sub/'])('the fixture site built at base %s', (base) => {
  let site: BuiltSite;
  let pages: Page[];
  let pagesByUrl: Map<string, Page>;

  beforeAll(async () => {
    site = await buildArchive({ ...archive, base, kind: 'full' });
    pages = (await readPages(site.dist, site.base)).filter((page) => !page.url.startsWith(`${base}search/`));
    pagesByUrl = byUrl(pages);
  }, 300_000);

  afterAll(async () => {
    await site?.remove();
  });

  it('has exactly one page per article, list and index', () => {
    const expected = [
      `${base}404.html`,
      ...ARTICLES.map((id) => `${base}items/${id}/`),
      ...LIST_PAGES.map((path) => `${base}${path}`),
    ].sort();
    expect(pages.map((page) => page.url).sort()).toEqual(expected);
  });

  it('has no broken internal link, and every internal link stays under the base path', () => {
    expect(brokenLinks(site, pages)).toEqual([]);
    const outside = pages.flatMap((page) =>
      linksOf(page)
        .filter((link) => !link.startsWith('#'))
        .map((link) => internalPath(link, page.url))
        .filter((path): path is string => path !== undefined && !path.startsWith(base)),
    );
    expect(outside).toEqual([]);
  });

  it('reaches every page from the home page', () => {
    const seen = new Set<string>([base]);
    const queue = [base];
    while (queue.length > 0) {
      const page = pagesByUrl.get(queue.shift() ?? '');
      if (!page) continue;
      for (const link of linksOf(page)) {
        const path = internalPath(link, page.url);
        if (path !== undefined && pagesByUrl.has(path) && !seen.has(path)) {
          seen.add(path);
          queue.push(path);
        }
      }
    }
    const unreachable = pages.map((page) => page.url).filter((url) => !seen.has(url) && url !== `${base}404.html`);
    expect(unreachable).toEqual([]);
  });

  it('lists every article on the home pages, on each of its tag pages and on its source page', () => {
    const home = listedArticles(pagesByUrl, base, base);
    expect([...home].sort()).toEqual(ARTICLES.map((id) => `${base}items/${id}/`));
    const missing: string[] = [];
    for (const id of ARTICLES) {
      const url = `${base}items/${id}/`;
      const article = pagesByUrl.get(url);
      if (!article) throw new Error(`No article page at ${url}`);
      const tagLinks = elements(
        article.tree,
        (element) => element.tagName === 'ul' && attribute(element, 'className') === 'tag-list',
      )
        .flatMap((list) => elements({ type: 'root', children: [list] }, (element) => element.tagName === 'a'))
        .map((link) => internalPath(attribute(link, 'href') ?? '', url) ?? '');
      const sourceLink = `${base}sources/${id.split('/')[0]}/`;
      for (const list of [...tagLinks, sourceLink]) {
        if (!listedArticles(pagesByUrl, list, base).has(url)) missing.push(`${url} not on ${list}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("carries only the site's own scripts: the theme set before the first paint and the page script", () => {
    const kinds = new Set<string>();
    for (const page of pages) {
      for (const script of elements(page.tree, (element) => element.tagName === 'script')) {
        const src = attribute(script, 'src') ?? '(inline)';
        const kind = src.replace(/\.[\w-]+\.js$/, '').replace(/^.*\/_astro\//, '_astro/');
        kinds.add(`${attribute(script, 'type') ?? 'classic'} ${kind}`);
        expect(textOf(script), page.url).toBe('');
      }
    }
    expect([...kinds].sort()).toEqual([
      'classic _astro/theme-init',
      'module _astro/Base.astro_astro_type_script_index_0_lang',
    ]);
  });

  it('is indexed for search by astro build itself, which prints one line about it and one of its weight', async () => {
    const manifest: unknown = JSON.parse(await readFile(join(site.dist, 'pagefind', 'shards.json'), 'utf8'));
    expect(manifest).toEqual({
      version: 1,
      shards: [{ path: '2026-01-05/', pages: 12, first: '2025-12-24', last: '2026-04-03' }],
    });
    const bundle = await listFiles(join(site.dist, 'pagefind'));
    let bytes = 0;
    for (const file of bundle) bytes += (await stat(join(site.dist, 'pagefind', file))).size;
    const lines = [...stripVTControlCharacters(site.output).matchAll(/\[feedshelf\] (.*)$/gm)].map((match) => match[1]);
    expect(lines).toEqual([
      `Built ${site.dist}: 12 pages indexed in 1 search shard(s), 1 re-indexed, 12 page(s) read; search index ${(bytes / 1024).toFixed(1)} kB in ${bundle.length} files.`,
      formatOutputSize(await measureOutput(site.dist)),
    ]);
    expect(lines[1]).toMatch(/^Output \d+\.\d MB in \d+ files \(pages /);
  });

  it('marks only the article for the search index', () => {
    const marked = pages.flatMap((page) =>
      elements(page.tree, (element) => attribute(element, 'dataPagefindBody') !== undefined).map(
        (element) => `${page.url} ${element.tagName}`,
      ),
    );
    expect(marked.sort()).toEqual(ARTICLES.map((id) => `${base}items/${id}/ article`).sort());
  });

  it('highlights every code block with its language', () => {
    const languages = new Map<string, number>();
    for (const page of pages) {
      for (const pre of elements(page.tree, (element) => element.tagName === 'pre')) {
        const language = attribute(pre, 'dataLanguage') ?? 'none';
        languages.set(language, (languages.get(language) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries([...languages].sort())).toEqual({ plaintext: 1, python: 3, shell: 2, sql: 3 });
  });

  it('links an article to its original, its authors, tags and source, with canonical and feed links', () => {
    const page = pagesByUrl.get(`${base}items/gamma-notes/2026-03-15-databases-revisited/`);
    if (!page) throw new Error('article page missing');
    const head = (rel: string) =>
      elements(page.tree, (element) => element.tagName === 'link' && attribute(element, 'rel') === rel).map((element) =>
        attribute(element, 'href'),
      );
    // The archive's own page is canonical: the original may move or vanish; it is linked as the source.
    expect(head('canonical')).toEqual([`https://example.org${base}items/gamma-notes/2026-03-15-databases-revisited/`]);
    expect(head('alternate')).toEqual([`${base}rss.xml`]);
    const title = elements(page.tree, (element) => element.tagName === 'title').map(textOf);
    expect(title).toEqual(['Databases revisited · feedshelf']);
    // The sharing card: an absolute URL under the base path, to a file of the output.
    const shared = elements(
      page.tree,
      (element) => element.tagName === 'meta' && attribute(element, 'property') === 'og:image',
    ).map((element) => attribute(element, 'content'));
    expect(shared).toEqual([`https://example.org${base}og/gamma-notes/2026-03-15-databases-revisited.png`]);
    expect(fileFor(site.dist, base, `${base}og/gamma-notes/2026-03-15-databases-revisited.png`)).toBeDefined();
    const links = linksOf(page);
    expect(links).toContain(`${base}authors/soren-kierkegaard-as/`);
    expect(links).toContain(`${base}authors/ana-nunez/`);
    expect(links).toContain(`${base}tags/databases/`);
    expect(links).toContain(`${base}sources/gamma-notes/`);
    expect(links).toContain('https://gamma-notes.example.org/posts/2026-03-15-databases-revisited');
    const [article] = elements(page.tree, (element) => element.tagName === 'article');
    if (!article) throw new Error('article missing');
    const times = elements(article, (element) => element.tagName === 'time').map((element) =>
      attribute(element, 'dateTime'),
    );
    expect(times).toEqual(['2026-03-15T15:30:00.000Z']);
  });

  it('shows the feed state on the source page', () => {
    const page = pagesByUrl.get(`${base}sources/gamma-notes/`);
    if (!page) throw new Error('source page missing');
    const facts = elements(page.tree, (element) => element.tagName === 'dd').map(textOf);
    expect(facts).toEqual([
      'Not given',
      'https://gamma-notes.example.org/feed.json',
      '3',
      'Failing (2 failed runs in a row)',
      'Not by the snapshot that built this site',
      'Mar 20, 2026',
      'HTTP 503 Service Unavailable from https://gamma-notes.example.org/feed.json',
      'RSS',
    ]);
  });

  it('writes well-formed feeds, OPML and sitemap under the base path', async () => {
    const files = await listFiles(site.dist);
    const xmlFiles = files.filter((file) => /\.(xml|opml)$/.test(file));
    expect(xmlFiles).toEqual(
      [
        'rss.xml',
        'sitemap-0.xml',
        'sitemap-index.xml',
        'sources.opml',
        ...['alpha-blog', 'beta-news', 'gamma-notes'].map((id) => `sources/${id}/rss.xml`),
        ...LIST_PAGES.filter((path) => /^tags\/[^/]+\/$/.test(path) && path !== 'tags/by-name/').map(
          (path) => `${path}rss.xml`,
        ),
      ].sort(),
    );
    for (const file of xmlFiles) {
      expect([file, XMLValidator.validate(await readFile(join(site.dist, file), 'utf8'))]).toEqual([file, true]);
    }
    const parser = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) => ['item', 'url', 'outline'].includes(name),
    });
    const rss = parser.parse(await readFile(join(site.dist, 'rss.xml'), 'utf8'));
    const links: string[] = rss.rss.channel.item.map((item: { link: string }) => item.link);
    expect(links).toHaveLength(12);
    expect(links[0]).toBe(`https://example.org${base}items/beta-news/2026-04-03-spring-roundup/`);
    const sqlFeed = parser.parse(await readFile(join(site.dist, 'tags/sql/rss.xml'), 'utf8'));
    expect(sqlFeed.rss.channel.item).toHaveLength(3);
    const sitemap = parser.parse(await readFile(join(site.dist, 'sitemap-0.xml'), 'utf8'));
    const locs: string[] = sitemap.urlset.url.map((url: { loc: string }) => url.loc);
    expect(locs.sort()).toEqual(
      pages
        .filter((page) => !page.url.endsWith('404.html'))
        .map((page) => `https://example.org${page.url}`)
        .concat(files.includes('search/index.html') ? [`https://example.org${base}search/`] : [])
        .sort(),
    );
    const opml = parser.parse(await readFile(join(site.dist, 'sources.opml'), 'utf8'));
    expect(opml.opml.body.outline.map((outline: Record<string, string>) => outline['@_xmlUrl'])).toEqual([
      'https://alpha-blog.example.org/feed.xml',
      'https://beta-news.example.org/atom.xml',
      'https://gamma-notes.example.org/feed.json',
    ]);
  });
});
