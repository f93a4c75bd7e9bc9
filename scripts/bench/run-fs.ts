/**
 * One benchmark cycle on a fresh folder: generate the feeds, then time the
 * snapshot, astro build and Pagefind cold; add items to the feeds and time the
 * three phases again with the archive, the Astro cache and dist/ kept (warm).
 * Between the two, the anchor: the cold archive built by Debian's Hugo with a
 * comparable theme (hugo.ts), then indexed by Pagefind's CLI, when hugo is
 * installed.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { PAGEFIND_CLI } from '#src/search/index-fs.ts';
import { sourceCount } from './archive.ts';
import { writeSyntheticFeeds } from './archive-fs.ts';
import { hugoVersion, writeHugoSite } from './hugo-fs.ts';
import { measureSite } from './measure-fs.ts';
import type { AnchorMeasure, MachineInfo, Phase, PhaseMeasure, RunMeasure } from './results.ts';
import { runTimed, type TimedRun } from './timed-fs.ts';

export interface CycleOptions {
  /** Project root: where scripts/ and astro.config.mjs are. */
  root: string;
  /** Scratch folder for this cycle (emptied first). */
  work: string;
  items: number;
  added: number;
  seed: number;
  /** Called with a line of progress. */
  log: (line: string) => void;
}

export class BenchError extends Error {
  override name = 'BenchError';
}

export function machineInfo(): MachineInfo {
  let cpuModel = 'unknown CPU';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // Not Linux: keep the placeholder.
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryBytes: totalmem(),
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

function newItemsOf(run: TimedRun): number {
  const report: unknown = JSON.parse(run.stdout);
  if (typeof report === 'object' && report !== null && 'totals' in report) {
    const totals: unknown = report.totals;
    if (typeof totals === 'object' && totals !== null && 'new' in totals && typeof totals.new === 'number')
      return totals.new;
  }
  throw new BenchError('The snapshot report has no totals.new count: check npm run snapshot -- --json.');
}

const pick = (run: TimedRun): PhaseMeasure => ({
  seconds: run.seconds,
  cpuSeconds: run.cpuSeconds,
  peakRssBytes: run.peakRssBytes,
});

export async function runCycle(options: CycleOptions): Promise<{ measure: RunMeasure; rssSource: string }> {
  const { root, work, items, added, seed, log } = options;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const sources = sourceCount(items);
  const dirs = {
    feeds: join(work, 'feeds'),
    items: join(work, 'content/items'),
    state: join(work, 'content/state'),
    dist: join(work, 'dist'),
    cache: join(work, 'cache'),
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    FEEDSHELF_ITEMS_DIR: dirs.items,
    FEEDSHELF_STATE_DIR: dirs.state,
    FEEDSHELF_OUT_DIR: dirs.dist,
    FEEDSHELF_CACHE_DIR: dirs.cache,
  };
  const node = process.execPath;
  const bench = join(root, 'scripts/bench.ts');
  let rssSource = 'gnu-time';

  async function phase(name: string, args: string[], command = node): Promise<TimedRun> {
    const run = await runTimed(command, args, { cwd: root, env });
    rssSource = run.rssSource;
    if (run.exitCode !== 0) {
      throw new BenchError(`The ${name} phase exited with code ${run.exitCode}:\n${run.stderrTail.trim()}`);
    }
    log(
      `  ${name}: ${run.seconds.toFixed(1)} s (CPU ${run.cpuSeconds.toFixed(1)} s), peak RSS ${(run.peakRssBytes / 1048576).toFixed(0)} MB`,
    );
    return run;
  }

  /** Hugo over the cold archive, then Pagefind's CLI over Hugo's output; undefined without hugo. */
  async function hugoAnchor(): Promise<AnchorMeasure | undefined> {
    const version = hugoVersion();
    if (version === undefined) {
      log('anchor: hugo is not installed (Debian: apt-get install hugo); the Hugo comparison is left out');
      return undefined;
    }
    const site = join(work, 'hugo');
    const out = join(work, 'hugo-dist');
    writeHugoSite(site, dirs.items, out);
    const hugo = await phase('anchor Hugo', ['--quiet', '--source', site], 'hugo');
    const pagefind = await phase('anchor Pagefind over Hugo', [PAGEFIND_CLI, '--site', out, '--quiet']);
    return { version, hugo: pick(hugo), pagefind: pick(pagefind), pages: (await measureSite(out)).pages };
  }

  async function cycle(label: 'cold' | 'warm', count: number) {
    writeSyntheticFeeds(dirs.feeds, { items: count, seed, sources });
    log(`${label}: ${count} items in ${sources} feeds`);
    const snapshot = await phase(`${label} snapshot`, [
      join(root, 'scripts/snapshot.ts'),
      '--config',
      join(dirs.feeds, 'feeds.yaml'),
      '--json',
    ]);
    const build = await phase(`${label} astro build`, [bench, '--phase', 'build']);
    // The search index as the feedshelf integration builds it: a Pagefind CLI process per changed shard,
    // each waited for, so the OS accounts for its CPU time and memory.
    const pagefind = await phase(`${label} Pagefind`, [bench, '--phase', 'index', dirs.dist]);
    const measures: Record<Phase, PhaseMeasure> = {
      snapshot: pick(snapshot),
      build: pick(build),
      pagefind: pick(pagefind),
    };
    return { measures, newItems: newItemsOf(snapshot), site: await measureSite(dirs.dist) };
  }

  const cold = await cycle('cold', items);
  const anchor = await hugoAnchor();
  const warm = await cycle('warm', items + added);
  if (cold.newItems !== items || warm.newItems !== added) {
    throw new BenchError(
      `The snapshot archived ${cold.newItems} then ${warm.newItems} new items, expected ${items} then ${added}: check the snapshot's dedupe.`,
    );
  }
  return {
    rssSource,
    measure: {
      cold: cold.measures,
      warm: warm.measures,
      newItems: { cold: cold.newItems, warm: warm.newItems },
      pages: { cold: cold.site.pages, warm: warm.site.pages },
      distBytes: cold.site.distBytes,
      pagefindBytes: cold.site.pagefindBytes,
      output: cold.site.output,
      ...(anchor ? { anchor } : {}),
    },
  };
}
