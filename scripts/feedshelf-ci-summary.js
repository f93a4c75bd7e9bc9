#!/usr/bin/env node
// The installed `feedshelf-ci-summary` command of a site's workflow: scripts/ci-summary.ts.
await import('./bin-node.js');
await import('./ci-summary.ts');
