/**
 * The rendered-article cache: one JSON file per entry digest holding the
 * article's HTML and reading time, written by the render workers and read by
 * the article page. A digest covers the file's bytes and the renderer
 * (src/render/fingerprint-fs.ts), so a file, once written, is never stale.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPaths } from '#src/archive/paths.ts';

export interface RenderedArticle {
  html: string;
  /** Whole minutes of reading, at least one. */
  minutes: number;
}

const DIGEST = /^[0-9a-f]+$/;

export function renderedFile(dir: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new Error(`"${digest}" is not an entry digest.`);
  return join(dir, `${digest}.json`);
}

/** Digests with a rendered file in `names` (a listing of the cache folder). */
export function renderedDigests(names: readonly string[]): Set<string> {
  const digests = new Set<string>();
  for (const name of names) if (name.endsWith('.json')) digests.add(name.slice(0, -'.json'.length));
  return digests;
}

/** Written beside and renamed into place, so an interrupted build never leaves half a file. */
export function writeRendered(file: string, article: RenderedArticle): void {
  const temp = `${file}.${process.pid}.${process.hrtime.bigint()}.tmp`;
  writeFileSync(temp, JSON.stringify(article));
  renameSync(temp, file);
}

/** The rendered article for an entry digest; the error says how to recover when it is missing. */
export function readRendered(digest: string, dir: string = buildPaths.rendered): RenderedArticle {
  const file = renderedFile(dir, digest);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `The rendered article ${file} is missing: the content sync renders every item, so delete ${dir} and build again.`,
    );
  }
  const article: unknown = JSON.parse(text);
  if (
    typeof article !== 'object' ||
    article === null ||
    !('html' in article) ||
    typeof article.html !== 'string' ||
    !('minutes' in article) ||
    typeof article.minutes !== 'number'
  ) {
    throw new Error(`The rendered article ${file} is not in the expected form: delete ${dir} and build again.`);
  }
  return { html: article.html, minutes: article.minutes };
}
