/**
 * Archive files the site leaves out. An item whose bytes, frontmatter or body
 * cannot be read, validated or rendered is not an entry of the collection, so
 * no page, list, feed or search record has it; a feed state file likewise. The
 * loaders record each with a one-line reason naming the file, the build
 * counts them in its summary line and the CI job summary lists them (read back
 * from the small JSON report quarantine-fs.ts writes). Pure.
 */
import { z } from 'astro/zod';

/** Which collection a left-out file would have been an entry of. */
export const LeftOutKindSchema = z.enum(['item', 'revision', 'state']);
export type LeftOutKind = z.output<typeof LeftOutKindSchema>;

/** One archive file left out of the site. */
export const LeftOutFileSchema = z.object({
  /** An item file, an earlier version of an item, or a feed state file. */
  kind: LeftOutKindSchema,
  /** The file, from the project's root (absolute when it lies outside it). */
  file: z.string().min(1),
  /** What is wrong with it, in one line: `frontmatter: published: Invalid date`. */
  reason: z.string().min(1),
});
export type LeftOutFile = z.output<typeof LeftOutFileSchema>;

/** What the last content sync left out: `<cache>/feedshelf-left-out.json`. */
export const LeftOutReportSchema = z.object({
  /** Item files found in the archive, left out or not. */
  items: z.number().int().nonnegative(),
  /** Earlier versions of edited items found in the archive, left out or not. */
  revisions: z.number().int().nonnegative().default(0),
  /** Feed state files found in the archive, left out or not. */
  states: z.number().int().nonnegative(),
  /** Every file left out, sorted by file. */
  leftOut: z.array(LeftOutFileSchema),
});
export type LeftOutReport = z.output<typeof LeftOutReportSchema>;

/** What the person who owns the archive can do about any of them. */
export const LEFT_OUT_ADVICE = 'fix or delete the file';

/** `content/items/x/y.md: frontmatter: published: Invalid date — fix or delete the file` */
export function leftOutLine(entry: Pick<LeftOutFile, 'file' | 'reason'>): string {
  return `${entry.file}: ${entry.reason} — ${LEFT_OUT_ADVICE}`;
}

function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** How many of each kind were left out, in words: "1 item", "2 items and 1 feed state"; "" when none. */
export function leftOutCount(report: LeftOutReport | undefined): string {
  if (!report) return '';
  const of = (kind: LeftOutKind) => report.leftOut.filter((entry) => entry.kind === kind).length;
  const parts = [
    [of('item'), 'item', 'items'],
    [of('revision'), 'earlier version', 'earlier versions'],
    [of('state'), 'feed state', 'feed states'],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, one, many]) => counted(count, one, many))
    .join(' and ');
}

/** Where a file is, for messages: from `root` when inside it, else absolute; always with "/". */
export function displayPath(root: string, file: string): string {
  const normalise = (path: string) => path.split('\\').join('/');
  const from = normalise(root).replace(/\/+$/, '');
  const path = normalise(file);
  return path.startsWith(`${from}/`) ? path.slice(from.length + 1) : path;
}

/** The first line of an error's message, without a trailing colon. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').replace(/:\s*$/, '').trim() || 'unknown error';
}

interface Issue {
  path: readonly PropertyKey[];
  message: string;
}

/** Schema issues as `published: Invalid date; title: missing`: a key absent from `data` is "missing". */
export function describeIssues(issues: readonly Issue[], data: Record<string, unknown>): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || '(top level)';
      const top = issue.path[0];
      const missing = issue.path.length === 1 && typeof top === 'string' && !(top in data);
      return `${path}: ${missing ? 'missing' : issue.message}`;
    })
    .join('; ');
}
