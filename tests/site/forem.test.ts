/**
 * The real Forem feed from ../shared, snapshotted into a temp archive and
 * built: every article page exists and every code block is highlighted with
 * the language the feed gave it, its tokens coloured by class. Runs only
 * where ../shared is checked out.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { type BuiltSite, buildArchive, PROJECT_ROOT } from './_build.ts';
import { attribute, elements, type Page, readPages } from './_crawl.ts';

const FEED = join(PROJECT_ROOT, '..', 'shared', 'feeds', 'forem-2026-04-27.xml');

describe.runIf(existsSync(FEED))('the Forem feed built into a site', () => {
  let site: BuiltSite;
  let articles: Page[];
  let archive: string;

  beforeAll(async () => {
    archive = await mkdtemp(join(tmpdir(), 'feedshelf-forem-'));
    const itemsDir = join(archive, 'items');
    const stateDir = join(archive, 'state');
    const report = await runSnapshot({
      feeds: [{ id: 'forem', url: FEED, path: FEED }],
      itemsDir,
      stateDir,
      now: new Date('2026-04-28T00:00:00Z'),
    });
    if (report.feeds.some((feed) => feed.status === 'failed')) {
      throw new Error(`Snapshot of ${FEED} failed: ${JSON.stringify(report.feeds)}`);
    }
    site = await buildArchive({ itemsDir, stateDir });
    articles = (await readPages(site.dist, site.base)).filter((page) => page.url.startsWith('/items/'));
  }, 300_000);

  afterAll(async () => {
    await site?.remove();
    if (archive) await rm(archive, { recursive: true, force: true });
  });

  it('has 12 article pages', () => {
    expect(articles).toHaveLength(12);
  });

  it('has 50 highlighted code blocks: python 21, sql 16, shell 7, json 3, plaintext 3', () => {
    const languages = new Map<string, number>();
    let highlighted = 0;
    for (const page of articles) {
      for (const pre of elements(page.tree, (element) => element.tagName === 'pre')) {
        const classes = attribute(pre, 'className') ?? '';
        if (classes.split(' ').includes('astro-code')) highlighted += 1;
        const language = attribute(pre, 'dataLanguage') ?? 'none';
        languages.set(language, (languages.get(language) ?? 0) + 1);
      }
    }
    expect(highlighted).toBe(50);
    expect(Object.fromEntries([...languages].sort())).toEqual({ json: 3, plaintext: 3, python: 21, shell: 7, sql: 16 });
  });

  it('colours the code tokens with classes in 1,745 spans, none with an inline style, none without a class', () => {
    const classes = new Map<string, number>();
    let tokens = 0;
    let styled = 0;
    let bare = 0;
    for (const page of articles) {
      for (const pre of elements(page.tree, (element) => element.tagName === 'pre')) {
        const spans = elements(pre, (element) => element.tagName === 'span');
        for (const span of spans) {
          const names = (attribute(span, 'className') ?? '').split(' ').filter(Boolean);
          if (names.includes('line')) continue;
          tokens += 1;
          if (attribute(span, 'style') !== undefined) styled += 1;
          if (names.length === 0) bare += 1;
          for (const name of names) classes.set(name, (classes.get(name) ?? 0) + 1);
        }
      }
    }
    expect(styled).toBe(0);
    expect(bare).toBe(0);
    expect({ tokens, ...Object.fromEntries([...classes].sort()) }).toEqual({
      // Shiki's 2,467 tokens: the 561 in the block's own colour are text alone, and the 1,906 with a
      // colour class are 1,745 spans, neighbours of one class joined (a string's quotes and text).
      tokens: 1745,
      c: 22,
      f: 184,
      k: 469,
      n: 162,
      p: 580,
      s: 36,
      v: 46,
      x: 246,
    });
  });
});
