/**
 * A real HTTP server on 127.0.0.1 for feed tests: a route table keyed by path,
 * every request recorded, closed with `close()` (or `await using`).
 *
 *   const server = await startFeedServer({ '/feed.xml': { body: rss, headers: { etag: '"v1"' } } });
 *   await fetchFeedUrl(server.url('/feed.xml'), ...);
 *   expect(server.requests).toHaveLength(1);
 *   await server.close();
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A fixed answer. */
export interface StaticRoute {
  status?: number;
  headers?: Record<string, string | number>;
  body?: string | Uint8Array;
}

/** A handler that writes the answer itself (for slow, streaming or conditional answers). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, server: FeedServer) => void | Promise<void>;

export type Route = StaticRoute | RouteHandler;

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Every request so far, in order. */
  requests: RecordedRequest[];
  /** Requests for one path. */
  requestsFor(path: string): RecordedRequest[];
  /** Replace or add routes. */
  routes: Map<string, Route>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function answer(route: StaticRoute, res: ServerResponse): void {
  res.writeHead(route.status ?? 200, route.headers ?? {});
  res.end(route.body ?? '');
}

/** Start a server on 127.0.0.1 at a free port. Unknown paths answer 404. */
export async function startFeedServer(table: Record<string, Route> = {}): Promise<FeedServer> {
  const routes = new Map<string, Route>(Object.entries(table));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let self: FeedServer;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const route = routes.get(path);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (typeof route === 'function') {
      Promise.resolve(route(req, res, self)).catch(() => res.destroy());
      return;
    }
    answer(route, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  self = {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    requestsFor: (path) => requests.filter((request) => request.path === path),
    routes,
    close,
    [Symbol.asyncDispose]: close,
  };
  return self;
}
