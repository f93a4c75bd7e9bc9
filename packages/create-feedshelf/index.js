#!/usr/bin/env node
/**
 * `npm create feedshelf DIR [options]`: runs `feedshelf init DIR [options]` of
 * the feedshelf this package depends on (the same version as this one), so
 * both ways to start a site write the same files.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('scripts/feedshelf.js', import.meta.resolve('feedshelf/package.json')));
const { status, error } = spawnSync(process.execPath, [bin, 'init', ...process.argv.slice(2)], { stdio: 'inherit' });
if (error) {
  process.stderr.write(`create-feedshelf could not run feedshelf init: ${error.message}\n`);
  process.exitCode = 1;
} else {
  process.exitCode = status ?? 1;
}
