import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  ellipsize,
  emWidth,
  escapeXml,
  OG_HEIGHT,
  OG_WIDTH,
  type OgCardInputs,
  ogCardInputs,
  ogCardKey,
  ogCardSvg,
  wrapLines,
} from '#src/site/og-card.ts';
import { ogCardStore, pruneOgCards, renderPng } from '#src/site/og-card-fs.ts';
import { useTempDir } from '../helpers/temp-dir.ts';

const inputs: OgCardInputs = {
  siteTitle: 'feedshelf',
  title: 'Querying with SQL',
  sourceName: 'Alpha Blog',
  date: 'Jan 20, 2026',
};

/** The text of each <text> element of an SVG, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) =>
    (match[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

describe('escapeXml', () => {
  it('escapes the characters special to XML and drops those XML forbids', () => {
    expect(escapeXml(`a<b & "c" 'd'>\u0001e`)).toBe('a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;e');
    expect(escapeXml('x\ud800y\udc00z 😀')).toBe('xyz 😀');
  });
});

describe('wrapLines', () => {
  it('fills words into lines of the width', () => {
    expect(wrapLines('one two three four five', 9, 3)).toEqual(['one two', 'three', 'four five']);
    expect(wrapLines('short', 9, 3)).toEqual(['short']);
  });

  it('stops at the last line, which ends in an ellipsis when words are left over', () => {
    expect(wrapLines('one two three four five six seven', 9, 2)).toEqual(['one two', 'three…']);
    expect(wrapLines('one two abcdefghijklmn', 9, 2)).toEqual(['one two', 'abcdefgh…']);
    const long = 'The quick brown fox jumps over the lazy dog while the archive keeps every word it ever saw';
    expect(wrapLines(long, 26, 3)).toEqual([
      'The quick brown fox jumps',
      'over the lazy dog while',
      'the archive keeps every…',
    ]);
  });

  it('breaks a word longer than a line', () => {
    expect(wrapLines('abcdefghijkl xy', 5, 3)).toEqual(['abcde', 'fghij', 'kl xy']);
  });
});

describe('wrapLines by estimated width', () => {
  it('fits fewer wide letters than narrow ones on a line', () => {
    expect(emWidth('MW')).toBeGreaterThan(emWidth('il'));
    expect(wrapLines('WWW WWW iii iii', 4, 3, emWidth)).toEqual(['WWW', 'WWW', 'iii iii']);
  });

  it('breaks a wide word where it stops fitting, and ends the last line with an ellipsis that fits', () => {
    expect(wrapLines('MMMMMMMM', 2.5, 3, emWidth)).toEqual(['MM', 'MM', 'M…']);
    expect(ellipsize('Alpha Beta Gamma', 6, emWidth)).toBe('Alpha…');
    expect(emWidth(ellipsize('Alpha Beta Gamma', 6, emWidth))).toBeLessThanOrEqual(6);
  });
});

describe('ogCardSvg', () => {
  it('writes the site title, the title lines and the byline, escaped', () => {
    const svg = ogCardSvg({ ...inputs, title: 'Tags <b> & "quotes"', sourceName: 'R&D <Lab>' });
    expect(texts(svg)).toEqual(['feedshelf', 'Tags <b> & "quotes"', 'R&D <Lab> · Jan 20, 2026']);
    expect(svg).toContain('>Tags &lt;b&gt; &amp; &quot;quotes&quot;</text>');
    expect(svg).not.toMatch(/<b>|R&D/);
    expect(svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}"`)).toBe(
      true,
    );
  });

  it('keeps every line of an all-capitals title within the card', () => {
    const svg = ogCardSvg({ ...inputs, title: 'MODERN WORKFLOWS WITH MANY WIDE WORDS: MAXIMUM WIDTH OF HEADLINES' });
    const lines = texts(svg).slice(1, -1);
    expect(lines).toEqual(['MODERN WORKFLOWS', 'WITH MANY WIDE WORDS:', 'MAXIMUM WIDTH OF…']);
    for (const line of lines) expect(emWidth(line) * 60).toBeLessThanOrEqual(OG_WIDTH - 160);
  });

  it('shows at most three lines of a long title', () => {
    const svg = ogCardSvg({ ...inputs, title: 'word '.repeat(40) });
    const lines = texts(svg).slice(1, -1);
    expect(lines).toHaveLength(3);
    expect(lines[2]?.endsWith('…')).toBe(true);
  });
});

describe('ogCardKey and ogCardInputs', () => {
  it('changes with anything the card shows', () => {
    const key = ogCardKey(inputs);
    expect(ogCardKey({ ...inputs })).toBe(key);
    for (const field of ['siteTitle', 'title', 'sourceName', 'date'] as const) {
      expect(ogCardKey({ ...inputs, [field]: `${inputs[field]}!` })).not.toBe(key);
    }
  });

  it("formats the date in the site's language, in UTC", () => {
    const item = { data: { title: 'T', published: new Date('2026-01-20T23:30:00Z') } };
    expect(ogCardInputs(item, 'Alpha', 'Site', 'en')).toEqual({
      siteTitle: 'Site',
      title: 'T',
      sourceName: 'Alpha',
      date: 'Jan 20, 2026',
    });
  });
});

describe('renderPng', () => {
  it('gives the same bytes for the same card: a small indexed 1200×630 PNG without metadata', async () => {
    const svg = ogCardSvg(inputs);
    const [first, second] = await Promise.all([renderPng(svg), renderPng(svg)]);
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    const metadata = await sharp(first).metadata();
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['png', OG_WIDTH, OG_HEIGHT]);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.icc).toBeUndefined();
    // At most 16 colours, four bits a pixel: this card is 6.0 kB here (6.5 kB at zlib level 9 and quality 100),
    // a plain RGB PNG about 30 kB; the headroom is for another machine's fonts.
    expect([metadata.isPalette, metadata.bitsPerSample]).toEqual([true, 4]);
    expect(first.length).toBeLessThan(8 * 1024);
    const hostile = ogCardSvg({ ...inputs, title: `]]><script>&amp;\u0007\ud800 "x"`, sourceName: '<!--' });
    expect((await sharp(await renderPng(hostile)).metadata()).width).toBe(OG_WIDTH);
    const other = await renderPng(ogCardSvg({ ...inputs, title: 'Another title' }));
    expect(Buffer.compare(Buffer.from(first), Buffer.from(other))).not.toBe(0);
  });
});

describe('ogCardStore', () => {
  const work = useTempDir('feedshelf-og-');

  function counting() {
    const drawn: string[] = [];
    return {
      drawn,
      render: async (svg: string) => {
        drawn.push(texts(svg)[1] ?? '');
        return new TextEncoder().encode(`png of ${svg.length}`);
      },
    };
  }

  it('draws a card once, then reads it from the cache, in this build and the next', async () => {
    const dir = join(work.path, 'og');
    const first = counting();
    const store = ogCardStore(dir, { render: first.render });
    const [a, b] = await Promise.all([store.card(inputs), store.card(inputs)]);
    expect(first.drawn).toEqual(['Querying with SQL']);
    expect(Buffer.from(a).toString()).toBe(Buffer.from(b).toString());
    expect(await readdir(dir)).toEqual([`${ogCardKey(inputs)}.png`]);

    const next = counting();
    const warm = ogCardStore(dir, { render: next.render });
    expect(Buffer.from(await warm.card(inputs)).toString()).toBe(Buffer.from(a).toString());
    expect(next.drawn).toEqual([]);

    await warm.card({ ...inputs, title: 'Querying with SQL, again' });
    expect(next.drawn).toEqual(['Querying with SQL, again']);
    expect((await readdir(dir)).sort()).toEqual(
      [ogCardKey(inputs), ogCardKey({ ...inputs, title: 'Querying with SQL, again' })]
        .map((key) => `${key}.png`)
        .sort(),
    );
    expect(await readFile(join(dir, `${ogCardKey(inputs)}.png`), 'utf8')).toBe(Buffer.from(a).toString());
  });

  it('draws no more cards at once than its concurrency', async () => {
    let running = 0;
    let most = 0;
    const store = ogCardStore(work.path, {
      concurrency: 2,
      render: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        return new Uint8Array([1]);
      },
    });
    await Promise.all(Array.from({ length: 7 }, (_, index) => store.card({ ...inputs, title: `Title ${index}` })));
    expect(most).toBe(2);
    expect(await readdir(work.path)).toHaveLength(7);
  });

  it('removes the cards no article shows any more, and nothing else', async () => {
    const store = ogCardStore(work.path, { render: async () => new Uint8Array([1]) });
    const kept = { ...inputs, title: 'Kept' };
    await Promise.all([store.card(kept), store.card({ ...inputs, title: 'Gone' })]);
    await writeFile(join(work.path, 'notes.txt'), 'not a card');
    expect(await pruneOgCards(work.path, new Set([ogCardKey(kept)]))).toBe(1);
    expect((await readdir(work.path)).sort()).toEqual([`${ogCardKey(kept)}.png`, 'notes.txt']);
    expect(await pruneOgCards(join(work.path, 'missing'), new Set())).toBe(0);
  });
});

describe('ogCardStore.warm', () => {
  const work = useTempDir('feedshelf-og-warm-');

  it('draws the missing cards ahead, a bounded number at once, and the requests then draw nothing', async () => {
    const drawn: string[] = [];
    let running = 0;
    let most = 0;
    const render = async (svg: string) => {
      drawn.push(texts(svg)[1] ?? '');
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return new TextEncoder().encode(texts(svg)[1] ?? '');
    };
    const cached = { ...inputs, title: 'Cached' };
    await ogCardStore(work.path, { render }).card(cached);
    drawn.length = 0;
    const store = ogCardStore(work.path, { render, concurrency: 2 });
    const all = [cached, ...Array.from({ length: 5 }, (_, index) => ({ ...inputs, title: `Title ${index}` }))];
    const warming = store.warm(all);
    // A request during the warming waits for the drawing already under way.
    const early = await store.card(all[1] as OgCardInputs);
    await warming;
    expect(Buffer.from(early).toString()).toBe('Title 0');
    expect(drawn.sort()).toEqual(['Title 0', 'Title 1', 'Title 2', 'Title 3', 'Title 4']);
    expect(most).toBe(2);
    for (const card of all) expect(Buffer.from(await store.card(card)).toString()).toBe(card.title);
    expect(drawn).toHaveLength(5);
  });

  it('leaves a card that failed to the request, which draws it again and says why', async () => {
    let calls = 0;
    const store = ogCardStore(work.path, {
      render: async () => {
        calls++;
        throw new Error(`no fonts (${calls})`);
      },
    });
    await store.warm([inputs]);
    await expect(store.card(inputs)).rejects.toThrow('no fonts (2)');
  });
});
