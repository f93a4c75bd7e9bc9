/**
 * A LoaderContext for running the collections' loaders outside Astro: a Map
 * for the data store, the project's Markdown settings as Astro resolves them,
 * and a logger that keeps what it was told.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { markdownConfig } from '#src/render/markdown.config.ts';

export interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  digest?: string | number;
  filePath?: string;
}

export interface TestLoaderContext {
  context: LoaderContext;
  /** The data store's entries by id. */
  entries: Map<string, StoredEntry>;
  /** Lines logged at warn level, in order. */
  warnings: string[];
  /** Lines logged at info level, in order. */
  infos: string[];
}

export function testLoaderContext(root: string): TestLoaderContext {
  const entries = new Map<string, StoredEntry>();
  const warnings: string[] = [];
  const infos: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: StoredEntry) => {
      entries.set(entry.id, entry);
      return true;
    },
    delete: (id: string) => {
      entries.delete(id);
    },
    has: (id: string) => entries.has(id),
    keys: () => [...entries.keys()],
    values: () => [...entries.values()],
    entries: () => [...entries.entries()],
    clear: () => entries.clear(),
  };
  const logger = {
    info: (message: string) => infos.push(message),
    warn: (message: string) => warnings.push(message),
    error: (message: string) => warnings.push(`error: ${message}`),
    debug: () => undefined,
  };
  const config = {
    root: pathToFileURL(`${root}/`),
    markdown: {
      syntaxHighlight: { type: 'shiki', excludeLangs: ['math'] },
      shikiConfig: { ...markdownConfig.shikiConfig, langs: [], langAlias: {}, themes: {}, wrap: false },
      gfm: true,
      smartypants: true,
    },
    image: { domains: [], remotePatterns: [] },
  };
  const context = {
    collection: 'test',
    store,
    logger,
    config,
    generateDigest: (data: string | Record<string, unknown>) =>
      createHash('sha256')
        .update(typeof data === 'string' ? data : JSON.stringify(data))
        .digest('hex')
        .slice(0, 16),
    parseData: () => {
      throw new Error('The loaders validate entries themselves.');
    },
  } as unknown as LoaderContext;
  return { context, entries, warnings, infos };
}
