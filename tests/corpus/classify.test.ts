import { describe, expect, it } from 'vitest';
import {
  type CorpusResult,
  classifyReply,
  formatTable,
  holdsEntry,
  isOneLineReason,
  isSanitizeTest,
  sampleReasons,
  summarise,
  targetMisses,
  topFolder,
} from '#scripts/corpus/classify.ts';

const result = (file: string, outcome: CorpusResult['outcome'], hasEntry = true, reason?: string): CorpusResult => ({
  file,
  outcome,
  items: outcome === 'archived' ? 1 : 0,
  hasEntry,
  ...(reason === undefined ? {} : { reason }),
});

describe('classifyReply', () => {
  it('archives a feed that kept items, and calls one without items empty', () => {
    expect(classifyReply({ kind: 'report', status: 'ok', items: 3 })).toEqual({ outcome: 'archived', items: 3 });
    expect(classifyReply({ kind: 'report', status: 'ok', items: 0 })).toEqual({ outcome: 'empty', items: 0 });
  });

  it('rejects a feed that failed with a known code, keeping its reason', () => {
    expect(
      classifyReply({ kind: 'report', status: 'failed', code: 'invalid-xml', error: 'Feed f is not XML.', items: 0 }),
    ).toEqual({ outcome: 'rejected', items: 0, reason: 'Feed f is not XML.' });
  });

  it('calls an unexpected failure, a missing code or a throwing run a crash', () => {
    expect(classifyReply({ kind: 'report', status: 'failed', code: 'unexpected', error: 'x', items: 0 }).outcome).toBe(
      'crashed',
    );
    expect(classifyReply({ kind: 'report', status: 'failed', items: 0 })).toEqual({
      outcome: 'crashed',
      items: 0,
      reason: 'feed failed without a reason',
    });
    expect(
      classifyReply({
        kind: 'report',
        status: 'failed',
        code: 'invalid-xml',
        error: "Feed f is not well-formed XML (Cannot read properties of undefined (reading '0')).",
        items: 0,
      }).outcome,
    ).toBe('crashed');
    expect(classifyReply({ kind: 'threw', error: 'TypeError: boom' })).toEqual({
      outcome: 'crashed',
      items: 0,
      reason: 'runSnapshot threw: TypeError: boom',
    });
  });
});

describe('file facts', () => {
  it('finds entries in RSS, RDF, Atom and JSON Feed, ignoring comments and look-alike names', () => {
    expect(holdsEntry('<rss><channel><item><title>x</title></item></channel></rss>')).toBe(true);
    expect(holdsEntry('<rdf:RDF><rss:item rdf:about="x"/></rdf:RDF>')).toBe(true);
    expect(holdsEntry('<feed><entry>\n</entry></feed>')).toBe(true);
    expect(
      holdsEntry('<!--\n<item>in a comment</item>\n--><rss><channel><itemcount>1</itemcount></channel></rss>'),
    ).toBe(false);
    expect(holdsEntry('{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}]}')).toBe(true);
    expect(holdsEntry('{"version":"https://jsonfeed.org/version/1.1","items":[]}')).toBe(false);
  });

  it('tallies by top-level folder and spots sanitization tests by name', () => {
    expect(topFolder('wellformed/rss/a.xml')).toBe('wellformed');
    expect(topFolder('a.xml')).toBe('.');
    expect(isSanitizeTest('wellformed/sanitize/entry_content_script.xml')).toBe(true);
    expect(isSanitizeTest('wellformed/rss/item_description.xml')).toBe(false);
  });

  it('accepts one readable line as a reason, nothing else', () => {
    expect(isOneLineReason('Feed f0001 is not well-formed XML at line 3.')).toBe(true);
    expect(isOneLineReason('')).toBe(false);
    expect(isOneLineReason(undefined)).toBe(false);
    expect(isOneLineReason('first\nsecond')).toBe(false);
    expect(isOneLineReason('    at parseFeed (/work/src/ingest/parse.ts:10:5)')).toBe(false);
  });
});

describe('summary and targets', () => {
  const results = [
    result('wellformed/a.xml', 'archived'),
    result('wellformed/b.xml', 'archived'),
    result('wellformed/c.xml', 'empty', false),
    result('illformed/d.xml', 'rejected', true, 'Feed f0004 is not well-formed XML.'),
    result('illformed/e.xml', 'archived'),
    result('encoding/f.xml', 'timed-out', true, 'no answer within 10000 ms'),
  ];

  it('prints a table per folder with a total row', () => {
    expect(formatTable(summarise(results))).toBe(
      [
        'folder      files  archived  empty  rejected  crashed  timed-out  entry files archived',
        '----------  -----  --------  -----  --------  -------  ---------  --------------------',
        'encoding        1         0      0         0        0          1           0/1 (0.0 %)',
        'illformed       2         1      0         1        0          0          1/2 (50.0 %)',
        'wellformed      3         2      1         0        0          0         2/2 (100.0 %)',
        '----------  -----  --------  -----  --------  -------  ---------  --------------------',
        'total           6         3      1         1        0          1          3/5 (60.0 %)',
      ].join('\n'),
    );
  });

  it('samples the first reasons of each failing outcome', () => {
    expect(sampleReasons(results, 1)).toEqual([
      'rejected (1):',
      '  illformed/d.xml: Feed f0004 is not well-formed XML.',
      'timed-out (1):',
      '  encoding/f.xml: no answer within 10000 ms',
    ]);
  });

  it('names every missed target', () => {
    const missing = [
      ...results,
      result('wellformed/g.xml', 'rejected', true, 'two\nlines'),
      result('wellformed/h.xml', 'crashed', true, 'x'),
    ];
    expect(targetMisses(missing, 2)).toEqual([
      '1 file(s) crashed the snapshot (target: 0).',
      '1 file(s) timed out (target: 0).',
      '1 rejection(s) without a one-line reason, e.g. wellformed/g.xml.',
      'Only 2 of 4 wellformed/ files with an entry were archived (50.0 %; target: 95 %).',
      'The built sanitization tests hold 2 audit finding(s) (target: 0).',
    ]);
  });

  it('meets the targets at exactly 95 % of wellformed files archived', () => {
    const wellformed = Array.from({ length: 20 }, (_, i) =>
      result(`wellformed/${i}.xml`, i === 0 ? 'rejected' : 'archived', true, 'r'),
    );
    expect(targetMisses(wellformed, 0)).toEqual([]);
  });
});
