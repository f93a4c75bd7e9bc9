/**
 * What a command may touch of the world outside it: two output streams, the
 * environment and the folder it runs in. The entry point (scripts/feedshelf.ts)
 * binds them to the process; tests and other callers pass their own.
 */

/** A text stream: stdout or stderr. */
export interface Output {
  write(text: string): void;
  /** Whether a terminal shows the stream (then a progress line may redraw itself). */
  readonly isTTY?: boolean;
  /** The terminal's width in characters, when it is one. */
  readonly columns?: number;
}

export interface CliIo {
  /** Results: reports, lists, help. */
  stdout: Output;
  /** Progress, per-feed lines and errors. */
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved against. */
  cwd: string;
}
