/**
 * Runs one benchmark phase as a child process and reads its wall time and peak
 * resident memory from the OS's process accounting: GNU `/usr/bin/time -v`
 * when it is installed, else the high-water mark (VmHWM) polled from
 * /proc/<pid>/status, which misses grandchildren and short peaks.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface TimedRun {
  /** Wall-clock seconds. */
  seconds: number;
  /** Peak resident set size in bytes (the largest process of the tree when GNU time measured it). */
  peakRssBytes: number;
  /** User + system CPU seconds of the process tree (0 when GNU time is missing). */
  cpuSeconds: number;
  /** How the peak was measured. */
  rssSource: 'gnu-time' | 'proc-vmhwm';
  exitCode: number;
  stdout: string;
  /** The last 4 KB of standard error, for error messages. */
  stderrTail: string;
}

export interface TimedOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Reads the peak RSS ("Maximum resident set size (kbytes)") and CPU times from `time -v` output. */
export function parseGnuTime(text: string): { peakRssBytes: number; cpuSeconds: number } | undefined {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1];
  if (rss === undefined) return undefined;
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(text)?.[1] ?? 0);
  const system = Number(/System time \(seconds\): ([\d.]+)/.exec(text)?.[1] ?? 0);
  return { peakRssBytes: Number(rss) * 1024, cpuSeconds: Number((user + system).toFixed(2)) };
}

async function readHighWaterMark(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kilobytes === undefined ? 0 : Number(kilobytes) * 1024;
  } catch {
    return 0;
  }
}

export async function runTimed(command: string, args: string[], options: TimedOptions): Promise<TimedRun> {
  const useGnuTime = existsSync(GNU_TIME);
  const scratch = await mkdtemp(join(tmpdir(), 'feedshelf-time-'));
  const timeFile = join(scratch, 'time.txt');
  const [file, argv] = useGnuTime ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: Buffer[] = [];
  let stderrTail = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
  });
  let polledPeak = 0;
  const poll = useGnuTime
    ? undefined
    : setInterval(() => {
        if (child.pid === undefined) return;
        void readHighWaterMark(child.pid).then((bytes) => {
          polledPeak = Math.max(polledPeak, bytes);
        });
      }, 100);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  let peakRssBytes = polledPeak;
  let cpuSeconds = 0;
  if (useGnuTime) {
    const measured = parseGnuTime(await readFile(timeFile, 'utf8').catch(() => ''));
    peakRssBytes = measured?.peakRssBytes ?? 0;
    cpuSeconds = measured?.cpuSeconds ?? 0;
  }
  await rm(scratch, { recursive: true, force: true });
  return {
    seconds,
    peakRssBytes,
    cpuSeconds,
    rssSource: useGnuTime ? 'gnu-time' : 'proc-vmhwm',
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderrTail,
  };
}
