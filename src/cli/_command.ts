/**
 * A feedshelf command: a citty command definition (meta, args, subcommands,
 * run) with what the strict parser and the help need beyond citty's own: the
 * options that may be repeated and the text after the options (exit codes,
 * examples). A command's action gets the parsed arguments and the streams, and
 * returns its exit code; it never touches the process.
 */
import type { ArgsDef, CommandDef, CommandMeta } from 'citty';
import type { CommandArgs } from './_argv.ts';
import type { CliIo } from './io.ts';

/** What an action is given. */
export interface CommandInput {
  io: CliIo;
  args: CommandArgs;
  /** The command as typed, e.g. `feedshelf feeds add`, for messages that point to its help. */
  name: string;
  /** The arguments after the command's name, as given (checked already): for a command that passes them on. */
  argv: readonly string[];
}

export type Action = (input: CommandInput) => Promise<number>;

interface FeedshelfParts {
  meta: CommandMeta & { name: string; description: string };
  args?: ArgsDef;
  subCommands?: Record<string, FeedshelfCommand>;
  /** Options that may be given more than once (their values come as a list). */
  repeatable?: readonly string[];
  /** Printed after the options by --help. */
  notes?: string;
}

/** A citty command whose parts are given as values (citty also takes functions and promises). */
export type FeedshelfCommand = Omit<CommandDef<ArgsDef>, keyof FeedshelfParts> & FeedshelfParts;

/** A command with an action; citty runs it with the input as its context's data. */
export function command(parts: FeedshelfParts & { action: Action }): FeedshelfCommand {
  const { action, ...rest } = parts;
  return { ...rest, run: (context) => action(context.data as CommandInput) } satisfies CommandDef<ArgsDef>;
}

/** A group of subcommands (`feedshelf feeds`), which runs nothing itself. */
export function group(parts: FeedshelfParts & { subCommands: Record<string, FeedshelfCommand> }): FeedshelfCommand {
  return parts satisfies CommandDef<ArgsDef>;
}
