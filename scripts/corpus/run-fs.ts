/**
 * The corpus run: every feed file under a folder, snapshotted one by one into
 * a temporary archive by a pool of workers, then the sanitization tests built
 * into a site and audited.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { AuditFinding } from '#src/audit/audit.ts';
import type { CorpusJob } from './_worker.ts';
import { buildAndAudit } from './build-fs.ts';
import { type CorpusResult, classifyReply, holdsEntry, isSanitizeTest } from './classify.ts';
import { type JobEnd, runPool } from './pool-fs.ts';

export interface CorpusRunOptions {
  /** Files snapshotted at the same time. */
  concurrency?: number;
  /** Per-file wall-clock limit; the worker is killed past it. */
  timeLimitMs?: number;
  /** The snapshot's own fetch timeout. */
  timeoutMs?: number;
  /** Only files whose relative path contains this text. */
  filter?: string;
  onResult?: (result: CorpusResult, done: number, total: number) => void;
}

export interface CorpusRun {
  results: CorpusResult[];
  /** Sanitization test files that archived at least one item, i.e. were built and audited. */
  sanitizeBuilt: number;
  workDir: string;
}

/** The run's fixed clock, so the same corpus gives the same archive. */
const CORPUS_NOW = '2026-01-01T00:00:00.000Z';

/** Feed files: everything that is not hidden, sorted by path. */
export async function listCorpus(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((file) => !file.split('/').some((segment) => segment.startsWith('.')))
    .sort();
}

/** The feed id of the corpus file at `index` (in listing order). */
function corpusFeedId(index: number): string {
  return `f${String(index + 1).padStart(5, '0')}`;
}

/** Where the run archived the corpus file at `index`: its feed's folder of items. */
export function corpusItemsDir(run: CorpusRun, index: number): string {
  const file = run.results[index]?.file ?? '';
  return join(run.workDir, isSanitizeTest(file) ? 'sanitize' : 'other', 'items', corpusFeedId(index));
}

export async function runCorpus(dir: string, options: CorpusRunOptions = {}): Promise<CorpusRun> {
  const root = resolve(dir);
  const files = (await listCorpus(root)).filter(
    (file) => options.filter === undefined || file.includes(options.filter),
  );
  const workDir = await mkdtemp(join(tmpdir(), 'feedshelf-corpus-'));
  const archive = (file: string) => join(workDir, isSanitizeTest(file) ? 'sanitize' : 'other');
  const jobs: CorpusJob[] = files.map((file, index) => ({
    id: corpusFeedId(index),
    path: join(root, file),
    itemsDir: join(archive(file), 'items'),
    stateDir: join(archive(file), 'state'),
    now: CORPUS_NOW,
    timeoutMs: options.timeoutMs ?? 5_000,
  }));
  const hasEntry = await Promise.all(files.map(async (file) => holdsEntry(await readFile(join(root, file), 'latin1'))));
  const results: CorpusResult[] = new Array(files.length);
  let done = 0;
  const toResult = (index: number, end: JobEnd): CorpusResult => {
    const file = files[index] ?? '';
    const base = { file, hasEntry: hasEntry[index] ?? false };
    if (end.kind === 'timed-out') {
      return {
        ...base,
        outcome: 'timed-out',
        items: 0,
        reason: `no answer within ${options.timeLimitMs ?? 10_000} ms`,
      };
    }
    if (end.kind === 'died') return { ...base, outcome: 'crashed', items: 0, reason: end.detail };
    return { ...base, ...classifyReply(end.reply) };
  };
  await runPool(jobs, {
    concurrency: options.concurrency ?? 2,
    timeLimitMs: options.timeLimitMs ?? 10_000,
    onEnd: (index, end) => {
      const result = toResult(index, end);
      results[index] = result;
      done++;
      options.onResult?.(result, done, files.length);
    },
  });
  const sanitizeBuilt = results.filter((result) => isSanitizeTest(result.file) && result.outcome === 'archived').length;
  return { results, sanitizeBuilt, workDir };
}

/**
 * Builds the archived sanitization tests into a site and audits it; no
 * findings when none was archived.
 */
export async function auditSanitizeBuild(run: CorpusRun): Promise<AuditFinding[]> {
  if (run.sanitizeBuilt === 0) return [];
  const sanitize = join(run.workDir, 'sanitize');
  return buildAndAudit({
    itemsDir: join(sanitize, 'items'),
    stateDir: join(sanitize, 'state'),
    outDir: join(sanitize, 'dist'),
  });
}

/** Removes the run's temporary archive. */
export async function removeCorpusRun(run: CorpusRun): Promise<void> {
  await rm(run.workDir, { recursive: true, force: true });
}
