/** Reading time from the text of an article. */

/** Words people read per minute, a common middle estimate for screen reading. */
export const WORDS_PER_MINUTE = 220;

/**
 * Words by Unicode's word boundaries (Intl.Segmenter, with the dictionaries
 * for scripts written without spaces): a run of Japanese, Chinese or Thai
 * counts as the words it holds, not as one.
 */
const WORDS = new Intl.Segmenter('en', { granularity: 'word' });

/** Counts the word-like segments of a text (letters or digits; "don't" is one word). */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of WORDS.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** Whole minutes, at least one. */
export function readingMinutes(words: number, wordsPerMinute = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
