import type { APIRoute, GetStaticPaths } from 'astro';
import { listDigest, loadArchive } from '#src/site/archive.ts';
import { digestOf } from '#src/site/digest.ts';
import { feedResponse } from '#src/site/feed.ts';
import { siteConfig } from '#src/site.config.ts';

export const getStaticPaths = (async () => {
  const archive = await loadArchive();
  return archive.tags.map((group) => ({
    params: { tag: group.slug },
    cacheKey: digestOf(listDigest(group.items.slice(0, siteConfig.feedSize), archive.sourceNames), group.name),
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const archive = await loadArchive();
  const group = archive.tagsBySlug.get(params.tag ?? '');
  return feedResponse({
    title: `${siteConfig.title}: ${group?.name ?? params.tag}`,
    description: `Archived items tagged ${group?.name ?? params.tag}.`,
    site,
    items: group?.items ?? [],
  });
};
