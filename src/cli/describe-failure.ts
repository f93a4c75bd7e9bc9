/** How a command's failure is told: one line for an expected one, a bug report with the stack for anything else. */
import { FeedshelfError } from '#src/ingest/errors.ts';

export function describeFailure(error: unknown, verbose: boolean, command = 'feedshelf'): string {
  if (error instanceof FeedshelfError) {
    const cause = verbose && error.cause instanceof Error ? `\ncause: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `feedshelf bug: ${command} failed unexpectedly. Please report it with this output.\n${detail}`;
}
