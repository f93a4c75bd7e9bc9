/**
 * When each feed was last checked, and how that went: what the snapshots on
 * this machine saw, kept in the build's cache folder and never in content/ (a
 * quiet feed's check changes nothing of the archive, which stays
 * byte-identical). The site's source pages show it. Pure.
 */
import { z } from 'astro/zod';

export const CheckSchema = z.object({
  /** When the snapshot that checked the feed ran (ISO). */
  at: z.iso.datetime(),
  /** What became of the feed: archived (`ok`), unchanged since the last fetch (`not-modified`), `failed`, or `skipped` (held back). */
  status: z.enum(['ok', 'not-modified', 'failed', 'skipped']),
});
export type Check = z.output<typeof CheckSchema>;

/** Each feed's last check, by feed id. */
export const ChecksSchema = z.record(z.string(), CheckSchema);
export type Checks = z.output<typeof ChecksSchema>;

/** The checks after a run: the run's feeds at its time, the others (left out with --only) as they were; ids sorted. */
export function withRun(before: Checks, now: Date, feeds: readonly { id: string; status: Check['status'] }[]): Checks {
  const merged: Checks = { ...before };
  for (const feed of feeds) merged[feed.id] = { at: now.toISOString(), status: feed.status };
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A checks file's text read back; anything unreadable is no checks at all. */
export function parseChecks(text: string | undefined): Checks {
  if (!text) return {};
  try {
    const parsed = ChecksSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
