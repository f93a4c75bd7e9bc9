/**
 * Per-feed fetch state, one JSON file per feed: <stateDir>/<feed id>.json.
 *
 * The file is rewritten only when its serialised bytes change, with keys in
 * schema order, so a run that learns nothing new changes zero bytes. To keep
 * that true the timestamps move only when something happened:
 * - `lastSuccess` is set when new or updated items were written, or when the
 *   HTTP validators (ETag/Last-Modified) or the permanent redirect changed;
 *   an unchanged fetch leaves it alone.
 * - `lastAttempt` and `lastError` are set on failures only (they drive the
 *   backoff), `failingSince` on the first failure after a success, and all
 *   are cleared by the next success, together with `failures` and
 *   `retryAfter`. When a quiet feed was last checked is not state: it lives
 *   beside the build's caches (src/archive/checks.ts).
 * What is written is the state as it may be published (src/archive/public.ts):
 * a feed read from a local file keeps no `url`, and no message keeps a path.
 */
import { readFile } from 'node:fs/promises';
import { publicFeedState } from '#src/archive/public.ts';
import { type FeedState, FeedStateSchema } from '#src/archive/schema.ts';
import { StateError } from './errors.ts';
import { containedPath, writeFileAtomic } from './write-fs.ts';

/** Path of a feed's state file. */
export function statePath(stateDir: string, feedId: string): string {
  return containedPath(stateDir, `${feedId}.json`);
}

/** Stable serialisation: schema key order, undefined and default-empty values left out. */
export function serializeState(state: FeedState): string {
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(FeedStateSchema.shape) as (keyof FeedState)[]) {
    const value = state[key];
    if (value === undefined) continue;
    if (key === 'gone' && value === false) continue;
    if (key === 'failures' && value === 0) continue;
    ordered[key] = value;
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The stored state and its exact bytes, or undefined when the feed has none yet. */
export async function readState(
  stateDir: string,
  feedId: string,
): Promise<{ state: FeedState; text: string } | undefined> {
  const file = statePath(stateDir, feedId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateError(`State file ${file} cannot be read; check its permissions.`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new StateError(`State file ${file} is not valid JSON; fix or delete it to start the feed afresh.`, { cause });
  }
  const result = FeedStateSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') || '(top level)';
    throw new StateError(`State file ${file} is invalid at ${key} (${issue?.message}); fix or delete it.`);
  }
  return { state: result.data, text };
}

/** Write the state as it may be published when its bytes differ from `previousText`; returns whether it wrote. */
export async function writeState(
  stateDir: string,
  state: FeedState,
  previousText?: string,
  write: (file: string, text: string) => Promise<void> = writeFileAtomic,
): Promise<boolean> {
  const text = serializeState(publicFeedState(state));
  if (text === previousText) return false;
  await write(statePath(stateDir, state.id), text);
  return true;
}
