import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { injectedRoutes, ROUTE_FILES, routePattern } from '#src/integration/routes.ts';

const ROUTES_DIR = new URL('../../src/routes/', import.meta.url);

describe('the injected routes', () => {
  it('inject every page module under src/routes/ and none of the parts of pages', () => {
    const files = readdirSync(ROUTES_DIR, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(astro|ts)$/.test(file) && !file.split('/').some((part) => part.startsWith('_')))
      .sort();
    expect([...ROUTE_FILES].sort()).toEqual(files);
  });

  it('give each file the URL pattern Astro would give it under src/pages/', () => {
    expect(routePattern('index.astro')).toBe('/');
    expect(routePattern('archive/index.astro')).toBe('/archive');
    expect(routePattern('tags/[tag]/rss.xml.ts')).toBe('/tags/[tag]/rss.xml');
    expect(routePattern('items/[...id].astro')).toBe('/items/[...id]');
    expect(routePattern('og/[...id].png.ts')).toBe('/og/[...id].png');
    expect(routePattern('404.astro')).toBe('/404');
  });

  it('point each pattern at the module inside the package', () => {
    const routes = injectedRoutes(ROUTES_DIR);
    expect(routes).toHaveLength(ROUTE_FILES.length);
    expect(routes.find((route) => route.pattern === '/sources.opml')?.entrypoint.href).toBe(
      new URL('sources.opml.ts', ROUTES_DIR).href,
    );
  });
});
