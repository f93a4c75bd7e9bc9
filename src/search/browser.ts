/**
 * The search page's script, built on Pagefind's JS API. It loads only what a
 * query needs: the library and WebAssembly when the page opens, the index
 * chunks for the typed words, and fragments for the first page of results.
 * Filter values are loaded only when the filter panel is opened (or a filter
 * is already in the URL). Query, filters and sort live in the URL. Its words
 * are the site's language, read from the page's data- attributes.
 */
import { fillPlural, type Plural } from '../i18n/format.ts';
import { formatDate } from '../site/dates.ts';
import {
  FILTER_KEYS,
  type FilterKey,
  hasCriteria,
  isFilterKey,
  pagefindFilters,
  pagefindSort,
  type SearchState,
  sortFilterValues,
  stateFromParams,
  stateToSearch,
} from './state.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

interface PagefindResponse {
  results: PagefindResult[];
}

interface PagefindSearchOptions {
  filters?: Record<string, string>;
  sort?: Record<string, 'asc' | 'desc'>;
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindResponse | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

/** The bundle's shards, newest first (./shards.ts; index-fs.ts writes pagefind/shards.json). */
interface ShardManifest {
  shards: { path: string }[];
}

/** The filter each shard's results carry, so a search can be asked of one shard alone. */
const SHARD_FILTER = 'shard';

interface Search {
  pagefind: Pagefind;
  /** Shard folders, newest first. */
  shards: string[];
}

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 120;
const MIN_LIVE_QUERY = 3;

const base = import.meta.env.BASE_URL;

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`The search page is missing #${id}.`);
  return found;
}

const form = element('search-form', HTMLFormElement);
const input = element('search-input', HTMLInputElement);
const sortSelect = element('search-sort', HTMLSelectElement);
const filterPanel = element('search-filters', HTMLDetailsElement);
const status = element('search-status', HTMLElement);
const list = element('search-results', HTMLOListElement);
const more = element('search-more', HTMLButtonElement);
const page = document.querySelector<HTMLElement>('.search-page')?.dataset ?? {};
const siteLang = document.documentElement.lang || 'en';

/** Plural forms the page wrote as JSON; English when missing or unreadable. */
function pluralOf(json: string | undefined, fallback: Plural): Plural {
  try {
    const forms: unknown = JSON.parse(json ?? '');
    if (typeof forms === 'object' && forms !== null && typeof (forms as Plural).other === 'string')
      return forms as Plural;
  } catch {
    // The fallback below.
  }
  return fallback;
}

const words = {
  pluralLang: page.pluralLang ?? 'en',
  results: pluralOf(page.results, { one: '{count} result', other: '{count} results' }),
  resultsFor: pluralOf(page.resultsFor, {
    one: '{count} result for “{query}”',
    other: '{count} results for “{query}”',
  }),
  failed: page.failed ?? 'Search could not load. Reload the page to try again.',
};

const filterSelects = new Map<FilterKey, HTMLSelectElement>(
  FILTER_KEYS.map((key) => [key, element(`search-filter-${key}`, HTMLSelectElement)]),
);

let searchPromise: Promise<Search> | undefined;

/**
 * Loads Pagefind from the newest shard and merges the others into it. Merged
 * shards share the first one's WebAssembly, so each further shard costs only
 * its small entry and metadata files.
 */
function loadSearch(): Promise<Search> {
  searchPromise ??= (async () => {
    const response = await fetch(`${base}pagefind/shards.json`);
    if (!response.ok) throw new Error(`The search index list answered ${response.status}.`);
    const manifest: ShardManifest = await response.json();
    const shards = manifest.shards.map((shard) => shard.path);
    const [newest, ...older] = shards;
    if (newest === undefined) throw new Error('The search index lists no shards.');
    const pagefind: Pagefind = await import(/* @vite-ignore */ `${base}pagefind/${newest}pagefind.js`);
    // No worker: its script would cost another 13 kB on every first search, more than it saves here.
    await pagefind.options({ excerptLength: 20, noWorker: true });
    await pagefind.init();
    if (older.length > 0) {
      await pagefind.options({ mergeFilter: { [SHARD_FILTER]: newest } });
      for (const shard of older) {
        await pagefind.mergeIndex(`${base}pagefind/${shard}`, {
          excerptLength: 20,
          mergeFilter: { [SHARD_FILTER]: shard },
        });
      }
    }
    return { pagefind, shards };
  })();
  return searchPromise;
}

