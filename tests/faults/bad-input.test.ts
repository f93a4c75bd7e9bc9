import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedConfig } from '#src/ingest/config.ts';
import type { SnapshotReport } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { readItems, rss, scratchDir, snapshotTree } from './_feeds.ts';

const NOW = new Date('2026-11-20T00:00:00.000Z');
const MAX_BYTES = 8 * 1024 * 1024;
const HOSTILE = join(import.meta.dirname, '..', 'fixtures', 'hostile');

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>
`;

const EXTERNAL_ENTITY = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>
`;

interface Body {
  bytes: Buffer;
  headers?: Record<string, string>;
  /** Send without Content-Length, in chunks, so only the streaming cap can stop it. */
  chunked?: boolean;
}

const bodies: Record<string, Body> = {
  good: { bytes: Buffer.from(rss('good', 3)) },
  truncated: { bytes: Buffer.from(rss('truncated', 5).slice(0, 700)) },
  html: {
    bytes: Buffer.from('<!DOCTYPE html><html><head><title>Home</title></head><body><h1>Welcome</h1></body></html>'),
    headers: { 'content-type': 'text/html; charset=utf-8' },
  },
  empty: { bytes: Buffer.alloc(0) },
  'too-large-declared': { bytes: Buffer.from(rss('large', 1, () => 'x'.repeat(MAX_BYTES + 10))) },
  'too-large-chunked': { bytes: Buffer.from(rss('large', 1, () => 'x'.repeat(MAX_BYTES + 10))), chunked: true },
  // 1 GiB of zeros compresses to about 1 MiB; the cap must stop it long before it is inflated.
  'gzip-bomb': {
    bytes: gzipSync(Buffer.alloc(1024 * 1024 * 1024), { level: 9 }),
    headers: { 'content-encoding': 'gzip' },
  },
  'billion-laughs': { bytes: Buffer.from(BILLION_LAUGHS) },
  'external-entity': { bytes: Buffer.from(EXTERNAL_ENTITY) },
  'ten-thousand': { bytes: Buffer.from(rss('many', 10_000)) },
  'five-megabytes': {
    bytes: Buffer.from(rss('huge', 1, (i) => `<p>${`Paragraph ${i} of a long article. `.repeat(150_000)}</p>`)),
  },
};

/** The documented outcome of each bad input (see SECURITY.md). */
const expected: Record<string, { status: 'ok' | 'failed'; code?: string; new?: number; error?: RegExp }> = {
  good: { status: 'ok', new: 3 },
  truncated: { status: 'failed', code: 'invalid-xml', error: /is not well-formed XML .*truncated/ },
  html: { status: 'failed', code: 'html', error: /looks like an HTML page, not a feed/ },
  empty: { status: 'failed', code: 'empty', error: /is empty/ },
  'too-large-declared': { status: 'failed', code: 'too-large', error: /is larger than 8388608 bytes/ },
  'too-large-chunked': { status: 'failed', code: 'too-large', error: /is larger than 8388608 bytes/ },
  'gzip-bomb': { status: 'failed', code: 'too-large', error: /is larger than 8388608 bytes/ },
  'billion-laughs': { status: 'failed', code: 'entities', error: /refuses to expand/ },
  'external-entity': { status: 'failed', code: 'entities', error: /refuses to expand/ },
  'ten-thousand': { status: 'ok', new: 10_000 },
  'five-megabytes': { status: 'ok', new: 1 },
};

let server: Server;
let origin: string;
let root: string;
let before: Map<string, string>;
let report: SnapshotReport;
let passwdMtime: number;
const bombBytesSent = { value: 0 };

beforeAll(async () => {
  server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
    const body = bodies[name];
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    const headers = { 'content-type': 'application/rss+xml', ...body.headers };
    if (!body.chunked) {
      response.writeHead(200, { ...headers, 'content-length': String(body.bytes.length) });
      response.end(body.bytes, () => {
        if (name === 'gzip-bomb') bombBytesSent.value = body.bytes.length;
      });
      return;
    }
    response.writeHead(200, headers);
    let offset = 0;
    const pump = (): void => {
      while (offset < body.bytes.length && !response.destroyed) {
        const chunk = body.bytes.subarray(offset, offset + 65_536);
        offset += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      if (!response.destroyed) response.end();
    };
    pump();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  root = await scratchDir('faults-bad-input-');
  await mkdir(join(root, 'outside'), { recursive: true });
  await writeFile(join(root, 'outside', 'canary.txt'), 'must stay as it is\n');
  passwdMtime = (await stat('/etc/passwd')).mtimeMs;
  before = await snapshotTree(root);

  const feeds: FeedConfig[] = Object.keys(bodies).map((name) => ({ id: name, url: `${origin}/${name}` }));
  for (const name of ['names-rss.xml', 'names-json.json', 'rss-xss.xml']) {
    const path = join(HOSTILE, name);
    feeds.push({ id: name.replace(/\.\w+$/, ''), url: path, path });
  }
  report = await runSnapshot({
    feeds,
    itemsDir: join(root, 'items'),
    stateDir: join(root, 'state'),
    now: NOW,
    maxBytes: MAX_BYTES,
    timeoutMs: 60_000,
  });
}, 180_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await rm(root, { recursive: true, force: true });
});

