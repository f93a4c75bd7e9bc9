/**
 * The sharing cards on disk: each drawn once (src/site/og-card.ts, to PNG with
 * sharp) and kept in the build's cache folder under its digest, so a later
 * build reads the card of an unchanged article instead of drawing it again.
 * Cards are drawn a few at a time, and a card asked for twice at once is drawn
 * once; each file is written beside and renamed into place, so an interrupted
 * build never leaves half of one. The cards no article shows any more are
 * removed, so the folder holds the current cards only.
 */

import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type OgCardInputs, ogCardKey, ogCardSvg } from './og-card.ts';

/** Draws an SVG document as PNG bytes. */
export type OgRenderer = (svg: string) => Promise<Uint8Array>;

/**
 * The SVG as an indexed PNG at the highest compression: a card of flat colours
 * and text fits in a palette, so it weighs a few kilobytes. sharp writes no
 * metadata unless asked, and the same SVG gives the same bytes on a machine
 * (its fonts, found by fontconfig, are part of the drawing).
 */
export const renderPng: OgRenderer = async (svg) => {
  // Loaded on first use: a build with no card to draw never pays for the native library.
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg), { density: 72 })
    .png({ palette: true, colours: 64, compressionLevel: 9, effort: 10 })
    .toBuffer();
};

export interface OgCardStore {
  /** The PNG of the card, from the cache or drawn (and cached) now. */
  card(inputs: OgCardInputs): Promise<Uint8Array>;
}

export interface OgCardStoreOptions {
  render?: OgRenderer;
  /** Cards drawn at once; the machine's cores by default. */
  concurrency?: number;
}

let writes = 0;

export function ogCardStore(dir: string, options: OgCardStoreOptions = {}): OgCardStore {
  const render = options.render ?? renderPng;
  const limit = Math.max(1, options.concurrency ?? availableParallelism());
  const pending = new Map<string, Promise<Uint8Array>>();
  const waiting: (() => void)[] = [];
  let running = 0;

  async function draw(svg: string): Promise<Uint8Array> {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await render(svg);
    } finally {
      running--;
      waiting.shift()?.();
    }
  }

  async function load(key: string, inputs: OgCardInputs): Promise<Uint8Array> {
    const file = join(dir, `${key}.png`);
    try {
      return await readFile(file);
    } catch {}
    const png = await draw(ogCardSvg(inputs));
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.${++writes}.tmp`;
    await writeFile(temp, png);
    await rename(temp, file);
    return png;
  }

  return {
    card(inputs) {
      const key = ogCardKey(inputs);
      let found = pending.get(key);
      if (!found) {
        found = load(key, inputs).finally(() => pending.delete(key));
        pending.set(key, found);
      }
      return found;
    },
  };
}

/** Removes the cards in `dir` whose digest is not in `keep`; returns how many. */
export async function pruneOgCards(dir: string, keep: ReadonlySet<string>): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((name) => /^[0-9a-f]+\.png$/.test(name) && !keep.has(name.slice(0, -'.png'.length)));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale.length;
}
