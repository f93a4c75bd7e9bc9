/**
 * Feed dates in the forms feeds write them: ISO 8601 / RFC 3339 / W3CDTF,
 * RFC 822 and its relatives in the languages feeds are written in, malformed
 * and obsolete zones; and what is not read (ambiguous numeric orders,
 * impossible days, zone names that mean two zones). Then two fixture feeds
 * snapshotted: each item is dated from its feed, not from the run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { MONTH_NAMES, parseFeedDate } from '#src/ingest/dates.ts';
import { type ArchivedFixture, archiveFixture } from '../helpers/fidelity.ts';

const iso = (value: string): string | undefined => {
  const time = parseFeedDate(value);
  return time === undefined ? undefined : new Date(time).toISOString();
};

describe('parseFeedDate', () => {
  it.each([
    ['2023-04-03T10:00:00Z', '2023-04-03T10:00:00.000Z'],
    ['2023-04-03T10:00:00.123456+02:00', '2023-04-03T08:00:00.123Z'],
    ['2023-04-03t10:00:00z', '2023-04-03T10:00:00.000Z'],
    ['2023-04-03 10:00', '2023-04-03T10:00:00.000Z'],
    ['2023-04-03', '2023-04-03T00:00:00.000Z'],
    ['2023-04', '2023-04-01T00:00:00.000Z'],
    ['2023', '2023-01-01T00:00:00.000Z'],
    ['20230403T100000Z', '2023-04-03T10:00:00.000Z'],
    ['2023/04/03 10:00:00', '2023-04-03T10:00:00.000Z'],
    ['2023-04-03 10:00:00 +0000 UTC', '2023-04-03T10:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 GMT', '2023-04-03T10:00:00.000Z'],
    ['  Mon,  03   Apr 2023   10:00:00   GMT  ', '2023-04-03T10:00:00.000Z'],
    ['03 Apr 2023 10:00 -0500', '2023-04-03T15:00:00.000Z'],
    ['24 Sep 18 19:22 +0000', '2018-09-24T19:22:00.000Z'],
    ['24 Sep 99 19:22 +0000', '1999-09-24T19:22:00.000Z'],
    ['03-Apr-2023 10:00:00 +0100', '2023-04-03T09:00:00.000Z'],
    ['Mon Apr  3 10:00:00 UTC 2023', '2023-04-03T10:00:00.000Z'],
    ['Mon Apr 03 2023 10:00:00 GMT+0200 (Central European Summer Time)', '2023-04-03T08:00:00.000Z'],
    ['April 3rd, 2023 10:00 PM', '2023-04-03T22:00:00.000Z'],
    ['Sunday, December 10, 2017 - 12:15 am', '2017-12-10T00:15:00.000Z'],
    ['Seg, 24 Set 2018 19:22:00 -0300', '2018-09-24T22:22:00.000Z'],
    ['Mié, 05 Abr 2023 10:00:00 +0200', '2023-04-05T08:00:00.000Z'],
    ['martes, 4 de abril de 2023 10:00', '2023-04-04T10:00:00.000Z'],
    ['lun., 3 avril 2023', '2023-04-03T00:00:00.000Z'],
    ['1er août 2023', '2023-08-01T00:00:00.000Z'],
    ['Mo, 03 Apr 2023', '2023-04-03T00:00:00.000Z'],
    ['Montag, 3. März 2023 um 10:00 Uhr', '2023-03-03T10:00:00.000Z'],
    ['Dom, 10 Dic 2017', '2017-12-10T00:00:00.000Z'],
    ['3 kwietnia 2023', '2023-04-03T00:00:00.000Z'],
    ['3. července 2023 10:00', '2023-07-03T10:00:00.000Z'],
    ['пн, 03 апр 2023 10:00:00 +0300', '2023-04-03T07:00:00.000Z'],
    ['3 мая 2023 г.', '2023-05-03T00:00:00.000Z'],
    ['Pzt, 03 Nis 2023 10:00', '2023-04-03T10:00:00.000Z'],
    ['3 MAYIS 2023', '2023-05-03T00:00:00.000Z'],
    ['Δευ, 03 Μαΐου 2023 10:00:00 +0300', '2023-05-03T07:00:00.000Z'],
    ['2023. április 3.', '2023-04-03T00:00:00.000Z'],
    ['3 d’abril de 2023', '2023-04-03T00:00:00.000Z'],
    ['Mar, 05 Mar 2023', '2023-03-05T00:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 +00:0', '2023-04-03T10:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 +0000 GMT', '2023-04-03T10:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 GMT+2', '2023-04-03T08:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 UTC-03:00', '2023-04-03T13:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 -3', '2023-04-03T13:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 +530', '2023-04-03T04:30:00.000Z'],
    ['2023-04-03T10:00:00+02:00Z', '2023-04-03T08:00:00.000Z'],
    ['Mon, 3 Apr 2023 10:00:00 Z', '2023-04-03T10:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 UT', '2023-04-03T10:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 EST', '2023-04-03T15:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 CDT', '2023-04-03T15:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 MST', '2023-04-03T17:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 PDT', '2023-04-03T17:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 CEST', '2023-04-03T08:00:00.000Z'],
    ['Mon, 03 Apr 2023 10:00:00 A', '2023-04-03T10:00:00.000Z'],
    ['Fri, 31 Mar 2023 24:00:00 GMT', '2023-04-01T00:00:00.000Z'],
  ])('reads %j as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    ['03/04/2023', 'day and month in either order'],
    ['04.03.2023', 'day and month in either order'],
    ['2023/04', 'a month with a separator other than a hyphen'],
    ['2023-02-30', 'a day that does not exist'],
    ['Mon, 31 Feb 2023 10:00:00 GMT', 'a day that does not exist'],
    ['Mon, 03 Apr 2023 25:00:00 GMT', 'an hour that does not exist'],
    ['Mon, 03 Apr 2023 10:00:00 IST', 'a zone name of three zones'],
    ['Mon, 03 Apr 2023 10:00:00 +05:3', 'an offset of 05:30 or 05:03'],
    ['Mon, 03 Apr 2023 10:00:00 +0100 +0200', 'two offsets'],
    ['Mon, 03 Apr 2023 10:00:00 constructor', 'a word that is no zone'],
    ['Sep 24 18 19:22', 'a two-digit year after the day'],
    ['April 2023', 'no day'],
    ['3 Blorp 2023', 'no month'],
    ['yesterday', 'no date at all'],
    ['Mon, 03 Apr 2023 10:00:00 GMT @ home', 'a character no date holds'],
  ])('does not read %j (%s)', (text) => {
    expect(parseFeedDate(text)).toBeUndefined();
  });

  it('resolves every listed month name to its month and no prefix to two months', () => {
    expect(
      [
        'janvier',
        'février',
        'märz',
        'aprile',
        'maio',
        'junho',
        'juli',
        'augusti',
        'září',
        'października',
        'нояб',
        'aralık',
      ].map((name) => MONTH_NAMES.get(name.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i'))),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(MONTH_NAMES.get('cerv')).toBeUndefined();
    expect(MONTH_NAMES.get('ma')).toBeUndefined();
  });
});

const NOW = new Date('2024-06-01T00:00:00Z');

function datesOf(archived: ArchivedFixture): [string, string, string?][] {
  return [...archived.items].map(([name, text]) => {
    const { frontmatter } = parseItemFile(text) as { frontmatter: { published: string; dateFlag?: string } };
    return frontmatter.dateFlag ? [name, frontmatter.published, frontmatter.dateFlag] : [name, frontmatter.published];
  });
}

describe('feeds dated in other languages and with malformed zones, snapshotted', () => {
  let localized: ArchivedFixture;
  let offsets: ArchivedFixture;
  beforeAll(async () => {
    localized = await archiveFixture('dates-localized.xml', 'babel', NOW);
    offsets = await archiveFixture('dates-bad-offsets.xml', 'offsets', NOW);
  });
  afterAll(async () => {
    await localized?.remove();
    await offsets?.remove();
  });

  it('dates each localized item from its feed; only the numeric date is unread', () => {
    expect(datesOf(localized)).toEqual([
      ['2017-12-10-domingo-de-dezembro.md', '2017-12-10T21:30:00.000Z'],
      ['2018-09-24-noticia-em-portugues.md', '2018-09-24T22:22:00.000Z'],
      ['2023-02-07-svensk-artikel.md', '2023-02-07T06:30:00.000Z'],
      ['2023-03-03-statya-po-russki.md', '2023-03-03T07:00:00.000Z'],
      ['2023-03-14-nederlands-bericht.md', '2023-03-14T09:00:00.000Z'],
      ['2023-04-03-article-en-francais.md', '2023-04-03T06:00:00.000Z'],
      ['2023-04-03-artikel-auf-deutsch.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-05-noticia-en-espanol.md', '2023-04-05T08:15:00.000Z'],
      ['2023-06-02-dansk-indlaeg.md', '2023-06-02T06:00:00.000Z'],
      ['2023-07-06-articolo-in-italiano.md', '2023-07-06T07:00:00.000Z'],
      ['2023-10-19-clanek-cesky.md', '2023-10-19T12:00:00.000Z'],
      ['2023-11-04-tuerkce-yazi.md', '2023-11-04T17:00:00.000Z'],
      ['2023-11-05-arthro-sta-ellinika.md', '2023-11-05T07:00:00.000Z'],
      ['2023-11-15-wpis-po-polsku.md', '2023-11-15T10:00:00.000Z'],
      ['2024-01-08-magyar-cikk.md', '2024-01-08T10:00:00.000Z'],
      ['2024-01-12-article-en-catala.md', '2024-01-12T15:45:00.000Z'],
      ['2024-05-16-articol-in-romana.md', '2024-05-16T09:00:00.000Z'],
      ['2024-06-01-a-numeric-date-no-one-can-read.md', '2024-06-01T00:00:00.000Z', 'invalid'],
    ]);
    expect(localized.report.feeds[0]?.alterations?.byKind).toEqual({ 'date-unparsed': 1 });
    expect(localized.report.feeds[0]?.alterations?.examples[0]?.first).toEqual([
      { kind: 'date-unparsed', detail: '03/04/2023' },
    ]);
  });

  it('writes the exact frontmatter of a Portuguese item', () => {
    expect(localized.items.get('2018-09-24-noticia-em-portugues.md')).toBe(
      [
        '---',
        'title: Notícia em português',
        'id: https://babel.example/p/1',
        'link: https://babel.example/p/1',
        'source: babel',
        'authors: []',
        'tags: []',
        'published: "2018-09-24T22:22:00.000Z"',
        'firstSeen: "2024-06-01T00:00:00.000Z"',
        'summary: Item 1.',
        'hash: pub1:397efe9a379b7434520eb7e747cb727e',
        '---',
        '',
        'Item 1.',
        '',
      ].join('\n'),
    );
  });

  it('reads malformed and obsolete zones; only a zone name of several zones is unread', () => {
    expect(datesOf(offsets)).toEqual([
      ['2023-04-03-bare-hours.md', '2023-04-03T13:00:00.000Z'],
      ['2023-04-03-eastern-daylight.md', '2023-04-03T14:00:00.000Z'],
      ['2023-04-03-gmt-plus-two.md', '2023-04-03T08:00:00.000Z'],
      ['2023-04-03-military-letter.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-no-day-name-ordinal.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-no-seconds-no-zone.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-offset-and-name.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-offset-then-z.md', '2023-04-03T08:00:00.000Z'],
      ['2023-04-03-pacific-standard.md', '2023-04-03T18:00:00.000Z'],
      ['2023-04-03-truncated-offset.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-two-digit-year.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-universal-time.md', '2023-04-03T10:00:00.000Z'],
      ['2023-04-03-z-after-a-space.md', '2023-04-03T10:00:00.000Z'],
      ['2024-06-01-ambiguous-zone.md', '2024-06-01T00:00:00.000Z', 'invalid'],
    ]);
    expect(offsets.report.feeds[0]?.alterations?.examples[0]?.first).toEqual([
      { kind: 'date-unparsed', detail: 'Mon, 03 Apr 2023 10:00:00 IST' },
    ]);
  });
});
