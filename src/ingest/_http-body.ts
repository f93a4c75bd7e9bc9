/**
 * What every HTTP client of the snapshot shares (feeds, article pages):
 * sending one GET on node:http/https, reading a header, and reading a body
 * under a byte cap enforced while streaming, after decompression too, so a
 * gzip bomb stops at the cap. Each client says how its errors read.
 */

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One GET; `lookup` replaces DNS resolution (the address guard's, for URLs from feed content). */
export function send(
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
  lookup?: LookupFunction,
): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, signal, ...(lookup ? { lookup } : {}) }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** The errors a body read can end in, worded by the caller. */
export interface BodyErrors {
  tooLarge(): Error;
  unsupported(coding: string): Error;
  corrupt(cause: unknown): Error;
}

function decoder(encoding: string | undefined, errors: BodyErrors): Transform | undefined {
  const coding = (encoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return undefined;
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip();
  if (coding === 'deflate') return createInflate();
  if (coding === 'br') return createBrotliDecompress();
  throw errors.unsupported(coding);
}

/** Read a response body, decompressing it and stopping at `maxBytes` (raw and decoded). */
export async function readBody(response: IncomingMessage, maxBytes: number, errors: BodyErrors): Promise<Uint8Array> {
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw errors.tooLarge();
  }
  let inflate: Transform | undefined;
  try {
    inflate = decoder(header(response, 'content-encoding'), errors);
  } catch (error) {
    response.destroy();
    throw error;
  }
  let tooLarge: Error | undefined;
  let raw = 0;
  const countRaw = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      raw += chunk.length;
      if (raw > maxBytes) tooLarge ??= errors.tooLarge();
      callback(raw > maxBytes ? tooLarge : null, chunk);
    },
  });
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge ??= errors.tooLarge();
        throw tooLarge;
      }
      chunks.push(chunk);
    }
  };
  try {
    if (inflate) await pipeline(response, countRaw, inflate, collect);
    else await pipeline(response, countRaw, collect);
  } catch (error) {
    if (tooLarge !== undefined && error === tooLarge) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (inflate && code.startsWith('Z_')) throw errors.corrupt(error);
    throw error;
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}
