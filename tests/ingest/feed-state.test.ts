import { describe, expect, it } from 'vitest';
import { type FeedState, FeedStateSchema } from '#src/archive/schema.ts';
import { FeedFetchError } from '#src/ingest/errors.ts';
import {
  afterHttpFetch,
  backoffMs,
  failedOutcome,
  heldUntil,
  skipReason,
  startingState,
  succeeded,
} from '#src/ingest/feed-state.ts';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const HOUR = 3_600_000;
const base = (extra: Partial<FeedState> = {}): FeedState =>
  FeedStateSchema.parse({ id: 'notes', url: 'https://example.org/feed', ...extra });

describe('backoff', () => {
  it('doubles from 2 hours and stops at 24', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((failures) => backoffMs(failures) / HOUR)).toEqual([2, 4, 8, 16, 24, 24, 24]);
  });

  it('holds a stored Retry-After to 7 days after the attempt that set it', () => {
    const attempt = '2026-12-01T00:00:00.000Z';
    expect(heldUntil(base({ retryAfter: '2036-01-01T00:00:00.000Z', lastAttempt: attempt }))).toBe(
      Date.parse(attempt) + 7 * 24 * HOUR,
    );
    expect(heldUntil(base({ retryAfter: '2026-12-02T00:00:00.000Z', lastAttempt: attempt }))).toBe(
      Date.parse('2026-12-02T00:00:00.000Z'),
    );
    expect(heldUntil(base())).toBeUndefined();
  });
});

describe('skipReason', () => {
  it('skips a gone feed and names the state file to delete', () => {
    expect(skipReason('notes', base({ gone: true }), NOW, 'content/state/notes.json')).toEqual({
      code: 'gone',
      error:
        'Feed notes answered 410 Gone earlier; remove it from the config, or delete content/state/notes.json to try again.',
    });
  });

  it('skips a feed held back until later, and fetches it once the time has passed', () => {
    const held = base({ failures: 2, retryAfter: '2026-12-01T14:00:00.000Z', lastAttempt: '2026-12-01T10:00:00.000Z' });
    expect(skipReason('notes', held, NOW, 'x')).toEqual({
      code: 'backoff',
      error: 'Feed notes is skipped until 2026-12-01T14:00:00.000Z after 2 failed attempts.',
    });
    expect(skipReason('notes', held, new Date('2026-12-01T14:00:00.001Z'), 'x')).toBeUndefined();
  });
});

describe('state transitions', () => {
  it('starts afresh when the configured URL changed, keeping only the title', () => {
    const stored = base({ title: 'Notes', etag: '"a"', failures: 3 });
    expect(startingState({ id: 'notes', url: 'https://example.org/feed' }, stored)).toBe(stored);
    expect(startingState({ id: 'notes', url: 'https://example.org/other' }, stored)).toEqual(
      base({ url: 'https://example.org/other', title: 'Notes' }),
    );
  });

  it('counts a failure, backs an HTTP feed off and retries a local file next run', () => {
    const error = new FeedFetchError('timeout', 'Feed notes timed out after 20 s.');
    const http = failedOutcome({ id: 'notes' }, base({ failures: 1 }), error, NOW);
    expect(http).toEqual({
      status: 'failed',
      counts: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
      state: base({
        failures: 2,
        lastAttempt: NOW.toISOString(),
        lastError: 'Feed notes timed out after 20 s.',
        retryAfter: '2026-12-01T16:00:00.000Z',
      }),
      error: 'Feed notes timed out after 20 s.',
      code: 'timeout',
    });
    const local = failedOutcome({ id: 'notes', path: '/x.xml' }, base({ retryAfter: 'x' }), new Error('boom'), NOW);
    expect(local.code).toBe('unexpected');
    expect(local.error).toBe('Feed notes failed unexpectedly: boom');
    expect(local.state.retryAfter).toBeUndefined();
  });

  it('remembers when a run of failures began, and keeps it while they last', () => {
    const error = new FeedFetchError('timeout', 'Feed notes timed out after 20 s.');
    const first = failedOutcome({ id: 'notes' }, base(), error, NOW);
    expect(first.state.failingSince).toBe(NOW.toISOString());
    const later = new Date(NOW.getTime() + 3_600_000);
    expect(failedOutcome({ id: 'notes' }, first.state, error, later).state.failingSince).toBe(NOW.toISOString());
    // A state from before failingSince was kept does not invent one.
    expect(failedOutcome({ id: 'notes' }, base({ failures: 3 }), error, later).state.failingSince).toBeUndefined();
    expect(succeeded(first.state).failingSince).toBeUndefined();
  });

  it('clears the failure bookkeeping on success', () => {
    const failed = base({
      failures: 4,
      lastAttempt: 'a',
      lastError: 'b',
      retryAfter: 'c',
      failingSince: 'd',
      etag: '"e"',
    });
    expect(succeeded(failed)).toEqual(base({ etag: '"e"' }));
  });
});

