import { describe, expect, it } from 'vitest';
import { median, outputLine, perThousand, type RunMeasure, resultsTable, summarise } from '#scripts/bench/results.ts';
import { parseGnuTime } from '#scripts/bench/timed-fs.ts';

const MB = 1024 * 1024;

function run(scale: number): RunMeasure {
  const phase = (seconds: number, rss: number) => ({
    seconds: seconds * scale,
    cpuSeconds: seconds,
    peakRssBytes: rss * MB,
  });
  return {
    cold: { snapshot: phase(10, 300), build: phase(60, 2000), pagefind: phase(12, 900) },
    warm: { snapshot: phase(2, 250), build: phase(20, 1900), pagefind: phase(11, 900) },
    newItems: { cold: 20000, warm: 50 },
    pages: { cold: 21000, warm: 21060 },
    distBytes: 2000 * MB,
    pagefindBytes: 300 * MB,
  };
}

const context = {
  items: 20000,
  added: 50,
  sources: 20,
  seed: 1,
  date: '2026-11-25',
  machine: { cpus: 2, cpuModel: 'Test CPU', memoryBytes: 4096 * MB, node: 'v24.0.0', os: 'Linux' },
  rssSource: '/usr/bin/time -v',
  note: '',
};

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('summarise', () => {
  it('reports per-phase medians, seconds per 1,000 items and the warm share', () => {
    const summary = summarise([run(1), run(1.5), run(1.1)], context);
    expect(summary.runs).toBe(3);
    expect(summary.cold.build).toEqual({ seconds: 66, cpuSeconds: 60, peakRssBytes: 2000 * MB, secondsPer1000: 3.3 });
    expect(summary.coldBuildAndIndexSeconds).toBe(79.2);
    expect(summary.warmBuildAndIndexSeconds).toBe(34.1);
    expect(summary.warmRatio).toBe(0.431);
    expect(summary.peakRssBytes).toBe(2000 * MB);
    expect(summary.pages).toEqual({ cold: 21000, warm: 21060 });
  });

  it('prints a table with one row per phase and the build + index total', () => {
    const table = resultsTable(summarise([run(1)], context)).split('\n');
    expect(table[0]).toBe('### 20,000 items (20 feeds), +50 warm, median of 1 run(s)');
    expect(table[4]).toBe('| snapshot | 10.0 | 10.0 | 0.50 | 300 MB | 2.0 | 2.0 | 250 MB |');
    expect(table[7]).toBe('| **build + index** | **72.0** | | 3.60 | | **31.0** (43 % of cold) | | |');
    expect(table[9]).toBe('Anchor: left out (hugo is not installed; Debian: apt-get install hugo).');
  });

  it('puts Hugo + Pagefind beside the cold build and gives the ratio', () => {
    const phase = (seconds: number, cpuSeconds: number) => ({ seconds, cpuSeconds, peakRssBytes: 100 * MB });
    const anchor = { version: 'hugo v0.111.3', hugo: phase(8, 12), pagefind: phase(16, 20), pages: 21_000 };
    const summary = summarise([{ ...run(1), anchor }], context);
    expect(summary.anchor).toEqual({
      version: 'hugo v0.111.3',
      hugo: phase(8, 12),
      pagefind: phase(16, 20),
      pages: 21_000,
      seconds: 24,
      cpuSeconds: 32,
      ratio: 3,
      cpuRatio: 2.25,
    });
    const table = resultsTable(summary).split('\n');
    expect(table.slice(8, 12)).toEqual([
      '| Hugo (anchor) | 8.0 | 12.0 | 0.40 | 100 MB | | | |',
      '| Pagefind over Hugo (anchor) | 16.0 | 20.0 | 0.80 | 100 MB | | | |',
      '| **Hugo + Pagefind** | **24.0** | 32.0 | 1.20 | | | | |',
      '',
    ]);
    expect(table[12]).toBe(
      "Anchor: hugo v0.111.3, 21000 pages. feedshelf's cold build + index takes 3.00 × the wall time of Hugo + Pagefind (2.25 × the CPU time).",
    );
  });
});

describe('parseGnuTime', () => {
  it('reads the peak RSS and the CPU time from time -v output', () => {
    const text = [
      '\tCommand being timed: "node build.ts"',
      '\tUser time (seconds): 81.25',
      '\tSystem time (seconds): 7.50',
      '\tMaximum resident set size (kbytes): 2097152',
    ].join('\n');
    expect(parseGnuTime(text)).toEqual({ peakRssBytes: 2 * 1024 * MB, cpuSeconds: 88.75 });
    expect(parseGnuTime('Command exited with non-zero status 1')).toBeUndefined();
  });
});

describe('dist/ per 1,000 items', () => {
  it('scales the cold build by kind and prints it in one line', () => {
    const output = {
      files: 3000,
      bytes: 30_720_000,
      kinds: {
        html: { files: 2500, bytes: 20_480_000 },
        search: { files: 400, bytes: 8_192_000 },
        media: { files: 0, bytes: 0 },
        assets: { files: 100, bytes: 2_048_000 },
      },
    };
    const scaled = perThousand(output, 2000);
    expect(scaled).toEqual({
      files: 1500,
      bytes: 15_360_000,
      kinds: {
        html: { files: 1250, bytes: 10_240_000 },
        search: { files: 200, bytes: 4_096_000 },
        media: { files: 0, bytes: 0 },
        assets: { files: 50, bytes: 1_024_000 },
      },
    });
    expect(outputLine(scaled)).toBe(
      'dist/ per 1,000 items: 15000 kB in 1500 files (pages 10000 kB in 1250; search index 4000 kB in 200; images 0 kB in 0; other assets 1000 kB in 50).',
    );
  });
});
