import type { APIRoute } from 'astro';
import { loadArchive } from '#src/site/archive.ts';
import { feedResponse } from '#src/site/feed.ts';
import { siteConfig } from '#src/site.config.ts';

export const GET: APIRoute = async ({ site }) => {
  const archive = await loadArchive();
  return feedResponse({
    title: siteConfig.title,
    description: siteConfig.description,
    site,
    items: archive.items,
    leadImage: archive.leadImage,
  });
};
