/**
 * `feedshelf media prune`: delete the archived images no feed's map names
 * (src/ingest/media-prune-fs.ts), under the archive's lock like a snapshot;
 * with --feed, drop those feeds' maps first, so their images go unless
 * another feed shows them too.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { archivePaths, mediaBeside } from '#src/archive/paths.ts';
import { acquireArchiveLock } from '#src/ingest/lock-fs.ts';
import { mediaMapPath } from '#src/ingest/media-fs.ts';
import { pruneMedia } from '#src/ingest/media-prune-fs.ts';
import { type CommandInput, command } from './_command.ts';

async function prune({ io, args }: CommandInput): Promise<number> {
  const out = args.string('out');
  // Images and state beside the items folder, as the snapshot keeps them.
  const mediaDir = resolve(io.cwd, out === undefined ? archivePaths.media : mediaBeside(out));
  const stateDir = resolve(io.cwd, out === undefined ? archivePaths.state : join(out, '..', 'state'));
  const dryRun = args.flag('dry-run');
  const lock = await acquireArchiveLock(stateDir, { waitMs: 0 });
  try {
    for (const feed of args.strings('feed')) {
      if (!dryRun) await rm(mediaMapPath(mediaDir, feed), { force: true });
    }
    const result = await pruneMedia(mediaDir, dryRun);
    for (const file of result.files) io.stdout.write(`${dryRun ? 'would delete' : 'deleted'} ${file}\n`);
    const mib = (result.bytes / 1024 / 1024).toFixed(1);
    io.stdout.write(
      `${result.files.length} image(s) no feed shows, ${mib} MiB ${dryRun ? 'would be freed' : 'freed'} in ${out === undefined ? archivePaths.media : mediaBeside(out)}\n`,
    );
    return 0;
  } finally {
    await lock.release();
  }
}

export const mediaPruneCommand = command({
  meta: {
    name: 'prune',
    description: "Delete the archived images no feed's map names (content/media/<feed id>.json).",
  },
  args: {
    feed: {
      type: 'string',
      valueHint: 'ID',
      description: "drop this feed's map first, so its images go unless another feed shows them",
    },
    out: {
      type: 'string',
      valueHint: 'DIR',
      description: `items folder (default: ${archivePaths.items}); images are in DIR/../media`,
    },
    'dry-run': { type: 'boolean', description: 'list what would be deleted; delete nothing' },
  },
  repeatable: ['feed'],
  action: prune,
});
