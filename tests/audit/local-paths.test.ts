import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLocalPaths, buildMachineFolders } from '#src/audit/audit-fs.ts';
import { findLocalPaths, formatLocalPathFindings, machineFolders } from '#src/audit/local-paths.ts';

const FOLDERS = machineFolders(['/home/ann/site/', '/home/ann', '/build/tmp-123']);

describe('findLocalPaths', () => {
  it('finds each machine folder and file: URL with its line and an excerpt', () => {
    const text = [
      '<dl><dt>Feed</dt>',
      '<dd><a href="/home/ann/site/samples/feeds/x.xml">/home/ann/site/samples/feeds/x.xml</a></dd>',
      '<p>Cached in /build/tmp-123/cache; see file:///etc/hosts.</p>',
    ].join('\n');
    expect(findLocalPaths(text, 'sources/x/index.html', FOLDERS)).toEqual([
      {
        file: 'sources/x/index.html',
        line: 2,
        path: '/home/ann/site',
        excerpt: '<dl><dt>Feed</dt> <dd><a href="/home/ann/site/samples/feeds/x.xml">/home/ann/site/sam…',
      },
      {
        file: 'sources/x/index.html',
        line: 2,
        path: '/home/ann/site',
        excerpt: '…ef="/home/ann/site/samples/feeds/x.xml">/home/ann/site/samples/feeds/x.xml</a></dd> <p>Cached…',
      },
      {
        file: 'sources/x/index.html',
        line: 3,
        path: '/build/tmp-123',
        excerpt: '…mples/feeds/x.xml</a></dd> <p>Cached in /build/tmp-123/cache; see file:///etc/hosts.</p>',
      },
      {
        file: 'sources/x/index.html',
        line: 3,
        path: 'file:///etc/hosts',
        excerpt: '…<p>Cached in /build/tmp-123/cache; see file:///etc/hosts.</p>',
      },
    ]);
  });

  it('leaves alone longer names, paths inside URLs and the word "file:"', () => {
    const text =
      '/home/anna/x and /home/ann.old, https://example.org/home/ann/x, //cdn/home/ann, the config file: feeds.yaml';
    expect(findLocalPaths(text, 'p.html', FOLDERS)).toEqual([]);
  });

  it('matches a folder at the end of the text and before punctuation', () => {
    expect(findLocalPaths('in /home/ann. Then /home/ann', 'p.txt', FOLDERS).map((finding) => finding.path)).toEqual([
      '/home/ann',
      '/home/ann',
    ]);
  });

  it('prints one line per finding', () => {
    const findings = findLocalPaths('x /home/ann/y', 'a.json', FOLDERS);
    expect(formatLocalPathFindings(findings)).toBe('a.json:1  local-path  /home/ann  x /home/ann/y');
  });
});

describe('machineFolders and buildMachineFolders', () => {
  it('keeps absolute folders, longest first, without the file-system root or a trailing slash', () => {
    expect(machineFolders(['/', '/home/ann/', 'relative/dir', 'C:\\', 'C:\\Users\\ann', '/home/ann/site'])).toEqual([
      '/home/ann/site',
      'C:\\Users\\ann',
      '/home/ann',
    ]);
  });

  it('looks for the project, the home folder and the folders the build uses, not the shared /tmp', () => {
    const folders = buildMachineFolders('/work/site', [join(tmpdir(), 'feedshelf-site-x', 'dist')]);
    expect(folders).toContain('/work/site');
    expect(folders).toContain(homedir());
    expect(folders).toContain(join(tmpdir(), 'feedshelf-site-x', 'dist'));
    expect(folders).not.toContain('/tmp');
  });
});

describe('auditLocalPaths', () => {
  let dist = '';
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'feedshelf-local-paths-'));
    await mkdir(join(dist, 'sources', 'x'), { recursive: true });
    await mkdir(join(dist, 'pagefind', 'fragment'), { recursive: true });
    await writeFile(join(dist, 'index.html'), '<p>Nothing here but /tmp/tiny.txt, which every machine has.</p>');
    await writeFile(join(dist, 'sources', 'x', 'index.html'), '<a href="file:///home/ann/site/x.xml">Feed</a>');
    await writeFile(join(dist, 'sources.opml'), '<outline xmlUrl="/home/ann/site/feeds/x.xml"/>');
    await writeFile(join(dist, 'rss.xml'), '<link>https://example.org/home/ann/site/</link>');
    await writeFile(join(dist, 'pagefind', 'pagefind-entry.json'), '{"version":"1"}');
    const fragment = `pagefind_dcd${JSON.stringify({ url: '/items/a/', content: 'Built in /home/ann/site today.' })}`;
    await writeFile(join(dist, 'pagefind', 'fragment', 'en_1.pf_fragment'), gzipSync(Buffer.from(fragment)));
    await writeFile(join(dist, 'pagefind', 'fragment', 'en_2.pf_fragment'), 'not gzip at all /home/ann/site');
    await writeFile(join(dist, 'pagefind', 'wasm.en.pagefind'), Buffer.from('/home/ann/site'));
  });
  afterAll(async () => {
    await rm(dist, { recursive: true, force: true });
  });

  it('reports a path planted in a page, the OPML and a compressed search record, with file and excerpt', async () => {
    const findings = await auditLocalPaths(dist, FOLDERS);
    expect(findings.map((finding) => [finding.file, finding.path, finding.excerpt])).toEqual([
      [
        'pagefind/fragment/en_1.pf_fragment',
        '/home/ann/site',
        '…d{"url":"/items/a/","content":"Built in /home/ann/site today."}',
      ],
      ['sources.opml', '/home/ann/site', '<outline xmlUrl="/home/ann/site/feeds/x.xml"/>'],
      ['sources/x/index.html', 'file:///home/ann/site/x.xml', '<a href="file:///home/ann/site/x.xml">Feed</a>'],
    ]);
  });
});
