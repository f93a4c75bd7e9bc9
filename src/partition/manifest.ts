/**
 * The manifest a partition of the build leaves in its output folder
 * (`.feedshelf-partition.json`): which partition it is, of which site, and
 * the files it rendered. The merge (merge-fs.ts) reads one per partition to
 * check that they are the N parts of one site, each page rendered exactly
 * once, before it puts them together; the merged site has none. Pure.
 */
import { z } from 'astro/zod';
import { formatPartition, type Partition } from './partition.ts';

export const MANIFEST_FILE = '.feedshelf-partition.json';

export const PartitionManifestSchema = z.strictObject({
  version: z.literal(1),
  /** This partition: the `index`-th of `of`. */
  partition: z.strictObject({ index: z.int().min(1), of: z.int().min(1) }),
  /** The project's git commit when it is a repository, so parts of different commits are never merged. */
  commit: z.string().optional(),
  /** The whole site: how many paths it has and the digest of their list (prerenderer.ts). */
  site: z.strictObject({ paths: z.int().min(0), digest: z.string() }),
  /** How many of the site's paths this partition rendered. */
  paths: z.int().min(0),
  /** The files those paths wrote, relative to the output folder with `/`, sorted. */
  files: z.array(z.string()),
  /**
   * Its article pages as the search index sees them (day, and the digest of what it indexes; null
   * for a page it skips), so the merge reads none of them to plan the index. Absent when the
   * partition was built without the search index.
   */
  articles: z
    .array(
      z.strictObject({
        file: z.string(),
        day: z.string(),
        digest: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .nullable(),
      }),
    )
    .optional(),
});
export type PartitionManifest = z.output<typeof PartitionManifestSchema>;

/** The problems that keep `manifests` (each with the folder it came from) from being one site's N parts. */
export function manifestProblems(manifests: readonly { dir: string; manifest: PartitionManifest }[]): string[] {
  const problems: string[] = [];
  const first = manifests[0];
  if (first === undefined) return ['no partition was given.'];
  const of = first.manifest.partition.of;
  const byIndex = new Map<number, string>();
  for (const { dir, manifest } of manifests) {
    const name = `${dir} (partition ${formatPartition(manifest.partition)})`;
    if (manifest.partition.of !== of) {
      problems.push(`${name} is one of ${manifest.partition.of} partitions, ${first.dir} one of ${of}.`);
    }
    const other = byIndex.get(manifest.partition.index);
    if (other !== undefined) problems.push(`${name} and ${other} are the same partition.`);
    byIndex.set(manifest.partition.index, dir);
    if (manifest.site.digest !== first.manifest.site.digest) {
      problems.push(`${name} has other pages than ${first.dir}: they were built from different archives.`);
    }
    if (manifest.commit !== first.manifest.commit) {
      problems.push(
        `${name} was built from commit ${manifest.commit ?? '(none)'}, ${first.dir} from ${first.manifest.commit ?? '(none)'}.`,
      );
    }
  }
  const missing = Array.from({ length: of }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) problems.push(`partition(s) ${missing.map((index) => `${index}/${of}`).join(', ')} missing.`);
  if (problems.length === 0) {
    const rendered = manifests.reduce((sum, { manifest }) => sum + manifest.paths, 0);
    if (rendered !== first.manifest.site.paths) {
      problems.push(
        `the partitions rendered ${rendered} paths between them, the site has ${first.manifest.site.paths}.`,
      );
    }
  }
  return problems;
}

export function partitionManifest(
  partition: Partition,
  site: { paths: number; digest: string },
  paths: number,
  files: readonly string[],
  commit: string | undefined,
  articles?: PartitionManifest['articles'],
): PartitionManifest {
  return {
    version: 1,
    partition: { index: partition.index, of: partition.of },
    ...(commit === undefined ? {} : { commit }),
    site,
    paths,
    files: [...files].sort(),
    ...(articles === undefined
      ? {}
      : { articles: [...articles].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) }),
  };
}
