/**
 * The content loader for archived items. Like Astro's glob loader it reads
 * `<base>/<feed id>/<file stem>.md` into entries with id `<feed id>/<file stem>`,
 * frontmatter validated by the collection's schema. Unlike it, bodies never
 * enter the data store or the Vite bundle: each item is rendered once, in
 * worker threads on every core, with Astro's own Markdown processor and the
 * project's Markdown configuration, into the rendered-article cache
 * (rendered-fs.ts) under its entry digest. The article page reads it back.
 *
 * A digest covers the file's bytes and the renderer's fingerprint, so a later
 * build renders only new or changed items, and an unchanged entry is not even
 * parsed again. Files of entries no longer in the archive are removed.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { parseItemFile } from '#src/archive/frontmatter.ts';
import { buildPaths } from '#src/archive/paths.ts';
import { createWorkerPool, type WorkerPool } from '#src/util/worker-pool.ts';
import { renderFingerprint } from './fingerprint-fs.ts';
import type { markdownConfig } from './markdown.config.ts';
import { renderedDigests, renderedFile } from './rendered-fs.ts';

type MarkdownOptions = Parameters<(typeof markdownConfig)['processor']['createRenderer']>[0];
type ShikiOptions = NonNullable<MarkdownOptions['shikiConfig']>;

/**
 * What the workers need to build the processor Astro would: config.markdown without its
 * functions. Shiki transformers come from src/markdown.config.ts; only their names travel.
 */
export type RenderSettings = Omit<MarkdownOptions, 'shikiConfig'> & {
  shikiConfig: Omit<ShikiOptions, 'transformers'> & { transformerNames: string[] };
};

export interface RenderJob {
  /** Absolute path of the Markdown file, for messages and relative links. */
  file: string;
  /** The Markdown after the frontmatter. */
  body: string;
  /** Where the rendered article goes. */
  out: string;
}

const WORKER_URL = new URL('./_render-worker.ts', import.meta.url);
/** Files read at once while scanning the archive. */
const READ_BATCH = 64;

export interface ItemsLoaderOptions {
  /** The items folder, from the project's root. */
  base: string;
  /** Where rendered articles are kept; buildPaths.rendered by default. */
  renderedDir?: string;
  /** Render workers; every core by default. */
  workers?: number;
}

function renderSettings(config: LoaderContext['config']): RenderSettings {
  const { syntaxHighlight, shikiConfig, gfm, smartypants } = config.markdown;
  const { transformers, ...shiki } = shikiConfig;
  const settings: RenderSettings = {
    syntaxHighlight,
    shikiConfig: { ...shiki, transformerNames: transformers.map((transformer) => transformer.name ?? '') },
    gfm,
    smartypants,
    image: { domains: config.image.domains, remotePatterns: config.image.remotePatterns },
  };
  // Through JSON: the workers get plain data, and the fingerprint sees exactly what they get.
  return JSON.parse(JSON.stringify(settings)) as RenderSettings;
}

/** Frontmatter as an object for the schema to check, and the body; unreadable YAML names the file. */
function readItemFile(contents: string, filePath: string): { frontmatter: Record<string, unknown>; body: string } {
  try {
    const { frontmatter, body } = parseItemFile(contents);
    const data =
      typeof frontmatter === 'object' && frontmatter !== null ? (frontmatter as Record<string, unknown>) : {};
    return { frontmatter: data, body };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`${filePath}: the frontmatter is not valid YAML (${reason}). Fix or remove the file.`);
  }
}

/** `a/b.md` under base → `a/b`; the URL of the article is built from it. */
function entryId(base: string, file: string): string {
  return relative(base, file).split(sep).join('/').slice(0, -'.md'.length);
}

export function itemsLoader(options: ItemsLoaderOptions): Loader {
  return {
    name: 'feedshelf-items',
    async load(context) {
      await syncItems(context, options);
      watchItems(context, options);
    },
  };
}

/** Loader watchers already followed, so a re-run of load() never adds a second set of listeners. */
const watched = new WeakSet<object>();

