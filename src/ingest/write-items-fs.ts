/**
 * Writing one feed's new and changed entries: converted in feed order (in
 * workers for a large feed, a bounded window ahead of the writer, so the
 * workers never wait for the disk), validated and named by the write plan, and
 * written through the run's journal, a few files at a time. A dry run counts
 * and validates but writes nothing.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { itemImages } from '#src/archive/media.ts';
import { boundedWriter } from '#src/util/bounded-writer.ts';
import type { FeedAlterationLog } from './alterations.ts';
import type { ArchiveIndex } from './archive-fs.ts';
import type { FeedConfig } from './config.ts';
import type { ConvertPool, LazyPool } from './convert-pool.ts';
import type { PlannedEntry } from './dedupe.ts';
import type { WriteJournal } from './journal-fs.ts';
import type { PageRun, Prepared } from './page-run.ts';
import { type ItemCounts, type ItemWarning, itemSubject, itemWarning } from './report.ts';
import { type FeedPreview, PREVIEW_ITEMS } from './report-schema.ts';
import { archiveOwnedFields, type EarlierVersion, earlierVersion } from './revisions.ts';
import { convertEntry } from './to-markdown.ts';
import type { ConvertedItem } from './types.ts';
import { containedPath, itemPath, revisionPath } from './write-fs.ts';
import { planItemFile } from './write-plan.ts';

/** Feeds with at least this many items to convert use the worker pool. */
const POOL_THRESHOLD = 64;
/** Conversions started ahead of the item being written, so both workers stay busy. */
const CONVERT_WINDOW = 64;
/** Item files written at once. */
const WRITE_CONCURRENCY = 8;

/** What writing needs of the run. */
export interface ItemWriteContext {
  itemsDir: string;
  /** Where an update keeps the version it replaces. */
  revisionsDir: string;
  now: Date;
  pool: LazyPool;
  /** Undefined on a dry run: nothing is written. */
  journal: WriteJournal | undefined;
  /** Told after each entry: how many of the feed's entries to write are done. */
  progress: (event: { feed: string; phase: 'writing'; done: number; total: number }) => void;
}

/**
 * Convert and write the new and changed entries, in feed order so file stems are assigned the same
 * way every run. Counts go into `counts`; returns the entries left out.
 */
