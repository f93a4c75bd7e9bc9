import type { APIRoute, GetStaticPaths } from 'astro';
import { t } from '#src/i18n/site.ts';
import { loadArchive } from '#src/site/archive.ts';
import { feedCacheKey, feedResponse } from '#src/site/feed.ts';
import { siteConfig } from '#src/site.config.ts';

export const getStaticPaths = (async () => {
  const archive = await loadArchive();
  return archive.sources.map((source) => ({
    params: { id: source.id },
    cacheKey: feedCacheKey(source.items, archive.sourceNames, source.name, archive.leadImage),
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const archive = await loadArchive();
  const source = archive.sourcesById.get(params.id ?? '');
  return feedResponse({
    title: `${siteConfig.title}: ${source?.name ?? params.id}`,
    description: t.text(t.messages.feeds.fromSource, { name: source?.name ?? params.id ?? '' }),
    site,
    items: source?.items ?? [],
    leadImage: archive.leadImage,
  });
};
