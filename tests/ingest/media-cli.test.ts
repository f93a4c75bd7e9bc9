/**
 * Media through the real CLI: `--no-media` archives no image whatever
 * feeds.yaml says, a bad media limit is a config error naming the key, and a
 * snapshot killed (SIGKILL) in the middle of a download leaves no image file
 * behind, only what the next run completes; `feedshelf media prune`
 * deletes the images no feed's map names.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { png } from '../helpers/png.ts';
import { rssFeed } from '../helpers/rss-fixture.ts';

const NODE = join(process.cwd(), 'node_modules/.bin/node');
const SCRIPT = join(process.cwd(), 'scripts/snapshot.ts');

function environment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FEEDSHELF_ALLOW_NETWORKS: '127.0.0.1/32' };
  for (const name of ['FEEDSHELF_ITEMS_DIR', 'FEEDSHELF_STATE_DIR', 'FEEDSHELF_MEDIA_DIR']) delete env[name];
  return env;
}

function run(script: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(NODE, [script, ...args], { cwd, env: environment(), timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

const snapshot = (args: string[], cwd: string) => run(SCRIPT, args, cwd);

async function stored(root: string): Promise<string[]> {
  const names = await readdir(join(root, 'content', 'media'), { recursive: true }).catch(() => [] as string[]);
  return names.filter((name) => /^[0-9a-f]{2}\/[0-9a-f]{64}\.png$/.test(name)).sort();
}

let root: string;
let server: FeedServer;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedshelf-media-cli-'));
  server = await startFeedServer({ '/a.png': { headers: { 'content-type': 'image/png' }, body: png(3, 3, 33) } });
  server.routes.set('/feed.xml', {
    body: rssFeed('Pics', [{ title: 'Pic', guid: 'p', body: `<img src="${server.url('/a.png')}" alt="A">` }]),
  });
  await writeFile(
    join(root, 'feeds.yaml'),
    `defaults:\n  media: true\nfeeds:\n  - id: pics\n    url: ${server.url('/feed.xml')}\n`,
  );
});
afterEach(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('the snapshot CLI with media', () => {
  it('archives images by default from feeds.yaml, and none with --no-media', async () => {
    expect((await snapshot(['--no-media'], root)).code).toBe(0);
    expect(server.requestsFor('/a.png')).toHaveLength(0);
    expect(await stored(root)).toEqual([]);
    const run = await snapshot([], root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('media: 1 image archived (');
    expect(await stored(root)).toHaveLength(1);
  }, 120_000);

  it('refuses a media limit that is not a whole number, naming the key', async () => {
    await writeFile(
      join(root, 'feeds.yaml'),
      `defaults:\n  mediaLimits:\n    budget: lots\nfeeds:\n  - id: pics\n    url: ${server.url('/feed.xml')}\n`,
    );
    const run = await snapshot([], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Invalid feed config feeds.yaml:\n  feeds.yaml:3:5: defaults.mediaLimits.budget: expected a whole number of bytes\n`,
    );
  }, 60_000);

  it('leaves no image file behind when killed in the middle of a download', async () => {
    const bytes = png(3, 3, 44);
    let release: () => void = () => undefined;
    const requested = new Promise<void>((resolve) => {
      server.routes.set('/a.png', (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
        res.write(bytes.subarray(0, 20));
        release = () => res.end(bytes.subarray(20));
        resolve();
      });
    });
    const child = spawn(NODE, [SCRIPT], { cwd: root, env: environment(), stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await requested;
    child.kill('SIGKILL');
    await exited;
    release();
    expect(await stored(root)).toEqual([]);
    const names = await readdir(join(root, 'content', 'media'), { recursive: true }).catch(() => [] as string[]);
    expect(names.filter((name) => !name.startsWith('.') && !/^[0-9a-f]{2}$/.test(name))).toEqual([]);

    server.routes.set('/a.png', { headers: { 'content-type': 'image/png' }, body: bytes });
    expect((await snapshot([], root)).code).toBe(0);
    expect(await stored(root)).toHaveLength(1);
  }, 120_000);

  it("prunes the images no feed's map names, and a dropped feed's images with --feed", async () => {
    const media = join(root, 'content', 'media');
    server.routes.set('/b.png', { headers: { 'content-type': 'image/png' }, body: png(4, 4, 70) });
    server.routes.set('/other.xml', {
      body: rssFeed('Other', [{ title: 'B', guid: 'b', body: `<img src="${server.url('/b.png')}" alt="B">` }]),
    });
    await writeFile(
      join(root, 'feeds.yaml'),
      `defaults:\n  media: true\nfeeds:\n  - id: pics\n    url: ${server.url('/feed.xml')}\n  - id: other\n    url: ${server.url('/other.xml')}\n`,
    );
    expect((await snapshot([], root)).code).toBe(0);
    const [first, second] = await stored(root);
    const stray = join(media, 'ab', `${'ab'.repeat(32)}.png`);
    await mkdir(join(media, 'ab'), { recursive: true });
    await writeFile(stray, png(2, 2, 1));
    const cli = join(process.cwd(), 'scripts/feedshelf.ts');

    const dry = await run(cli, ['media', 'prune', '--dry-run'], root);
    expect(dry.stdout).toBe(
      `would delete ab/${'ab'.repeat(32)}.png\n1 image(s) no feed shows, 0.0 MiB would be freed in content/media\n`,
    );
    expect(await stored(root)).toHaveLength(3);

    const pruned = await run(cli, ['media', 'prune', '--feed', 'other'], root);
    expect(pruned.code).toBe(0);
    const picsMap = JSON.parse(await readFile(join(media, 'pics.json'), 'utf8')) as {
      images: Record<string, { file: string }>;
    };
    const kept = Object.values(picsMap.images).map((image) => image.file);
    expect(await stored(root)).toEqual(kept);
    expect(
      pruned.stdout
        .split('\n')
        .filter((line) => line.startsWith('deleted'))
        .sort(),
    ).toEqual(
      [
        `deleted ab/${'ab'.repeat(32)}.png`,
        ...[first, second].filter((file) => !kept.includes(file ?? '')).map((file) => `deleted ${file}`),
      ].sort(),
    );
    expect(await readdir(media)).not.toContain('other.json');

    const wrong = await run(cli, ['media', 'tidy'], root);
    expect(wrong).toMatchObject({
      code: 1,
      stderr:
        'Unknown command "tidy" for feedshelf media. Valid commands: prune.\nRun feedshelf media --help for usage.\n',
    });
  }, 120_000);
});
