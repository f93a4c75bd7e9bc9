import { describe, expect, it } from 'vitest';
import { parseSnapshotReport, ReportError } from '#scripts/ci/report.ts';
import { summaryMarkdown, tableCell } from '#scripts/ci/summary.ts';
import { fullReport } from './_report.ts';

const report = fullReport([
  {
    id: 'zeta',
    url: 'https://zeta.example/feed.xml',
    status: 'ok',
    counts: { new: 2, updated: 1, unchanged: 10, skipped: 0 },
    durationMs: 1234,
  },
  {
    id: 'alpha',
    url: 'https://alpha.example/rss',
    status: 'not-modified',
    counts: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
    durationMs: 80,
  },
  {
    id: 'broken',
    url: 'https://broken.example/atom',
    status: 'failed',
    error: 'HTTP 500 from https://broken.example/atom | retry | later',
    counts: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
    durationMs: 20000,
  },
]);

describe('summaryMarkdown', () => {
  it('prints one row per feed, failed feeds first, then by id, and a total row', () => {
    const markdown = summaryMarkdown(parseSnapshotReport(JSON.stringify(report), 'snapshot.json'));
    expect(markdown).toBe(
      [
        '## Feed snapshot',
        '',
        '**2 new, 1 updated** from 3 feeds; **1 failed** (the others were archived and deployed)',
        '',
        '| Feed | Status | New | Updated | Unchanged | Skipped | Altered | Time | Error |',
        '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
        '| `broken` | ❌ failed | 0 | 0 | 0 | 0 | 0 | 20.0 s | HTTP 500 from https://broken.example/atom \\| retry \\| later |',
        '| `alpha` | ⏸️ not modified | 0 | 0 | 0 | 0 | 0 | 0.1 s |  |',
        '| `zeta` | ✅ ok | 2 | 1 | 10 | 0 | 0 | 1.2 s |  |',
        '| **Total** | | **2** | **1** | **10** | **0** | **0** | | |',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the failure note when every feed succeeded', () => {
    const markdown = summaryMarkdown(
      parseSnapshotReport(JSON.stringify(fullReport(report.feeds.slice(0, 1))), 'r.json'),
    );
    expect(markdown.split('\n')[2]).toBe('**2 new, 1 updated** from 1 feed');
  });
});

describe('summaryMarkdown of a run that altered items', () => {
  const altered = fullReport([
    {
      id: 'blog',
      url: 'https://blog.example/feed',
      status: 'ok',
      counts: { new: 7, updated: 0, unchanged: 0, skipped: 0 },
      alterations: {
        total: 9,
        items: 7,
        byKind: { 'encoding-guessed': 1, 'element-removed': 5, 'url-refused': 2, 'tracking-removed': 1 },
        feed: [{ kind: 'encoding-guessed', detail: 'windows-1252' }],
        examples: [
          {
            title: 'Scripts | and <b>tags</b>',
            link: 'https://blog.example/1',
            total: 4,
            first: [
              { kind: 'element-removed', detail: '<script>' },
              { kind: 'url-refused', detail: 'javascript:alert(1)' },
              { kind: 'element-removed', detail: '<style>' },
            ],
          },
          { link: 'https://blog.example/2', total: 1, first: [{ kind: 'tracking-removed', detail: 'a 1×1 image' }] },
        ],
      },
    },
    {
      id: 'clean',
      url: 'https://clean.example/feed',
      status: 'ok',
      counts: { new: 1, updated: 0, unchanged: 0, skipped: 0 },
    },
  ]);

  it('counts altered items per feed and lists each altered feed with its first items and reasons', () => {
    const markdown = summaryMarkdown(parseSnapshotReport(JSON.stringify(altered), 'r.json'));
    expect(markdown.split('\n').slice(6)).toEqual([
      '| `blog` | ✅ ok | 7 | 0 | 0 | 0 | 7 | 0.0 s |  |',
      '| `clean` | ✅ ok | 1 | 0 | 0 | 0 | 0 | 0.0 s |  |',
      '| **Total** | | **8** | **0** | **0** | **0** | **7** | | |',
      '',
      '### Altered for safety or format',
      '',
      '- `blog`: 9 alterations in 7 items (1 encoding guessed, 5 elements removed, 2 URLs refused, 1 tracker removed)',
      '  - the feed: encoding-guessed: windows-1252',
      '  - Scripts \\| and \\<b\\>tags\\</b\\>: element-removed: \\<script\\>; url-refused: javascript:alert(1); element-removed: \\<style\\>; 1 more',
      '  - https://blog.example/2: tracking-removed: a 1×1 image',
      '  - and 5 other items: see the JSON report',
      '',
    ]);
  });
});

describe('summaryMarkdown of a run that archived images', () => {
  it("lists each feed's images and the archive against its budget, warning past 80 %", () => {
    const data = fullReport([
      {
        id: 'photos',
        url: 'https://photos.example/feed',
        status: 'ok',
        counts: { new: 3, updated: 0, unchanged: 0, skipped: 0 },
        media: {
          stored: 12,
          bytes: 3_400_000,
          failed: 1,
          deferred: 2,
          failures: [{ url: 'https://photos.example/a.png', reason: 'https://photos.example/a.png answered HTTP 404' }],
        },
      },
    ]);
    const report = { ...data, totals: { ...data.totals, mediaTotalBytes: 850_000_000, mediaBudget: 1_000_000_000 } };
    const markdown = summaryMarkdown(parseSnapshotReport(JSON.stringify(report), 'r.json'));
    expect(markdown.slice(markdown.indexOf('### Archived images'))).toBe(
      [
        '### Archived images',
        '',
        '- `photos`: 12 images stored (3.4 MB), 1 not fetched, retried later, 2 waiting for room',
        '  - https://photos.example/a.png answered HTTP 404',
        '',
        'All archived images: 850 MB of the 1.0 GB budget (85 %). **Past 80 % of the budget.**',
        '',
      ].join('\n'),
    );
  });
});

describe('tableCell', () => {
  it('keeps markup and line breaks from breaking the table', () => {
    expect(tableCell('a|b\n<script>*x*</script>')).toBe('a\\|b \\<script\\>\\*x\\*\\</script\\>');
  });
});

describe('parseSnapshotReport', () => {
  it('rejects text that is not JSON with a sentence naming the file', () => {
    expect(() => parseSnapshotReport('> feedshelf@0.1.0 snapshot', 'out/snapshot.json')).toThrow(
      new ReportError(
        'out/snapshot.json is not JSON: run the snapshot with --json and send only its standard output to the file.',
      ),
    );
  });

  it('rejects JSON without a feeds list', () => {
    expect(() => parseSnapshotReport('{"items": []}', 'r.json')).toThrow(
      'r.json is not a snapshot report (dryRun: Invalid input: expected boolean, received undefined): produce it with npm run snapshot -- --json.',
    );
  });

  it('reads a report whose feeds list item warnings, as the snapshot prints it', () => {
    const first = report.feeds[0];
    if (!first) throw new Error('the fixture has feeds');
    const withWarnings = fullReport([
      {
        ...first,
        counts: { new: 2, updated: 1, unchanged: 10, skipped: 1 },
        warnings: [{ link: 'https://zeta.example/a', title: 'A', reason: 'it could not be converted: boom' }],
      },
    ]);
    const parsed = parseSnapshotReport(JSON.stringify(withWarnings), 'r.json');
    expect(parsed.feeds[0]?.counts.skipped).toBe(1);
    expect(summaryMarkdown(parsed).split('\n')[2]).toBe('**2 new, 1 updated** from 1 feed');
  });
});
