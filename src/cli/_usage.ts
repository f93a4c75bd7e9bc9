/**
 * The text of `--help`, from a command's citty definition: the usage line, the
 * description, the arguments, the options (or the subcommands of a group) and
 * the command's notes. Plain text in two columns, the same on a terminal and
 * in a file.
 */
import type { ArgDef } from 'citty';
import { optionLabel, usageLine } from './_argv.ts';
import type { FeedshelfCommand } from './_command.ts';

const INDENT = '  ';
const GAP = 2;

/** Two columns; a description's later lines line up under its first. */
function columns(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => {
    const pad = ' '.repeat(INDENT.length + width + GAP);
    const [first = '', ...more] = right.split('\n');
    return [`${INDENT}${left.padEnd(width + GAP)}${first}`.trimEnd(), ...more.map((line) => `${pad}${line}`)].join(
      '\n',
    );
  });
}

function describe(def: ArgDef): string {
  const text = def.description ?? '';
  return def.default !== undefined && def.type !== 'boolean' ? `${text} (default: ${def.default})` : text;
}

/** The help of `cmd`, typed as `name` (e.g. `feedshelf feeds add`). */
export function renderHelp(cmd: FeedshelfCommand, name: string): string {
  const args = Object.entries(cmd.args ?? {});
  const lines = [`Usage: ${usageLine(cmd, name)}`, '', cmd.meta.description];
  const positionals = args.filter(([, def]) => def.type === 'positional');
  if (positionals.length > 0) {
    lines.push('', 'Arguments:', ...columns(positionals.map(([key, def]) => [key.toUpperCase(), describe(def)])));
  }
  if (cmd.subCommands) {
    const subs = Object.entries(cmd.subCommands).filter(([, sub]) => !sub.meta.hidden);
    lines.push('', 'Commands:', ...columns(subs.map(([key, sub]) => [key, sub.meta.description])));
  }
  const options: [string, string][] = args
    .filter(([, def]) => def.type !== 'positional')
    .map(([key, def]) => {
      const repeat = cmd.repeatable?.includes(key) ? ' (repeatable)' : '';
      return [optionLabel(key, def), `${describe(def)}${repeat}`];
    });
  options.push(['-h, --help', 'show this help']);
  lines.push('', 'Options:', ...columns(options));
  if (cmd.subCommands) lines.push('', `Run ${name} <command> --help for the options of a command.`);
  if (cmd.notes) lines.push('', cmd.notes);
  return `${lines.join('\n')}\n`;
}
