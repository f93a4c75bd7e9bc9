/**
 * The conformance corpus run, pure part: what each file's outcome means, the
 * per-folder table and the targets the run must meet. The process pool that
 * produces the outcomes is in pool-fs.ts; the CLI is scripts/corpus.ts.
 */
import { z } from 'astro/zod';

/** How one corpus file ended. */
export type CorpusOutcome = 'archived' | 'empty' | 'rejected' | 'crashed' | 'timed-out';

export const OUTCOMES: readonly CorpusOutcome[] = ['archived', 'empty', 'rejected', 'crashed', 'timed-out'];

/** What a worker sends back for one file. */
export const WorkerReplySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('report'),
    /** The feed's status in the snapshot report. */
    status: z.string(),
    code: z.string().optional(),
    error: z.string().optional(),
    /** Items written or kept for the feed. */
    items: z.number().int().nonnegative(),
  }),
  /** runSnapshot itself threw: never expected, whatever the input. */
  z.object({ kind: z.literal('threw'), error: z.string() }),
]);
export type WorkerReply = z.output<typeof WorkerReplySchema>;

/**
 * Messages of JavaScript's own errors: a reason that quotes one is a bug in
 * the engine (or a library) wrapped as a rejection, not a verdict on the input.
 */
export const INTERNAL_ERROR =
  /Cannot read propert(?:y|ies) of (?:undefined|null)|is not a function|is not iterable|is not defined|Maximum call stack size exceeded|Invalid array length/;

/** Report codes that mean the engine met something it did not expect (a bug, not bad input). */
export const CRASH_CODES: ReadonlySet<string> = new Set(['internal', 'unexpected', 'bug']);

export interface CorpusResult {
  /** Path relative to the corpus root, with "/" separators. */
  file: string;
  outcome: CorpusOutcome;
  items: number;
  /** One line: why the file was rejected, crashed or timed out. */
  reason?: string;
  /** The file holds an <item> or <entry> element (or JSON Feed items). */
  hasEntry: boolean;
}

/** The outcome a worker reply stands for. */
export function classifyReply(reply: WorkerReply): { outcome: CorpusOutcome; items: number; reason?: string } {
  if (reply.kind === 'threw') return { outcome: 'crashed', items: 0, reason: `runSnapshot threw: ${reply.error}` };
  if (reply.status === 'ok' || reply.status === 'not-modified') {
    return reply.items > 0 ? { outcome: 'archived', items: reply.items } : { outcome: 'empty', items: 0 };
  }
  const reason = reply.error ?? `feed ${reply.status} without a reason`;
  if (reply.code === undefined || CRASH_CODES.has(reply.code) || INTERNAL_ERROR.test(reason)) {
    return { outcome: 'crashed', items: 0, reason };
  }
  return { outcome: 'rejected', items: 0, reason };
}

