/**
 * CPU time of this process and of the child processes it has waited for (the
 * snapshot workers, the site builds and their own children), from
 * /proc/self/stat; undefined where there is no /proc.
 */
import { readFileSync } from 'node:fs';

export interface CpuTime {
  userSeconds: number;
  systemSeconds: number;
}

/** Clock ticks per second of /proc's times; 100 on every Linux the project runs on. */
const TICKS = 100;

export function cpuTime(): CpuTime | undefined {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces) start at field 3, the state.
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]];
  if ([utime, stime, cutime, cstime].some((value) => value === undefined || Number.isNaN(value))) return undefined;
  return {
    userSeconds: ((utime ?? 0) + (cutime ?? 0)) / TICKS,
    systemSeconds: ((stime ?? 0) + (cstime ?? 0)) / TICKS,
  };
}
