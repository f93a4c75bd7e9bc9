/**
 * Adding feeds to feeds.yaml without disturbing it: the `yaml` Document API
 * keeps comments, blank lines and the order of existing entries. Pure.
 */
import { type Document, isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { columnOf, cutLines, entryText, insertAfterLine, rangeOf } from './_config-text.ts';
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

/** A feed to add: an OPML outline, or `feedshelf feeds add` with the id it was given. */
export interface NewFeed extends OpmlFeed {
  /** The id to give it; derived from the title or URL when absent. */
  id?: string;
}

/** The config's document and its `feeds` list, or a ConfigError saying what is wrong with the file. */
function feedsList(text: string, file: string, fix: string): { doc: Document; list: YAMLSeq } {
  const doc = parseDocument(text.trim() === '' ? EMPTY_CONFIG : text);
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = yamlError.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ConfigError(`Invalid feed config ${file}:\n  ${file}:${pos.line}:${pos.col}: not valid YAML; ${fix}.`);
  }
  if (!isMap(doc.contents))
    throw new ConfigError(`Invalid feed config ${file}: expected a mapping with a "feeds" list; ${fix}.`);
  let list = doc.get('feeds');
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    doc.set('feeds', list);
  }
  if (!isSeq(list)) throw new ConfigError(`Invalid feed config ${file}: feeds: expected a list of feeds; ${fix}.`);
  return { doc, list };
}

/** The ids and the comparable URLs the list holds. */
function listed(list: YAMLSeq): { ids: Set<string>; urls: Map<string, string> } {
  const ids = new Set<string>();
  const urls = new Map<string, string>();
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const id = item.get('id');
    const url = item.get('url');
    if (typeof id === 'string') ids.add(id);
    if (typeof url === 'string') urls.set(comparableLink(url) ?? url, typeof id === 'string' ? id : '');
  }
  return { ids, urls };
}

/** The id of the entry that lists `url` (compared as links are: scheme, `www.`, trailing slash aside). */
export function listedAs(text: string, file: string, url: string): string | undefined {
  const { list } = feedsList(text, file, 'fix it first');
  return listed(list).urls.get(comparableLink(url) ?? url);
}

/** Append `feeds` to the config text, skipping URLs already present; ids from the title, else the URL (feed-id.ts). */
export function addFeedsToConfig(text: string, file: string, feeds: readonly NewFeed[]): AddFeedsResult {
  const { doc, list } = feedsList(text, file, 'fix it before adding feeds');
  const { ids, urls: listedUrls } = listed(list);
  const urls = new Set(listedUrls.keys());
  // Follow the file's style: a blank line between entries when the existing entries have one.
  const spaced = list.items.slice(1).some((item) => isMap(item) && item.spaceBefore === true);
  const added: AddFeedsResult['added'] = [];
  const duplicates: string[] = [];
  // A block list that has entries gets the new ones as text after its last, and `feeds: []` becomes
  // a block list: every other byte of the file stays as it was.
  const lastRange = rangeOf(list.items[list.items.length - 1]);
  const end = !list.flow && text.trim() !== '' ? lastRange?.[1] : undefined;
  const emptyFlow = list.flow && list.items.length === 0 && text.trim() !== '' ? list.range : undefined;
  const column = end !== undefined && lastRange ? columnOf(text, lastRange[0]) - 2 : 2;
  const appended: string[] = [];
  for (const feed of feeds) {
    const comparable = comparableLink(feed.url) ?? feed.url;
    if (urls.has(comparable)) {
      duplicates.push(feed.url);
      continue;
    }
    urls.add(comparable);
    if (feed.id !== undefined && ids.has(feed.id))
      throw new ConfigError(`The id ${feed.id} is taken in ${file}; choose another.`);
    const id = feed.id ?? newFeedId(feed.title, feed.url, ids);
    ids.add(id);
    const entry: Record<string, unknown> = { id, url: feed.url };
    if (feed.title) entry.title = feed.title;
    if (feed.tags.length > 0) entry.tags = feed.tags;
    const node = doc.createNode(entry);
    if (spaced) node.spaceBefore = true;
    list.add(node);
    appended.push(entryText(entry, column, spaced && end !== undefined));
    added.push({ id, url: feed.url, ...(feed.title ? { title: feed.title } : {}) });
  }
  if (end !== undefined) return { text: insertAfterLine(text, end, appended.join('')), added, duplicates };
  if (emptyFlow && appended.length > 0) {
    const before = text.slice(0, emptyFlow[0]).replace(/[ \t]+$/, '');
    const after = text.slice(emptyFlow[1]).replace(/^[ \t]*\n?/, '');
    return { text: `${before}\n${appended.join('')}${after}`, added, duplicates };
  }
  if (list.flow && list.items.length > 0) list.flow = false;
  return { text: doc.toString({ lineWidth: 0 }), added, duplicates };
}

/** What removing a feed did: the new text and the entry taken out. */
export interface RemoveFeedResult {
  text: string;
  removed: { id: string; url: string };
}

/** Take the feed `id` out of the config text, keeping the rest as it was; a ConfigError lists the valid ids. */
export function removeFeedFromConfig(text: string, file: string, id: string): RemoveFeedResult {
  const { doc, list } = feedsList(text, file, 'fix it before removing a feed');
  const index = list.items.findIndex((item) => isMap(item) && item.get('id') === id);
  const item = list.items[index];
  if (!isMap(item)) {
    const ids = [...listed(list).ids];
    const valid = ids.length > 0 ? `valid ids: ${ids.join(', ')}` : 'it lists no feed';
    throw new ConfigError(`${file} has no feed ${id}; ${valid}.`);
  }
  const url = item.get('url');
  const removed = { id, url: typeof url === 'string' ? url : '' };
  const range = item.range;
  if (!list.flow && range) {
    const cut = cutLines(text, range[0], range[1]);
    // The last feed gone, `feeds:` alone would be null, not a list: it becomes `feeds: []`.
    const keyEnd = list.items.length === 1 ? feedsKeyEnd(doc) : undefined;
    if (keyEnd === undefined) return { text: cut, removed };
    const colon = cut.indexOf(':', keyEnd);
    return { text: `${cut.slice(0, colon + 1)} []${cut.slice(colon + 1)}`, removed };
  }
  list.items.splice(index, 1);
  return { text: doc.toString({ lineWidth: 0 }), removed };
}

/** Where the `feeds` key of the document ends in its text. */
function feedsKeyEnd(doc: Document): number | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'feeds');
  return rangeOf(pair?.key)?.[1];
}
