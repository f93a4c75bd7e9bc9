/**
 * npm run bench-like check of the snapshot engine:
 *   node scripts/bench-snapshot.ts [--items 20000] [--rounds 3] [--cold-rounds N] [--forem] [--media]
 *
 * Writes N synthetic items as one local RSS file in a temp folder, runs the
 * snapshot cold (empty archive) and then again over the unchanged archive,
 * and prints items/s for each (median of the rounds; --cold-rounds sets how
 * many cold runs, each into a fresh archive, when they are too slow to repeat). The no-change run is
 * the one that matters at scale: unchanged items are recognised by their raw
 * hash before any conversion. --forem builds the feed from copies of the
 * Forem feed's items (about 15 KB of HTML each, each copy with its own guid,
 * link and title) instead of small synthetic ones. --media gives each item an
 * image (one image for every 4 items, 960×540 JPEGs made here and read from a
 * local mirror folder, so nothing is fetched) and archives them: the report
 * adds the media files and bytes per 1,000 items, and the no-change re-run
 * with media on.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from '#scripts/bench/results.ts';
import { mediaBytes } from '#src/ingest/media-fs.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    'cold-rounds': { type: 'string' },
    forem: { type: 'boolean', default: false },
    media: { type: 'boolean', default: false },
  },
});
const count = Number(values.items);
const rounds = Number(values.rounds);
const coldRounds = Number(values['cold-rounds'] ?? values.rounds);

/** Items that share one image when --media is on. */
const ITEMS_PER_IMAGE = 4;
const IMAGE_PREFIX = 'https://img.bench.example/i/';

function imageTag(i: number): string {
  return values.media ? `<p><img src="${IMAGE_PREFIX}${Math.floor(i / ITEMS_PER_IMAGE)}.jpg" alt="Figure"></p>` : '';
}

/** The images the items show, as JPEG files in `dir`: a pattern of its own for each, the same bytes every run. */
async function writeImages(dir: string, n: number): Promise<void> {
  const { default: sharp } = await import('sharp');
  await mkdir(dir, { recursive: true });
  const width = 960;
  const height = 540;
  for (let k = 0; k < Math.ceil(n / ITEMS_PER_IMAGE); k++) {
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 3;
        pixels[at] = (x + k * 7) & 255;
        pixels[at + 1] = (y * 2 + k * 13) & 255;
        pixels[at + 2] = (((x * (1 + (k >> 8))) ^ y) + k) & 255;
      }
    }
    const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 80 })
      .toBuffer();
    await writeFile(join(dir, `${k}.jpg`), jpeg);
  }
}

