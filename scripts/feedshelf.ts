#!/usr/bin/env node
/**
 * feedshelf [command] [options]: the command line (src/cli/). This entry binds
 * it to the process: argv in, the streams out, the exit code.
 *
 *   feedshelf snapshot [options]          npm run snapshot -- [options]
 *   feedshelf feeds add|list|remove|validate|import|export
 *   feedshelf build [astro build flags]   npm run build -- [flags]
 */
import { runCli } from '#src/cli/main.ts';

/** Run `argv` (without the program's name) against the real process; resolves to the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
