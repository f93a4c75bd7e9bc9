/**
 * One synthetic feed item, a pure function of (seed, index): item k is the
 * same bytes whether the archive has 1,000 items or 1,050, which is what lets
 * the warm run "add 50 items" to an archive made earlier.
 *
 * Sizes follow a log-normal distribution fitted to full-content feeds: median
 * 6 KB of HTML and a tenth of items over 20 KB (sigma = ln(20/6) / 1.2816),
 * clamped to 0.8-160 KB.
 */
import { itemHtml, words } from './html.ts';
import { mixSeed, Random, Zipf } from './random.ts';
import { FIRST_NAMES, LAST_NAMES, WORDS } from './vocabulary.ts';

export const SIZE_MEDIAN_BYTES = 6000;
export const SIZE_P90_BYTES = 20000;
const SIGMA = Math.log(SIZE_P90_BYTES / SIZE_MEDIAN_BYTES) / 1.2815515655446004;
const MIN_BYTES = 800;
const MAX_BYTES = 160_000;

/** Tag vocabulary size and Zipf exponent: a handful of tags on most items, hundreds used a few times. */
export const TAG_COUNT = 400;
const TAG_EXPONENT = 1.1;
const tagRanks = new Zipf(TAG_COUNT, TAG_EXPONENT);

/** Items are this far apart in time, newest last: index N is newer than every index below it. */
const SPACING_MS = 23 * 60 * 1000;
const EPOCH_MS = Date.UTC(2015, 0, 1);

export interface SyntheticItem {
  index: number;
  /** Which source (feed) the item belongs to. */
  source: number;
  guid: string;
  link: string;
  title: string;
  authors: string[];
  tags: string[];
  published: Date;
  html: string;
}

export function tagName(rank: number): string {
  const word = WORDS[(rank * 7919) % WORDS.length] ?? 'misc';
  return rank < 40 ? word : `${word}-${rank}`;
}

export function targetSize(random: Random): number {
  const size = Math.round(SIZE_MEDIAN_BYTES * Math.exp(SIGMA * random.normal()));
  return Math.min(MAX_BYTES, Math.max(MIN_BYTES, size));
}

export function syntheticItem(seed: number, index: number, sources: number): SyntheticItem {
  const random = new Random(mixSeed(seed, index));
  const source = index % sources;
  const title = words(random, random.int(4, 9));
  const tags = new Set<string>();
  const tagCount = random.int(1, 5);
  while (tags.size < tagCount) tags.add(tagName(tagRanks.sample(random)));
  const authors = [`${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`];
  if (random.chance(0.08)) authors.push(`${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`);
  const path = `${random.pick(WORDS)}-${random.pick(WORDS)}-${index}`;
  return {
    index,
    source,
    guid: `https://source-${source}.example.com/posts/${path}`,
    link: `https://source-${source}.example.com/posts/${path}`,
    title: `${title.charAt(0).toUpperCase()}${title.slice(1)}`,
    authors,
    tags: [...tags],
    published: new Date(EPOCH_MS + index * SPACING_MS + random.int(0, 30 * 60) * 1000),
    html: itemHtml(random, targetSize(random)),
  };
}
