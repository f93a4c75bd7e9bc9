/**
 * Builds a corpus archive into a site with Astro (the same Markdown pipeline
 * the real site uses) and audits the pages, so sanitization is judged on the
 * HTML a browser would get.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditFinding } from '../audit/audit.ts';
import { auditDist } from '../audit/audit-fs.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BuildAndAuditOptions {
  itemsDir: string;
  stateDir: string;
  outDir: string;
}

export async function buildAndAudit(options: BuildAndAuditOptions): Promise<AuditFinding[]> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    FEEDSHELF_ITEMS_DIR: options.itemsDir,
    FEEDSHELF_STATE_DIR: options.stateDir,
    FEEDSHELF_OUT_DIR: options.outDir,
    FEEDSHELF_CACHE_DIR: `${options.outDir}.cache`,
    FEEDSHELF_BASE: '/',
  };
  const astro = join(PROJECT_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child = spawn(process.execPath, [astro, 'build', '--silent'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0)
    throw new Error(
      `Astro could not build the corpus archive in ${options.itemsDir} (exit ${code}):\n${output.trim()}`,
    );
  return auditDist(options.outDir, { base: '/' });
}
