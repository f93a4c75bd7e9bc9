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
 *
 * Nothing in an item file stops the build: a file that is not UTF-8, whose
 * frontmatter does not parse or validate, or whose body the renderer throws on
 * (or dies on) is left out of the collection, logged with a one-line reason
 * and recorded in the left-out report (quarantine-fs.ts). Only a fault of the
 * renderer itself, which a known-good body shows, stops the build.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { imageUrls, type LocalImage, localImages } from '#src/archive/media.ts';
import { archivePaths, buildPaths } from '#src/archive/paths.ts';
import { ItemSchema } from '#src/archive/schema.ts';
import { partitionFromEnvironment, rendersItem } from '#src/partition/partition.ts';
import { createWorkerPool, type WorkerPool, WorkerStoppedError } from '#src/util/worker-pool.ts';
import { watchArchive } from './_watch.ts';
import { renderFingerprint } from './fingerprint-fs.ts';
import { decodeArchiveFile, parseItemEntry } from './item-entry.ts';
import type { markdownConfig } from './markdown.config.ts';
import { readMediaMaps } from './media-fs.ts';
import { displayPath, firstLine, leftOutLine } from './quarantine.ts';
import { recordLeftOut } from './quarantine-fs.ts';
import { renderedDigests, renderedFile } from './rendered-fs.ts';

type MarkdownOptions = Parameters<(typeof markdownConfig)['processor']['createRenderer']>[0];
type ShikiOptions = NonNullable<MarkdownOptions['shikiConfig']>;

/**
 * What the workers need to build the processor Astro would: config.markdown without its
 * functions. Shiki transformers come from src/render/markdown.config.ts; only their names travel.
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
  /** The archive's copies of the images the item shows, by original URL, with the site's base path. */
  media?: { base: string; images: Record<string, LocalImage> };
}

/** null when the article was rendered and written; the reason when its body could not be rendered. */
export type RenderOutcome = null | { problem: string };

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
  /** Where the left-out report goes, from the project's root; buildPaths.leftOut by default. */
  leftOutReport?: string;
  /** The render worker module; tests give one that dies on cue. */
  worker?: URL;
  /** The archive's media folder, from the project's root; archivePaths.media by default. */
  mediaDir?: string;
  /** What the files are, for the left-out report and the log: items (the default) or their earlier versions. */
  kind?: 'item' | 'revision';
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

/** `a/b.md` under base → `a/b`; the URL of the article is built from it. */
function entryId(base: string, file: string): string {
  return relative(base, file).split(sep).join('/').slice(0, -'.md'.length);
}

/** The loader; its schema, typed as it is, gives the collection's entries their type. */
export function itemsLoader(options: ItemsLoaderOptions): Loader & { schema: typeof ItemSchema } {
  return {
    name: options.kind === 'revision' ? 'feedshelf-revisions' : 'feedshelf-items',
    // The loader validates each entry itself, so a file the schema refuses is left out, not fatal.
    schema: ItemSchema,
    async load(context) {
      await syncItems(context, options);
      watchArchive(context, options.base, '.md', () => syncItems(context, options));
    },
  };
}

/** Where an entry being rendered came from, so a failed rendering can leave it out. */
interface Source {
  id: string;
  filePath: string;
}

