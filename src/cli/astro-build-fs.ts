/**
 * `astro build` in a child process on this Node, its output on ours, with
 * Astro's telemetry off: the whole build, since the feedshelf integration
 * indexes and audits the pages it writes. Resolves to its exit code.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

/** The path of Astro's command-line script, from its package. */
function astroBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve('astro/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: { astro: string } };
  return join(dirname(manifestPath), manifest.bin.astro);
}

export function runAstroBuild(
  flags: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroBin(), 'build', ...flags], {
      stdio: 'inherit',
      env: { ...env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const number = signal ? (constants.signals[signal] ?? 0) : 0;
      resolve(code ?? 128 + number);
    });
  });
}
