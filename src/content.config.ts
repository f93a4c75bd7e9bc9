import { defineCollection } from 'astro:content';
import { archivePaths, buildPaths } from '#src/archive/paths.ts';
import { itemsLoader } from '#src/render/items-loader.ts';
import { statesLoader } from '#src/render/states-loader.ts';

// Each loader validates its entries itself with its own schema (ItemSchema, FeedStateSchema), which
// also gives the entries their types, so an archive file that fails is left out with a reason
// instead of failing the build. No collection schema here: it would replace theirs.
const items = defineCollection({
  // Entry ids are `<feed id>/<file stem>`: article URLs come from the stored file name. The data
  // store keeps frontmatter only; each body is rendered once into the rendered-article cache.
  loader: itemsLoader({ base: archivePaths.items }),
});

// Earlier versions of edited items, ids `<feed id>/<file stem>/<n>`, rendered into a cache of their own.
const revisions = defineCollection({
  loader: itemsLoader({ base: archivePaths.revisions, kind: 'revision', renderedDir: buildPaths.renderedRevisions }),
});

const sources = defineCollection({
  loader: statesLoader({ base: archivePaths.state }),
});

export const collections = { items, revisions, sources };
