/**
 * `feedshelf feeds add` against a real server on 127.0.0.1: a feed's own URL,
 * a web page whose <link rel="alternate"> elements name feeds (relative hrefs
 * resolved against the page), a page that names none, and the address guard.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { treeFiles } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { feedshelf } from './_run.ts';

const SLOW = { timeout: 60_000 };
const LOOPBACK = { FEEDSHELF_ALLOW_NETWORKS: '127.0.0.0/8' };
const temp = useTempDir('feedshelf-add-');

const page = (head: string) =>
  `<!DOCTYPE html>\n<html><head><title>A blog</title>\n${head}\n</head><body><p>Posts</p></body></html>\n`;

let server: FeedServer;
beforeAll(async () => {
  const html = { 'content-type': 'text/html; charset=utf-8' };
  server = await startFeedServer({
    '/feed.xml': {
      headers: { 'content-type': 'application/rss+xml' },
      body: await readFile('tests/fixtures/feeds/rss2.xml'),
    },
    '/comments.atom': {
      headers: { 'content-type': 'application/atom+xml' },
      body: await readFile('tests/fixtures/feeds/atom.xml'),
    },
    '/blog/': {
      headers: html,
      body: page(
        [
          '<link rel="stylesheet" href="/style.css">',
          '<link rel="alternate" type="application/rss+xml" title="Example Blog" href="../feed.xml">',
          '<link rel="alternate" type="application/atom+xml" title="Comments" href="/comments.atom">',
          '<link rel="alternate" hreflang="de" href="/de/">',
        ].join('\n'),
      ),
    },
    '/about/': { headers: html, body: page('<link rel="icon" href="/favicon.ico">') },
    '/gone.xml': { status: 404, body: 'not here' },
  });
});
afterAll(async () => {
  await server.close();
});

const config = () => readFile(join(temp.path, 'feeds.yaml'), 'utf8');

describe('feedshelf feeds add', () => {
  it("follows a page's first feed link, lists the others, and writes the feed into a new config", SLOW, async () => {
    const result = await feedshelf(
      ['feeds', 'add', server.url('/blog/'), '--tag', 'web', '--tag', 'rust'],
      temp.path,
      LOOPBACK,
    );
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `${server.url('/blog/')} is a web page; it links to the feed ${server.url('/feed.xml')}`,
        `added example-blog: ${server.url('/feed.xml')} ("Example Blog", RSS 2.0, 2 entries) to feeds.yaml`,
        'The page links to 1 more feed; add it with feedshelf feeds add URL:',
        `  ${server.url('/comments.atom')} (Comments)`,
        'The next snapshot archives it; feedshelf snapshot --only example-blog runs it alone.',
        '',
      ].join('\n'),
    });
    expect(await config()).toBe(
      [
        '# Feeds to archive: id, url, and optional title, tags, include, exclude.',
        'feeds:',
        '  - id: example-blog',
        `    url: ${server.url('/feed.xml')}`,
        '    tags:',
        '      - web',
        '      - rust',
        '',
      ].join('\n'),
    );
    // Only GETs: the page, then the feed it names.
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /blog/',
      'GET /feed.xml',
    ]);
  });

  it("adds a feed's own URL to an existing config, keeping its comments, with the id made unique", SLOW, async () => {
    const before = '# my feeds\nfeeds:\n  - id: comments # the first\n    url: https://atom.example/feed\n';
    await writeFile(join(temp.path, 'feeds.yaml'), before);
    const result = await feedshelf(
      ['feeds', 'add', server.url('/comments.atom'), '--title', 'Comments'],
      temp.path,
      LOOPBACK,
    );
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `added comments-2: ${server.url('/comments.atom')} ("Atom & Eve", Atom, 3 entries) to feeds.yaml`,
        'The next snapshot archives it; feedshelf snapshot --only comments-2 runs it alone.',
        '',
      ].join('\n'),
    });
    expect(await config()).toBe(
      `${before}  - id: comments-2\n    url: ${server.url('/comments.atom')}\n    title: Comments\n`,
    );
    const again = await feedshelf(['feeds', 'add', server.url('/comments.atom')], temp.path, LOOPBACK);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: `feeds.yaml already lists ${server.url('/comments.atom')} as comments-2.\n`,
    });
    const derived = await feedshelf(['feeds', 'add', server.url('/feed.xml'), '--id', 'comments'], temp.path, LOOPBACK);
    expect(derived).toEqual({
      code: 1,
      stdout: '',
      stderr: 'The id comments is taken in feeds.yaml; choose another.\n',
    });
  });

  it('says that a page links to no feed, and what to do, writing nothing', SLOW, async () => {
    const result = await feedshelf(['feeds', 'add', server.url('/about/')], temp.path, LOOPBACK);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `${server.url('/about/')} is a web page that links to no feed (no <link rel="alternate"> of type RSS, Atom or JSON Feed); find the feed's address on the site (often /feed, /rss.xml or /atom.xml) and add that.\n`,
    });
    expect(await treeFiles(temp.path)).toEqual([]);
  });

  it('names an HTTP error, and refuses a loopback address unless the network is allowed', SLOW, async () => {
    expect(await feedshelf(['feeds', 'add', server.url('/gone.xml')], temp.path, LOOPBACK)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${server.url('/gone.xml')} answered HTTP 404; check the URL.\n`,
    });
    const refused = await feedshelf(['feeds', 'add', server.url('/feed.xml')], temp.path);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `Refused to fetch ${server.url('/feed.xml')}: 127.0.0.1 is a loopback address; allow it with allowNetworks in feeds.yaml or FEEDSHELF_ALLOW_NETWORKS.\n`,
    });
    await writeFile(join(temp.path, 'feeds.yaml'), 'defaults:\n  allowNetworks: [127.0.0.1]\nfeeds: []\n');
    const allowed = await feedshelf(['feeds', 'add', server.url('/feed.xml')], temp.path);
    expect(allowed.code).toBe(0);
    expect(await config()).toBe(
      `defaults:\n  allowNetworks: [127.0.0.1]\nfeeds:\n  - id: example-blog\n    url: ${server.url('/feed.xml')}\n`,
    );
    expect(await treeFiles(temp.path)).toEqual(['feeds.yaml']);
  });

  it('refuses what is not an http(s) URL and an id that is not one, before fetching', SLOW, async () => {
    const count = server.requests.length;
    expect(await feedshelf(['feeds', 'add', 'example.org/feed'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        '"example.org/feed" is not an http(s) URL; give the address of a feed or of a page that links to one (a local file goes in feeds.yaml by hand).\n',
    });
    expect(await feedshelf(['feeds', 'add', server.url('/feed.xml'), '--id', 'My Feed'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr: '--id "My Feed" is not a feed id: use lower-case a-z, 0-9 and "-", at most 64 characters.\n',
    });
    expect(server.requests.length).toBe(count);
  });
});