describe('afterHttpFetch', () => {
  it('records a not-modified answer as a success that changes nothing', () => {
    const result = afterHttpFetch('notes', base({ failures: 1, etag: '"a"' }), { kind: 'not-modified' }, NOW);
    expect(result).toEqual({
      kind: 'done',
      outcome: {
        status: 'not-modified',
        counts: { new: 0, updated: 0, unchanged: 0, skipped: 0 },
        state: base({ etag: '"a"' }),
      },
    });
  });

  it('dates a not-modified answer that came through a new permanent redirect', () => {
    const result = afterHttpFetch(
      'notes',
      base(),
      { kind: 'not-modified', permanentRedirect: 'https://new.example/feed' },
      NOW,
    );
    expect(result.kind === 'done' && result.outcome.state).toEqual(
      base({ redirectedTo: 'https://new.example/feed', lastSuccess: NOW.toISOString() }),
    );
  });

  it('marks a 410 as gone for good', () => {
    const result = afterHttpFetch('notes', base(), { kind: 'gone' }, NOW);
    expect(result).toMatchObject({
      kind: 'done',
      outcome: {
        status: 'failed',
        code: 'gone',
        state: base({
          gone: true,
          lastAttempt: NOW.toISOString(),
          lastError: 'Feed notes answered 410 Gone; later runs skip it.',
        }),
      },
    });
  });

  it('holds a throttled feed until its Retry-After, or by the backoff without one, and says when capped', () => {
    const later = new Date('2026-12-03T00:00:00.000Z');
    const withHeader = afterHttpFetch(
      'notes',
      base({ failures: 1 }),
      { kind: 'throttled', status: 503, retryAfter: later, retryAfterRequestedMs: 30 * 24 * HOUR },
      NOW,
    );
    expect(withHeader.kind === 'done' && withHeader.outcome.state.retryAfter).toBe(later.toISOString());
    expect(withHeader.kind === 'done' && withHeader.outcome.error).toMatch(
      /^Feed notes answered HTTP 503; skipped until 2026-12-03T00:00:00\.000Z \(.+\)\.$/,
    );
    const without = afterHttpFetch('notes', base(), { kind: 'throttled', status: 429 }, NOW);
    expect(without.kind === 'done' && without.outcome.state).toEqual(
      base({
        failures: 1,
        lastAttempt: NOW.toISOString(),
        lastError: 'Feed notes answered HTTP 429; skipped until 2026-12-01T14:00:00.000Z.',
        retryAfter: '2026-12-01T14:00:00.000Z',
        failingSince: NOW.toISOString(),
      }),
    );
  });

  it('hands a body on with the new validators and says whether they changed', () => {
    const body = new Uint8Array([60]);
    const result = afterHttpFetch(
      'notes',
      base({ etag: '"old"', failures: 2, lastError: 'x' }),
      { kind: 'ok', finalUrl: 'https://example.org/feed', body, etag: '"new"', contentType: 'application/rss+xml' },
      NOW,
    );
    expect(result).toEqual({
      kind: 'body',
      bytes: body,
      contentType: 'application/rss+xml',
      finalUrl: 'https://example.org/feed',
      next: base({ etag: '"new"' }),
      validatorsChanged: true,
    });
    const same = afterHttpFetch('notes', base({ etag: '"e"' }), { kind: 'ok', finalUrl: 'u', body, etag: '"e"' }, NOW);
    expect(same.kind === 'body' && same.validatorsChanged).toBe(false);
  });
});
