/**
 * The index of what a feed already has in the archive, read from the YAML
 * frontmatter of <itemsDir>/<feed id>/*.md (the Markdown body is never
 * parsed). It maps each item key to its file and item hash so the
 * snapshot can recognise unchanged items before any conversion.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { containedPath } from './write-fs.ts';

/** What the snapshot needs to know about one archived item. */
export interface ArchivedItem {
  /** File stem (name without `.md`). */
  stem: string;
  hash: string;
  firstSeen: string;
  published?: string;
  /** When the item was last marked updated, if ever: a rehash keeps it. */
  updated?: string;
  link?: string;
  title?: string;
  /** Set when the item was found retracted. */
  retracted?: string;
  /** `page` when its body is the article extracted from its page. */
  textSource?: string;
}

/** Archived items of one feed by key, plus every stem in its folder. */
export interface ArchiveIndex {
  byKey: Map<string, ArchivedItem>;
  stems: Set<string>;
}

/** Files read between yields to the event loop, so other feeds' fetches keep moving. */
const READ_BATCH = 500;

/** The frontmatter block of an item file, or undefined when it has none. */
export function frontmatterText(text: string): string | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  return match?.[1];
}

function asIso(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

const INDEX_KEYS = new Set([
  'id',
  'hash',
  'firstSeen',
  'published',
  'updated',
  'link',
  'title',
  'retracted',
  'textSource',
]);

/** A one-line YAML scalar read without a YAML parser, or undefined when it needs one. */
function simpleScalar(raw: string): string | undefined {
  const value = raw.trim();
  if (value.startsWith('"')) {
    return value.endsWith('"') &&
      value.length > 1 &&
      !value.slice(1, -1).includes('\\') &&
      !value.slice(1, -1).includes('"')
      ? value.slice(1, -1)
      : undefined;
  }
  if (value.startsWith("'")) {
    const inner = value.slice(1, -1);
    return value.endsWith("'") && value.length > 1 && !inner.replace(/''/g, '').includes("'")
      ? inner.replace(/''/g, "'")
      : undefined;
  }
  if (value === '' || /^[|>&*!%@`{[]/.test(value) || / #/.test(value)) return undefined;
  return value;
}

/**
 * The index fields of a frontmatter block. The writer puts each of them on
 * one line, so a line scan reads them about ten times faster than a YAML
 * parse; anything unusual (escapes, block scalars, comments) falls back to
 * the YAML library.
 */
function indexFields(block: string): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  for (const line of block.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon <= 0 || line.startsWith(' ')) continue;
    const key = line.slice(0, colon);
    if (!INDEX_KEYS.has(key)) continue;
    const value = simpleScalar(line.slice(colon + 2));
    if (value === undefined) return parseFields(block);
    fields[key] = value;
  }
  return fields;
}

function parseFields(block: string): Record<string, unknown> | undefined {
  const data: unknown = parse(block);
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
}

/** Read the index fields from one file's text; undefined when the file is not an item. */
export function indexEntry(stem: string, text: string): { key: string; item: ArchivedItem } | undefined {
  const block = frontmatterText(text);
  if (block === undefined) return undefined;
  const record = indexFields(block);
  if (record === undefined) return undefined;
  const key = record.id;
  const hash = record.hash;
  const firstSeen = asIso(record.firstSeen);
  if (typeof key !== 'string' || typeof hash !== 'string' || firstSeen === undefined) return undefined;
  const item: ArchivedItem = { stem, hash, firstSeen };
  const published = asIso(record.published);
  if (published !== undefined) item.published = published;
  const updated = asIso(record.updated);
  if (updated !== undefined) item.updated = updated;
  if (typeof record.link === 'string') item.link = record.link;
  if (typeof record.title === 'string') item.title = record.title;
  const retracted = asIso(record.retracted);
  if (retracted !== undefined) item.retracted = retracted;
  if (typeof record.textSource === 'string') item.textSource = record.textSource;
  return { key, item };
}

const HEAD_BYTES = 4096;

/**
 * The start of a file, enough for its frontmatter; the whole file when the
 * frontmatter is longer. Synchronous on purpose: for thousands of small files
 * one read syscall each is several times cheaper than the promise API's
 * thread-pool round trips, and the caller yields between batches.
 */
function readHead(file: string, buffer: Buffer): string {
  const fd = openSync(file, 'r');
  let length: number;
  try {
    length = readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buffer.toString('utf8', 0, length);
  if (length < buffer.length || frontmatterText(head) !== undefined) return head;
  return readFileSync(file, 'utf8');
}

/** Index one feed's folder; an absent folder is an empty archive. */
export async function readArchiveIndex(itemsDir: string, feedId: string): Promise<ArchiveIndex> {
  const folder = containedPath(itemsDir, feedId);
  const index: ArchiveIndex = { byKey: new Map(), stems: new Set() };
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return index;
    throw error;
  }
  const files = names.filter((name) => name.endsWith('.md') && !name.startsWith('.')).sort();
  const buffer = Buffer.allocUnsafe(HEAD_BYTES);
  for (let start = 0; start < files.length; start += READ_BATCH) {
    if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    for (const name of files.slice(start, start + READ_BATCH)) {
      const stem = name.slice(0, -3);
      index.stems.add(stem);
      // A name the folder listed is one segment, never `.` or `..`: it stays in the folder as joined.
      const entry = indexEntry(stem, readHead(join(folder, name), buffer));
      if (entry && !index.byKey.has(entry.key)) index.byKey.set(entry.key, entry.item);
    }
  }
  return index;
}
