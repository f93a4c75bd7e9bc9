/**
 * node scripts/bench-partitions.ts [--items 2000] [--partitions 4] [--seed 1] [--work DIR]
 *
 * What a build in N partitions gains (scripts/bench/partitions-fs.ts): prints
 * each run's wall and CPU seconds, and the slowest partition against the
 * single build.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runPartitionBench } from '#scripts/bench/partitions-fs.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function whole(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${flag} must be a whole number of 1 or more, not "${value}".`);
  return number;
}

const { values } = parseArgs({
  options: {
    items: { type: 'string' },
    partitions: { type: 'string' },
    seed: { type: 'string' },
    work: { type: 'string' },
  },
});
const work = resolve(values.work ?? join(root, 'bench/work/partitions'));
try {
  const result = await runPartitionBench({
    root,
    work,
    items: whole(values.items, '--items', 2000),
    partitions: whole(values.partitions, '--partitions', 4),
    seed: whole(values.seed, '--seed', 1),
    log: (line) => console.error(line),
  });
  const row = (name: string, m: { seconds: number; cpuSeconds: number; peakRssBytes: number }) =>
    `| ${name} | ${m.seconds.toFixed(1)} | ${m.cpuSeconds.toFixed(1)} | ${(m.peakRssBytes / 1048576).toFixed(0)} MB | ${(m.seconds / result.single.seconds).toFixed(2)} |`;
  console.log(`${result.items} items in ${result.partitions} partitions\n`);
  console.log('| Run | Wall s | CPU s | Peak RSS | × single |\n| --- | ---: | ---: | ---: | ---: |');
  console.log(row('single astro build', result.single));
  for (const [i, part] of result.parts.entries()) console.log(row(`partition ${i + 1}/${result.partitions}`, part));
  console.log(row('merge and index', result.merge));
  console.log(`\nSlowest partition: ${result.slowestRatio.toFixed(2)} × the single build.`);
  await rm(work, { recursive: true, force: true });
} catch (error) {
  console.error(`The partition benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
