/**
 * Strict parsing of a command's arguments against its citty definition: an
 * option it does not define, a missing value, a missing or extra positional is
 * a UsageError that names it and lists what the command takes, so a mistyped
 * flag never runs the command. Options come in as `--name VALUE`,
 * `--name=VALUE` or a one-letter alias; repeatable ones as lists.
 */
import { parseArgs } from 'node:util';
import type { ArgDef } from 'citty';
import type { FeedshelfCommand } from './_command.ts';
import { UsageError } from './errors.ts';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The parsed arguments of one command. */
export class CommandArgs {
  readonly #values: Values;
  readonly #positionals: Readonly<Record<string, string>>;

  constructor(values: Values, positionals: Readonly<Record<string, string>>) {
    this.#values = values;
    this.#positionals = positionals;
  }

  /** A string option's value, undefined when not given. */
  string(name: string): string | undefined {
    const value = this.#values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** A repeatable option's values, in order. */
  strings(name: string): string[] {
    const value = this.#values[name];
    if (Array.isArray(value)) return value.filter((entry): entry is string => typeof entry === 'string');
    return typeof value === 'string' ? [value] : [];
  }

  /** Whether a boolean option was given. */
  flag(name: string): boolean {
    return this.#values[name] === true;
  }

  /** A positional argument, undefined when an optional one was not given. */
  positional(name: string): string | undefined {
    return this.#positionals[name];
  }
}

type NodeOption = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

function entries(cmd: FeedshelfCommand): [string, ArgDef][] {
  return Object.entries(cmd.args ?? {});
}

/** `--config FILE`, as help and errors write an option. */
export function optionLabel(name: string, def: ArgDef): string {
  const hint = def.type === 'string' || def.type === 'enum' ? ` ${def.valueHint ?? name.toUpperCase()}` : '';
  return `--${name}${hint}`;
}

/** Every option of the command, as `--name`, help included. */
export function optionNames(cmd: FeedshelfCommand): string[] {
  return [
    ...entries(cmd)
      .filter(([, def]) => def.type !== 'positional')
      .map(([name]) => `--${name}`),
    '--help',
  ];
}

function nodeOptions(cmd: FeedshelfCommand): Record<string, NodeOption> {
  const options: Record<string, NodeOption> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, def] of entries(cmd)) {
    if (def.type === 'positional') continue;
    const option: NodeOption = { type: def.type === 'boolean' ? 'boolean' : 'string' };
    if (cmd.repeatable?.includes(name)) option.multiple = true;
    const aliases = 'alias' in def && def.alias !== undefined ? [def.alias].flat() : [];
    const short = aliases.find((alias) => alias.length === 1);
    if (short) option.short = short;
    options[name] = option;
  }
  return options;
}

/** The option a parse error of node:util is about, e.g. `--frobnicate`. */
function optionOf(error: Error): string {
  return /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
}

function validList(cmd: FeedshelfCommand): string {
  return `Valid options: ${optionNames(cmd).join(', ')}.`;
}

/** Parse `argv` for `cmd` (named `name`, e.g. `feedshelf snapshot`), or throw a UsageError. */
export function parseCommandArgs(cmd: FeedshelfCommand, argv: readonly string[], name: string): CommandArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: nodeOptions(cmd), strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const option = optionOf(error as Error);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const def = cmd.args?.[option.replace(/^-+/, '')];
      const label = def ? optionLabel(option.replace(/^-+/, ''), def) : option;
      const flag = def?.type === 'boolean' ? `${option} takes no value` : `${option} needs a value: ${label}`;
      throw new UsageError('missing-value', `${flag}.`, name);
    }
    throw new UsageError('unknown-option', `Unknown option ${option} for ${name}. ${validList(cmd)}`, name);
  }
  const values = parsed.values as Values;
  if (values.help === true) return new CommandArgs(values, {});
  const positionals: Record<string, string> = {};
  const given = [...parsed.positionals];
  for (const [argName, def] of entries(cmd)) {
    if (def.type !== 'positional') continue;
    const value = given.shift();
    if (value !== undefined) positionals[argName] = value;
    else if (def.required !== false && def.default === undefined) {
      throw new UsageError('missing-argument', `${name} needs ${argName.toUpperCase()}: ${usageLine(cmd, name)}`, name);
    } else if (def.default !== undefined) positionals[argName] = def.default;
  }
  const extra = given[0];
  if (extra !== undefined) {
    throw new UsageError(
      'unexpected-argument',
      `Unexpected argument "${extra}" for ${name}: ${usageLine(cmd, name)}`,
      name,
    );
  }
  for (const [argName, def] of entries(cmd)) {
    if (def.type !== 'enum' || !def.options) continue;
    const value = values[argName];
    if (typeof value === 'string' && !def.options.includes(value)) {
      throw new UsageError('invalid-value', `--${argName} takes ${def.options.join(', ')}, not "${value}".`, name);
    }
  }
  return new CommandArgs(values, positionals);
}

/** `feedshelf feeds add URL [options]`: the command, its positionals, and whether it has options. */
export function usageLine(cmd: FeedshelfCommand, name: string): string {
  const parts = [name];
  if (cmd.subCommands) parts.push('<command>');
  for (const [argName, def] of entries(cmd)) {
    if (def.type !== 'positional') continue;
    const label = argName.toUpperCase();
    parts.push(def.required === false || def.default !== undefined ? `[${label}]` : label);
  }
  parts.push('[options]');
  return parts.join(' ');
}
