/**
 * The report of what the content sync left out, `<cache>/feedshelf-left-out.json`
 * (buildPaths.leftOut): written by the collections' loaders on every sync, read
 * by the build's summary line and the CI job summary. Never in dist/.
 *
 * Each loader records its own collection; the file holds them all. The build
 * clears it before Astro starts, so a build that stops before the sync never
 * reports a previous build's list.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildPaths } from '#src/archive/paths.ts';
import { type LeftOutFile, type LeftOutKind, type LeftOutReport, LeftOutReportSchema } from './quarantine.ts';

/** The report's path for the project at `root`. */
export function leftOutReportFile(root: string): string {
  return resolve(root, buildPaths.leftOut);
}

interface Recorded {
  found: number;
  leftOut: LeftOutFile[];
}

/** What each collection recorded in this process, by report file: a sync of one keeps the other's. */
const recorded = new Map<string, Map<LeftOutKind, Recorded>>();

/** Records one collection's sync and rewrites the report; returns the whole report. */
export function recordLeftOut(
  file: string,
  kind: LeftOutKind,
  found: number,
  leftOut: readonly Omit<LeftOutFile, 'kind'>[],
): LeftOutReport {
  const byKind = recorded.get(file) ?? new Map<LeftOutKind, Recorded>();
  recorded.set(file, byKind);
  byKind.set(kind, { found, leftOut: leftOut.map((entry) => ({ kind, file: entry.file, reason: entry.reason })) });
  const all = [...byKind.values()].flatMap((entry) => entry.leftOut);
  const report: LeftOutReport = {
    items: byKind.get('item')?.found ?? 0,
    revisions: byKind.get('revision')?.found ?? 0,
    states: byKind.get('state')?.found ?? 0,
    leftOut: all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
  };
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temp, file);
  return report;
}

/** The report at `file`; undefined when there is none (no sync ran since it was cleared). */
export function readLeftOut(file: string): LeftOutReport | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const result = LeftOutReportSchema.safeParse(JSON.parse(text));
  if (!result.success) throw new Error(`${file} is not a report of left-out files: delete it and build again.`);
  return result.data;
}

/** Removes the report, before a build, so only that build's sync can write one. */
export function clearLeftOut(file: string): void {
  rmSync(file, { force: true });
}
