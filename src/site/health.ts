/**
 * A feed's health, as its source pages tell it: from its state in the
 * archive (failing since, held until, gone) and its last check on the machine
 * that built the site. Pure.
 */
import type { Check } from '#src/archive/checks.ts';
import type { FeedState } from '#src/archive/schema.ts';

export type Health =
  | { kind: 'ok' }
  | { kind: 'unknown' }
  | { kind: 'gone'; since?: Date }
  | { kind: 'failing'; since?: Date; runs: number; retryAfter?: Date };

function date(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

/** A feed with no state has never been fetched; one whose state shows no failure is well. */
export function feedHealth(state: FeedState | undefined): Health {
  if (state === undefined) return { kind: 'unknown' };
  if (state.gone) {
    const since = date(state.lastAttempt);
    return since ? { kind: 'gone', since } : { kind: 'gone' };
  }
  if (state.failures > 0) {
    const since = date(state.failingSince);
    const retryAfter = date(state.retryAfter);
    return {
      kind: 'failing',
      runs: state.failures,
      ...(since ? { since } : {}),
      ...(retryAfter ? { retryAfter } : {}),
    };
  }
  return { kind: 'ok' };
}

/** The health in words, dates through `formatDate`: "OK", "Failing since Mar 2, 2026 (3 runs); next try after …". */
export function healthText(health: Health, formatDate: (date: Date) => string): string {
  switch (health.kind) {
    case 'ok':
      return 'OK';
    case 'unknown':
      return 'Not fetched yet';
    case 'gone':
      return health.since
        ? `Gone: the feed answered 410 Gone on ${formatDate(health.since)}; it is no longer fetched`
        : 'Gone: the feed answered 410 Gone; it is no longer fetched';
    case 'failing': {
      const since = health.since ? ` since ${formatDate(health.since)}` : '';
      const runs = `${health.runs} failed ${health.runs === 1 ? 'run' : 'runs'} in a row`;
      const next = health.retryAfter ? `; held until ${formatDate(health.retryAfter)}` : '';
      return `Failing${since} (${runs})${next}`;
    }
  }
}

/** The last check in words: "Dec 3, 2026: unchanged", or that this machine has not checked it. */
export function checkText(check: Check | undefined, formatDate: (date: Date) => string): string {
  if (!check) return 'Not by the snapshot that built this site';
  const what = { ok: 'fetched', 'not-modified': 'unchanged', failed: 'failed', skipped: 'skipped (held back)' }[
    check.status
  ];
  return `${formatDate(new Date(check.at))}: ${what}`;
}
