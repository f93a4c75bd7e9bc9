/** Benchmark results: medians over runs, the targets of issue 7, and the Markdown table. Pure. */
import type { OutputKind, OutputSize } from '#src/integration/output-size.ts';

export const PHASES = ['snapshot', 'build', 'pagefind'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhaseMeasure {
  /** Wall-clock seconds. */
  seconds: number;
  /** User + system CPU seconds: less sensitive than wall time to other load on the machine. */
  cpuSeconds: number;
  peakRssBytes: number;
}

/** Hugo and Pagefind's CLI over the cold archive (hugo.ts), the build feedshelf is measured against. */
export interface AnchorMeasure {
  version: string;
  hugo: PhaseMeasure;
  pagefind: PhaseMeasure;
  /** HTML pages Hugo wrote. */
  pages: number;
}

/** One cold + warm cycle on a fresh archive. */
export interface RunMeasure {
  cold: Record<Phase, PhaseMeasure>;
  warm: Record<Phase, PhaseMeasure>;
  /** New items the snapshot reported: all of them cold, the added ones warm. */
  newItems: { cold: number; warm: number };
  pages: { cold: number; warm: number };
  distBytes: number;
  pagefindBytes: number;
  /** dist/ by kind after the cold build (absent in results from before it was measured). */
  output?: OutputSize;
  /** Absent when hugo is not installed. */
  anchor?: AnchorMeasure;
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  os: string;
}

export interface PhaseSummary extends PhaseMeasure {
  /** Seconds per 1,000 items of the archive. */
  secondsPer1000: number;
}

export interface BenchSummary {
  items: number;
  added: number;
  sources: number;
  seed: number;
  runs: number;
  date: string;
  machine: MachineInfo;
  rssSource: string;
  note: string;
  cold: Record<Phase, PhaseSummary>;
  warm: Record<Phase, PhaseSummary>;
  /** astro build + Pagefind, the archive already snapshotted. */
  coldBuildAndIndexSeconds: number;
  warmBuildAndIndexSeconds: number;
  /** Warm build + index as a share of the cold one. */
  warmRatio: number;
  pages: { cold: number; warm: number };
  distBytes: number;
  pagefindBytes: number;
  /** dist/ per 1,000 items, by kind, from the first run's cold build. */
  outputPer1000?: OutputSize;
  /** Medians of the anchor over the runs that had it, and feedshelf's cold build + index over it. */
  anchor?: {
    version: string;
    hugo: PhaseMeasure;
    pagefind: PhaseMeasure;
    pages: number;
    seconds: number;
    cpuSeconds: number;
    /** feedshelf's cold build + index seconds over Hugo + Pagefind's. */
    ratio: number;
    cpuRatio: number;
  };
  peakRssBytes: number;
  raw: RunMeasure[];
}

const KINDS: readonly OutputKind[] = ['html', 'search', 'media', 'assets'];

/** An output size scaled to 1,000 items (files and bytes rounded). */
export function perThousand(size: OutputSize, items: number): OutputSize {
  const scale = (value: number) => Math.round((value * 1000) / items);
  const kinds = Object.fromEntries(
    KINDS.map((kind) => [kind, { files: scale(size.kinds[kind].files), bytes: scale(size.kinds[kind].bytes) }]),
  ) as OutputSize['kinds'];
  return { files: scale(size.files), bytes: scale(size.bytes), kinds };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function summarisePhase(runs: readonly RunMeasure[], when: 'cold' | 'warm', phase: Phase, items: number): PhaseSummary {
  const seconds = median(runs.map((run) => run[when][phase].seconds));
  return {
    seconds: round(seconds),
    cpuSeconds: round(median(runs.map((run) => run[when][phase].cpuSeconds))),
    peakRssBytes: median(runs.map((run) => run[when][phase].peakRssBytes)),
    secondsPer1000: round(seconds / (items / 1000), 3),
  };
}

export interface SummaryContext {
  items: number;
  added: number;
  sources: number;
  seed: number;
  date: string;
  machine: MachineInfo;
  rssSource: string;
  note: string;
}

export function summarise(runs: readonly RunMeasure[], context: SummaryContext): BenchSummary {
  const phases = (when: 'cold' | 'warm') =>
    Object.fromEntries(PHASES.map((phase) => [phase, summarisePhase(runs, when, phase, context.items)])) as Record<
      Phase,
      PhaseSummary
    >;
  const buildAndIndex = (when: 'cold' | 'warm') =>
    median(runs.map((run) => run[when].build.seconds + run[when].pagefind.seconds));
  const cold = buildAndIndex('cold');
  const warm = buildAndIndex('warm');
  return {
    ...context,
    runs: runs.length,
    cold: phases('cold'),
    warm: phases('warm'),
    coldBuildAndIndexSeconds: round(cold),
    warmBuildAndIndexSeconds: round(warm),
    warmRatio: round(warm / cold, 3),
    pages: { cold: median(runs.map((run) => run.pages.cold)), warm: median(runs.map((run) => run.pages.warm)) },
    distBytes: median(runs.map((run) => run.distBytes)),
    pagefindBytes: median(runs.map((run) => run.pagefindBytes)),
    ...(runs[0]?.output ? { outputPer1000: perThousand(runs[0].output, context.items) } : {}),
    ...anchorSummary(runs, cold, median(runs.map((run) => run.cold.build.cpuSeconds + run.cold.pagefind.cpuSeconds))),
    peakRssBytes: Math.max(
      ...runs.flatMap((run) => PHASES.flatMap((phase) => [run.cold[phase].peakRssBytes, run.warm[phase].peakRssBytes])),
    ),
    raw: [...runs],
  };
}

function medianPhase(phases: readonly PhaseMeasure[]): PhaseMeasure {
  return {
    seconds: round(median(phases.map((phase) => phase.seconds))),
    cpuSeconds: round(median(phases.map((phase) => phase.cpuSeconds))),
    peakRssBytes: median(phases.map((phase) => phase.peakRssBytes)),
  };
}

function anchorSummary(
  runs: readonly RunMeasure[],
  coldSeconds: number,
  coldCpuSeconds: number,
): Pick<BenchSummary, 'anchor'> {
  const anchors = runs.flatMap((run) => (run.anchor ? [run.anchor] : []));
  const first = anchors[0];
  if (!first) return {};
  const seconds = median(anchors.map((anchor) => anchor.hugo.seconds + anchor.pagefind.seconds));
  const cpuSeconds = median(anchors.map((anchor) => anchor.hugo.cpuSeconds + anchor.pagefind.cpuSeconds));
  return {
    anchor: {
      version: first.version,
      hugo: medianPhase(anchors.map((anchor) => anchor.hugo)),
      pagefind: medianPhase(anchors.map((anchor) => anchor.pagefind)),
      pages: first.pages,
      seconds: round(seconds),
      cpuSeconds: round(cpuSeconds),
      ratio: round(coldSeconds / seconds, 2),
      cpuRatio: round(coldCpuSeconds / cpuSeconds, 2),
    },
  };
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

const LABELS: Record<Phase, string> = { snapshot: 'snapshot', build: 'astro build', pagefind: 'Pagefind' };

/** The results as a Markdown table plus the headline figures. */
export function resultsTable(summary: BenchSummary): string {
  const rows = PHASES.map((phase) => {
    const cold = summary.cold[phase];
    const warm = summary.warm[phase];
    return `| ${LABELS[phase]} | ${cold.seconds.toFixed(1)} | ${cold.cpuSeconds.toFixed(1)} | ${cold.secondsPer1000.toFixed(2)} | ${megabytes(cold.peakRssBytes)} | ${warm.seconds.toFixed(1)} | ${warm.cpuSeconds.toFixed(1)} | ${megabytes(warm.peakRssBytes)} |`;
  });
  return [
    `### ${summary.items.toLocaleString('en-US')} items (${summary.sources} feeds), +${summary.added} warm, median of ${summary.runs} run(s)`,
    '',
    '| Phase | Cold s | Cold CPU s | Cold s/1,000 items | Cold peak RSS | Warm s | Warm CPU s | Warm peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **build + index** | **${summary.coldBuildAndIndexSeconds.toFixed(1)}** | | ${((summary.coldBuildAndIndexSeconds * 1000) / summary.items).toFixed(2)} | | **${summary.warmBuildAndIndexSeconds.toFixed(1)}** (${(summary.warmRatio * 100).toFixed(0)} % of cold) | | |`,
    ...anchorRows(summary),
    '',
    `Pages built: ${summary.pages.cold} cold, ${summary.pages.warm} warm. dist/: ${megabytes(summary.distBytes)}, of which the Pagefind index ${megabytes(summary.pagefindBytes)}.`,
    ...(summary.outputPer1000 ? [outputLine(summary.outputPer1000)] : []),
    `Machine: ${summary.machine.cpus} × ${summary.machine.cpuModel}, ${megabytes(summary.machine.memoryBytes)} RAM, Node ${summary.machine.node}, ${summary.machine.os}. Peak RSS from ${summary.rssSource}.`,
    ...(summary.note ? ['', summary.note] : []),
    '',
  ].join('\n');
}

const KIND_LABELS: Record<OutputKind, string> = {
  html: 'pages',
  search: 'search index',
  media: 'images',
  assets: 'other assets',
};

/** dist/ per 1,000 items, one line. */
export function outputLine(size: OutputSize): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
  const parts = KINDS.map((kind) => `${KIND_LABELS[kind]} ${kb(size.kinds[kind].bytes)} in ${size.kinds[kind].files}`);
  return `dist/ per 1,000 items: ${kb(size.bytes)} in ${size.files} files (${parts.join('; ')}).`;
}

/** The anchor's rows under the table, and the ratio; a line saying it is missing without hugo. */
function anchorRows(summary: BenchSummary): string[] {
  const anchor = summary.anchor;
  if (!anchor) return ['', 'Anchor: left out (hugo is not installed; Debian: apt-get install hugo).'];
  const row = (label: string, phase: PhaseMeasure) =>
    `| ${label} | ${phase.seconds.toFixed(1)} | ${phase.cpuSeconds.toFixed(1)} | ${((phase.seconds * 1000) / summary.items).toFixed(2)} | ${megabytes(phase.peakRssBytes)} | | | |`;
  return [
    row('Hugo (anchor)', anchor.hugo),
    row('Pagefind over Hugo (anchor)', anchor.pagefind),
    `| **Hugo + Pagefind** | **${anchor.seconds.toFixed(1)}** | ${anchor.cpuSeconds.toFixed(1)} | ${((anchor.seconds * 1000) / summary.items).toFixed(2)} | | | | |`,
    '',
    `Anchor: ${anchor.version}, ${anchor.pages} pages. feedshelf's cold build + index takes ${anchor.ratio.toFixed(2)} × the wall time of Hugo + Pagefind (${anchor.cpuRatio.toFixed(2)} × the CPU time).`,
  ];
}
