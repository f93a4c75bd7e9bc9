/**
 * The content loader for per-feed state: `<base>/<feed id>.json` into entries
 * with id `<feed id>`, validated by the feed-state schema. A file that is not
 * UTF-8 JSON or that the schema refuses (a merge conflict left in it, a hand
 * edit) is left out with a one-line reason, like a bad item: the feed's items
 * still build, and its source page shows no state.
 */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { buildPaths } from '#src/archive/paths.ts';
import { type FeedState, FeedStateSchema } from '#src/archive/schema.ts';
import { watchArchive } from './_watch.ts';
import { decodeArchiveFile, type Readable } from './item-entry.ts';
import { describeIssues, displayPath, firstLine, leftOutLine } from './quarantine.ts';
import { recordLeftOut } from './quarantine-fs.ts';

export interface StatesLoaderOptions {
  /** The state folder, from the project's root. */
  base: string;
  /** Where the left-out report goes, from the project's root; buildPaths.leftOut by default. */
  leftOutReport?: string;
}

/** The loader; its schema, typed as it is, gives the collection's entries their type. */
export function statesLoader(options: StatesLoaderOptions): Loader & { schema: typeof FeedStateSchema } {
  return {
    name: 'feedshelf-states',
    schema: FeedStateSchema,
    async load(context) {
      await syncStates(context, options);
      watchArchive(context, options.base, '.json', () => syncStates(context, options));
    },
  };
}

/** A state file's text to feed state, or what is wrong with it. */
export function parseStateFile(text: string): Readable<FeedState> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${firstLine(error)})` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: 'not a JSON object' };
  }
  const result = FeedStateSchema.safeParse(json);
  if (!result.success) {
    return { ok: false, problem: describeIssues(result.error.issues, json as Record<string, unknown>) };
  }
  return { ok: true, value: result.data };
}

async function syncStates(context: LoaderContext, options: StatesLoaderOptions): Promise<void> {
  const { config, store, generateDigest, logger } = context;
  const root = fileURLToPath(config.root);
  const base = resolve(root, options.base);
  const files = listJson(base);
  const leftOut: { file: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const id = file.slice(base.length + 1, -'.json'.length);
    const filePath = displayPath(root, file);
    seen.add(id);
    const state = await readState(file);
    if (!state.ok) {
      store.delete(id);
      leftOut.push({ file: filePath, reason: state.problem });
      continue;
    }
    const digest = generateDigest(JSON.stringify(state.value));
    if (store.get(id)?.digest === digest) continue;
    const data = state.value as unknown as Record<string, unknown>;
    store.set({ id, data, digest, filePath: relative(root, file).split(sep).join('/') });
  }
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  for (const entry of leftOut) logger.warn(leftOutLine(entry));
  recordLeftOut(resolve(root, options.leftOutReport ?? buildPaths.leftOut), 'state', files.length, leftOut);
}

async function readState(file: string): Promise<Readable<FeedState>> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { ok: false, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})` };
  }
  const text = decodeArchiveFile(bytes);
  return text.ok ? parseStateFile(text.value.replace(/^\uFEFF/, '')) : text;
}

/** The .json files directly under `base`, sorted; none when it does not exist. */
function listJson(base: string): string[] {
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((name) => join(base, name));
}
