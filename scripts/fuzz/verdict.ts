/**
 * What one feed's outcome means for the fuzz run: archived, empty, rejected
 * with a reason (counted by class), or a violation of an invariant (a crash,
 * an unclear reason, an archived file that does not read back, counts that do
 * not match the files). Pure.
 */
import { CRASH_CODES, INTERNAL_ERROR, isOneLineReason } from '#scripts/corpus/classify.ts';
import type { FeedResult } from './protocol.ts';

export type ViolationKind =
  | 'threw'
  | 'unreported'
  | 'hang'
  | 'worker-died'
  | 'crash'
  | 'unclear-reason'
  | 'item-crash'
  | 'invalid-item-file'
  | 'invalid-state'
  | 'count-mismatch'
  | 'build'
  | 'audit'
  | 'script-ran'
  | 'page-error';

/** Violations found by snapshotting one feed: these can be replayed and shrunk feed by feed. */
export const SNAPSHOT_VIOLATIONS: ReadonlySet<ViolationKind> = new Set([
  'threw',
  'unreported',
  'hang',
  'worker-died',
  'crash',
  'unclear-reason',
  'item-crash',
  'invalid-item-file',
  'invalid-state',
  'count-mismatch',
]);

export interface Violation {
  kind: ViolationKind;
  /** One line: what was wrong. */
  detail: string;
  /** The case that caused it, when one case did. */
  caseIndex?: number;
  /** A finer class within the kind (a build failure's class), when there is one. */
  cause?: string;
}

export type FeedOutcome = 'archived' | 'empty' | 'rejected' | 'violated';

export interface FeedVerdict {
  outcome: FeedOutcome;
  /** Items archived for the feed. */
  items: number;
  /** The rejection's class (the report's code), for rejected feeds. */
  rejection?: string;
  /** Classes of the entries left out with a warning. */
  warningClasses: string[];
  violations: Omit<Violation, 'caseIndex'>[];
}

/** The class of an entry's warning: the frontmatter field it failed, or the stage. */
export function warningClass(reason: string): string {
  const field = /^its frontmatter field (\S+) is invalid/.exec(reason)?.[1];
  if (field !== undefined) return `frontmatter ${field.split('.')[0]}`;
  if (reason.startsWith('it could not be converted')) return 'conversion';
  return reason.split(' ').slice(0, 4).join(' ');
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/** Judge one feed's reported outcome against every invariant the snapshot must keep. */
export function judgeFeed(result: FeedResult): FeedVerdict {
  const violations: Omit<Violation, 'caseIndex'>[] = [];
  const items = result.files;
  for (const reason of result.warnings) {
    if (INTERNAL_ERROR.test(reason))
      violations.push({ kind: 'item-crash', detail: `an entry was left out: ${reason}` });
  }
  for (const problem of result.invalid) {
    violations.push({ kind: 'invalid-item-file', detail: `archived file does not read back: ${problem}` });
  }
  if (result.stateProblem !== undefined) violations.push({ kind: 'invalid-state', detail: result.stateProblem });
  const warningClasses = result.warnings.map(warningClass);
  if (result.status === 'ok' || result.status === 'not-modified') {
    const { new: written, updated, unchanged } = result.counts;
    if (written !== items || updated !== 0 || unchanged !== 0) {
      violations.push({
        kind: 'count-mismatch',
        detail: `a first snapshot reported ${written} new, ${updated} updated, ${unchanged} unchanged but ${items} file(s) are archived`,
      });
    }
    const outcome = violations.length > 0 ? 'violated' : items > 0 ? 'archived' : 'empty';
    return { outcome, items, warningClasses, violations };
  }
  const reason = result.error ?? `feed ${result.status} without a reason`;
  if (result.code === undefined || CRASH_CODES.has(result.code) || INTERNAL_ERROR.test(reason)) {
    violations.push({ kind: 'crash', detail: `${result.code ?? 'no code'}: ${firstLine(reason)}` });
  } else if (!isOneLineReason(result.error)) {
    violations.push({ kind: 'unclear-reason', detail: `${result.code}: ${JSON.stringify(reason.slice(0, 300))}` });
  }
  return {
    outcome: violations.length > 0 ? 'violated' : 'rejected',
    items,
    rejection: result.code ?? 'none',
    warningClasses,
    violations,
  };
}