/** Whether a feed document holds at least one entry, judged from its text. */
export function holdsEntry(text: string): boolean {
  const withoutComments = text.replace(/<!--[\s\S]*?-->/g, '');
  if (/^\s*[{[]/.test(withoutComments)) return /"items"\s*:\s*\[\s*\{/.test(withoutComments);
  return /<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s/>]/.test(withoutComments);
}

/** The corpus folder a file is tallied under: its first path segment, or "." at the root. */
export function topFolder(file: string): string {
  const slash = file.indexOf('/');
  return slash === -1 ? '.' : file.slice(0, slash);
}

/** The Universal Feed Parser's sanitization tests are named for it (wellformed/sanitize/…). */
export function isSanitizeTest(file: string): boolean {
  return /sanitize/i.test(file);
}

/** A rejection reason a person can read in one line: non-empty, no line break, not a stack frame. */
export function isOneLineReason(reason: string | undefined): boolean {
  return reason !== undefined && reason.trim() !== '' && !/[\r\n]/.test(reason) && !/\bat .+:\d+:\d+\)?$/.test(reason);
}

export interface FolderSummary {
  folder: string;
  files: number;
  counts: Record<CorpusOutcome, number>;
  /** Files that hold an entry, and how many of those were archived. */
  withEntry: number;
  withEntryArchived: number;
}

export function summarise(results: readonly CorpusResult[]): FolderSummary[] {
  const folders = new Map<string, FolderSummary>();
  for (const result of results) {
    const folder = topFolder(result.file);
    let summary = folders.get(folder);
    if (summary === undefined) {
      summary = { folder, files: 0, counts: zeroCounts(), withEntry: 0, withEntryArchived: 0 };
      folders.set(folder, summary);
    }
    summary.files++;
    summary.counts[result.outcome]++;
    if (result.hasEntry) {
      summary.withEntry++;
      if (result.outcome === 'archived') summary.withEntryArchived++;
    }
  }
  return [...folders.values()].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
}

function zeroCounts(): Record<CorpusOutcome, number> {
  return { archived: 0, empty: 0, rejected: 0, crashed: 0, 'timed-out': 0 };
}

/** The per-folder table, with a total row. */
export function formatTable(summaries: readonly FolderSummary[]): string {
  const header = ['folder', 'files', ...OUTCOMES, 'entry files archived'];
  const total: FolderSummary = { folder: 'total', files: 0, counts: zeroCounts(), withEntry: 0, withEntryArchived: 0 };
  for (const summary of summaries) {
    total.files += summary.files;
    total.withEntry += summary.withEntry;
    total.withEntryArchived += summary.withEntryArchived;
    for (const outcome of OUTCOMES) total.counts[outcome] += summary.counts[outcome];
  }
  const row = (s: FolderSummary): string[] => [
    s.folder,
    String(s.files),
    ...OUTCOMES.map((outcome) => String(s.counts[outcome])),
    `${s.withEntryArchived}/${s.withEntry} (${percent(s.withEntryArchived, s.withEntry)})`,
  ];
  const rows = [header, ...summaries.map(row), row(total)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const render = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = rows.slice(1, -1).map(render);
  return [render(header), rule, ...body, rule, render(rows[rows.length - 1] ?? [])].join('\n');
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((part / whole) * 100).toFixed(1)} %`;
}

/** The first `limit` reasons of each outcome that carries one, for the report. */
export function sampleReasons(results: readonly CorpusResult[], limit = 5): string[] {
  const lines: string[] = [];
  for (const outcome of ['rejected', 'crashed', 'timed-out'] as const) {
    const matching = results.filter((result) => result.outcome === outcome);
    if (matching.length === 0) continue;
    lines.push(`${outcome} (${matching.length}):`);
    for (const result of matching.slice(0, limit)) lines.push(`  ${result.file}: ${result.reason ?? '(no reason)'}`);
  }
  return lines;
}

/** Share of the wellformed/ files holding an entry that must be archived. */
export const WELLFORMED_TARGET = 0.95;

/** Every way the run missed its targets, one line each; empty when it met them all. */
export function targetMisses(results: readonly CorpusResult[], sanitizeFindings: number): string[] {
  const misses: string[] = [];
  const crashed = results.filter((result) => result.outcome === 'crashed').length;
  const timedOut = results.filter((result) => result.outcome === 'timed-out').length;
  if (crashed > 0) misses.push(`${crashed} file(s) crashed the snapshot (target: 0).`);
  if (timedOut > 0) misses.push(`${timedOut} file(s) timed out (target: 0).`);
  const unclear = results.filter((result) => result.outcome === 'rejected' && !isOneLineReason(result.reason));
  if (unclear.length > 0)
    misses.push(`${unclear.length} rejection(s) without a one-line reason, e.g. ${unclear[0]?.file}.`);
  const wellformed = results.filter((result) => topFolder(result.file) === 'wellformed' && result.hasEntry);
  const archived = wellformed.filter((result) => result.outcome === 'archived').length;
  if (wellformed.length > 0 && archived / wellformed.length < WELLFORMED_TARGET) {
    misses.push(
      `Only ${archived} of ${wellformed.length} wellformed/ files with an entry were archived (${percent(archived, wellformed.length)}; target: ${WELLFORMED_TARGET * 100} %).`,
    );
  }
  if (sanitizeFindings > 0)
    misses.push(`The built sanitization tests hold ${sanitizeFindings} audit finding(s) (target: 0).`);
  return misses;
}
