/**
 * One fuzz run: sample the cases from the seed, snapshot them all in a pool of
 * workers, build a few hundred of the archived items at a time into sites with
 * the full build, open a sample of the built pages in Chromium, then shrink
 * and save the first failing case of each kind. Returns what happened; the CLI
 * prints it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildFeed, type BuildResult, buildFeeds } from './build-fs.ts';
import { caseSeed, sampleCases } from './cases.ts';
import type { FuzzCase } from './model.ts';
import { checkPages, type PagesCheck, samplePages } from './pages-fs.ts';
import { createBatchPool } from './pool-fs.ts';
import { loadSeeds } from './seeds-fs.ts';
import { saveFailure, shrinkCase } from './shrink-fs.ts';
import { type CaseOutcome, snapshotCases } from './snapshot-fs.ts';
import { SNAPSHOT_VIOLATIONS, type Violation } from './verdict.ts';

export interface FuzzOptions {
  seed: number;
  count: number;
  batchSize: number;
  /** Worker processes (and batches in flight). */
  workers: number;
  /** A feed that takes longer than this is a hang. */
  feedTimeoutMs: number;
  builds: number;
  /** Items per build, about. */
  buildItems: number;
  /** Pages opened in Chromium, over all builds. */
  pages: number;
  /** Time spent shrinking each failing case. */
  shrinkMs: number;
  /** Failing cases shrunk and saved, at most. */
  maxShrunk: number;
  failuresDir: string;
  keep: boolean;
  onProgress?: (line: string) => void;
}

export interface SavedFailure {
  kind: string;
  index: number;
  file: string;
  /** The case's fast-check seed and the shrunk counterexample's path. */
  caseSeed: number;
  path: string;
  shrinks: number;
  reproduced: boolean;
}

export interface FuzzRun {
  options: FuzzOptions;
  cases: FuzzCase[];
  outcomes: CaseOutcome[];
  builds: BuildResult[];
  pages: PagesCheck[];
  violations: Violation[];
  saved: SavedFailure[];
  workDir: string;
  durationMs: number;
  snapshotMs: number;
  buildMs: number;
}

/** Feeds for the builds: archived ones spread through the run, a few hundred items per build, none reused. */
export function planBuilds(outcomes: readonly CaseOutcome[], builds: number, itemsPerBuild: number): BuildFeed[][] {
  const archived = outcomes.filter((outcome) => outcome.verdict.outcome === 'archived');
  // Small feeds first in each stride keeps many feeds (many kinds) per build; one huge feed would fill it.
  const cap = Math.max(1, Math.floor(itemsPerBuild / 4));
  const plans: BuildFeed[][] = Array.from({ length: builds }, () => []);
  const counts = new Array<number>(builds).fill(0);
  for (const [position, outcome] of archived.entries()) {
    const build = position % Math.max(1, builds);
    const items = outcome.verdict.items;
    if (items > cap || (counts[build] ?? 0) + items > itemsPerBuild) continue;
    plans[build]?.push({ id: outcome.feedId, itemsDir: outcome.itemsDir, stateDir: outcome.stateDir });
    counts[build] = (counts[build] ?? 0) + items;
  }
  return plans.filter((plan) => plan.length > 0);
}

/** The line of a build's output that says what failed, with runs of hundreds of slug characters cut short. */
function errorLine(output: string): string {
  const lines = output.trim().split('\n');
  const line = lines.find((text) => /Build failed|\[ERROR\]|Error:/.test(text)) ?? lines[lines.length - 1] ?? '';
  return line
    .replace(/([\p{L}\p{N}\p{M}-]{40})[\p{L}\p{N}\p{M}-]{40,}/gu, (_, start: string) => `${start}…`)
    .slice(0, 300);
}

function buildViolations(build: BuildResult, indexOf: (feedId: string) => number): Violation[] {
  const violations: Violation[] = [];
  for (const attempt of build.attempts.filter((a) => !a.ok)) {
    const detail = `${build.name}: the build of ${attempt.items} items failed: ${errorLine(attempt.error ?? '')}`;
    const cause = attempt.failureClass ?? 'other';
    if (attempt.culprits.length === 0) violations.push({ kind: 'build', cause, detail });
    for (const culprit of attempt.culprits) {
      violations.push({ kind: 'build', cause, detail, caseIndex: indexOf(culprit) });
    }
  }
  for (const finding of build.findings.slice(0, 20)) {
    const feed = /\bfz-\d{6}\b/.exec(finding.file)?.[0];
    violations.push({
      kind: 'audit',
      detail: `${build.name}: ${finding.file} ${finding.rule} ${finding.snippet}`,
      ...(feed === undefined ? {} : { caseIndex: indexOf(feed) }),
    });
  }
  return violations;
}

