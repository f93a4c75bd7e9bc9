import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedStateSchema } from '#src/archive/schema.ts';
import type { FeedConfig } from '#src/ingest/config.ts';
import type { FeedReport } from '#src/ingest/report.ts';
import { runSnapshot } from '#src/ingest/snapshot.ts';
import { markdownFiles, rss, scratchDir } from './_feeds.ts';

const NOW = new Date('2026-11-20T00:00:00.000Z');
const TIMEOUT_MS = 800;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Every fault the server can play, by path. Timers stop when the client goes away or after a bounded count. */
const routes: Record<string, Handler> = {
  '/good-a.xml': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('good-a', 2)),
  '/good-b.xml': (_q, r) => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('good-b', 3)),
  '/reset': (_q, r) => {
    const body = rss('reset', 50);
    r.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(body.length) });
    r.write(body.slice(0, 500), () => r.socket?.resetAndDestroy());
  },
  '/stall-headers': () => undefined,
  '/stall-body': (_q, r) => {
    r.writeHead(200, { 'content-type': 'application/rss+xml' });
    r.write(rss('stall', 5).slice(0, 200));
  },
  '/drip': (_q, r) => {
    r.writeHead(200, { 'content-type': 'application/rss+xml' });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent++ > 400 || r.destroyed) clearInterval(timer);
      else r.write(sent === 1 ? '<rss version="2.0"><channel>' : ' ');
    }, 20);
    r.on('close', () => clearInterval(timer));
  },
  '/status-500': (_q, r) => r.writeHead(500).end('oops'),
  '/status-500-retry': (_q, r) => r.writeHead(500, { 'retry-after': '120' }).end('oops'),
  '/status-502': (_q, r) => r.writeHead(502).end('bad gateway'),
  '/status-502-retry': (_q, r) => r.writeHead(502, { 'retry-after': '120' }).end('bad gateway'),
  '/status-503': (_q, r) => r.writeHead(503).end('busy'),
  '/status-503-retry': (_q, r) => r.writeHead(503, { 'retry-after': '120' }).end('busy'),
  '/status-429-forever': (_q, r) => r.writeHead(429, { 'retry-after': '99999999' }).end('slow down'),
  '/status-503-far-date': (_q, r) => r.writeHead(503, { 'retry-after': 'Wed, 20 Nov 2030 00:00:00 GMT' }).end('busy'),
  '/status-404': (_q, r) => r.writeHead(404).end('not found'),
  '/status-410': (_q, r) => r.writeHead(410).end('gone'),
  '/loop-a': (_q, r) => r.writeHead(302, { location: '/loop-b' }).end(),
  '/loop-b': (_q, r) => r.writeHead(301, { location: '/loop-a' }).end(),
  '/to-file': (_q, r) => r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/to-javascript': (_q, r) => r.writeHead(307, { location: 'javascript:alert(1)' }).end(),
};

let server: Server;
const sockets = new Set<Socket>();
let origin: string;
let refusedOrigin: string;
let root: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = routes[path];
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that was just free: nothing listens on it, so connecting is refused.
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  refusedOrigin = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise<void>((done) => probe.close(() => done()));
  root = await scratchDir('faults-network-');
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((done) => server.close(() => done()));
  await rm(root, { recursive: true, force: true });
});

const cases: { id: string; path: string; code: string; status?: FeedReport['status'] }[] = [
  { id: 'refused', path: 'refused', code: 'network' },
  { id: 'reset', path: '/reset', code: 'network' },
  { id: 'stall-headers', path: '/stall-headers', code: 'timeout' },
  { id: 'stall-body', path: '/stall-body', code: 'timeout' },
  { id: 'drip', path: '/drip', code: 'timeout' },
  { id: 'status-500', path: '/status-500', code: 'http' },
  { id: 'status-500-retry', path: '/status-500-retry', code: 'http' },
  { id: 'status-502', path: '/status-502', code: 'http' },
  { id: 'status-502-retry', path: '/status-502-retry', code: 'http' },
  { id: 'status-503', path: '/status-503', code: 'throttled' },
  { id: 'status-503-retry', path: '/status-503-retry', code: 'throttled' },
  { id: 'status-429-forever', path: '/status-429-forever', code: 'throttled' },
  { id: 'status-503-far-date', path: '/status-503-far-date', code: 'throttled' },
  { id: 'status-404', path: '/status-404', code: 'http' },
  { id: 'status-410', path: '/status-410', code: 'gone' },
  { id: 'loop', path: '/loop-a', code: 'redirect-loop' },
  { id: 'to-file', path: '/to-file', code: 'redirect' },
  { id: 'to-javascript', path: '/to-javascript', code: 'redirect' },
];

function feeds(): FeedConfig[] {
  const faulty = cases.map(({ id, path }) => ({
    id,
    url: path === 'refused' ? `${refusedOrigin}/feed.xml` : `${origin}${path}`,
  }));
  return [{ id: 'good-a', url: `${origin}/good-a.xml` }, ...faulty, { id: 'good-b', url: `${origin}/good-b.xml` }];
}