/**
 * Pagefind orders merged results by score, and a sorted search scores a page
 * by its rank within its own shard, so "newest" across shards would
 * interleave them. Shards hold consecutive days, so newest first is each
 * shard's sorted results in turn, newest shard first.
 */
async function searchPagefind(term: string | null, state: SearchState): Promise<PagefindResult[] | null> {
  const { pagefind, shards } = await loadSearch();
  const filters = pagefindFilters(state);
  const sort = pagefindSort(state);
  if (sort === undefined || shards.length === 1) {
    const response = await pagefind.search(term, { filters, sort });
    return response === null ? null : response.results;
  }
  const results: PagefindResult[] = [];
  for (const shard of shards) {
    const response = await pagefind.search(term, { filters: { ...filters, [SHARD_FILTER]: shard }, sort });
    if (response === null) return null;
    results.push(...response.results);
  }
  return results;
}

// --- Controls <-> state -------------------------------------------------------

function currentState(): SearchState {
  const filters: SearchState['filters'] = {};
  for (const [key, select] of filterSelects) {
    if (select.value) filters[key] = select.value;
  }
  return { query: input.value.trim(), filters, sort: sortSelect.value === 'newest' ? 'newest' : 'relevance' };
}

function ensureOption(select: HTMLSelectElement, value: string, label = value): HTMLOptionElement {
  for (const option of select.options) {
    if (option.value === value) return option;
  }
  const option = new Option(label, value);
  select.add(option);
  return option;
}

function showState(state: SearchState): void {
  input.value = state.query;
  sortSelect.value = state.sort === 'newest' ? 'newest' : '';
  for (const [key, select] of filterSelects) {
    const value = state.filters[key];
    if (value) ensureOption(select, value);
    select.value = value ?? '';
  }
  if (Object.keys(state.filters).length > 0) filterPanel.open = true;
}

let filtersRequested = false;

async function fillFilters(): Promise<void> {
  const { pagefind } = await loadSearch();
  const available = await pagefind.filters();
  for (const [key, counts] of Object.entries(available)) {
    if (!isFilterKey(key)) continue;
    const select = filterSelects.get(key);
    if (!select) continue;
    const chosen = select.value;
    for (const value of sortFilterValues(key, counts)) {
      ensureOption(select, value).textContent = `${value} (${counts[value] ?? 0})`;
    }
    select.value = chosen;
  }
}

function loadFilters(): void {
  if (filtersRequested) return;
  filtersRequested = true;
  fillFilters().catch((error: unknown) => {
    filtersRequested = false;
    reportFailure(error);
  });
}

// --- Results ------------------------------------------------------------------

