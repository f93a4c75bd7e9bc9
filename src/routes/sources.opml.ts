import type { APIRoute } from 'astro';
import { loadArchive } from '#src/site/archive.ts';
import { sourcesOpml } from '#src/site/opml.ts';
import { siteConfig } from '#src/site.config.ts';

export const GET: APIRoute = async () => {
  const archive = await loadArchive();
  const body = sourcesOpml(siteConfig.title, archive.sources);
  return new Response(body, { headers: { 'Content-Type': 'text/x-opml; charset=utf-8' } });
};
