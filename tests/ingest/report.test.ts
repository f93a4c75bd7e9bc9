import { describe, expect, it } from 'vitest';
import { ItemSchema } from '#src/archive/schema.ts';
import {
  computeTotals,
  type FeedReport,
  formatFeedLine,
  invalidItemReason,
  itemWarning,
  reportToJson,
  type SnapshotReport,
} from '#src/ingest/report.ts';

function feed(extra: Partial<FeedReport> = {}): FeedReport {
  return {
    id: 'notes',
    url: 'feeds/notes.xml',
    status: 'ok',
    counts: { new: 1, updated: 0, unchanged: 0, skipped: 2 },
    warnings: [
      { link: 'https://example.org/a', title: 'Post A', reason: 'it could not be converted: boom' },
      { title: 'Post B', reason: 'its frontmatter field image is invalid: Invalid URL' },
    ],
    durationMs: 1500,
    ...extra,
  };
}

describe('itemWarning', () => {
  it('names the entry by its trimmed link and its title on one line', () => {
    const entry = { authors: [], categories: [], link: ' https://example.org/a ', title: 'Two\n  lines' };
    expect(itemWarning(entry, 'it could not\nbe converted')).toEqual({
      link: 'https://example.org/a',
      title: 'Two lines',
      reason: 'it could not be converted',
    });
  });

  it('leaves out a missing or blank link and title, and caps the reason at 200 characters', () => {
    const warning = itemWarning({ authors: [], categories: [], title: '  ' }, 'x'.repeat(300));
    expect(Object.keys(warning)).toEqual(['reason']);
    expect(warning.reason).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('invalidItemReason', () => {
  it('names the first invalid field of a real ItemSchema failure and counts the others', () => {
    const result = ItemSchema.safeParse({
      title: '',
      id: 'k',
      link: 'ftp://example.org/a',
      source: 'notes',
      published: '2026-03-01T00:00:00.000Z',
      firstSeen: '2026-03-01T00:00:00.000Z',
      hash: 'sha256:0',
    });
    expect(result.success).toBe(false);
    expect(invalidItemReason(result.error?.issues ?? [])).toBe(
      'its frontmatter field title is invalid: Too small: expected string to have >=1 characters (and 1 more)',
    );
  });
});

describe('warnings in the report', () => {
  it('lists each warning in the JSON, after the counts', () => {
    const report: SnapshotReport = { dryRun: false, feeds: [feed()], totals: computeTotals([feed()]), durationMs: 2 };
    const json = JSON.parse(reportToJson(report));
    expect(Object.keys(json.feeds[0])).toEqual(['id', 'url', 'status', 'counts', 'warnings', 'durationMs']);
    expect(json.feeds[0].warnings).toEqual(feed().warnings);
  });

  it('shows a count on the feed line, and each entry and reason with --verbose', () => {
    expect(formatFeedLine(feed())).toBe(
      'ok           notes: 1 new, 0 updated, 0 unchanged, 2 skipped (1.50 s); 2 items left out with a warning (--verbose shows which)',
    );
    expect(formatFeedLine(feed(), true).split('\n')).toEqual([
      'ok           notes: 1 new, 0 updated, 0 unchanged, 2 skipped (1.50 s)',
      '             warning: Post A <https://example.org/a>: it could not be converted: boom',
      '             warning: Post B: its frontmatter field image is invalid: Invalid URL',
    ]);
    expect(formatFeedLine(feed({ warnings: [] }))).toBe(
      'ok           notes: 1 new, 0 updated, 0 unchanged, 2 skipped (1.50 s)',
    );
    expect(formatFeedLine(feed({ warnings: [{ reason: 'r' }] }))).toBe(
      'ok           notes: 1 new, 0 updated, 0 unchanged, 2 skipped (1.50 s); 1 item left out with a warning (--verbose shows which)',
    );
  });
});
