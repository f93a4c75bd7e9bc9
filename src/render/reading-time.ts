/** Reading time from the text of an article. */

/** Words people read per minute, a common middle estimate for screen reading. */
export const WORDS_PER_MINUTE = 220;

/** Counts runs of letters or digits (apostrophes and hyphens keep a word whole). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Whole minutes, at least one. */
export function readingMinutes(words: number, wordsPerMinute = WORDS_PER_MINUTE): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute));
}