function syntheticFeed(n: number): string {
  const start = Date.UTC(2020, 0, 1);
  const items: string[] = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(start + i * 3_600_000).toUTCString();
    const body = `<p>Item ${i} of a synthetic feed, with <a href="https://example.org/${i}">a link</a> and <em>some</em> text.</p>${imageTag(i)}<pre><code class="language-js">const n = ${i};</code></pre>`;
    items.push(
      `<item><title>Synthetic item ${i}</title><guid>https://example.org/items/${i}</guid><link>https://example.org/items/${i}</link><pubDate>${date}</pubDate><category>bench</category><description>${body.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</description></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench</title><link>https://example.org/</link><description>bench</description>\n${items.join('\n')}\n</channel></rss>\n`;
}

const FOREM_FEED = new URL('../../shared/feeds/forem-2026-04-27.xml', import.meta.url);

/** `n` copies of the Forem feed's items, each made distinct in guid, link and title. */
function foremFeed(n: number): string {
  const text = readFileSync(FOREM_FEED, 'utf8');
  const items = text.match(/<item>[\s\S]*?<\/item>/g) ?? [];
  if (items.length === 0) throw new Error(`No <item> found in ${FOREM_FEED.pathname}.`);
  const head = text.slice(0, text.indexOf('<item>'));
  const copies = Array.from({ length: n }, (_, i) =>
    (items[i % items.length] ?? '')
      .replace(/<guid([^>]*)>([^<]*)<\/guid>/, `<guid$1>$2-${i}</guid>`)
      .replace(/<link>([^<]*)<\/link>/, `<link>$1-${i}</link>`)
      .replace(/<title>([^<]*)<\/title>/, `<title>$1 (${i})</title>`),
  );
  return `${head}${copies.join('\n')}\n</channel></rss>\n`;
}

interface Timing {
  seconds: number;
  /** Process CPU time (all threads), which a busy machine inflates less than wall time. */
  cpuSeconds: number;
  counts: string;
}

async function timedRun(dir: string, feedPath: string, imagesDir: string): Promise<Timing> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const report = await runSnapshot({
    feeds: [{ id: 'bench', url: 'bench.xml', path: feedPath }],
    itemsDir: join(dir, 'items'),
    stateDir: join(dir, 'state'),
    maxBytes: 1024 * 1024 * 1024,
    now: new Date('2026-03-01T00:00:00.000Z'),
    ...(values.media
      ? {
          media: true,
          mediaMirrors: { [IMAGE_PREFIX]: imagesDir },
          // Throughput, not the caps: nothing is deferred.
          mediaLimits: { feedBytes: 2 ** 40, budget: 2 ** 40 },
        }
      : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const feed = report.feeds[0];
  if (feed?.status !== 'ok') throw new Error(`Benchmark feed ${feed?.status}: ${feed?.error}`);
  const c = feed.counts;
  const media = feed.media
    ? `; images ${feed.media.stored} stored, ${feed.media.failed} failed, ${feed.media.deferred} waiting${feed.media.failures[0] ? ` (${feed.media.failures[0].reason})` : ''}`
    : '';
  return { seconds, cpuSeconds, counts: `${c.new} new, ${c.updated} updated, ${c.unchanged} unchanged${media}` };
}

const work = await mkdtemp(join(tmpdir(), 'feedshelf-bench-'));
try {
  const feedPath = join(work, 'bench.xml');
  const imagesDir = join(work, 'images');
  if (values.media && values.forem) throw new Error('--media goes with the synthetic feed, not --forem.');
  if (values.media) await writeImages(imagesDir, count);
  await writeFile(feedPath, values.forem ? foremFeed(count) : syntheticFeed(count));
  const cold: number[] = [];
  const warm: number[] = [];
  const coldCpu: number[] = [];
  const warmCpu: number[] = [];
  for (let round = 1; round <= coldRounds; round++) {
    const first = await timedRun(join(work, `archive-${round}`), feedPath, imagesDir);
    cold.push(count / first.seconds);
    coldCpu.push(first.cpuSeconds);
    process.stdout.write(
      `cold ${round}: ${first.seconds.toFixed(2)} s, ${first.cpuSeconds.toFixed(2)} s CPU (${first.counts})\n`,
    );
  }
  for (let round = 1; round <= rounds; round++) {
    const again = await timedRun(join(work, `archive-${Math.min(round, coldRounds)}`), feedPath, imagesDir);
    warm.push(count / again.seconds);
    warmCpu.push(again.cpuSeconds);
    process.stdout.write(
      `unchanged ${round}: ${again.seconds.toFixed(2)} s, ${again.cpuSeconds.toFixed(2)} s CPU (${again.counts})\n`,
    );
  }
  process.stdout.write(`items: ${count}\n`);
  process.stdout.write(
    `cold ingest:     ${Math.round(median(cold))} items/s (median of ${coldRounds}; ${median(coldCpu).toFixed(2)} s CPU)\n`,
  );
  process.stdout.write(
    `no-change rerun: ${Math.round(median(warm))} items/s (median of ${rounds}; ${median(warmCpu).toFixed(2)} s CPU)\n`,
  );
  if (values.media) {
    const mediaDir = join(work, 'archive-1', 'media');
    const files = (await readdir(mediaDir, { recursive: true })).filter((name) => name.endsWith('.jpg')).length;
    const bytes = await mediaBytes(mediaDir);
    const per = 1000 / count;
    process.stdout.write(
      `media: ${files} files, ${(bytes / 1048576).toFixed(1)} MiB; per 1,000 items ${(files * per).toFixed(0)} files, ${((bytes * per) / 1048576).toFixed(1)} MiB\n`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
