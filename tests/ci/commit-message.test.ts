import { describe, expect, it } from 'vitest';
import { commitMessage } from '#scripts/ci/commit-message.ts';
import { parseSnapshotReport } from '#scripts/ci/report.ts';
import { fullReport } from './_report.ts';

function report(feeds: Array<{ id: string; status?: string; new?: number; updated?: number }>) {
  return parseSnapshotReport(
    JSON.stringify(
      fullReport(
        feeds.map((feed) => ({
          id: feed.id,
          url: `https://example.org/${feed.id}.xml`,
          status: feed.status ?? 'ok',
          counts: { new: feed.new ?? 0, updated: feed.updated ?? 0, unchanged: 5, skipped: 0 },
        })),
      ),
    ),
    'report.json',
  );
}

describe('commitMessage', () => {
  it('counts new and updated items and the feeds that brought them', () => {
    const message = commitMessage(
      report([
        { id: 'a', new: 3, updated: 1 },
        { id: 'b', new: 4 },
        { id: 'c', updated: 2 },
        { id: 'd', new: 0 },
        { id: 'e', status: 'failed' },
      ]),
    );
    expect(message).toBe('Archive 7 new items (3 updated) from 3 feeds');
  });

  it('uses the singular for one item from one feed', () => {
    expect(commitMessage(report([{ id: 'a', new: 1 }, { id: 'b' }]))).toBe('Archive 1 new item from 1 feed');
  });

  it('names updates alone when nothing is new', () => {
    expect(
      commitMessage(
        report([
          { id: 'a', updated: 2 },
          { id: 'b', updated: 1 },
        ]),
      ),
    ).toBe('Update 3 archived items from 2 feeds');
  });

  it('falls back to a state-only message when no item changed', () => {
    expect(
      commitMessage(
        report([
          { id: 'a', status: 'failed' },
          { id: 'b', status: 'not-modified' },
        ]),
      ),
    ).toBe('Update the fetch state of 2 feeds');
  });

  it('adds a body counting what the snapshot altered for safety or format', () => {
    const altered = fullReport([
      {
        id: 'a',
        url: 'https://example.org/a.xml',
        status: 'ok',
        counts: { new: 2, updated: 0, unchanged: 0, skipped: 0 },
        alterations: { total: 3, items: 2, byKind: { 'element-removed': 2, 'url-refused': 1 }, feed: [], examples: [] },
      },
      {
        id: 'b',
        url: 'https://example.org/b.xml',
        status: 'ok',
        counts: { new: 1, updated: 0, unchanged: 0, skipped: 0 },
        alterations: { total: 1, items: 1, byKind: { 'element-removed': 1 }, feed: [], examples: [] },
      },
    ]);
    expect(commitMessage(parseSnapshotReport(JSON.stringify(altered), 'r.json'))).toBe(
      'Archive 3 new items from 2 feeds\n\n3 items altered for safety or format: 3 elements removed, 1 URL refused',
    );
  });
});
