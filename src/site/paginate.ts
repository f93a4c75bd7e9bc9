/** Splits a list into numbered pages; an empty list still has one (empty) page. */

export interface PageSlice<T> {
  /** 1-based page number. */
  number: number;
  lastPage: number;
  /** Items on all pages. */
  total: number;
  /** 0-based index of the first item on this page. */
  start: number;
  items: T[];
}

export function paginate<T>(items: readonly T[], size: number): PageSlice<T>[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Page size must be a positive integer, got ${size}.`);
  const lastPage = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: lastPage }, (_, index) => ({
    number: index + 1,
    lastPage,
    total: items.length,
    start: index * size,
    items: items.slice(index * size, (index + 1) * size),
  }));
}

/** The route parameter for a page: undefined on page 1 so it renders at the bare path. */
export function pageParam(page: number): string | undefined {
  return page <= 1 ? undefined : String(page);
}
