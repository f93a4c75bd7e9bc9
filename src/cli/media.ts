/** `feedshelf media`: the commands that look after the archived images. */
import { group } from './_command.ts';
import { mediaPruneCommand } from './media-prune.ts';

export const mediaCommand = group({
  meta: { name: 'media', description: 'Look after the archived images (content/media/).' },
  subCommands: { prune: mediaPruneCommand },
});
