/**
 * A feed's health, as its source pages tell it: from its state in the
 * archive (failing since, held until, gone) and its last check on the machine
 * that built the site. Pure.
 */
import type { Check } from '#src/archive/checks.ts';
import type { FeedState } from '#src/archive/schema.ts';
import { type Translator, translatorFor } from '#src/i18n/index.ts';

const english = translatorFor('en');

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

/**
 * The health in words of the site's language (English unless `t` says otherwise), dates through
 * `formatDate`: "OK", "Failing since Mar 2, 2026 (3 failed runs in a row); held until …".
 */
export function healthText(health: Health, formatDate: (date: Date) => string, t: Translator = english): string {
  const words = t.messages.health;
  switch (health.kind) {
    case 'ok':
      return words.ok;
    case 'unknown':
      return words.unknown;
    case 'gone':
      return health.since ? t.text(words.goneOn, { date: formatDate(health.since) }) : words.gone;
    case 'failing': {
      const runs = t.count(words.runs, health.runs);
      const failing = health.since
        ? t.text(words.failingSince, { date: formatDate(health.since), runs })
        : t.text(words.failing, { runs });
      return health.retryAfter
        ? t.text(words.heldUntil, { health: failing, date: formatDate(health.retryAfter) })
        : failing;
    }
  }
}

/** The last check in words: "Dec 3, 2026: unchanged", or that this machine has not checked it. */
export function checkText(
  check: Check | undefined,
  formatDate: (date: Date) => string,
  t: Translator = english,
): string {
  const words = t.messages.health;
  if (!check) return words.notChecked;
  const status = { ok: words.fetched, 'not-modified': words.unchanged, failed: words.failed, skipped: words.skipped }[
    check.status
  ];
  return t.text(words.checked, { date: formatDate(new Date(check.at)), status });
}
