/**
 * Conversion throughput on the Forem feed's items (about 15 KB of HTML each):
 * parse once, then convert the items repeatedly, one core and a worker pool
 * over every core. Prints items/s per run and the median of 3 runs.
 * Usage: node scripts/bench-convert.ts [--items N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from '#scripts/bench/results.ts';
import { createConvertPool } from '#src/ingest/convert-pool.ts';
import { parseFeed } from '#src/ingest/parse.ts';
import { convertEntry } from '#src/ingest/to-markdown.ts';
import type { ConvertContext, FeedEntry } from '#src/ingest/types.ts';

const FEED = '../shared/feeds/forem-2026-04-27.xml';
const { values } = parseArgs({ options: { items: { type: 'string', default: '600' } } });
const total = Number(values.items);

function batch(entries: FeedEntry[]): { entry: FeedEntry; ctx: ConvertContext }[] {
  return Array.from({ length: total }, (_, index) => {
    const source = entries[index % entries.length] as FeedEntry;
    // A distinct guid per copy, so no layer can recognise a repeat.
    const entry = { ...source, guid: `${source.guid ?? 'item'}#${index}` };
    return {
      entry,
      ctx: { source: 'forem', extraTags: [], firstSeen: '2026-04-28T00:00:00Z', now: '2026-04-28T00:00:00Z' },
    };
  });
}

async function main(): Promise<void> {
  if (!existsSync(FEED)) {
    console.log(`skipped: ${FEED} is not present (it ships with the shared material, not with the project).`);
    return;
  }
  const feed = await parseFeed(readFileSync(FEED, 'utf8'), 'https://forem.com/feed');
  const jobs = batch(feed.entries);
  for (const { entry, ctx } of jobs.slice(0, 24)) convertEntry(entry, ctx);

  const single: number[] = [];
  for (let run = 1; run <= 3; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (const { entry, ctx } of jobs) convertEntry(entry, ctx);
    const rate = total / ((performance.now() - start) / 1000);
    const cpu = process.cpuUsage(cpuStart);
    single.push(rate);
    const perCpuSecond = total / ((cpu.user + cpu.system) / 1e6);
    console.log(`one core, run ${run}: ${rate.toFixed(0)} items/s (${perCpuSecond.toFixed(0)} items per CPU second)`);
  }

  const size = availableParallelism();
  const pool = createConvertPool(size);
  await Promise.all(jobs.slice(0, size * 12).map(({ entry, ctx }) => pool.convert(entry, ctx)));
  const pooled: number[] = [];
  for (let run = 1; run <= 3; run++) {
    const start = performance.now();
    await Promise.all(jobs.map(({ entry, ctx }) => pool.convert(entry, ctx)));
    const rate = total / ((performance.now() - start) / 1000);
    pooled.push(rate);
    console.log(`pool of ${size}, run ${run}: ${rate.toFixed(0)} items/s`);
  }
  await pool.close();
  console.log(
    `median: one core ${median(single).toFixed(0)} items/s, pool of ${size} ${median(pooled).toFixed(0)} items/s`,
  );
}

await main();
