/**
 * getStaticPaths entries for paginated lists, each with a cacheKey that
 * changes whenever anything the page shows changes: its items (ids, digests
 * and source names), its page number and page count, and any extra the page shows.
 */
import type { Archive, Entry } from './archive.ts';
import { listDigest } from './archive.ts';
import { digestOf } from './digest.ts';
import { type PageSlice, pageParam, paginate } from './paginate.ts';

export interface PagedPath<P extends Record<string, string | undefined>> {
  params: P & { page: string | undefined };
  props: { page: PageSlice<Entry> };
  cacheKey: string;
}

export function pagedPaths<P extends Record<string, string | undefined>>(
  items: readonly Entry[],
  pageSize: number,
  sourceNames: ReadonlyMap<string, string>,
  params: P,
  extra: unknown = null,
): PagedPath<P>[] {
  return paginate(items, pageSize).map((page) => ({
    params: { ...params, page: pageParam(page.number) },
    props: { page },
    cacheKey: digestOf(listDigest(page.items, sourceNames), page.number, page.lastPage, page.total, extra),
  }));
}

/** Page 1 of a list has no page parameter; the later pages have one. */
export function isFirstPage<P extends Record<string, string | undefined>>(path: PagedPath<P>): boolean {
  return path.params.page === undefined;
}

/** Every page of every year's list, newest year first. */
export function yearPagedPaths(
  archive: Pick<Archive, 'years' | 'sourceNames'>,
  pageSize: number,
): PagedPath<{ year: string }>[] {
  return archive.years.flatMap((group) => pagedPaths(group.items, pageSize, archive.sourceNames, { year: group.slug }));
}
