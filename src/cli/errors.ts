/**
 * The command line's own errors: a command, an option or an argument that is
 * not one feedshelf has. The entry prints the message and the way to the help,
 * and exits 1 without running anything.
 */
import { FeedshelfError } from '#src/ingest/errors.ts';

/** Why the command line was refused. */
export type UsageErrorCode =
  | 'unknown-command'
  | 'missing-command'
  | 'unknown-option'
  | 'missing-value'
  | 'invalid-value'
  | 'missing-argument'
  | 'unexpected-argument';

export class UsageError extends FeedshelfError {
  declare readonly code: UsageErrorCode;
  /** The command the line was for, e.g. `feedshelf feeds add`: its --help says what it takes. */
  readonly command: string;

  constructor(code: UsageErrorCode, message: string, command: string) {
    super('config', code, message);
    this.name = 'UsageError';
    this.command = command;
  }
}
