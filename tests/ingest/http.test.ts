import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedFetchError } from '#src/ingest/errors.ts';
import {
  fetchFeedUrl,
  type HttpFetchOptions,
  parseRetryAfter,
  retryAfterCapNote,
  userAgent,
} from '#src/ingest/http.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

const UA = userAgent('0.1.0');
const NOW = new Date('2026-03-01T12:00:00.000Z');
const BODY = '<rss version="2.0"><channel><title>t</title></channel></rss>';
const options: HttpFetchOptions = { userAgent: UA, now: NOW };

let server: FeedServer;
afterEach(async () => {
  await server?.close();
});

async function fetchError(url: string, extra: Partial<HttpFetchOptions> = {}): Promise<FeedFetchError> {
  try {
    await fetchFeedUrl(url, { ...options, ...extra });
  } catch (error) {
    if (error instanceof FeedFetchError) return error;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

describe('a plain fetch', () => {
  it('sends the feedshelf User-Agent and Accept-Encoding and returns the body and validators', async () => {
    server = await startFeedServer({
      '/feed.xml': { body: BODY, headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' } },
    });
    const result = await fetchFeedUrl(server.url('/feed.xml'), options);
    expect(result).toEqual({
      kind: 'ok',
      finalUrl: server.url('/feed.xml'),
      body: new Uint8Array(Buffer.from(BODY)),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
    });
    const [request] = server.requests;
    expect(request?.headers['user-agent']).toBe('feedshelf/0.1.0 (+https://github.com/feedshelf/feedshelf)');
    expect(request?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(request?.headers['if-none-match']).toBeUndefined();
  });

  it('reports other statuses as an http error with the status', async () => {
    server = await startFeedServer();
    const error = await fetchError(server.url('/missing.xml'));
    expect(error.code).toBe('http');
    expect(error.status).toBe(404);
    expect(error.message).toBe(`Feed ${server.url('/missing.xml')} answered HTTP 404; check the URL.`);
  });
});

describe('conditional GET', () => {
  it('sends the stored ETag and Last-Modified and maps 304 to not-modified', async () => {
    server = await startFeedServer({
      '/feed.xml': (req, res) => {
        const fresh = req.headers['if-none-match'] === '"v1"';
        res.writeHead(fresh ? 304 : 200, { etag: '"v1"' });
        res.end(fresh ? undefined : BODY);
      },
    });
    const result = await fetchFeedUrl(server.url('/feed.xml'), {
      ...options,
      etag: '"v1"',
      lastModified: 'Sun, 01 Mar 2026 10:00:00 GMT',
    });
    expect(result).toEqual({ kind: 'not-modified' });
    expect(server.requests[0]?.headers['if-none-match']).toBe('"v1"');
    expect(server.requests[0]?.headers['if-modified-since']).toBe('Sun, 01 Mar 2026 10:00:00 GMT');
  });
});

describe('redirects', () => {
  it('records the target of 301 and 308 redirects as permanent', async () => {
    server = await startFeedServer({
      '/old': { status: 301, headers: { location: '/older' } },
      '/older': { status: 308, headers: { location: '/new' } },
      '/new': { body: BODY },
    });
    const result = await fetchFeedUrl(server.url('/old'), options);
    expect(result.kind).toBe('ok');
    expect(result.permanentRedirect).toBe(server.url('/new'));
    expect(result.kind === 'ok' && result.finalUrl).toBe(server.url('/new'));
  });

  it('does not record a chain that passes through a temporary redirect', async () => {
    server = await startFeedServer({
      '/old': { status: 302, headers: { location: '/new' } },
      '/new': { status: 301, headers: { location: '/newest' } },
      '/newest': { body: BODY },
    });
    const result = await fetchFeedUrl(server.url('/old'), options);
    expect(result.kind).toBe('ok');
    expect(result.permanentRedirect).toBeUndefined();
  });

  it('follows at most 5 redirects', async () => {
    const table: Record<string, { status: number; headers: Record<string, string> } | { body: string }> = {
      '/r6': { body: BODY },
    };
    for (let n = 0; n < 6; n++) table[`/r${n}`] = { status: 302, headers: { location: `/r${n + 1}` } };
    server = await startFeedServer(table);
    const five = await fetchFeedUrl(server.url('/r1'), options);
    expect(five.kind).toBe('ok');
    const error = await fetchError(server.url('/r0'));
    expect(error.code).toBe('redirect-limit');
    expect(error.message).toBe(`Feed ${server.url('/r0')} redirected more than 5 times.`);
  });

  it('stops a redirect loop', async () => {
    server = await startFeedServer({
      '/a': { status: 301, headers: { location: '/b' } },
      '/b': { status: 301, headers: { location: '/a' } },
    });
    const error = await fetchError(server.url('/a'));
    expect(error.code).toBe('redirect-loop');
    expect(server.requests.map((request) => request.path)).toEqual(['/a', '/b']);
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    server = await startFeedServer({ '/a': { status: 302, headers: { location: 'file:///etc/passwd' } } });
    const error = await fetchError(server.url('/a'));
    expect(error.code).toBe('redirect');
    expect(error.message).toBe(`Feed ${server.url('/a')} redirected to a non-http(s) URL (file:).`);
  });
});

describe('statuses a polite client honours', () => {
  it('maps 410 to gone', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 410 } });
    expect(await fetchFeedUrl(server.url('/feed.xml'), options)).toEqual({ kind: 'gone' });
  });

  it('reads Retry-After in seconds on 429', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 429, headers: { 'retry-after': '120' } } });
    expect(await fetchFeedUrl(server.url('/feed.xml'), options)).toEqual({
      kind: 'throttled',
      status: 429,
      retryAfter: new Date('2026-03-01T12:02:00.000Z'),
    });
  });

  it('reads Retry-After as an HTTP date on 503', async () => {
    server = await startFeedServer({
      '/feed.xml': { status: 503, headers: { 'retry-after': 'Sun, 01 Mar 2026 18:30:00 GMT' } },
    });
    expect(await fetchFeedUrl(server.url('/feed.xml'), options)).toEqual({
      kind: 'throttled',
      status: 503,
      retryAfter: new Date('2026-03-01T18:30:00.000Z'),
    });
  });

  it('ignores an unreadable Retry-After', () => {
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });

  it('caps Retry-After in seconds at 7 days from the run clock', async () => {
    server = await startFeedServer({ '/feed.xml': { status: 429, headers: { 'retry-after': '99999999' } } });
    expect(await fetchFeedUrl(server.url('/feed.xml'), options)).toEqual({
      kind: 'throttled',
      status: 429,
      retryAfter: new Date('2026-03-08T12:00:00.000Z'),
      retryAfterRequestedMs: 99_999_999_000,
    });
  });

  it('caps Retry-After as an HTTP date years ahead at 7 days from the run clock', async () => {
    server = await startFeedServer({
      '/feed.xml': { status: 503, headers: { 'retry-after': 'Thu, 01 Mar 2029 12:00:00 GMT' } },
    });
    expect(await fetchFeedUrl(server.url('/feed.xml'), options)).toEqual({
      kind: 'throttled',
      status: 503,
      retryAfter: new Date('2026-03-08T12:00:00.000Z'),
      retryAfterRequestedMs: 1096 * 86_400_000,
    });
  });

  it('keeps a Retry-After of exactly 7 days and caps one second more', () => {
    expect(parseRetryAfter('604800', NOW)).toEqual({ until: new Date('2026-03-08T12:00:00.000Z') });
    expect(parseRetryAfter('Sun, 08 Mar 2026 12:00:00 GMT', NOW)).toEqual({
      until: new Date('2026-03-08T12:00:00.000Z'),
    });
    expect(parseRetryAfter('604801', NOW)).toEqual({
      until: new Date('2026-03-08T12:00:00.000Z'),
      requestedMs: 604_801_000,
    });
    expect(parseRetryAfter('Sun, 08 Mar 2026 12:00:01 GMT', NOW)).toEqual({
      until: new Date('2026-03-08T12:00:00.000Z'),
      requestedMs: 604_801_000,
    });
  });

  it('names the asked delay when it caps Retry-After', () => {
    expect(retryAfterCapNote(99_999_999_000)).toBe('Retry-After of 1157 days capped at 7 days');
    expect(retryAfterCapNote(604_801_000)).toBe('Retry-After of 169 hours capped at 7 days');
  });
});

