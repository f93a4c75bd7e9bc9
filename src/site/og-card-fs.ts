/**
 * The sharing cards on disk: each drawn once (src/site/og-card.ts, to PNG with
 * sharp) and kept in the build's cache folder under its digest, so a later
 * build reads the card of an unchanged article instead of drawing it again.
 * Cards are drawn a few at a time (ahead of the build's requests, when
 * warmed), and a card asked for twice at once is drawn once; each file is
 * written beside and renamed into place, so an interrupted build never leaves
 * half of one. The cards no article shows any more are removed, so the folder
 * holds the current cards only.
 */
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { type OgCardInputs, ogCardKey, ogCardSvg } from './og-card.ts';

/** Draws an SVG document as PNG bytes. */
export type OgRenderer = (svg: string) => Promise<Uint8Array>;

/**
 * The SVG as an indexed PNG: a card of five flat colours and their
 * anti-aliased edges needs no dithering and no more than 16 colours, of which
 * the quickest quantisation (effort 1) at quality 40 keeps about ten, the
 * edges looking the same; zlib's default level then packs it in about 9.6 kB.
 * Measured over 50 cards against 16 colours at level 9: 14 ms of encoding a
 * card instead of 20 (besides about 8 ms of drawing the SVG) and 9.6 kB
 * instead of 10.7; level 9 costs 5 ms more for 0.3 kB less. sharp writes no
 * metadata unless asked, and the same SVG gives the same bytes on a machine
 * (its fonts, found by fontconfig, are part of the drawing).
 */
export const renderPng: OgRenderer = async (svg) => {
  // Loaded on first use: a build with no card to draw never pays for the native library.
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg), { density: 72 })
    .png({ palette: true, colours: 16, quality: 40, dither: 0, effort: 1, compressionLevel: 6 })
    .toBuffer();
};

export interface OgCardStore {
  /** The PNG of the card, from the cache or drawn (and cached) now. */
  card(inputs: OgCardInputs): Promise<Uint8Array>;
  /**
   * Draws the cards of `all` that the cache does not hold, `concurrency` at a
   * time, so they are drawn on every core while the build asks for them one by
   * one; a card asked for meanwhile waits for its drawing. A card that fails
   * here is drawn again, and its error thrown, when it is asked for.
   */
  warm(all: readonly OgCardInputs[]): Promise<void>;
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
  const fileOf = (key: string) => join(dir, `${key}.png`);

  async function draw(key: string, inputs: OgCardInputs): Promise<Uint8Array> {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    let png: Uint8Array;
    try {
      png = await render(ogCardSvg(inputs));
    } finally {
      running--;
      waiting.shift()?.();
    }
    const file = fileOf(key);
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.${++writes}.tmp`;
    await writeFile(temp, png);
    await rename(temp, file);
    return png;
  }

  /** The drawing of a card, once however many ask for it at once. */
  function drawing(key: string, inputs: OgCardInputs): Promise<Uint8Array> {
    let found = pending.get(key);
    if (!found) {
      found = draw(key, inputs).finally(() => pending.delete(key));
      pending.set(key, found);
    }
    return found;
  }

  return {
    async card(inputs) {
      const key = ogCardKey(inputs);
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      try {
        return await readFile(fileOf(key));
      } catch {}
      return drawing(key, inputs);
    },

    async warm(all) {
      const queue = [...all];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const key = ogCardKey(next);
          if (pending.has(key)) continue;
          const cached = await access(fileOf(key)).then(
            () => true,
            () => false,
          );
          if (!cached) await drawing(key, next).catch(() => undefined);
        }
      };
      await Promise.all(Array.from({ length: limit }, worker));
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
