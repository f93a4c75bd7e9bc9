/** A feed's status in words, from its fetch state. */
import type { FeedState } from '#src/archive/schema.ts';

export interface SourceStatus {
  label: string;
  lastSuccess?: Date;
}

export function sourceStatus(state: FeedState | undefined): SourceStatus {
  const parsed = state?.lastSuccess ? new Date(state.lastSuccess) : undefined;
  const lastSuccess = parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  if (!state) return { label: 'No state yet' };
  if (state.gone) return { label: 'Gone (410)', lastSuccess };
  if (state.failures > 0) return { label: `Failing (${state.failures} in a row)`, lastSuccess };
  return { label: lastSuccess ? 'OK' : 'Not fetched yet', lastSuccess };
}
