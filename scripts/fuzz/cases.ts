/**
 * Fuzz cases from a seed: the property whose inputs they are (so a failing
 * case can be replayed and shrunk by fast-check), the bytes each case stands
 * for, and the kind it is counted under. Case i is the property's first input
 * under a seed of its own, derived from the run's seed and i: fast-check's
 * replay of a later run index (`path`) does not regenerate the same value, its
 * first run always does. Pure.
 */
import fc from 'fast-check';
import { fuzzCaseArb } from './arbitraries.ts';
import { declaredLabel, encodeText } from './encode.ts';
import type { FuzzCase } from './model.ts';
import { mutateBytes } from './mutate.ts';
import { renderFeed } from './render.ts';

export type CasePredicate = (fuzzCase: FuzzCase) => Promise<boolean>;

/** The fuzz property over cases; sampling and replaying both go through it, so indices match. */
export function fuzzProperty(seedNames: readonly string[], predicate: CasePredicate) {
  return fc.asyncProperty(fuzzCaseArb(seedNames), predicate);
}

/** The fast-check seed of case `index` of a run (a 32-bit integer, as fast-check wants). */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed, 0x9e3779b1) + Math.imul(index + 1, 0x85ebca6b)) | 0;
}

/** The run's cases: case i is the property's first input under caseSeed(seed, i). */
export function sampleCases(seed: number, count: number, seedNames: readonly string[]): FuzzCase[] {
  const property = fuzzProperty(seedNames, async () => true);
  return Array.from({ length: count }, (_, index) => {
    const [[fuzzCase]] = fc.sample(property, { seed: caseSeed(seed, index), numRuns: 1 }) as [[FuzzCase]];
    return fuzzCase;
  });
}

/** The bytes of a case; seed cases start from the named seed feed's bytes. */
export function caseBytes(fuzzCase: FuzzCase, seeds: ReadonlyMap<string, Uint8Array>): Uint8Array {
  if (fuzzCase.source === 'seed') {
    const base = seeds.get(fuzzCase.seed);
    if (base === undefined) throw new Error(`Unknown seed feed ${fuzzCase.seed}.`);
    return mutateBytes(base, fuzzCase.mutations);
  }
  const text = renderFeed(
    fuzzCase.feed,
    fuzzCase.feed.format === 'json' ? undefined : declaredLabel(fuzzCase.encoding),
  );
  return mutateBytes(encodeText(text, fuzzCase.encoding), fuzzCase.mutations);
}

export type CaseFormat = 'rss2' | 'atom' | 'rss1' | 'json' | 'seed';
export type CaseVariant = 'clean' | 're-encoded' | 'mutated' | 'truncated';

export const CASE_FORMATS: readonly CaseFormat[] = ['rss2', 'atom', 'rss1', 'json', 'seed'];
export const CASE_VARIANTS: readonly CaseVariant[] = ['clean', 're-encoded', 'mutated', 'truncated'];

/** What a case is counted as in the summary: its format and how its bytes were spoiled. */
export function caseKind(fuzzCase: FuzzCase): { format: CaseFormat; variant: CaseVariant } {
  const format = fuzzCase.source === 'seed' ? 'seed' : fuzzCase.feed.format;
  const mutations = fuzzCase.mutations;
  if (mutations.some((mutation) => mutation.op === 'truncate')) return { format, variant: 'truncated' };
  if (mutations.length > 0) return { format, variant: 'mutated' };
  if (fuzzCase.source === 'generated' && fuzzCase.encoding !== 'utf-8') return { format, variant: 're-encoded' };
  return { format, variant: 'clean' };
}

/** The file extension a case is written with. */
export function caseExtension(fuzzCase: FuzzCase): string {
  if (fuzzCase.source === 'seed') return fuzzCase.seed.endsWith('.json') ? 'json' : 'xml';
  return fuzzCase.feed.format === 'json' ? 'json' : 'xml';
}
