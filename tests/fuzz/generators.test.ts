import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeOutput, buildFailureClass } from '#scripts/fuzz/build-attribution.ts';
import {
  CASE_FORMATS,
  CASE_VARIANTS,
  caseBytes,
  caseKind,
  caseSeed,
  fuzzProperty,
  sampleCases,
} from '#scripts/fuzz/cases.ts';
import { declaredLabel, encodeText } from '#scripts/fuzz/encode.ts';
import type { FeedSpec, FuzzCase, ItemSpec } from '#scripts/fuzz/model.ts';
import { mutateBytes } from '#scripts/fuzz/mutate.ts';
import { samplePages } from '#scripts/fuzz/pages-fs.ts';
import type { FeedResult } from '#scripts/fuzz/protocol.ts';
import { renderFeed } from '#scripts/fuzz/render.ts';
import { planBuilds } from '#scripts/fuzz/run-fs.ts';
import type { CaseOutcome } from '#scripts/fuzz/snapshot-fs.ts';
import { judgeFeed, warningClass } from '#scripts/fuzz/verdict.ts';
import { decodeFeedBytes } from '#src/ingest/decode.ts';
import { parseFeed } from '#src/ingest/parse.ts';

const SEEDS = ['tests/fixtures/feeds/rss2.xml', 'tests/fixtures/feeds/jsonfeed.json'];
const SEED_BYTES = new Map(SEEDS.map((name) => [name, new TextEncoder().encode('<rss version="2.0"></rss>')]));

function item(title: string, extra: Partial<ItemSpec> = {}): ItemSpec {
  return {
    title: [title],
    titleMode: 'escaped',
    atomType: 'html',
    link: [`https://example.org/${title}`],
    guid: [`urn:${title}`],
    authors: [['Ada']],
    tags: [['notes']],
    published: ['2026-03-02T08:00:00Z'],
    content: ['<p>Body of ', title, '</p>'],
    contentMode: 'cdata',
    ...extra,
  };
}

function feed(format: FeedSpec['format'], extra: Partial<FeedSpec> = {}): FeedSpec {
  return {
    format,
    title: ['A feed'],
    link: ['https://example.org/'],
    authors: [],
    items: [item('one'), item('two')],
    collision: 'none',
    deepElement: 0,
    dialect: 'plain',
    ...extra,
  };
}

describe('cases', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(JSON.stringify(sampleCases(3, 40, SEEDS))).toBe(JSON.stringify(sampleCases(3, 40, SEEDS)));
    expect(JSON.stringify(sampleCases(3, 40, SEEDS))).not.toBe(JSON.stringify(sampleCases(4, 40, SEEDS)));
  });

  it('cover every format and every way of spoiling the bytes within a few hundred', () => {
    const kinds = sampleCases(1, 400, SEEDS).map(caseKind);
    for (const format of CASE_FORMATS) expect(kinds.some((kind) => kind.format === format)).toBe(true);
    for (const variant of CASE_VARIANTS) expect(kinds.some((kind) => kind.variant === variant)).toBe(true);
  });

  it('replay with fast-check: case i is the first input of the property under its own seed', async () => {
    const cases = sampleCases(11, 30, SEEDS);
    let replayed: FuzzCase | undefined;
    await fc.check(
      fuzzProperty(SEEDS, async (fuzzCase) => {
        replayed ??= fuzzCase;
        return true;
      }),
      { seed: caseSeed(11, 17), numRuns: 1 },
    );
    expect(replayed).toEqual(cases[17]);
  });

  it('render to bytes: a seed case starts from the seed feed', () => {
    const fuzzCase: FuzzCase = { source: 'seed', seed: SEEDS[0] ?? '', mutations: [{ op: 'truncate', at: 5 }] };
    expect(new TextDecoder().decode(caseBytes(fuzzCase, SEED_BYTES))).toBe('<rss ');
  });
});

