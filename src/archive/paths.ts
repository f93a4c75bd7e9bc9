/**
 * Where the archive, the built site and the build's caches live. Overridable
 * from the environment so tests, the benchmark and the corpus run can build a
 * separate archive into a separate output folder without touching the
 * project's own content/, dist/ and caches. Relative paths are from the
 * project's root.
 */
import { dirname, join } from 'node:path';

/** Where an archive keeps earlier versions when only its items folder is given: beside it. */
export function revisionsBeside(itemsDir: string): string {
  return join(dirname(itemsDir), 'revisions');
}

/** Where an archive keeps its images when only its items folder is given: beside it. */
export function mediaBeside(itemsDir: string): string {
  return join(dirname(itemsDir), 'media');
}

const items = process.env.FEEDSHELF_ITEMS_DIR ?? 'content/items';

export const archivePaths = {
  /** Markdown items: <items>/<feed id>/<YYYY-MM-DD>-<slug>.md */
  items,
  /** Per-feed fetch state: <state>/<feed id>.json */
  state: process.env.FEEDSHELF_STATE_DIR ?? 'content/state',
  /** Earlier versions of edited items, as they were archived: <revisions>/<feed id>/<file stem>/<n>.md */
  revisions: process.env.FEEDSHELF_REVISIONS_DIR ?? revisionsBeside(items),
  /** Images items show, stored once each: <media>/<ab>/<sha256>.<ext>, and each feed's map <media>/<feed id>.json */
  media: process.env.FEEDSHELF_MEDIA_DIR ?? mediaBeside(items),
};

const cache = process.env.FEEDSHELF_CACHE_DIR ?? 'node_modules/.astro';

export const buildPaths = {
  /** The built site: Astro's outDir, where the search index is written and the audit reads. */
  out: process.env.FEEDSHELF_OUT_DIR ?? 'dist',
  /** Astro's cache folder: the content layer's data store and the incremental build's cache. */
  cache,
  /** Each article's rendered HTML, one file per entry digest (src/render/rendered-fs.ts). */
  rendered: join(cache, 'feedshelf-rendered'),
  /** The same for earlier versions of edited items: a folder of its own, which the items' sync does not prune. */
  renderedRevisions: join(cache, 'feedshelf-rendered-revisions'),
  /** The articles' sharing cards, one PNG per digest of what each shows (src/site/og-card-fs.ts). */
  ogCards: join(cache, 'feedshelf-og'),
  /** What the last content sync left out of the site, and why (src/render/quarantine-fs.ts). */
  leftOut: join(cache, 'feedshelf-left-out.json'),
  /** When each feed was last checked by a snapshot on this machine (src/archive/checks.ts). */
  checks: join(cache, 'feedshelf-checks.json'),
};
