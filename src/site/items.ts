/**
 * The shape list helpers work on: a collection entry's id, frontmatter and
 * content digest. Pure, so tests can build items without Astro.
 */
import type { Item } from '#src/archive/schema.ts';

export interface ArchiveItem {
  /** `<feed id>/<file stem>`, the items loader's id (src/render/items-loader.ts). */
  id: string;
  data: Item;
  /** Content digest from the loader; changes when the file changes. */
  digest?: string | number;
}

/** Newest first; ties broken by id so the order never depends on load order. */
export function compareNewest(a: ArchiveItem, b: ArchiveItem): number {
  const byDate = b.data.published.getTime() - a.data.published.getTime();
  if (byDate !== 0) return byDate;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortNewest<T extends ArchiveItem>(items: readonly T[]): T[] {
  return [...items].sort(compareNewest);
}