describe('renderFeed', () => {
  it.each(['rss2', 'atom', 'rss1', 'json'] as const)(
    'writes a %s feed the parser reads back entry by entry',
    async (format) => {
      const parsed = await parseFeed(renderFeed(feed(format), 'utf-8'), 'file:///feed');
      expect(parsed.format).toBe(format);
      expect(parsed.entries.map((entry) => [entry.title, entry.link, entry.authors])).toEqual([
        ['one', 'https://example.org/one', ['Ada']],
        ['two', 'https://example.org/two', ['Ada']],
      ]);
    },
  );

  it('makes the other items copy the first one’s guid, or a variant of one URL', async () => {
    const same = await parseFeed(renderFeed(feed('rss2', { collision: 'guid' }), undefined), 'file:///feed');
    expect(same.entries.map((entry) => entry.guid)).toEqual(['urn:one', 'urn:one']);
    const variants = await parseFeed(renderFeed(feed('atom', { collision: 'guid-variant' }), undefined), 'file:///f');
    expect(variants.entries.map((entry) => entry.guid)).toEqual([
      'http://example.org/posts/1',
      'https://example.org/posts/1',
    ]);
  });

  it('nests an element or a JSON value as deep as asked, without overflowing its own stack', () => {
    expect(renderFeed(feed('rss2', { deepElement: 30_000 }), undefined).match(/<x:n>/g)).toHaveLength(30_000);
    expect(renderFeed(feed('json', { deepElement: 30_000 }), undefined)).toContain(`${'[{"n":'.repeat(15_000)}"deep"`);
  });
});

