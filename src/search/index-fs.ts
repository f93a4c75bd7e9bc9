/**
 * Indexes a built site with Pagefind and writes the search bundle to
 * `<dir>/pagefind/`: one Pagefind index per shard (./shards.ts)
 * in `pagefind/<shard>/`, and `pagefind/shards.json` listing them newest first.
 *
 * Each shard is indexed by Pagefind's CLI in its own process, over a staging
 * folder holding just the shard's article documents, so memory is bounded by
 * the shard size rather than the archive's; shards that changed are indexed
 * concurrently, one per core as far as memory allows (shardJobs). A built
 * shard is kept in `<cache>/feedshelf-search/<fingerprint>/` and hard-linked
 * into the site (so files under dist/pagefind/ must be replaced, never edited in
 * place); the next build re-indexes only shards whose pages changed.
 *
 * Which shards changed is known from each page's day and digest. Those are
 * kept in `<cache>/feedshelf-search/pages.json` (./page-manifest.ts) with the
 * page's size and mtime, so a warm rebuild reads and hashes only the pages
 * Astro wrote again (new mtime) and takes the rest from the manifest; a missing
 * or unreadable manifest means reading every page. A shard that is indexed
 * still reads its pages and checks them against their digests.
 */
import { spawn } from 'node:child_process';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'astro/zod';
import { buildPaths } from '#src/archive/paths.ts';
import { exists } from '#src/util/exists-fs.ts';
import {
  PAGE_MANIFEST_FILE,
  type PageManifest,
  type PageRecord,
  pageManifest,
  pageRecord,
  parsePageManifest,
  recordedPages,
  reusableRecord,
} from './page-manifest.ts';
import {
  articleDocument,
  planShards,
  SHARD_FORMAT,
  type Shard,
  type ShardPage,
  sha256,
  shardFingerprint,
  shardJobs,
  shardLimitFrom,
  shardManifest,
} from './shards.ts';

/** The part of Pagefind's pagefind-entry.json that counts indexed pages per language. */
const EntrySchema = z.object({
  version: z.string(),
  languages: z.record(z.string(), z.object({ page_count: z.number() })),
});

export interface SearchIndexSummary {
  /** Pages in the index (those with data-pagefind-body), summed over shards and languages. */
  pages: number;
  /** Shards in the bundle, and how many of them this run indexed (the rest came from the cache). */
  shards: number;
  indexed: number;
  /**
   * Article files read and hashed to find their day and digest; the others were unchanged since the
   * last index and taken from its manifest. (The pages of a shard that is indexed are read again.)
   */
  read: number;
  /** Files in the written bundle (library, WebAssembly, index chunks, fragments). */
  files: number;
  /** Total bytes of the written bundle. */
  bytes: number;
  /** Where the bundle was written. */
  outputPath: string;
}

export interface SearchIndexOptions {
  /** Where built shards are kept between builds. Default: `<Astro cache>/feedshelf-search`. */
  cacheDir?: string;
  /** Pages per shard. Default: FEEDSHELF_SEARCH_SHARD_PAGES, else 8,000. */
  shardPages?: number;
  /** Pagefind bundles a shard's fragments into at most this many shared files. */
  maxFragments?: number;
  /** Shards indexed at once. Default: FEEDSHELF_SEARCH_JOBS, else one per core as memory allows. */
  jobs?: number;
  /**
   * What is already known of every article page (from the partitions of the build, which each
   * described their own: describeArticles): the pages are then not read to plan the shards.
   */
  articles?: readonly ArticleRecord[];
}

/** An article page as the index sees it: its day and the digest of what it indexes (null: Pagefind skips it). */
export interface ArticleRecord {
  file: string;
  day: string;
  digest: string | null;
}

/** Pagefind's CLI, run through its npm wrapper (which picks the platform's binary). */
export const PAGEFIND_CLI = join(dirname(fileURLToPath(import.meta.resolve('pagefind'))), 'runner', 'bin.cjs');

async function pagefindVersion(): Promise<string> {
  const manifest = join(dirname(PAGEFIND_CLI), '..', '..', 'package.json');
  const parsed = z.object({ version: z.string() }).parse(JSON.parse(await readFile(manifest, 'utf8')));
  return parsed.version;
}

/** Article pages, the only ones with data-pagefind-body, are all under items/ (src/routes/items/). */
const ARTICLES = 'items';

/** Reads are I/O-bound: this many at once keeps the disk busy without holding many pages in memory. */
const READ_CONCURRENCY = 16;

/**
 * Runs `task` over `inputs` with at most `limit` running at once; results in input order. After a
 * failure no task starts, and the first failure is thrown once the running ones have settled.
 */
