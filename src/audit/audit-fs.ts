/**
 * Runs the build audit over a built site: every HTML page for script the site
 * did not write, and every text file (and Pagefind's compressed records) for
 * paths of the build machine.
 */
import { realpathSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { isRasterHead } from '#src/archive/media.ts';
import { type AuditFinding, auditHtml } from './audit.ts';
import { findLocalPaths, type LocalPathFinding, machineFolders } from './local-paths.ts';

export { formatFindings } from './audit.ts';
export { formatLocalPathFindings, type LocalPathFinding } from './local-paths.ts';

export interface AuditDistOptions {
  /** The site's base path; defaults to "/". */
  base?: string;
}

/** Audits every .html file under `dir`; findings are sorted by file, then line. */
export async function auditDist(dir: string, options: AuditDistOptions = {}): Promise<AuditFinding[]> {
  const base = options.base ?? '/';
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const pages = entries
    .filter((entry) => entry.isFile() && /\.html?$/i.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const findings: AuditFinding[] = [];
  for (const page of pages) {
    const file = relative(dir, page).split(sep).join('/');
    findings.push(...auditHtml(await readFile(page, 'utf8'), file, { base }));
  }
  // The archived images and the sharing cards: nothing under media/ or og/ may be anything but a
  // raster image (no SVG, no HTML).
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (!file.startsWith('media/') && !file.startsWith('og/')) continue;
    const head = (await readFile(join(entry.parentPath, entry.name))).subarray(0, 16);
    if (!isRasterHead(head)) {
      findings.push({
        file,
        rule: 'media-not-raster',
        snippet: new TextDecoder().decode(head).replace(/[^\x20-\x7e]/g, '.'),
      });
    }
  }
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** Output files read as text: pages, feeds, sitemaps, OPML, search metadata, scripts and styles. */
const TEXT_FILE = /\.(?:html?|xml|xsl|json|opml|txt|js|mjs|css|svg|webmanifest|map)$/i;
/** Pagefind's records, index chunks, filters and metadata: gzip, then a signature, then CBOR or JSON. */
const PAGEFIND_FILE = /\.pf_(?:fragment|index|meta|filter)$/;

/**
 * System temp folders that every machine has and articles quote (`/tmp/x`): a page that shows one
 * says nothing about the build machine. The temp folders the build uses are looked for instead.
 */
const SHARED_TEMP = new Set(['/tmp', '/var/tmp', '/dev/shm', 'C:\\Temp', 'C:\\Windows\\Temp']);

/**
 * The folders of this machine no page may show: the project's root, the home folder, the temp
 * folder unless it is a shared one like /tmp, CI's temp folder, and `used` (the output, cache and
 * archive folders of this build), each as given and resolved through links.
 */
export function buildMachineFolders(root: string, used: readonly string[] = []): string[] {
  const temp = tmpdir();
  const folders = [root, homedir(), ...(SHARED_TEMP.has(temp) ? [] : [temp]), ...used];
  if (process.env.RUNNER_TEMP) folders.push(process.env.RUNNER_TEMP);
  const resolved = folders.flatMap((folder) => {
    try {
      return [realpathSync(folder)];
    } catch {
      return [];
    }
  });
  return machineFolders([...folders, ...resolved].filter((folder) => !SHARED_TEMP.has(folder)));
}

/** The text of an output file, or undefined for a binary file that is not Pagefind's. */
async function outputText(path: string, name: string): Promise<string | undefined> {
  if (TEXT_FILE.test(name)) return readFile(path, 'utf8');
  if (!PAGEFIND_FILE.test(name)) return undefined;
  try {
    // Binary CBOR keeps its strings as UTF-8 bytes, so a path shows through the lossy decoding.
    return gunzipSync(await readFile(path)).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Every build-machine path in the output under `dir`, sorted by file, then line. */
export async function auditLocalPaths(dir: string, folders: readonly string[]): Promise<LocalPathFinding[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  const findings: LocalPathFinding[] = [];
  for (const path of files) {
    const text = await outputText(path, path.slice(path.lastIndexOf(sep) + 1));
    if (text === undefined) continue;
    findings.push(...findLocalPaths(text, relative(dir, path).split(sep).join('/'), folders));
  }
  return findings;
}
