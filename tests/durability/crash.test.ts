/**
 * Crash safety: SIGKILL the snapshot CLI at many points of a large run. After
 * every kill the archive must be readable by the site (every visible .md file
 * valid, no temporary file matched by the collection's glob), and re-running
 * must converge to exactly the bytes of an uninterrupted run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedStateSchema } from '#src/archive/schema.ts';
import { readItems, rss, scratchDir } from '../faults/_feeds.ts';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const NODE = join(PROJECT, 'node_modules', '.bin', 'node');
const ITEMS = 2_000;
const KILLS = 22;
const NOW = '2026-11-20T00:00:00.000Z';

let root: string;
let feedPath: string;
const children = new Set<ChildProcess>();

function snapshot(archive: string): ChildProcess {
  const child = spawn(NODE, ['scripts/snapshot.ts', '--feed', feedPath, '--out', join(archive, 'items')], {
    cwd: PROJECT,
    env: { ...process.env, FEEDSHELF_STATE_DIR: join(archive, 'state'), FEEDSHELF_NOW: NOW },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.on('close', () => children.delete(child));
  return child;
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

async function countItems(dir: string): Promise<number> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.md') && !name.startsWith('.')).length;
  } catch {
    return 0;
  }
}

/** Every file under `dir`, relative path -> bytes. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(dir, path), await readFile(path, 'utf8'));
  }
  return files;
}

/** What the site would see right now: the glob loader's own call, and each match validated. */
async function checkVisibleArchive(archive: string): Promise<{ visible: number; hidden: string[] }> {
  const itemsDir = join(archive, 'items');
  if (!existsSync(itemsDir)) return { visible: 0, hidden: [] };
  const visible = (await glob('**/*.md', { cwd: itemsDir, expandDirectories: false })).sort();
  const valid = [...(await readItems(itemsDir)).keys()].sort();
  expect(visible).toEqual(valid);
  const all = (await readdir(itemsDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(itemsDir, join(entry.parentPath, entry.name)));
  const hidden = all.filter((file) => !visible.includes(file));
  // Anything the glob does not see must be a temporary dot-file of the atomic writer.
  for (const file of hidden) expect(file).toMatch(/(^|\/)\.[^/]+\.md\.tmp-\d+-\d+$/);
  for (const name of await readdir(join(archive, 'state')).catch(() => [])) {
    if (name.startsWith('.')) continue;
    FeedStateSchema.parse(JSON.parse(await readFile(join(archive, 'state', name), 'utf8')));
  }
  return { visible: visible.length, hidden };
}

beforeAll(async () => {
  root = await scratchDir('durability-crash-');
  feedPath = join(root, 'large.xml');
  await writeFile(
    feedPath,
    rss('large', ITEMS, (i) => `<p>Item <b>${i}</b> with <a href="https://large.example/${i}">a link</a>.</p>`),
  );
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 200));
  await rm(root, { recursive: true, force: true });
});

describe('a snapshot killed with SIGKILL', () => {
  let reference: Map<string, string>;

  it('runs uninterrupted once, for reference', async () => {
    const result = await exited(snapshot(join(root, 'reference')));
    expect(result.code).toBe(0);
    reference = await tree(join(root, 'reference'));
    expect([...reference.keys()].filter((file) => file.endsWith('.md'))).toHaveLength(ITEMS);
  }, 600_000);

  it(`never leaves a corrupt archive, at ${KILLS} kill points, and converges to the same bytes`, async () => {
    const archive = join(root, 'killed');
    const itemsDir = join(archive, 'items', 'large');
    const kills: { target: number; count: number; hidden: number }[] = [];
    for (let k = 0; k < KILLS; k++) {
      // The first kills land during start-up and parsing; the rest at evenly spread item counts.
      const target = k < 2 ? -1 : Math.round(((k - 1) * ITEMS) / KILLS);
      const child = snapshot(archive);
      const done = exited(child);
      const started = Date.now();
      for (let polls = 0; polls < 2_400; polls++) {
        if (child.exitCode !== null) break;
        if (target === -1 ? Date.now() - started >= 150 * (k + 1) : (await countItems(itemsDir)) >= target) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      child.kill('SIGKILL');
      const result = await done;
      expect(result.signal).toBe('SIGKILL');
      const { visible, hidden } = await checkVisibleArchive(archive);
      kills.push({ target, count: visible, hidden: hidden.length });
    }
    // The kills really were spread over the run: counts rise and the last one is short of the end.
    const counts = kills.map((kill) => kill.count);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts[KILLS - 1]).toBeLessThan(ITEMS);
    expect(new Set(counts).size).toBeGreaterThanOrEqual(KILLS - 4);

    const final = await exited(snapshot(archive));
    expect(final.code).toBe(0);
    const converged = await tree(archive);
    const temporary = [...converged.keys()].filter((file) => /\.tmp-\d+-\d+$/.test(file));
    for (const file of temporary) converged.delete(file);
    expect([...converged.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [file, text] of reference) expect([file, converged.get(file) === text]).toEqual([file, true]);
  }, 1_500_000);
});
