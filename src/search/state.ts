/**
 * The search page's state and its URL form (`/search/?q=…&tag=…&sort=newest`),
 * so a search can be shared and the back button restores it. Pure: used by
 * the browser script and importable anywhere.
 */

/** Facets the index carries as Pagefind filters, in URL order. */
export const FILTER_KEYS = ['tag', 'source', 'author', 'year'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type SortOrder = 'relevance' | 'newest';

export interface SearchState {
  /** The typed query, trimmed; empty when the user has typed nothing. */
  query: string;
  /** At most one chosen value per facet. */
  filters: Partial<Record<FilterKey, string>>;
  sort: SortOrder;
}

export function isFilterKey(key: string): key is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(key);
}

export function stateFromParams(params: URLSearchParams): SearchState {
  const filters: Partial<Record<FilterKey, string>> = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return {
    query: (params.get('q') ?? '').trim(),
    filters,
    sort: params.get('sort') === 'newest' ? 'newest' : 'relevance',
  };
}

/** The canonical query string for a state: fixed key order, empty values left out. */
export function stateToSearch(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) params.set(key, value);
  }
  if (state.sort === 'newest') params.set('sort', 'newest');
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function hasCriteria(state: SearchState): boolean {
  return state.query !== '' || FILTER_KEYS.some((key) => state.filters[key] !== undefined);
}

/** Filters in the shape Pagefind's `search()` takes. */
export function pagefindFilters(state: SearchState): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) filters[key] = value;
  }
  return filters;
}

/** Pagefind sort option: newest first by the `date` sort key, else relevance (no sort). */
export function pagefindSort(state: SearchState): Record<string, 'asc' | 'desc'> | undefined {
  return state.sort === 'newest' ? { date: 'desc' } : undefined;
}

/** Filter values in display order: years newest first, everything else alphabetically. */
export function sortFilterValues(key: FilterKey, counts: Record<string, number>): string[] {
  const values = Object.keys(counts);
  return key === 'year' ? values.sort().reverse() : values.sort((a, b) => a.localeCompare(b, 'en'));
}
