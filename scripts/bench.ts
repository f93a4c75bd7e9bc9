/**
 * npm run bench -- --items N [--runs 3] [--added 50] [--seed 1] [--out FILE] [--work DIR] [--note TEXT] [--keep]
 *
 * Times snapshot, astro build and Pagefind on a synthetic archive of N items,
 * cold and then warm after adding items, and writes the medians as JSON (and
 * prints them as a table). `--phase build` is how the benchmark runs the
 * astro build in its own process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sourceCount } from '#scripts/bench/archive.ts';
import { type RunMeasure, resultsTable, summarise } from '#scripts/bench/results.ts';
import { BenchError, machineInfo, runCycle } from '#scripts/bench/run-fs.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const usage =
  'Usage: npm run bench -- --items N [--runs 3] [--added 50] [--seed 1] [--out FILE] [--work DIR] [--note TEXT] [--keep]';

/**
 * One phase in its own process: `build` runs astro build with the feedshelf integration's search
 * index and audit turned off (the previous output is still moved aside, as in `npm run build`);
 * `index DIR` builds the sharded search index as the integration does, reusing unchanged shards
 * from the cache.
 */
async function phase(name: string, target: string | undefined): Promise<void> {
  if (name === 'build') {
    process.env.FEEDSHELF_SEARCH = 'off';
    process.env.FEEDSHELF_AUDIT = 'off';
    const { build } = await import('astro');
    await build({ root, logLevel: 'warn' });
  } else if (name === 'index' && target !== undefined) {
    const { indexSite } = await import('#src/search/index-fs.ts');
    await indexSite(target);
  } else {
    throw new BenchError(`Unknown phase "${name}": expected --phase build or --phase index DIR.`);
  }
}

function positiveInteger(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new BenchError(`${flag} must be a whole number of 1 or more, not "${value}".`);
  return number;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      items: { type: 'string' },
      runs: { type: 'string' },
      added: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      work: { type: 'string' },
      note: { type: 'string' },
      phase: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  if (values.phase !== undefined) {
    await phase(values.phase, positionals[0]);
    return;
  }
  if (values.items === undefined) throw new BenchError(`--items is required.\n${usage}`);
  const items = positiveInteger(values.items, '--items', 0);
  const runs = positiveInteger(values.runs, '--runs', 3);
  const added = positiveInteger(values.added, '--added', 50);
  const seed = positiveInteger(values.seed, '--seed', 1);
  const date = new Date().toISOString().slice(0, 10);
  const out = resolve(values.out ?? join(root, 'bench/results', `${date}-${items}.json`));
  // Inside the project by default: when outDir is outside the working directory, Astro writes its
  // prerender chunks to the project's shared .astro/ folder, where concurrent builds overwrite them.
  const work = resolve(values.work ?? join(root, 'bench/work'));
  const log = (line: string) => console.error(line);

  const measures: RunMeasure[] = [];
  let rssSource = 'gnu-time';
  for (let run = 1; run <= runs; run++) {
    log(`run ${run} of ${runs}`);
    const folder = join(work, `run-${run}`);
    const result = await runCycle({ root, work: folder, items, added, seed, log });
    measures.push(result.measure);
    rssSource = result.rssSource;
    // A 100,000-item cycle leaves gigabytes of feeds, archive, cache and dist/ behind.
    if (!values.keep) await rm(folder, { recursive: true, force: true });
  }
  const summary = summarise(measures, {
    items,
    added,
    sources: sourceCount(items),
    seed,
    date,
    machine: machineInfo(),
    rssSource:
      rssSource === 'gnu-time' ? '/usr/bin/time -v (largest process of each phase)' : '/proc/<pid>/status VmHWM',
    note: values.note ?? '',
  });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(resultsTable(summary));
  log(`Results written to ${out}.`);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof BenchError) console.error(error.message);
    else console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`, error);
    process.exit(1);
  },
);
