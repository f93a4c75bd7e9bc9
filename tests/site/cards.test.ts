import { describe, expect, it } from 'vitest';
import { cardView, EXCERPT_LENGTH, excerptOf } from '#src/site/cards.ts';
import { makeItem } from './_items.ts';

describe('excerptOf', () => {
  it('keeps a short summary whole, its white space folded', () => {
    expect(excerptOf('  A short\n summary.  ')).toBe('A short summary.');
  });

  it('cuts a long summary at the last word that fits, before an ellipsis', () => {
    expect(excerptOf('one two three four five', 14)).toBe('one two three…');
    expect(excerptOf('one two, three four five', 12)).toBe('one two…');
    expect(excerptOf('one two three four', 8)).toBe('one two…');
    const long = 'word '.repeat(60);
    const excerpt = excerptOf(long);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(excerpt).toBe(`${'word '.repeat(27)}word…`);
  });

  it('cuts a word with no space in reach at the limit', () => {
    expect(excerptOf('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('cardView', () => {
  const plain = makeItem('a/one', { published: '2026-03-01T10:00:00Z', title: 'One' });
  const item = { ...plain, data: { ...plain.data, lang: 'de' } };

  it('shows the title, language, source, date, image size and excerpt', () => {
    const card = cardView({ ...item, data: { ...item.data, summary: 'Short.' } }, 'Alpha', {
      path: 'media/ab/abc.png',
      width: 6,
      height: 4,
      type: 'image/png',
      bytes: 70,
    });
    expect(card).toEqual({
      id: 'a/one',
      title: 'One',
      lang: 'de',
      sourceName: 'Alpha',
      published: new Date('2026-03-01T10:00:00Z'),
      image: { path: 'media/ab/abc.png', width: 6, height: 4 },
      excerpt: 'Short.',
    });
  });

  it('has no image without a copy, and an empty excerpt without a summary', () => {
    const card = cardView(item, 'Alpha', undefined);
    expect('image' in card).toBe(false);
    expect(card.excerpt).toBe('');
  });
});
