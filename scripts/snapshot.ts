/**
 * npm run snapshot -- [options]: `feedshelf snapshot` (src/cli/snapshot.ts);
 * `--help` lists the options.
 */
import { main } from './feedshelf.ts';

process.exitCode = await main(['snapshot', ...process.argv.slice(2)]);