describe('network faults', () => {
  let first: Awaited<ReturnType<typeof runSnapshot>>;
  let elapsed = 0;

  beforeAll(async () => {
    const started = performance.now();
    first = await runSnapshot({
      feeds: feeds(),
      itemsDir: join(root, 'items'),
      stateDir: join(root, 'state'),
      now: NOW,
      timeoutMs: TIMEOUT_MS,
      concurrency: 6,
    });
    elapsed = performance.now() - started;
  });

  it('ends within a bounded time: the stalls cost one timeout each, in parallel lanes', () => {
    // 3 timeouts of 0.8 s over 6 lanes, everything else is immediate.
    expect(elapsed).toBeLessThan(4_000);
  });

  it('archives the healthy feeds in the same run', async () => {
    const good = first.feeds.filter((feed) => feed.id.startsWith('good-'));
    expect(good.map((feed) => [feed.id, feed.status, feed.counts.new])).toEqual([
      ['good-a', 'ok', 2],
      ['good-b', 'ok', 3],
    ]);
    const files = await markdownFiles(join(root, 'items'));
    expect(files.filter((file) => file.startsWith('good-a/'))).toHaveLength(2);
    expect(files.filter((file) => file.startsWith('good-b/'))).toHaveLength(3);
    expect(files).toHaveLength(5);
  });

  it.each(cases)('reports $id as failed with code $code and a one-line reason naming the feed', ({ id, code }) => {
    const report = first.feeds.find((feed) => feed.id === id);
    expect(report?.status).toBe('failed');
    expect(report?.code).toBe(code);
    expect(report?.error).toMatch(/^Feed \S+ .+\.$/);
    expect(report?.error).not.toMatch(/[\r\n]/);
    expect(report?.counts).toEqual({ new: 0, updated: 0, unchanged: 0, skipped: 0 });
  });

  it('follows a redirect loop only until it comes back, never to another scheme', () => {
    expect(hits.get('/loop-a')).toBe(1);
    expect(hits.get('/loop-b')).toBe(1);
    expect(first.feeds.find((feed) => feed.id === 'to-file')?.error).toContain('non-http(s) URL (file:)');
  });

  it('caps a Retry-After over 7 days at 7 days and says so in the reason', () => {
    const error = (id: string) => first.feeds.find((feed) => feed.id === id)?.error;
    expect(error('status-429-forever')).toBe(
      'Feed status-429-forever answered HTTP 429; skipped until 2026-11-27T00:00:00.000Z (Retry-After of 1157 days capped at 7 days).',
    );
    expect(error('status-503-far-date')).toBe(
      'Feed status-503-far-date answered HTTP 503; skipped until 2026-11-27T00:00:00.000Z (Retry-After of 1461 days capped at 7 days).',
    );
    expect(error('status-503-retry')).toBe(
      'Feed status-503-retry answered HTTP 503; skipped until 2026-11-20T00:02:00.000Z.',
    );
  });

  it('records Retry-After for 503 and backs off otherwise; 410 marks the feed gone', async () => {
    const state = async (id: string) =>
      FeedStateSchema.parse(JSON.parse(await readFile(join(root, 'state', `${id}.json`), 'utf8')));
    expect((await state('status-503-retry')).retryAfter).toBe('2026-11-20T00:02:00.000Z');
    expect((await state('status-429-forever')).retryAfter).toBe('2026-11-27T00:00:00.000Z');
    expect((await state('status-503-far-date')).retryAfter).toBe('2026-11-27T00:00:00.000Z');
    expect((await state('status-503')).retryAfter).toBe('2026-11-20T02:00:00.000Z');
    expect((await state('status-500')).retryAfter).toBe('2026-11-20T02:00:00.000Z');
    expect((await state('status-410')).gone).toBe(true);
    expect((await state('good-a')).failures).toBe(0);
  });

  it('skips gone and backing-off feeds on the next run without contacting them', async () => {
    const before = new Map(hits);
    const second = await runSnapshot({
      feeds: feeds(),
      itemsDir: join(root, 'items'),
      stateDir: join(root, 'state'),
      now: new Date(NOW.getTime() + 60_000),
      timeoutMs: TIMEOUT_MS,
      concurrency: 6,
    });
    const byId = new Map(second.feeds.map((feed) => [feed.id, feed]));
    expect(byId.get('status-410')?.status).toBe('skipped');
    expect(byId.get('status-410')?.code).toBe('gone');
    for (const id of cases.map((c) => c.id).filter((id) => id !== 'status-410')) {
      expect([id, byId.get(id)?.status, byId.get(id)?.code]).toEqual([id, 'skipped', 'backoff']);
    }
    expect(byId.get('good-a')?.counts).toEqual({ new: 0, updated: 0, unchanged: 2, skipped: 0 });
    for (const path of Object.keys(routes).filter((path) => !path.startsWith('/good'))) {
      expect([path, hits.get(path)]).toEqual([path, before.get(path)]);
    }
  });
});
