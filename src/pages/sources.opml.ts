import type { APIRoute } from 'astro';
import { loadArchive } from '#src/site/archive.ts';
import { opml } from '#src/site/opml.ts';
import { siteConfig } from '#src/site.config.ts';

export const GET: APIRoute = async () => {
  const archive = await loadArchive();
  const body = opml(
    siteConfig.title,
    archive.sources.map((source) => ({
      title: source.name,
      xmlUrl: source.state?.url,
      htmlUrl: source.state?.siteUrl,
    })),
  );
  return new Response(body, { headers: { 'Content-Type': 'text/x-opml; charset=utf-8' } });
};
