import type { APIRoute } from 'astro';
import { loadArchive } from '../lib/archive.ts';
import { feedResponse } from '../lib/feed.ts';
import { siteConfig } from '../site.config.ts';

export const GET: APIRoute = async ({ site }) => {
  const archive = await loadArchive();
  return feedResponse({ title: siteConfig.title, description: siteConfig.description, site, items: archive.items });
};
