import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { archivePaths } from '#src/archive/paths.ts';
import { FeedStateSchema, ItemSchema } from '#src/archive/schema.ts';
import { itemsLoader } from '#src/render/items-loader.ts';

const items = defineCollection({
  // Entry ids are `<feed id>/<file stem>`: article URLs come from the stored file name. The data
  // store keeps frontmatter only; each body is rendered once into the rendered-article cache.
  loader: itemsLoader({ base: archivePaths.items }),
  schema: ItemSchema,
});

const sources = defineCollection({
  loader: glob({ pattern: '*.json', base: archivePaths.state }),
  schema: FeedStateSchema,
});

export const collections = { items, sources };
