/**
 * `feedshelf feeds list`, `remove`, `validate` and `import` on a config in a
 * temp folder: exact output, exit codes and the config's bytes after.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { treeFiles } from '../helpers/rss-fixture.ts';
import { useTempDir } from '../helpers/temp-dir.ts';
import { feedshelf } from './_run.ts';

const SLOW = { timeout: 60_000 };
const temp = useTempDir('feedshelf-feeds-');

const CONFIG = [
  '# my feeds',
  'feeds:',
  '  - id: notes',
  '    url: feeds/notes.xml',
  '    tags: [web, rust]',
  '',
  '  # found on the web',
  '  - id: blog',
  '    url: https://blog.example.org/feed',
  '    title: A Blog',
  '',
  '  # - id: later',
  '  #   url: https://later.example/feed',
  '',
].join('\n');

async function withConfig(text = CONFIG): Promise<void> {
  await writeFile(join(temp.path, 'feeds.yaml'), text);
}
const config = () => readFile(join(temp.path, 'feeds.yaml'), 'utf8');

describe('feedshelf feeds list', () => {
  it('prints id, title, URL and tags, the title from the archive when the config has none', SLOW, async () => {
    await withConfig();
    await mkdir(join(temp.path, 'content/state'), { recursive: true });
    await writeFile(
      join(temp.path, 'content/state/notes.json'),
      `${JSON.stringify({ schemaVersion: 1, id: 'notes', url: 'feeds/notes.xml', title: 'Field Notes', failures: 0 })}\n`,
    );
    expect(await feedshelf(['feeds', 'list'], temp.path)).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'id     title        url                            tags',
        'notes  Field Notes  feeds/notes.xml                web, rust',
        'blog   A Blog       https://blog.example.org/feed  -',
        '',
      ].join('\n'),
    });
    const json = await feedshelf(['feeds', 'list', '--json'], temp.path);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      { id: 'notes', title: 'Field Notes', url: 'feeds/notes.xml', tags: ['web', 'rust'] },
      { id: 'blog', title: 'A Blog', url: 'https://blog.example.org/feed', tags: [] },
    ]);
  });
});

describe('feedshelf feeds remove', () => {
  it('takes the feed out of the config, every other line kept, and says its archive stays', SLOW, async () => {
    await withConfig();
    await mkdir(join(temp.path, 'content/items/notes'), { recursive: true });
    await writeFile(join(temp.path, 'content/items/notes/2026-03-02-one.md'), '---\ntitle: One\n---\n');
    await writeFile(join(temp.path, 'content/items/notes/2026-03-03-two.md'), '---\ntitle: Two\n---\n');
    await mkdir(join(temp.path, 'content/state'), { recursive: true });
    await writeFile(join(temp.path, 'content/state/notes.json'), '{}\n');
    expect(await feedshelf(['feeds', 'remove', 'notes'], temp.path)).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'removed notes from feeds.yaml (feeds/notes.xml)\n' +
        'Its archive is kept: 2 archived items in content/items/notes/ and its state content/state/notes.json; the site shows its items until you delete them.\n',
    });
    expect(await config()).toBe(
      [
        '# my feeds',
        'feeds:',
        '  # found on the web',
        '  - id: blog',
        '    url: https://blog.example.org/feed',
        '    title: A Blog',
        '',
        '  # - id: later',
        '  #   url: https://later.example/feed',
        '',
      ].join('\n'),
    );
    expect(await treeFiles(join(temp.path, 'content'))).toEqual([
      'items/notes/2026-03-02-one.md',
      'items/notes/2026-03-03-two.md',
      'state/notes.json',
    ]);
    expect(await feedshelf(['feeds', 'remove', 'blog'], temp.path)).toEqual({
      code: 0,
      stderr: '',
      stdout: 'removed blog from feeds.yaml (https://blog.example.org/feed)\nIt had nothing archived.\n',
    });
    expect(await config()).toBe(
      ['# my feeds', 'feeds: []', '  # - id: later', '  #   url: https://later.example/feed', ''].join('\n'),
    );
    expect(await feedshelf(['feeds', 'validate'], temp.path)).toMatchObject({
      code: 0,
      stdout: 'feeds.yaml: OK, 0 feeds\n',
    });
  });

  it('names an unknown id and lists the valid ones, changing nothing', SLOW, async () => {
    await withConfig();
    expect(await feedshelf(['feeds', 'remove', 'note'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'feeds.yaml has no feed note; valid ids: notes, blog.\n',
    });
    expect(await config()).toBe(CONFIG);
  });
});

describe('feedshelf feeds validate', () => {
  it('says OK with the number of feeds', SLOW, async () => {
    await withConfig();
    expect(await feedshelf(['feeds', 'validate'], temp.path)).toEqual({
      code: 0,
      stderr: '',
      stdout: 'feeds.yaml: OK, 2 feeds\n',
    });
  });

  it('lists each problem with its file, line and column, and the valid choices', SLOW, async () => {
    await writeFile(
      join(temp.path, 'other.yaml'),
      [
        'defaults:',
        '  fullText: sometimes',
        'feeds:',
        '  - id: notes',
        '    url: feeds/notes.xml',
        '    tag: [web]',
        '  - id: notes',
        '    url: https://example.org/feed',
        '',
      ].join('\n'),
    );
    expect(await feedshelf(['feeds', 'validate', '--config', 'other.yaml'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        'Invalid feed config other.yaml:',
        '  other.yaml:2:3: defaults.fullText: expected auto, always or never',
        '  other.yaml:6:5: feeds[0].tag: unknown key; remove it or check its spelling; valid keys: id, url, title, tags, include, exclude, fullText, media',
        '  other.yaml:7:5: feeds[1].id: duplicate id "notes" (also feeds[0].id)',
        '',
      ].join('\n'),
    });
    expect(await feedshelf(['feeds', 'validate', '--config', 'missing.yaml'], temp.path)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Feed config missing.yaml does not exist; create it or pass --config FILE or --feed URL.\n',
    });
  });
});

describe('feedshelf feeds import', () => {
  it(
    "names imported feeds with the archive's slugs, from the URL when the title has no transliteration",
    SLOW,
    async () => {
      const opml = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0"><head><title>Reader</title></head><body>',
        '  <outline type="rss" text="Überblog — Ünïcode" xmlUrl="https://uber.example/feed"/>',
        '  <outline type="rss" text="日本語のブログ" xmlUrl="https://blog.example.jp/index.rdf"/>',
        '</body></opml>',
        '',
      ].join('\n');
      await writeFile(join(temp.path, 'subs.opml'), opml);
      expect(await feedshelf(['feeds', 'import', 'subs.opml'], temp.path)).toEqual({
        code: 0,
        stderr: '',
        stdout: [
          'added ueberblog-uenicode: https://uber.example/feed',
          'added blog-example-jp: https://blog.example.jp/index.rdf',
          '2 added, 0 already listed in feeds.yaml',
          '',
        ].join('\n'),
      });
    },
  );
});
