import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adHocFeeds, deriveFeedId, parseConfig } from '#src/ingest/config.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { ConfigError } from '#src/ingest/errors.ts';

function configError(text: string): string {
  try {
    parseConfig(text, 'feeds.yaml', '/srv/site');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('a valid config', () => {
  it('resolves local paths against the config folder and keeps URLs as they are', () => {
    const config = parseConfig(
      [
        'defaults:',
        '  concurrency: 2',
        '  timeout: 5',
        'feeds:',
        '  - id: notes',
        '    url: samples/notes.xml',
        '    title: Notes',
        '    tags: [web]',
        '    include: { title: ["^Release"], tags: [js] }',
        '    exclude: { tags: [sponsored] }',
        '  - id: blog',
        '    url: https://blog.example.org/feed',
        '',
      ].join('\n'),
      'feeds.yaml',
      '/srv/site',
    );
    expect(config).toEqual({
      file: 'feeds.yaml',
      defaults: { concurrency: 2, timeout: 5 },
      feeds: [
        {
          id: 'notes',
          url: 'samples/notes.xml',
          title: 'Notes',
          tags: ['web'],
          include: { title: ['^Release'], tags: ['js'] },
          exclude: { tags: ['sponsored'] },
          path: '/srv/site/samples/notes.xml',
        },
        { id: 'blog', url: 'https://blog.example.org/feed' },
      ],
    });
  });

  it('reads the project feeds.yaml with the bundled sample feeds', async () => {
    const config = await loadConfigFile('feeds.yaml');
    expect(config.feeds.map((feed) => [feed.id, feed.url, feed.title])).toEqual([
      ['field-notes', 'samples/feeds/field-notes.xml', 'feedshelf Field Notes'],
      ['release-notes', 'samples/feeds/release-notes.atom', 'Lanternfish Release Notes'],
    ]);
  });
});

describe('a bad config', () => {
  it('names the file, the line and column, the key path and what is expected for each problem, in file order', () => {
    const message = configError(
      [
        'feeds:',
        '  - id: ok',
        '    url: a.xml',
        '  - id: Bad Id',
        '    url: b.xml',
        '  - id: c',
        '    url: ftp://example.org/feed',
        '    colour: red',
        '  - id: ok',
        '    url: https://example.org/feed',
        '    include: { title: ["(unclosed"] }',
        'defaults: { concurrency: 0 }',
      ].join('\n'),
    );
    expect(message).toBe(
      [
        'Invalid feed config feeds.yaml:',
        '  feeds.yaml:4:5: feeds[1].id: expected a lower-case slug of a-z, 0-9 and "-" (at most 64 characters)',
        '  feeds.yaml:7:5: feeds[2].url: expected an http(s) URL or a local file path',
        '  feeds.yaml:8:5: feeds[2].colour: unknown key; remove it or check its spelling; valid keys: id, url, title, tags, include, exclude, fullText, media',
        '  feeds.yaml:9:5: feeds[3].id: duplicate id "ok" (also feeds[0].id)',
        '  feeds.yaml:11:24: feeds[3].include.title[0]: expected a valid regular expression',
        '  feeds.yaml:12:13: defaults.concurrency: expected a whole number from 1 to 32',
      ].join('\n'),
    );
  });

  it('explains a missing feeds list', () => {
    expect(configError('')).toBe(
      'Invalid feed config feeds.yaml:\n  feeds.yaml:1:1: feeds: missing: expected a list of feeds',
    );
    expect(configError('feeds:\n  - just-a-url\n')).toBe(
      'Invalid feed config feeds.yaml:\n  feeds.yaml:2:5: feeds[0]: expected a mapping with at least "id" and "url"',
    );
  });

  it('points at the entry that lacks a key, and at a key inside a flow mapping', () => {
    expect(configError('feeds:\n  - id: x\n')).toBe(
      'Invalid feed config feeds.yaml:\n  feeds.yaml:2:5: feeds[0].url: missing: expected an http(s) URL or a local file path',
    );
    expect(configError('feeds:\n  - { id: x, url: a.xml, fullText: sometimes }\n')).toBe(
      'Invalid feed config feeds.yaml:\n  feeds.yaml:2:26: feeds[0].fullText: expected auto, always or never',
    );
  });

  it('says a missing key is missing', () => {
    expect(configError('feeds:\n  - url: a.xml\n')).toBe(
      'Invalid feed config feeds.yaml:\n  feeds.yaml:2:5: feeds[0].id: missing; add it',
    );
  });

  it('lists the valid keys of the mapping an unknown key is in', () => {
    expect(configError('defaults: { retries: 3 }\nfeeds: []\n')).toBe(
      [
        'Invalid feed config feeds.yaml:',
        '  feeds.yaml:1:13: defaults.retries: unknown key; remove it or check its spelling; valid keys: concurrency, timeout, maxBytes, userAgent, fullText, media, mediaLimits, politeDelay, mediaMirrors, allowNetworks',
      ].join('\n'),
    );
    expect(configError('feed:\n  - { id: x, url: a.xml }\n')).toBe(
      [
        'Invalid feed config feeds.yaml:',
        '  feeds.yaml:1:1: feeds: missing: expected a list of feeds',
        '  feeds.yaml:1:1: feed: unknown key; remove it or check its spelling; valid keys: defaults, feeds',
      ].join('\n'),
    );
  });

  it('points at the line and column of a YAML syntax error', () => {
    expect(configError('feeds: [\n')).toBe(
      'Invalid feed config feeds.yaml:\n  feeds.yaml:2:1: not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])',
    );
  });

  it('says when the file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'feedshelf-config-'));
    const file = join(dir, 'nope.yaml');
    await expect(loadConfigFile(file)).rejects.toThrow(
      `Feed config ${file} does not exist; create it or pass --config FILE or --feed URL.`,
    );
    await writeFile(file, 'feeds:\n  - id: x\n');
    await expect(loadConfigFile(file)).rejects.toThrow(
      `Invalid feed config ${file}:\n  ${file}:2:5: feeds[0].url: missing: expected an http(s) URL or a local file path`,
    );
    await rm(dir, { recursive: true });
  });
});

describe('ad hoc feeds', () => {
  it('derive ids from the host or file name, deduplicated', () => {
    const feeds = adHocFeeds(
      ['https://www.Example.org/feed.xml', 'https://example.org/other', '../feeds/Field Notes.xml', 'notes'],
      ['example-org-2'],
      '/srv/site',
    );
    expect(feeds).toEqual([
      { id: 'example-org', url: 'https://www.Example.org/feed.xml' },
      { id: 'example-org-3', url: 'https://example.org/other' },
      { id: 'field-notes', url: '../feeds/Field Notes.xml', path: '/srv/feeds/Field Notes.xml' },
      { id: 'notes', url: 'notes', path: '/srv/site/notes' },
    ]);
  });

  it('never derive an empty id', () => {
    expect(deriveFeedId('/tmp/пример.xml')).toBe('feed');
    expect(deriveFeedId('https://www.example.org/')).toBe('example-org');
  });

  it('never derive a Windows device name', () => {
    expect(['/srv/con.xml', 'NUL', 'Aux', 'lpt1.rss', 'https://com1/feed'].map(deriveFeedId)).toEqual([
      'con-feed',
      'nul-feed',
      'aux-feed',
      'lpt1-feed',
      'com1-feed',
    ]);
  });

  it('cut a long host or title and end it in a hash of the whole slug', () => {
    const host = `${'very-long-subdomain.'.repeat(6)}example.org`;
    const id = deriveFeedId(`https://${host}/feed`);
    expect(id).toMatch(/^very-long-subdomain-very-long-subdomain-[a-z-]*[0-9a-f]{8}$/);
    expect(id.length).toBeLessThanOrEqual(56);
    expect(deriveFeedId(`https://${host.replace('example', 'example2')}/feed`)).not.toBe(id);
  });

  it('reject other schemes', () => {
    expect(() => adHocFeeds(['ftp://example.org/feed'], [], '/')).toThrow(
      'Invalid --feed "ftp://example.org/feed": expected an http(s) URL or a local file path.',
    );
  });
});
