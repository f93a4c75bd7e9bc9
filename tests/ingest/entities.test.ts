/**
 * Titles and names escaped twice by the publisher: the character references
 * left after XML (or JSON) decoding are decoded once, in item titles, the
 * feed's title, author and category names and the file names made from
 * them, while an ampersand that starts no complete reference stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCharacterReferences, plainText } from '#src/ingest/_text.ts';
import { type ArchivedFixture, archiveFixture } from '../helpers/fidelity.ts';

const NOW = new Date('2025-06-06T00:00:00Z');

function itemFile(fields: {
  title: string;
  key: string;
  link: string;
  source: string;
  authors: string[];
  tags: string[];
  published: string;
  text: string;
  hash: string;
}): string {
  const list = (name: string, values: string[]) =>
    values.length === 0 ? [`${name}: []`] : [`${name}:`, ...values.map((value) => `  - ${value}`)];
  return [
    '---',
    `title: ${fields.title}`,
    `id: ${fields.key}`,
    `link: ${fields.link}`,
    `source: ${fields.source}`,
    ...list('authors', fields.authors),
    ...list('tags', fields.tags),
    `published: "${fields.published}"`,
    `firstSeen: "${NOW.toISOString()}"`,
    `summary: ${fields.text}`,
    `hash: ${fields.hash}`,
    '---',
    '',
    fields.text,
    '',
  ].join('\n');
}

describe('decodeCharacterReferences', () => {
  it.each([
    ['Save &#x0024;5', 'Save $5'],
    ['It&#039;s', "It's"],
    ['&#8216;quoted&#8217;', '‘quoted’'],
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['&amp;amp;', '&amp;'],
    ['AT&T', 'AT&T'],
    ['Q&A', 'Q&A'],
    ['a &b', 'a &b'],
    ['&copy2024', '&copy2024'],
    ['fish &chips; and &notit;', 'fish &chips; and &notit;'],
  ])('reads %j as %j', (text, expected) => {
    expect(decodeCharacterReferences(text)).toBe(expected);
  });

  it('drops a control character a reference names, and collapses the whitespace around it', () => {
    expect(plainText('  One&#1;&#10;two\n three ')).toBe('One two three');
  });
});

describe('a feed whose titles and names are escaped twice, snapshotted', () => {
  let rss: ArchivedFixture;
  let json: ArchivedFixture;
  beforeAll(async () => {
    rss = await archiveFixture('entities-double-encoded.xml', 'deals', NOW);
    json = await archiveFixture('entities-double-encoded.json', 'deals-json', NOW);
  });
  afterAll(async () => {
    await rss?.remove();
    await json?.remove();
  });

  it('stores the feed title decoded in the state the source pages show', () => {
    expect(rss.state.title).toBe('Deals – Notes & Links');
    expect(json.state.title).toBe('Deals – Notes & Links');
  });

  it('archives the RSS items with decoded titles, authors and tags, and file names from them', () => {
    expect([...rss.items]).toEqual([
      [
        '2025-06-02-save-5-on-at-and-t-plans.md',
        itemFile({
          title: 'Save $5 on AT&T plans',
          key: 'https://deals.example?p=101',
          link: 'https://deals.example/2025/06/save-5',
          source: 'deals',
          authors: ['José & Ana'],
          tags: ['R&D', 'Q&A'],
          published: '2025-06-02T08:00:00.000Z',
          text: 'Five dollars off.',
          hash: 'pub1:daaf42a6a03ba02b2c77e1f73286a301',
        }),
      ],
      [
        '2025-06-03-its-q-and-a-time-fish-and-chips.md',
        itemFile({
          title: '"It\'s Q&A time: ‘fish & chips’"',
          key: 'https://deals.example?p=102',
          link: 'https://deals.example/2025/06/qa',
          source: 'deals',
          authors: ['Ana'],
          tags: [],
          published: '2025-06-03T08:00:00.000Z',
          text: 'Ask away.',
          hash: 'pub1:2346dba71195927415b121695ed2f093',
        }),
      ],
      [
        '2025-06-04-tom-and-jerrys-a-and-b-and-and-copy2024-stay.md',
        itemFile({
          title: 'Tom & Jerry’s a &b and &copy2024 stay',
          key: 'https://deals.example?p=103',
          link: 'https://deals.example/2025/06/tom',
          source: 'deals',
          authors: [],
          tags: [],
          published: '2025-06-04T08:00:00.000Z',
          text: 'Cartoons.',
          hash: 'pub1:9f66ae2f1339c42b0491d850a39d22aa',
        }),
      ],
    ]);
  });

  it('archives the JSON Feed item the same way', () => {
    expect([...json.items]).toEqual([
      [
        '2025-06-05-its-5-at-at-and-t-and-q-and-a.md',
        itemFile({
          title: "It's $5 at AT&T & Q&A",
          key: 'https://deals.example?p=201',
          link: 'https://deals.example/2025/06/json',
          source: 'deals-json',
          authors: ['José & Ana'],
          tags: ['R&D', 'a &b'],
          published: '2025-06-05T08:00:00.000Z',
          text: 'From JSON.',
          hash: 'pub1:3c653aa7b7e5df2c50f390991dc17ad6',
        }),
      ],
    ]);
  });
});
