/**
 * Runs `astro build` in a child process over an archive other than the
 * project's own: the whole build (pages, search index, audit), or the pages
 * only, with the feedshelf integration's steps turned off (FEEDSHELF_SEARCH=off,
 * FEEDSHELF_AUDIT=off). Used by the tests, the corpus run and the benchmark.
 *
 * Builds are serialised through a lock folder: Astro writes intermediate files
 * (`.astro/content-modules.mjs`, prerender chunks) under the project root, so
 * two builds of different archives running at once would read each other's.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { revisionsBeside } from '#src/archive/paths.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SiteBuildOptions {
  itemsDir: string;
  stateDir: string;
  /** Earlier versions of edited items; `revisions` beside the items folder by default. */
  revisionsDir?: string;
  outDir: string;
  /** Base path, "/" by default. */
  base?: string;
  /** Astro's cache folder; kept between builds for incremental rebuilds. Default: `<outDir>.cache`. */
  cacheDir?: string;
  /** `full`: the whole build, as `npm run build`; `astro` (the default): the pages only, no search index or audit. */
  kind?: 'astro' | 'full';
  /** Pages per search shard (FEEDSHELF_SEARCH_SHARD_PAGES); the project's default when unset. */
  searchShardPages?: number;
  /** Threads that render the pages (FEEDSHELF_RENDER_WORKERS); one when unset. */
  renderWorkers?: number;
  /** The site's language (FEEDSHELF_LANG); feedshelf.config.yaml's when unset. */
  lang?: string;
  /** Render one share of the pages, `I/N` (FEEDSHELF_PARTITION); the whole site when unset. */
  partition?: string;
}

const LOCK = join(tmpdir(), 'feedshelf-site-build.lock');
const LOCK_WAIT_MS = 30 * 60 * 1000;

/** Variables a test runner sets that Astro would read as the site's own (BASE_URL above all). */
const RUNNER_VARIABLES = new Set(['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV', 'TEST']);

function buildEnvironment(options: SiteBuildOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!RUNNER_VARIABLES.has(key) && !key.startsWith('VITEST')) env[key] = value;
  }
  return {
    ...env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FEEDSHELF_ITEMS_DIR: options.itemsDir,
    FEEDSHELF_STATE_DIR: options.stateDir,
    FEEDSHELF_REVISIONS_DIR: options.revisionsDir ?? revisionsBeside(options.itemsDir),
    FEEDSHELF_OUT_DIR: options.outDir,
    FEEDSHELF_CACHE_DIR: options.cacheDir ?? `${options.outDir}.cache`,
    ...(options.searchShardPages === undefined
      ? {}
      : { FEEDSHELF_SEARCH_SHARD_PAGES: String(options.searchShardPages) }),
    ...(options.renderWorkers === undefined ? {} : { FEEDSHELF_RENDER_WORKERS: String(options.renderWorkers) }),
    ...(options.lang === undefined ? {} : { FEEDSHELF_LANG: options.lang }),
    ...(options.partition === undefined ? {} : { FEEDSHELF_PARTITION: options.partition }),
    FEEDSHELF_BASE: options.base ?? '/',
    FEEDSHELF_SEARCH: options.kind === 'full' ? 'on' : 'off',
    FEEDSHELF_AUDIT: options.kind === 'full' ? 'on' : 'off',
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await mkdir(LOCK);
      await writeFile(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(join(LOCK, 'pid'), 'utf8').catch(() => ''));
    // A holder that died (or has not written its pid for a while) leaves a stale lock.
    if (holder > 0 && !isAlive(holder)) await rm(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Timed out waiting for another site build to finish (${LOCK}).`);
    await sleep(200);
  }
}

function spawnBuild(options: SiteBuildOptions): Promise<string> {
  const node = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
  const child = spawn(node, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
    cwd: PROJECT_ROOT,
    env: buildEnvironment(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `Building ${options.itemsDir} into ${options.outDir} failed (exit ${code}):\n${output.slice(-6000)}`,
          ),
        );
    });
  });
}

/** Builds one archive; resolves with the build's output. */
export async function buildSiteInChild(options: SiteBuildOptions): Promise<string> {
  await acquireLock();
  try {
    return await spawnBuild(options);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}
