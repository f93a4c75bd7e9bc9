/**
 * A static server for a built site on 127.0.0.1 (a free port), with the
 * site's 404 page for misses and optional gzip, for the browser tests, the
 * benchmarks and the fuzz run.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  // Pagefind's own binary formats: the WebAssembly module and gzipped index chunks.
  '.pagefind': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Maps a request path to a file under root, or undefined when it is outside root or absent. */
async function resolveFile(root: string, base: string, pathname: string): Promise<string | undefined> {
  if (!pathname.startsWith(base)) return undefined;
  let relativePath: string;
  try {
    relativePath = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return undefined;
  }
  if (relativePath.includes('\0')) return undefined;
  const target = resolve(root, `.${sep}${relativePath}`);
  if (target !== root && !target.startsWith(root + sep)) return undefined;
  if (await isFile(target)) return target;
  const index = join(target, 'index.html');
  if (await isFile(index)) return index;
  return undefined;
}

export interface ServeOptions {
  /** Gzip text responses (HTML, CSS, JS, JSON) as a production host would; off by default. */
  gzip?: boolean;
  /** Told of every response: the request path and the body bytes sent (for benchmarks). */
  onResponse?: (path: string, bytes: number) => void;
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:json|xml)|image\/svg)/;

/** Serves `dir` under `base` on 127.0.0.1 (a free port), with the site's 404 page for misses. */
export async function serveDir(dir: string, base = '/', options: ServeOptions = {}): Promise<StaticServer> {
  const root = resolve(dir);
  const basePath = base.endsWith('/') ? base : `${base}/`;
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    resolveFile(root, basePath, pathname)
      .then(async (file) => {
        if (file === undefined) {
          const notFound = join(root, '404.html');
          const body = (await isFile(notFound)) ? await readFile(notFound) : Buffer.from('Not found');
          response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
          response.end(request.method === 'HEAD' ? undefined : body);
          return;
        }
        const type = mimeType(file);
        const accepts = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
        const compress = options.gzip === true && accepts && COMPRESSIBLE.test(type);
        const raw = await readFile(file);
        const body = compress ? gzipSync(raw) : raw;
        response.writeHead(200, {
          'content-type': type,
          'content-length': body.length,
          ...(compress ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {}),
        });
        response.end(request.method === 'HEAD' ? undefined : body);
        options.onResponse?.(pathname, body.length);
      })
      .catch(() => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Internal error');
      });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
