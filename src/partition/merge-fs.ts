/**
 * Puts the output folders of a partitioned build (one per partition, each
 * with its manifest, manifest.ts) together into one site folder: the one a
 * single build gives, before its search index. Checked as it goes: the
 * folders must be the N partitions of one site; a page one partition rendered
 * must be in its folder and in no other; a file several partitions wrote (the
 * bundled scripts and styles, the public files, the archived images) must be
 * the same bytes in each. Files are hard-linked where the file system allows,
 * so merging costs little disk. Any problem stops the merge with every problem
 * found, before the output folder is touched. What the partitions found of
 * their article pages (day, digest) is handed on to the search index, which
 * then reads none of them to plan its shards.
 */
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { ArticleRecord } from '#src/search/index-fs.ts';
import { exists } from '#src/util/exists-fs.ts';
import { MANIFEST_FILE, manifestProblems, type PartitionManifest, PartitionManifestSchema } from './manifest.ts';

export interface MergeSummary {
  /** Partitions merged. */
  partitions: number;
  /** Files in the merged folder, and how many of them were rendered pages (the rest are shared). */
  files: number;
  pages: number;
  /** The article pages as the partitions described them, for the search index; undefined when one did not. */
  articles?: ArticleRecord[];
}

/** A merge that cannot be done: every reason, one per line. */
export class MergeError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The partitions cannot be merged:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'MergeError';
    this.problems = problems;
  }
}

async function readManifest(dir: string): Promise<PartitionManifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MergeError([
      `${dir} has no ${MANIFEST_FILE}: it is not the output of \`feedshelf build --partition I/N\`, or its upload was incomplete.`,
    ]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = PartitionManifestSchema.safeParse(parsed);
  if (!result.success)
    throw new MergeError([`${file} is not a partition manifest feedshelf wrote; build the partition again.`]);
  return result.data;
}

/** Every file under `dir` but the manifest, relative with `/`, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => file !== MANIFEST_FILE)
    .sort();
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a), stat(b)]);
  if (sa.size !== sb.size) return false;
  if (sa.ino === sb.ino && sa.dev === sb.dev) return true;
  const [ba, bb] = await Promise.all([readFile(a), readFile(b)]);
  return ba.equals(bb);
}

interface Part {
  dir: string;
  manifest: PartitionManifest;
  files: string[];
}

/** The file each output path comes from, or the problems that forbid the merge. */
async function plan(
  parts: readonly Part[],
): Promise<{ sources: Map<string, string>; pages: number; problems: string[] }> {
  const problems: string[] = [];
  const owner = new Map<string, Part>();
  for (const part of parts) {
    const present = new Set(part.files);
    for (const file of part.manifest.files) {
      const other = owner.get(file);
      if (other !== undefined) problems.push(`${file} was rendered by both ${other.dir} and ${part.dir}.`);
      owner.set(file, part);
      if (!present.has(file))
        problems.push(`${part.dir} rendered ${file} but does not hold it: its upload was incomplete.`);
    }
  }
  for (const part of parts) {
    const described = part.manifest.articles;
    if (described === undefined) continue;
    const pages = part.files.filter((file) => file.startsWith('items/') && file.endsWith('.html'));
    const listed = new Set(described.map((article) => article.file));
    const unlisted = pages.filter((file) => !listed.delete(file));
    if (unlisted.length > 0 || listed.size > 0) {
      problems.push(
        `${part.dir} describes other article pages than it holds (${[...unlisted, ...listed].slice(0, 3).join(', ')}): build the partition again.`,
      );
    }
  }
  const sources = new Map<string, string>();
  const from = new Map<string, Part>();
  for (const part of parts) {
    for (const file of part.files) {
      const source = join(part.dir, file);
      const page = owner.get(file);
      if (page !== undefined && page !== part) {
        problems.push(`${file} is a page of ${page.dir}, but ${part.dir} wrote it too.`);
        continue;
      }
      const earlier = from.get(file);
      if (earlier === undefined) {
        sources.set(file, source);
        from.set(file, part);
      } else if (!(await sameBytes(join(earlier.dir, file), source))) {
        problems.push(
          `${file} differs between ${earlier.dir} and ${part.dir}: build every partition from the same commit.`,
        );
      }
    }
  }
  return { sources, pages: owner.size, problems };
}

/** Hard-links `source` to `destination`, or copies it where a link cannot be made. */
async function place(source: string, destination: string): Promise<void> {
  try {
    await link(source, destination);
  } catch {
    await copyFile(source, destination);
  }
}

/** Merges the partition folders `dirs` into `out` (replaced); throws a MergeError listing every problem. */
export async function mergePartitions(dirs: readonly string[], out: string): Promise<MergeSummary> {
  if (dirs.length === 0) throw new MergeError(['no partition folder was given.']);
  const parts: Part[] = [];
  for (const dir of dirs) parts.push({ dir, manifest: await readManifest(dir), files: await listFiles(dir) });
  const problems = manifestProblems(parts);
  if (problems.length > 0) throw new MergeError(problems);
  const { sources, pages, problems: fileProblems } = await plan(parts);
  if (fileProblems.length > 0) throw new MergeError(fileProblems);

  // Written aside and renamed, so an interrupted merge never leaves half a site where the last one was.
  const staging = `${out}.merging`;
  await rm(staging, { recursive: true, force: true });
  const folders = new Set([...sources.keys()].map((file) => dirname(join(staging, file))));
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
  for (const [file, source] of sources) await place(source, join(staging, file));
  if (await exists(out)) await rm(out, { recursive: true, force: true });
  await rename(staging, out);
  const described = parts.every((part) => part.manifest.articles !== undefined);
  const articles = described ? parts.flatMap((part) => part.manifest.articles ?? []) : undefined;
  return { partitions: parts.length, files: sources.size, pages, ...(articles === undefined ? {} : { articles }) };
}