/** Under `astro dev`, an added, edited or removed item syncs the collection again (debounced, one at a time). */
function watchItems(context: LoaderContext, options: ItemsLoaderOptions): void {
  const { watcher, config, logger } = context;
  if (!watcher || watched.has(watcher)) return;
  watched.add(watcher);
  const base = resolve(fileURLToPath(config.root), options.base);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  const onEvent = (path: string) => {
    if (!path.startsWith(base + sep) || !path.endsWith('.md')) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(() =>
        syncItems(context, options).catch((error: unknown) =>
          logger.error(error instanceof Error ? error.message : String(error)),
        ),
      );
    }, 100);
  };
  watcher.add(base);
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onEvent);
}

async function syncItems(context: LoaderContext, options: ItemsLoaderOptions): Promise<void> {
  const { config, store, parseData, generateDigest, logger } = context;
  const root = fileURLToPath(config.root);
  const base = resolve(root, options.base);
  const renderedDir = resolve(root, options.renderedDir ?? buildPaths.rendered);
  mkdirSync(renderedDir, { recursive: true });

  const settings = renderSettings(config);
  const fingerprint = renderFingerprint(root, settings);
  const files = listMarkdown(base);
  const rendered = renderedDigests(readdirSync(renderedDir));
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const wanted = new Set<string>();
  const seen = new Set<string>();
  let pool: WorkerPool<RenderJob, null> | undefined;
  const inFlight = new Set<Promise<void>>();
  const failures: string[] = [];
  let parsed = 0;
  let renderedNow = 0;

  for (let start = 0; start < files.length; start += READ_BATCH) {
    const batch = files.slice(start, start + READ_BATCH);
    const texts = await Promise.all(batch.map((file) => readFile(file, 'utf8')));
    for (const [index, file] of batch.entries()) {
      const contents = texts[index] ?? '';
      const id = entryId(base, file);
      const digest = generateDigest(`${fingerprint}\n${contents}`);
      const filePath = relative(root, file).split(sep).join('/');
      seen.add(id);
      wanted.add(digest);
      const unchanged = store.get(id)?.digest === digest;
      if (unchanged && rendered.has(digest)) continue;
      const info = readItemFile(contents, filePath);
      if (!unchanged) {
        // The YAML parser's strings are slices of the file's text, so storing them as they are would
        // keep every item's whole file, body included, in memory until the build ends (about 17 KB
        // an item). A structured clone gives the data store strings of their own.
        const data = structuredClone(await parseData({ id, data: info.frontmatter, filePath }));
        store.set({ id, data, digest, filePath });
        parsed++;
      }
      if (rendered.has(digest)) continue;
      rendered.add(digest);
      renderedNow++;
      pool ??= createWorkerPool<RenderJob, null>(WORKER_URL, workers, 'render', settings);
      const job: Promise<void> = pool
        .run({ file, body: info.body, out: renderedFile(renderedDir, digest) })
        .then(
          () => undefined,
          (error: unknown) => {
            failures.push(`${filePath}: ${error instanceof Error ? error.message : String(error)}`);
          },
        )
        .finally(() => inFlight.delete(job));
      inFlight.add(job);
      // Bounded, so a first build of a large archive never holds every body at once.
      if (inFlight.size >= workers * 16) await Promise.race(inFlight);
    }
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  try {
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
  if (failures.length > 0) {
    const more = failures.length > 5 ? `\n(and ${failures.length - 5} more)` : '';
    throw new Error(`Could not render ${failures.length} archived items:\n${failures.slice(0, 5).join('\n')}${more}`);
  }
  let removed = 0;
  for (const digest of renderedDigests(readdirSync(renderedDir))) {
    if (wanted.has(digest)) continue;
    rmSync(renderedFile(renderedDir, digest), { force: true });
    removed++;
  }
  logger.info(`${files.length} items: ${parsed} read, ${renderedNow} rendered, ${removed} stale renderings removed.`);
}

/** Every .md file under `base`, sorted, so the store is filled in the same order each time. */
function listMarkdown(base: string): string[] {
  let names: string[];
  try {
    names = readdirSync(base, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => join(base, name));
}
