/**
 * Indexes a built site with Pagefind's Node API and writes the search bundle
 * to `<dir>/pagefind/`. Only pages with `data-pagefind-body` (the article
 * pages) end up in the index.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'astro/zod';
import * as pagefind from 'pagefind';

/** The part of Pagefind's pagefind-entry.json that counts indexed pages per language. */
const EntrySchema = z.object({ languages: z.record(z.string(), z.object({ page_count: z.number() })) });

export interface SearchIndexSummary {
  /** Pages in the index (those with data-pagefind-body), summed over languages. */
  pages: number;
  /** Files in the written bundle (library, WebAssembly, index chunks, fragments). */
  files: number;
  /** Total bytes of the written bundle. */
  bytes: number;
  /** Where the bundle was written. */
  outputPath: string;
}

export interface SearchIndexOptions {
  /** Pagefind bundles fragments of a large site into at most this many shared files. */
  maxFragments?: number;
}

class PagefindStepError extends Error {
  constructor(step: string, errors: string[]) {
    super(`Pagefind ${step} reported: ${errors.join('; ')}`);
    this.name = 'PagefindStepError';
  }
}

async function folderSize(dir: string): Promise<{ files: number; bytes: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

async function runPagefind(dir: string, options: SearchIndexOptions): Promise<SearchIndexSummary> {
  const created = await pagefind.createIndex({ maxFragments: options.maxFragments });
  if (created.errors.length > 0 || created.index === undefined)
    throw new PagefindStepError('createIndex', created.errors);
  const { index } = created;
  const added = await index.addDirectory({ path: dir });
  if (added.errors.length > 0) throw new PagefindStepError('addDirectory', added.errors);
  if (added.page_count === 0) {
    throw new PagefindStepError('addDirectory', [`no page with data-pagefind-body was found in ${dir}`]);
  }
  const outputPath = join(dir, 'pagefind');
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length > 0) throw new PagefindStepError('writeFiles', written.errors);
  const entry = EntrySchema.parse(JSON.parse(await readFile(join(outputPath, 'pagefind-entry.json'), 'utf8')));
  const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  return { pages, outputPath, ...(await folderSize(outputPath)) };
}

/** Builds the search index for the site in `dir`; any Pagefind failure becomes one wrapped error. */
export async function indexSite(dir: string, options: SearchIndexOptions = {}): Promise<SearchIndexSummary> {
  try {
    return await runPagefind(dir, options);
  } catch (cause) {
    throw new Error('Failed to run Pagefind.', { cause });
  } finally {
    await pagefind.close();
  }
}
