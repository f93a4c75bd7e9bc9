import type { LookupAddress } from 'node:dns';
import { get, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, RefusedAddressError } from '#src/ingest/errors.ts';
import {
  allowNetworksFromEnv,
  checkUrl,
  NO_ALLOWED_NETWORKS,
  parseAllowNetworks,
  refusalReason,
} from '#src/ingest/net-guard.ts';
import { assertFetchable, guardedLookup } from '#src/ingest/net-guard-fs.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

const none = NO_ALLOWED_NETWORKS;
const HINT = 'allow it with allowNetworks in feeds.yaml or FEEDSHELF_ALLOW_NETWORKS';

describe('refusalReason over the address ranges', () => {
  const table: [string, string | undefined][] = [
    // IPv4, each refused range and the edges around some of them
    ['0.0.0.0', 'an unspecified address'],
    ['0.255.255.255', 'an unspecified address'],
    ['1.0.0.0', undefined],
    ['9.255.255.255', undefined],
    ['10.0.0.0', 'a private address'],
    ['10.255.255.255', 'a private address'],
    ['11.0.0.0', undefined],
    ['100.63.255.255', undefined],
    ['100.64.0.0', 'a carrier-grade NAT address'],
    ['100.127.255.255', 'a carrier-grade NAT address'],
    ['100.128.0.0', undefined],
    ['126.255.255.255', undefined],
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['169.254.0.1', 'a link-local address'],
    ['169.254.169.254', 'a link-local address'],
    ['169.255.0.0', undefined],
    ['172.15.255.255', undefined],
    ['172.16.0.0', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['172.32.0.0', undefined],
    ['192.0.0.8', 'a reserved address'],
    ['192.0.1.1', undefined],
    ['192.0.2.1', 'a reserved address'],
    ['192.167.255.255', undefined],
    ['192.168.0.1', 'a private address'],
    ['192.168.255.255', 'a private address'],
    ['192.169.0.0', undefined],
    ['198.17.255.255', undefined],
    ['198.18.0.0', 'a reserved address'],
    ['198.19.255.255', 'a reserved address'],
    ['198.20.0.0', undefined],
    ['198.51.100.7', 'a reserved address'],
    ['203.0.113.9', 'a reserved address'],
    ['223.255.255.255', undefined],
    ['224.0.0.1', 'a multicast address'],
    ['239.255.255.255', 'a multicast address'],
    ['240.0.0.1', 'a reserved address'],
    ['255.255.255.254', 'a reserved address'],
    ['255.255.255.255', 'a broadcast address'],
    ['8.8.8.8', undefined],
    ['93.184.215.14', undefined],
    // IPv6
    ['::', 'an unspecified address'],
    ['::1', 'a loopback address'],
    ['fe80::1', 'a link-local address'],
    ['febf:ffff::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['fec0::1', 'a site-local address'],
    ['fc00::1', 'a unique-local address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['ff02::1', 'a multicast address'],
    ['ff0e::1', 'a multicast address'],
    ['2001:db8::1', 'a reserved address'],
    ['2001:db8:ffff::1', 'a reserved address'],
    ['64:ff9b::a00:1', 'a NAT64 address'],
    ['64:ff9b::8.8.8.8', 'a NAT64 address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['::ffff:10.0.0.1', 'a private address'],
    ['::ffff:8.8.8.8', undefined],
    ['::127.0.0.1', 'a reserved address'],
    ['::8.8.8.8', 'a reserved address'],
    ['2002:a00:1::1', 'a 6to4 address embedding a private address'],
    ['2002:7f00:1::1', 'a 6to4 address embedding a loopback address'],
    ['2002:808:808::1', undefined],
    // Teredo: the client address is stored inverted; f5ff:fffe is 10.0.0.1, f7f7:f7f7 is 8.8.8.8
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'a Teredo address embedding a private address'],
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', undefined],
    ['3fff::1', 'a reserved address'],
    ['100::1', 'a reserved address'],
    ['4000::1', 'a reserved address'],
    ['2606:4700::1', undefined],
    ['2a00:1450:4001:82b::200e', undefined],
    // not addresses: refused, and odd IPv4 forms are not read as octal or hex
    ['example.org', 'not an IP address'],
    ['0x7f.0.0.1', 'not an IP address'],
    ['2130706433', 'not an IP address'],
    ['', 'not an IP address'],
  ];
  it.each(table)('%s -> %s', (address, reason) => {
    expect(refusalReason(address, none)).toBe(reason);
  });
});

describe('allowNetworks overriding the refusals', () => {
  it('127.0.0.1/32 allows 127.0.0.1 (also IPv4-mapped) but not 127.0.0.2 or ::1', () => {
    const allow = parseAllowNetworks(['127.0.0.1/32'], 'defaults.allowNetworks');
    expect(refusalReason('127.0.0.1', allow)).toBeUndefined();
    expect(refusalReason('::ffff:127.0.0.1', allow)).toBeUndefined();
    expect(refusalReason('127.0.0.2', allow)).toBe('a loopback address');
    expect(refusalReason('::1', allow)).toBe('a loopback address');
  });

  it('::1/128 allows ::1 and nothing else', () => {
    const allow = parseAllowNetworks(['::1/128'], 'defaults.allowNetworks');
    expect(refusalReason('::1', allow)).toBeUndefined();
    expect(refusalReason('127.0.0.1', allow)).toBe('a loopback address');
    expect(refusalReason('::2', allow)).toBe('a reserved address');
  });

  it('a bare address is the one address; a range covers its edges', () => {
    const allow = parseAllowNetworks(['10.1.2.3', '172.16.0.0/12', 'fd00::/8'], 'defaults.allowNetworks');
    expect(refusalReason('10.1.2.3', allow)).toBeUndefined();
    expect(refusalReason('10.1.2.4', allow)).toBe('a private address');
    expect(refusalReason('172.16.0.0', allow)).toBeUndefined();
    expect(refusalReason('172.31.255.255', allow)).toBeUndefined();
    expect(refusalReason('fd00::5', allow)).toBeUndefined();
    expect(refusalReason('fc00::5', allow)).toBe('a unique-local address');
  });

  it('parses entries in order and keeps them as written', () => {
    expect(parseAllowNetworks([' 10.0.0.0/8 ', '::1'], 'x').map((network) => network.source)).toEqual([
      ' 10.0.0.0/8 ',
      '::1',
    ]);
    expect(parseAllowNetworks([], 'x')).toEqual([]);
  });
});

describe('bad allowNetworks entries', () => {
  function configError(list: string[]): ConfigError {
    try {
      parseAllowNetworks(list, 'defaults.allowNetworks');
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }
  const expected = 'expected an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8';
  it.each([
    [
      ['10.0.0.0/8', '10.0.0.0/33'],
      'Invalid defaults.allowNetworks[1] "10.0.0.0/33": the prefix length of an IPv4 range is at most 32.',
    ],
    [
      ['fd00::/129'],
      'Invalid defaults.allowNetworks[0] "fd00::/129": the prefix length of an IPv6 range is at most 128.',
    ],
    [['intranet.example'], `Invalid defaults.allowNetworks[0] "intranet.example": ${expected}.`],
    [['10.0.0/8'], `Invalid defaults.allowNetworks[0] "10.0.0/8": ${expected}.`],
    [['0x7f.0.0.1'], `Invalid defaults.allowNetworks[0] "0x7f.0.0.1": ${expected}.`],
    [['10.0.0.0/'], `Invalid defaults.allowNetworks[0] "10.0.0.0/": ${expected}.`],
    [['10.0.0.0/-1'], `Invalid defaults.allowNetworks[0] "10.0.0.0/-1": ${expected}.`],
    [['10.0.0.0/8/8'], `Invalid defaults.allowNetworks[0] "10.0.0.0/8/8": ${expected}.`],
    [['256.0.0.0/8'], `Invalid defaults.allowNetworks[0] "256.0.0.0/8": ${expected}.`],
    [[''], `Invalid defaults.allowNetworks[0] "": ${expected}.`],
  ])('%j', (list, message) => {
    const error = configError(list);
    expect(error.message).toBe(message);
    expect(error.code).toBe('config');
    expect(error.kind).toBe('config');
  });
});

describe('FEEDSHELF_ALLOW_NETWORKS', () => {
  it('unset, empty or blank allows none', () => {
    expect(allowNetworksFromEnv(undefined)).toEqual([]);
    expect(allowNetworksFromEnv('')).toEqual([]);
    expect(allowNetworksFromEnv(' , ,')).toEqual([]);
  });

  it('is comma-separated with whitespace trimmed', () => {
    const allow = allowNetworksFromEnv(' 127.0.0.1/32 ,::1/128,, 10.0.0.0/8 ');
    expect(allow.map((network) => network.source)).toEqual(['127.0.0.1/32', '::1/128', '10.0.0.0/8']);
    expect(refusalReason('10.9.9.9', allow)).toBeUndefined();
    expect(refusalReason('192.168.0.1', allow)).toBe('a private address');
  });

  it('names the variable and the bad entry', () => {
    expect(() => allowNetworksFromEnv('10.0.0.0/8, nope')).toThrow(
      new ConfigError(
        'Invalid FEEDSHELF_ALLOW_NETWORKS entry "nope": expected an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8.',
      ),
    );
  });
});

describe('checkUrl', () => {
  it.each([
    ['http://[::1]/', 'a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'a loopback address'],
    ['http://[fd00::1]:8080/x', 'a unique-local address'],
    ['http://2130706433/', 'a loopback address'],
    ['http://0x7f.0.0.1/', 'a loopback address'],
    ['http://0x7f.1/', 'a loopback address'],
    ['http://0177.0.0.1/', 'a loopback address'],
    ['http://127.1/', 'a loopback address'],
    ['http://0/', 'an unspecified address'],
    ['http://169.254.169.254/latest/meta-data/', 'a link-local address'],
    ['https://10.0.0.5/', 'a private address'],
    ['ftp://example.org/', 'not an http(s) URL (ftp:)'],
    ['file:///etc/passwd', 'not an http(s) URL (file:)'],
    ['http://localhost:8080/', 'a loopback name'],
    ['http://LOCALHOST./', 'a loopback name'],
    ['http://app.localhost/', 'a loopback name'],
    ['http://8.8.8.8/', undefined],
    ['https://[2606:4700::1]/', undefined],
    ['https://example.org/a', undefined],
    ['https://localhost.example.org/', undefined],
  ])('%s -> %s', (url, reason) => {
    expect(checkUrl(new URL(url), none)).toBe(reason);
  });

  it('lets localhost through once 127.0.0.1 is allowed, and never a scheme', () => {
    const allow = parseAllowNetworks(['127.0.0.1/32'], 'defaults.allowNetworks');
    expect(checkUrl(new URL('http://localhost:8080/'), allow)).toBeUndefined();
    expect(checkUrl(new URL('http://2130706433/'), allow)).toBeUndefined();
    expect(checkUrl(new URL('http://127.0.0.2/'), allow)).toBe('a loopback address');
    expect(checkUrl(new URL('ftp://127.0.0.1/'), allow)).toBe('not an http(s) URL (ftp:)');
  });
});

function refusedBy(action: () => void): RefusedAddressError {
  try {
    action();
  } catch (error) {
    if (error instanceof RefusedAddressError) return error;
    throw error;
  }
  throw new Error('expected a RefusedAddressError');
}

describe('assertFetchable', () => {
  it('throws for a refused IP literal, naming the URL, the host and the remedy', () => {
    const error = refusedBy(() => assertFetchable(new URL('http://169.254.169.254/latest/meta-data/'), none));
    expect(error.message).toBe(
      `Refused to fetch http://169.254.169.254/latest/meta-data/: 169.254.169.254 is a link-local address; ${HINT}.`,
    );
    expect(error).toMatchObject({
      code: 'refused-address',
      kind: 'feed',
      url: 'http://169.254.169.254/latest/meta-data/',
      host: '169.254.169.254',
      address: '169.254.169.254',
    });
  });

  it('names a bracketed IPv6 literal without its brackets', () => {
    const error = refusedBy(() => assertFetchable(new URL('http://[::1]:81/'), none));
    expect(error.message).toBe(`Refused to fetch http://[::1]:81/: ::1 is a loopback address; ${HINT}.`);
    expect(error).toMatchObject({ host: '::1', address: '::1' });
  });

  it('throws for localhost and for another scheme, without an address', () => {
    const local = refusedBy(() => assertFetchable(new URL('http://localhost:8080/'), none));
    expect(local.message).toBe(`Refused to fetch http://localhost:8080/: localhost is a loopback name; ${HINT}.`);
    expect(local.address).toBeUndefined();
    const ftp = refusedBy(() => assertFetchable(new URL('ftp://example.org/'), none));
    expect(ftp.message).toBe(
      'Refused to fetch ftp://example.org/: it is not an http(s) URL (ftp:); only http and https URLs are fetched.',
    );
    expect(ftp).toMatchObject({ host: 'example.org', url: 'ftp://example.org/' });
  });

  it('returns for a public literal or a name', () => {
    expect(assertFetchable(new URL('https://8.8.8.8/'), none)).toBeUndefined();
    expect(assertFetchable(new URL('https://example.org/'), none)).toBeUndefined();
  });
});

describe('guardedLookup called directly', () => {
  type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
  function ask(allow: typeof none, options: { all?: boolean; family?: number }, url?: URL): Promise<Answer> {
    return new Promise((resolve) => {
      guardedLookup(allow, url)('localhost', options, (error, address, family) =>
        resolve(family === undefined ? { error, address } : { error, address, family }),
      );
    });
  }
  // localhost resolves from the hosts file, never the network; the test machine
  // may list 127.0.0.1 only or ::1 as well.
  const both = parseAllowNetworks(['127.0.0.1/32', '::1/128'], 'defaults.allowNetworks');

  it('answers one address and its family when all is not asked for', async () => {
    const answer = await ask(both, {});
    expect(answer.error).toBeNull();
    expect(['127.0.0.1', '::1']).toContain(answer.address);
    expect(answer.family).toBe(answer.address === '::1' ? 6 : 4);
  });

  it('answers every address when all is asked for', async () => {
    const answer = await ask(both, { all: true });
    expect(answer.error).toBeNull();
    const addresses = answer.address as LookupAddress[];
    expect(addresses.length).toBeGreaterThan(0);
    for (const { address, family } of addresses)
      expect([
        ['127.0.0.1', 4],
        ['::1', 6],
      ]).toContainEqual([address, family]);
  });

  it('refuses when an address is refused, naming the URL it was for', async () => {
    const answer = await ask(none, { family: 4 }, new URL('http://localhost/a'));
    expect(answer.error).toBeInstanceOf(RefusedAddressError);
    expect(answer.error?.message).toBe(
      `Refused to fetch http://localhost/a: localhost resolves to 127.0.0.1, a loopback address; ${HINT}.`,
    );
    expect(answer.error).toMatchObject({ code: 'refused-address', url: 'http://localhost/a', host: 'localhost' });
  });

  it('refuses a name when any one of its addresses is refused', async () => {
    // With only ::1 allowed, 127.0.0.1 among localhost's addresses refuses the name.
    const onlyV6 = parseAllowNetworks(['::1/128'], 'defaults.allowNetworks');
    const answer = await ask(onlyV6, { all: true });
    expect(answer.error).toBeInstanceOf(RefusedAddressError);
    expect(answer.error?.message).toBe(
      `Refused to connect to localhost: localhost resolves to 127.0.0.1, a loopback address; ${HINT}.`,
    );
  });
});

describe('guardedLookup in a real request through node:http', () => {
  let server: FeedServer;
  afterEach(async () => {
    await server?.close();
  });

  function fetchLocal(url: string, allow: typeof none): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const request = get(url, { lookup: guardedLookup(allow, new URL(url)) }, (response) => {
        response.resume();
        response.on('end', () => resolve(response));
      });
      request.on('error', reject);
    });
  }

  it('refuses localhost before connecting: the server sees no request', async () => {
    server = await startFeedServer({ '/': { body: 'hello' } });
    const url = `http://localhost:${new URL(server.origin).port}/`;
    const failure = await fetchLocal(url, none).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RefusedAddressError);
    // Which of localhost's addresses is named depends on the hosts file's order.
    expect([
      `Refused to fetch ${url}: localhost resolves to 127.0.0.1, a loopback address; ${HINT}.`,
      `Refused to fetch ${url}: localhost resolves to ::1, a loopback address; ${HINT}.`,
    ]).toContain((failure as RefusedAddressError).message);
    expect(server.requests).toEqual([]);
  });

  it('connects once 127.0.0.1 and ::1 are allowed', async () => {
    server = await startFeedServer({ '/': { body: 'hello' } });
    const url = `http://localhost:${new URL(server.origin).port}/`;
    const response = await fetchLocal(url, parseAllowNetworks(['127.0.0.1/32', '::1/128'], 'defaults.allowNetworks'));
    expect(response.statusCode).toBe(200);
    expect(server.requests.map((request) => request.path)).toEqual(['/']);
  });
});
