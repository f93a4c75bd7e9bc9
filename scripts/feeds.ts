/**
 * npm run feeds -- import FILE.opml | export | add URL | list | remove ID | validate:
 * `feedshelf feeds` (src/cli/feeds.ts); `--help` lists the commands.
 */
import { main } from './feedshelf.ts';

process.exitCode = await main(['feeds', ...process.argv.slice(2)]);
