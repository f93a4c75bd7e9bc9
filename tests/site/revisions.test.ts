/**
 * An item edited twice, built: its page says "Edited 2 times" with each
 * version's date, page and change page; each earlier version has its own page
 * (kept out of search engines and the search index, not in the feeds or the
 * sitemap) and a page of what changed, marked by more than colour.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { rssFeed } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { type BuiltSite, buildArchive } from './_build.ts';

const ITEM = 'items/harbour/2026-04-30-ferry-times/';
const DAYS = ['2026-05-01T08:00:00.000Z', '2026-05-02T08:00:00.000Z', '2026-05-03T08:00:00.000Z'];
const BODIES = [
  '<p>The ferry leaves at nine from the north pier. Tickets are sold on board.</p>',
  '<p>The ferry leaves at ten from the north pier. Tickets are sold on board.</p>',
  '<p>The ferry leaves at ten from the south pier. Tickets are sold on board and online.</p>',
];

describe('a site with an item edited twice', () => {
  const work = useTempDir('feedshelf-site-revisions-', 'all');
  let site: BuiltSite;
  const read = (file: string) => readFile(join(site.dist, file), 'utf8');

  beforeAll(async () => {
    const itemsDir = join(work.path, 'content', 'items');
    const stateDir = join(work.path, 'content', 'state');
    await mkdir(join(work.path, 'feeds'), { recursive: true });
    const path = join(work.path, 'feeds', 'harbour.xml');
    for (const [index, body] of BODIES.entries()) {
      const title = index === 2 ? 'Ferry times (changed pier)' : 'Ferry times';
      await writeFile(
        path,
        rssFeed('Harbour', [
          { title, guid: 'ferry', link: 'https://harbour.example/ferry', date: 'Thu, 30 Apr 2026 10:00:00 GMT', body },
        ]),
      );
      await runSnapshot({
        feeds: [{ id: 'harbour', url: 'feeds/harbour.xml', path }],
        itemsDir,
        stateDir,
        now: new Date(DAYS[index] ?? ''),
        workers: 0,
      });
    }
    expect(await readdir(join(work.path, 'content', 'revisions', 'harbour', '2026-04-30-ferry-times'))).toEqual([
      '1.md',
      '2.md',
    ]);
    // An item whose text came from its page, and one its publisher took down, as the snapshot writes them.
    await mkdir(join(itemsDir, 'desk'), { recursive: true });
    const item = (title: string, extra: string) =>
      `---\ntitle: ${title}\nid: https://desk.example/${title.toLowerCase()}\nlink: https://desk.example/${title.toLowerCase()}\nsource: desk\npublished: "2026-04-01T00:00:00.000Z"\nfirstSeen: "2026-04-02T00:00:00.000Z"\n${extra}hash: pub1:00000000000000000000000000000000\n---\n\nBody of ${title}.\n`;
    await writeFile(
      join(itemsDir, 'desk', '2026-04-01-whole.md'),
      item('Whole', 'textSource: page\ntextFetched: "2026-04-02T00:00:00.000Z"\n'),
    );
    await writeFile(
      join(itemsDir, 'desk', '2026-04-01-withdrawn.md'),
      item('Withdrawn', 'retracted: "2026-05-20T00:00:00.000Z"\nretractedStatus: 410\n'),
    );
    site = await buildArchive({ itemsDir, stateDir, kind: 'astro' });
  }, 300_000);

  afterAll(() => site?.remove());

  it('lists every version on the item page with its date and the page of what changed', async () => {
    const page = await read(`${ITEM}index.html`);
    expect(page).toContain('<h2 id="versions-heading">Edited 2 times</h2>');
    const list = /<ol>(.*?)<\/ol>/s.exec(page.slice(page.indexOf('versions-heading')))?.[1] ?? '';
    const items = [...list.matchAll(/<li>(.*?)<\/li>/gs)].map((match) => match[1]?.replace(/<[^>]+>/g, '').trim());
    expect(items).toEqual([
      'Version 1, archived May 1, 2026 · what changed in version 2',
      'Version 2, archived May 2, 2026 · what changed in version 3',
      'Version 3 (current), archived May 3, 2026',
    ]);
    expect(list).toContain('<a href="/revisions/harbour/2026-04-30-ferry-times/1/">');
    expect(list).toContain('<a href="/revisions/harbour/2026-04-30-ferry-times/2/changes/">');
    expect(list).toContain('<span aria-current="page">');
  });

  it('gives each earlier version its own page, as archived, out of search engines and the search index', async () => {
    const first = await read('revisions/harbour/2026-04-30-ferry-times/1/index.html');
    expect(first).toContain('<meta name="robots" content="noindex">');
    expect(first).toContain('<p>The ferry leaves at nine from the north pier. Tickets are sold on board.</p>');
    expect(first).toContain('<h1>Ferry times</h1>');
    expect(first).not.toContain('data-pagefind-body');
    expect(first).toContain(`<a href="/${ITEM}">Read the current version</a>`);
  });

  it('shows what changed word by word, insertions and deletions marked in text as well as style', async () => {
    const changes = await read('revisions/harbour/2026-04-30-ferry-times/2/changes/index.html');
    expect(changes).toContain('3 words added, 1 word removed.');
    expect(changes).toContain(
      '<p class="diff-title">Title: <del><span class="visually-hidden">removed: </span>Ferry times</del> <ins><span class="visually-hidden">added: </span>Ferry times (changed pier)</ins></p>',
    );
    const diff = /<div class="diff">(.*?)<\/div>/s.exec(changes)?.[1];
    expect(diff).toBe(
      'The ferry leaves at ten from the ' +
        '<del><span class="visually-hidden">[removed: </span>north<span class="visually-hidden">]</span></del>' +
        '<ins><span class="visually-hidden">[added: </span>south<span class="visually-hidden">]</span></ins>' +
        ' pier. Tickets are sold on board' +
        '<ins><span class="visually-hidden">[added: </span> and online<span class="visually-hidden">]</span></ins>.',
    );
  });

  it('says where a full text came from, and that a retracted item was taken down', async () => {
    expect(await read('items/desk/2026-04-01-whole/index.html')).toContain(
      '<p class="text-source" data-pagefind-ignore>The feed gave only a summary: this text is the article from the publisher&#39;s page, fetched <time datetime="2026-04-02T00:00:00.000Z">Apr 2, 2026</time>.</p>',
    );
    expect(await read('items/desk/2026-04-01-withdrawn/index.html')).toContain(
      '<p class="retracted" role="note" data-pagefind-ignore><strong>Retracted.</strong> This item left its feed, and on <time datetime="2026-05-20T00:00:00.000Z">May 20, 2026</time> its link answered 410 Gone: the publisher has taken it down. The archive keeps it as it was.</p>',
    );
  });

  it('keeps earlier versions out of the feeds and the sitemap', async () => {
    const feed = await read('rss.xml');
    expect(feed).not.toContain('/revisions/');
    expect(feed).toContain('Ferry times (changed pier)');
    expect(feed).toContain('south pier');
    expect(await read('sitemap-0.xml')).not.toContain('/revisions/');
  });
});
