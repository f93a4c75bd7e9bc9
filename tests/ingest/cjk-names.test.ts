/**
 * Titles in scripts with no transliteration (Han, kana, Hangul, Thai) name
 * their files with their own words, lower-cased and capped by UTF-8 bytes;
 * Latin titles keep their ASCII slugs, and an archived item keeps the stem it
 * was first given, whatever the titles would name it now.
 */
import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { type ArchivedFixture, archiveFixture } from '../helpers/fidelity.ts';
import { utf8Bytes } from '../helpers/names.ts';

const FIXTURE = 'cjk-titles.xml';
const NOW = new Date('2022-07-11T00:00:00Z');

describe('a feed of CJK and Thai titles, snapshotted', () => {
  let archived: ArchivedFixture;
  beforeAll(async () => {
    archived = await archiveFixture(FIXTURE, 'cjk', NOW);
  });
  afterAll(() => archived?.remove());

  it('names each file with the words of its title', () => {
    expect([...archived.items.keys()]).toEqual([
      '2022-07-04-第12回-東京の夏.md',
      '2022-07-05-中文标题.md',
      '2022-07-06-한국어-제목입니다.md',
      '2022-07-07-ภาษาไทยวันนี้.md',
      '2022-07-08-rust-入門-2024.md',
      '2022-07-09-東京の夏は暑いので-冷たいお茶と扇風機と-bcb91d58.md',
      '2022-07-10-plain-english-title.md',
    ]);
    expect(Math.max(...[...archived.items.keys()].map((name) => utf8Bytes(name.replace(/\.md$/, ''))))).toBe(78);
  });

  it('writes the item with its title, tag and text as published', () => {
    expect(archived.items.get('2022-07-04-第12回-東京の夏.md')).toBe(
      [
        '---',
        'title: 第12回 東京の夏',
        'id: https://cjk.example/posts/tokyo-summer',
        'link: https://cjk.example/posts/tokyo-summer',
        'source: cjk',
        'authors: []',
        'tags:',
        '  - 旅行',
        'published: "2022-07-04T03:00:00.000Z"',
        'firstSeen: "2022-07-11T00:00:00.000Z"',
        'summary: 第12回 東京の夏。本文です。',
        'hash: pub1:b6566eaa41a271973879489da78ee7e3',
        '---',
        '',
        '第12回 東京の夏。本文です。',
        '',
      ].join('\n'),
    );
  });

  it('keeps the stem an archived item was given before, when the item changes', async () => {
    const folder = join(archived.root, 'content', 'items', 'cjk');
    // The name an earlier version gave this title: its ASCII slug kept only the digits.
    await rename(join(folder, '2022-07-04-第12回-東京の夏.md'), join(folder, '2022-07-04-12.md'));
    const feedPath = join(archived.root, FIXTURE);
    const feed = await readFile(feedPath, 'utf8');
    await writeFile(feedPath, feed.replace('第12回 東京の夏。本文です。', '第12回 東京の夏。追記しました。'));
    const report = await runSnapshot({
      feeds: [{ id: 'cjk', url: feedPath, path: feedPath }],
      itemsDir: join(archived.root, 'content', 'items'),
      stateDir: join(archived.root, 'content', 'state'),
      now: new Date('2022-07-12T00:00:00Z'),
      workers: 0,
    });
    expect(report.feeds[0]?.counts).toMatchObject({ new: 0, updated: 1, unchanged: 6 });
    const names = (await readdir(folder)).sort();
    expect(names).toContain('2022-07-04-12.md');
    expect(names).not.toContain('2022-07-04-第12回-東京の夏.md');
    expect(names).toHaveLength(7);
    const text = await readFile(join(folder, '2022-07-04-12.md'), 'utf8');
    expect(text).toContain('\n第12回 東京の夏。追記しました。\n');
    expect(text).toContain('firstSeen: "2022-07-11T00:00:00.000Z"');
  });
});
