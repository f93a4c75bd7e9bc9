/**
 * The request-forgery guard for URLs that come from feed content (article
 * pages, images): which addresses such a URL may reach. A feed is written by
 * someone else, so a link in it must not make the snapshot fetch from the
 * machine it runs on (loopback), its network (private, link-local, the cloud
 * metadata service at 169.254.169.254) or addresses that are not public
 * unicast at all. The user may open ranges with allowNetworks. Pure: names
 * are resolved and judged at connection time in net-guard-fs.ts.
 */
import ipaddr from 'ipaddr.js';
import { ConfigError } from './errors.ts';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** One range the user allowed, as written and as parsed. */
export interface AllowNetwork {
  /** The entry as given, e.g. `10.0.0.0/8` or `::1`. */
  readonly source: string;
  readonly range: readonly [Address, number];
}

/** The ranges the user allowed; an address inside any of them is never refused. */
export type AllowNetworks = readonly AllowNetwork[];

/** No range allowed: the guard's default. */
export const NO_ALLOWED_NETWORKS: AllowNetworks = [];

/** What the refusal messages tell a user to do. */
export const ALLOW_HINT = 'allow it with allowNetworks in feeds.yaml or FEEDSHELF_ALLOW_NETWORKS';

const EXPECTED = 'expected an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8';

function parseEntry(entry: string, where: string): AllowNetwork {
  const invalid = (problem: string) => new ConfigError(`Invalid ${where} "${entry}": ${problem}.`);
  const text = entry.trim();
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  const address = parseAddress(host);
  if (address === undefined) throw invalid(EXPECTED);
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (slash === -1) return { source: entry, range: [address, max] };
  const prefix = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) throw invalid(EXPECTED);
  const bits = Number(prefix);
  if (bits > max) {
    throw invalid(`the prefix length of an ${address.kind() === 'ipv4' ? 'IPv4' : 'IPv6'} range is at most ${max}`);
  }
  return { source: entry, range: [address, bits] };
}

/**
 * CIDR ranges of IPv4 and IPv6 (a bare address is the one address); throws a
 * ConfigError naming the bad entry and `where` the list came from (e.g.
 * `defaults.allowNetworks`, whose entries are reported as `[1]` of it).
 */
export function parseAllowNetworks(list: readonly string[], where: string): AllowNetworks {
  return list.map((entry, index) => parseEntry(entry, `${where}[${index}]`));
}

/** FEEDSHELF_ALLOW_NETWORKS: comma-separated ranges; unset or blank allows none. */
export function allowNetworksFromEnv(value: string | undefined): AllowNetworks {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.map((entry) => parseEntry(entry, `FEEDSHELF_ALLOW_NETWORKS entry`));
}

/**
 * An IPv4 address in four-part decimal or an IPv6 address (with a zone, as
 * `dns.lookup` may give link-local ones). ipaddr.js also reads octal, hex
 * and single-number IPv4 forms, which no resolver returns and which would
 * make `010.0.0.1` mean 8.0.0.1 in a config: those are not addresses here.
 */
function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(canonicalV6(text));
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  return undefined;
}

/**
 * ipaddr.js reads `::127.0.0.1` as `::ffff:127.0.0.1`; the WHATWG serialiser
 * writes every dotted tail in hex, `::7f00:1`, which is what a socket gets.
 */
function canonicalV6(text: string): string {
  if (!text.includes('.') || text.includes('%')) return text;
  const url = URL.parse(`http://[${text}]/`);
  return url === null ? text : url.hostname.slice(1, -1);
}

function cidr(text: string): Range {
  return ipaddr.parseCIDR(text);
}

/** First match wins; 255.255.255.255 before 240.0.0.0/4 so it reads as what it is. */
const IPV4_REFUSED: readonly (readonly [Range, string])[] = [
  [cidr('255.255.255.255/32'), 'a broadcast address'],
  [cidr('0.0.0.0/8'), 'an unspecified address'],
  [cidr('10.0.0.0/8'), 'a private address'],
  [cidr('100.64.0.0/10'), 'a carrier-grade NAT address'],
  [cidr('127.0.0.0/8'), 'a loopback address'],
  [cidr('169.254.0.0/16'), 'a link-local address'],
  [cidr('172.16.0.0/12'), 'a private address'],
  [cidr('192.0.0.0/24'), 'a reserved address'],
  [cidr('192.0.2.0/24'), 'a reserved address'],
  [cidr('192.168.0.0/16'), 'a private address'],
  [cidr('198.18.0.0/15'), 'a reserved address'],
  [cidr('198.51.100.0/24'), 'a reserved address'],
  [cidr('203.0.113.0/24'), 'a reserved address'],
  [cidr('224.0.0.0/4'), 'a multicast address'],
  [cidr('240.0.0.0/4'), 'a reserved address'],
];

/**
 * Ranges refused outright. Everything outside 2000::/3 (global unicast) is
 * refused too; the IPv4 embedded in ::ffff:0:0/96, 6to4 and Teredo
 * addresses is judged as IPv4 before these apply.
 */
