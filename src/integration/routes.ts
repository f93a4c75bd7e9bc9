/**
 * The site's pages, injected by the integration from the package's own
 * src/routes/ (the way Starlight ships its routes), so a user's project has no
 * src/pages/ to keep in step with feedshelf's. Pure: the files and the
 * URL pattern of each, the way Astro would read them from src/pages/.
 */

/** Each page module under src/routes/; files starting with `_` are parts of pages, not routes. */
export const ROUTE_FILES = [
  '404.astro',
  'archive/[year]/[month]/[...page].astro',
  'archive/[year]/index.astro',
  'archive/[year]/page/[page].astro',
  'archive/index.astro',
  'authors/[author]/[...page].astro',
  'authors/index.astro',
  'index.astro',
  'items/[...id].astro',
  'og/[...id].png.ts',
  'page/[page].astro',
  'revisions/[...id].astro',
  'rss.xml.ts',
  'search.astro',
  'sources.opml.ts',
  'sources/[id]/[...page].astro',
  'sources/[id]/rss.xml.ts',
  'sources/index.astro',
  'stats.astro',
  'tags/[tag]/[...page].astro',
  'tags/[tag]/rss.xml.ts',
  'tags/by-name.astro',
  'tags/index.astro',
] as const;

/** The URL pattern of a route file: `tags/[tag]/rss.xml.ts` is `/tags/[tag]/rss.xml`, `archive/index.astro` is `/archive`. */
export function routePattern(file: string): string {
  const path = file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
  return `/${path}`;
}

/** The routes to inject: each pattern and the URL of its module. */
export function injectedRoutes(routesDir: URL): { pattern: string; entrypoint: URL }[] {
  return ROUTE_FILES.map((file) => ({ pattern: routePattern(file), entrypoint: new URL(file, routesDir) }));
}
