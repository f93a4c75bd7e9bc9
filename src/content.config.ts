import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { archivePaths } from './paths.ts';
import { FeedStateSchema, ItemSchema } from './schema.ts';

const items = defineCollection({
  // Entry ids are `<feed id>/<file stem>`: article URLs come from the stored file name.
  // Bodies are neither kept nor pre-rendered in the data store: only the article page
  // renders one, so list pages and a 20,000-item archive stay light in memory.
  loader: glob({ pattern: '**/*.md', base: archivePaths.items, retainBody: false, deferRender: true }),
  schema: ItemSchema,
});

const sources = defineCollection({
  loader: glob({ pattern: '*.json', base: archivePaths.state }),
  schema: FeedStateSchema,
});

export const collections = { items, sources };
