/**
 * Retractions: an archived item that leaves its feed is checked once, and
 * marked retracted (never deleted) when its link answers 404 Not Found or 410
 * Gone; any other answer means the feed's window moved on. An item marked
 * retracted that is back in its feed loses the mark. The check goes through
 * the run's polite fetcher, so robots.txt and the address guard apply.
 */
import { readFile } from 'node:fs/promises';
import type { ArchiveIndex } from './archive-fs.ts';
import type { FeedConfig } from './config.ts';
import type { PlannedEntry } from './dedupe.ts';
import type { WriteJournal } from './journal-fs.ts';
import type { PoliteFetcher } from './polite-fetch.ts';
import type { ItemCounts } from './report.ts';
import { itemPath } from './write-fs.ts';
import { patchFrontmatter } from './write-plan.ts';

/** Items that left a feed checked in one run; the rest are not checked (they left longer ago, next time never). */
export const RETRACTION_CHECKS = 20;
/** Keys of a feed's entries kept in its state (FeedStateSchema `present`). */
export const PRESENT_KEPT = 5000;

export interface RetractionContext {
  itemsDir: string;
  now: Date;
  journal: WriteJournal | undefined;
  fetcher: () => PoliteFetcher;
}

const RETRACTION_FIELDS = ['retracted', 'retractedStatus'] as const;

async function patch(
  context: RetractionContext,
  feedId: string,
  stem: string,
  set: Record<string, unknown>,
  remove: readonly string[],
): Promise<boolean> {
  const file = itemPath(context.itemsDir, feedId, stem);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return false;
  }
  const patched = patchFrontmatter(text, set, remove);
  if (patched === undefined || patched === text) return false;
  await context.journal?.write(file, patched);
  return true;
}

/** The status a link answers, when it answers one (404, 410…); undefined when it cannot be asked. */
async function linkStatus(fetcher: PoliteFetcher, link: string): Promise<number | undefined> {
  try {
    const answer = await fetcher.fetchPage(link, {}, { discardBody: true });
    if (answer.kind !== 'answer') return undefined;
    return answer.result.kind === 'status' ? answer.result.status : answer.result.kind === 'ok' ? 200 : 304;
  } catch {
    return undefined;
  }
}

/**
 * Mark the items that left the feed since its last run (`previous` keys not
 * in `present`) when their link is gone; unmark `restored` (retracted items
 * back in the feed). Counts `retracted`.
 */
export async function checkRetractions(
  feed: FeedConfig,
  index: ArchiveIndex,
  previous: readonly string[],
  present: ReadonlySet<string>,
  restored: readonly PlannedEntry[],
  context: RetractionContext,
  counts: ItemCounts,
): Promise<void> {
  for (const planned of restored) {
    const archived = index.byKey.get(planned.key);
    if (archived) await patch(context, feed.id, archived.stem, {}, RETRACTION_FIELDS);
  }
  const left = previous
    .filter((key) => !present.has(key))
    .map((key) => index.byKey.get(key))
    .filter((item) => item !== undefined && !item.retracted && /^https?:\/\//i.test(item.link ?? ''))
    .slice(0, RETRACTION_CHECKS);
  for (const item of left) {
    if (!item?.link) continue;
    const status = await linkStatus(context.fetcher(), item.link);
    if (status !== 404 && status !== 410) continue;
    const marked = await patch(
      context,
      feed.id,
      item.stem,
      { retracted: context.now.toISOString(), retractedStatus: status },
      [],
    );
    if (marked || !context.journal) counts.retracted = (counts.retracted ?? 0) + 1;
  }
}
