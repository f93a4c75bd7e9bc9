/**
 * `npm run test:fuzz [-- --seed N --count N ...]`: generated and mutated feeds
 * through the real snapshot, a few site builds of what was archived, and a
 * sample of the built pages in Chromium. Prints a summary; exits 1 on any
 * violation, with the seed and the saved (shrunk) failing feeds.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '#scripts/shared/site-build-fs.ts';
import { cpuTime } from './fuzz/cpu-fs.ts';
import { runFuzz } from './fuzz/run-fs.ts';
import { formatSummary } from './fuzz/summary.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '20261' },
    count: { type: 'string', default: '5000' },
    batch: { type: 'string', default: '50' },
    workers: { type: 'string', default: '2' },
    'feed-timeout': { type: 'string', default: '60' },
    builds: { type: 'string', default: '3' },
    'build-items': { type: 'string', default: '300' },
    pages: { type: 'string', default: '30' },
    'shrink-seconds': { type: 'string', default: '60' },
    failures: { type: 'string', default: 'fuzz-failures' },
    keep: { type: 'boolean', default: false },
  },
});

function whole(name: keyof typeof values, min: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}, not ${JSON.stringify(values[name])}.`);
    process.exit(2);
  }
  return value;
}

try {
  const run = await runFuzz({
    seed: whole('seed', 0),
    count: whole('count', 1),
    batchSize: whole('batch', 1),
    workers: whole('workers', 1),
    feedTimeoutMs: whole('feed-timeout', 1) * 1000,
    builds: whole('builds', 0),
    buildItems: whole('build-items', 1),
    pages: whole('pages', 0),
    shrinkMs: whole('shrink-seconds', 0) * 1000,
    maxShrunk: 6,
    failuresDir: resolve(PROJECT_ROOT, String(values.failures)),
    keep: values.keep === true,
    onProgress: (line) => console.error(`  ${line}`),
  });
  console.log(formatSummary(run, cpuTime()));
  if (values.keep) console.log(`Work folder kept: ${run.workDir}`);
  if (run.violations.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(`Fuzz run failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
