/**
 * What the fuzz parent and its worker processes say to each other, checked
 * with zod on arrival (a worker may die halfway through a message's sender).
 */
import { z } from 'astro/zod';

export const BatchJobSchema = z.object({
  /** Feeds of the batch, snapshotted in one run. */
  feeds: z.array(z.object({ id: z.string(), path: z.string() })),
  itemsDir: z.string(),
  stateDir: z.string(),
  /** The snapshot's clock, ISO. */
  now: z.string(),
});
export type BatchJob = z.output<typeof BatchJobSchema>;

/** One feed's outcome as the snapshot reported it, plus what was read back from the archive. */
export const FeedResultSchema = z.object({
  id: z.string(),
  status: z.string(),
  code: z.string().optional(),
  error: z.string().optional(),
  counts: z.object({ new: z.number(), updated: z.number(), unchanged: z.number(), skipped: z.number() }),
  /** Reasons of the entries left out with a warning. */
  warnings: z.array(z.string()),
  files: z.number(),
  invalid: z.array(z.string()),
  stateProblem: z.string().optional(),
});
export type FeedResult = z.output<typeof FeedResultSchema>;

export const WorkerMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  /** A feed of the running batch finished; resets the parent's per-feed clock. */
  z.object({ kind: z.literal('progress'), id: z.string() }),
  /** The batch's results, in the order of its feeds; a feed missing from the report is absent. */
  z.object({ kind: z.literal('result'), feeds: z.array(FeedResultSchema.nullable()) }),
  /** runSnapshot itself threw: never expected, whatever the input. */
  z.object({ kind: z.literal('threw'), error: z.string() }),
]);
export type WorkerMessage = z.output<typeof WorkerMessageSchema>;
