/**
 * Builds an archive with `astro build` into a fresh temp folder. The build runs
 * from that folder (with --root at the project) so Astro's intermediate
 * `.prerender/` files land there too and parallel builds never share them;
 * a node_modules link lets those files resolve the project's packages.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURE_ARCHIVE = join(PROJECT_ROOT, 'tests', 'fixtures', 'archive');

export interface BuiltSite {
  /** The output folder. */
  dist: string;
  /** The base path the site was built for, "/" or "/sub/". */
  base: string;
  /** Removes the build's temp folder. */
  remove(): Promise<void>;
}

export interface BuildOptions {
  itemsDir: string;
  stateDir: string;
  base?: string;
}

/** Vitest sets BASE_URL, MODE, NODE_ENV and friends; Astro would read them as the site's own. */
function withoutTestRunnerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  const leaked = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);
  for (const [key, value] of Object.entries(env)) {
    if (!leaked.has(key) && !key.startsWith('VITEST')) clean[key] = value;
  }
  return clean;
}

export async function buildArchive(options: BuildOptions): Promise<BuiltSite> {
  const work = await mkdtemp(join(tmpdir(), 'feedshelf-site-'));
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
  const dist = join(work, 'dist');
  const base = options.base ?? '/';
  const env: NodeJS.ProcessEnv = {
    ...withoutTestRunnerEnv(process.env),
    ASTRO_TELEMETRY_DISABLED: '1',
    FEEDSHELF_ITEMS_DIR: options.itemsDir,
    FEEDSHELF_STATE_DIR: options.stateDir,
    FEEDSHELF_OUT_DIR: dist,
    FEEDSHELF_CACHE_DIR: join(work, 'cache'),
    FEEDSHELF_BASE: base,
  };
  const node = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
  const astro = join(PROJECT_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const child = spawn(node, [astro, 'build', '--root', PROJECT_ROOT], {
    cwd: work,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((done, fail) => {
    child.on('error', fail);
    child.on('close', done);
  });
  if (code !== 0) throw new Error(`astro build exited with ${code} for ${options.itemsDir}:\n${output.slice(-4000)}`);
  return { dist, base, remove: () => rm(work, { recursive: true, force: true }) };
}
