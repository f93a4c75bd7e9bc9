import { describe, expect, it } from 'vitest';
import { AlterationLog, describeCounts, FeedAlterationLog } from '#src/ingest/alterations.ts';
import { type FeedReport, formatFeedLine } from '#src/ingest/report.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import type { FeedEntry } from '#src/ingest/types.ts';

const ctx = { source: 'blog', extraTags: [], firstSeen: '2026-05-01T00:00:00.000Z', now: '2026-05-01T00:00:00.000Z' };

function entry(fields: Partial<FeedEntry>): FeedEntry {
  return { authors: [], categories: [], guid: 'https://example.com/1', title: 'One', ...fields };
}

describe('alterations of one item', () => {
  it('counts what the sanitizer removes and refuses, with the first few in document order', () => {
    const item = convertEntry(
      entry({
        published: '2026-04-01T00:00:00Z',
        contentHtml:
          '<p>Text<script>alert(1)</script></p><a href="javascript:alert(2)">x</a>' +
          '<iframe src="https://evil.example/embed"></iframe><form><input></form><font>kept</font>',
      }),
      ctx,
    );
    expect(item.body).toBe('Text\n\nxkept');
    expect(item.alterations).toEqual({
      total: 5,
      byKind: { 'element-removed': 3, 'embed-removed': 1, 'url-refused': 1 },
      first: [
        { kind: 'element-removed', detail: '<script>' },
        { kind: 'url-refused', detail: 'javascript:alert(2)' },
        { kind: 'embed-removed', detail: 'evil.example' },
      ],
    });
  });

  it('records a date it could not read, and the parser’s own alterations first', () => {
    const item = convertEntry(
      entry({
        published: 'not a date',
        contentHtml: '<p>Fine</p>',
        alterations: [{ kind: 'address-hidden', detail: 'jane@example.com' }],
      }),
      ctx,
    );
    expect(item.frontmatter.dateFlag).toBe('invalid');
    expect(item.alterations).toEqual({
      total: 2,
      byKind: { 'date-unparsed': 1, 'address-hidden': 1 },
      first: [
        { kind: 'address-hidden', detail: 'jane@example.com' },
        { kind: 'date-unparsed', detail: 'not a date' },
      ],
    });
  });

  it('leaves an untouched item without an alterations field', () => {
    const item = convertEntry(entry({ published: '2026-04-01T00:00:00Z', contentHtml: '<p>Fine</p>' }), ctx);
    expect('alterations' in item).toBe(false);
  });
});

describe('alterations of one feed', () => {
  it('sums items and the feed, keeping five examples', () => {
    const feed = new FeedAlterationLog();
    feed.addFeed('encoding-guessed', 'windows-1252');
    for (let i = 0; i < 7; i++) {
      const log = new AlterationLog();
      log.add('tracking-removed', `https://t.example/${i}.gif`);
      feed.addItem({ title: `Item ${i}` }, log.summary());
    }
    feed.addItem({ title: 'untouched' }, undefined);
    const report = feed.report();
    expect(report?.total).toBe(8);
    expect(report?.items).toBe(7);
    expect(report?.byKind).toEqual({ 'encoding-guessed': 1, 'tracking-removed': 7 });
    expect(report?.feed).toEqual([{ kind: 'encoding-guessed', detail: 'windows-1252' }]);
    expect(report?.examples.map((example) => example.title)).toEqual([
      'Item 0',
      'Item 1',
      'Item 2',
      'Item 3',
      'Item 4',
    ]);
    expect(new FeedAlterationLog().report()).toBeUndefined();
  });

  it('says what was altered on the feed’s line, and the first items with --verbose', () => {
    const feed: FeedReport = {
      id: 'blog',
      url: 'https://example.com/feed',
      status: 'ok',
      counts: { new: 2, updated: 0, unchanged: 0, skipped: 0 },
      warnings: [],
      alterations: {
        total: 3,
        items: 1,
        byKind: { 'encoding-guessed': 1, 'element-removed': 2 },
        feed: [{ kind: 'encoding-guessed', detail: 'windows-1252' }],
        examples: [
          {
            title: 'Post',
            link: 'https://example.com/post',
            total: 2,
            first: [{ kind: 'element-removed', detail: '<script>' }],
          },
        ],
      },
      durationMs: 1500,
    };
    expect(formatFeedLine(feed)).toBe(
      'ok           blog: 2 new, 0 updated, 0 unchanged, 0 skipped (1.50 s); altered for safety or format in 1 item: ' +
        '1 encoding guessed, 2 elements removed (--verbose shows the first)',
    );
    expect(formatFeedLine(feed, true).split('\n').slice(1)).toEqual([
      '             altered: the feed: encoding-guessed: windows-1252',
      '             altered: Post <https://example.com/post>: element-removed: <script> (2 in all)',
    ]);
    expect(describeCounts({ 'url-refused': 2, 'address-hidden': 1 })).toBe('2 URLs refused, 1 address hidden');
  });
});
