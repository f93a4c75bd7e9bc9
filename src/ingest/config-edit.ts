/**
 * Adding feeds to feeds.yaml without disturbing it: the `yaml` Document API
 * keeps comments, blank lines and the order of existing entries. Pure.
 */
import { isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { comparableLink } from './dedupe.ts';
import { ConfigError } from './errors.ts';
import { newFeedId } from './feed-id.ts';
import type { OpmlFeed } from './opml.ts';

export interface AddFeedsResult {
  /** The new file text. */
  text: string;
  /** Feeds appended, with the ids they were given. */
  added: { id: string; url: string; title?: string }[];
  /** URLs left out because the config already lists them (or the OPML repeats them). */
  duplicates: string[];
}

const EMPTY_CONFIG = '# Feeds to archive: id, url, and optional title, tags, include, exclude.\nfeeds: []\n';

/** Append `feeds` to the config text, skipping URLs already present; ids from the title, else the URL (feed-id.ts). */
export function addFeedsToConfig(text: string, file: string, feeds: readonly OpmlFeed[]): AddFeedsResult {
  const doc = parseDocument(text.trim() === '' ? EMPTY_CONFIG : text);
  if (doc.errors.length > 0)
    throw new ConfigError(`Invalid feed config ${file}: not valid YAML; fix it before importing.`);
  if (!isMap(doc.contents))
    throw new ConfigError(`Invalid feed config ${file}: expected a mapping with a "feeds" list.`);
  let list = doc.get('feeds');
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    doc.set('feeds', list);
  }
  if (!isSeq(list)) throw new ConfigError(`Invalid feed config ${file}: feeds: expected a list of feeds.`);
  const ids = new Set<string>();
  const urls = new Set<string>();
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    const url = item.get('url');
    if (typeof id === 'string') ids.add(id);
    if (typeof url === 'string') urls.add(comparableLink(url) ?? url);
  }
  // Follow the file's style: a blank line between entries when the existing entries have one.
  const spaced = list.items.slice(1).some((item) => isMap(item) && item.spaceBefore === true);
  const added: AddFeedsResult['added'] = [];
  const duplicates: string[] = [];
  for (const feed of feeds) {
    const comparable = comparableLink(feed.url) ?? feed.url;
    if (urls.has(comparable)) {
      duplicates.push(feed.url);
      continue;
    }
    urls.add(comparable);
    const id = newFeedId(feed.title, feed.url, ids);
    ids.add(id);
    const entry: Record<string, unknown> = { id, url: feed.url };
    if (feed.title) entry.title = feed.title;
    if (feed.tags.length > 0) entry.tags = feed.tags;
    const node = doc.createNode(entry);
    if (spaced) node.spaceBefore = true;
    list.add(node);
    added.push({ id, url: feed.url, ...(feed.title ? { title: feed.title } : {}) });
  }
  if (list.flow && list.items.length > 0) list.flow = false;
  return { text: doc.toString({ lineWidth: 0 }), added, duplicates };
}
