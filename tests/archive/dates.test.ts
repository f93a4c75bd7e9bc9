import { describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { archiveDate } from '#src/archive/schema.ts';

describe('archiveDate', () => {
  it.each([
    ['2026-03-02T08:15:00.000Z', '2026-03-02T08:15:00.000Z'],
    ['2026-03-02', '2026-03-02T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    // YAML timestamps without a zone are UTC, whatever the build machine's zone.
    ['2026-01-01 10:00:00', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01T10:00:00', '2026-01-01T10:00:00.000Z'],
    ['2026-01-01T10:00:00+02:00', '2026-01-01T08:00:00.000Z'],
    ['2026-01-01T10:00:00.5-0130', '2026-01-01T11:30:00.500Z'],
    ['Tue, 10 Mar 2026 10:00:00 GMT', '2026-03-10T10:00:00.000Z'],
  ])('reads %j', (text, iso) => {
    expect(archiveDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2026-04-31T00:00:00.000Z',
    '2026-13-01',
    '2026-00-10',
    '2026-01-01T24:00:00Z',
    '2026-01-01T10:61:00Z',
    '2026-02-30 is a date',
    'yesterday',
    '',
  ])('refuses the impossible %j instead of rolling it over', (text) => {
    expect(archiveDate(text)).toBeUndefined();
  });

  it('takes valid Dates and epoch milliseconds, and nothing else', () => {
    expect(archiveDate(new Date('2026-03-02T08:15:00Z'))?.toISOString()).toBe('2026-03-02T08:15:00.000Z');
    expect(archiveDate(new Date('nope'))).toBeUndefined();
    expect(archiveDate(0)?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(archiveDate(true)).toBeUndefined();
    expect(archiveDate(null)).toBeUndefined();
  });

  it('sees the date as written: the frontmatter reader keeps unquoted timestamps as text', () => {
    const { frontmatter } = parseItemFile('---\npublished: 2026-02-30\nupdated: 2026-03-02T08:15:00Z\n---\n');
    expect(frontmatter).toEqual({ published: '2026-02-30', updated: '2026-03-02T08:15:00Z' });
  });
});