describe('limits', () => {
  it('aborts a server that never answers', async () => {
    server = await startFeedServer({ '/slow': () => undefined });
    const started = performance.now();
    const error = await fetchError(server.url('/slow'), { timeoutMs: 200 });
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`Feed ${server.url('/slow')} did not answer within 0.2 s; try again later.`);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('aborts a body that stalls after the headers', async () => {
    server = await startFeedServer({
      '/stall': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss version="2.0"><channel>');
      },
    });
    const error = await fetchError(server.url('/stall'), { timeoutMs: 300 });
    expect(error.code).toBe('timeout');
  });

  it('stops a streamed body at the cap', async () => {
    let sent = 0;
    server = await startFeedServer({
      '/big': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (sent < 64 * 1024 * 1024 && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      },
    });
    const error = await fetchError(server.url('/big'), { maxBytes: 1024 * 1024 });
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(
      `Feed ${server.url('/big')} is larger than 1048576 bytes; raise defaults.maxBytes to accept it.`,
    );
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    server = await startFeedServer({ '/big': { body: 'x'.repeat(2048), headers: { 'content-length': 2048 } } });
    const error = await fetchError(server.url('/big'), { maxBytes: 1024 });
    expect(error.code).toBe('too-large');
  });

  it('stops a gzip bomb at the cap after decompression', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    server = await startFeedServer({ '/bomb': { body: bomb, headers: { 'content-encoding': 'gzip' } } });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const error = await fetchError(server.url('/bomb'), { maxBytes: 1024 * 1024 });
    expect(error.code).toBe('too-large');
  });
});

describe('compression', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('decodes %s', async (encoding, compress) => {
    server = await startFeedServer({
      '/feed.xml': { body: compress(Buffer.from(BODY)), headers: { 'content-encoding': encoding } },
    });
    const result = await fetchFeedUrl(server.url('/feed.xml'), options);
    expect(result.kind === 'ok' && Buffer.from(result.body).toString('utf8')).toBe(BODY);
  });

  it('refuses an unknown Content-Encoding', async () => {
    server = await startFeedServer({ '/feed.xml': { body: BODY, headers: { 'content-encoding': 'zstd' } } });
    const error = await fetchError(server.url('/feed.xml'));
    expect(error.code).toBe('encoding');
    expect(error.message).toBe(`Feed ${server.url('/feed.xml')} uses the unsupported Content-Encoding "zstd".`);
  });

  it('reports a corrupt compressed body', async () => {
    server = await startFeedServer({
      '/feed.xml': { body: 'not gzip at all', headers: { 'content-encoding': 'gzip' } },
    });
    const error = await fetchError(server.url('/feed.xml'));
    expect(error.code).toBe('encoding');
    expect(error.message).toBe(`Feed ${server.url('/feed.xml')} sent a corrupt compressed body.`);
  });
});