const IPV6_REFUSED: readonly (readonly [Range, string])[] = [
  [cidr('::/128'), 'an unspecified address'],
  [cidr('::1/128'), 'a loopback address'],
  [cidr('fe80::/10'), 'a link-local address'],
  [cidr('fec0::/10'), 'a site-local address'],
  [cidr('fc00::/7'), 'a unique-local address'],
  [cidr('ff00::/8'), 'a multicast address'],
  [cidr('64:ff9b::/96'), 'a NAT64 address'],
  [cidr('64:ff9b:1::/48'), 'a NAT64 address'],
  [cidr('2001:db8::/32'), 'a reserved address'],
  [cidr('3fff::/20'), 'a reserved address'],
];

const IPV4_MAPPED = cidr('::ffff:0:0/96');
const SIX_TO_FOUR = cidr('2002::/16');
const TEREDO = cidr('2001::/32');
const GLOBAL_UNICAST = cidr('2000::/3');

function inRange(address: Address, [network, bits]: readonly [Address, number]): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}

function firstMatch(address: Address, table: readonly (readonly [Range, string])[]): string | undefined {
  return table.find(([range]) => inRange(address, range))?.[1];
}

function v4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 address carried inside an IPv6 one, with the words that name how. */
function embeddedV4(address: ipaddr.IPv6): { v4: ipaddr.IPv4; via: string } | undefined {
  const parts = address.parts;
  if (inRange(address, IPV4_MAPPED)) return { v4: address.toIPv4Address(), via: '' };
  if (inRange(address, SIX_TO_FOUR)) {
    return { v4: v4FromParts(parts[1] ?? 0, parts[2] ?? 0), via: 'a 6to4 address embedding ' };
  }
  if (inRange(address, TEREDO)) {
    // RFC 4380: the client's address is stored with every bit inverted.
    return {
      v4: v4FromParts(~(parts[6] ?? 0) & 0xffff, ~(parts[7] ?? 0) & 0xffff),
      via: 'a Teredo address embedding ',
    };
  }
  return undefined;
}

function allowed(address: Address, allow: AllowNetworks): boolean {
  return allow.some((network) => inRange(address, network.range));
}

function judge(address: Address, allow: AllowNetworks): string | undefined {
  if (allowed(address, allow)) return undefined;
  if (address instanceof ipaddr.IPv4) return firstMatch(address, IPV4_REFUSED);
  const embedded = embeddedV4(address);
  if (embedded) {
    const reason = judge(embedded.v4, allow);
    return reason === undefined || embedded.via === '' ? reason : `${embedded.via}${reason}`;
  }
  return firstMatch(address, IPV6_REFUSED) ?? (inRange(address, GLOBAL_UNICAST) ? undefined : 'a reserved address');
}

/**
 * Why `address` (as `dns.lookup` gives it) may not be fetched, e.g. "a
 * private address"; undefined when it may. An address inside an allowed
 * range is never refused; text that is not an address always is.
 */
export function refusalReason(address: string, allow: AllowNetworks): string | undefined {
  const parsed = parseAddress(address);
  if (parsed === undefined) return 'not an IP address';
  return judge(parsed, allow);
}

/** A refusal of a URL before any name is resolved. */
export interface UrlRefusal {
  /** The URL's host as written in it (an IPv6 literal without brackets). */
  host: string;
  /** The address refused, when the host is an IP literal. */
  address?: string;
  reason: string;
  /** Whether allowNetworks could permit it (not so for a scheme). */
  allowable: boolean;
}

const LOOPBACK_V4 = ipaddr.IPv4.parse('127.0.0.1');

/**
 * Why `url` may not be fetched, judged from the URL alone: a scheme other
 * than http(s), an IP literal that is refused (the WHATWG parser has
 * already turned `http://2130706433/` and `http://0x7f.1/` into
 * 127.0.0.1), or `localhost` and `*.localhost`, which resolve to loopback
 * by definition (RFC 6761) and are refused unless 127.0.0.1 is allowed.
 * Other names are judged when they are resolved.
 */
export function urlRefusal(url: URL, allow: AllowNetworks): UrlRefusal | undefined {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { host, reason: `not an http(s) URL (${url.protocol})`, allowable: false };
  }
  const address = parseAddress(host);
  if (address !== undefined) {
    const reason = judge(address, allow);
    return reason === undefined ? undefined : { host, address: host, reason, allowable: true };
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  if ((name === 'localhost' || name.endsWith('.localhost')) && !allowed(LOOPBACK_V4, allow)) {
    return { host, reason: 'a loopback name', allowable: true };
  }
  return undefined;
}

/** The reason of urlRefusal: undefined when the URL may be requested and its name resolved. */
export function checkUrl(url: URL, allow: AllowNetworks): string | undefined {
  return urlRefusal(url, allow)?.reason;
}