/** Rebuilds a Pagefind excerpt from its text and <mark> elements only. */
function excerptNodes(excerpt: string): Node[] {
  const template = document.createElement('template');
  template.innerHTML = excerpt;
  return Array.from(template.content.childNodes, (node) => {
    if (node instanceof HTMLElement && node.tagName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}

function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'search-result';
  const link = document.createElement('a');
  link.className = 'search-result-title';
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  const heading = document.createElement('h2');
  heading.append(link);
  const details = document.createElement('p');
  details.className = 'search-result-meta';
  const date = data.meta.date ? new Date(`${data.meta.date}T00:00:00.000Z`) : undefined;
  if (data.meta.date && date && !Number.isNaN(date.getTime())) {
    // Written as every other page of the site writes a date ("Jun 10, 2026" in English).
    const time = document.createElement('time');
    time.dateTime = data.meta.date;
    time.textContent = formatDate(date, siteLang);
    details.append(time);
  }
  if (data.meta.source) {
    const source = document.createElement('span');
    source.className = 'search-result-source';
    source.textContent = data.meta.source;
    details.append(source);
  }
  const excerpt = document.createElement('p');
  excerpt.className = 'search-result-excerpt';
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, details, excerpt);
  return item;
}

let generation = 0;
let pending: PagefindResult[] = [];

/**
 * Appends the next page of results in order. The first fragment is fetched
 * alone so it shows as soon as possible; the rest follow together, unless a
 * newer search has started by then (its fragments would be wasted bytes).
 */
async function showMore(run: number): Promise<void> {
  const [head, ...rest] = pending.slice(0, PAGE_SIZE);
  pending = pending.slice(PAGE_SIZE);
  more.hidden = true;
  if (head === undefined) return;
  const first = await head.data();
  if (run !== generation) return;
  list.append(renderResult(first));
  const loads = rest.map((result) => result.data());
  for (const load of loads) {
    const data = await load;
    if (run !== generation) return;
    list.append(renderResult(data));
  }
  more.hidden = pending.length === 0;
}

function describeCount(count: number, state: SearchState): string {
  return state.query
    ? fillPlural(words.resultsFor, count, { query: state.query }, words.pluralLang, siteLang)
    : fillPlural(words.results, count, {}, words.pluralLang, siteLang);
}

async function runSearch(state: SearchState): Promise<void> {
  generation += 1;
  const run = generation;
  if (!hasCriteria(state)) {
    list.replaceChildren();
    list.dataset.query = '';
    pending = [];
    more.hidden = true;
    status.textContent = '';
    return;
  }
  const results = await searchPagefind(state.query || null, state);
  if (run !== generation || results === null) return;
  list.replaceChildren();
  list.dataset.query = state.query;
  pending = results;
  status.textContent = describeCount(results.length, state);
  await showMore(run);
}

function reportFailure(error: unknown): void {
  status.textContent = words.failed;
  console.error(error);
}

function search(state: SearchState): void {
  runSearch(state).catch(reportFailure);
}

// --- URL and history ----------------------------------------------------------

function urlFor(state: SearchState): string {
  return `${location.pathname}${stateToSearch(state)}`;
}

/** Typing replaces the history entry; choosing a filter, a sort or pressing Enter adds one. */
function commit(state: SearchState, mode: 'push' | 'replace'): void {
  const url = urlFor(state);
  if (url === `${location.pathname}${location.search}`) return;
  if (mode === 'push') history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

let debounce: ReturnType<typeof setTimeout> | undefined;

/**
 * While typing, a one- or two-letter prefix would match a large share of the
 * index and fetch many chunks; live search waits for three characters (Enter
 * searches any length).
 */
function worthSearchingLive(state: SearchState): boolean {
  return state.query === '' || state.query.length >= MIN_LIVE_QUERY;
}

input.addEventListener('input', () => {
  const state = currentState();
  clearTimeout(debounce);
  // No preload per keystroke: each prefix can pull in index chunks the finished word does not need.
  if (!worthSearchingLive(state)) return;
  debounce = setTimeout(() => {
    commit(state, 'replace');
    search(state);
  }, DEBOUNCE_MS);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(debounce);
  const state = currentState();
  commit(state, 'push');
  search(state);
});

for (const select of [sortSelect, ...filterSelects.values()]) {
  select.addEventListener('change', () => {
    const state = currentState();
    commit(state, 'push');
    search(state);
  });
  select.addEventListener('focus', () => {
    if (select !== sortSelect) loadFilters();
  });
}

filterPanel.addEventListener('toggle', () => {
  if (filterPanel.open) loadFilters();
});

more.addEventListener('click', () => {
  showMore(generation).catch(reportFailure);
});

window.addEventListener('popstate', () => {
  const state = stateFromParams(new URLSearchParams(location.search));
  showState(state);
  search(state);
});

// --- Keyboard -----------------------------------------------------------------

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

function resultLinks(): HTMLAnchorElement[] {
  return Array.from(list.querySelectorAll<HTMLAnchorElement>('a.search-result-title'));
}

document.addEventListener('keydown', (event) => {
  const shortcut = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey);
  if (shortcut || (event.key === '/' && !isTyping(event.target))) {
    event.preventDefault();
    input.focus();
    input.select();
  }
});

input.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    event.preventDefault();
    if (input.value === '') {
      input.blur();
      return;
    }
    input.value = '';
    clearTimeout(debounce);
    const state = currentState();
    commit(state, 'replace');
    search(state);
  } else if (event.key === 'ArrowDown') {
    const first = resultLinks()[0];
    if (first) {
      event.preventDefault();
      first.focus();
    }
  }
});

list.addEventListener('keydown', (event) => {
  const links = resultLinks();
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index === -1) return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? links[Math.min(index + 1, links.length - 1)] : links[index - 1];
    (next ?? input).focus();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    input.focus();
  }
});

// --- Start --------------------------------------------------------------------

const initial = stateFromParams(new URLSearchParams(location.search));
showState(initial);
if (Object.keys(initial.filters).length > 0) loadFilters();
if (hasCriteria(initial)) search(initial);
else loadSearch().catch(reportFailure);
