/**
 * The request-forgery guard at connection time. node:net calls the `lookup`
 * of http(s).request only for a host name, never for an IP literal, so a
 * fetch of a URL from feed content needs both: assertFetchable before the
 * request and before each redirect hop (schemes, IP literals, localhost),
 * and guardedLookup as the request's `lookup`, which judges every address a
 * name resolves to. A name is refused when any of its addresses is, so a
 * name that answers both public and private addresses cannot be used to
 * reach the private one (DNS rebinding); and the addresses judged are the
 * ones connected to, so a second resolution cannot swap them.
 */
import { type LookupAddress, type LookupOptions, lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { RefusedAddressError } from './errors.ts';
import { ALLOW_HINT, type AllowNetworks, refusalReason, urlRefusal } from './net-guard.ts';

/** Throws RefusedAddressError when `url` is refused from the URL alone (see urlRefusal). */
export function assertFetchable(url: URL, allow: AllowNetworks): void {
  const refusal = urlRefusal(url, allow);
  if (refusal === undefined) return;
  const message = refusal.allowable
    ? `Refused to fetch ${url.href}: ${refusal.host} is ${refusal.reason}; ${ALLOW_HINT}.`
    : `Refused to fetch ${url.href}: it is ${refusal.reason}; only http and https URLs are fetched.`;
  throw new RefusedAddressError(message, {
    url: url.href,
    host: refusal.host,
    ...(refusal.address === undefined ? {} : { address: refusal.address }),
  });
}

function refused(hostname: string, address: string, reason: string, url: URL | undefined): RefusedAddressError {
  const what = url === undefined ? `Refused to connect to ${hostname}` : `Refused to fetch ${url.href}`;
  return new RefusedAddressError(`${what}: ${hostname} resolves to ${address}, ${reason}; ${ALLOW_HINT}.`, {
    url: url?.href ?? hostname,
    host: hostname,
    address,
  });
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
    code: 'ENOTFOUND',
    hostname,
    syscall: 'getaddrinfo',
  });
}

/**
 * A `lookup` for http(s).request that resolves with dns.lookup and refuses
 * (with RefusedAddressError) when any address the name resolves to is
 * refused. `url`, when given, is named in the error. Answers in the shape
 * the caller asked for: one address and its family, or all of them when
 * `options.all` is set (as node:net does for Happy Eyeballs).
 */
export function guardedLookup(allow: AllowNetworks, url?: URL): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      for (const { address } of addresses) {
        const reason = refusalReason(address, allow);
        if (reason !== undefined) {
          callback(refused(hostname, address, reason, url), '', 0);
          return;
        }
      }
      const first = addresses[0];
      if (first === undefined) callback(notFound(hostname), '', 0);
      else if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