describe('bad input', () => {
  it.each(Object.entries(expected))('%s gets its documented outcome', (name, outcome) => {
    const feed = report.feeds.find((f) => f.id === name);
    expect(feed?.status).toBe(outcome.status);
    expect(feed?.code).toBe(outcome.code);
    if (outcome.new !== undefined) expect(feed?.counts.new).toBe(outcome.new);
    if (outcome.error) {
      expect(feed?.error).toMatch(outcome.error);
      expect(feed?.error).not.toMatch(/[\r\n]/);
      expect(feed?.error).toContain(`${origin}/${name}`);
    }
  });

  it('stops the gzip bomb without inflating it: the state records the failure, nothing is archived', async () => {
    expect(existsSync(join(root, 'items', 'gzip-bomb'))).toBe(false);
    const state: unknown = JSON.parse(await readFile(join(root, 'state', 'gzip-bomb.json'), 'utf8'));
    expect(state).toMatchObject({ id: 'gzip-bomb', failures: 1 });
  });

  it('archives hostile names inside their feed folder, one file per item, each valid against the schema', async () => {
    const names = report.feeds.find((f) => f.id === 'names-rss');
    const namesJson = report.feeds.find((f) => f.id === 'names-json');
    expect(names?.counts).toEqual({ new: 26, updated: 0, unchanged: 0, skipped: 0 });
    expect(namesJson?.counts).toEqual({ new: 5, updated: 0, unchanged: 0, skipped: 0 });
    const items = new Map([
      ...[...(await readItems(join(root, 'items', 'names-rss')))].map(
        ([file, item]) => [`names-rss${sep}${file}`, item] as const,
      ),
      ...[...(await readItems(join(root, 'items', 'names-json')))].map(
        ([file, item]) => [`names-json${sep}${file}`, item] as const,
      ),
    ]);
    const byFolder = (folder: string) => [...items.keys()].filter((file) => file.startsWith(`${folder}${sep}`));
    expect(byFolder('names-rss')).toHaveLength(26);
    expect(byFolder('names-json')).toHaveLength(5);
    for (const file of [...byFolder('names-rss'), ...byFolder('names-json')]) {
      const name = file.split(sep)[1] ?? '';
      expect(file.split(sep)).toHaveLength(2);
      expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-[\p{L}\p{N}\p{M}-]+\.md$/u);
      expect(name).toBe(name.normalize('NFKC').toLowerCase());
      expect(Buffer.byteLength(name)).toBeLessThanOrEqual(92);
    }
    const ids = [...items.values()].filter((entry) => entry.item.source === 'names-rss').map((entry) => entry.item.id);
    expect(ids).toContain('../../etc/passwd');
    expect(ids).toContain('/etc/passwd');
    const titles = [...items.values()].map((entry) => entry.item.title);
    expect(titles).toContain('title: injected --- source: evil ---');
    expect([...items.values()].every((entry) => !entry.text.includes('\u0000'))).toBe(true);
  }, 60_000);

  it('writes nothing outside the items and state folders, and leaves the rest of the machine alone', async () => {
    const after = await snapshotTree(root);
    for (const [path, fingerprint] of before) expect([path, after.get(path)]).toEqual([path, fingerprint]);
    const added = [...after.keys()].filter((path) => !before.has(path));
    const outside = added.filter((path) => !path.startsWith(`items${sep}`) && !path.startsWith(`state${sep}`));
    expect(outside.filter((path) => path !== 'items' && path !== 'state')).toEqual([]);
    const states = added.filter((path) => path.startsWith(`state${sep}`)).sort();
    expect(states).toEqual(report.feeds.map((f) => `state${sep}${f.id}.json`).sort());
    expect((await stat('/etc/passwd')).mtimeMs).toBe(passwdMtime);
    expect(existsSync(join(tmpdir(), 'escape'))).toBe(false);
    expect(existsSync(join(root, 'etc'))).toBe(false);
  }, 60_000);

  it('archives the other feeds of the same run', () => {
    expect(report.feeds.find((f) => f.id === 'good')?.counts.new).toBe(3);
    expect(report.totals).toMatchObject({ feeds: 14, ok: 6, failed: 8 });
  });
});
