import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from '#src/render/reading-time.ts';

describe('countWords', () => {
  it('counts words across punctuation, accents and contractions, a hyphenated compound as its parts', () => {
    expect(countWords("Don't panic: Søren's well-known café, 2026!")).toBe(7);
    expect(countWords('   ')).toBe(0);
  });

  it('counts the words of scripts written without spaces, not one word a run', () => {
    expect(countWords('東京都は日本の首都であり、世界最大の都市圏の一つです。')).toBe(16);
    expect(countWords('中华人民共和国是一个位于东亚的国家')).toBe(9);
    expect(countWords('ภาษาไทยเขียนติดกันโดยไม่เว้นวรรค')).toBe(9);
  });
});

describe('readingMinutes', () => {
  it('rounds up at 220 words a minute, with a minimum of one', () => {
    expect([readingMinutes(0), readingMinutes(220), readingMinutes(221), readingMinutes(1100)]).toEqual([1, 1, 2, 5]);
    expect(readingMinutes(300, 100)).toBe(3);
  });
});
