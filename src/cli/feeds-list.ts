/**
 * `feedshelf feeds list`: the config's feeds, one a row (id, title, URL, tags),
 * or as JSON with --json. A feed without a title in the config shows the title
 * its last snapshot read, when there was one.
 */
import { archivePaths } from '#src/archive/paths.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import { loadConfigFile } from '#src/ingest/config-fs.ts';
import { readState } from '#src/ingest/state-fs.ts';
import { type CommandInput, command } from './_command.ts';
import { CONFIG_OPTION, configFile } from './_config-file.ts';

interface Row {
  id: string;
  title?: string;
  url: string;
  tags: string[];
}

async function archivedTitle(feed: FeedConfig): Promise<string | undefined> {
  try {
    return (await readState(archivePaths.state, feed.id))?.state.title;
  } catch {
    // A broken state file is the snapshot's to report; the list goes on without its title.
    return undefined;
  }
}

/** Rows in columns, the last one unpadded. */
function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function list({ io, args }: CommandInput): Promise<number> {
  const config = await loadConfigFile(configFile(args.string('config')));
  const rows: Row[] = await Promise.all(
    config.feeds.map(async (feed) => {
      const title = feed.title ?? (await archivedTitle(feed));
      return { id: feed.id, ...(title ? { title } : {}), url: feed.url, tags: feed.tags ?? [] };
    }),
  );
  if (args.flag('json')) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write(`${config.file} lists no feed; add one with feedshelf feeds add URL.\n`);
    return 0;
  }
  const cells = rows.map((row) => [row.id, row.title ?? '-', row.url, row.tags.join(', ') || '-']);
  io.stdout.write(`${table([['id', 'title', 'url', 'tags'], ...cells])}\n`);
  return 0;
}

export const feedsListCommand = command({
  meta: { name: 'list', description: 'List the feeds of the config: id, title, URL and tags.' },
  args: {
    json: { type: 'boolean', description: 'print them as a JSON list on stdout' },
    ...CONFIG_OPTION,
  },
  action: list,
});