describe('encodeText', () => {
  it('writes byte-order marks, wide and legacy charsets, and declares what the case asks for', () => {
    expect([...encodeText('<a/>', 'utf-16le-bom').subarray(0, 4)]).toEqual([0xff, 0xfe, 0x3c, 0x00]);
    expect([...encodeText('<a/>', 'utf-16be').subarray(0, 2)]).toEqual([0x00, 0x3c]);
    expect([...encodeText('é', 'latin1-declared-utf-8')]).toEqual([0xe9]);
    expect(declaredLabel('latin1-declared-utf-8')).toBe('UTF-8');
    expect(declaredLabel('utf-16be')).toBeUndefined();
  });

  it('gives text the decoder reads back, when the declaration tells the truth', () => {
    for (const encoding of ['utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'utf-16le', 'windows-1251'] as const) {
      const text = `<?xml version="1.0" encoding="${declaredLabel(encoding)}"?><rss>Привет</rss>`;
      expect(decodeFeedBytes(encodeText(text, encoding))).toContain('<rss>Привет</rss>');
    }
  });
});

describe('mutateBytes', () => {
  const bytes = new TextEncoder().encode('abcdef');
  const text = (mutated: Uint8Array) => new TextDecoder().decode(mutated);

  it('truncates, deletes, duplicates and splices at positions taken modulo the length', () => {
    expect(text(mutateBytes(bytes, [{ op: 'truncate', at: 3 }]))).toBe('abc');
    expect(text(mutateBytes(bytes, [{ op: 'truncate', at: 10 }]))).toBe('abc');
    expect(text(mutateBytes(bytes, [{ op: 'delete', at: 1, length: 2 }]))).toBe('adef');
    expect(text(mutateBytes(bytes, [{ op: 'duplicate', at: 1, length: 2 }]))).toBe('abcbcdef');
    expect(text(mutateBytes(bytes, [{ op: 'insert-text', at: 6, text: ']]>' }]))).toBe('abcdef]]>');
    expect([...mutateBytes(bytes, [{ op: 'insert', at: 0, bytes: [0xff] }]).subarray(0, 2)]).toEqual([0xff, 0x61]);
    expect(text(mutateBytes(bytes, [{ op: 'flip', at: 0, mask: 0x20 }]))).toBe('Abcdef');
  });

  it('leaves an empty document empty and never throws', () => {
    expect(mutateBytes(new Uint8Array(), [{ op: 'flip', at: 9, mask: 1 }])).toEqual(new Uint8Array());
  });
});

function result(extra: Partial<FeedResult>): FeedResult {
  return {
    id: 'fz-000001',
    status: 'ok',
    counts: { new: 2, updated: 0, unchanged: 0, skipped: 0 },
    warnings: [],
    files: 2,
    invalid: [],
    ...extra,
  };
}

describe('judgeFeed', () => {
  it('calls a feed with files archived and one without empty', () => {
    expect(judgeFeed(result({})).outcome).toBe('archived');
    expect(judgeFeed(result({ counts: { new: 0, updated: 0, unchanged: 0, skipped: 1 }, files: 0 })).outcome).toBe(
      'empty',
    );
  });

  it('counts a one-line rejection by its code', () => {
    const verdict = judgeFeed(
      result({ status: 'failed', code: 'invalid-xml', error: 'The feed is not XML.', files: 0 }),
    );
    expect([verdict.outcome, verdict.rejection, verdict.violations]).toEqual(['rejected', 'invalid-xml', []]);
  });

  it('finds crashes, internal errors in reasons, unclear reasons and files that do not read back', () => {
    const kinds = (extra: Partial<FeedResult>) => judgeFeed(result(extra)).violations.map((v) => v.kind);
    expect(kinds({ status: 'failed', code: 'unexpected', error: 'boom' })).toEqual(['crash']);
    expect(kinds({ status: 'failed', code: 'invalid-xml', error: 'x (Maximum call stack size exceeded)' })).toEqual([
      'crash',
    ]);
    expect(kinds({ status: 'failed', code: 'invalid-xml', error: 'line one\n    at parse (x.js:1:2)' })).toEqual([
      'unclear-reason',
    ]);
    expect(kinds({ warnings: ['it could not be converted: Maximum call stack size exceeded'] })).toEqual([
      'item-crash',
    ]);
    expect(kinds({ invalid: ['a.md: its frontmatter field title is invalid'] })).toEqual(['invalid-item-file']);
    expect(kinds({ files: 1 })).toEqual(['count-mismatch']);
    expect(kinds({ stateProblem: 'the state file is missing' })).toEqual(['invalid-state']);
  });

  it('classes warnings by the field or the stage', () => {
    expect(warningClass('its frontmatter field link is invalid: Invalid URL')).toBe('frontmatter link');
    expect(warningClass('it could not be converted: nope')).toBe('conversion');
  });
});

describe('build attribution', () => {
  const items = [
    { feedId: 'fz-000001', authors: ['Ada Lovelace'], tags: ['notes'], published: new Date('2026-03-02T00:00:00Z') },
    { feedId: 'fz-000002', authors: ['ab '.repeat(300)], tags: [], published: new Date('2025-01-02T00:00:00Z') },
    { feedId: 'fz-000003', authors: [], tags: ['Release Notes'], published: new Date('2024-07-02T00:00:00Z') },
  ];

  it('names feeds by id, by the author, tag or month page that failed, and by a long folder name', () => {
    expect(attributeOutput('InvalidContentEntry in items/fz-000003/x.md', items)).toEqual(['fz-000003']);
    expect(attributeOutput("mkdir '/tmp/x/dist/authors/ada-lovelace'", items)).toEqual(['fz-000001']);
    expect(attributeOutput('Caught error rendering /tags/release-notes/', items)).toEqual(['fz-000003']);
    expect(attributeOutput('Caught error rendering /archive/2025/01/', items)).toEqual(['fz-000002']);
    expect(attributeOutput(`${'-ab'.repeat(200)}'`, items)).toEqual(['fz-000002']);
    expect(attributeOutput('something else', items)).toEqual([]);
  });

  it('classes failures by their cause', () => {
    expect(buildFailureClass('ENAMETOOLONG: name too long')).toBe('long-name');
    expect(buildFailureClass(`${'-ab'.repeat(200)}'`)).toBe('long-name');
    expect(buildFailureClass('Caught error rendering /archive/-1/')).toBe('render');
    expect(buildFailureClass('The build audit found 2 problem(s)')).toBe('audit');
  });
});

describe('planBuilds and samplePages', () => {
  const outcome = (index: number, items: number): CaseOutcome => ({
    index,
    feedId: `fz-${String(index).padStart(6, '0')}`,
    verdict: { outcome: 'archived', items, warningClasses: [], violations: [] },
    itemsDir: '/a/items',
    stateDir: '/a/state',
  });

  it('spreads archived feeds over the builds, within the item budget, leaving out feeds too big for it', () => {
    const plans = planBuilds([outcome(0, 5), outcome(1, 5), outcome(2, 50), outcome(3, 5), outcome(4, 5)], 2, 20);
    expect(plans.map((plan) => plan.map((feed) => feed.id))).toEqual([
      ['fz-000000', 'fz-000004'],
      ['fz-000001', 'fz-000003'],
    ]);
  });

  it('samples the list pages, search and articles spread through the site', () => {
    const articles = Array.from({ length: 100 }, (_, i) => `items/fz-${String(i).padStart(6, '0')}/x/`);
    const pages = samplePages(articles, 10);
    expect(pages).toHaveLength(10);
    expect(pages.slice(0, 6)).toEqual(['', 'tags/', 'authors/', 'sources/', 'archive/', 'search/?q=pwned']);
    expect(pages.slice(6)).toEqual([
      'items/fz-000000/x/',
      'items/fz-000025/x/',
      'items/fz-000050/x/',
      'items/fz-000075/x/',
    ]);
  });
});
