/**
 * The fuzz run's snapshot stage: cases written as feed files in batches, each
 * batch snapshotted by a pool worker into an archive of its own, every feed's
 * outcome judged. A batch that hangs, dies or throws is run again one feed at
 * a time, so the feed to blame is the one that does it alone.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { caseBytes, caseExtension } from './cases.ts';
import type { FuzzCase } from './model.ts';
import type { BatchEnd, BatchPool } from './pool-fs.ts';
import type { FeedResult } from './protocol.ts';
import { type FeedVerdict, judgeFeed, type ViolationKind } from './verdict.ts';

/** The fuzz run's clock: dates after it are in the future. */
export const FUZZ_NOW = '2026-06-01T00:00:00.000Z';

export interface CaseOutcome {
  index: number;
  feedId: string;
  verdict: FeedVerdict;
  /** The archive the feed's items are in. */
  itemsDir: string;
  stateDir: string;
}

export interface SnapshotStageOptions {
  workDir: string;
  pool: BatchPool;
  seeds: ReadonlyMap<string, Uint8Array>;
  batchSize: number;
  /** Batches in flight at once: the pool's size, so feed files are written only just before they are read. */
  lanes: number;
  /** Told of each finished case. */
  onCase?: (outcome: CaseOutcome) => void;
}

export function feedIdOf(index: number): string {
  return `fz-${String(index).padStart(6, '0')}`;
}

function violated(kind: ViolationKind, detail: string): FeedVerdict {
  return { outcome: 'violated', items: 0, warningClasses: [], violations: [{ kind, detail }] };
}

interface Job {
  name: string;
  indices: number[];
}

async function writeFeeds(dir: string, cases: readonly FuzzCase[], job: Job, seeds: ReadonlyMap<string, Uint8Array>) {
  await mkdir(dir, { recursive: true });
  const feeds: { id: string; path: string }[] = [];
  for (const index of job.indices) {
    const fuzzCase = cases[index];
    if (fuzzCase === undefined) continue;
    const path = join(dir, `${feedIdOf(index)}.${caseExtension(fuzzCase)}`);
    await writeFile(path, caseBytes(fuzzCase, seeds));
    feeds.push({ id: feedIdOf(index), path });
  }
  return feeds;
}

/** Verdicts for a single-feed job's end. */
function singleVerdict(end: BatchEnd): FeedVerdict {
  if (end.kind === 'timed-out') return violated('hang', 'the snapshot of this feed alone did not finish in time');
  if (end.kind === 'died')
    return violated('worker-died', `the snapshot of this feed alone killed its process: ${end.detail}`);
  if (end.kind === 'threw') return violated('threw', `runSnapshot threw: ${end.error}`);
  const result: FeedResult | null | undefined = end.feeds[0];
  return result ? judgeFeed(result) : violated('unreported', 'the snapshot report holds no outcome for the feed');
}

async function runJob(job: Job, cases: readonly FuzzCase[], options: SnapshotStageOptions): Promise<BatchEnd> {
  const feedsDir = join(options.workDir, 'feeds', job.name);
  const archive = join(options.workDir, 'archives', job.name);
  const feeds = await writeFeeds(feedsDir, cases, job, options.seeds);
  try {
    return await options.pool.run({
      feeds,
      itemsDir: join(archive, 'items'),
      stateDir: join(archive, 'state'),
      now: FUZZ_NOW,
    });
  } finally {
    await rm(feedsDir, { recursive: true, force: true });
  }
}

function outcomeOf(job: Job, index: number, verdict: FeedVerdict, workDir: string): CaseOutcome {
  const archive = join(workDir, 'archives', job.name);
  return {
    index,
    feedId: feedIdOf(index),
    verdict,
    itemsDir: join(archive, 'items'),
    stateDir: join(archive, 'state'),
  };
}

async function runBatch(job: Job, cases: readonly FuzzCase[], options: SnapshotStageOptions): Promise<CaseOutcome[]> {
  const end = await runJob(job, cases, options);
  if (end.kind === 'result') {
    return job.indices.map((index, position) => {
      const result = end.feeds[position];
      const verdict = result
        ? judgeFeed(result)
        : violated('unreported', 'the snapshot report holds no outcome for the feed');
      return outcomeOf(job, index, verdict, options.workDir);
    });
  }
  // Find the feed to blame: each one alone, in an archive of its own.
  return Promise.all(
    job.indices.map(async (index) => {
      const single: Job = { name: `${job.name}-${feedIdOf(index)}`, indices: [index] };
      return outcomeOf(single, index, singleVerdict(await runJob(single, cases, options)), options.workDir);
    }),
  );
}

/** Snapshot every case; outcomes in case order. */
export async function snapshotCases(cases: readonly FuzzCase[], options: SnapshotStageOptions): Promise<CaseOutcome[]> {
  const jobs: Job[] = [];
  for (let start = 0; start < cases.length; start += options.batchSize) {
    const indices = Array.from({ length: Math.min(options.batchSize, cases.length - start) }, (_, i) => start + i);
    jobs.push({ name: `b${String(jobs.length).padStart(4, '0')}`, indices });
  }
  const outcomes: CaseOutcome[] = new Array(cases.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
      for (const outcome of await runBatch(job, cases, options)) {
        outcomes[outcome.index] = outcome;
        options.onCase?.(outcome);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.lanes) }, lane));
  return outcomes;
}

/** Snapshot one case alone (for shrinking); the violations it shows. */
export async function snapshotOne(
  fuzzCase: FuzzCase,
  attempt: string,
  options: Pick<SnapshotStageOptions, 'workDir' | 'pool' | 'seeds'>,
): Promise<FeedVerdict> {
  const job: Job = { name: `shrink-${attempt}`, indices: [0] };
  const end = await runJob(job, [fuzzCase], { ...options, batchSize: 1, lanes: 1 });
  await rm(join(options.workDir, 'archives', job.name), { recursive: true, force: true });
  return singleVerdict(end);
}
