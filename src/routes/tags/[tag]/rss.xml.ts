import type { APIRoute, GetStaticPaths } from 'astro';
import { t } from '#src/i18n/site.ts';
import { loadArchive } from '#src/site/archive.ts';
import { feedCacheKey, feedResponse } from '#src/site/feed.ts';
import { siteConfig } from '#src/site.config.ts';

export const getStaticPaths = (async () => {
  const archive = await loadArchive();
  return archive.tags.map((group) => ({
    params: { tag: group.slug },
    cacheKey: feedCacheKey(group.items, archive.sourceNames, group.name, archive.leadImage),
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const archive = await loadArchive();
  const group = archive.tagsBySlug.get(params.tag ?? '');
  return feedResponse({
    title: `${siteConfig.title}: ${group?.name ?? params.tag}`,
    description: t.text(t.messages.feeds.tagged, { name: group?.name ?? params.tag ?? '' }),
    site,
    items: group?.items ?? [],
    leadImage: archive.leadImage,
  });
};
