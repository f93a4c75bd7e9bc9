/** `feedshelf feeds`: the commands that read and edit feeds.yaml. */
import { group } from './_command.ts';
import { feedsAddCommand } from './feeds-add.ts';
import { feedsListCommand } from './feeds-list.ts';
import { feedsExportCommand, feedsImportCommand } from './feeds-opml.ts';
import { feedsRemoveCommand } from './feeds-remove.ts';
import { feedsValidateCommand } from './feeds-validate.ts';

export const feedsCommand = group({
  meta: { name: 'feeds', description: 'Add, list, remove and check the feeds in the config (feeds.yaml).' },
  subCommands: {
    add: feedsAddCommand,
    list: feedsListCommand,
    remove: feedsRemoveCommand,
    validate: feedsValidateCommand,
    import: feedsImportCommand,
    export: feedsExportCommand,
  },
});
