/**
 * `feedshelf feeds import FILE.opml` adds the subscriptions of a feed reader's
 * OPML export to feeds.yaml (comments and order kept, URLs already listed left
 * out); `feedshelf feeds export` prints the config's feeds as OPML.
 */
import { isPublicUrl } from '#src/archive/public.ts';
import { addFeedsToConfig } from '#src/ingest/config-edit.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { ConfigError } from '#src/ingest/errors.ts';
import { parseOpml } from '#src/ingest/opml.ts';
import { renderOpml } from '#src/util/opml.ts';
import { type CommandInput, command } from './_command.ts';
import { CONFIG_OPTION, configFile, readText, writeConfig } from './_config-file.ts';

async function importOpml({ io, args }: CommandInput): Promise<number> {
  const opmlFile = args.positional('file') ?? '';
  const file = configFile(args.string('config'));
  const opml = await readText(opmlFile, 'OPML file');
  if (opml === undefined) throw new ConfigError(`OPML file ${opmlFile} does not exist; check the path.`);
  const feeds = parseOpml(opml, opmlFile);
  const config = (await readText(file, 'Feed config')) ?? '';
  const result = addFeedsToConfig(config, file, feeds);
  if (result.added.length > 0) await writeConfig(file, result.text);
  for (const feed of result.added) io.stdout.write(`added ${feed.id}: ${feed.url}\n`);
  for (const url of result.duplicates) io.stdout.write(`already listed: ${url}\n`);
  io.stdout.write(`${result.added.length} added, ${result.duplicates.length} already listed in ${file}\n`);
  return 0;
}

async function exportOpml({ io, args }: CommandInput): Promise<number> {
  const config = await loadConfigFile(configFile(args.string('config')));
  // A local file's path is this machine's, and no reader elsewhere could open it.
  const local = config.feeds.filter((feed) => !isPublicUrl(feed.url));
  if (local.length > 0) {
    const ids = local.map((feed) => feed.id).join(', ');
    io.stderr.write(`Left out ${local.length} feed(s) read from local files, which have no URL to share: ${ids}\n`);
  }
  const feeds = config.feeds
    .filter((feed) => isPublicUrl(feed.url))
    .map((feed) => ({ url: feed.url, title: feed.title ?? feed.id, ...(feed.tags ? { tags: feed.tags } : {}) }));
  io.stdout.write(renderOpml('feedshelf feeds', feeds));
  return 0;
}

export const feedsImportCommand = command({
  meta: {
    name: 'import',
    description: "Add the feeds of an OPML file (a feed reader's export) to the config.",
  },
  args: {
    file: { type: 'positional', description: 'the OPML file' },
    ...CONFIG_OPTION,
  },
  notes:
    'Ids come from the feeds\' titles (transliterated: "Überblog" gives ueberblog), else from their URLs;\nfeeds the config already lists are left out, and its comments and order are kept.',
  action: importOpml,
});

export const feedsExportCommand = command({
  meta: {
    name: 'export',
    description: "Print the config's feeds as OPML on stdout (feeds read from local files left out).",
  },
  args: { ...CONFIG_OPTION },
  action: exportOpml,
});
