/**
 * The archive's image maps (`<media>/<feed id>.json`, src/archive/media.ts),
 * read once per content sync: the loaders look up the copies of the images
 * each item shows, and the render workers show the copies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FeedMedia, parseFeedMedia } from '#src/archive/media.ts';

/** Every feed's map under `mediaDir`, by feed id; none when the folder does not exist. */
export function readMediaMaps(mediaDir: string): Map<string, FeedMedia> {
  const maps = new Map<string, FeedMedia>();
  let names: string[];
  try {
    names = readdirSync(mediaDir);
  } catch {
    return maps;
  }
  for (const name of names.filter((file) => file.endsWith('.json') && !file.startsWith('.')).sort()) {
    try {
      maps.set(name.slice(0, -'.json'.length), parseFeedMedia(readFileSync(join(mediaDir, name), 'utf8')));
    } catch {
      // An unreadable map leaves its feed's images remote, as if not archived.
    }
  }
  return maps;
}
