/**
 * `feedshelf merge PARTS`: the last step of a partitioned build. Each folder
 * in PARTS is the output of one `feedshelf build --partition I/N`; they are
 * checked and put together into the site folder (src/partition/merge-fs.ts),
 * which is then indexed for search (its shards kept in the build's cache, as
 * a single build keeps them) and weighed against the host's limits.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildPaths } from '#src/archive/paths.ts';
import { searchIndexClause } from '#src/integration/build-done-fs.ts';
import { failureMessage } from '#src/integration/build-failure.ts';
import { optionsFromEnvironment } from '#src/integration/options.ts';
import { formatOutputSize, hostLimits, overHostLimits } from '#src/integration/output-size.ts';
import { measureOutput } from '#src/integration/output-size-fs.ts';
import { MergeError, mergePartitions } from '#src/partition/merge-fs.ts';
import { indexSite } from '#src/search/index-fs.ts';
import { type CommandInput, command } from './_command.ts';
import { UsageError } from './errors.ts';

/** The folders in `parts`, sorted: one per partition. */
async function partFolders(parts: string, name: string): Promise<string[]> {
  try {
    const entries = await readdir(parts, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parts, entry.name))
      .sort();
  } catch {
    throw new UsageError('invalid-value', `${parts} is not a folder of partition outputs.`, name);
  }
}

async function merge({ io, args, name }: CommandInput): Promise<number> {
  const parts = resolve(io.cwd, args.positional('parts') ?? '');
  const out = resolve(io.cwd, args.string('out') ?? buildPaths.out);
  const folders = await partFolders(parts, name);
  if (folders.includes(out) || out === parts) {
    throw new UsageError('invalid-value', `--out ${out} is one of the partitions: merge into another folder.`, name);
  }
  const host = hostLimits(io.env.FEEDSHELF_HOST);
  const search = optionsFromEnvironment(io.env).search ?? true;
  let merged: Awaited<ReturnType<typeof mergePartitions>>;
  try {
    merged = await mergePartitions(folders, out);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 1;
  }
  io.stdout.write(
    `Merged ${merged.partitions} partition(s) into ${out}: ${merged.files} files, ${merged.pages} of them rendered pages.\n`,
  );
  if (search) {
    try {
      const index = await indexSite(out, {
        cacheDir: resolve(io.cwd, buildPaths.cache, 'feedshelf-search'),
        ...(merged.articles === undefined ? {} : { articles: merged.articles }),
      });
      io.stdout.write(`${searchIndexClause(index)}.\n`);
    } catch (error) {
      io.stderr.write(`The search index of ${out} could not be built: ${failureMessage(error)}\n`);
      return 1;
    }
  }
  const size = await measureOutput(out);
  io.stdout.write(`${formatOutputSize(size)}\n`);
  for (const line of overHostLimits(size, host)) io.stderr.write(`warning: ${line}\n`);
  return 0;
}

export const mergeCommand = command({
  meta: {
    name: 'merge',
    description: 'Merge the outputs of a partitioned build (build --partition I/N) into the site, and index it.',
  },
  args: {
    parts: {
      type: 'positional',
      valueHint: 'PARTS',
      description: 'a folder holding one folder per partition, each the output of one partition',
      required: true,
    },
    out: {
      type: 'string',
      valueHint: 'DIR',
      description: 'the site folder to write (default: dist, or FEEDSHELF_OUT_DIR)',
    },
  },
  notes:
    'Every partition must be there, built from the same commit: a page rendered twice or missing, or a shared\nfile that differs between partitions, stops the merge before DIR is touched. FEEDSHELF_SEARCH=off skips\nthe search index. Exit code 1 on any problem.',
  action: merge,
});
