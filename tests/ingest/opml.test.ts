import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addFeedsToConfig, removeFeedFromConfig } from '#src/ingest/config-edit.ts';
import { OpmlError } from '#src/ingest/errors.ts';
import { parseOpml } from '#src/ingest/opml.ts';
import { renderOpml } from '#src/util/opml.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const run = promisify(execFile);
const NODE = join(process.cwd(), 'node_modules/.bin/node');

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Tech">
      <outline type="rss" text="Rust &amp; Friends" xmlUrl="https://rust.example.org/feed.xml" category="/lang/rust"/>
      <outline type="rss" text="Old Blog" xmlUrl="http://www.blog.example.org/rss/"/>
    </outline>
    <outline type="rss" title="Untitled Feed" text="ignored" xmlUrl="https://news.example.com/atom"/>
    <outline text="A folder without feeds"/>
  </body>
</opml>
`;

describe('parseOpml', () => {
  it('reads every outline with an xmlUrl, folders and categories as tags', () => {
    expect(parseOpml(OPML, 'subs.opml')).toEqual([
      { url: 'https://rust.example.org/feed.xml', title: 'Rust & Friends', tags: ['Tech', 'rust'] },
      { url: 'http://www.blog.example.org/rss/', title: 'Old Blog', tags: ['Tech'] },
      { url: 'https://news.example.com/atom', title: 'Untitled Feed', tags: [] },
    ]);
  });

  it('rejects a file that is not OPML', () => {
    expect(() => parseOpml('<rss version="2.0"></rss>', 'subs.opml')).toThrow(OpmlError);
    expect(() => parseOpml('<rss version="2.0"></rss>', 'subs.opml')).toThrow(
      'subs.opml is not an OPML file (no <opml><body>); export it again from the reader.',
    );
    expect(() => parseOpml('<opml><body>', 'subs.opml')).toThrow(
      'subs.opml is not well-formed XML (line 1); export the OPML again or fix it.',
    );
  });
});

describe('parseOpml of renderOpml', () => {
  it('round-trips', () => {
    const feeds = [{ url: 'https://a.example/feed', title: 'A', tags: ['x'] }];
    expect(parseOpml(renderOpml('t', feeds), 't.opml')).toEqual(feeds);
  });
});

describe('addFeedsToConfig', () => {
  const CONFIG = [
    '# my feeds',
    'feeds:',
    '  # the blog I read first',
    '  - id: old-blog',
    '    url: https://blog.example.org/rss',
    '',
    '  - id: rust-friends',
    '    url: local/rust.xml # a local copy',
    '',
  ].join('\n');

  it('appends new feeds, keeps comments and order, skips URLs already listed and dedupes ids', () => {
    const result = addFeedsToConfig(CONFIG, 'feeds.yaml', parseOpml(OPML, 'subs.opml'));
    expect(result.added).toEqual([
      { id: 'rust-and-friends', url: 'https://rust.example.org/feed.xml', title: 'Rust & Friends' },
      { id: 'untitled-feed', url: 'https://news.example.com/atom', title: 'Untitled Feed' },
    ]);
    expect(result.duplicates).toEqual(['http://www.blog.example.org/rss/']);
    expect(result.text).toBe(
      // The config as it was, comments and all, then the new feeds.
      CONFIG +
        [
          '',
          '  - id: rust-and-friends',
          '    url: https://rust.example.org/feed.xml',
          '    title: Rust & Friends',
          '    tags:',
          '      - Tech',
          '      - rust',
          '',
          '  - id: untitled-feed',
          '    url: https://news.example.com/atom',
          '    title: Untitled Feed',
          '',
        ].join('\n'),
    );
  });

  it('makes ids with the slug library the archive uses, and from the URL for a title it cannot read', () => {
    const feeds = [
      { url: 'https://uber.example/feed', title: 'Überblog — Ünïcode', tags: [] },
      { url: 'https://blog.example.jp/feed.xml', title: '日本語のブログ', tags: [] },
      { url: 'https://note.example.com/hanako/rss', title: 'はなこのノート', tags: [] },
      { url: 'https://ru.example/rss', title: 'Привет, мир', tags: [] },
      { url: 'https://c.example/atom.xml', title: 'C# Weekly', tags: [] },
      { url: 'https://untitled.example.org/feeds/posts', tags: [] },
    ];
    expect(addFeedsToConfig('', 'feeds.yaml', feeds).added.map((feed) => feed.id)).toEqual([
      'ueberblog-uenicode',
      'blog-example-jp',
      'note-example-com-hanako',
      'privet-mir',
      'c-sharp-weekly',
      'untitled-example-org-posts',
    ]);
  });

  it('keeps the ids a config already has, and makes new ones unique against them', () => {
    const config =
      'feeds:\n  - id: u-berblog-u-ni-code\n    url: https://old.example/feed\n  - id: ueberblog-uenicode\n    url: local.xml\n';
    const result = addFeedsToConfig(config, 'feeds.yaml', [
      { url: 'https://old.example/feed', title: 'Überblog — Ünïcode', tags: [] },
      { url: 'https://new.example/feed', title: 'Überblog — Ünïcode', tags: [] },
    ]);
    expect(result.added).toEqual([
      { id: 'ueberblog-uenicode-2', url: 'https://new.example/feed', title: 'Überblog — Ünïcode' },
    ]);
    expect(result.text.startsWith(config)).toBe(true);
  });

  it('is idempotent: importing the same file twice adds nothing', () => {
    const once = addFeedsToConfig(CONFIG, 'feeds.yaml', parseOpml(OPML, 'subs.opml'));
    const twice = addFeedsToConfig(once.text, 'feeds.yaml', parseOpml(OPML, 'subs.opml'));
    expect(twice.added).toEqual([]);
    expect(twice.text).toBe(once.text);
  });
});

describe('addFeedsToConfig on the project feeds.yaml', () => {
  it('changes no byte of the file but the lines it adds after the last feed', async () => {
    const text = await readFile('feeds.yaml', 'utf8');
    const result = addFeedsToConfig(text, 'feeds.yaml', [{ url: 'https://a.example/feed', title: 'A: b', tags: [] }]);
    const last = '    title: Lanternfish Release Notes\n';
    const at = text.indexOf(last) + last.length;
    expect(result.text).toBe(
      `${text.slice(0, at)}\n  - id: a-b\n    url: https://a.example/feed\n    title: "A: b"\n${text.slice(at)}`,
    );
  });
});

