/**
 * `feedshelf feeds validate`: load the config as the snapshot does and say it
 * is OK with its feed count, or list each problem as `FILE:LINE:COL: key: what
 * was expected` and exit 1. Fetches nothing.
 */
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { type CommandInput, command } from './_command.ts';
import { CONFIG_OPTION, configFile } from './_config-file.ts';

async function validate({ io, args }: CommandInput): Promise<number> {
  const config = await loadConfigFile(configFile(args.string('config')));
  const count = config.feeds.length;
  io.stdout.write(`${config.file}: OK, ${count} feed${count === 1 ? '' : 's'}\n`);
  return 0;
}

export const feedsValidateCommand = command({
  meta: { name: 'validate', description: 'Check the config without fetching anything; each problem with its line.' },
  args: { ...CONFIG_OPTION },
  notes: 'Exit codes: 0 the config is valid; 1 it is not, or it cannot be read.',
  action: validate,
});
