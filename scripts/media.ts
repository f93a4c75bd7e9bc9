/**
 * npm run media -- prune [--feed ID]... [--out DIR] [--dry-run]
 *
 * Delete the archived images no feed's map names; with --feed, drop those
 * feeds' maps first (their images go unless another feed shows them too).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { archivePaths, mediaBeside } from '#src/archive/paths.ts';
import { acquireArchiveLock } from '#src/ingest/lock-fs.ts';
import { mediaMapPath } from '#src/ingest/media-fs.ts';
import { pruneMedia } from '#src/ingest/media-prune-fs.ts';

const HELP = `Usage: npm run media -- prune [options]

Delete the archived images that no feed's map names (content/media/<feed id>.json).

  --feed ID    drop this feed's map first, so its images go unless another feed shows them (repeatable)
  --out DIR    items folder (default: ${archivePaths.items}); images are in DIR/../media
  --dry-run    list what would be deleted; delete nothing
  --help       show this help`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nRun with --help for usage.\n`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'prune') {
    process.stderr.write(
      `Unknown command ${positionals.join(' ') || '(none)'}; the one command is prune.\nRun with --help for usage.\n`,
    );
    return 1;
  }
  // Images and state beside the items folder, as the snapshot keeps them.
  const mediaDir = values.out === undefined ? archivePaths.media : mediaBeside(values.out);
  const stateDir = values.out === undefined ? archivePaths.state : join(values.out, '..', 'state');
  const dryRun = values['dry-run'] ?? false;
  const lock = await acquireArchiveLock(stateDir, { waitMs: 0 });
  try {
    for (const feed of values.feed ?? []) {
      if (!dryRun) await rm(mediaMapPath(mediaDir, feed), { force: true });
    }
    const result = await pruneMedia(mediaDir, dryRun);
    for (const file of result.files) process.stdout.write(`${dryRun ? 'would delete' : 'deleted'} ${file}\n`);
    const mib = (result.bytes / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `${result.files.length} image(s) no feed shows, ${mib} MiB ${dryRun ? 'would be freed' : 'freed'} in ${mediaDir}\n`,
    );
    return 0;
  } finally {
    await lock.release();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      feed: { type: 'string', multiple: true },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