describe('removeFeedFromConfig', () => {
  const CONFIG = [
    'feeds:',
    '  # the first',
    '  - id: a',
    '    url: https://a.example/feed',
    '    tags: [x]',
    '',
    '  - id: b # inline',
    '    url: https://b.example/feed',
    '',
    '  - { id: c, url: https://c.example/feed }',
    '# the end',
    '',
  ].join('\n');

  it('takes out the entry and the comment above it, and one blank line, keeping every other line', () => {
    const without = (id: string) => removeFeedFromConfig(CONFIG, 'feeds.yaml', id).text;
    expect(without('a')).toBe(
      CONFIG.replace('  # the first\n  - id: a\n    url: https://a.example/feed\n    tags: [x]\n\n', ''),
    );
    expect(without('b')).toBe(CONFIG.replace('  - id: b # inline\n    url: https://b.example/feed\n\n', ''));
    expect(without('c')).toBe(CONFIG.replace('  - { id: c, url: https://c.example/feed }\n', ''));
    expect(removeFeedFromConfig(CONFIG, 'feeds.yaml', 'b').removed).toEqual({ id: 'b', url: 'https://b.example/feed' });
  });

  it('leaves an empty list, not a missing one, after the last feed', () => {
    expect(removeFeedFromConfig('feeds:\n  - id: a\n    url: a.xml\n', 'feeds.yaml', 'a').text).toBe('feeds: []\n');
    expect(removeFeedFromConfig('feeds: [{ id: a, url: a.xml }]\n', 'feeds.yaml', 'a').text).toBe('feeds: []\n');
  });

  it('names an unknown id with the valid ones', () => {
    expect(() => removeFeedFromConfig(CONFIG, 'feeds.yaml', 'd')).toThrow(
      'feeds.yaml has no feed d; valid ids: a, b, c.',
    );
  });
});

describe('npm run feeds', () => {
  const temp = useTempDir('feedshelf-feeds-');

  it('imports an OPML file into a new config and exports it again', { timeout: 60_000 }, async () => {
    const config = join(temp.path, 'feeds.yaml');
    const opml = join(temp.path, 'subs.opml');
    await writeFile(opml, OPML);
    const imported = await run(NODE, ['scripts/feeds.ts', 'import', opml, '--config', config]);
    expect(imported.stdout).toBe(
      [
        'added rust-and-friends: https://rust.example.org/feed.xml',
        'added old-blog: http://www.blog.example.org/rss/',
        'added untitled-feed: https://news.example.com/atom',
        `3 added, 0 already listed in ${config}`,
        '',
      ].join('\n'),
    );
    expect(await readFile(config, 'utf8')).toContain('  - id: old-blog\n    url: http://www.blog.example.org/rss/\n');
    const exported = await run(NODE, ['scripts/feeds.ts', 'export', '--config', config]);
    expect(parseOpml(exported.stdout, 'out.opml')).toEqual([
      { url: 'https://rust.example.org/feed.xml', title: 'Rust & Friends', tags: ['Tech', 'rust'] },
      { url: 'http://www.blog.example.org/rss/', title: 'Old Blog', tags: ['Tech'] },
      { url: 'https://news.example.com/atom', title: 'Untitled Feed', tags: [] },
    ]);
  });

  it('leaves feeds read from local files out of the export, naming them on stderr', { timeout: 30_000 }, async () => {
    const config = join(temp.path, 'feeds.yaml');
    const feeds = [
      '  - { id: local, url: samples/feeds/x.xml }',
      `  - { id: absolute, url: ${join(temp.path, 'x.xml')} }`,
      '  - { id: remote, url: https://example.org/feed.xml, title: Remote }',
    ];
    await writeFile(config, `feeds:\n${feeds.join('\n')}\n`);
    const exported = await run(NODE, ['scripts/feeds.ts', 'export', '--config', config]);
    expect(parseOpml(exported.stdout, 'out.opml')).toEqual([
      { url: 'https://example.org/feed.xml', title: 'Remote', tags: [] },
    ]);
    expect(exported.stdout).not.toContain('x.xml');
    expect(exported.stderr).toBe(
      'Left out 2 feed(s) read from local files, which have no URL to share: local, absolute\n',
    );
  });

  it('exits 1 with one line for a missing OPML file', { timeout: 30_000 }, async () => {
    const missing = join(temp.path, 'missing.opml');
    await expect(
      run(NODE, ['scripts/feeds.ts', 'import', missing, '--config', join(temp.path, 'f.yaml')]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: `OPML file ${missing} does not exist; check the path.\n`,
    });
  });
});