async function syncItems(context: LoaderContext, options: ItemsLoaderOptions): Promise<void> {
  const { config, store, generateDigest, logger } = context;
  const root = fileURLToPath(config.root);
  const base = resolve(root, options.base);
  const renderedDir = resolve(root, options.renderedDir ?? buildPaths.rendered);
  mkdirSync(renderedDir, { recursive: true });

  const settings = renderSettings(config);
  const fingerprint = renderFingerprint(root, settings);
  const files = listMarkdown(base);
  const mediaMaps = readMediaMaps(resolve(root, options.mediaDir ?? archivePaths.media));
  const rendered = renderedDigests(readdirSync(renderedDir));
  const workers = Math.max(1, options.workers ?? availableParallelism());
  const partition = partitionFromEnvironment(process.env);
  const wanted = new Set<string>();
  const seen = new Set<string>();
  const leftOut: { file: string; reason: string }[] = [];
  let pool: WorkerPool<RenderJob, RenderOutcome> | undefined;
  const startPool = () => {
    pool ??= createWorkerPool<RenderJob, RenderOutcome>(options.worker ?? WORKER_URL, workers, 'render', settings);
    return pool;
  };
  /** Entries rendered in this sync by digest: two files with the same bytes share one rendering. */
  const rendering = new Map<string, Source[]>();
  const stopped: { job: RenderJob; digest: string }[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  let parsed = 0;
  let renderedNow = 0;

  /** Not an entry, so no page, list, feed or search record has it. */
  const leaveOut = (source: Source, reason: string): void => {
    store.delete(source.id);
    leftOut.push({ file: source.filePath, reason });
  };
  const settle = (digest: string, outcome: RenderOutcome): void => {
    if (outcome === null) return;
    for (const source of rendering.get(digest) ?? []) leaveOut(source, `render: ${outcome.problem}`);
  };

  for (let start = 0; start < files.length; start += READ_BATCH) {
    const batch = files.slice(start, start + READ_BATCH);
    const reads = await Promise.all(batch.map((file) => readFile(file).catch((error: unknown) => error as Error)));
    for (const [index, file] of batch.entries()) {
      const read = reads[index];
      const source = { id: entryId(base, file), filePath: displayPath(root, file) };
      seen.add(source.id);
      if (!(read instanceof Uint8Array)) {
        leaveOut(source, `cannot be read (${(read as NodeJS.ErrnoException | undefined)?.code ?? firstLine(read)})`);
        continue;
      }
      const text = decodeArchiveFile(read);
      if (!text.ok) {
        leaveOut(source, text.problem);
        continue;
      }
      // The copies of its images are part of what an item renders to: archiving one renders it again.
      const media = itemMedia(mediaMaps.get(source.id.split('/')[0] ?? ''), text.value, config.base);
      const digest = generateDigest(
        media ? `${fingerprint}\n${text.value}\n${JSON.stringify(media)}` : `${fingerprint}\n${text.value}`,
      );
      wanted.add(digest);
      const unchanged = store.get(source.id)?.digest === digest;
      if (unchanged && rendered.has(digest)) continue;
      const entry = parseItemEntry(text.value);
      if (!entry.ok) {
        leaveOut(source, entry.problem);
        continue;
      }
      if (!unchanged) {
        // The YAML parser's strings are slices of the file's text, so storing them as they are would
        // keep every item's whole file, body included, in memory until the build ends (about 17 KB
        // an item). A structured clone gives the data store strings of their own.
        const data = structuredClone(entry.value.data) as unknown as Record<string, unknown>;
        store.set({ id: source.id, data, digest, filePath: relative(root, file).split(sep).join('/') });
        parsed++;
      }
      // A partition of the build renders only its own items' bodies; the others' pages are not its to render.
      if (rendered.has(digest) || !rendersItem(partition, source.id)) continue;
      const sharing = rendering.get(digest);
      if (sharing) {
        sharing.push(source);
        continue;
      }
      rendering.set(digest, [source]);
      renderedNow++;
      const job: RenderJob = {
        file,
        body: entry.value.body,
        out: renderedFile(renderedDir, digest),
        ...(media ? { media } : {}),
      };
      const running: Promise<void> = startPool()
        .run(job)
        .then(
          (outcome) => settle(digest, outcome),
          (error: unknown) => {
            if (error instanceof WorkerStoppedError) stopped.push({ job, digest });
            else failure ??= new Error(`The article renderer failed on ${source.filePath}.`, { cause: error });
          },
        )
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
      // Bounded, so a first build of a large archive never holds every body at once.
      if (inFlight.size >= workers * 16) await Promise.race(inFlight);
    }
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  try {
    await Promise.all(inFlight);
    if (failure) throw failure;
    if (stopped.length > 0) await retryStopped(startPool(), stopped, renderedDir, settle);
  } finally {
    await pool?.close();
  }
  let removed = 0;
  for (const digest of renderedDigests(readdirSync(renderedDir))) {
    if (wanted.has(digest)) continue;
    rmSync(renderedFile(renderedDir, digest), { force: true });
    removed++;
  }
  leftOut.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const entry of leftOut) logger.warn(leftOutLine(entry));
  const kind = options.kind ?? 'item';
  recordLeftOut(resolve(root, options.leftOutReport ?? buildPaths.leftOut), kind, files.length, leftOut);
  const left = leftOut.length > 0 ? `, ${leftOut.length} left out` : '';
  const what = kind === 'revision' ? 'earlier versions' : 'items';
  logger.info(
    `${files.length} ${what}: ${parsed} read, ${renderedNow} rendered, ${removed} stale renderings removed${left}.`,
  );
}

/** A body the renderer must always manage; if it cannot, the renderer is broken, not the items. */
const RENDER_CHECK = '# Render check\n\nSome *text* and code:\n\n```js\nconst ok = true;\n```\n';

/**
 * Jobs whose worker died, run again one at a time so that a body that kills its worker is the only
 * job lost with it. First the renderer itself is checked: when it cannot render a known-good body,
 * the fault is feedshelf's and the build stops instead of leaving every item out.
 */
async function retryStopped(
  pool: WorkerPool<RenderJob, RenderOutcome>,
  stopped: readonly { job: RenderJob; digest: string }[],
  renderedDir: string,
  settle: (digest: string, outcome: RenderOutcome) => void,
): Promise<void> {
  const check = join(renderedDir, '.render-check');
  try {
    const outcome = await pool.run({ file: check, body: RENDER_CHECK, out: check });
    if (outcome !== null) throw new Error(outcome.problem);
  } catch (cause) {
    throw new Error('The article renderer cannot render a known-good article.', { cause });
  } finally {
    rmSync(check, { force: true });
  }
  for (const { job, digest } of stopped) {
    try {
      settle(digest, await pool.run(job));
    } catch (error) {
      if (!(error instanceof WorkerStoppedError)) {
        throw new Error(`The article renderer failed on ${job.file}.`, { cause: error });
      }
      settle(digest, { problem: `the renderer stopped on it (${error.message})` });
    }
  }
}

/** The copies of the images an item file shows (its lead image and its body's), or undefined when none is archived. */
function itemMedia(map: Parameters<typeof localImages>[0], text: string, base: string): RenderJob['media'] | undefined {
  if (!map) return undefined;
  const lead = /^image: "?(https?:\/\/[^"\n]+)"?$/m.exec(text)?.[1];
  const images = localImages(map, [...(lead ? [lead] : []), ...imageUrls(text)]);
  return Object.keys(images).length > 0 ? { base: base.endsWith('/') ? base : `${base}/`, images } : undefined;
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
