/**
 * The whole archive, loaded and grouped once per build. Every route's
 * getStaticPaths calls `loadArchive()`; the promise is shared, so 20,000 items
 * are sorted and grouped once, not once per route. Only frontmatter is held
 * here: bodies are rendered by the article page alone.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import type { Check, Checks } from '#src/archive/checks.ts';
import { type LocalImage, localImages } from '#src/archive/media.ts';
import { archivePaths, buildPaths } from '#src/archive/paths.ts';
import { publicFeedState } from '#src/archive/public.ts';
import type { FeedState } from '#src/archive/schema.ts';
import { readChecks } from '#src/render/checks-fs.ts';
import { readMediaMaps } from '#src/render/media-fs.ts';
import { digestOf } from './digest.ts';
import { type Group, groupByAuthor, groupByMonth, groupBySource, groupByTag, groupByYear } from './group.ts';
import { sortNewest } from './items.ts';
import { type Neighbours, neighboursBySource, relatedItems } from './related.ts';
import { groupRevisions } from './revisions.ts';

export type Entry = CollectionEntry<'items'>;
/** An earlier version of an edited item. */
export type RevisionEntry = CollectionEntry<'revisions'>;

export interface SourceInfo {
  id: string;
  /** Feed title, else the id. */
  name: string;
  /** The feed's state as it may be published: only http(s) URLs, no local path (src/archive/public.ts). */
  state?: FeedState;
  items: Entry[];
  /** The archive's copy of the feed's own image, when it holds one. */
  logo?: LocalImage;
  /** When the snapshot on the machine that built the site last checked the feed, and how that went. */
  check?: Check;
  digest: string;
}

export interface Archive {
  /** Newest first. */
  items: Entry[];
  tags: Group<Entry>[];
  tagsBySlug: Map<string, Group<Entry>>;
  authors: Group<Entry>[];
  years: Group<Entry>[];
  months: Group<Entry>[];
  sources: SourceInfo[];
  sourcesById: Map<string, SourceInfo>;
  /** Feed titles by feed id, for item lists. */
  sourceNames: Map<string, string>;
  neighbours: Map<string, Neighbours<Entry>>;
  /** Related items, computed on first use per item. */
  related(item: Entry): Entry[];
  /** Earlier versions of edited items by item id, oldest first; only of items in the archive. */
  revisions: Map<string, RevisionEntry[]>;
  /** The archive's copy of an item's lead image, when it holds one. */
  leadImage(item: Entry): LocalImage | undefined;
}

let pending: Promise<Archive> | undefined;

export function loadArchive(): Promise<Archive> {
  pending ??= buildArchive();
  return pending;
}

async function buildArchive(): Promise<Archive> {
  const [entries, states, earlier] = await Promise.all([
    getCollection('items'),
    getCollection('sources'),
    getCollection('revisions'),
  ]);
  const items = sortNewest(entries);
  const tags = groupByTag(items);
  const tagsBySlug = new Map(tags.map((group) => [group.slug, group]));
  const sourceGroups = groupBySource(items);
  const mediaMaps = readMediaMaps(archivePaths.media);
  const sources = mergeSources(sourceGroups, states, mediaMaps, readChecks(buildPaths.checks));
  const relatedCache = new Map<string, Entry[]>();
  const ids = new Set(items.map((item) => item.id));
  const revisions = new Map([...groupRevisions(earlier)].filter(([itemId]) => ids.has(itemId)));
  return {
    revisions,
    leadImage(item) {
      const image = item.data.image;
      return image ? localImages(mediaMaps.get(item.data.source), [image])[image] : undefined;
    },
    items,
    tags,
    tagsBySlug,
    authors: groupByAuthor(items),
    years: groupByYear(items),
    months: groupByMonth(items),
    sources,
    sourcesById: new Map(sources.map((source) => [source.id, source])),
    sourceNames: new Map(sources.map((source) => [source.id, source.name])),
    neighbours: neighboursBySource(sourceGroups),
    related(item) {
      let found = relatedCache.get(item.id);
      if (!found) {
        found = relatedItems(item, tagsBySlug);
        relatedCache.set(item.id, found);
      }
      return found;
    },
  };
}

/** Every feed with a state file or with items, sorted by id. */
function mergeSources(
  groups: readonly Group<Entry>[],
  states: readonly CollectionEntry<'sources'>[],
  mediaMaps: ReturnType<typeof readMediaMaps>,
  checks: Checks,
): SourceInfo[] {
  const byId = new Map<string, SourceInfo>();
  for (const entry of states) {
    // Archives written before the snapshot kept local paths out of state may still hold them.
    const state = publicFeedState(entry.data);
    byId.set(state.id, { id: state.id, name: state.title ?? state.id, state, items: [], digest: '' });
  }
  for (const group of groups) {
    const known = byId.get(group.slug);
    if (known) known.items = group.items;
    else byId.set(group.slug, { id: group.slug, name: group.slug, items: group.items, digest: '' });
  }
  return [...byId.keys()].sort().map((id) => {
    const source = byId.get(id) as SourceInfo;
    const image = source.state?.image;
    const logo = image ? localImages(mediaMaps.get(id), [image])[image] : undefined;
    const check = checks[id];
    const extra = [...(logo ? [logo] : []), ...(check ? [check] : [])];
    return {
      ...source,
      ...(logo ? { logo } : {}),
      ...(check ? { check } : {}),
      digest: digestOf(source.state ?? null, source.items.length, ...extra),
    };
  });
}

/** Identity of a list of items for cache keys: ids, content digests and the source names shown. */
export function listDigest(items: readonly Entry[], sourceNames: ReadonlyMap<string, string>): string {
  return digestOf(items.map((item) => [item.id, item.digest ?? '', sourceNames.get(item.data.source) ?? '']));
}

/** What a page shows of another item (its link and title), for cache keys. */
export function itemSummary(item: Entry | undefined): [string, string] | null {
  return item ? [item.id, item.data.title] : null;
}
