/** Writes the synthetic feed files and their feeds.yaml to a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feedsYaml, forEachSyntheticFeed, type SyntheticArchiveOptions, type SyntheticFeedFile } from './archive.ts';

export interface WrittenFeeds {
  /** Path of the feeds.yaml written. */
  config: string;
  /** Feed files written (their text left empty). */
  feeds: SyntheticFeedFile[];
  /** Total bytes of the feed files. */
  bytes: number;
}

/** One feed in memory at a time: each document is written as soon as it is rendered. */
export function writeSyntheticFeeds(dir: string, options: SyntheticArchiveOptions): WrittenFeeds {
  mkdirSync(dir, { recursive: true });
  const feeds: SyntheticFeedFile[] = [];
  let bytes = 0;
  forEachSyntheticFeed(options, (feed) => {
    writeFileSync(join(dir, feed.file), feed.text);
    bytes += Buffer.byteLength(feed.text);
    feeds.push({ ...feed, text: '' });
  });
  const config = join(dir, 'feeds.yaml');
  writeFileSync(config, feedsYaml(feeds));
  return { config, feeds, bytes };
}
