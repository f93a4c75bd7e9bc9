/** The Hugo anchor's site folder written beside the archive, and Debian's hugo found on the PATH (hugo.ts). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hugoConfig, hugoLayouts } from './hugo.ts';

/** The hugo binary's version line, or undefined when it is not installed. */
export function hugoVersion(): string | undefined {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** Writes the site folder `dir` over the items in `contentDir`, publishing into `publishDir`. */
export function writeHugoSite(dir: string, contentDir: string, publishDir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'hugo.toml'), hugoConfig(contentDir, publishDir));
  for (const [file, text] of Object.entries(hugoLayouts())) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
}