async function shrinkAndSave(
  run: Pick<FuzzRun, 'violations' | 'cases'>,
  options: FuzzOptions,
  context: { seeds: ReadonlyMap<string, Uint8Array>; pool: ReturnType<typeof createBatchPool>; workDir: string },
): Promise<SavedFailure[]> {
  const saved: SavedFailure[] = [];
  const firstOfKind = new Map<string, Violation>();
  for (const violation of run.violations) {
    if (violation.caseIndex !== undefined && !firstOfKind.has(violation.kind))
      firstOfKind.set(violation.kind, violation);
  }
  for (const violation of [...firstOfKind.values()].slice(0, options.maxShrunk)) {
    const index = violation.caseIndex ?? 0;
    const name = `${violation.kind}-seed${options.seed}-case${index}`;
    const about = {
      seed: options.seed,
      index,
      caseSeed: caseSeed(options.seed, index),
      kind: violation.kind,
      detail: violation.detail,
    };
    if (!SNAPSHOT_VIOLATIONS.has(violation.kind)) {
      // Build and page failures need a whole site to show; the case is saved as it was.
      const fuzzCase = run.cases[index];
      if (fuzzCase === undefined) continue;
      const file = await saveFailure(options.failuresDir, name, fuzzCase, context.seeds, about);
      saved.push({
        kind: violation.kind,
        index,
        file,
        caseSeed: about.caseSeed,
        path: '0',
        shrinks: 0,
        reproduced: false,
      });
      continue;
    }
    options.onProgress?.(`shrinking case ${index} (${violation.kind})`);
    const shrunk = await shrinkCase({
      seed: options.seed,
      index,
      kind: violation.kind,
      seeds: context.seeds,
      pool: context.pool,
      workDir: context.workDir,
      budgetMs: options.shrinkMs,
    });
    const file = await saveFailure(options.failuresDir, name, shrunk.fuzzCase, context.seeds, {
      ...about,
      caseSeed: shrunk.caseSeed,
      path: shrunk.path,
      shrinks: shrunk.shrinks,
      reproducedAlone: shrunk.reproduced,
      ...(shrunk.detail === undefined ? {} : { shrunkDetail: shrunk.detail }),
    });
    saved.push({
      kind: violation.kind,
      index,
      file,
      caseSeed: shrunk.caseSeed,
      path: shrunk.path,
      shrinks: shrunk.shrinks,
      reproduced: shrunk.reproduced,
    });
  }
  return saved;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzRun> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const seeds = await loadSeeds();
  const cases = sampleCases(options.seed, options.count, [...seeds.keys()]);
  const workDir = await mkdtemp(join(tmpdir(), 'feedshelf-fuzz-'));
  const pool = createBatchPool(options.workers, options.feedTimeoutMs);
  try {
    let done = 0;
    const outcomes = await snapshotCases(cases, {
      workDir,
      pool,
      seeds,
      batchSize: options.batchSize,
      lanes: options.workers,
      onCase: () => {
        done++;
        if (done % 500 === 0 || done === cases.length) progress(`snapshot: ${done}/${cases.length} feeds`);
      },
    });
    const snapshotMs = Date.now() - started;
    const violations: Violation[] = [];
    for (const outcome of outcomes) {
      for (const violation of outcome?.verdict.violations ?? [])
        violations.push({ ...violation, caseIndex: outcome.index });
    }
    const reported = outcomes.filter((outcome) => outcome !== undefined).length;
    if (reported !== cases.length) {
      violations.push({ kind: 'unreported', detail: `${reported} of ${cases.length} feeds have an outcome` });
    }

    const buildStarted = Date.now();
    const indexOf = (feedId: string) => Number(feedId.slice(3));
    const builds: BuildResult[] = [];
    const pages: PagesCheck[] = [];
    const plans = planBuilds(outcomes, options.builds, options.buildItems);
    for (const [number, feeds] of plans.entries()) {
      const name = `build-${number + 1}`;
      progress(`${name}: ${feeds.length} feeds`);
      const build = await buildFeeds({ workDir, name, feeds, maxAttempts: 8 });
      builds.push(build);
      violations.push(...buildViolations(build, indexOf));
      if (build.outDir !== undefined) {
        const share = Math.ceil(options.pages / plans.length);
        progress(`${name}: opening ${share} pages in Chromium`);
        const check = await checkPages(build.outDir, samplePages(build.articlePaths, share));
        pages.push(check);
        for (const finding of check.findings) {
          const feed = /items\/(fz-\d{6})\//.exec(finding.page)?.[1];
          violations.push({
            kind: finding.detail.startsWith('page error') ? 'page-error' : 'script-ran',
            detail: `${name} ${finding.page}: ${finding.detail}`,
            ...(feed === undefined ? {} : { caseIndex: indexOf(feed) }),
          });
        }
        await rm(build.outDir, { recursive: true, force: true });
      }
    }
    const buildMs = Date.now() - buildStarted;
    const saved = await shrinkAndSave({ violations, cases }, options, { seeds, pool, workDir });
    return {
      options,
      cases,
      outcomes,
      builds,
      pages,
      violations,
      saved,
      workDir,
      durationMs: Date.now() - started,
      snapshotMs,
      buildMs,
    };
  } finally {
    pool.close();
    if (!options.keep) await rm(workDir, { recursive: true, force: true });
  }
}