async function mapConcurrent<T, R>(inputs: readonly T[], limit: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < inputs.length) {
      const index = next++;
      try {
        results[index] = await task(inputs[index] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}

async function articleFiles(dir: string): Promise<string[]> {
  const root = join(dir, ARTICLES);
  if (!(await exists(root))) return [];
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

interface Scan {
  /** Every page Pagefind would index, with its day and the digest of what it indexes. */
  pages: ShardPage[];
  /** What to write to the manifest once the index is built. */
  manifest: PageManifest;
  /** Files read (the others reused their record in `previous`). */
  read: number;
}

/**
 * Finds each article file's day and digest: from its record in `previous` where that still holds
 * (./page-manifest.ts), else by reading and hashing it. Each file is looked at (stat) before it is
 * read, so a file rewritten in between has a newer mtime than its record and is read next time.
 */
async function scanPages(dir: string, site: string, previous: PageManifest | undefined): Promise<Scan> {
  const taken = Date.now();
  const scanned = await mapConcurrent(await articleFiles(dir), READ_CONCURRENCY, async (file) => {
    const path = join(dir, file);
    const info = await stat(path);
    const kept = reusableRecord(previous, file, info);
    if (kept !== undefined) return { file, record: kept, read: false };
    const document = articleDocument(await readFile(path, 'utf8'));
    const page = document === undefined ? undefined : { day: document.day, digest: sha256(document.html) };
    return { file, record: pageRecord(info, page), read: true };
  });
  const records = new Map<string, PageRecord>(scanned.map(({ file, record }) => [file, record]));
  return {
    pages: recordedPages(records),
    manifest: pageManifest(site, SHARD_FORMAT, taken, records),
    read: scanned.filter((entry) => entry.read).length,
  };
}

/** The last index's manifest in `cacheDir`; undefined when there is none or it cannot be used. */
async function readPageManifest(cacheDir: string, site: string): Promise<PageManifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(cacheDir, PAGE_MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return parsePageManifest(text, site, SHARD_FORMAT);
}

/** Replaces the manifest in `cacheDir` at once (written aside, then renamed): never half a file. */
async function writePageManifest(cacheDir: string, manifest: PageManifest): Promise<void> {
  const file = join(cacheDir, PAGE_MANIFEST_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(manifest)}\n`);
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new Error(
      `The search index was built, but its page manifest could not be written to ${file}: make the cache folder writable (or delete it) and build again.`,
      { cause },
    );
  }
}

function runPagefind(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PAGEFIND_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`Pagefind exited with ${signal ?? `code ${code}`}:\n${output.trim()}`));
    });
  });
}

/** Builds one shard's index from the site's pages into `target` (written aside, then renamed). */
async function indexShard(dir: string, shard: Shard, target: string, options: SearchIndexOptions): Promise<void> {
  const staging = `${target}.staging`;
  const output = `${target}.partial`;
  await rm(staging, { recursive: true, force: true });
  await rm(output, { recursive: true, force: true });
  try {
    await mapConcurrent(shard.pages, READ_CONCURRENCY, async (page) => {
      const document = articleDocument(await readFile(join(dir, page.file), 'utf8'));
      if (document === undefined || sha256(document.html) !== page.digest) {
        throw new Error(`${page.file} changed while the search index was being built; build again.`);
      }
      const file = join(staging, page.file);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, document.html);
    });
    const args = ['--site', staging, '--output-path', output, '--quiet'];
    if (options.maxFragments !== undefined) args.push('--max-fragments', String(options.maxFragments));
    await runPagefind(args);
    await rename(output, target);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
  }
}

/** Hard-links (or, across file systems, copies) every file of `from` into `to`. */
async function linkTree(from: string, to: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const folders = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.parentPath));
  for (const folder of folders) await mkdir(join(to, relative(from, folder)), { recursive: true });
  const sizes = await mapConcurrent(
    entries.filter((entry) => entry.isFile()),
    READ_CONCURRENCY,
    async (entry) => {
      const source = join(entry.parentPath, entry.name);
      const destination = join(to, relative(from, source));
      try {
        await link(source, destination);
      } catch {
        await copyFile(source, destination);
      }
      return (await stat(source)).size;
    },
  );
  return { files: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

async function pageCount(shardDir: string): Promise<number> {
  const entry = EntrySchema.parse(JSON.parse(await readFile(join(shardDir, 'pagefind-entry.json'), 'utf8')));
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

async function writeBundle(dir: string, options: SearchIndexOptions): Promise<SearchIndexSummary> {
  const cacheDir = options.cacheDir ?? join(buildPaths.cache, 'feedshelf-search');
  const limit = options.shardPages ?? shardLimitFrom(process.env.FEEDSHELF_SEARCH_SHARD_PAGES);
  const site = resolve(dir);
  const scan =
    options.articles === undefined ? await scanPages(dir, site, await readPageManifest(cacheDir, site)) : undefined;
  const pages = scan?.pages ?? knownPages(options.articles ?? []);
  if (pages.length === 0) {
    throw new Error(
      `no article page (data-pagefind-body) was found under ${join(dir, ARTICLES)}: build the site first.`,
    );
  }
  const shards = planShards(pages, limit);
  const version = await pagefindVersion();
  const outputPath = join(dir, 'pagefind');
  await rm(outputPath, { recursive: true, force: true });
  await mkdir(cacheDir, { recursive: true });

  const planned = shards.map((shard) => {
    const fingerprint = `${shardFingerprint(shard, version)}${options.maxFragments === undefined ? '' : `-f${options.maxFragments}`}`;
    return { shard, fingerprint, built: join(cacheDir, fingerprint) };
  });
  const used = new Set(planned.map((plan) => plan.fingerprint));
  const missing: typeof planned = [];
  for (const plan of planned) if (!(await exists(join(plan.built, 'pagefind-entry.json')))) missing.push(plan);
  const largest = Math.max(0, ...missing.map((plan) => plan.shard.pages.length));
  const jobs =
    options.jobs ?? shardJobs(largest, availableParallelism(), totalmem(), process.env.FEEDSHELF_SEARCH_JOBS);
  // Each shard's index depends on its pages alone, so the order they finish in changes no byte.
  await mapConcurrent(missing, jobs, async ({ shard, built }) => {
    await rm(built, { recursive: true, force: true });
    try {
      await indexShard(dir, shard, built, options);
    } catch (cause) {
      throw new Error(`Indexing search shard ${shard.key} (${shard.pages.length} pages) failed.`, { cause });
    }
  });
  const indexed = missing.length;
  let files = 0;
  let bytes = 0;
  let indexedPages = 0;
  for (const { shard, built } of planned) {
    const count = await pageCount(built);
    if (count !== shard.pages.length) {
      throw new Error(`search shard ${shard.key} holds ${count} pages, expected ${shard.pages.length}`);
    }
    indexedPages += count;
    const linked = await linkTree(built, join(outputPath, shard.key));
    files += linked.files;
    bytes += linked.bytes;
  }
  const manifest = `${JSON.stringify(shardManifest(shards))}\n`;
  await writeFile(join(outputPath, 'shards.json'), manifest);
  files += 1;
  bytes += Buffer.byteLength(manifest);

  // Shards no page belongs to any more (and leftovers of an interrupted run) go; the manifest stays.
  for (const name of await readdir(cacheDir)) {
    if (!used.has(name) && name !== PAGE_MANIFEST_FILE)
      await rm(join(cacheDir, name), { recursive: true, force: true });
  }
  if (scan !== undefined) await writePageManifest(cacheDir, scan.manifest);
  return { pages: indexedPages, shards: shards.length, indexed, read: scan?.read ?? 0, files, bytes, outputPath };
}

function knownPages(articles: readonly ArticleRecord[]): ShardPage[] {
  return articles.flatMap(({ file, day, digest }) => (digest === null ? [] : [{ file, day, digest }]));
}

/**
 * Every article page of `dir` as the index sees it, for a partition of the build to hand to the
 * merge, which then reads none of them to plan the shards. Like the index, it reads only the pages
 * that changed since it last looked (its manifest in `cacheDir`).
 */
export async function describeArticles(
  dir: string,
  cacheDir = join(buildPaths.cache, 'feedshelf-search'),
): Promise<{ articles: ArticleRecord[]; read: number }> {
  const site = resolve(dir);
  const scan = await scanPages(dir, site, await readPageManifest(cacheDir, site));
  await mkdir(cacheDir, { recursive: true });
  await writePageManifest(cacheDir, scan.manifest);
  const articles = Object.entries(scan.manifest.pages).map(([file, record]) => ({
    file,
    day: record.day,
    digest: record.digest,
  }));
  return { articles, read: scan.read };
}

/** Builds the search bundle for the site in `dir`; any failure becomes one wrapped error. */
export async function indexSite(dir: string, options: SearchIndexOptions = {}): Promise<SearchIndexSummary> {
  try {
    return await writeBundle(dir, options);
  } catch (cause) {
    throw new Error('Failed to build the search index with Pagefind.', { cause });
  }
}
