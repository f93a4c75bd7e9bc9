/**
 * The weight of the built site, by kind (pages, search index, images: the
 * archived ones and the sharing cards, the rest), against the limits of the host it is deployed to:
 * GitHub Pages publishes at most 1 GB a site; Cloudflare Pages at most
 * 20,000 files of at most 25 MiB each. A site past its host's limits is
 * named before it is deployed, with what to do. Pure.
 */

export type OutputKind = 'html' | 'search' | 'media' | 'assets';

export interface OutputSize {
  files: number;
  bytes: number;
  /** Files and bytes by kind. */
  kinds: Record<OutputKind, { files: number; bytes: number }>;
  /** The largest file, as a path under the output folder, and its bytes. */
  largest?: { file: string; bytes: number };
}

/** What a file under the output folder is, from its path (`/` separated). */
export function outputKind(file: string): OutputKind {
  if (file.startsWith('pagefind/')) return 'search';
  if (file.startsWith('media/') || file.startsWith('og/')) return 'media';
  return file.endsWith('.html') ? 'html' : 'assets';
}

export function emptyOutputSize(): OutputSize {
  const zero = () => ({ files: 0, bytes: 0 });
  return { files: 0, bytes: 0, kinds: { html: zero(), search: zero(), media: zero(), assets: zero() } };
}

/** Counts one file in. */
export function addOutputFile(size: OutputSize, file: string, bytes: number): void {
  const kind = size.kinds[outputKind(file)];
  kind.files++;
  kind.bytes += bytes;
  size.files++;
  size.bytes += bytes;
  if (size.largest === undefined || bytes > size.largest.bytes) size.largest = { file, bytes };
}

export interface HostLimits {
  name: string;
  /** Bytes of the whole site. */
  siteBytes?: number;
  files?: number;
  fileBytes?: number;
}

/** The hosts FEEDSHELF_HOST names; `none` checks nothing. */
export const HOSTS: Readonly<Record<string, HostLimits>> = {
  'github-pages': { name: 'GitHub Pages', siteBytes: 1_000_000_000 },
  'cloudflare-pages': { name: 'Cloudflare Pages', files: 20_000, fileBytes: 25 * 1024 * 1024 },
  none: { name: 'no host' },
};

export const DEFAULT_HOST = 'github-pages';

/** The limits FEEDSHELF_HOST names, or an error listing the hosts known. */
export function hostLimits(value: string | undefined): HostLimits {
  const key = value === undefined || value === '' ? DEFAULT_HOST : value;
  const host = HOSTS[key];
  if (!host) {
    throw new Error(`FEEDSHELF_HOST must be one of ${Object.keys(HOSTS).join(', ')}, not "${value}".`);
  }
  return host;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** One line of the site's weight: all, then by kind. */
export function formatOutputSize(size: OutputSize): string {
  const part = (label: string, kind: OutputKind) =>
    `${label} ${megabytes(size.kinds[kind].bytes)} in ${size.kinds[kind].files}`;
  return `Output ${megabytes(size.bytes)} in ${size.files} files (${[
    part('pages', 'html'),
    part('search index', 'search'),
    part('images', 'media'),
    part('other assets', 'assets'),
  ].join('; ')}).`;
}

/** What passes the host's limits, one sentence each, with what to do; none when it fits. */
export function overHostLimits(size: OutputSize, host: HostLimits): string[] {
  const found: string[] = [];
  const advice =
    'lower defaults.mediaLimits.budget or set defaults.mediaLimits.downscale in feeds.yaml, or deploy elsewhere (FEEDSHELF_HOST)';
  if (host.siteBytes !== undefined && size.bytes > host.siteBytes) {
    found.push(
      `The site is ${megabytes(size.bytes)}; ${host.name} publishes at most ${megabytes(host.siteBytes)}: ${advice}. Its images are ${megabytes(size.kinds.media.bytes)}, its search index ${megabytes(size.kinds.search.bytes)}.`,
    );
  }
  if (host.files !== undefined && size.files > host.files) {
    found.push(
      `The site has ${size.files} files; ${host.name} takes at most ${host.files}: deploy elsewhere (FEEDSHELF_HOST) or split the archive into sites of fewer feeds.`,
    );
  }
  if (host.fileBytes !== undefined && size.largest !== undefined && size.largest.bytes > host.fileBytes) {
    found.push(
      `${size.largest.file} is ${megabytes(size.largest.bytes)}; ${host.name} takes at most ${megabytes(host.fileBytes)} in one file.`,
    );
  }
  return found;
}
