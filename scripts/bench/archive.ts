/** The synthetic archive as a set of feed documents plus the feeds.yaml that lists them. Pure. */
import { stringify } from 'yaml';
import { renderFeed, type SyntheticSource, syntheticSource } from './feeds.ts';
import { type SyntheticItem, syntheticItem } from './item.ts';

/** At most this many items per feed, so every feed stays well under the snapshot's body cap. */
export const ITEMS_PER_SOURCE = 1000;
const MIN_SOURCES = 6;

export interface SyntheticArchiveOptions {
  /** Items in the archive. */
  items: number;
  /** PRNG seed; the same seed and counts give the same bytes. */
  seed: number;
  /** Sources to spread items over; by default enough for ITEMS_PER_SOURCE each, at least 6. */
  sources?: number;
}

export function sourceCount(items: number): number {
  return Math.max(MIN_SOURCES, Math.ceil(items / ITEMS_PER_SOURCE));
}

export interface SyntheticFeedFile {
  source: SyntheticSource;
  /** File name, relative to the folder feeds.yaml sits in. */
  file: string;
  text: string;
  items: number;
}

/** Calls `visit` with each feed document in turn, so callers can write 100,000 items without holding them all. */
export function forEachSyntheticFeed(options: SyntheticArchiveOptions, visit: (feed: SyntheticFeedFile) => void): void {
  const sources = options.sources ?? sourceCount(options.items);
  for (let index = 0; index < sources; index++) {
    const source = syntheticSource(index);
    const items: SyntheticItem[] = [];
    for (let item = index; item < options.items; item += sources)
      items.push(syntheticItem(options.seed, item, sources));
    const file = `${source.id}.${source.format === 'rss' ? 'rss' : 'atom'}.xml`;
    visit({ source, file, text: renderFeed(source, items), items: items.length });
  }
}

/** feeds.yaml listing the synthetic feeds by relative path. */
export function feedsYaml(files: readonly SyntheticFeedFile[]): string {
  return stringify({
    defaults: { concurrency: 2 },
    feeds: files.map((feed) => ({ id: feed.source.id, url: `./${feed.file}`, title: feed.source.title })),
  });
}
