/** `feedshelf`: the command line's root, and the list of its commands. */
import { group } from './_command.ts';
import { buildCommand } from './build.ts';
import { feedsCommand } from './feeds.ts';
import { initCommand } from './init.ts';
import { mediaCommand } from './media.ts';
import { mergeCommand } from './merge.ts';
import { snapshotCommand } from './snapshot.ts';

export const feedshelfCommand = group({
  meta: {
    name: 'feedshelf',
    description: 'Archive RSS, Atom and JSON feeds as Markdown and build a searchable static site of them.',
  },
  args: { version: { type: 'boolean', description: 'print the version of feedshelf' } },
  subCommands: {
    init: initCommand,
    snapshot: snapshotCommand,
    feeds: feedsCommand,
    media: mediaCommand,
    build: buildCommand,
    merge: mergeCommand,
  },
});
