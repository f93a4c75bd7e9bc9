import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { archivePaths } from './paths.ts';
import { FeedStateSchema, ItemSchema } from './schema.ts';

const items = defineCollection({
  loader: glob({ pattern: '**/*.md', base: archivePaths.items }),
  schema: ItemSchema,
});

const sources = defineCollection({
  loader: glob({ pattern: '*.json', base: archivePaths.state }),
  schema: FeedStateSchema,
});

export const collections = { items, sources };
