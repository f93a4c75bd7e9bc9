/**
 * The feedshelf command line: finds the command an argv names (`feeds add`),
 * answers --help and --version, parses the rest strictly and runs the command
 * through citty, returning its exit code. Expected failures are one message on
 * stderr and exit code 1; anything else is reported as a feedshelf bug.
 */
import { runCommand } from 'citty';
import { packageVersion } from '#src/ingest/http.ts';
import { optionNames, parseCommandArgs } from './_argv.ts';
import type { CommandInput, FeedshelfCommand } from './_command.ts';
import { renderHelp } from './_usage.ts';
import { describeFailure } from './describe-failure.ts';
import { UsageError } from './errors.ts';
import type { CliIo } from './io.ts';
import { feedshelfCommand } from './root.ts';

const HELP = new Set(['--help', '-h']);

interface Target {
  cmd: FeedshelfCommand;
  /** The command as typed: `feedshelf feeds add`. */
  name: string;
  /** The arguments after the command's name. */
  rest: string[];
}

/** The command `argv` names, walking down the groups; a group's own --help stops the walk. */
function resolve(root: FeedshelfCommand, argv: readonly string[]): Target {
  let target: Target = { cmd: root, name: root.meta.name, rest: [...argv] };
  while (target.cmd.subCommands) {
    const subs = target.cmd.subCommands;
    const [first, ...rest] = target.rest;
    const valid = `Valid commands: ${Object.keys(subs).join(', ')}.`;
    if (first === undefined) {
      throw new UsageError('missing-command', `${target.name} needs a command. ${valid}`, target.name);
    }
    if (HELP.has(first) || (first === '--version' && target.cmd.args?.version)) return target;
    if (first.startsWith('-')) {
      const options = optionNames(target.cmd).join(', ');
      throw new UsageError(
        'unknown-option',
        `Unknown option ${first} for ${target.name}. Valid options: ${options}.`,
        target.name,
      );
    }
    const sub = subs[first];
    if (sub === undefined) {
      throw new UsageError('unknown-command', `Unknown command "${first}" for ${target.name}. ${valid}`, target.name);
    }
    target = { cmd: sub, name: `${target.name} ${first}`, rest };
  }
  return target;
}

/** Run the command line `argv` (without the program's name) of `root`, the feedshelf command by default. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  root: FeedshelfCommand = feedshelfCommand,
): Promise<number> {
  try {
    const target = resolve(root, argv);
    if (target.cmd.subCommands) {
      if (target.rest[0] === '--version') io.stdout.write(`${packageVersion()}\n`);
      else io.stdout.write(renderHelp(target.cmd, target.name));
      return 0;
    }
    const args = parseCommandArgs(target.cmd, target.rest, target.name);
    if (args.flag('help')) {
      io.stdout.write(renderHelp(target.cmd, target.name));
      return 0;
    }
    const data: CommandInput = { io, args, name: target.name, argv: target.rest };
    const { result } = await runCommand(target.cmd, { rawArgs: target.rest, data });
    return typeof result === 'number' ? result : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\nRun ${error.command} --help for usage.\n`);
      return 1;
    }
    io.stderr.write(`${describeFailure(error, false, argv.length > 0 ? `feedshelf ${argv[0]}` : 'feedshelf')}\n`);
    return 1;
  }
}
