/**
 * The polite fetcher against a real server on 127.0.0.1: one request at a
 * time per host with a pause between them, a robots.txt Crawl-delay honoured
 * (capped), robots.txt read once per site, a missing robots.txt allowing all
 * and a failing one allowing nothing, as RFC 9309 says.
 */
import { describe, expect, it } from 'vitest';
import { parseAllowNetworks } from '#src/ingest/net-guard.ts';
import { PoliteFetcher } from '#src/ingest/polite-fetch.ts';
import { startFeedServer } from '../helpers/feed-server.ts';

const allow = parseAllowNetworks(['127.0.0.1/32'], 'test');

function fetcher(delayMs: number, maxCrawlDelayMs?: number) {
  return new PoliteFetcher({
    allow,
    userAgent: 'feedshelf/0.0.0 (+https://example.org/)',
    robotsAgent: 'feedshelf',
    timeoutMs: 5000,
    maxBytes: 1_000_000,
    delayMs,
    ...(maxCrawlDelayMs === undefined ? {} : { maxCrawlDelayMs }),
  });
}

/** A server that records when each request arrived and when each answer was sent. */
async function timedServer(robots: { status?: number; body?: string }) {
  const times: { path: string; start: number; end: number }[] = [];
  const server = await startFeedServer({});
  const page = (path: string) =>
    server.routes.set(path, (_req, res) => {
      const start = performance.now();
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<p>page</p>');
        times.push({ path, start, end: performance.now() });
      }, 20);
    });
  server.routes.set('/robots.txt', { status: robots.status ?? 200, body: robots.body ?? '' });
  for (const path of ['/a', '/b', '/c']) page(path);
  return { server, times };
}

describe('PoliteFetcher', () => {
  it('sends one request at a time to a host, with the pause between them', async () => {
    const { server, times } = await timedServer({ body: 'User-agent: *\nAllow: /\n' });
    await using _ = server;
    const polite = fetcher(150);
    const answers = await Promise.all(['/a', '/b', '/c'].map((path) => polite.fetchPage(server.url(path))));
    expect(answers.map((answer) => answer.kind === 'answer' && answer.result.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(times.map((time) => time.path)).toEqual(['/a', '/b', '/c']);
    for (const [index, time] of times.entries()) {
      const previous = times[index - 1];
      if (previous) expect(time.start - previous.end).toBeGreaterThanOrEqual(140);
    }
    expect(server.requestsFor('/robots.txt')).toHaveLength(1);
  });

  it('waits as long as robots.txt asks with Crawl-delay, up to the cap', async () => {
    const { server, times } = await timedServer({ body: 'User-agent: *\nCrawl-delay: 60\n' });
    await using _ = server;
    const polite = fetcher(0, 300);
    await polite.fetchPage(server.url('/a'));
    await polite.fetchPage(server.url('/b'));
    const [first, second] = times;
    expect((second?.start ?? 0) - (first?.end ?? 0)).toBeGreaterThanOrEqual(290);
    expect((second?.start ?? 0) - (first?.end ?? 0)).toBeLessThan(5000);
  });

  it('takes a robots.txt that answers 404 for permission, and one that answers 503 for none', async () => {
    const missing = await timedServer({ status: 404 });
    await using _missing = missing.server;
    const allowed = await fetcher(0).fetchPage(missing.server.url('/a'));
    expect(allowed.kind).toBe('answer');

    const failing = await timedServer({ status: 503 });
    await using _failing = failing.server;
    expect(await fetcher(0).fetchPage(failing.server.url('/a'))).toEqual({
      kind: 'disallowed',
      robotsUrl: `${failing.server.origin}/robots.txt`,
      unavailable: true,
    });
    expect(failing.server.requestsFor('/a')).toHaveLength(0);
  });

  it('matches robots.txt groups by its own product token', async () => {
    const { server } = await timedServer({
      body: 'User-agent: feedshelf\nDisallow: /b\n\nUser-agent: *\nDisallow: /\n',
    });
    await using _ = server;
    const polite = fetcher(0);
    expect((await polite.fetchPage(server.url('/a'))).kind).toBe('answer');
    expect((await polite.fetchPage(server.url('/b'))).kind).toBe('disallowed');
  });
});
