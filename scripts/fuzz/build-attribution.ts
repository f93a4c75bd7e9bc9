/**
 * Which feeds a failed site build (or an audit finding) points at: feed ids
 * named in the output, and the pages it names (an author's, a tag's, a month's,
 * an item's) traced back to the items that make them. Pure.
 */
import { slugify } from '#src/archive/slug.ts';

/** What the attribution needs of one built item. */
export interface BuiltItem {
  feedId: string;
  authors: string[];
  tags: string[];
  published: Date;
}

/** Fuzz feed ids, `fz-000123`: distinctive enough to find in any output. */
export const FEED_ID_PATTERN = /\bfz-\d{6}\b/g;

/** Known kinds of build failure, named for who owns them. */
export type BuildFailureClass = 'long-name' | 'schema' | 'render' | 'audit' | 'other';

/**
 * A run of slug characters longer than any sane URL segment: the folder name of a page whose name was
 * too long. The build's output is kept from its end, so such a path may be all that is left of the message.
 */
const LONG_SLUG = /[\p{L}\p{N}\p{M}-]{120,}/gu;

export function buildFailureClass(output: string): BuildFailureClass {
  if (/ENAMETOOLONG|name too long/.test(output)) return 'long-name';
  if (/The build audit found/.test(output)) return 'audit';
  if (/does not match collection schema|InvalidContentEntry|frontmatter/i.test(output)) return 'schema';
  if (/Caught error rendering|rendering|render/i.test(output)) return 'render';
  if (output.search(LONG_SLUG) !== -1) return 'long-name';
  return 'other';
}

/** The first characters both slugs share are enough: a bounded slug keeps the start of the long one. */
function sameSlug(segment: string, name: string): boolean {
  const slug = slugify(name);
  const length = Math.min(40, segment.length, slug.length);
  return length > 0 && segment.slice(0, length) === slug.slice(0, length);
}

function segments(output: string, folder: string): string[] {
  const pattern = new RegExp(`(?:^|[/\\s'"])${folder}/([^/'"\\s]+)`, 'gm');
  return [...output.matchAll(pattern)].map((match) => {
    try {
      return decodeURIComponent(match[1] ?? '');
    } catch {
      return match[1] ?? '';
    }
  });
}

/** Feed ids the output names or whose items make the pages it names, sorted. */
export function attributeOutput(output: string, items: readonly BuiltItem[]): string[] {
  const feeds = new Set(output.match(FEED_ID_PATTERN) ?? []);
  for (const segment of segments(output, 'authors')) {
    for (const item of items) if (item.authors.some((name) => sameSlug(segment, name))) feeds.add(item.feedId);
  }
  for (const segment of segments(output, 'tags')) {
    for (const item of items) if (item.tags.some((name) => sameSlug(segment, name))) feeds.add(item.feedId);
  }
  for (const run of output.match(LONG_SLUG) ?? []) {
    const ends = [run.slice(0, 64), run.slice(-64)];
    for (const item of items) {
      const names = [...item.authors, ...item.tags].map(slugify);
      if (names.some((slug) => ends.some((end) => slug.includes(end)))) feeds.add(item.feedId);
    }
  }
  for (const match of output.matchAll(/(?:^|[/\s'"])archive\/(-?\d+)(?:\/(\d{1,2}))?/gm)) {
    const year = Number(match[1]);
    const month = match[2] === undefined ? undefined : Number(match[2]);
    for (const item of items) {
      const sameYear = item.published.getUTCFullYear() === year;
      if (sameYear && (month === undefined || item.published.getUTCMonth() + 1 === month)) feeds.add(item.feedId);
    }
  }
  return [...feeds].sort();
}
