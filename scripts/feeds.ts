/**
 * npm run feeds -- import FILE.opml [--config FILE]   add an OPML file's feeds to the config
 * npm run feeds -- export [--config FILE]             print the config's feeds as OPML
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isPublicUrl } from '#src/archive/public.ts';
import { addFeedsToConfig } from '#src/ingest/config-edit.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { parseOpml } from '#src/ingest/opml.ts';
import { writeFileAtomic } from '#src/ingest/write-fs.ts';
import { renderOpml } from '#src/util/opml.ts';

const HELP = `Usage:
  npm run feeds -- import FILE.opml [--config FILE]   add the OPML file's feeds to the config (default feeds.yaml)
  npm run feeds -- export [--config FILE]             print the config's feeds as OPML on stdout`;

async function readText(file: string, what: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${what} ${file} cannot be read; check its permissions.`, { cause });
  }
}

async function importOpml(opmlFile: string, configFile: string): Promise<number> {
  const opml = await readText(opmlFile, 'OPML file');
  if (opml === undefined) throw new Error(`OPML file ${opmlFile} does not exist; check the path.`);
  const feeds = parseOpml(opml, opmlFile);
  const config = (await readText(configFile, 'Feed config')) ?? '';
  const result = addFeedsToConfig(config, configFile, feeds);
  if (result.added.length > 0) await writeFileAtomic(configFile, result.text);
  for (const feed of result.added) process.stdout.write(`added ${feed.id}: ${feed.url}\n`);
  for (const url of result.duplicates) process.stdout.write(`already listed: ${url}\n`);
  process.stdout.write(`${result.added.length} added, ${result.duplicates.length} already listed in ${configFile}\n`);
  return 0;
}

async function exportOpml(configFile: string): Promise<number> {
  const config = await loadConfigFile(configFile);
  // A local file's path is this machine's, and no reader elsewhere could open it.
  const local = config.feeds.filter((feed) => !isPublicUrl(feed.url));
  if (local.length > 0) {
    const ids = local.map((feed) => feed.id).join(', ');
    process.stderr.write(
      `Left out ${local.length} feed(s) read from local files, which have no URL to share: ${ids}\n`,
    );
  }
  const feeds = config.feeds
    .filter((feed) => isPublicUrl(feed.url))
    .map((feed) => ({
      url: feed.url,
      title: feed.title ?? feed.id,
      ...(feed.tags ? { tags: feed.tags } : {}),
    }));
  process.stdout.write(renderOpml('feedshelf feeds', feeds));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const configFile = values.config ?? 'feeds.yaml';
  const [command, file, ...rest] = positionals;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (command === 'import' && file !== undefined && rest.length === 0) return importOpml(file, configFile);
  if (command === 'export' && file === undefined) return exportOpml(configFile);
  process.stderr.write(`${HELP}\n`);
  return 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
