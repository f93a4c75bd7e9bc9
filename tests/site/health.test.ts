import { describe, expect, it } from 'vitest';
import { withRun } from '#src/archive/checks.ts';
import { FeedStateSchema } from '#src/archive/schema.ts';
import { translatorFor } from '#src/i18n/index.ts';
import { checkText, feedHealth, healthText } from '#src/site/health.ts';

const state = (extra: Record<string, unknown>) => FeedStateSchema.parse({ id: 'notes', ...extra });
const day = (date: Date) => date.toISOString().slice(0, 10);

describe('a feed’s health', () => {
  it('is OK, failing since when and until when it is held, gone, or not known yet', () => {
    expect(healthText(feedHealth(state({ lastSuccess: '2026-03-01T00:00:00.000Z' })), day)).toBe('OK');
    expect(healthText(feedHealth(undefined), day)).toBe('Not fetched yet');
    expect(
      healthText(
        feedHealth(
          state({
            failures: 3,
            failingSince: '2026-04-01T06:00:00.000Z',
            retryAfter: '2026-04-05T06:00:00.000Z',
          }),
        ),
        day,
      ),
    ).toBe('Failing since 2026-04-01 (3 failed runs in a row); held until 2026-04-05');
    expect(healthText(feedHealth(state({ failures: 1 })), day)).toBe('Failing (1 failed run in a row)');
    expect(
      healthText(feedHealth(state({ gone: true, failures: 1, lastAttempt: '2026-05-02T00:00:00.000Z' })), day),
    ).toBe('Gone: the feed answered 410 Gone on 2026-05-02; it is no longer fetched');
  });
});

describe('a feed’s health and last check in the site’s language', () => {
  const failing = feedHealth(
    state({ failures: 3, failingSince: '2026-04-01T06:00:00.000Z', retryAfter: '2026-04-05T06:00:00.000Z' }),
  );

  it('in German, dates written the German way', () => {
    const de = translatorFor('de-AT');
    expect(healthText(failing, de.date, de)).toBe(
      'Fehlerhaft seit 01.04.2026 (3 fehlgeschlagene Abrufe in Folge); zurückgestellt bis 05.04.2026',
    );
    expect(healthText(feedHealth(state({ failures: 1 })), de.date, de)).toBe(
      'Fehlerhaft (1 fehlgeschlagener Abruf in Folge)',
    );
    expect(checkText({ at: '2026-12-03T08:17:00.000Z', status: 'not-modified' }, de.date, de)).toBe(
      '03.12.2026: unverändert',
    );
  });

  it('in Arabic, with the form for three (few) and for eleven (many)', () => {
    const ar = translatorFor('ar');
    expect(healthText(feedHealth(state({ failures: 3 })), day, ar)).toBe('تفشل (3 محاولات فاشلة متتالية)');
    expect(healthText(feedHealth(state({ failures: 11 })), day, ar)).toBe('تفشل (11 محاولة فاشلة متتالية)');
    expect(healthText(feedHealth(undefined), day, ar)).toBe('لم تُجلب بعد');
  });
});

describe('a feed’s last check', () => {
  it('says when and what, or that the snapshot that built the site did not check it', () => {
    expect(checkText({ at: '2026-12-03T08:17:00.000Z', status: 'not-modified' }, day)).toBe('2026-12-03: unchanged');
    expect(checkText({ at: '2026-12-03T08:17:00.000Z', status: 'ok' }, day)).toBe('2026-12-03: fetched');
    expect(checkText({ at: '2026-12-03T08:17:00.000Z', status: 'skipped' }, day)).toBe(
      '2026-12-03: skipped (held back)',
    );
    expect(checkText(undefined, day)).toBe('Not by the snapshot that built this site');
  });

  it('keeps the last check of feeds a run left out, and orders the feeds by id', () => {
    const before = { zeta: { at: '2026-12-01T00:00:00.000Z', status: 'ok' as const } };
    const after = withRun(before, new Date('2026-12-03T00:00:00.000Z'), [
      { id: 'beta', status: 'failed' },
      { id: 'alpha', status: 'not-modified' },
    ]);
    expect(JSON.stringify(after)).toBe(
      JSON.stringify({
        alpha: { at: '2026-12-03T00:00:00.000Z', status: 'not-modified' },
        beta: { at: '2026-12-03T00:00:00.000Z', status: 'failed' },
        zeta: { at: '2026-12-01T00:00:00.000Z', status: 'ok' },
      }),
    );
  });
});
