/**
 * What a matrix of partitions gains, measured on one machine: the synthetic
 * archive built cold as one `astro build`, then as N partitions
 * (FEEDSHELF_PARTITION=i/N), each cold in its own process with its own output
 * and cache folder, one after another (as N matrix jobs would run at once),
 * then merged and indexed by `feedshelf merge`. Every run's wall and CPU
 * seconds and peak memory, and each partition's wall time against the single
 * build's.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sourceCount } from './archive.ts';
import { writeSyntheticFeeds } from './archive-fs.ts';
import type { PhaseMeasure } from './results.ts';
import { runTimed, type TimedRun } from './timed-fs.ts';

export interface PartitionBenchOptions {
  root: string;
  work: string;
  items: number;
  partitions: number;
  seed: number;
  log: (line: string) => void;
}

export interface PartitionBenchResult {
  items: number;
  partitions: number;
  single: PhaseMeasure;
  parts: PhaseMeasure[];
  merge: PhaseMeasure;
  /** The slowest partition's wall time over the single build's. */
  slowestRatio: number;
}

const measure = (run: TimedRun): PhaseMeasure => ({
  seconds: run.seconds,
  cpuSeconds: run.cpuSeconds,
  peakRssBytes: run.peakRssBytes,
});

export async function runPartitionBench(options: PartitionBenchOptions): Promise<PartitionBenchResult> {
  const { root, work, items, partitions, seed, log } = options;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const archive = { items: join(work, 'content/items'), state: join(work, 'content/state') };
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    FEEDSHELF_ITEMS_DIR: archive.items,
    FEEDSHELF_STATE_DIR: archive.state,
    FEEDSHELF_AUDIT: 'off',
  };
  const node = process.execPath;
  const run = async (name: string, args: string[], env: NodeJS.ProcessEnv): Promise<TimedRun> => {
    const timed = await runTimed(node, args, { cwd: root, env: { ...base, ...env } });
    if (timed.exitCode !== 0)
      throw new Error(`${name} exited with code ${timed.exitCode}:\n${timed.stderrTail.trim()}`);
    log(`  ${name}: ${timed.seconds.toFixed(1)} s (CPU ${timed.cpuSeconds.toFixed(1)} s)`);
    return timed;
  };
  const feeds = writeSyntheticFeeds(join(work, 'feeds'), { items, seed, sources: sourceCount(items) });
  await run('snapshot', [join(root, 'scripts/snapshot.ts'), '--config', feeds.config, '--json'], {});
  const astro = [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'];
  const single = await run('single astro build', astro, {
    FEEDSHELF_SEARCH: 'off',
    FEEDSHELF_OUT_DIR: join(work, 'single'),
    FEEDSHELF_CACHE_DIR: join(work, 'single.cache'),
  });
  const parts: TimedRun[] = [];
  for (let index = 1; index <= partitions; index++) {
    parts.push(
      await run(`partition ${index}/${partitions}`, astro, {
        FEEDSHELF_PARTITION: `${index}/${partitions}`,
        FEEDSHELF_OUT_DIR: join(work, 'parts', `partition-${index}`),
        FEEDSHELF_CACHE_DIR: join(work, `partition-${index}.cache`),
      }),
    );
  }
  const merge = await run(
    'merge and index',
    [join(root, 'scripts/feedshelf.ts'), 'merge', join(work, 'parts'), '--out', join(work, 'merged')],
    { FEEDSHELF_CACHE_DIR: join(work, 'merge.cache') },
  );
  const slowest = Math.max(...parts.map((part) => part.seconds));
  return {
    items,
    partitions,
    single: measure(single),
    parts: parts.map(measure),
    merge: measure(merge),
    slowestRatio: slowest / single.seconds,
  };
}
