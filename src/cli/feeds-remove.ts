/**
 * `feedshelf feeds remove ID`: take a feed out of feeds.yaml (the rest of the
 * file kept byte for byte). Its archive stays: the snapshot no longer fetches
 * it, but the items it archived, its state and images are kept, and the site
 * still shows them until they are deleted by hand.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { archivePaths } from '#src/archive/paths.ts';
import { removeFeedFromConfig } from '#src/ingest/config-edit.ts';
import { ConfigError } from '#src/ingest/errors.ts';
import { exists } from '#src/util/exists-fs.ts';
import { type CommandInput, command } from './_command.ts';
import { CONFIG_OPTION, configFile, readText, writeConfig } from './_config-file.ts';

async function itemCount(folder: string): Promise<number> {
  try {
    return (await readdir(folder)).filter((name) => name.endsWith('.md')).length;
  } catch {
    return 0;
  }
}

/** What of the feed's archive is on disk, as a sentence. */
async function keptText(id: string): Promise<string> {
  const folder = join(archivePaths.items, id);
  const items = await itemCount(folder);
  const state = join(archivePaths.state, `${id}.json`);
  const kept = [
    ...(items > 0 ? [`${items} archived item${items === 1 ? '' : 's'} in ${folder}/`] : []),
    ...((await exists(state)) ? [`its state ${state}`] : []),
  ];
  if (kept.length === 0) return 'It had nothing archived.';
  return `Its archive is kept: ${kept.join(' and ')}; the site shows its items until you delete them.`;
}

async function remove({ io, args }: CommandInput): Promise<number> {
  const id = args.positional('id') ?? '';
  const file = configFile(args.string('config'));
  const text = await readText(file, 'Feed config');
  if (text === undefined) throw new ConfigError(`Feed config ${file} does not exist; pass --config FILE.`);
  const result = removeFeedFromConfig(text, file, id);
  await writeConfig(file, result.text);
  io.stdout.write(`removed ${id} from ${file} (${result.removed.url})\n${await keptText(id)}\n`);
  return 0;
}

export const feedsRemoveCommand = command({
  meta: { name: 'remove', description: 'Remove a feed from the config; what it archived is kept.' },
  args: {
    id: { type: 'positional', description: "the feed's id (feedshelf feeds list shows them)" },
    ...CONFIG_OPTION,
  },
  action: remove,
});
