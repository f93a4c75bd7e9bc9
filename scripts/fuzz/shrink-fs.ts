/**
 * Shrinking a failing case with fast-check: the run's property is replayed
 * from the case's own seed (see cases.ts), and each smaller
 * candidate is snapshotted alone by a pool worker. The time budget ends the
 * search by calling every later candidate a pass, which keeps the smallest
 * failing case found so far. The result is written to the failures folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { caseBytes, caseExtension, caseSeed, fuzzProperty } from './cases.ts';
import type { FuzzCase } from './model.ts';
import type { BatchPool } from './pool-fs.ts';
import { snapshotOne } from './snapshot-fs.ts';
import type { ViolationKind } from './verdict.ts';

export interface ShrinkOptions {
  seed: number;
  index: number;
  kind: ViolationKind;
  seeds: ReadonlyMap<string, Uint8Array>;
  pool: BatchPool;
  workDir: string;
  budgetMs: number;
}

export interface Shrunk {
  /** The smallest case that still shows the violation (the original when it does not show alone). */
  fuzzCase: FuzzCase;
  /** The case's fast-check seed and the counterexample's path, for `fc.assert(property, { seed, path })`. */
  caseSeed: number;
  path: string;
  shrinks: number;
  /** Whether the case shows the violation when snapshotted alone. */
  reproduced: boolean;
  detail?: string;
}

export async function shrinkCase(options: ShrinkOptions): Promise<Shrunk> {
  const deadline = Date.now() + options.budgetMs;
  let attempts = 0;
  let original: FuzzCase | undefined;
  let lastDetail: string | undefined;
  const property = fuzzProperty([...options.seeds.keys()], async (fuzzCase) => {
    original ??= fuzzCase;
    if (attempts > 0 && Date.now() > deadline) return true;
    attempts++;
    const verdict = await snapshotOne(fuzzCase, String(attempts), options);
    const match = verdict.violations.find((violation) => violation.kind === options.kind);
    if (match) lastDetail = match.detail;
    return match === undefined;
  });
  const seed = caseSeed(options.seed, options.index);
  const details = await fc.check(property, { seed, numRuns: 1 });
  const counterexample = details.counterexample?.[0];
  if (details.failed && counterexample !== undefined) {
    return {
      fuzzCase: counterexample,
      caseSeed: seed,
      path: details.counterexamplePath ?? '0',
      shrinks: details.numShrinks,
      reproduced: true,
      ...(lastDetail === undefined ? {} : { detail: lastDetail }),
    };
  }
  if (original === undefined) throw new Error(`Replaying case ${options.index} of seed ${options.seed} gave no case.`);
  return { fuzzCase: original, caseSeed: seed, path: '0', shrinks: 0, reproduced: false };
}

/** Write a failing case's bytes and, beside them as `<name>.case.json`, what it is; returns the path of the bytes. */
export async function saveFailure(
  dir: string,
  name: string,
  fuzzCase: FuzzCase,
  seeds: ReadonlyMap<string, Uint8Array>,
  about: Record<string, unknown>,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${name}.${caseExtension(fuzzCase)}`);
  await writeFile(file, caseBytes(fuzzCase, seeds));
  await writeFile(join(dir, `${name}.case.json`), `${JSON.stringify({ ...about, case: fuzzCase }, null, 2)}\n`);
  return file;
}