export async function writeItems(
  feed: FeedConfig,
  work: PlannedEntry[],
  index: ArchiveIndex,
  context: ItemWriteContext,
  tally: {
    counts: ItemCounts;
    alterations: FeedAlterationLog;
    pages?: PageRun;
    images?: string[];
    /** A dry run's list of the first items it would write. */
    preview?: FeedPreview;
  },
): Promise<ItemWarning[]> {
  const { counts, alterations } = tally;
  const warnings: ItemWarning[] = [];
  const nowIso = context.now.toISOString();
  const usedStems = new Set(index.stems);
  const pool = work.length >= POOL_THRESHOLD ? context.pool.get() : undefined;
  const writer = boundedWriter(WRITE_CONCURRENCY);
  const journal = context.journal;
  let folderReady: Promise<void> | undefined;
  /** The archived file (when there is one), what to convert, and the conversion. */
  const start = async (planned: PlannedEntry) => {
    const existing = index.byKey.get(planned.key);
    const archived = existing ? await readArchived(context.itemsDir, feed.id, existing.stem) : undefined;
    const prepared: Prepared = tally.pages
      ? await tally.pages.prepare(planned, archived)
      : { entry: planned.entry, fields: {} };
    if (prepared.skip) return { archived, prepared, result: undefined };
    const result = await convert(
      { ...planned, entry: prepared.entry },
      feed,
      existing?.firstSeen ?? nowIso,
      nowIso,
      pool,
    );
    return { archived, prepared, result };
  };
  const converting: (ReturnType<typeof start> | undefined)[] = work.slice(0, CONVERT_WINDOW).map(start);
  try {
    for (const [i, planned] of work.entries()) {
      const started = converting[i];
      if (!started) throw new Error(`The conversion of entry ${i} of ${feed.id} was never started.`);
      const { archived, prepared, result } = await started;
      converting[i] = undefined;
      const ahead = work[i + CONVERT_WINDOW];
      if (ahead) converting[i + CONVERT_WINDOW] = start(ahead);
      context.progress({ feed: feed.id, phase: 'writing', done: i + 1, total: work.length });
      if (result === undefined) {
        counts.unchanged++;
        continue;
      }
      const existing = index.byKey.get(planned.key);
      const earlier =
        planned.action === 'update' && archived !== undefined ? earlierVersion(archived, nowIso) : undefined;
      const owned = {
        ...(earlier ? { revisions: earlier.revisions } : archived ? archiveOwnedFields(archived) : {}),
        ...prepared.fields,
      };
      const converted =
        'item' in result && prepared.keepBody !== undefined
          ? { item: { ...result.item, body: prepared.keepBody } }
          : result;
      const file =
        'reason' in converted ? converted : planItemFile(planned, converted.item, existing, usedStems, nowIso, owned);
      if ('reason' in file) {
        counts.skipped++;
        warnings.push(itemWarning(planned.entry, file.reason));
        continue;
      }
      if (planned.action === 'new') counts.new++;
      else if (planned.action === 'rehash') counts.rehashed = (counts.rehashed ?? 0) + 1;
      else if (planned.action === 'refetch') counts.unchanged++;
      else counts.updated++;
      const listed =
        planned.action === 'new'
          ? tally.preview?.new
          : planned.action === 'update'
            ? tally.preview?.updated
            : undefined;
      if (listed && listed.length < PREVIEW_ITEMS) listed.push(itemSubject(planned.entry));
      if (prepared.fields.textSource === 'page' && prepared.keepBody === undefined)
        counts.pages = (counts.pages ?? 0) + 1;
      if ('item' in converted) {
        alterations.addItem(itemSubject(planned.entry), converted.item.alterations);
        if (tally.images) tally.images.push(...itemImages(converted.item.frontmatter.image, converted.item.body));
      }
      if (!journal) continue;
      folderReady ??= mkdir(containedPath(context.itemsDir, feed.id), { recursive: true }).then(() => undefined);
      await folderReady;
      const target = itemPath(context.itemsDir, feed.id, file.stem);
      if (earlier) await keepRevision(journal, context.revisionsDir, feed.id, file.stem, earlier);
      await writer.add(() => journal.write(target, file.text, { folderExists: true }));
    }
  } catch (error) {
    // No write may outlive the feed's failure, so the state written next is the last thing it does.
    await writer.idle();
    throw error;
  }
  await writer.drain();
  return warnings;
}

/** The archived file an update or rehash replaces; undefined when it cannot be read (it is then only replaced). */
async function readArchived(itemsDir: string, feedId: string, stem: string): Promise<string | undefined> {
  try {
    return await readFile(itemPath(itemsDir, feedId, stem), 'utf8');
  } catch {
    return undefined;
  }
}

/** Keeps the version an update replaces, before the new one is written, through the run's journal. */
async function keepRevision(
  journal: WriteJournal,
  revisionsDir: string,
  feedId: string,
  stem: string,
  earlier: EarlierVersion,
): Promise<void> {
  await journal.write(revisionPath(revisionsDir, feedId, stem, earlier.number), earlier.text);
}

/** Convert one entry (in a worker when a pool is given), or say why the converter rejected it. */
async function convert(
  planned: PlannedEntry,
  feed: FeedConfig,
  firstSeen: string,
  nowIso: string,
  pool: ConvertPool | undefined,
): Promise<{ item: ConvertedItem } | { reason: string }> {
  const ctx = { source: feed.id, extraTags: feed.tags ?? [], firstSeen, now: nowIso };
  try {
    return { item: pool ? await pool.convert(planned.entry, ctx) : convertEntry(planned.entry, ctx) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { reason: `it could not be converted: ${message}` };
  }
}
