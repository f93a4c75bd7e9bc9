#!/usr/bin/env node
// The installed `feedshelf` command: scripts/feedshelf.ts, through the checks of bin-node.js.
await import('./bin-node.js');
const { main } = await import('./feedshelf.ts');
process.exitCode = await main(process.argv.slice(2));
