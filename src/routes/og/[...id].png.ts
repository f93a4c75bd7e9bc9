/**
 * The sharing card of each article without an archived image of its own, as
 * /og/<item id>.png: read from the build's cache when an earlier build drew it,
 * drawn now otherwise (src/site/og-card-fs.ts). An article whose lead image
 * the archive holds shares that image instead, and has no card.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { buildPaths } from '#src/archive/paths.ts';
import { partitionFromEnvironment, rendersItem } from '#src/partition/partition.ts';
import { loadArchive } from '#src/site/archive.ts';
import { type OgCardInputs, ogCardInputs, ogCardKey } from '#src/site/og-card.ts';
import { ogCardStore, pruneOgCards } from '#src/site/og-card-fs.ts';
import { siteConfig } from '#src/site.config.ts';

const store = ogCardStore(buildPaths.ogCards);

export const getStaticPaths = (async () => {
  const archive = await loadArchive();
  // With shareCards off no card is drawn, and the cache's cards are pruned like any unused one.
  const paths = archive.items
    .filter((item) => siteConfig.shareCards && archive.leadImage(item) === undefined)
    .map((item) => {
      const inputs = ogCardInputs(
        item,
        archive.sourceNames.get(item.data.source) ?? item.data.source,
        siteConfig.title,
        siteConfig.lang,
      );
      return { params: { id: item.id }, props: { inputs }, cacheKey: ogCardKey(inputs) };
    });
  // The cards of removed or retitled articles leave the cache.
  await pruneOgCards(buildPaths.ogCards, new Set(paths.map((path) => path.cacheKey)));
  // A build draws the missing cards on every core ahead of its requests; the dev server, on request only.
  // A partition of the build draws only the cards of its own items.
  if (import.meta.env.PROD) {
    const partition = partitionFromEnvironment(process.env);
    void store.warm(paths.filter((path) => rendersItem(partition, path.params.id)).map((path) => path.props.inputs));
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { inputs } = props as { inputs: OgCardInputs };
  const png = await store.card(inputs);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
