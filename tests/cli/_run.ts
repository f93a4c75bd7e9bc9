/** The real feedshelf command line in a child process: its exit code and both streams, whole. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const NODE = join(process.cwd(), 'node_modules/.bin/node');
export const FEEDSHELF = join(process.cwd(), 'scripts/feedshelf.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Variables of the runner that would point the command at the project's own archive or colour its output. */
const DROPPED = ['FEEDSHELF_ITEMS_DIR', 'FEEDSHELF_STATE_DIR', 'FEEDSHELF_ALLOW_NETWORKS', 'CI'];

/** Run `feedshelf ...args` in `cwd`, with `env` added to a clean copy of this process's environment. */
export function feedshelf(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  const base = { ...process.env };
  for (const name of DROPPED) delete base[name];
  return new Promise((resolve) => {
    execFile(NODE, [FEEDSHELF, ...args], { cwd, env: { ...base, ...env } }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
