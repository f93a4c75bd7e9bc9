/**
 * An item's versions as the site shows them: the earlier ones (entries of the
 * revisions collection, ids `<item id>/<n>`) beside the current one, each with
 * its date and the pages of the version and of what changed after it. Pure.
 */
import { routes } from './urls.ts';

/** What the site needs of an earlier version's entry. */
export interface RevisionLike {
  id: string;
  data: { updated?: Date | undefined; firstSeen: Date };
}

/** `<feed id>/<file stem>/<n>` → the item's id and the version number; undefined for any other id. */
export function revisionKey(id: string): { itemId: string; number: number } | undefined {
  const match = /^(.+)\/([1-9]\d{0,5})$/.exec(id);
  if (!match?.[1] || !match[2] || match[1].split('/').length !== 2) return undefined;
  return { itemId: match[1], number: Number(match[2]) };
}

/** Earlier versions by item id, each list by version number. */
export function groupRevisions<R extends RevisionLike>(entries: readonly R[]): Map<string, R[]> {
  const byItem = new Map<string, { number: number; entry: R }[]>();
  for (const entry of entries) {
    const key = revisionKey(entry.id);
    if (!key) continue;
    const list = byItem.get(key.itemId) ?? [];
    list.push({ number: key.number, entry });
    byItem.set(key.itemId, list);
  }
  return new Map(
    [...byItem].map(([itemId, list]) => [itemId, list.sort((a, b) => a.number - b.number).map((v) => v.entry)]),
  );
}

/** One version of an item, as its pages link it. */
export interface VersionView {
  number: number;
  /** When the archive first saw this version. */
  since: Date;
  /** Its page (an earlier version) or the item's own page (the current one). */
  path: string;
  /** The page of what changed between it and the next version; absent for the current one. */
  changesPath?: string;
}

/**
 * Every version of an item, oldest first, the current one last. An earlier
 * version is dated by the item's own list (`revisions`), else by the file's
 * dates; the current one by `updated`, else `firstSeen`.
 */
export function versionViews(
  item: { id: string; data: { revisions?: Date[] | undefined; updated?: Date | undefined; firstSeen: Date } },
  earlier: readonly RevisionLike[],
): VersionView[] {
  const views: VersionView[] = earlier.map((entry, index) => {
    const number = revisionKey(entry.id)?.number ?? index + 1;
    return {
      number,
      since: item.data.revisions?.[number - 1] ?? entry.data.updated ?? entry.data.firstSeen,
      path: routes.revision(item.id, number),
      changesPath: routes.revisionChanges(item.id, number),
    };
  });
  views.push({
    number: views.length + 1,
    since: item.data.updated ?? item.data.firstSeen,
    path: routes.item(item.id),
  });
  return views;
}
